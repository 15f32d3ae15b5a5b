// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  map,
  parallel,
  pipeline,
  readLines,
  StageError,
  take,
} from "../../mod.ts";
import { collect, withTempDir } from "../_helpers.ts";
import { asTold } from "../fixtures/parse_fn.ts";

const FN = new URL("../fixtures/parse_fn.ts", import.meta.url);

Deno.test("parallel() runs a module's function in workers and keeps input order", async () => {
  const lines = Array.from({ length: 5000 }, (_, n) => JSON.stringify({ n }));
  const run = pipeline(
    lines,
    parallel<string, string>(FN, { workers: 3, batchSize: 100 }),
  );
  const out = await collect(run);
  assert.deepEqual(out, lines.map((_, i) => `${i}:${i * 2}`));
  const stage = run.summary.stages[1]!;
  assert.equal(stage.itemsOut, 5000);
  assert.ok(stage.counters.worker1HeapPeak! > 0);
});

Deno.test("parallel() takes a named export, and async functions", async () => {
  const out = await collect(pipeline(
    ["a", "b", "c"],
    parallel<string, string>(FN, {
      export: "slowly",
      workers: 2,
      batchSize: 1,
    }),
  ));
  assert.deepEqual(out, ["A", "B", "C"]);
});

Deno.test("an error in a worker names the worker, the stage, the path and the line", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/events.jsonl`;
    const lines = Array.from(
      { length: 3000 },
      (_, n) => JSON.stringify(n === 2222 ? { n, bad: true } : { n }),
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    await assert.rejects(
      collect(
        pipeline(readLines(path), parallel(FN, { workers: 2, batchSize: 256 })),
      ),
      (e) =>
        e instanceof StageError && e.stage === "parallel#2" &&
        e.line === 2223 &&
        e.path === path && /worker \d: bad record 2222/.test(e.message),
    );
  });
});

Deno.test("parallel() refuses a module without the export, and stops its workers early", async () => {
  await assert.rejects(
    collect(pipeline(["x"], parallel(FN, { export: "nothing", workers: 1 }))),
    (e) =>
      e instanceof StageError && /no function export "nothing"/.test(e.message),
  );
  const lines = Array.from(
    { length: 100_000 },
    (_, n) => JSON.stringify({ n }),
  );
  const out = await collect(
    pipeline(lines, parallel<string, string>(FN, { workers: 2 }), take(5)),
  );
  assert.deepEqual(out, ["0:0", "1:2", "2:4", "3:6", "4:8"]);
  assert.throws(() => parallel(FN, { workers: 0 }), RangeError);
});

Deno.test("parallel() after readLines of a file reads byte ranges in the workers, with exact lines", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/events.jsonl`;
    // Lines of varied length, a CRLF and a BOM, cut into many small ranges.
    const lines = Array.from(
      { length: 2000 },
      (_, n) => JSON.stringify({ n, pad: "é".repeat(n % 37) }),
    );
    await Deno.writeTextFile(
      path,
      "\uFEFF" + lines.join("\n").replace("\n", "\r\n") + "\n",
    );
    for (const rangeBytes of [13, 100, 4096, 1 << 20]) {
      const run = pipeline(
        readLines(path),
        parallel<string, string>(FN, { workers: 2, rangeBytes }),
      );
      const out = await collect(run);
      assert.equal(out.length, 2000, `rangeBytes ${rangeBytes}`);
      assert.deepEqual(out, lines.map((_, n) => `${n}:${n * 2}`));
      assert.equal(run.summary.stages[0]!.itemsOut, 2000);
      assert.equal(run.summary.stages[1]!.itemsOut, 2000);
      assert.match(run.summary.stages[1]!.bound, /in ranges/);
    }
    const bad = lines.map((l, n) =>
      n === 1234 ? JSON.stringify({ n, bad: true }) : l
    );
    await Deno.writeTextFile(path, bad.join("\n") + "\n");
    await assert.rejects(
      collect(
        pipeline(
          readLines(path),
          parallel(FN, { workers: 2, rangeBytes: 4096 }),
        ),
      ),
      (e) =>
        e instanceof StageError && e.stage === "parallel#2" &&
        e.line === 1235 &&
        e.path === path && /worker \d: bad record 1234/.test(e.message),
    );
  });
});

Deno.test("parallel() drops the items its function returns undefined for, lines intact", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/events.jsonl`;
    const lines = Array.from(
      { length: 3000 },
      (_, n) => JSON.stringify(n === 2501 ? { n, bad: true } : { n }),
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    for (const mode of ["ranges", "batches"]) {
      // A user stage in front keeps the workers from reading the file.
      const source = mode === "ranges" ? readLines(path) : pipeline(
        readLines(path),
        async function* same(s: AsyncIterable<string>) {
          yield* s;
        },
      );
      const out: string[] = [];
      await assert.rejects(
        async () => {
          for await (
            const x of pipeline(
              source,
              parallel<string, string>(FN, {
                export: "evens",
                workers: 2,
                batchSize: 100,
                rangeBytes: 4096,
              }),
            )
          ) out.push(x);
        },
        (e) => e instanceof StageError && e.line === 2502,
      );
      assert.deepEqual(out.slice(0, 3), ["0", "2", "4"], mode);
      assert.ok(out.every((x) => Number(x) % 2 === 0), mode);
    }
  });
});

Deno.test("results after dropped items keep their own line numbers", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/events.jsonl`;
    const lines = Array.from({ length: 3000 }, (_, n) => JSON.stringify({ n }));
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    await assert.rejects(
      collect(pipeline(
        readLines(path),
        parallel<string, string>(FN, {
          export: "evens",
          workers: 2,
          rangeBytes: 4096,
        }),
        map((x) => {
          if (x === "2000") throw new Error("stop");
          return x;
        }),
      )),
      (e) => e instanceof StageError && e.stage === "map#3" && e.line === 2001,
    );
  });
});

Deno.test("parallel() holds backpressure: a stalled consumer stops the input", async () => {
  let pulled = 0;
  async function* source() {
    for (let n = 0; n < 200_000; n++) {
      pulled++;
      yield JSON.stringify({ n });
    }
  }
  const run = pipeline(
    source(),
    parallel<string, string>(FN, { workers: 2, batchSize: 100 }),
  );
  const it = run[Symbol.asyncIterator]();
  assert.deepEqual(await it.next(), { value: "0:0", done: false });
  await new Promise((r) => setTimeout(r, 200)); // a consumer that stalls
  // 2 workers × 2 tasks of 100 items out, plus the source's gathered batches
  // (1,024 items each) on their way: nowhere near the whole source.
  assert.ok(pulled <= 4 * 1024, `pulled ${pulled}`);
  await it.return(undefined);
});

Deno.test("parallel() stops on an abort with the abort's reason", async () => {
  const controller = new AbortController();
  const reason = new Error("enough");
  const lines = Array.from({ length: 50_000 }, (_, n) => JSON.stringify({ n }));
  let seen = 0;
  const run = pipeline(
    lines,
    parallel<string, string>(FN, { workers: 2, batchSize: 50 }),
    { signal: controller.signal },
  );
  await assert.rejects(
    (async () => {
      for await (const _ of run) {
        if (++seen === 500) controller.abort(reason);
      }
    })(),
    (e) => e === reason,
  );
  assert.ok(seen < lines.length);
  assert.equal(run.summary.status, "aborted");
});

Deno.test("an abort stops parallel() at once while a worker is stuck in one item", async () => {
  const controller = new AbortController();
  const reason = new Error("enough");
  let sinkEnded = false;
  const run = pipeline(
    ["a", "b"],
    parallel<string, string>(FN, { export: "blocking", workers: 1 }),
    async (lines: AsyncIterable<string>) => {
      try {
        for await (const _ of lines) {
          // Nothing comes: the worker is stuck.
        }
      } finally {
        sinkEnded = true;
      }
    },
    { signal: controller.signal },
  );
  setTimeout(() => controller.abort(reason), 300);
  const started = performance.now();
  await assert.rejects(run, (e) => e === reason);
  // The worker would have blocked for a minute: it was ended, not awaited,
  // and the sink saw the abort (its cleanup ran).
  assert.ok(performance.now() - started < 10_000);
  assert.ok(sinkEnded);
});

Deno.test("parallel() streams what has no size to cut ranges from: a FIFO, /dev/stdin, a file of /proc", async () => {
  await withTempDir(async (dir) => {
    const lines = Array.from({ length: 3000 }, (_, n) => JSON.stringify({ n }));
    const expected = lines.map((_, n) => `${n}:${n * 2}`);
    const fifo = `${dir}/fifo`;
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert.ok(made.success, "mkfifo");
    const writing = Deno.writeTextFile(fifo, lines.join("\n") + "\n");
    const run = pipeline(
      readLines(fifo),
      parallel<string, string>(FN, { workers: 2, rangeBytes: 4096 }),
    );
    assert.deepEqual(await collect(run), expected);
    await writing;
    assert.doesNotMatch(run.summary.stages[1]!.bound, /in ranges/);

    // /proc/cpuinfo: a regular file of size 0 that holds lines.
    const cpuinfo = (await Deno.readTextFile("/proc/cpuinfo")).split("\n");
    const count = `data:text/javascript,${
      encodeURIComponent("export default (line) => line.length;")
    }`;
    const lengths = await collect(
      pipeline(
        readLines("/proc/cpuinfo"),
        parallel<string, number>(count, { workers: 2 }),
      ),
    );
    assert.deepEqual(
      lengths,
      cpuinfo.slice(0, cpuinfo.at(-1) === "" ? -1 : undefined).map((l) =>
        l.length
      ),
    );
  });
});

/**
 * Runs the file's lines through parallel() with 2 workers both ways, over
 * byte ranges and in batches (after a stage of one's own, so that the
 * workers are sent chunks), and checks each output.
 */
async function assertBothWays(
  path: string,
  options: { export: string; batchSize: number; rangeBytes: number },
  want: unknown[],
): Promise<void> {
  for (const mode of ["ranges", "batches"]) {
    const source = mode === "ranges" ? readLines(path) : pipeline(
      readLines(path),
      async function* same(s: AsyncIterable<string>) {
        yield* s;
      },
    );
    const out = await collect(
      pipeline(
        source,
        parallel<string, unknown>(FN, { ...options, workers: 2 }),
      ),
    );
    assert.deepEqual(out, want, mode);
  }
}

Deno.test("parallel() hands back kept lines, empty strings and objects exactly, in ranges and in batches", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    const lines = Array.from(
      { length: 6000 },
      (_, n) =>
        `${n} ${n % 7 === 0 ? "ERROR café ☕" : "INFO"} ${"x".repeat(n % 50)}`,
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const want = lines.flatMap((line, n): unknown[] =>
      n % 3 === 1 ? [] : n % 9 === 5 ? [""] : n % 500 === 2 ? [{ n }] : [line]
    );
    await assertBothWays(path, {
      export: "someAsTheyAre",
      batchSize: 700,
      rangeBytes: 50_000,
    }, want);
  });
});

Deno.test("parallel() hands back strings exactly that UTF-8 carries only with care: a leading U+FEFF, lone surrogates", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    const lines = Array.from({ length: 3000 }, (_, n) => `${n} INFO ${n % 13}`);
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const want = lines.map((line, n) =>
      n < 1500
        ? n % 2 === 0 ? `\uFEFF${line}` : `${line} é`
        : n % 4 === 1
        ? `${line}\uD800`
        : n % 4 === 2
        ? `${line} \u{1F600}`.slice(0, -1)
        : line
    );
    await assertBothWays(path, {
      export: "awkwardText",
      batchSize: 300,
      rangeBytes: 5_000,
    }, want);
  });
});

Deno.test("parallel() hands back any mix of results exactly, as the same function in this thread gives them", async () => {
  // A range's string results wait in the worker as UTF-8 until their part
  // goes, and turn back into strings when an object or a lone surrogate
  // joins them: every order of those, across parts and ranges of any size.
  const row = fc.tuple(
    fc.constantFrom(
      "keep",
      "keep",
      "drop",
      "drop",
      "drop",
      "empty",
      "object",
      "lone",
      "bom",
    ),
    fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 12 }),
      fc.integer({ min: 0, max: 3000 }).map((n) => "x".repeat(n)),
    ),
    // Dropped lines this long put a range's results in several blocks of
    // the file before their part goes.
    fc.integer({ min: 0, max: 2000 }),
  );
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 600, size: "max" }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 2_000, max: 200_000 }),
        async (rows, batchSize, rangeBytes) => {
          const lines = rows.map(([kind, text, pad], n) =>
            `${n} ${kind} ${text.replace(/[\r\n]/g, "_")}${
              kind === "drop" ? "p".repeat(pad) : ""
            }`
          );
          await Deno.writeTextFile(path, lines.join("\n") + "\n");
          const want = lines.map(asTold).filter((r) => r !== undefined);
          await assertBothWays(
            path,
            { export: "asTold", batchSize, rangeBytes },
            want,
          );
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  });
});

Deno.test("parallel() over ranges hands a range's results on in parts as they come, each result at its own line", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    // About 2.5 MB: one range of the default 4 MiB, whose kept results (some
    // lines, some empty strings and objects) are far more than one part.
    const lines = Array.from(
      { length: 40_000 },
      (_, n) =>
        `${n} ${n % 7 === 0 ? "ERROR café ☕" : "INFO"} ${"x".repeat(n % 90)}`,
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const want = lines.flatMap((line, n): unknown[] =>
      n % 3 === 1 ? [] : n % 9 === 5 ? [""] : n % 500 === 2 ? [{ n }] : [line]
    );
    const run = pipeline(
      readLines(path),
      parallel<string, unknown>(FN, { export: "someAsTheyAre", workers: 2 }),
    );
    assert.deepEqual(await collect(run), want);
    // The whole range's 26,667 results at once, before the results went in
    // parts; now a part holds about 32 K characters or 1,024 results.
    const held = run.summary.stages[1]!.peakItems;
    assert.ok(held > 0 && held < 4096, `peak items ${held}`);
    // A result in the first part, one in the middle, the last: a failure
    // after parallel() names the line each came from.
    for (const n of [3, 20_001, 39_999]) {
      await assert.rejects(
        collect(pipeline(
          readLines(path),
          parallel<string, unknown>(FN, {
            export: "someAsTheyAre",
            workers: 2,
          }),
          map((x) => {
            if (x === lines[n]) throw new Error("stop");
            return x;
          }),
        )),
        (e) =>
          e instanceof StageError && e.stage === "map#3" && e.line === n + 1,
        `line ${n + 1}`,
      );
    }
  });
});

Deno.test("parallel() over ranges notices a file truncated or rotated while it runs, as the sequential reader does", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    const lines = Array.from(
      { length: 40_000 },
      (_, n) => JSON.stringify({ n }),
    );
    for (const change of ["truncate", "rotate"] as const) {
      await Deno.writeTextFile(path, lines.join("\n") + "\n");
      const run = pipeline(
        readLines(path),
        parallel<string, string>(FN, { workers: 2, rangeBytes: 16 * 1024 }),
      );
      const it = run[Symbol.asyncIterator]();
      assert.equal((await it.next()).value, "0:0");
      if (change === "truncate") {
        await Deno.truncate(path, 20_000); // copytruncate
      } else {
        await Deno.rename(path, `${path}.1`);
        await Deno.writeTextFile(path, lines.slice(0, 50).join("\n") + "\n");
      }
      let caught: unknown = undefined;
      try {
        while (!(await it.next()).done);
      } catch (error) {
        caught = error;
      }
      assert.ok(
        caught instanceof StageError && caught.path === path &&
          (change === "truncate"
            ? /was truncated while it was read/
            : /was replaced while it was read \(rotated or removed\)/).test(
              caught.message,
            ),
        `${change}: ${caught}`,
      );
      await Deno.remove(`${path}.1`).catch(() => {});
    }
  });
});
