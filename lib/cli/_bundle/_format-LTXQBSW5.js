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
} from "./chunk-ZWNO5G27.js";
import "./chunk-3DGNYIZI.js";
import "./chunk-347TNIDF.js";
import "./chunk-4ONHFX2W.js";
import {
  referenceOf
} from "./chunk-CAS76WZV.js";
import "./chunk-2DP43KBK.js";
import "./chunk-BHVBMKKE.js";
import "./chunk-NIKK3DT6.js";
import "./chunk-HLMCZC6Z.js";
import "./chunk-5L23PBXP.js";
import "./chunk-7W377BI5.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-LXPVDTEI.js";
import "./chunk-BBHQB3UX.js";
import "./chunk-UXBWY6EI.js";
import "./chunk-STV52ALK.js";
import "./chunk-DCQUZAZK.js";
import "./chunk-65U4WM43.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-3ILZAVZR.js";
import "./chunk-PUEIFZJK.js";
import "./chunk-3ZLT75EY.js";
import "./chunk-YI5BI3QP.js";
import "./chunk-UFWFZGQU.js";
import "./chunk-S4ZOQICP.js";
import "./chunk-HBZSIY22.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-RJWQ7O3S.js";
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
