// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../stages/tail.ts"
import {
  tail
} from "../../chunk-2YWYV5IZ.js";
import "../../chunk-UQVDOQX2.js";
import "../../chunk-Y6AFSVNC.js";
import "../../chunk-SEXDPIXC.js";
import "../../chunk-XSSWW4V7.js";
import "../../chunk-FFM2QZVY.js";
import "../../chunk-LTYBISTW.js";
import "../../chunk-RJWQ7O3S.js";
import "../../chunk-NNJCSJBK.js";
import "../../chunk-4W7FL7Y6.js";
import "../../chunk-LHRNZXWF.js";
export {
  tail
};
