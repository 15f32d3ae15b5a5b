// Copyright 2026 the sluice authors. MIT license.
// A one-line chart of a series of numbers, in block characters or, for a
// terminal that is not UTF-8, in plain ASCII.

/** Eight levels, lowest first, for a UTF-8 terminal. */
export const BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
/** Eight levels, lowest first, in ASCII. */
export const ASCII_LEVELS = " .:-=+*#";

/**
 * Draws `values` in at most `width` characters, each the highest of the
 * values it stands for, scaled from the lowest value to the highest. A flat
 * series is drawn at the middle level.
 */
export function sparkline(
  values: readonly number[],
  width: number,
  levels: string = BLOCKS,
): string {
  const chars = [...levels];
  const n = values.length;
  if (n === 0 || width < 1) return "";
  const columns = Math.min(n, width);
  const drawn: number[] = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * n) / columns);
    const to = Math.floor(((c + 1) * n) / columns);
    let high = -Infinity;
    for (let i = from; i < to; i++) high = Math.max(high, values[i]!);
    drawn.push(high);
  }
  const lo = Math.min(...drawn);
  const hi = Math.max(...drawn);
  const top = chars.length - 1;
  return drawn.map((v) =>
    chars[
      hi === lo ? Math.floor(top / 2) : Math.round(((v - lo) / (hi - lo)) * top)
    ]
  ).join("");
}
