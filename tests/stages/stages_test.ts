// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import {
  batch,
  filter,
  flatMap,
  map,
  pipeline,
  StageError,
  take,
  tap,
} from "../../mod.ts";
import { collect } from "../_helpers.ts";

Deno.test("map() and filter() accept async callbacks and keep order", async () => {
  const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const out = await collect(pipeline(
    [3, 1, 2],
    map(async (n) => {
      await delay(n);
      return n * 10;
    }),
    filter(async (n) => {
      await delay(1);
      return n !== 10;
    }),
  ));
  assert.deepEqual(out, [30, 20]);
});

Deno.test("map() passes a running index across batches", async () => {
  const items = Array.from({ length: 3000 }, () => "x");
  const out = await collect(pipeline(items, map((_, i) => i)));
  assert.deepEqual(out, items.map((_, i) => i));
});

Deno.test("batch() flushes a final partial batch when input ends", async () => {
  const items = Array.from({ length: 2500 }, (_, i) => i);
  const out = await collect(pipeline(items, batch(1000)));
  assert.deepEqual(out.map((b) => b.length), [1000, 1000, 500]);
  assert.deepEqual(out.flat(), items);
});

Deno.test("batch() emits a partial batch after maxWaitMs when input stalls", async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => release = r);
  async function* source() {
    yield 1;
    yield 2;
    await gate;
    yield 3;
  }
  const seen: number[][] = [];
  for await (const b of pipeline(source(), batch(10, { maxWaitMs: 20 }))) {
    seen.push(b);
    if (seen.length === 1) release();
  }
  assert.deepEqual(seen, [[1, 2], [3]]);
});

Deno.test("batch() rejects a size that is not a positive integer", () => {
  assert.throws(
    () => batch(0),
    {
      name: "RangeError",
      message:
        "Cannot create batch stage: size must be a positive integer, got 0",
    },
  );
  assert.throws(() => batch(2, { maxWaitMs: -1 }), RangeError);
});

Deno.test("flatMap() expands items, also into many", async () => {
  const out = await collect(pipeline(
    [2, 0, 20_000],
    flatMap((n) => Array.from({ length: n }, () => n)),
  ));
  assert.equal(out.length, 20_002);
  assert.deepEqual(out.slice(0, 3), [2, 2, 20_000]);
});

Deno.test("take() with 0 yields nothing and tap() sees every item", async () => {
  assert.deepEqual(await collect(pipeline([1, 2, 3], take(0))), []);
  const seen: number[] = [];
  assert.deepEqual(
    await collect(pipeline([1, 2], tap((n) => void seen.push(n)))),
    [1, 2],
  );
  assert.deepEqual(seen, [1, 2]);
  assert.throws(() => take(-1), RangeError);
});

Deno.test("a built-in stage called on its own works like an async generator", async () => {
  async function* numbers() {
    yield* [1, 2, 3, 4];
  }
  const doubled = map((n: number) => n * 2)(numbers());
  assert.deepEqual(await collect(doubled), [2, 4, 6, 8]);
  assert.deepEqual(await collect(batch<number>(3)(numbers())), [[1, 2, 3], [
    4,
  ]]);
});

Deno.test("stage factories refuse callbacks that are not functions", () => {
  // @ts-expect-error: not a function
  assert.throws(() => map(1), /fn must be a function, got number/);
  // @ts-expect-error: not a function
  assert.throws(() => filter("x"), /predicate must be a function, got string/);
});

Deno.test("fused map and filter keep order and indexes when only some calls are async", async () => {
  const items = Array.from({ length: 3000 }, (_, i) => i);
  const out = await collect(pipeline(
    items,
    map((
      n,
      i,
    ) => (n % 7 === 0 ? Promise.resolve(n * 10 + i - n) : n * 10 + i - n)),
    filter((
      n,
      i,
    ) => (i % 5 === 0 ? Promise.resolve(n % 2 === 0) : n % 2 === 0)),
    tap((n) => (n % 3 === 0 ? Promise.resolve() : undefined)),
  ));
  const want = items.map((n) => n * 10).filter((n) => n % 2 === 0);
  assert.deepEqual(out, want);
});

Deno.test("an error in a fused run names its own stage and line", async () => {
  const items = Array.from({ length: 3000 }, (_, i) => `line ${i + 1}`);
  const run = pipeline(
    items,
    map((l) => l.toUpperCase()),
    filter((l) => {
      if (l === "LINE 2500") throw new Error("bad");
      return true;
    }),
  );
  await assert.rejects(
    collect(run),
    (e) => e instanceof StageError && e.stage === "filter#3" && e.line === 2500,
  );
  assert.equal(run.summary.stages[1]!.name, "map#2");
  assert.equal(run.summary.stages[1]!.itemsOut, 3000);
});
