// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  groupBy,
  map,
  parallelGroupBy,
  pipeline,
  readLines,
  StageError,
} from "../../mod.ts";
import { all, orderFree } from "../fixtures/group_spec.ts";
import { collect, encoder, listDir, withTempDir } from "../_helpers.ts";

const SPEC = new URL("../fixtures/group_spec.ts", import.meta.url);

const rows = fc.array(
  fc.tuple(
    fc.oneof(
      fc.constantFrom("api", "auth", "é", "😀", ""),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: "grapheme", maxLength: 3 }),
      fc.integer({ min: -5, max: 5 }),
    ),
    fc.oneof(
      fc.integer({ min: 0, max: 3000 }),
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
      fc.constant(null),
    ),
  ),
  { maxLength: 600, size: "max" },
);

const lineOf = (row: unknown) => JSON.stringify(row);

/** groupBy() of the lines of `path`, in memory. */
async function inMemory(path: string): Promise<unknown[]> {
  return await collect(
    pipeline(readLines(path), groupBy(all.key, all.reducers)),
  );
}

Deno.test("parallelGroupBy() gives exactly groupBy()'s result in memory, for any ranges, workers and budget", async () => {
  let spilled = 0;
  await withTempDir(async (dir) => {
    const path = `${dir}/rows.jsonl`;
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 3 }),
        fc.oneof(fc.integer({ min: 4096, max: 20000 }), fc.constant(1 << 26)),
        fc.boolean(),
        async (data, rangeBytes, workers, budget, finalNewline) => {
          const text = data.map(lineOf).join("\n");
          await Deno.writeTextFile(
            path,
            text + (finalNewline && data.length > 0 ? "\n" : ""),
          );
          const run = pipeline(
            readLines(path),
            parallelGroupBy(SPEC, {
              export: "all",
              rangeBytes,
              workers,
              budget,
              tempDir: dir,
            }),
          );
          const out = await collect(run);
          assert.deepEqual(out, await inMemory(path));
          const stage = run.summary.stages[1]!;
          assert.equal(stage.itemsIn, data.length);
          // An empty file has no size to cut ranges from: read in this
          // thread, without workers.
          if (data.length > 0) assert.ok(stage.counters.worker1HeapPeak! > 0);
          if ((stage.counters.runsWritten ?? 0) > 0) spilled++;
          assert.deepEqual(await listDir(dir), ["rows.jsonl"]);
        },
      ),
      { numRuns: 40 },
    );
  });
  assert.ok(spilled > 0, "no run spilled");
});

Deno.test("parallelGroupBy() keyed by lineWord() or lineField() reads the lines' bytes with groupBy()'s result", async () => {
  const words = ["api", "db", "é", "", "注文", "a\tb"];
  const values = ["5", "-7", "007", "1.5", "x", '"9"', ""];
  const lineAt = (i: number) =>
    (i % 11 === 0 ? "\ufeff" : "") +
    `t INFO ${words[i % words.length]} latency_ms=${
      values[(i >> 2) % values.length]
    }` + (i % 3 === 0 ? ` service=${words[(i >> 1) % words.length]}` : "") +
    (i % 5 === 0 ? ` status=${values[(i >> 3) % values.length]}` : "") +
    (i % 13 === 0 ? "\r" : "");
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 1000 }), { maxLength: 400 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(
          "wordLatency",
          "wordCount",
          "wordTwo",
          "fieldKeyed",
          "fieldSelf",
        ),
        async (picks, rangeBytes, workers, name) => {
          await Deno.writeTextFile(path, picks.map(lineAt).join("\n"));
          const { [name]: spec } = await import("../fixtures/group_spec.ts");
          const run = pipeline(
            readLines(path),
            parallelGroupBy(SPEC, { export: name, rangeBytes, workers }),
          );
          assert.deepEqual(
            await collect(run),
            await collect(
              pipeline(readLines(path), groupBy(spec.key, spec.reducers)),
            ),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});

Deno.test("parallelGroupBy() keeps a worker's table across its ranges when every reducer merges in any order", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/rows.jsonl`;
    await fc.assert(
      fc.asyncProperty(
        rows.filter((data) => data.length > 0),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 3 }),
        fc.oneof(fc.integer({ min: 4096, max: 20000 }), fc.constant(1 << 26)),
        async (data, rangeBytes, workers, budget) => {
          const text = data.map(lineOf).join("\n") + "\n";
          await Deno.writeTextFile(path, text);
          const grouped = (spec: string) =>
            pipeline(
              readLines(path),
              parallelGroupBy(SPEC, {
                export: spec,
                rangeBytes,
                workers,
                budget,
                tempDir: dir,
              }),
            );
          const run = grouped("orderFree");
          const want = await collect(
            pipeline(
              readLines(path),
              groupBy(orderFree.key, orderFree.reducers),
            ),
          );
          assert.deepEqual(await collect(run), want);
          const ranges = Math.ceil(
            new TextEncoder().encode(text).length / rangeBytes,
          );
          const partials = run.summary.stages[1]!.counters.partials;
          if (budget === 1 << 26) {
            // Nothing outgrows a share: one table from each worker, sent
            // once, whatever the number of ranges. A worker starts for a
            // range that no started worker is free for, so fewer ranges
            // than workers start as many workers as ranges.
            assert.equal(partials, Math.min(workers, ranges));
          }
          // With first() and last() among them: a partial for each range.
          const ordered = grouped("all");
          await collect(ordered);
          assert.ok(
            ordered.summary.stages[1]!.counters.partials! >= ranges,
            `${
              ordered.summary.stages[1]!.counters.partials
            } partials, ${ranges} ranges`,
          );
          assert.deepEqual(await listDir(dir), ["rows.jsonl"]);
        },
      ),
      { numRuns: 15 },
    );
  });
});

Deno.test("parallelGroupBy() merges parts of a range in order when a worker's table outgrows its share", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/rows.jsonl`;
    // One range whose table outgrows the worker's share but not this
    // thread's half of the budget: it comes in parts, merged in order (as
    // first() and last() tell), with nothing spilled. (40 keys came to 67
    // KiB in this thread's table once its bucket array counted: over 64 KiB.
    // Eleven values per key: five fit the percentiles' few-value form, which
    // is too small to outgrow anything.)
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => lineOf([`k${(i * 7919) % 20}`, i % 110]),
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const run = pipeline(
      readLines(path),
      parallelGroupBy(SPEC, {
        export: "all",
        rangeBytes: 1 << 30,
        workers: 1,
        budget: 131072,
        tempDir: dir,
      }),
    );
    const out = await collect(run);
    const counters = run.summary.stages[1]!.counters;
    assert.ok(counters.partials! > 1, `${counters.partials} partials`);
    assert.equal(counters.runsWritten, undefined);
    assert.equal(out.length, 20);
    assert.deepEqual(out, await inMemory(path));
  });
});

Deno.test("parallelGroupBy() runs in this thread on items that are not a file's lines", async () => {
  const data = Array.from({ length: 3000 }, (_, i) => lineOf([i % 13, i]));
  const run = pipeline(
    data,
    map((line: string) => line),
    parallelGroupBy(SPEC, { export: "all", budget: 4096 }),
  );
  const out = await collect(run);
  const expected = await collect(
    pipeline(data, groupBy(all.key, all.reducers)),
  );
  assert.equal(out.length, 13);
  assert.deepEqual(out, expected);
  const stage = run.summary.stages[2]!;
  assert.equal(stage.counters.worker1HeapPeak, undefined);
  assert.ok(stage.counters.runsWritten! > 0);
  // A function export called with params, in this thread too.
  assert.deepEqual(
    await collect(pipeline(data.slice(0, 3), parallelGroupBy(SPEC))),
    [{ key: 0, value: 1 }, { key: 1, value: 1 }, { key: 2, value: 1 }],
  );
});

Deno.test("an error in a parallelGroupBy() worker names the worker, the stage, the path and the line", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/rows.jsonl`;
    const lines = Array.from(
      { length: 3000 },
      (_, i) => lineOf([i === 2222 ? "bad" : `k${i % 5}`, i]),
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    await assert.rejects(
      collect(pipeline(
        readLines(path),
        parallelGroupBy(SPEC, {
          params: { fail: "bad" },
          workers: 2,
          rangeBytes: 1000,
        }),
      )),
      (e) =>
        e instanceof StageError && e.stage === "parallelGroupBy#2" &&
        e.line === 2223 && e.path === path &&
        /worker \d: bad key bad/.test(e.message),
    );
    // The same error in this thread, for items that are not a file's lines.
    await assert.rejects(
      collect(
        pipeline(lines, parallelGroupBy(SPEC, { params: { fail: "bad" } })),
      ),
      (e) =>
        e instanceof StageError && e.line === 2223 &&
        /bad key bad/.test(e.message),
    );
  });
});

Deno.test("parallelGroupBy() keyed by lineWord() reads text where the lines must be valid UTF-8, and names the bad one", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    const good = encoder.encode("t INFO api latency_ms=5\n".repeat(2000));
    const bad = encoder.encode("t INFO db latency_ms=6 msg=\xff\n");
    await Deno.writeFile(
      path,
      new Uint8Array([...good, ...bad.map((b) => b === 0xc3 ? 0xff : b)]),
    );
    await assert.rejects(
      collect(pipeline(
        readLines(path, { fatal: true }),
        parallelGroupBy(SPEC, { export: "wordLatency", rangeBytes: 4096 }),
      )),
      (e) => e instanceof Error && /\b2001\b/.test(e.message),
    );
  });
});

Deno.test("parallelGroupBy() refuses a module export that is not a grouping, and bad options", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/rows.jsonl`;
    await Deno.writeTextFile(path, lineOf(["a", 1]) + "\n");
    for (const input of [() => readLines(path), () => ["x"]]) {
      await assert.rejects(
        collect(pipeline(
          input(),
          parallelGroupBy(SPEC, { export: "nothing", workers: 2 }),
        )),
        (e) =>
          e instanceof StageError &&
          /export "nothing" of .* must be \{ key, reducers \}/.test(e.message),
      );
    }
  });
  assert.throws(() => parallelGroupBy(SPEC, { workers: 0 }), RangeError);
  assert.throws(() => parallelGroupBy(SPEC, { rangeBytes: 1.5 }), RangeError);
  assert.throws(() => parallelGroupBy(SPEC, { budget: 10 }), RangeError);
});

Deno.test("parallelGroupBy() groups a key that is new on most lines in this thread, with the same result", async () => {
  await withTempDir(async (dir) => {
    // 9 MiB: beyond twice the sample of the file's start that is read to
    // tell. An id per line (a few repeated, some lines without a key), then
    // a key of 20 values: the first runs in this thread, the second in
    // workers, and both give what groupBy() gives.
    const dense = `${dir}/dense.log`;
    const sparse = `${dir}/sparse.log`;
    const pad = "x".repeat(80);
    const make = (keyOf: (i: number) => string | number | null) =>
      Array.from(
        { length: 100_000 },
        (_, i) => lineOf([keyOf(i), i % 997]).replace("]", `,"${pad}"]`),
      ).join("\n") + "\n";
    await Deno.writeTextFile(
      dense,
      make((i) => (i % 50 === 0 ? null : `id-${i % 90_000}`)),
    );
    await Deno.writeTextFile(sparse, make((i) => `k${i % 20}`));
    assert.ok((await Deno.stat(dense)).size > 9 * 1024 * 1024);
    for (
      const [path, threadOnly] of [[dense, true], [sparse, false]] as const
    ) {
      const run = pipeline(
        readLines(path),
        parallelGroupBy(SPEC, {
          export: "all",
          workers: 2,
          budget: "4MiB",
          tempDir: dir,
        }),
      );
      const out = await collect(run);
      const counters = run.summary.stages[1]!.counters;
      assert.equal(counters.inThread, threadOnly ? 1 : undefined, path);
      assert.equal(counters.worker1HeapPeak === undefined, threadOnly, path);
      assert.deepEqual(out, await inMemory(path));
    }
    assert.deepEqual(await listDir(dir), ["dense.log", "sparse.log"]);
  });
});
