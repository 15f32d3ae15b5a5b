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

/** Formats a duration, e.g. `"12.5 ms"` or `"1.25 s"`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}
