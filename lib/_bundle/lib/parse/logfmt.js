// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../parse/logfmt.ts"
import {
  logfmtGetter,
  parseLogfmt
} from "../../chunk-HME7MDZD.js";
import "../../chunk-RJWQ7O3S.js";
export {
  logfmtGetter,
  parseLogfmt
};
