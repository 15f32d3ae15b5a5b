// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import {
  batch,
  compose,
  filter,
  map,
  pipeline,
  readLines,
  sort,
  StageError,
  Summary,
  take,
  tap,
  writeLines,
} from "../../mod.ts";
import { collect, listDir, openFds, withTempDir } from "../_helpers.ts";

async function logFile(dir: string, lines: number): Promise<string> {
  const path = `${dir}/app.log`;
  const text = Array.from(
    { length: lines },
    (_, i) => `${i + 1} ${i % 50 === 0 ? "ERROR" : "INFO"} svc=${i % 7}`,
  ).join("\n");
  await Deno.writeTextFile(path, text + "\n");
  return path;
}

Deno.test("pipeline() types flow through the chain without annotations", async () => {
  const run = pipeline(
    ["1", "2", "3", "4", "5"],
    map((s) => Number(s)),
    filter((n) => n % 2 === 1),
    batch(2),
    map((pair) => pair.reduce((a, b) => a + b, 0)),
  );
  const sums: number[] = await collect(run);
  assert.deepEqual(sums, [4, 5]);
});

Deno.test("pipeline() summary counts agree with the data", async () => {
  await withTempDir(async (dir) => {
    const path = await logFile(dir, 10_000);
    const summary = await pipeline(
      readLines(path, { readBytes: 4096 }),
      filter((l) => l.includes("ERROR")),
      map((l) => l.toUpperCase(), { name: "shout" }),
      writeLines(`${dir}/out.log`),
    );
    const [reader, keep, shout, write] = summary.stages;
    assert.deepEqual(
      summary.stages.map((s) => s.name),
      ["readLines#1", "filter#2", "shout", "writeLines#4"],
    );
    assert.equal(reader!.itemsOut, 10_000);
    assert.equal(keep!.itemsIn, 10_000);
    assert.equal(keep!.itemsOut, 200);
    assert.equal(shout!.itemsOut, 200);
    assert.equal(write!.itemsIn, 200);
    const written = await Deno.readTextFile(`${dir}/out.log`);
    assert.equal(
      summary.bytesWritten,
      new TextEncoder().encode(written).length,
    );
    assert.equal(summary.bytesRead, (await Deno.stat(path)).size);
    assert.equal(summary.status, "ok");
    assert.ok(summary.memorySamples >= 2);
    assert.ok(summary.peakRssBytes > 0);
    const json = JSON.parse(JSON.stringify(summary));
    assert.equal(json.stages[1].itemsOut, 200);
    assert.match(summary.format(), /filter#2 +10,000 +200/);
  });
});

Deno.test("pipeline() rejects with the stage, path and line when a callback throws, and leaves no output", async () => {
  await withTempDir(async (dir) => {
    const path = await logFile(dir, 5000);
    const before = openFds();
    const boom = new Error("bad record");
    await assert.rejects(
      pipeline(
        readLines(path, { readBytes: 1000 }),
        map((l) => {
          if (l.startsWith("1234 ")) throw boom;
          return l;
        }),
        writeLines(`${dir}/out.log`),
      ),
      (e) =>
        e instanceof StageError && e.stage === "map#2" && e.line === 1234 &&
        e.path === path && e.cause === boom &&
        e.message ===
          `Stage "map#2" failed at line 1234 of "${path}": bad record`,
    );
    assert.deepEqual(await listDir(dir), ["app.log"]);
    assert.equal(openFds(), before);
  });
});

Deno.test("pipeline() names the line after a filter and in a user's own stage", async () => {
  const lines = Array.from({ length: 3000 }, (_, i) => `line ${i + 1}`);
  await assert.rejects(
    collect(pipeline(
      lines,
      filter((l) => l.endsWith("7")),
      map((l) => {
        if (l === "line 2017") throw new Error("no");
        return l;
      }),
    )),
    (e) =>
      e instanceof StageError && e.line === 2017 &&
      e.message.includes("at item 2017"),
  );
  async function* check(source: AsyncIterable<string>) {
    for await (const l of source) {
      if (l === "line 1500") throw new RangeError("too far");
      yield l;
    }
  }
  await assert.rejects(
    collect(pipeline(lines, check, map((l) => l))),
    (e) => e instanceof StageError && e.stage === "check#2" && e.line === 1500,
  );
});

Deno.test("pipeline() stops cleanly on an abort signal and leaves no output", async () => {
  await withTempDir(async (dir) => {
    const path = await logFile(dir, 50_000);
    const controller = new AbortController();
    const summary = new Summary();
    let seen = 0;
    await assert.rejects(
      pipeline(
        readLines(path, { readBytes: 4096 }),
        map((l) => {
          if (++seen === 10_000) controller.abort();
          return l;
        }),
        writeLines(`${dir}/out.log`),
        { signal: controller.signal, summary },
      ),
      (e) => e instanceof DOMException && e.name === "AbortError",
    );
    assert.equal(summary.status, "aborted");
    assert.ok(seen < 50_000);
    assert.deepEqual(await listDir(dir), ["app.log"]);
  });
});

Deno.test("pipeline() closes the input when a for await loop breaks", async () => {
  await withTempDir(async (dir) => {
    const path = await logFile(dir, 100_000);
    const before = openFds();
    const run = pipeline(
      readLines(path, { readBytes: 4096 }),
      map((l) => l.length),
    );
    for await (const n of run) {
      assert.ok(n > 0);
      break;
    }
    assert.equal(openFds(), before);
    assert.equal(run.summary.status, "ok");
    assert.ok(run.summary.bytesRead < 100_000);
  });
});

Deno.test("take() stops the reader early and closes the file", async () => {
  await withTempDir(async (dir) => {
    const path = await logFile(dir, 100_000);
    const before = openFds();
    const run = pipeline(readLines(path, { readBytes: 4096 }), take(3));
    assert.deepEqual((await collect(run)).map((l) => l.split(" ")[0]), [
      "1",
      "2",
      "3",
    ]);
    assert.equal(openFds(), before);
    assert.ok(run.summary.bytesRead <= 8192);
  });
});

Deno.test("pipeline() holds backpressure: a stalled sink stops the reader after a bounded amount", async () => {
  await withTempDir(async (dir) => {
    const path = await logFile(dir, 200_000);
    let release!: () => void;
    const stalled = new Promise<void>((r) => release = r);
    const summary = new Summary();
    const run = pipeline(
      readLines(path, { readBytes: 8192 }),
      map((l) => l),
      async function stall(lines: AsyncIterable<string>) {
        let n = 0;
        for await (const _ of lines) if (++n === 10) await stalled;
      },
      { summary },
    );
    await new Promise((r) => setTimeout(r, 100));
    // One read of 8 KiB in flight through the chain, not the whole file.
    assert.ok(summary.bytesRead <= 2 * 8192, `read ${summary.bytesRead}`);
    release();
    await run;
    assert.equal(summary.stages[0]!.itemsOut, 200_000);
  });
});

Deno.test("pipeline() refuses a string source and non-functions", () => {
  assert.throws(
    // @ts-expect-error: a string is not a line source
    () => pipeline("app.log", map((x) => x)),
    /pass readLines\("app.log"\)/,
  );
  assert.throws(
    // @ts-expect-error: not a stage
    () => pipeline([1], 42),
    /argument 2 must be a stage or a sink function, got number/,
  );
});

Deno.test("pipeline() can be iterated once", async () => {
  const run = pipeline([1, 2]);
  assert.deepEqual(await collect(run), [1, 2]);
  await assert.rejects(collect(run), /iterate a pipeline twice/);
});

Deno.test("a user's own stage gets gathered batches and appears in the summary", async () => {
  const items = Array.from({ length: 5000 }, (_, i) => i);
  async function* double(source: AsyncIterable<number>) {
    for await (const n of source) yield n * 2;
  }
  const seenBatches: number[] = [];
  const run = pipeline(
    items,
    double,
    batch(1000),
    map((b) => {
      seenBatches.push(b.length);
      return b.at(-1)!;
    }),
  );
  assert.deepEqual(await collect(run), [1998, 3998, 5998, 7998, 9998]);
  const stage = run.summary.stages[1]!;
  assert.equal(stage.name, "double#2");
  assert.equal(stage.itemsIn, 5000);
  assert.equal(stage.itemsOut, 5000);
  // The stage after it saw chunks, not single items.
  assert.ok(run.summary.stages[2]!.peakItems > 1);
});

Deno.test("a slow user stage still hands its items on promptly", async () => {
  let done = 0;
  async function* slow(source: AsyncIterable<number>) {
    for await (const n of source) {
      await new Promise((r) => setTimeout(r, 30));
      done++;
      yield n;
    }
  }
  const items = Array.from({ length: 20 }, (_, i) => i + 1);
  for await (const n of pipeline(items, slow, map((n) => n))) {
    // Handed on after a 10 ms wait, not held back until the batch is full.
    assert.equal(n, 1);
    assert.ok(done < 20, `the first item came after ${done} items`);
    break;
  }
});

Deno.test("a source of one's own that waits hands on what it yielded before it waits, at the next turn of the event loop", async () => {
  // Each item made 3 ms after the one before: the first goes on as the
  // source waits for the second, not 10 ms later with the second (what
  // waits is written or counted soon, and survives few scavenges).
  let made = 0;
  async function* source() {
    for (let i = 1; i <= 5; i++) {
      if (i > 1) await new Promise((r) => setTimeout(r, 3));
      made++;
      yield i;
    }
  }
  const seen: number[] = [];
  for await (const n of pipeline(source(), map((n: number) => n))) {
    if (n === 1) assert.equal(made, 1, "the first item waited for the second");
    seen.push(n);
  }
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
});

Deno.test("a source of one's own whose items are slow to come hands each on at once, with no timer", async () => {
  // Each item made 3 ms after the source was asked for it: it goes on as it
  // comes. A timer of 0 ms for each would be the run's first (the command
  // line's grep -c over several files, one count a file): in Deno 2.9 that
  // loads its Node layer's timers (2.7 MiB of peak RSS over 24 files).
  const real = globalThis.setTimeout;
  let timers = 0;
  globalThis.setTimeout = ((fn: () => void, ms?: number) => {
    if (!(ms! > 0)) timers++;
    return real(fn, ms);
  }) as typeof setTimeout;
  let made = 0;
  async function* source() {
    for (let i = 1; i <= 5; i++) {
      await new Promise((r) => real(r, 3));
      made++;
      yield i;
    }
  }
  const seen: number[] = [];
  try {
    for await (const n of pipeline(source(), map((n: number) => n))) {
      assert.equal(made, n, `item ${n} waited for the next`);
      seen.push(n);
    }
  } finally {
    globalThis.setTimeout = real;
  }
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  assert.equal(timers, 0);
});

Deno.test("a user's own stage over many chunks sets a timer now and then, not one a chunk", async () => {
  // The 10 ms timer that hands on a slow stage's items stays set across
  // chunks; set and cleared for each chunk it cost a sort's command line
  // about 0.3 s of CPU time over 1 GiB.
  const real = globalThis.setTimeout;
  let timers = 0;
  globalThis.setTimeout = ((fn: () => void, ms?: number) => {
    if (ms === 10) timers++;
    return real(fn, ms);
  }) as typeof setTimeout;
  let chunks = 0;
  async function* same(source: AsyncIterable<number>) {
    for await (const n of source) yield n;
  }
  try {
    const run = pipeline(
      Array.from({ length: 200_000 }, (_, i) => i),
      same,
      map((n) => n),
    );
    let sum = 0;
    for await (const n of run) sum += n;
    assert.equal(sum, 199_999 * 100_000);
    chunks = Math.ceil(200_000 / run.summary.stages[0]!.peakItems);
  } finally {
    globalThis.setTimeout = real;
  }
  assert.ok(chunks >= 100, `${chunks} chunks`);
  assert.ok(timers * 4 < chunks, `${timers} timers for ${chunks} chunks`);
});

Deno.test("a user's own stage counts the items it took, not whole batches", async () => {
  async function* first(source: AsyncIterable<number>) {
    for await (const n of source) {
      yield n;
      return;
    }
  }
  const run = pipeline(Array.from({ length: 3000 }, (_, i) => i), first);
  assert.deepEqual(await collect(run), [0]);
  assert.equal(run.summary.stages[1]!.itemsIn, 1);
});

Deno.test("an abort by AbortSignal.timeout() is 'aborted' in both modes", async () => {
  async function* slow() {
    for (let i = 0;; i++) {
      await new Promise((r) => setTimeout(r, 5));
      yield i;
    }
  }
  const iterated = pipeline(slow(), map((n) => n), {
    signal: AbortSignal.timeout(30),
  });
  await assert.rejects(collect(iterated));
  assert.equal(iterated.summary.status, "aborted");
  const summary = new Summary();
  await assert.rejects(
    pipeline(slow(), map((n) => n), async (s) => {
      for await (const _ of s);
    }, { signal: AbortSignal.timeout(30), summary }),
  );
  assert.equal(summary.status, "aborted");
});

Deno.test("a source that throws a non-object is blamed on the source", async () => {
  async function* bad(): AsyncGenerator<number> {
    yield 1;
    throw null;
  }
  await assert.rejects(
    collect(pipeline(bad(), map((n) => n))),
    (e) =>
      e instanceof StageError && e.stage === "source#1" && e.cause === null,
  );
});

Deno.test("a user's own stage that fails hands on what it yielded first", async () => {
  async function* three(source: AsyncIterable<number>) {
    for await (const n of source) {
      if (n === 3) throw new Error("third");
      yield n;
    }
  }
  const got: number[] = [];
  await assert.rejects(
    async () => {
      for await (const n of pipeline([0, 1, 2, 3, 4], three, map((n) => n))) {
        got.push(n);
      }
    },
    (e) => e instanceof StageError && e.stage === "three#2" && e.line === 4,
  );
  assert.deepEqual(got, [0, 1, 2]);
});

Deno.test("a sink placed before the end is refused without reading the source", async () => {
  let pulled = 0;
  function* source() {
    for (let i = 0; i < 10_000; i++) {
      pulled++;
      yield i;
    }
  }
  assert.throws(
    () =>
      pipeline(
        source(),
        // @ts-expect-error: a sink is not a stage
        async (s: AsyncIterable<number>) => {
          for await (const _ of s);
        },
        map((n: number) => n),
      ),
    /must return an async iterable/,
  );
  await new Promise((r) => setTimeout(r, 10));
  // At most the first batch (1024 items), not the whole source.
  assert.ok(pulled <= 1025, `pulled ${pulled}`);
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

Deno.test("built-in stages called on their own over readLines run as their pipeline: same items, the file and line in an error, the file closed on a break", async () => {
  await withTempDir(async (dir) => {
    const path = await logFile(dir, 20_000);
    const errors = (l: string) => l.includes("ERROR");
    const chained = map((l: string) => l.split(" ")[0])(
      filter(errors)(readLines(path, { readBytes: 4096 })),
    );
    const piped = pipeline(
      readLines(path, { readBytes: 4096 }),
      filter(errors),
      map((l: string) => l.split(" ")[0]),
    );
    const got = await collect(chained);
    assert.equal(got.length, 400);
    assert.deepEqual(got, await collect(piped));
    // Each iteration is a run of its own, as an async generator's call is.
    assert.deepEqual(await collect(chained), got);

    const before = openFds();
    for await (const line of filter(errors)(readLines(path))) {
      assert.ok(line.startsWith("1 ERROR"));
      break;
    }
    assert.equal(openFds(), before);

    const failing = map((l: string) => {
      if (l.startsWith("4321 ")) throw new Error("bad record");
      return l;
    })(take<string>(10_000)(readLines(path)));
    await assert.rejects(
      collect(failing),
      (e: unknown) =>
        e instanceof StageError &&
        e.message ===
          `Stage "map#3" failed at line 4321 of "${path}": bad record`,
    );
    assert.equal(openFds(), before);
  });
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

Deno.test("a slow stage stopped mid-run by an abort or a failure keeps its busy time; the sink after it is not charged with it", async () => {
  const burn = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };
  async function* lines() {
    for (let i = 0;; i++) {
      yield `line ${i}`;
      if (i % 1000 === 0) await new Promise((r) => setTimeout(r, 0));
    }
  }
  for (const stop of ["abort", "failure"] as const) {
    await withTempDir(async (dir) => {
      const summary = new Summary();
      const started = performance.now();
      // sort holds every line, so the sink gets nothing: all its time is
      // waiting on sort, which spends it in its key.
      const key = (line: string) => {
        burn(0.01);
        if (stop === "failure" && performance.now() - started > 400) {
          throw new Error("Key failed");
        }
        return line;
      };
      await assert.rejects(pipeline(
        lines(),
        sort(key, { budget: 65536, tempDir: dir }),
        writeLines(`${dir}/out.log`),
        {
          summary,
          ...(stop === "abort" ? { signal: AbortSignal.timeout(400) } : {}),
        },
      ));
      const [_, sorted, written] = summary.stages;
      assert.ok(
        sorted!.busyMs > 150 && sorted!.busyMs > 4 * written!.busyMs,
        `${stop}: sort ${sorted!.busyMs} ms, writeLines ${written!.busyMs} ms`,
      );
    });
  }
});

Deno.test("a sink of the user's own never shows a negative busy time", async () => {
  for (let round = 0; round < 20; round++) {
    const summary = await pipeline(
      (async function* () {
        await new Promise((r) => setTimeout(r, 2));
        yield* Array.from({ length: 3000 }, (_, i) => i);
      })(),
      async (items) => {
        for await (const _ of items);
      },
    );
    for (const s of summary.stages) {
      assert.ok(s.busyMs >= 0, `${s.name}: ${s.busyMs} ms`);
    }
  }
});

Deno.test("an abort ends a run promptly even when a stage or sink of the user's never returns", async () => {
  const never = () => new Promise<never>(() => {});
  const cases: [string, (signal: AbortSignal) => Promise<unknown>][] = [
    ["map", (signal) =>
      pipeline(
        ["a", "b"],
        map(async (x: string) => {
          await never();
          return x;
        }),
        async (xs) => {
          for await (const _ of xs);
        },
        { signal },
      )],
    ["sink", (signal) =>
      pipeline(["a"], async () => {
        await never();
      }, { signal })],
    ["own stage", async (signal) => {
      for await (
        const _ of pipeline(["a"], async function* (_xs) {
          await never();
          yield 1;
        }, { signal })
      );
    }],
  ];
  for (const [what, run] of cases) {
    const stop = new AbortController();
    const reason = new Error(`stop ${what}`);
    setTimeout(() => stop.abort(reason), 20);
    const started = performance.now();
    await assert.rejects(run(stop.signal), (e) => e === reason, what);
    // Rejected after the grace, not never: the test would time out.
    assert.ok(performance.now() - started >= 20, what);
  }
});

Deno.test("compose() makes stages one: in a pipeline each keeps its row and name; alone it chains them", async () => {
  const twice = compose(
    map((n: number) => n * 2),
    filter((n) => n > 2),
  );
  const run = pipeline(
    [1, 2, 3],
    compose(twice, map((n) => `${n}`)),
    tap(() => {}),
  );
  assert.deepEqual(await collect(run), ["4", "6"]);
  assert.deepEqual(
    run.summary.stages.map((s) => s.name),
    ["source#1", "map#2", "filter#3", "map#4", "tap#5"],
  );
  assert.equal(run.summary.stages[2]!.itemsOut, 2);
  // Called on its own, outside a pipeline.
  assert.deepEqual(await collect(twice(ReadableStream.from([1, 2]))), [4]);
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => compose(map((n: number) => n), 3 as any),
    new TypeError(
      "Cannot compose stages: stage 2 must be a function, got number",
    ),
  );
});
