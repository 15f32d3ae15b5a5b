// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../parse/field.ts"
import {
  field
} from "../../chunk-2BHMVLWQ.js";
export {
  field
};
