// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  annotate,
  discardPartial,
  openOutput,
  openPartialOutput,
  partialPath,
  removeTempFilesSync,
  trackTemp,
  untrackTemp,
  withoutInPlace,
  writeAll,
  writeAllSync
} from "./chunk-GL4ANG52.js";
import "./chunk-RK7ET6WN.js";
import "./chunk-65U4WM43.js";
export {
  annotate,
  discardPartial,
  openOutput,
  openPartialOutput,
  partialPath,
  removeTempFilesSync,
  trackTemp,
  untrackTemp,
  withoutInPlace,
  writeAll,
  writeAllSync
};
