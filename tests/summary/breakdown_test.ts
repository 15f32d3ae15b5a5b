// Copyright 2026 the sluice authors. MIT license.
// The breakdown at the peak and the hint, from samples given through the
// record the run writes (the sampler's readings, made up).
import assert from "node:assert/strict";
import { Summary } from "../../mod.ts";
import {
  type MemoryReading,
  recordOf,
  type RunRecord,
} from "../../lib/summary/_record.ts";
import { groupSpaces } from "../../lib/summary/_sampler.ts";

const MiB = 1024 * 1024;

/**
 * A reading in MiB, with the heap split by space: RSS and young generation;
 * the rest small. The heap is the sum of its spaces.
 */
function reading(
  atMs: number,
  rss: number,
  parts: Partial<Omit<MemoryReading, "atMs" | "rssBytes" | "heapBytes">> = {},
): MemoryReading {
  const r = {
    atMs,
    rssBytes: rss * MiB,
    heapUsedBytes: 3 * MiB,
    youngBytes: 1 * MiB,
    oldBytes: 4 * MiB,
    codeBytes: 1 * MiB,
    largeObjectBytes: 0,
    externalBytes: 1 * MiB,
    ...parts,
  };
  return {
    ...r,
    heapBytes: (r.youngBytes ?? 0) + (r.oldBytes ?? 0) + (r.codeBytes ?? 0) +
      (r.largeObjectBytes ?? 0),
  };
}

/** A reading in MiB with the heap as one figure (committed `heap` MiB). */
function plain(
  atMs: number,
  rss: number,
  heap: number,
  parts: Partial<Pick<MemoryReading, "heapUsedBytes" | "externalBytes">> = {},
): MemoryReading {
  return {
    atMs,
    rssBytes: rss * MiB,
    heapUsedBytes: 3 * MiB,
    heapBytes: heap * MiB,
    externalBytes: 1 * MiB,
    ...parts,
  };
}

/** A summary with a reader and `kind` as its second stage, started. */
function summaryWith(kind = "map"): { summary: Summary; record: RunRecord } {
  const summary = new Summary();
  const record = recordOf(summary);
  record.addStage("readLines#1", "readLines", "1.8 MiB buffer", 1.8 * MiB);
  record.addStage(`${kind}#2`, kind, "budget 16.0 MiB", 16 * MiB);
  record.start();
  return { summary, record };
}

Deno.test("with the heap asked for by space, the breakdown is at the highest sample that has the split", () => {
  const summary = new Summary({ heapSpaces: true });
  const record = recordOf(summary);
  record.addStage("readLines#1", "readLines", "1.8 MiB buffer", 1.8 * MiB);
  record.start();
  // Before node:v8 has loaded: the heap as one figure, and the highest RSS.
  record.observeMemory(plain(0, 40, 6));
  record.observeMemory(plain(5, 60, 8));
  record.observeMemory(reading(10, 50, { youngBytes: 9 * MiB }));
  record.observeMemory(reading(15, 45));
  const b = summary.memoryBreakdown!;
  assert.equal(b.rssBytes, 50 * MiB);
  assert.equal(b.youngBytes, 9 * MiB);
  // The run's peak is still the highest reading.
  assert.equal(summary.peakRssBytes, 60 * MiB);
  // Without the option, the peak stays where RSS was highest.
  const { summary: other, record: r2 } = summaryWith();
  r2.observeMemory(plain(0, 40, 6));
  r2.observeMemory(plain(5, 60, 8));
  r2.observeMemory(reading(10, 50));
  assert.equal(other.memoryBreakdown!.rssBytes, 60 * MiB);
});

Deno.test("the breakdown is taken at the sample where RSS peaked, and its parts add up to that RSS", () => {
  const { summary, record } = summaryWith();
  const [reader, stage] = record.stages;
  // Before the run: 40 MiB, of which 6 MiB heap and 1 MiB external.
  record.observeMemory(reading(0, 40), () => 20 * MiB);
  reader!.hold(100, 2 * MiB);
  stage!.hold(10, 3 * MiB);
  stage!.workerHeap(1, 5 * MiB);
  record.observeMemory(
    reading(50, 90, {
      youngBytes: 30 * MiB,
      oldBytes: 10 * MiB,
      largeObjectBytes: 2 * MiB,
      externalBytes: 4 * MiB,
      heapUsedBytes: 20 * MiB,
    }),
    () => 28 * MiB,
  );
  stage!.hold(0, 0);
  record.observeMemory(reading(100, 70), () => 29 * MiB);
  const b = summary.memoryBreakdown!;
  assert.deepEqual(b, {
    rssBytes: 90 * MiB,
    atMs: 50,
    runtimeBytes: 33 * MiB, // 40 less the heap (1 + 4 + 1) and external (1)
    pagedInBytes: 8 * MiB,
    heapBytes: 43 * MiB,
    youngBytes: 30 * MiB,
    oldBytes: 10 * MiB,
    codeBytes: 1 * MiB,
    largeObjectBytes: 2 * MiB,
    heapUsedBytes: 20 * MiB,
    externalBytes: 4 * MiB,
    workerHeapBytes: 5 * MiB,
    stagesHeldBytes: 5 * MiB,
    unexplainedBytes: 90 * MiB - (33 + 8 + 30 + 10 + 1 + 2 + 4 + 5) * MiB,
  });
  assert.equal(summary.peakRssBytes, 90 * MiB);
  const json = JSON.parse(JSON.stringify(summary));
  assert.deepEqual(json.memoryBreakdown, b);
  assert.equal(json.memorySeries.length, 3);
  assert.deepEqual(json.memorySeries[1], {
    atMs: 50,
    rssBytes: 90 * MiB,
    heapUsedBytes: 20 * MiB,
    youngBytes: 30 * MiB,
    heldBytes: 5 * MiB,
  });
  // The stage let go of its items: held at the last sample is the reader's.
  assert.equal(json.memorySeries[2].heldBytes, 2 * MiB);
});

Deno.test("without the heap split by space the breakdown shows the heap as one figure, and its parts still add up to the RSS", () => {
  const { summary, record } = summaryWith();
  record.observeMemory(plain(0, 40, 6), () => 20 * MiB);
  record.stages[1]!.hold(10, 3 * MiB);
  record.observeMemory(
    plain(50, 90, 43, { heapUsedBytes: 20 * MiB, externalBytes: 4 * MiB }),
    () => 28 * MiB,
  );
  const b = summary.memoryBreakdown!;
  assert.deepEqual(b, {
    rssBytes: 90 * MiB,
    atMs: 50,
    runtimeBytes: 33 * MiB,
    pagedInBytes: 8 * MiB,
    heapBytes: 43 * MiB,
    heapUsedBytes: 20 * MiB,
    externalBytes: 4 * MiB,
    workerHeapBytes: 0,
    stagesHeldBytes: 3 * MiB,
    unexplainedBytes: 90 * MiB - (33 + 8 + 43 + 4) * MiB,
  });
  assert.equal(
    b.runtimeBytes + b.pagedInBytes! + b.heapBytes + b.externalBytes +
      b.workerHeapBytes + b.unexplainedBytes,
    b.rssBytes,
  );
  assert.ok(summary.memorySeries.every((p) => !("youngBytes" in p)));
  const json = JSON.parse(JSON.stringify(summary));
  assert.deepEqual(json.memoryBreakdown, b);
});

Deno.test("a peak sampled with the split after a baseline without it has the split, and the runtime counts the baseline's heap", () => {
  const { summary, record } = summaryWith();
  record.observeMemory(plain(0, 40, 6));
  record.observeMemory(reading(50, 60, { youngBytes: 10 * MiB }));
  const b = summary.memoryBreakdown!;
  assert.equal(b.runtimeBytes, 33 * MiB);
  assert.equal(b.youngBytes, 10 * MiB);
  assert.equal(b.heapBytes, 15 * MiB);
  const series = summary.memorySeries;
  assert.equal(series[0]!.youngBytes, undefined);
  assert.equal(series[1]!.youngBytes, 10 * MiB);
});

Deno.test("the breakdown leaves the paged-in part out where it cannot be read, and the kernel's peak raises the peak RSS", () => {
  const { summary, record } = summaryWith();
  record.observeMemory(reading(0, 40));
  record.observeMemory(reading(50, 60));
  record.observeHighWater(66 * MiB);
  record.observeHighWater(20 * MiB);
  const b = summary.memoryBreakdown!;
  assert.equal(b.pagedInBytes, undefined);
  assert.equal(b.rssBytes, 60 * MiB);
  assert.equal(summary.peakRssBytes, 66 * MiB);
  assert.match(
    summary.format({ ascii: true }),
    /60\.0 MiB RSS; the kernel saw 66\.0 MiB between samples\n/,
  );
});

Deno.test("a summary whose memory was never sampled has no breakdown, hint or series", () => {
  const summary = new Summary();
  assert.equal(summary.memoryBreakdown, undefined);
  assert.equal(summary.memoryHint, undefined);
  assert.deepEqual(summary.memorySeries, []);
  assert.doesNotMatch(summary.format(), /memory at|RSS \[/);
});

Deno.test("the hint names the young generation when it is most of what the run added, and the flag that caps it", () => {
  const { summary, record } = summaryWith();
  record.observeMemory(reading(0, 40));
  // The run added 50 MiB, 32 of them young generation (64%).
  record.observeMemory(reading(50, 90, { youngBytes: 32 * MiB }));
  assert.equal(
    summary.memoryHint,
    "hint: V8's young generation took 32.0 MiB, 64% of the 50.0 MiB the run added to RSS; run with --v8-flags=--max-semi-space-size=4 to keep it near 8 MiB",
  );
  assert.ok(summary.format({ ascii: true }).endsWith(summary.memoryHint!));
});

Deno.test("no hint when the young generation is a small share of what the run added, or small in itself", () => {
  const big = summaryWith();
  big.record.observeMemory(reading(0, 40));
  // 20 MiB of young generation in 100 MiB added: 20%, under 40%.
  big.record.observeMemory(
    reading(50, 140, { youngBytes: 20 * MiB, externalBytes: 70 * MiB }),
  );
  assert.equal(big.summary.memoryHint, undefined);
  const capped = summaryWith();
  capped.record.observeMemory(reading(0, 40));
  // Already capped by the flag: 8 MiB is most of the 12 added, but small.
  capped.record.observeMemory(reading(50, 52, { youngBytes: 8 * MiB }));
  assert.equal(capped.summary.memoryHint, undefined);
  assert.doesNotMatch(capped.summary.format(), /hint/);
});

Deno.test("the hint names uncollected garbage and the stage whose budget would lower it, and only when there is such a stage", () => {
  const garbage = (kind: string) => {
    const run = summaryWith(kind);
    run.record.observeMemory(reading(0, 40, { heapUsedBytes: 4 * MiB }));
    run.record.stages[1]!.hold(1000, 6 * MiB);
    // 60 MiB of old generation, 10 of it live (4 at the start + 6 held).
    run.record.observeMemory(
      reading(50, 110, { oldBytes: 50 * MiB, largeObjectBytes: 10 * MiB }),
    );
    return run.summary.memoryHint;
  };
  assert.equal(
    garbage("sort"),
    "hint: V8's old generation took 60.0 MiB while the stages held 6.0 MiB: uncollected garbage, 71% of what the run added, which V8 lets grow with what is live; a smaller budget for sort#2 lowers both",
  );
  assert.match(garbage("batch")!, /a smaller batch for batch#2 lowers both$/);
  assert.equal(garbage("map"), undefined);
});

Deno.test("without the split the hint names the heap beyond what is live, the flag and the stage, and says how to see the split", () => {
  const hint = (kind: string, heap: number) => {
    const { summary, record } = summaryWith(kind);
    record.observeMemory(plain(0, 40, 6, { heapUsedBytes: 4 * MiB }));
    record.stages[1]!.hold(1000, 6 * MiB);
    // The run adds 70 MiB; live is 4 at the start + 6 held.
    record.observeMemory(plain(50, 110, heap));
    return summary;
  };
  assert.equal(
    hint("sort", 60).memoryHint,
    "hint: V8's heap took 60.0 MiB committed while the stages held 6.0 MiB: 71% of what the run added is heap beyond what is live, the young generation's room and uncollected garbage; --v8-flags=--max-semi-space-size=4 or a smaller budget for sort#2 may lower it (new Summary({ heapSpaces: true }) or --summary tells which)",
  );
  assert.match(
    hint("map", 60).memoryHint!,
    /is live, the young generation's room and uncollected garbage; --v8-flags=--max-semi-space-size=4 may lower it \(/,
  );
  assert.doesNotMatch(hint("map", 60).memoryHint!, /young generation took/);
  // 20 MiB beyond what is live: 29% of what the run added, under 40%.
  assert.equal(hint("sort", 30).memoryHint, undefined);
  const summary = hint("sort", 60);
  assert.ok(summary.format({ ascii: true }).endsWith(summary.memoryHint!));
});

Deno.test("when both causes earn the hint, the larger one is named", () => {
  const hint = (young: number, old: number) => {
    const { summary, record } = summaryWith("groupBy");
    record.observeMemory(reading(0, 40, { heapUsedBytes: 4 * MiB }));
    // The run adds 120 MiB; garbage is the old generation less 4 MiB live.
    record.observeMemory(
      reading(50, 160, { youngBytes: young * MiB, oldBytes: old * MiB }),
    );
    return summary.memoryHint!;
  };
  assert.match(hint(55, 55), /^hint: V8's young generation took 55\.0 MiB/);
  assert.match(hint(50, 60), /^hint: V8's old generation took 60\.0 MiB/);
});

Deno.test("V8's heap spaces are grouped into young, old, code and large objects, and none is left out", () => {
  // The spaces of V8 as Deno 2.9 reports them, sized 1, 2, 4, … bytes.
  const names = [
    "read_only_space",
    "new_space",
    "old_space",
    "code_space",
    "shared_space",
    "trusted_space",
    "shared_trusted_space",
    "new_large_object_space",
    "large_object_space",
    "code_large_object_space",
    "shared_large_object_space",
    "shared_trusted_large_object_space",
    "trusted_large_object_space",
  ];
  const spaces = names.map((space_name, i) => ({
    space_name,
    space_size: 2 ** i,
  }));
  const size = (name: string) => 2 ** names.indexOf(name);
  const g = groupSpaces(spaces);
  assert.equal(
    g.youngBytes,
    size("new_space") + size("new_large_object_space"),
  );
  assert.equal(
    g.codeBytes,
    size("code_space") + size("trusted_space") +
      size("shared_trusted_space") + size("code_large_object_space") +
      size("shared_trusted_large_object_space") +
      size("trusted_large_object_space"),
  );
  assert.equal(
    g.largeObjectBytes,
    size("large_object_space") + size("shared_large_object_space"),
  );
  assert.equal(
    g.oldBytes,
    size("old_space") + size("read_only_space") + size("shared_space"),
  );
  assert.equal(
    g.youngBytes + g.oldBytes + g.codeBytes + g.largeObjectBytes,
    2 ** names.length - 1,
  );
});
