// Copyright 2026 the sluice authors. MIT license.
// top(n): the n best of the input in a bounded heap, against sorting the
// whole input and cutting it.
import assert from "node:assert/strict";
import fc from "fast-check";
import { map, pipeline, StageError, top } from "../../mod.ts";
import { collect } from "../_helpers.ts";

type Item = { id: number; key: number | string };

/** The reference: a stable sort of everything, best first, cut. */
function sortThenSlice(items: Item[], n: number, reverse: boolean): Item[] {
  const rank = (k: number | string) => typeof k === "string" ? 1 : 0;
  return [...items].sort((a, b) => {
    const c = rank(a.key) - rank(b.key) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return reverse ? c : -c;
  }).slice(0, n);
}

Deno.test("top() keeps what a stable sort and a cut would, for any input, n and direction", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.oneof(
          fc.integer({ min: -5, max: 5 }),
          fc.constantFrom("a", "b", "B"),
        ),
        { maxLength: 60 },
      ),
      fc.integer({ min: 0, max: 70 }),
      fc.boolean(),
      async (keys, n, reverse) => {
        const items = keys.map((key, id) => ({ id, key }));
        const out = await collect(
          pipeline(items, top(n, { by: (i) => i.key, reverse })),
        );
        assert.deepEqual(out, sortThenSlice(items, n, reverse));
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("top() ranks the items themselves by default, bigints with numbers", async () => {
  assert.deepEqual(
    await collect(pipeline([3, 10n, 7, 2 ** 60, 1], top<number | bigint>(3))),
    [2 ** 60, 10n, 7],
  );
  assert.deepEqual(
    await collect(pipeline(["b", "c", "a"], top(2, { reverse: true }))),
    ["a", "b"],
  );
});

Deno.test("top() keeps the line numbers of the items it keeps, and names a bad key's line", async () => {
  const failing = pipeline(
    [5, 1, 9, 7],
    top(2),
    map((n) => {
      if (n === 7) throw new Error("seven");
      return n;
    }),
  );
  await assert.rejects(
    () => collect(failing),
    (e) => e instanceof StageError && e.stage === "map#3" && e.line === 4,
  );
  await assert.rejects(
    () => collect(pipeline([5, "x", null] as unknown as number[], top(1))),
    (e) =>
      e instanceof StageError && e.line === 3 && e.cause instanceof TypeError &&
      /got null/.test(e.message),
  );
});

Deno.test("top() refuses NaN keys and bad arguments", async () => {
  await assert.rejects(
    () => collect(pipeline([1, NaN], top(1))),
    (e) => e instanceof StageError && e.line === 2 && /got NaN/.test(e.message),
  );
  assert.throws(() => top(-1), RangeError);
  assert.throws(() => top(1.5), RangeError);
  assert.throws(() => top(1, { by: "x" as never }), TypeError);
});

Deno.test("top() holds at most n items and yields nothing for n = 0", async () => {
  const run = pipeline(Array.from({ length: 5000 }, (_, i) => i), top(10));
  assert.deepEqual(
    await collect(run),
    Array.from({ length: 10 }, (_, i) => 4999 - i),
  );
  assert.ok(run.summary.stages[1]!.peakItems <= 10 + 5000);
  assert.deepEqual(await collect(pipeline([1, 2], top(0))), []);
});
