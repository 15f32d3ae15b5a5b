// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  groupByPartial,
  mergeGroups
} from "./chunk-EZDNK36W.js";
import "./chunk-HLMCZC6Z.js";
import "./chunk-LXPVDTEI.js";
import "./chunk-BBHQB3UX.js";
import "./chunk-UXBWY6EI.js";
import "./chunk-STV52ALK.js";
import "./chunk-DIWDEBFX.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-3ILZAVZR.js";
import "./chunk-PUEIFZJK.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-RJWQ7O3S.js";
export {
  groupByPartial,
  mergeGroups
};
