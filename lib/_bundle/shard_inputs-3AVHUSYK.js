// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  divideInputs,
  shardInputs,
  sizedInputs
} from "./chunk-XRERUL6N.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-65U4WM43.js";
export {
  divideInputs,
  shardInputs,
  sizedInputs
};
