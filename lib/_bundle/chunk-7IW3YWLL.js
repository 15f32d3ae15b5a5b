// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  parseBytes
} from "./chunk-4W7FL7Y6.js";

// lib/spill/_budget.ts
var MIN_BUDGET = 4096;
var DEFAULT_BUDGET = 64 * 1024 * 1024;
var DEFAULT_FAN_IN = 256;
var OUTPUT_TURN_ITEMS = 1024;
function parseBudget(value, stage) {
  let bytes = NaN;
  if (typeof value === "number") {
    bytes = value;
  } else if (typeof value === "string") {
    bytes = parseBytes(value);
  } else {
    throw new TypeError(`Cannot create ${stage} stage: budget must be a number of bytes or a size such as "64MB", got ${typeof value}`);
  }
  bytes = Math.floor(bytes);
  const got = JSON.stringify(value);
  if (Number.isNaN(bytes)) {
    throw new RangeError(`Cannot create ${stage} stage: budget must be a number of bytes or a size such as 65536, "64MB" or "64MiB", got ${got}`);
  }
  if (!Number.isSafeInteger(bytes)) {
    throw new RangeError(`Cannot create ${stage} stage: budget is too large, got ${got}`);
  }
  if (bytes < MIN_BUDGET) {
    throw new RangeError(`Cannot create ${stage} stage: budget must be at least ${MIN_BUDGET} bytes, got ${got}`);
  }
  return bytes;
}
function spillSettings(kind, options) {
  const budget = parseBudget(options.budget ?? DEFAULT_BUDGET, kind);
  const fanIn = options.fanIn ?? DEFAULT_FAN_IN;
  if (!Number.isSafeInteger(fanIn) || fanIn < 2) {
    throw new RangeError(`Cannot create ${kind} stage: fanIn must be an integer of at least 2, got ${fanIn}`);
  }
  if (options.tempDir !== void 0 && typeof options.tempDir !== "string") {
    throw new TypeError(`Cannot create ${kind} stage: tempDir must be a string, got ${typeof options.tempDir}`);
  }
  return {
    budget,
    fanIn
  };
}

export {
  OUTPUT_TURN_ITEMS,
  spillSettings
};
