// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  MAX_RECORD_BYTES,
  decodeRecord,
  encodeRecord,
  readPartials,
  writePartial
} from "./chunk-M4AZLVSY.js";
import "./chunk-ZCQFLGF3.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-4TGYKUN4.js";
import "./chunk-52DZ6Q6M.js";
import "./chunk-IW54JPXQ.js";
import "./chunk-R3JU4EVG.js";
import "./chunk-R7VB6IFH.js";
import "./chunk-YYVGN7B7.js";
import "./chunk-E2F53XKZ.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import "./chunk-MMDC6ZXI.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-U5YFRUDC.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-H5Q6F4F2.js";
import "./chunk-65U4WM43.js";
import "./chunk-FRZ7IFBD.js";
import "./chunk-P6LWD64K.js";
import "./chunk-7BMFKKHF.js";
import "./chunk-RJWQ7O3S.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";
export {
  MAX_RECORD_BYTES,
  decodeRecord,
  encodeRecord,
  readPartials,
  writePartial
};
