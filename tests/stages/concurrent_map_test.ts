// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { map, pipeline, StageError, take } from "../../mod.ts";
import { collect } from "../_helpers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("map({ concurrency }) keeps input order and never exceeds the limit", async () => {
  let inFlight = 0;
  let most = 0;
  const items = Array.from({ length: 300 }, (_, i) => i);
  const run = pipeline(
    items,
    map(async (n: number, i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep((n * 7) % 5);
      inFlight--;
      return n * 10 + i - n;
    }, { concurrency: 8 }),
  );
  assert.deepEqual(await collect(run), items.map((n) => n * 10));
  assert.ok(most <= 8, `at most 8 in flight, saw ${most}`);
  assert.ok(most > 1, "calls overlapped");
  assert.equal(run.summary.stages[1]!.counters.inFlightPeak, most);
});

Deno.test("map({ ordered: false }) hands results on as they finish", async () => {
  const items = Array.from({ length: 40 }, (_, i) => i);
  const out = await collect(pipeline(
    items,
    map(async (n: number) => {
      await sleep(n % 2 === 0 ? 20 : 1);
      return n;
    }, { concurrency: 40, ordered: false }),
  ));
  assert.deepEqual([...out].sort((a, b) => a - b), items);
  assert.ok(out.indexOf(1) < out.indexOf(0), "a fast call overtook a slow one");
});

Deno.test("map({ concurrency }) holds backpressure: a slow consumer stops the input", async () => {
  let pulled = 0;
  async function* source() {
    for (let i = 0; i < 100_000; i++) {
      pulled++;
      yield i;
    }
  }
  let started = 0;
  const run = pipeline(
    source(),
    map(async (n: number) => {
      started++;
      await sleep(0);
      return n;
    }, { concurrency: 16 }),
  );
  const it = run[Symbol.asyncIterator]();
  await it.next();
  await sleep(50); // a consumer that stalls
  // One gathered batch of the source (1,024 items) and a window of 16 calls,
  // not the whole source.
  assert.ok(pulled <= 2 * 1024 + 16, `pulled ${pulled}`);
  assert.ok(started <= 1024 + 2 * 16, `started ${started}`);
  await it.return(undefined);
});

Deno.test("map({ concurrency }) starts no call after a stop, and late failures go unseen", async () => {
  let started = 0;
  const run = pipeline(
    Array.from({ length: 1000 }, (_, i) => i),
    map(async (n: number) => {
      started++;
      await sleep(5);
      if (n > 5) throw new Error("late");
      return n;
    }, { concurrency: 10 }),
    take(3),
  );
  assert.deepEqual(await collect(run), [0, 1, 2]);
  const atStop = started;
  await sleep(30);
  assert.equal(started, atStop);
  assert.ok(atStop <= 13, `started ${atStop}`);
});

Deno.test("map({ concurrency }) names the failing item, and an input failure comes first", async () => {
  await assert.rejects(
    collect(pipeline(
      Array.from({ length: 100 }, (_, i) => i),
      map(async (n: number) => {
        await sleep(1);
        if (n === 42) throw new Error("bad item");
        return n;
      }, { concurrency: 5 }),
    )),
    (e) => e instanceof StageError && e.stage === "map#2" && e.line === 43,
  );
  // The calls fail first, while the input's failure is still under way:
  // the input's is the one reported.
  async function* failing() {
    yield 1;
    yield 2;
    await sleep(20);
    throw new Error("input broke");
  }
  await assert.rejects(
    collect(pipeline(
      failing(),
      map(async (n: number) => {
        await sleep(1);
        throw new Error(`call ${n} failed`);
      }, { concurrency: 4 }),
    )),
    (e) =>
      e instanceof StageError && e.stage === "source#1" &&
      (e.cause as Error).message === "input broke",
  );
  assert.throws(() => map((x) => x, { concurrency: 0 }), RangeError);
});

Deno.test("map({ concurrency }) stops on an abort: the reason, and no call after it", async () => {
  const controller = new AbortController();
  let started = 0;
  const reason = new Error("stop now");
  const run = pipeline(
    Array.from({ length: 10_000 }, (_, i) => i),
    map(async (n: number) => {
      started++;
      if (n === 40) controller.abort(reason);
      await sleep(2);
      // Calls still running when the run stopped fail unseen.
      if (n > 40) throw new Error("late");
      return n;
    }, { concurrency: 8 }),
    { signal: controller.signal },
  );
  await assert.rejects(collect(run), (e) => e === reason);
  const atStop = started;
  await sleep(30);
  assert.equal(started, atStop);
  assert.ok(atStop <= 41 + 8, `started ${atStop}`);
  assert.equal(run.summary.status, "aborted");
});

Deno.test("map({ concurrency }) on its own closes its source on an early break", async () => {
  let closed = false;
  async function* source() {
    try {
      for (let i = 0; i < 1000; i++) yield i;
    } finally {
      closed = true;
    }
  }
  const out: number[] = [];
  const stage = map(async (n: number) => {
    await sleep(1);
    return n * 2;
  }, { concurrency: 4 });
  for await (const n of stage(source())) {
    out.push(n);
    if (out.length === 3) break;
  }
  assert.deepEqual(out, [0, 2, 4]);
  assert.ok(closed);
});
