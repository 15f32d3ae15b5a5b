// Copyright 2026 the sluice authors. MIT license.
// Figures in words for people: sizes with a binary unit, durations.

/**
 * Formats a byte count with a binary unit, e.g. `"1.5 MiB"`.
 *
 * @param bytes The count.
 * @returns The formatted count.
 *
 * @example Formatting sizes
 * ```ts
 * import { formatBytes } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatBytes(512), "512 B");
 * assert.equal(formatBytes(1536 * 1024), "1.5 MiB");
 * assert.equal(formatBytes(-2048), "-2.0 KiB");
 * ```
 */
export function formatBytes(bytes: number): string {
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0
    ? `${Math.round(value)} B`
    : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Formats a count with its thousands grouped by commas, e.g. `"1,979,415"`,
 * as `toLocaleString("en-US")` writes an integer, but without Intl: a
 * process's first use of Intl pages in ICU's data, about 6 MiB of resident
 * memory (`sluice count --summary` over 256 MiB peaked at 63 MiB where its
 * table, written that way, reported 57). A number that is not a safe integer
 * is written as `String` writes it.
 *
 * @param n The count.
 * @returns The formatted count.
 *
 * @example Formatting counts
 * ```ts
 * import { formatCount } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatCount(1979415), "1,979,415");
 * assert.equal(formatCount(999), "999");
 * assert.equal(formatCount(-1000), "-1,000");
 * ```
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) {
    out += `,${digits.slice(i, i + 3)}`;
  }
  return n < 0 ? `-${out}` : out;
}

/** Formats a duration, e.g. `"12.5 ms"` or `"1.25 s"`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1e3,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1e9,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1e12,
  tib: 1024 ** 4,
};

/**
 * Reads a size in words as bytes, as `budget` options and the command line's
 * sizes do: a number, or a number with a unit in any case. `KB`, `MB`,
 * `GB`, `TB` are powers of 1000; `KiB`, `MiB`, `GiB`, `TiB` and the bare
 * `K`, `M`, `G`, `T` (as GNU sort reads them) powers of 1024.
 *
 * @param text The size, e.g. `"64MiB"`.
 * @returns The bytes (not rounded), or `NaN` when `text` is not a size.
 *
 * @example Reading sizes
 * ```ts
 * import { parseBytes } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseBytes("64MiB"), 64 * 1024 * 1024);
 * assert.equal(parseBytes("64M"), 64 * 1024 * 1024);
 * assert.equal(parseBytes("1.5 kb"), 1500);
 * assert.ok(Number.isNaN(parseBytes("lots")));
 * ```
 */
export function parseBytes(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m === null ? undefined : UNITS[m[2]!.toLowerCase()];
  return m === null || unit === undefined ? NaN : Number(m[1]) * unit;
}
