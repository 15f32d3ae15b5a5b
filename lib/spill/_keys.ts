// Copyright 2026 the sluice authors. MIT license.
// The keys of the spilling stages: how they compare, which count as missing,
// and an item or key as JSON. Small and loaded with the stages' public
// modules; the engines that hold and spill the entries (_external_sort.ts,
// _group_table.ts, _keyless.ts, _spill.ts) are loaded only when a stage runs.

/** Compares two compare values. */
export type CompareFn = (a: unknown, b: unknown) => number;

/**
 * Numbers before strings; numbers by value, strings by UTF-16 code units
 * (as `<` does); null (a missing key of groupBy) after both.
 */
export function defaultCompare(a: unknown, b: unknown): number {
  if (typeof a === "number") {
    if (typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
    return -1;
  }
  if (typeof b === "number") return 1;
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return (a as string) < (b as string)
    ? -1
    : (a as string) > (b as string)
    ? 1
    : 0;
}

/** Whether `key` is a valid key for {@linkcode defaultCompare}. */
export function isPlainKey(key: unknown): key is string | number {
  return typeof key === "string" || (typeof key === "number" && key === key);
}

/** An item or key as JSON, or a TypeError when it has none. */
export function jsonOf(value: unknown, what = "an item"): string {
  const text = JSON.stringify(value);
  if (text === undefined) {
    throw new TypeError(
      `Cannot spill ${what} of type ${typeof value}: it must be JSON-serialisable`,
    );
  }
  return text;
}

/**
 * Writes `n` into `buf` at `p` as JSON.stringify writes it (`null` unless
 * finite, -0 as 0); the bytes written, at most 25. Integers go digit by
 * digit, without a string.
 */
export function numberJson(n: number, buf: Uint8Array, p: number): number {
  let q = p;
  if (Number.isSafeInteger(n)) {
    let v = n;
    if (v < 0) {
      buf[q++] = 0x2d; // -
      v = -v;
    }
    let digits = 1;
    for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
    for (let i = digits - 1; i >= 0; i--) {
      buf[q + i] = 0x30 + (v % 10);
      v = Math.floor(v / 10);
    }
    return q + digits - p;
  }
  const text = Number.isFinite(n) ? String(n) : "null";
  for (let i = 0; i < text.length; i++) buf[q++] = text.charCodeAt(i);
  return q - p;
}

/**
 * Whether `key` counts as missing: `undefined`, `null` or `NaN`, which the
 * spilling stages put after every other key (and count) instead of failing.
 */
export function isMissingKey(key: unknown): key is undefined | null {
  return key === undefined || key === null ||
    (typeof key === "number" && key !== key);
}
