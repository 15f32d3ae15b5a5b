// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { Pool } from "../../lib/parallel/_pool.ts";
import { packItems, unpackItems } from "../../lib/core/_pack.ts";
import { StageStats } from "../../lib/summary/_record.ts";

const WORKER = new URL(
  "../../lib/parallel/_parallel_worker.ts",
  import.meta.url,
);
const FN = new URL("../fixtures/parse_fn.ts", import.meta.url);

type Results = { count: number; bytes?: Uint8Array; items?: unknown[] };

/** The final answer to task `seq`, waited for. */
async function answer(pool: Pool<Results>, seq: number): Promise<unknown[]> {
  let done;
  while ((done = pool.take(seq)) === undefined) {
    if (pool.failure !== undefined) throw pool.failure;
    await pool.wait();
  }
  assert.notEqual(done.reply.type, "error");
  return unpackItems(done.reply as never);
}

Deno.test("a pool starts its first worker at once, and another only for a task that no started worker is free for", async () => {
  // Starting a worker holds the calling thread until the worker's isolate
  // is made: an input of one task starts one worker.
  const pool = new Pool<Results>(3, WORKER, {
    type: "init",
    module: FN.href,
    exportName: "default",
  }, new StageStats("parallel", "parallel", ""));
  try {
    assert.equal(pool.size, 1);
    assert.equal(pool.capacity, 3);
    const task = (seq: number, n: number) => ({
      ...packItems([JSON.stringify({ n })], true),
      type: "chunk",
      seq,
    });
    pool.send(task(0, 1));
    assert.deepEqual(await answer(pool, 0), ["1:2"]);
    assert.equal(pool.size, 1);
    // The first worker is free again: the next task goes to it.
    pool.send(task(1, 2));
    assert.equal(pool.size, 1);
    // It has a task in hand: the next one starts a second worker, and so on
    // up to the pool's size; then the least busy takes it.
    pool.send(task(2, 3));
    assert.equal(pool.size, 2);
    pool.send(task(3, 4));
    pool.send(task(4, 5));
    assert.equal(pool.size, 3);
    assert.ok(pool.hasRoom);
    const out = [];
    for (let seq = 1; seq <= 4; seq++) out.push(...await answer(pool, seq));
    assert.deepEqual(out, ["2:4", "3:6", "4:8", "5:10"]);
  } finally {
    pool.close();
  }
});
