// Copyright 2026 the sluice authors. MIT license.
// map(), filter(), tap() and flatMap() run on one engine: the same
// behaviours, checked the same way for each, over sync, async and mixed
// callbacks, chosen batch boundaries and chosen failing items, against
// Array.prototype.map/filter/flatMap.
import assert from "node:assert/strict";
import { collect } from "../_helpers.ts";
import fc from "fast-check";
import {
  deadLetter,
  type FailedItem,
  filter,
  flatMap,
  map,
  pipeline,
  type Stage,
  StageError,
  take,
  tap,
} from "../../mod.ts";
import { consecutive } from "../../lib/core/_chunk.ts";
import { defineStage } from "../../lib/core/_define.ts";
import { stageImpl } from "../../lib/core/_registry.ts";
import { perItemStage } from "../../lib/stages/_per_item.ts";
import { DEAD_LETTER_RESUME, policyOf } from "../../lib/policy/_policy.ts";
import type { ErrorPolicyOptions } from "../../lib/policy/error_policy.ts";

type Kind = "map" | "filter" | "tap" | "flatMap";
const KINDS: Kind[] = ["map", "filter", "tap", "flatMap"];

/** Which calls return a promise: none, all, or those of the given items. */
type Mode = "sync" | "async" | ((i: number) => boolean);
const MODES: [string, Mode][] = [
  ["sync", "sync"],
  ["async", "async"],
  ["mixed", (i) => i % 3 === 1],
];

type PolicyName = "fail" | "skip" | "deadLetter";
const POLICIES: PolicyName[] = ["fail", "skip", "deadLetter"];

/** What each stage's callback makes of an item, when the call succeeds. */
const VALUE: Record<Kind, (x: number) => unknown> = {
  map: (x) => x * 10,
  filter: (x) => x % 3 !== 0,
  tap: (x) => x,
  flatMap: (x) => Array.from({ length: x % 3 }, (_, k) => x + k),
};

/** The stage's output for `items`, by the plain Array method. */
const REFERENCE: Record<Kind, (items: number[]) => unknown[]> = {
  map: (items) => items.map((x) => x * 10),
  filter: (items) => items.filter((x) => x % 3 !== 0),
  tap: (items) => items.map((x) => x),
  flatMap: (items) =>
    items.flatMap((x) => Array.from({ length: x % 3 }, (_, k) => x + k)),
};

const NAME = "under test";

/**
 * The stage of `kind` with `fn`. tap() and flatMap() take no error policy:
 * with one, they are made on the engine directly, as their files do.
 */
function stageOf(
  kind: Kind,
  fn: (x: number, i: number) => unknown,
  options: ErrorPolicyOptions,
): Stage<number, unknown> {
  const name = NAME;
  switch (kind) {
    case "map":
      return map(fn, { name, ...options });
    case "filter":
      return filter(fn, { name, ...options });
    case "tap":
      if (options.onError === undefined) return tap(fn, { name });
      return perItemStage<number, number>({
        kind,
        name,
        policy: policyOf(kind, options),
        outcome: "pass",
        fn,
      });
    case "flatMap": {
      const expand = fn as (x: number, i: number) => Iterable<unknown>;
      if (options.onError === undefined) return flatMap(expand, { name });
      return perItemStage<number, unknown>({
        kind,
        name,
        policy: policyOf(kind, options),
        outcome: "expand",
        fn: expand,
      });
    }
  }
}

/** Hands the items on in batches that end at the given item positions. */
function cutAt(cuts: number[]) {
  return defineStage<number, number>({
    kind: "cut",
    name: undefined,
    bound: "all items",
    async *run(input) {
      const all: number[] = [];
      for await (const chunk of input) all.push(...chunk.items);
      const ends = [...new Set(cuts)].filter((c) => c > 0 && c < all.length)
        .sort((a, b) => a - b);
      let from = 0;
      for (const end of [...ends, all.length]) {
        if (end > from) yield consecutive(all.slice(from, end), from + 1);
        from = end;
      }
    },
  });
}

interface Case {
  kind: Kind;
  mode: Mode;
  policy: PolicyName;
  items: number[];
  cuts: number[];
  failing: Set<number>;
}

/**
 * Runs one case and checks all that can be said of it: the output, the
 * indexes the callback saw, the failures recorded, and the error.
 */
async function check(c: Case, label = ""): Promise<void> {
  const { kind, mode, policy, items, cuts, failing } = c;
  const msg = (what: string) =>
    `${label}${kind} ${
      typeof mode === "string" ? mode : "mixed"
    } ${policy}: ${what}`;
  const seen: [number, number][] = [];
  const fn = (x: number, i: number): unknown => {
    seen.push([x, i]);
    const fails = failing.has(i);
    const value = fails ? undefined : VALUE[kind](x);
    const error = fails ? new RangeError(`boom ${i}`) : undefined;
    const async = mode === "async" || (mode !== "sync" && mode(i));
    if (!async) {
      if (error !== undefined) throw error;
      return value;
    }
    return error !== undefined ? Promise.reject(error) : Promise.resolve(value);
  };
  const failed: FailedItem[] = [];
  const options: ErrorPolicyOptions = policy === "fail"
    ? {}
    : policy === "skip"
    ? { onError: "skip" }
    : { onError: deadLetter((f) => void failed.push(f)) };
  const run = pipeline(items, cutAt(cuts), stageOf(kind, fn, options));
  const out: unknown[] = [];
  let error: unknown;
  try {
    for await (const o of run) out.push(o);
  } catch (e) {
    error = e;
  }
  const fails = [...failing].filter((i) => i < items.length).sort((a, b) =>
    a - b
  );
  const stats = run.summary.stages[2]!;
  if (policy === "fail" && fails.length > 0) {
    const first = fails[0]!;
    // The run stops at the first failing item: later items are not called,
    // and what was handed on is the batches before its own.
    assert.ok(error instanceof StageError, msg("a StageError"));
    assert.equal(error.stage, NAME, msg("stage"));
    assert.equal(error.line, first + 1, msg("line"));
    assert.equal(
      error.message,
      `Stage "${NAME}" failed at item ${first + 1}: boom ${first}`,
      msg("message"),
    );
    assert.ok(error.cause instanceof RangeError, msg("cause"));
    assert.deepEqual(
      seen,
      items.slice(0, first + 1).map((x, i) => [x, i]),
      msg("calls"),
    );
    const batchStart = Math.max(0, ...cuts.filter((k) => k <= first));
    assert.deepEqual(
      out,
      REFERENCE[kind](items.slice(0, batchStart)),
      msg("handed on"),
    );
    assert.equal(stats.errors, 1, msg("errors"));
    assert.deepEqual(
      stats.firstErrors,
      [`item ${first + 1}: boom ${first}`],
      msg("firstErrors"),
    );
    return;
  }
  assert.equal(error, undefined, msg("no error"));
  // Every item is called once, with its index, failed or not.
  assert.deepEqual(seen, items.map((x, i) => [x, i]), msg("calls"));
  assert.deepEqual(
    out,
    REFERENCE[kind](items.filter((_, i) => !failing.has(i))),
    msg("output"),
  );
  assert.equal(stats.itemsIn, items.length, msg("itemsIn"));
  assert.equal(stats.itemsOut, out.length, msg("itemsOut"));
  assert.equal(stats.errors, fails.length, msg("errors"));
  assert.deepEqual(
    stats.firstErrors,
    fails.slice(0, 5).map((i) => `item ${i + 1}: boom ${i}`),
    msg("firstErrors"),
  );
  if (policy === "deadLetter") {
    assert.deepEqual(
      failed.map((f) => [f.stage, f.line, f.item, f.error]),
      fails.map((i) => [NAME, i + 1, items[i], `boom ${i}`]),
      msg("dead letter"),
    );
  }
}

const ITEMS = Array.from({ length: 30 }, (_, i) => i + 1);
// Three batches: items 0-9, 10-19 and 20-29.
const CUTS = [10, 20];

Deno.test("per-item stages give their Array reference for sync, async and mixed callbacks", async () => {
  for (const kind of KINDS) {
    for (const [, mode] of MODES) {
      for (const policy of POLICIES) {
        await check({
          kind,
          mode,
          policy,
          items: ITEMS,
          cuts: CUTS,
          failing: new Set(),
        });
      }
    }
  }
});

Deno.test("per-item stages handle a failure at the first, middle or last item of a batch, under every policy", async () => {
  // Items 10, 15 and 19 are the first, a middle and the last of the second
  // batch; the last set fails items side by side and across a boundary.
  const sets = [[10], [15], [19], [0], [29], [10, 11, 19, 20], [0, 1, 2]];
  for (const kind of KINDS) {
    for (const [, mode] of MODES) {
      for (const policy of POLICIES) {
        for (const set of sets) {
          await check({
            kind,
            mode,
            policy,
            items: ITEMS,
            cuts: CUTS,
            failing: new Set(set),
          }, `failing ${set}: `);
        }
      }
    }
  }
});

Deno.test("per-item stages number items across batches and after a failure, in one batch or many", async () => {
  const failing = new Set([3, 4, 17]);
  for (const kind of KINDS) {
    for (const [, mode] of MODES) {
      for (const cuts of [[], [1, 2, 3, 4, 5, 6], [5, 17, 18], [29]]) {
        await check({
          kind,
          mode,
          policy: "skip",
          items: ITEMS,
          cuts,
          failing,
        }, `cuts ${cuts}: `);
      }
    }
  }
});

Deno.test("per-item stages match Array.prototype.map, filter and flatMap for any batches, callbacks and failures", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...KINDS),
      fc.constantFrom(...POLICIES),
      fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 }),
      fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }),
      fc.oneof(
        fc.constantFrom<Mode>("sync", "async"),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 20 })
          .map((a): Mode => (i) => a.includes(i)),
      ),
      async (kind, policy, items, cuts, failing, mode) => {
        await check({
          kind,
          mode,
          policy,
          items,
          cuts,
          failing: new Set(failing),
        });
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("a per-item stage with a dead letter is marked unresumable, and without one it is not", () => {
  const dl = deadLetter(() => {});
  for (const kind of KINDS) {
    const unresumable = (options: ErrorPolicyOptions) =>
      stageImpl(stageOf(kind, (x) => [x], options))?.unresumable;
    assert.equal(unresumable({ onError: dl }), DEAD_LETTER_RESUME, kind);
    assert.equal(unresumable({ onError: "skip" }), undefined, kind);
    assert.equal(unresumable({}), undefined, kind);
  }
});

Deno.test("flatMap() on the engine drops what a failing item's iterable gave before it threw", async () => {
  const failed: FailedItem[] = [];
  const stage = perItemStage<number, string>({
    kind: "flatMap",
    name: undefined,
    policy: policyOf("flatMap", {
      onError: deadLetter((f) => void failed.push(f)),
    }),
    outcome: "expand",
    *fn(x) {
      yield `${x}a`;
      if (x === 2) throw new Error("half-way");
      yield `${x}b`;
    },
  });
  const out: string[] = [];
  for await (const s of pipeline([1, 2, 3], stage)) out.push(s);
  assert.deepEqual(out, ["1a", "1b", "3a", "3b"]);
  assert.deepEqual(failed.map((f) => [f.item, f.line]), [[2, 2]]);
});

Deno.test("flatMap() hands on part-way and keeps line numbers when one item expands to many", async () => {
  const lines: number[] = [];
  const probe = defineStage<number, number>({
    kind: "probe",
    name: undefined,
    bound: "1 chunk",
    async *run(input) {
      for await (const chunk of input) {
        lines.push(chunk.items.length, chunk.firstLine);
        yield chunk;
      }
    },
  });
  let n = 0;
  for await (
    const _ of pipeline(
      [1, 20_000, 1],
      flatMap((k: number) => Array.from({ length: k }, () => k)),
      probe,
    )
  ) n++;
  assert.equal(n, 20_002);
  // [size, first line] of each batch: 8192 at most, the big item's line.
  assert.deepEqual(lines, [8192, 1, 8192, 2, 3618, 2]);
});

Deno.test("flatMap() stays within its bound for an item that expands without end", async () => {
  function* forever() {
    for (let i = 0;; i++) yield i;
  }
  const run = pipeline(["x"], flatMap(() => forever()), take(20_000));
  assert.equal((await collect(run)).length, 20_000);
  assert.ok(run.summary.stages[2]!.peakItems <= 8192);
});

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

Deno.test("flatMap() expands items, also into many", async () => {
  const out = await collect(pipeline(
    [2, 0, 20_000],
    flatMap((n) => Array.from({ length: n }, () => n)),
  ));
  assert.equal(out.length, 20_002);
  assert.deepEqual(out.slice(0, 3), [2, 2, 20_000]);
});

Deno.test("stage factories refuse callbacks that are not functions", () => {
  // @ts-expect-error: not a function
  assert.throws(() => map(1), /fn must be a function, got number/);
  // @ts-expect-error: not a function
  assert.throws(() => filter("x"), /predicate must be a function, got string/);
});

Deno.test("an abort stops map (concurrent too), filter, tap and flatMap whose callback awaits between items: no call after it, under every policy", async () => {
  type Make = (
    fn: (x: number) => Promise<number>,
    o: ErrorPolicyOptions,
  ) => Stage<number, unknown>;
  const stages: Record<string, Make> = {
    map: (fn, o) => map(fn, o),
    "map with concurrency 4": (fn, o) => map(fn, { ...o, concurrency: 4 }),
    filter: (fn, o) => filter(async (x: number) => (await fn(x)) >= 0, o),
    // (tap and flatMap take no error policy.)
    tap: (fn) => tap(fn),
    flatMap: (fn) => flatMap(async (x: number) => [await fn(x)]),
  };
  for (const [name, make] of Object.entries(stages)) {
    for (const policy of [{}, { onError: "skip" as const }]) {
      const stop = new AbortController();
      const reason = new Error("stop");
      let after = 0;
      const busy = async (x: number) => {
        if (stop.signal.aborted) after++;
        // Some work, then a real wait (a timer): the abort comes in between.
        const until = performance.now() + 2;
        while (performance.now() < until) {
          // Busy, as a callback that computes.
        }
        await new Promise((r) => setTimeout(r, 0));
        return x;
      };
      setTimeout(() => stop.abort(reason), 50);
      await assert.rejects(
        pipeline(
          Array.from({ length: 3000 }, (_, i) => i),
          make(busy, policy),
          async (xs: AsyncIterable<unknown>) => {
            for await (const _ of xs);
          },
          { signal: stop.signal },
        ),
        (e) => e === reason,
        name,
      );
      // Was: calls went on until the run gave up on the stage.
      assert.equal(after, 0, `${name} ${JSON.stringify(policy)}`);
    }
  }
});
