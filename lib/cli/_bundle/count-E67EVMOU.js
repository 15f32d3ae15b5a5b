// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  count,
  countLines
} from "./chunk-6QAPUABZ.js";
import "./chunk-J4V7BTMP.js";
import "./chunk-NH4IZYKJ.js";
import "./chunk-6PUDEJMY.js";
import "./chunk-5L23PBXP.js";
import "./chunk-7LQHHAKO.js";
import "./chunk-7W377BI5.js";
import "./chunk-ROVXDBDY.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-LXPVDTEI.js";
import "./chunk-BBHQB3UX.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-AJRTXXC2.js";
import "./chunk-UXBWY6EI.js";
import "./chunk-STV52ALK.js";
import "./chunk-RK7ET6WN.js";
import "./chunk-65U4WM43.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-X54HIHCS.js";
import "./chunk-R3JU4EVG.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import "./chunk-3ILZAVZR.js";
import "./chunk-PUEIFZJK.js";
import "./chunk-IUDX72IL.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-RJWQ7O3S.js";
export {
  count,
  countLines
};
