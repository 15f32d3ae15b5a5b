// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../spill/reducers.ts"
import {
  count,
  first,
  last,
  max,
  mean,
  min,
  percentile,
  sum
} from "../../chunk-AWZEESY4.js";
import "../../chunk-NAUBBTV2.js";
import "../../chunk-SEXDPIXC.js";
export {
  count,
  first,
  last,
  max,
  mean,
  min,
  percentile,
  sum
};
