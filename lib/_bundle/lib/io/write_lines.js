// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../io/write_lines.ts"
import {
  writeLines
} from "../../chunk-NSMWYBW2.js";
import "../../chunk-YYIHPHCX.js";
import "../../chunk-65U4WM43.js";
import "../../chunk-XSSWW4V7.js";
import "../../chunk-FFM2QZVY.js";
import "../../chunk-LTYBISTW.js";
import "../../chunk-RJWQ7O3S.js";
import "../../chunk-NNJCSJBK.js";
import "../../chunk-4W7FL7Y6.js";
import "../../chunk-LHRNZXWF.js";
export {
  writeLines
};
