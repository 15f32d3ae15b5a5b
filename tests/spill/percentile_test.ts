// Copyright 2026 the sluice authors. MIT license.
// percentile(): the approximate mode within its relative error over the
// whole range of doubles, against the exact mode.
import assert from "node:assert/strict";
import { percentile } from "../../mod.ts";

function run(
  values: number[],
  p: number,
  relativeError: number,
): number | null {
  const r = percentile(p, (x: number) => x, { relativeError });
  let acc = r.init();
  for (const v of values) acc = r.add(acc, v);
  return r.result(acc);
}

Deno.test("percentile() with relativeError stays within it near the ends of the doubles' range", () => {
  const cases = [
    [1e308, 9e307],
    [Number.MAX_VALUE, Number.MAX_VALUE / 2],
    [-1e308, 1e308, 5],
    [5e-324, 1e-320, 3e-310],
    [1, 2, 3, 4, 1e300],
  ];
  for (const values of cases) {
    for (const p of [0, 50, 90, 100]) {
      for (const alpha of [0.001, 0.01, 0.2]) {
        const exact = run(values, p, 0)!;
        const approx = run(values, p, alpha);
        assert.ok(
          approx !== null && Number.isFinite(approx) &&
            Math.abs(approx - exact) <= alpha * Math.abs(exact) * (1 + 1e-12),
          `${JSON.stringify(values)} p${p} ±${alpha}: ${approx} vs ${exact}`,
        );
      }
    }
  }
});
