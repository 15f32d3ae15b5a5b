// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/summary/_estimate.ts
var SAMPLE = 32;
function sizeOf(value, depth) {
  switch (typeof value) {
    case "string":
      return value.length * 2;
    case "number":
    case "boolean":
    case "bigint":
      return 8;
    case "object":
      if (value === null) return 0;
      if (ArrayBuffer.isView(value)) return value.byteLength;
      if (depth > 1) return 16;
      if (Array.isArray(value)) return 16 + estimateAt(value, depth + 1);
      return 16 + valuesSize(value, depth + 1);
    default:
      return 0;
  }
}
function valuesSize(object, depth) {
  let total = 0;
  for (const key in object) {
    if (Object.hasOwn(object, key)) total += sizeOf(object[key], depth);
  }
  return total;
}
function estimateBytes(items) {
  return estimateAt(items, 0);
}
function estimateAt(items, depth) {
  const n = items.length;
  if (n <= SAMPLE) {
    let total2 = 0;
    for (let i = 0; i < n; i++) total2 += sizeOf(items[i], depth);
    return total2;
  }
  let total = 0;
  const step = n / SAMPLE;
  for (let k = 0; k < SAMPLE; k++) {
    total += sizeOf(items[Math.floor(k * step)], depth);
  }
  return Math.round(total * (n / SAMPLE));
}

export {
  estimateBytes
};
