// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../stages/flat_map.ts"
import {
  flatMap
} from "../../chunk-7PF4JAXD.js";
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
  flatMap
};
