// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  lineTime,
  referenceOf
} from "./chunk-CAS76WZV.js";
import "./chunk-2DP43KBK.js";
import "./chunk-S4ZOQICP.js";
import "./chunk-HBZSIY22.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-RJWQ7O3S.js";
export {
  lineTime,
  referenceOf
};
