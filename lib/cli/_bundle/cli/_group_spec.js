// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  groupOf,
  groupSpec
} from "../chunk-M2YX3H6M.js";
import "../chunk-HUUYG5NT.js";
import "../chunk-S4ZOQICP.js";
import "../chunk-HBZSIY22.js";
import "../chunk-VF6QJMNP.js";
import "../chunk-SEXDPIXC.js";
import "../chunk-4OGPUPRP.js";
import "../chunk-RJWQ7O3S.js";
export {
  groupSpec as default,
  groupOf
};
