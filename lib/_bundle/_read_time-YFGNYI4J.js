// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  bucket
} from "./chunk-4ONHFX2W.js";
import {
  parseTime
} from "./chunk-2DP43KBK.js";
import "./chunk-VF6QJMNP.js";

// lib/cli/_read_time.ts
function readTime(value, name, time = {}) {
  if (value instanceof Date) return value;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "bigint") {
    throw new SyntaxError(value === void 0 || value === null ? `No time field "${name}"` : `The time field "${name}" is not text or a number`);
  }
  return parseTime(value, time);
}
function timeBucket(size, name, get, time = {}) {
  return (item) => bucket(readTime(get(item), name, time), size);
}
export {
  readTime,
  timeBucket
};
