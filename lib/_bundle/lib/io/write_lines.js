// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../io/write_lines.ts"
import {
  writeLines
} from "../../chunk-5B5KKMAB.js";
import "../../chunk-YYIHPHCX.js";
import "../../chunk-65U4WM43.js";
import "../../chunk-O7X6YPEY.js";
import "../../chunk-STV52ALK.js";
import "../../chunk-3ILZAVZR.js";
import "../../chunk-RJWQ7O3S.js";
import "../../chunk-NNJCSJBK.js";
import "../../chunk-4W7FL7Y6.js";
import "../../chunk-LHRNZXWF.js";
export {
  writeLines
};
