// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  count,
  distinct,
  first,
  groupBy,
  last,
  map,
  max,
  mean,
  min,
  percentile,
  pipeline,
  type Reducer,
  StageError,
  sum,
} from "../../mod.ts";
import { numberJson } from "../../lib/spill/_keys.ts";
import { GroupTable } from "../../lib/spill/_group_table.ts";
import { namedReducers } from "../../lib/spill/_named_reducers.ts";
import { bytesSink, collect, listDir, withTempDir } from "../_helpers.ts";
import type { Chunk } from "../../lib/core/_chunk.ts";

type Row = [string | number, number];

const rows = fc.array(
  fc.tuple(
    fc.oneof(
      // Keys spill as UTF-8 from their code units, lone surrogates as JSON.
      fc.constantFrom("api", "auth", "é", "😀", "", "\ud800", "a\udc00"),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: "binary", maxLength: 6 }),
      fc.integer({ min: -5, max: 5 }),
    ),
    fc.oneof(
      fc.integer({ min: 0, max: 3000 }),
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
      fc.constant(NaN),
    ),
  ),
  { maxLength: 400, size: "max" },
);

function reducers() {
  const v = (r: Row) => r[1];
  return {
    n: count(),
    total: sum(v),
    avg: mean(v),
    lo: min(v),
    hi: max(v),
    p0: percentile(0, v),
    p50: percentile(50, v),
    p95: percentile(95, v),
    p99a: percentile(99, v, { relativeError: 0.02 }),
    // Values that survive JSON (NaN would come back as null once spilled).
    head: first((r: Row) => String(r[1])),
    tail: last((r: Row) => String(r[1])),
  };
}

/**
 * Checks that groupBy() with `make()`'s reducers, spilled within any budget
 * and fan-in, gives what it gives in memory, leaving no file behind; and
 * that enough of the runs spilled.
 */
async function spillsAsInMemory(
  make: () => Record<string, Reducer<Row, unknown, unknown>>,
): Promise<void> {
  let spilled = 0;
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.integer({ min: 4096, max: 16384 }),
        fc.integer({ min: 2, max: 4 }),
        async (data, budget, fanIn) => {
          const inMemory = await collect(
            pipeline(data, groupBy((r) => r[0], make())),
          );
          const run = pipeline(
            data,
            groupBy((r) => r[0], make(), { budget, fanIn, tempDir: dir }),
          );
          const out = await collect(run);
          assert.deepEqual(
            JSON.stringify(out),
            JSON.stringify(inMemory),
          );
          if (run.summary.stages[1]!.counters.runsWritten) spilled++;
          assert.deepEqual(await listDir(dir), []);
        },
      ),
      { numRuns: 40 },
    );
  });
  assert.ok(spilled > 5, `${spilled} runs spilled`);
}

Deno.test("groupBy() spilled gives exactly the in-memory result, for any budget and fan-in", async () => {
  await spillsAsInMemory(reducers);
});

Deno.test("groupBy() spilled with accumulators that are all numbers gives exactly the in-memory result", async () => {
  // Counts, and extremes that start from a number (min() and max() start
  // from null), go to a run as JSON written digit by digit.
  const extreme = (
    pick: (a: number, b: number) => number,
  ): Reducer<Row, number, number> => ({
    init: () => pick(1e300, -1e300),
    add: (acc, r) => Number.isFinite(r[1]) ? pick(acc, r[1]) : acc,
    merge: pick,
    result: (acc) => acc,
  });
  await spillsAsInMemory(() => ({
    n: count(),
    lo: extreme((a, b) => b < a ? b : a),
    hi: extreme((a, b) => b > a ? b : a),
  }));
});

Deno.test("numberJson() writes a number as JSON.stringify does", () => {
  const encoder = new TextEncoder();
  fc.assert(
    fc.property(
      fc.oneof(
        fc.double(),
        fc.integer(),
        fc.maxSafeInteger(),
        fc.maxSafeInteger().map((n) => -n),
        fc.constantFrom(-0, 0, 9, 10, 99, 100, 2 ** 53, -(2 ** 53) + 1),
        // The longest texts: 25 bytes, 24 with an exponent.
        fc.constantFrom(-0.0000012345678901234567, -1.2345678901234567e-308),
      ),
      (n) => {
        const buf = new Uint8Array(30).fill(0xee);
        const written = numberJson(n, buf, 2);
        assert.ok(written <= 25);
        assert.deepEqual(
          buf.subarray(2, 2 + written),
          encoder.encode(JSON.stringify(n)),
        );
        assert.ok(buf.subarray(2 + written).every((b) => b === 0xee));
      },
    ),
    { numRuns: 2000 },
  );
});

/** The nearest-rank percentile of `values`. */
function nearestRank(values: number[], p: number): number | null {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return null;
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1]!;
}

Deno.test("groupBy() aggregates match a direct computation: counts, exact sums, nearest-rank percentiles", async () => {
  await fc.assert(
    fc.asyncProperty(rows, async (data) => {
      const out = await collect(
        pipeline(data, groupBy((r) => r[0], reducers(), { budget: 4096 })),
      );
      const keys = [...new Set(data.map((r) => r[0]))].sort((a, b) =>
        typeof a !== typeof b
          ? typeof a === "number" ? -1 : 1
          : a < b
          ? -1
          : a > b
          ? 1
          : 0
      );
      assert.deepEqual(out.map((g) => g.key), keys);
      for (const g of out) {
        const mine = data.filter((r) => r[0] === g.key);
        const values = mine.map((r) => r[1]).filter(Number.isFinite);
        assert.equal(g.n, mine.length);
        // === on purpose: -0 and 0 are the same value here.
        const same = (a: unknown, b: unknown) =>
          assert.ok(a === b, `${a} ${b}`);
        same(g.lo, values.length ? Math.min(...values) : null);
        same(g.hi, values.length ? Math.max(...values) : null);
        same(g.p0, nearestRank(values, 0));
        same(g.p50, nearestRank(values, 50));
        same(g.p95, nearestRank(values, 95));
        const exact = nearestRank(values, 99);
        if (exact === null) assert.equal(g.p99a, null);
        else {assert.ok(
            Math.abs(g.p99a! - exact) <= 0.02 * Math.abs(exact) + 1e-9,
          );}
        assert.equal(g.head, String(mine[0]![1]));
        assert.equal(g.tail, String(mine[mine.length - 1]![1]));
        // Integers sum exactly; the exact sum of floats is within rounding.
        const naive = values.reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(g.total - naive) <= 1e-6 * (1 + Math.abs(naive)));
      }
    }),
    { numRuns: 40 },
  );
});

Deno.test("sum() is exact where naive addition rounds", async () => {
  const out = await collect(
    pipeline([1e16, 1, 1, -1e16], groupBy(() => "x", sum((n: number) => n))),
  );
  assert.deepEqual(out, [{ key: "x", value: 2 }]);
});

Deno.test("groupBy() takes a user's reducer with encode and decode, through a spill", async () => {
  const distinctPaths: Reducer<string, Set<string>, number> = {
    init: () => new Set(),
    add: (acc, line) => acc.add(line.split(" ")[1]!),
    merge: (a, b) => {
      for (const p of b) a.add(p);
      return a;
    },
    result: (acc) => acc.size,
    bytes: (acc) => 64 + acc.size * 64,
    encode: (acc) => [...acc],
    decode: (data) => new Set(data as string[]),
  };
  const lines = Array.from(
    { length: 5000 },
    (_, i) => `u${i % 50} /p${(i * 7) % 130}`,
  );
  const run = pipeline(
    lines,
    groupBy((l) => l.split(" ")[0]!, distinctPaths, { budget: 4096 }),
  );
  const out = await collect(run);
  assert.ok(run.summary.stages[1]!.counters.runsWritten! > 1);
  assert.equal(out.length, 50);
  for (const g of out) {
    const expected = new Set(
      lines.filter((l) => l.startsWith(`${g.key} `)).map((l) =>
        l.split(" ")[1]
      ),
    );
    assert.equal(g.value, expected.size, g.key);
  }
});

Deno.test("groupBy() keeps accumulators that are numbers until they are objects, exactly, spilled or not", async () => {
  // The last value of a group (-0 and NaN too) while its values stay at or
  // below `cut`, an object once one was above it: the reducer's column of
  // numbers becomes an array in the middle of the groups.
  type Acc = number | { last: number };
  const lastOrBoxed = (cut: number): Reducer<Row, Acc, string> => ({
    init: () => 0,
    add: (acc, r) =>
      typeof acc === "object" || r[1] > cut ? { last: r[1] } : r[1],
    merge: (a, b) =>
      typeof a === "object" && typeof b === "number" ? { last: b } : b,
    result: (acc) =>
      typeof acc === "object"
        ? `boxed ${Object.is(acc.last, -0) ? "-0" : acc.last}`
        : Object.is(acc, -0)
        ? "-0"
        : String(acc),
    bytes: (acc) => typeof acc === "object" ? 48 : 8,
    // JSON has no -0 or NaN: strings keep them through a spill.
    encode: (acc) =>
      typeof acc === "object"
        ? [Object.is(acc.last, -0) ? "-0" : String(acc.last)]
        : Object.is(acc, -0)
        ? "-0"
        : String(acc),
    decode: (data) =>
      Array.isArray(data) ? { last: Number(data[0]) } : Number(data),
  });
  const values = fc.oneof(
    fc.integer({ min: -3000, max: 3000 }),
    fc.constantFrom(-0, NaN, 0.5, 2 ** 53, -(2 ** 60)),
  );
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), values), {
          maxLength: 2000,
        }),
        fc.integer({ min: -1000, max: 4000 }),
        fc.constantFrom(4096, 16384, 1 << 30),
        async (data, cut, budget) => {
          const out = await collect(
            pipeline(
              data as Row[],
              groupBy((r) => r[0], { n: count(), x: lastOrBoxed(cut) }, {
                budget,
                tempDir: dir,
              }),
            ),
          );
          const expected = new Map<number, { n: number; x: string }>();
          const boxed = new Set<number>();
          for (const [k, v] of data) {
            if (v > cut) boxed.add(k);
            const text = Object.is(v, -0) ? "-0" : String(v);
            expected.set(k, {
              n: (expected.get(k)?.n ?? 0) + 1,
              x: boxed.has(k) ? `boxed ${text}` : text,
            });
          }
          const keys = [...expected.keys()].sort((a, b) => a - b);
          assert.deepEqual(
            out,
            keys.map((key) => ({ key, ...expected.get(key)! })),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

Deno.test("a group table released for its merge frees its columns and its keys' table, and holds little after", () => {
  const table = new GroupTable(
    namedReducers("groupBy", { n: count(), total: sum((x: number) => x) }),
    1 << 20,
  );
  for (let i = 0; i < 20000; i++) table.add(`key ${i % 9000}`, i);
  assert.ok(table.held > 1 << 18, `${table.held} bytes held`);
  const pool = table.release();
  assert.ok(pool.byteLength >= 1 << 18, `${pool.byteLength} bytes handed over`);
  assert.ok(table.held <= 1024, `${table.held} bytes held after release`);
  assert.equal(table.size, 0);
});

/**
 * The typed arrays of 128 KiB or more that `f` makes (glibc's malloc maps
 * each such buffer on its own): how many of each kind.
 */
function largeBuffers(f: () => void): Record<string, number> {
  const made: Record<string, number> = {};
  const kinds = [
    "Int32Array",
    "Uint32Array",
    "Uint16Array",
    "Uint8Array",
    "Float64Array",
  ] as const;
  const saved = kinds.map((kind) => globalThis[kind]);
  kinds.forEach((kind, i) => {
    Object.assign(globalThis, {
      [kind]: new Proxy(saved[i]!, {
        construct(target, args, newTarget) {
          const array = Reflect.construct(target, args, newTarget);
          if (array.byteLength >= 128 * 1024) {
            made[kind] = (made[kind] ?? 0) + 1;
          }
          return array;
        },
      }),
    });
  });
  try {
    f();
  } finally {
    kinds.forEach((kind, i) => Object.assign(globalThis, { [kind]: saved[i] }));
  }
  return made;
}

Deno.test("a group table fills its share of the budget with each of its large arrays made once", () => {
  // An array of 128 KiB or more that grows frees a buffer that glibc's
  // malloc had mapped on its own, which raises the size from which malloc
  // maps blocks: smaller blocks freed later then stay resident (CLI group
  // by req with a 16 MiB budget: 81.3 MiB peak RSS with growing arrays,
  // 79.1 without). The table's arrays start small, then grow once, to the
  // size of its share.
  for (const budget of [1 << 20, 4 << 20, 16 << 20]) {
    const table = new GroupTable(
      namedReducers("groupBy", { n: count() }),
      budget,
    );
    let n = 0;
    const made = largeBuffers(() => {
      // Keys as the bench corpus's req: 8 hex digits.
      for (; table.held < budget; n++) {
        const key = (Math.imul(n, 0x9e3779b1) >>> 0).toString(16);
        table.add(key.padStart(8, "0"), n);
      }
    });
    assert.ok(n > budget / 64, `${budget}: ${n} keys`);
    // The index's buckets, hashes and lengths, its offsets, its characters,
    // and the one column of counts.
    const most = {
      Int32Array: 3,
      Uint32Array: 1,
      Uint16Array: 1,
      Float64Array: 1,
    };
    for (const [kind, count] of Object.entries(made)) {
      assert.ok(
        count <= (most[kind as keyof typeof most] ?? 0),
        `${budget}: ${JSON.stringify(made)}`,
      );
    }
  }
});

Deno.test("groupBy() refuses bad reducers and keys with clear errors", async () => {
  assert.throws(
    () => groupBy((x: string) => x, { key: count() }),
    /a reducer cannot be named "key"/,
  );
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => groupBy((x: string) => x, { n: { init: () => 0 } as any }),
    /reducer "n" must have init, add, merge and result functions/,
  );
  assert.throws(() => percentile(101, (x: number) => x), RangeError);
  assert.throws(
    () => percentile(50, (x: number) => x, { relativeError: 1 }),
    RangeError,
  );
  await assert.rejects(
    collect(pipeline(
      ["a", "b"],
      // deno-lint-ignore no-explicit-any
      groupBy((x) => (x === "b" ? {} : x) as any, count()),
    )),
    (e) =>
      e instanceof StageError && e.line === 2 &&
      /Group key must be a string, a number, or missing \(undefined, null or NaN\), got object/
        .test(e.message),
  );
});

Deno.test("groupBy() puts items with a missing key in one last group keyed null, spilled or not, and counts them", async () => {
  const items = Array.from({ length: 5000 }, (_, i) => i);
  // Every fifth item has no key, as undefined, null or NaN by turns.
  const key = (i: number) =>
    i % 5 !== 0
      ? `k${i % 97}`
      : [undefined, null, NaN][(i / 5) % 3] as undefined;
  const reducers = { n: count(), total: sum((i: number) => i) };
  const inMemory = await collect(pipeline(items, groupBy(key, reducers)));
  const last = inMemory.at(-1)!;
  assert.equal(last.key, null);
  assert.equal(last.n, 1000);
  assert.equal(
    last.total,
    items.filter((i) => i % 5 === 0).reduce((a, b) => a + b),
  );
  assert.ok(inMemory.slice(0, -1).every((g) => typeof g.key === "string"));
  await withTempDir(async (dir) => {
    const run = pipeline(
      items,
      groupBy(key, reducers, { budget: 4096, fanIn: 2, tempDir: dir }),
    );
    assert.deepEqual(await collect(run), inMemory);
    const row = run.summary.stages[1]!;
    assert.ok(row.counters.runsWritten! > 2, "the table spilled");
    assert.equal(row.counters.missingKeys, 1000);
    assert.deepEqual(await listDir(dir), []);
  });
});

Deno.test("distinct() spilled gives exactly the in-memory result: first occurrences in input order", async () => {
  let spilled = 0;
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ unit: "binary", maxLength: 30 }),
            fc.integer({ min: 0, max: 40 }).map((n) => `k${n}`),
          ),
          { maxLength: 800, size: "max" },
        ),
        fc.integer({ min: 4096, max: 12000 }),
        fc.integer({ min: 2, max: 4 }),
        async (items, budget, fanIn) => {
          const seen = new Set<string>();
          const expected = items.filter((s) =>
            seen.has(s) ? false : (seen.add(s), true)
          );
          const run = pipeline(
            items,
            distinct<string>(undefined, { budget, fanIn, tempDir: dir }),
          );
          assert.deepEqual(await collect(run), expected);
          if (run.summary.stages[1]!.counters.runsWritten) spilled++;
          assert.deepEqual(await listDir(dir), []);
        },
      ),
      { numRuns: 40 },
    );
  });
  assert.ok(spilled > 5, `${spilled} runs spilled`);
});

Deno.test("distinct() spilled writes every item to its log when each write waits for the disk, the last of a chunk too", async () => {
  // With a 4 KiB budget the log's buffer is 1 KiB: an item of 400
  // characters never fits beside another, so each one's write waits.
  const items: string[] = [];
  for (let i = 0; i < 3000; i++) {
    items.push(`${i % 7 === 0 ? i - 7 : i}`.padStart(400, "x"));
  }
  const expected = [...new Set(items)];
  // In chunks of a few items: the source waits for a timer every 5.
  async function* source() {
    for (let i = 0; i < items.length; i++) {
      if (i % 5 === 0) await new Promise((ok) => setTimeout(ok, 0));
      yield items[i]!;
    }
  }
  await withTempDir(async (dir) => {
    const run = pipeline(
      source(),
      distinct<string>(undefined, { budget: 4096, tempDir: dir }),
    );
    const out = await collect(run);
    assert.equal(out.length, expected.length);
    assert.deepEqual(out, expected);
    assert.ok(run.summary.stages[1]!.counters.runsWritten! > 1);
  });
});

Deno.test("distinct() spilled hands the lines it reads back from disk to a sink that takes bytes as bytes, with their line numbers", async () => {
  const decoder = new TextDecoder();
  // What a writer makes of a chunk: its bytes, or its strings and LFs.
  const written = (c: Chunk<unknown>) =>
    c.bytes === undefined
      ? c.items.map((s) => s + "\n").join("")
      : decoder.decode(c.bytes);
  let asBytes = 0;
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            // Lone surrogates and LFs cannot go as bytes: the rest of their
            // chunk goes as strings.
            {
              arbitrary: fc.string({ unit: "binary", maxLength: 12 }),
              weight: 1,
            },
            {
              arbitrary: fc.integer({ min: 0, max: 1500 }).map((n) =>
                `k${n}${n % 3 === 0 ? " é" : ""}`
              ),
              weight: 40,
            },
          ),
          // More than the 1,024 items of an array's first chunk: the log
          // begins after a chunk.
          { minLength: 1100, maxLength: 2500, size: "max" },
        ),
        fc.integer({ min: 4096, max: 9000 }),
        async (items, budget) => {
          const { sink, seen } = bytesSink();
          const firsts = new Map<string, number>();
          items.forEach((s, i) => firsts.has(s) || firsts.set(s, i + 1));
          await pipeline(
            items,
            distinct<string>(undefined, { budget, tempDir: dir }),
            sink,
          );
          assert.equal(
            seen.map(written).join(""),
            [...firsts.keys()].map((s) => s + "\n").join(""),
          );
          const lines = seen.flatMap((c) =>
            c.items.map((_, j) => c.lines?.[j] ?? c.firstLine + j)
          );
          assert.deepEqual(lines, [...firsts.values()]);
          for (const c of seen) {
            if (c.bytes === undefined) continue;
            asBytes++;
            assert.ok(c.items.every((s) => s === ""));
          }
          assert.deepEqual(await listDir(dir), []);
        },
      ),
      { numRuns: 40 },
    );
  });
  assert.ok(asBytes > 5, `${asBytes} chunks as bytes`);
});

const anyKey = fc.oneof(
  fc.string({ unit: "binary", maxLength: 10 }),
  fc.constantFrom("", "é", "😀", "\ud800", '"x"', "1", "null"),
  fc.integer({ min: 4090, max: 5000 }).map((n) => "k".repeat(n)),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, min: -10, max: 10 }),
  // Keys alike in their first bytes, or told apart only by characters whose
  // UTF-8 orders otherwise than their UTF-16 (U+E000 and up against
  // U+10000 and up): a merge compares its keys' first bytes as one number.
  fc.array(
    fc.constantFrom(
      "a",
      "\0",
      "é",
      "\ud7ff",
      "\ue000",
      "\uffff",
      "😀",
      "\u{10ffff}",
    ),
    { maxLength: 5 },
  ).map((cs) => cs.join("")),
  fc.array(fc.constantFrom("a", "b", "\0", "\ue000", "😀"), { maxLength: 3 })
    .map((cs) => `abcdef${cs.join("")}`),
);

Deno.test("groupBy() and distinct() spilled, with keys that are any strings or numbers, equal a run in memory", async () => {
  // Keys with lone surrogates (spilled as JSON), keys that look like JSON,
  // long keys, numbers: each path of a spilled key.
  let spilled = 0;
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(anyKey, fc.integer({ min: 0, max: 9 })), {
          maxLength: 500,
          size: "max",
        }),
        fc.integer({ min: 4096, max: 30000 }),
        async (data, budget) => {
          const key = (r: [string | number, number]) => r[0];
          const named = () => ({ n: count(), total: sum((r: Row) => r[1]) });
          const inMemory = await collect(pipeline(data, groupBy(key, named())));
          const run = pipeline(
            data,
            groupBy(key, named(), { budget, fanIn: 3, tempDir: dir }),
          );
          assert.equal(
            JSON.stringify(await collect(run)),
            JSON.stringify(inMemory),
          );
          if (run.summary.stages[1]!.counters.runsWritten) spilled++;
          const seen = new Set<string | number>();
          const firsts = data.filter((r) =>
            seen.has(r[0]) ? false : (seen.add(r[0]), true)
          );
          const kept = await collect(
            pipeline(data, distinct(key, { budget, fanIn: 3, tempDir: dir })),
          );
          assert.equal(JSON.stringify(kept), JSON.stringify(firsts));
          assert.deepEqual(await listDir(dir), []);
        },
      ),
      { numRuns: 60 },
    );
  });
  assert.ok(spilled > 5, `${spilled} runs spilled`);
});

Deno.test("distinct() closes its input when the consumer stops early or its key fails, and passes on an error of its input", async () => {
  // An input that says whether it was closed.
  const watched = (fail?: number) => {
    const state = { closed: false };
    async function* items() {
      try {
        for (let i = 0; i < 5000; i++) {
          if (i === fail) throw new RangeError(`input failed at ${i}`);
          yield `k${i}`;
        }
      } finally {
        state.closed = true;
      }
    }
    return { state, items };
  };
  {
    const { state, items } = watched();
    for await (const item of pipeline(items(), distinct())) {
      if (item === "k10") break;
    }
    assert.equal(state.closed, true, "closed after the consumer stopped");
  }
  {
    const { state, items } = watched();
    await assert.rejects(
      collect(pipeline(
        items(),
        distinct((k: string) => k === "k3000" ? NaN : k),
      )),
      /Distinct key must be a string or a number/,
    );
    assert.equal(state.closed, true, "closed after the key failed");
  }
  {
    const { state, items } = watched(3000);
    await assert.rejects(
      collect(pipeline(items(), distinct())),
      /input failed at 3000/,
    );
    assert.equal(state.closed, true);
  }
});

Deno.test("distinct() keys objects by JSON text or by the key given, and keeps line numbers", async () => {
  const rows = [{ a: 1 }, { a: 2 }, { a: 1 }, { a: 3 }];
  assert.deepEqual(await collect(pipeline(rows, distinct())), [
    { a: 1 },
    { a: 2 },
    { a: 3 },
  ]);
  assert.deepEqual(
    await collect(pipeline(rows, distinct((r) => r.a % 2))),
    [{ a: 1 }, { a: 2 }],
  );
  await assert.rejects(
    collect(pipeline(["x", "y"], distinct(() => NaN))),
    (e) => e instanceof StageError && e.line === 1,
  );
});

Deno.test("percentile() takes the nearest rank exactly, also where p / 100 * n rounds up", async () => {
  const values = Array.from({ length: 1000 }, (_, i) => i + 1);
  const out = await collect(pipeline(
    values,
    groupBy(() => "all", {
      p999: percentile(99.9, (v: number) => v),
      p7: percentile(7, (v: number) => v),
    }),
  ));
  // Rank ceil(0.999 × 1000) = 999 and ceil(0.07 × 1000) = 70.
  assert.deepEqual(out, [{ key: "all", p999: 999, p7: 70 }]);
});

Deno.test("groupBy() counts the items first() and last() keep against its budget", async () => {
  const lines = Array.from(
    { length: 2000 },
    (_, i) => `${i} ${"x".repeat(1000)}`,
  );
  const run = pipeline(
    lines,
    groupBy((l: string) => l.slice(0, l.indexOf(" ")), first(), {
      budget: 1024 * 1024,
    }),
  );
  const out = await collect(run);
  assert.equal(out.length, 2000);
  const stage = run.summary.stages[1]!;
  // 2,000 kept lines of about 2 KB each, 4 MB against the table's quarter of
  // 1 MiB: counted, they make the table spill again and again.
  const runs = stage.counters.runsWritten ?? 0;
  assert.ok(runs >= 4, `runs written: ${runs}`);
});

/**
 * The most files seen at once under `dir` (in the stage's own spill
 * directory) while `items` go through, checked every 200 items.
 */
function countingFiles(dir: string, seen: { most: number }) {
  return async function* watch(items: AsyncIterable<string>) {
    let i = 0;
    for await (const item of items) {
      if (i++ % 200 === 0) {
        let n = 0;
        for (const d of await listDir(dir)) {
          n += (await listDir(`${dir}/${d}`).catch(() => [])).length;
        }
        seen.most = Math.max(seen.most, n);
      }
      yield item;
    }
  };
}

Deno.test("groupBy() and distinct() in a tiny budget over many keys keep few run files: runs are merged as they fill a level", async () => {
  for (const which of ["groupBy", "distinct"] as const) {
    await withTempDir(async (dir) => {
      const items = Array.from(
        { length: 12_000 },
        (_, i) => `key-${(i * 7919) % 9001} ${i}`,
      );
      const seen = { most: 0 };
      const options = { budget: 4096, fanIn: 4, tempDir: dir };
      const key = (l: string) => l.split(" ")[0]!;
      const run = which === "groupBy"
        ? pipeline(
          items,
          countingFiles(dir, seen),
          groupBy(key, { n: count() }, options),
        )
        : pipeline(items, countingFiles(dir, seen), distinct(key, options));
      const out: unknown[] = await collect<unknown>(run);
      assert.equal(out.length, 9001, which);
      const counters = run.summary.stages[2]!.counters;
      assert.ok(
        counters.runsWritten! > 40,
        `${which}: runs ${counters.runsWritten}`,
      );
      assert.ok(
        counters.earlyMerges! > 10,
        `${which}: merges ${counters.earlyMerges}`,
      );
      // Fewer than fanIn runs per level, a handful of levels.
      assert.ok(seen.most <= 4 * 8, `${which}: ${seen.most} run files at once`);
      assert.deepEqual(await listDir(dir), []);
    });
  }
});

Deno.test("distinct() spilled keeps each item's line number, for strings and objects alike", async () => {
  // Keys that repeat late, so that the run spills and the later first
  // occurrences come back from disk; the items' line numbers are their
  // indexes + 1. A stage after distinct() fails on a chosen item: its error
  // names that item's line.
  const strings = Array.from(
    { length: 1200 },
    (_, i) => `${i % 500 === 7 ? "dup " : ""}key ${i} with spaces`,
  );
  const objects = strings.map((s) => ({ s }));
  for (const items of [strings, objects] as unknown[][]) {
    for (const target of [3, 900, 1199]) {
      const name = (x: unknown) =>
        typeof x === "string" ? x : (x as { s: string }).s;
      await assert.rejects(
        collect(pipeline(
          items,
          distinct((x: unknown) => name(x), { budget: 4096 }),
          map((x: unknown) => {
            if (name(x) === name(items[target])) throw new Error("stop");
            return x;
          }),
        )),
        (e) => {
          assert.ok(e instanceof StageError);
          assert.equal(e.line, target + 1, `${typeof items[0]} ${target}`);
          return true;
        },
      );
    }
  }
});

Deno.test("distinct() with more spilled items than its budget has bits for sorts their places on disk, and gives the in-memory result", async () => {
  // Budget 4096: the keys seen fill their quarter early, and the 10,000 or
  // so items after that need more than the 8,192 bits a quarter of it holds.
  // Some items hold a line break or are objects (JSON in the log).
  const items: unknown[] = Array.from({ length: 11_500 }, (_, i) => {
    const k = (i * 7919) % 10_000;
    return i % 97 === 0 ? { k, i } : `k${k}${i % 89 === 0 ? "\n" : " "}${i}`;
  });
  const key = (x: unknown) =>
    typeof x === "string" ? Number(x.slice(1).split(/[ \n]/)[0]) : (x as {
      k: number;
    }).k;
  const seen = new Set<number>();
  const expected = items.filter((x) =>
    seen.has(key(x)) ? false : (seen.add(key(x)), true)
  );
  await withTempDir(async (dir) => {
    const run = pipeline(
      items,
      distinct(key, { budget: 4096, fanIn: 4, tempDir: dir }),
    );
    assert.deepEqual(await collect<unknown>(run), expected);
    // Runs of many keys each: a window is not one key, though a chunk grew
    // the key index's table past the quarter before the spill began.
    const runs = run.summary.stages[1]!.counters.runsWritten!;
    assert.ok(runs > 10 && runs < items.length / 3, `${runs} runs`);
    assert.deepEqual(await listDir(dir), []);
  });
});
