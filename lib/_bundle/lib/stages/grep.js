// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../stages/grep.ts"
import {
  grep
} from "../../chunk-F6OOGOMW.js";
import "../../chunk-I5EFAMPC.js";
import "../../chunk-7INCLF7L.js";
import "../../chunk-57NEC6SS.js";
import "../../chunk-DCQUZAZK.js";
import "../../chunk-YI5BI3QP.js";
import "../../chunk-UFWFZGQU.js";
import "../../chunk-R7VB6IFH.js";
import "../../chunk-DBGDXXNI.js";
import "../../chunk-UQVDOQX2.js";
import "../../chunk-Y6AFSVNC.js";
import "../../chunk-SEXDPIXC.js";
import "../../chunk-W7PSUR2W.js";
import "../../chunk-65U4WM43.js";
import "../../chunk-XSSWW4V7.js";
import "../../chunk-FFM2QZVY.js";
import "../../chunk-LTYBISTW.js";
import "../../chunk-RJWQ7O3S.js";
import "../../chunk-NNJCSJBK.js";
import "../../chunk-4W7FL7Y6.js";
import "../../chunk-LHRNZXWF.js";
export {
  grep
};

// The modules the workers run and load, named for `deno install` and
// `deno cache` (a Worker's URL is not an import): never called.
const _startedModules = () => [
  import("./_grep_worker.js"),
];
