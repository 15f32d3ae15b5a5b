// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  pipeline
} from "./chunk-ROVXDBDY.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-LXPVDTEI.js";
import "./chunk-BBHQB3UX.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-UXBWY6EI.js";
import "./chunk-STV52ALK.js";
import "./chunk-RK7ET6WN.js";
import "./chunk-65U4WM43.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import "./chunk-3ILZAVZR.js";
import "./chunk-PUEIFZJK.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-RJWQ7O3S.js";
export {
  pipeline
};
