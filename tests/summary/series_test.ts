// Copyright 2026 the sluice authors. MIT license.
// The memory series stays within its points, whatever the run's length,
// and never loses a peak.
import assert from "node:assert/strict";
import fc from "fast-check";
import { MemorySeries, SERIES_POINTS } from "../../lib/summary/_series.ts";
import type { MemoryPoint } from "../../mod.ts";

function point(atMs: number, rss: number, extra = 0): MemoryPoint {
  return {
    atMs,
    rssBytes: rss,
    heapUsedBytes: rss / 2 + extra,
    youngBytes: rss / 4,
    heldBytes: extra,
  };
}

Deno.test("a memory series keeps at most its points, the highest of every figure, and times that increase, after any number of samples", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(2, 4, 8, 16, SERIES_POINTS),
      fc.array(
        fc.record({
          gap: fc.double({ min: 0, max: 100, noNaN: true }),
          rss: fc.nat({ max: 1e9 }),
          held: fc.nat({ max: 1e7 }),
        }),
        { maxLength: 3000, size: "max" },
      ),
      (capacity, samples) => {
        const series = new MemorySeries(capacity);
        let t = 0;
        const added: MemoryPoint[] = [];
        for (const s of samples) {
          t += s.gap; // a gap of 0 is two samples at the same moment
          const p = point(t, s.rss, s.held);
          added.push(p);
          series.add(p);
        }
        const points = series.points();
        assert.ok(points.length <= capacity, `${points.length} points`);
        assert.equal(points.length === 0, samples.length === 0);
        for (const key of ["rssBytes", "heldBytes", "heapUsedBytes"] as const) {
          assert.equal(
            Math.max(...points.map((p) => p[key])),
            Math.max(...added.map((p) => p[key])),
            key,
          );
        }
        for (let i = 1; i < points.length; i++) {
          assert.ok(points[i]!.atMs > points[i - 1]!.atMs, `time at ${i}`);
        }
        if (points.length > 0) assert.equal(points.at(-1)!.atMs, t);
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("a full memory series merges neighbours in pairs and halves its resolution", () => {
  const series = new MemorySeries(4);
  for (let i = 1; i <= 4; i++) series.add(point(i * 10, i === 2 ? 50 : i));
  // Four points fill it: pairs merge, keeping the later time and the peak.
  assert.deepEqual(series.points().map((p) => [p.atMs, p.rssBytes]), [
    [20, 50],
    [40, 4],
  ]);
  assert.equal(series.stride, 2);
  // From now on a point stands for two samples; a half-filled one shows.
  series.add(point(50, 7));
  assert.deepEqual(series.points().map((p) => [p.atMs, p.rssBytes]), [
    [20, 50],
    [40, 4],
    [50, 7],
  ]);
  series.add(point(60, 6));
  series.add(point(70, 1));
  assert.deepEqual(series.points().map((p) => [p.atMs, p.rssBytes]), [
    [20, 50],
    [40, 4],
    [60, 7],
    [70, 1],
  ]);
});

Deno.test("a week of samples every 50 ms costs a memory series no more than a minute of them", () => {
  const minute = new MemorySeries();
  for (let i = 0; i < 1200; i++) minute.add(point(i * 50, 1000 + i));
  const week = new MemorySeries();
  const samples = 7 * 24 * 3600 * 20;
  for (let i = 0; i < samples; i++) week.add(point(i * 50, 1000 + (i % 977)));
  assert.ok(week.points().length <= SERIES_POINTS);
  assert.ok(minute.points().length <= SERIES_POINTS);
  assert.equal(Math.max(...week.points().map((p) => p.rssBytes)), 1976);
});

Deno.test("a memory series merges points with and without the young generation, keeping it where a sample had it", () => {
  const series = new MemorySeries(4);
  const { youngBytes: _, ...bare } = point(1, 100);
  series.add(bare);
  series.add(point(2, 50));
  series.add({ ...bare, atMs: 3 });
  series.add({ ...bare, atMs: 4 });
  const [first, second] = series.points();
  // The first merged point had one sample with it; the second had none.
  assert.equal(first!.youngBytes, 50 / 4);
  assert.equal(first!.rssBytes, 100);
  assert.ok(!("youngBytes" in second!));
});

Deno.test("a memory series refuses a capacity it cannot halve", () => {
  assert.throws(
    () => new MemorySeries(3),
    /capacity must be an even integer of at least 2, got 3/,
  );
});
