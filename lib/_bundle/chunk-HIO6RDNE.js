// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/spill/_keys.ts
function defaultCompare(a, b) {
  if (typeof a === "number") {
    if (typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
    return -1;
  }
  if (typeof b === "number") return 1;
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
function isPlainKey(key) {
  return typeof key === "string" || typeof key === "number" && key === key;
}
function jsonOf(value, what = "an item") {
  const text = JSON.stringify(value);
  if (text === void 0) {
    throw new TypeError(`Cannot spill ${what} of type ${typeof value}: it must be JSON-serialisable`);
  }
  return text;
}
function numberJson(n, buf, p) {
  let q = p;
  if (Number.isSafeInteger(n)) {
    let v = n;
    if (v < 0) {
      buf[q++] = 45;
      v = -v;
    }
    let digits = 1;
    for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
    for (let i = digits - 1; i >= 0; i--) {
      buf[q + i] = 48 + v % 10;
      v = Math.floor(v / 10);
    }
    return q + digits - p;
  }
  const text = Number.isFinite(n) ? String(n) : "null";
  for (let i = 0; i < text.length; i++) buf[q++] = text.charCodeAt(i);
  return q - p;
}
function isMissingKey(key) {
  return key === void 0 || key === null || typeof key === "number" && key !== key;
}

export {
  defaultCompare,
  isPlainKey,
  jsonOf,
  numberJson,
  isMissingKey
};
