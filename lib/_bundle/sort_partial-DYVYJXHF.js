// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  mergeSorted,
  sortPartial
} from "./chunk-DXJBXPFF.js";
import "./chunk-N4HIULJO.js";
import "./chunk-FQ562YZV.js";
import "./chunk-HIO6RDNE.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-2PJPKHG3.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-4TGYKUN4.js";
import "./chunk-NKHTOK7U.js";
import "./chunk-37AQZZMX.js";
import "./chunk-R3JU4EVG.js";
import "./chunk-R7VB6IFH.js";
import "./chunk-YYVGN7B7.js";
import "./chunk-E2F53XKZ.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import "./chunk-5B5KKMAB.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-26CEWXRP.js";
import "./chunk-QH2JZ7BK.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-IZC5PQFH.js";
import "./chunk-65U4WM43.js";
import "./chunk-O7X6YPEY.js";
import "./chunk-STV52ALK.js";
import "./chunk-3ILZAVZR.js";
import "./chunk-RJWQ7O3S.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";
export {
  mergeSorted,
  sortPartial
};
