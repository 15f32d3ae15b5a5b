// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  bucketSize,
  formatOf,
  keyedRecords,
  parseStage,
  recordField,
  skipOptions,
  texts,
  timeFieldName,
  timeReading
} from "./chunk-4VPT6XIL.js";
import "./chunk-3DGNYIZI.js";
import {
  referenceOf
} from "./chunk-ORZEAUA4.js";
import "./chunk-VNGPJYIJ.js";
import "./chunk-4ONHFX2W.js";
import "./chunk-G2M2G3YN.js";
import "./chunk-BHVBMKKE.js";
import "./chunk-3ZLT75EY.js";
import "./chunk-EKLR5R5G.js";
import "./chunk-DCQUZAZK.js";
import "./chunk-YI5BI3QP.js";
import "./chunk-UFWFZGQU.js";
import "./chunk-ER7PIOC5.js";
import "./chunk-2DP43KBK.js";
import "./chunk-2T7D4BFK.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-HME7MDZD.js";
import "./chunk-2BHMVLWQ.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-H4K2N2UV.js";
import "./chunk-DBGDXXNI.js";
import "./chunk-UQVDOQX2.js";
import "./chunk-Y6AFSVNC.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-W7PSUR2W.js";
import "./chunk-65U4WM43.js";
import "./chunk-XSSWW4V7.js";
import "./chunk-FFM2QZVY.js";
import "./chunk-LTYBISTW.js";
import "./chunk-RJWQ7O3S.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";
export {
  bucketSize,
  formatOf,
  keyedRecords,
  parseStage,
  recordField,
  referenceOf,
  skipOptions,
  texts,
  timeFieldName,
  timeReading
};
