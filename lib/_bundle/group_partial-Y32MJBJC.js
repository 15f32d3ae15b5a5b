// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  groupByPartial,
  mergeGroups
} from "./chunk-Z2YFETVS.js";
import "./chunk-DIWDEBFX.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-26CEWXRP.js";
import "./chunk-QH2JZ7BK.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-O7X6YPEY.js";
import "./chunk-STV52ALK.js";
import "./chunk-3ILZAVZR.js";
import "./chunk-RJWQ7O3S.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";
export {
  groupByPartial,
  mergeGroups
};
