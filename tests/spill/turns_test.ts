// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { count, distinct, groupBy, pipeline, sort } from "../../mod.ts";
import { withTempDir } from "../_helpers.ts";

/**
 * The items of `run`, how often the event loop turned while they were
 * handed out (from the first one on), and between how many of them it
 * turned: the stages' own turns, since nothing here waits for I/O (a merge
 * reads its runs without a turn).
 */
async function turnsWhileOutput<T>(
  run: AsyncIterable<T>,
): Promise<{ items: T[]; turns: number; gaps: number }> {
  const items: T[] = [];
  let turns = 0;
  let gaps = 0;
  let counting = false;
  let done = false;
  const tick = () => {
    if (done) return;
    if (counting) turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    let seen = 0;
    for await (const item of run) {
      counting = true;
      if (turns !== seen) gaps++;
      seen = turns;
      items.push(item);
    }
  } finally {
    done = true;
  }
  return { items, turns, gaps };
}

const N = 5000;
const numbers = () => Array.from({ length: N }, (_, i) => (i * 7919) % N);

Deno.test("sort() lets the event loop turn as it hands on what it sorted", async () => {
  const { items, turns } = await turnsWhileOutput(
    pipeline(numbers(), sort((n: number) => n)),
  );
  assert.deepEqual(items, Array.from({ length: N }, (_, i) => i));
  // One turn per 1024 items handed on (OUTPUT_TURN_ITEMS).
  assert.ok(turns >= Math.floor(N / 1024) - 1, `${turns} turns`);
});

Deno.test("groupBy() lets the event loop turn as it hands on its groups", async () => {
  const { items, turns } = await turnsWhileOutput(
    pipeline(numbers(), groupBy((n: number) => n, { n: count() })),
  );
  assert.equal(items.length, N);
  assert.ok(items.every((g) => g.n === 1));
  assert.ok(turns >= Math.floor(N / 1024) - 1, `${turns} turns`);
});

Deno.test("sort() merges its spilled runs with no turn of the event loop at each read", async () => {
  // A turn at each read of a run came in the middle of the chunk being
  // made, which then survived V8's scavenges and grew its young generation
  // (sort() with a 16 MiB budget over 1 GiB: 26.5 MiB at the end of a merge
  // of 154 runs, 14.5 with these reads).
  await withTempDir(async (dir) => {
    const n = 20_000;
    const pad = "x".repeat(200);
    const lines = Array.from(
      { length: n },
      (_, i) => `${(i * 7919) % n} ${pad}`,
    );
    const { items, gaps } = await turnsWhileOutput(
      pipeline(
        lines,
        sort((l: string) => Number(l.slice(0, l.indexOf(" "))), {
          budget: "1MiB",
          tempDir: dir,
        }),
      ),
    );
    assert.deepEqual(
      items.map((l) => Number(l.slice(0, l.indexOf(" ")))),
      Array.from({ length: n }, (_, i) => i),
    );
    // Its own turns, after every 1024 items, and no others: the blocks of
    // its 13 runs (4.4 MB in all) were read some 70 times.
    assert.ok(gaps <= Math.ceil(n / 1024), `turned between ${gaps} items`);
  });
});

Deno.test("distinct() lets the event loop turn as it passes on what it spilled", async () => {
  // Its spilled log and runs are read without a turn (see the test above):
  // the merges that read them turn it between their chunks, so that timers
  // and signals do not wait for the whole replay.
  await withTempDir(async (dir) => {
    const n = 20_000;
    const pad = "x".repeat(100);
    const lines = Array.from({ length: n }, (_, i) => `${i % 15_000} ${pad}`);
    const { items, gaps } = await turnsWhileOutput(
      pipeline(
        lines,
        distinct((l: string) => l.slice(0, l.indexOf(" ")), {
          budget: "1MiB",
          tempDir: dir,
        }),
      ),
    );
    assert.deepEqual(items, lines.slice(0, 15_000));
    // Without its turns, once only: where it began to spill (an async
    // write). With them, also between chunks of its replay of the log.
    assert.ok(gaps >= 4, `turned between ${gaps} items`);
  });
});
