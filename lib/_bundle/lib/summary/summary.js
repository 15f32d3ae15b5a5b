// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../summary/summary.ts"
import {
  Summary
} from "../../chunk-NNJCSJBK.js";
import {
  formatBytes,
  formatCount,
  parseBytes
} from "../../chunk-4W7FL7Y6.js";
export {
  Summary,
  formatBytes,
  formatCount,
  parseBytes
};
