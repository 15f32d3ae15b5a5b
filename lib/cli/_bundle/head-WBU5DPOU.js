// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  lineCountCommand
} from "./chunk-MFBQ3ONO.js";
import "./chunk-J4V7BTMP.js";
import {
  take
} from "./chunk-GV3AIMPB.js";
import "./chunk-74UOXEM4.js";
import "./chunk-6PUDEJMY.js";
import "./chunk-HLMCZC6Z.js";
import "./chunk-5L23PBXP.js";
import {
  readLines
} from "./chunk-7LQHHAKO.js";
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

// lib/cli/commands/head.ts
var head = lineCountCommand({
  name: "head",
  synopsis: "head -n N",
  summary: "the first N lines (stops reading)"
}, "Print the first N lines of each file, and stop reading there.", [
  "sluice head -n 20 app.log",
  "zcat big.gz | sluice head -n 5",
  "sluice head -n 1 -q *.log"
], (_ctx, input, n, read) => Promise.resolve({
  source: readLines(input, read),
  stage: take(n)
}));
export {
  head
};
