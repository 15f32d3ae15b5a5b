// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../parse/line_field.ts"
import {
  lineField,
  lineWord
} from "../../chunk-EKLR5R5G.js";
import "../../chunk-2T7D4BFK.js";
import "../../chunk-VF6QJMNP.js";
import "../../chunk-HME7MDZD.js";
import "../../chunk-RJWQ7O3S.js";
export {
  lineField,
  lineWord
};
