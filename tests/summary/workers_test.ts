// Copyright 2026 the sluice authors. MIT license.
// The workers of parallel() and of grep({ worker: true }) report their heaps
// to the summary while they live (the breakdown sums them at each sample:
// breakdown_test.ts).
import assert from "node:assert/strict";
import { grep, parallel, pipeline, Summary } from "../../mod.ts";
import { recordOf } from "../../lib/summary/_record.ts";

const FN = new URL("../fixtures/parse_fn.ts", import.meta.url);

Deno.test("parallel()'s workers report their heaps to the summary with each answer, and no more once they end", async () => {
  const items = Array.from({ length: 3000 }, (_, n) => JSON.stringify({ n }));
  let during: number[] = [];
  const summary = new Summary();
  const stage = () => recordOf(summary).stages[1]!;
  await pipeline(
    items,
    parallel(FN, { workers: 2, batchSize: 50 }),
    async (lines) => {
      for await (const _ of lines) {
        const heaps = [...stage().workerHeaps.values()];
        if (heaps.length > during.length) during = heaps;
      }
    },
    { summary },
  );
  // Both workers reported their heap, committed: a few MiB each…
  assert.equal(during.length, 2);
  for (const heap of during) {
    assert.ok(heap > 1024 * 1024 && heap < 512 * 1024 * 1024, `${heap}`);
  }
  // …and once they have ended they count no more.
  assert.equal(stage().workerHeaps.size, 0);
});

Deno.test("grep({ worker: true })'s worker reports its heap to the summary with each chunk, and no more once it ends", async () => {
  const lines = Array.from({ length: 5000 }, (_, n) => `line ${n}`);
  let during: number[] = [];
  const summary = new Summary();
  const stage = () => recordOf(summary).stages[1]!;
  await pipeline(
    lines,
    // A repeated group: matched in the worker (a plain /7$/u would be
    // matched in this thread).
    grep(/(?:7)+$/u, { worker: true }),
    async (kept) => {
      for await (const _ of kept) {
        const heaps = [...stage().workerHeaps.values()];
        if (heaps.length > during.length) during = heaps;
      }
    },
    { summary },
  );
  assert.equal(during.length, 1);
  assert.ok(during[0]! > 1024 * 1024 && during[0]! < 512 * 1024 * 1024);
  assert.equal(stage().workerHeaps.size, 0);
});
