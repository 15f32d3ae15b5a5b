// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  groupOf,
  groupSpec
} from "../../chunk-LOZ4VUR7.js";
import "../../chunk-54EGYELG.js";
import "../../chunk-EKLR5R5G.js";
import "../../chunk-AWZEESY4.js";
import "../../chunk-NAUBBTV2.js";
import "../../chunk-2T7D4BFK.js";
import "../../chunk-VF6QJMNP.js";
import "../../chunk-HME7MDZD.js";
import "../../chunk-SEXDPIXC.js";
import "../../chunk-RJWQ7O3S.js";
export {
  groupSpec as default,
  groupOf
};
