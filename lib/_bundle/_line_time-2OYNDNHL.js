// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  lineTime,
  referenceOf
} from "./chunk-ORZEAUA4.js";
import "./chunk-EKLR5R5G.js";
import "./chunk-2DP43KBK.js";
import "./chunk-2T7D4BFK.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-HME7MDZD.js";
import "./chunk-RJWQ7O3S.js";
export {
  lineTime,
  referenceOf
};
