// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../stages/grep.ts"
import {
  grep
} from "../../chunk-EH7UIYIW.js";
import "../../chunk-I5EFAMPC.js";
import "../../chunk-7INCLF7L.js";
import "../../chunk-57NEC6SS.js";
import "../../chunk-DCQUZAZK.js";
import "../../chunk-YI5BI3QP.js";
import "../../chunk-UFWFZGQU.js";
import "../../chunk-R7VB6IFH.js";
import "../../chunk-QROKJSPG.js";
import "../../chunk-HYA27X5B.js";
import "../../chunk-U5YFRUDC.js";
import "../../chunk-SEXDPIXC.js";
import "../../chunk-H5Q6F4F2.js";
import "../../chunk-65U4WM43.js";
import "../../chunk-FRZ7IFBD.js";
import "../../chunk-P6LWD64K.js";
import "../../chunk-7BMFKKHF.js";
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
