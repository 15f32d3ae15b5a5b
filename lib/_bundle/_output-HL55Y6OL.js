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
} from "./chunk-I2QBOOKM.js";
import "./chunk-4TGYKUN4.js";
import "./chunk-E2F53XKZ.js";
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
