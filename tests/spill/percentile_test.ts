// Copyright 2026 the sluice authors. MIT license.
// percentile(): the approximate mode within its relative error over the
// whole range of doubles, against the exact mode.
import assert from "node:assert/strict";
import fc from "fast-check";
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

Deno.test("percentile() is the nearest rank however the values are split, encoded and merged", () => {
  // Pools of 1 to 80 distinct values reach every form of the counts: a few
  // pairs, a Map, and small integers in an array.
  const value = fc.oneof(
    fc.integer({ min: 0, max: 80 }),
    fc.integer({ min: -5, max: 70_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  fc.assert(
    fc.property(
      fc.array(value, { maxLength: 300 }),
      fc.array(fc.nat(), { maxLength: 4 }),
      fc.constantFrom(0, 1, 50, 95, 99.9, 100),
      (values, cuts, p) => {
        const r = percentile(p, (x: number) => x);
        // Parts of the input, each reduced on its own, then merged in order
        // (after a trip through encode/decode, as a spill makes).
        const bounds = [
          ...new Set(cuts.map((c) => c % (values.length + 1))),
        ].sort((a, b) => a - b);
        let merged: unknown = undefined;
        let from = 0;
        for (const to of [...bounds, values.length]) {
          let acc = r.init();
          for (const v of values.slice(from, to)) acc = r.add(acc, v);
          const back = r.decode!(JSON.parse(JSON.stringify(r.encode!(acc))));
          merged = merged === undefined ? back : r.merge(merged, back);
          from = to;
        }
        const sorted = values.map((v) => v === 0 ? 0 : v).sort((a, b) => a - b);
        const want = sorted.length === 0
          ? null
          : sorted[Math.max(1, Math.ceil(p * sorted.length / 100)) - 1]!;
        assert.equal(r.result(merged), want);
      },
    ),
    { numRuns: 500 },
  );
});
