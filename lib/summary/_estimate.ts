// Copyright 2026 the sluice authors. MIT license.
// What a chunk of items holds, estimated from a sample: what stages report
// as held (see the summary's module doc for the rule).

const SAMPLE = 32;

function sizeOf(value: unknown, depth: number): number {
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
      return 16 + valuesSize(value as Record<string, unknown>, depth + 1);
    default:
      return 0;
  }
}

/**
 * What an object's own values hold, every one counted: read in place, not
 * through Object.values(), whose array per sampled object was 55 of the
 * 1,410 MB that `sluice group --by req` allocated over 256 MiB.
 */
function valuesSize(object: Record<string, unknown>, depth: number): number {
  let total = 0;
  for (const key in object) {
    if (Object.hasOwn(object, key)) total += sizeOf(object[key], depth);
  }
  return total;
}

/**
 * Estimates the memory held by `items` in bytes: 2 bytes per UTF-16 code
 * unit of a string, `byteLength` of a typed array, 8 bytes per number, and
 * 16 per array or object plus what its values hold, down to the arrays and
 * objects inside an item (deeper ones count 16 bytes each). Arrays of more
 * than 32 items are estimated from a sample of 32; an object's values are
 * all counted.
 */
export function estimateBytes(items: readonly unknown[]): number {
  return estimateAt(items, 0);
}

function estimateAt(items: readonly unknown[], depth: number): number {
  const n = items.length;
  if (n <= SAMPLE) {
    let total = 0;
    for (let i = 0; i < n; i++) total += sizeOf(items[i], depth);
    return total;
  }
  let total = 0;
  const step = n / SAMPLE;
  for (let k = 0; k < SAMPLE; k++) {
    total += sizeOf(items[Math.floor(k * step)], depth);
  }
  return Math.round(total * (n / SAMPLE));
}
