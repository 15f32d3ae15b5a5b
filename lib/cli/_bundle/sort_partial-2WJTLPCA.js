// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  mergeSorted,
  sortPartial
} from "./chunk-K47DT4EZ.js";
import "./chunk-GZGMG7HW.js";
import "./chunk-KF2MK53P.js";
import "./chunk-HLMCZC6Z.js";
import "./chunk-7LQHHAKO.js";
import "./chunk-7W377BI5.js";
import "./chunk-ROVXDBDY.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-LXPVDTEI.js";
import "./chunk-BBHQB3UX.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-UXBWY6EI.js";
import "./chunk-STV52ALK.js";
import "./chunk-HIO6RDNE.js";
import "./chunk-7IW3YWLL.js";
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
  mergeSorted,
  sortPartial
};
