// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  UTC,
  epochMs,
  timeContext,
  wallToEpoch,
  zoneOf
} from "./chunk-2DP43KBK.js";

// lib/parse/bucket.ts
var UNITS = {
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 6048e5
};
var MONDAY = 4 * 864e5;
var sizes = /* @__PURE__ */ new Map();
function widthOf(size) {
  const known = sizes.get(size);
  if (known !== void 0) return known;
  const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(size);
  const width = m === null ? 0 : Number(m[1]) * UNITS[m[2]];
  if (!(width > 0) || !Number.isSafeInteger(width)) {
    throw new RangeError(`Cannot make time buckets: size must be a positive count of ms, s, m, h, d or w (such as "5m" or "1h"), got ${JSON.stringify(size)}`);
  }
  if (sizes.size >= 64) sizes.clear();
  sizes.set(size, width);
  return width;
}
function pad(n, width) {
  return String(n).padStart(width, "0");
}
function isoIn(epoch, zone) {
  if (zone === UTC) return new Date(epoch).toISOString();
  const offset = zone.offsetAt(epoch);
  const local = new Date(epoch + offset).toISOString().slice(0, -1);
  const minutes = Math.abs(offset) / 6e4;
  return `${local}${offset < 0 ? "-" : "+"}${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
}
function bucket(time, size, options = {}) {
  const width = widthOf(size);
  const zone = options.zone === void 0 ? UTC : zoneOf(options.zone);
  if (typeof time !== "number" && typeof time !== "string" && !(time instanceof Date)) {
    throw new TypeError(`Cannot put ${time === null ? "null" : typeof time} in a time bucket: give a Date, epoch milliseconds or text`);
  }
  const epoch = typeof time === "number" ? time : typeof time === "string" ? epochMs(time, void 0, timeContext(options)) : time.getTime();
  if (!Number.isFinite(epoch)) {
    throw new RangeError(`Cannot put ${String(time)} in a time bucket`);
  }
  const origin = width % UNITS.w === 0 ? MONDAY : 0;
  const wall = epoch + zone.offsetAt(epoch);
  const start = Math.floor((wall - origin) / width) * width + origin;
  const near = epoch - (wall - start);
  return isoIn(near + zone.offsetAt(near) === start ? near : wallToEpoch(start, zone), zone);
}

export {
  bucket
};
