// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { count, groupBy, pipeline, sort } from "../../mod.ts";

/**
 * The items of `run`, and how often the event loop turned while they were
 * handed out (from the first one on): the stages' own turns, since nothing
 * here waits for I/O (a merge of spilled runs turns it at each read anyway,
 * so only stages that hold everything in memory are checked here).
 */
async function turnsWhileOutput<T>(
  run: AsyncIterable<T>,
): Promise<{ items: T[]; turns: number }> {
  const items: T[] = [];
  let turns = 0;
  let counting = false;
  let done = false;
  const tick = () => {
    if (done) return;
    if (counting) turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    for await (const item of run) {
      counting = true;
      items.push(item);
    }
  } finally {
    done = true;
  }
  return { items, turns };
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
