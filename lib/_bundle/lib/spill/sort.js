// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../spill/sort.ts"
import {
  sort
} from "../../chunk-THFD4LMC.js";
import "../../chunk-FQ562YZV.js";
import "../../chunk-HIO6RDNE.js";
import "../../chunk-7IW3YWLL.js";
import "../../chunk-R7VB6IFH.js";
import "../../chunk-Z7NS7ZUO.js";
import "../../chunk-26CEWXRP.js";
import "../../chunk-QH2JZ7BK.js";
import "../../chunk-SEXDPIXC.js";
import "../../chunk-O7X6YPEY.js";
import "../../chunk-STV52ALK.js";
import "../../chunk-3ILZAVZR.js";
import "../../chunk-RJWQ7O3S.js";
import "../../chunk-NNJCSJBK.js";
import "../../chunk-4W7FL7Y6.js";
import "../../chunk-LHRNZXWF.js";
export {
  sort
};
