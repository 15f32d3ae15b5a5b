// Copyright 2026 the sluice authors. MIT license.
// grep({ worker: true }): the same output as grep in this thread, line
// numbers and all, and an abort that ends the run while the worker is stuck
// in an expression that backtracks.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CheckpointError,
  grep,
  type GrepOptions,
  map,
  pipeline,
  readLines,
  StageError,
  writeLines,
} from "../../mod.ts";
import {
  bytesFrom,
  chunked,
  collect,
  encoder,
  withTempDir,
} from "../_helpers.ts";
import { SHORT_LINE } from "../../lib/stages/_backtracking.ts";

const tokens = ["ab", "a", "b", "ERR", "OR", "ERROR", "\n", "\n", "\r\n", "é"]
  .map((t) => encoder.encode(t));

/**
 * `re` with an empty group repeated at its end: the same matches, but a
 * repeated group makes grep match it in its worker whatever else it holds
 * (see _backtracking.ts), as these tests mean to.
 */
function inWorker(re: RegExp): RegExp {
  return new RegExp(`${re.source}(?:)*`, re.flags);
}

const patterns = [
  /a+b/u,
  /^E.*R$/u,
  /(a|b)\r$/u,
  /(?:é|R)/u,
  /^$/u,
  /b*/u,
  /\w+/u,
  /ERR(?=OR)/u,
  // With a literal every match holds: only lines with it go to the worker.
  /ERROR\b/u,
  /ab(a|b)/u,
  /OR\r?$/u,
];

Deno.test("grep({ worker: true }) keeps and numbers what grep in this thread does, for any chunking and flags", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 120 }),
      fc.array(fc.nat({ max: 300 }), { maxLength: 6 }),
      fc.integer({ min: 1, max: 40 }),
      fc.constantFrom(...patterns),
      fc.record({
        invert: fc.boolean(),
        ignoreCase: fc.boolean(),
        lineNumber: fc.boolean(),
        onlyMatching: fc.boolean(),
        maxCount: fc.option(fc.nat({ max: 5 }), { nil: undefined }),
      }),
      fc.constantFrom(
        {},
        { maxLineBytes: 8, onLongLine: "skip" as const },
        { lossless: true },
      ),
      async (parts, cuts, readBytes, pattern, flags, read) => {
        const bytes = bytesFrom(parts, tokens);
        const { maxCount, ...rest } = flags;
        const options: GrepOptions = maxCount === undefined
          ? rest
          : { ...rest, maxCount };
        const run = (re: RegExp, worker: boolean) =>
          collect(pipeline(
            readLines(chunked(bytes, cuts), { readBytes, ...read }),
            grep(re, { ...options, worker }),
          ));
        const here = await run(pattern, false);
        assert.deepEqual(await run(inWorker(pattern), true), here);
        // Asked for a worker, matched where its shape allows.
        assert.deepEqual(await run(pattern, true), here);
      },
    ),
    { numRuns: 80 },
  );
});

Deno.test("grep({ worker: true }) of an expression that holds a literal gets from readLines only the lines with it, and keeps what grep in this thread keeps", async () => {
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat(), { maxLength: 60 }), {
          minLength: 1,
          maxLength: 3,
        }),
        // Each expression with the literal all its matches hold.
        fc.constantFrom<[RegExp, string]>(
          [/ERROR\b/u, "ERROR"],
          [/ab(a|b)/u, "ab"],
          [/ERR[O]R\r?$/u, "ERR"],
          [/éERR/u, "éERR"],
        ),
        fc.record({
          lineNumber: fc.boolean(),
          fileName: fc.boolean(),
          onlyMatching: fc.boolean(),
          maxCount: fc.option(fc.nat({ max: 5 }), { nil: undefined }),
        }),
        fc.boolean(),
        async (files, [pattern, literal], flags, lossless) => {
          const paths = files.map((_, k) => `${dir}/f${k}.log`);
          for (let k = 0; k < files.length; k++) {
            await Deno.writeFile(paths[k]!, bytesFrom(files[k]!, tokens));
          }
          const { maxCount, ...rest } = flags;
          const options: GrepOptions = maxCount === undefined
            ? rest
            : { ...rest, maxCount };
          const run = (worker: boolean) =>
            pipeline(
              readLines(paths, { lossless }),
              grep(worker ? inWorker(pattern) : pattern, {
                ...options,
                worker,
              }),
            );
          const sieved = run(true);
          const out = await collect(sieved);
          assert.deepEqual(out, await collect(run(false)));
          // The grep's row counts the lines the reader handed on: those
          // that hold the literal.
          let holding = 0;
          for (const path of paths) {
            const text = new TextDecoder().decode(await Deno.readFile(path));
            for (const line of text.split("\n")) {
              if (line.includes(literal)) holding++;
            }
          }
          if (maxCount === undefined) {
            assert.equal(sieved.summary.stages[1]!.itemsIn, holding);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

Deno.test("grep({ worker: true }) gets every line from readLines once most lines hold its literal, and keeps the same lines", async () => {
  await withTempDir(async (dir) => {
    // The first lines seldom hold "ERROR ms=", then nearly all do.
    const lines = Array.from(
      { length: 30_000 },
      (_, i) =>
        i < 6_000
          ? (i % 50 === 0 ? `ERROR ms=${i}` : `line ${i}`)
          : i % 9 === 0
          ? `INFO ${i}`
          : `ERROR ms=${i}\r`,
    );
    const path = `${dir}/in.log`;
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const run = (worker: boolean) =>
      pipeline(
        // Reads of 64 KiB: regions of about 4,000 lines.
        readLines(path, { readBytes: 65536 }),
        grep(worker ? inWorker(/ERROR ms=\d*[05]$/u) : /ERROR ms=\d*[05]$/u, {
          worker,
          lineNumber: true,
        }),
      );
    const sieved = run(true);
    const out = await collect(sieved);
    assert.deepEqual(out, await collect(run(false)));
    assert.ok(out.length > 1000);
    // Lines without the literal went to the grep once the sieve stopped.
    const holding = lines.filter((l) => l.includes("ERROR ms=")).length;
    assert.ok(sieved.summary.stages[1]!.itemsIn > holding);
    assert.ok(sieved.summary.stages[1]!.itemsIn < lines.length);
  });
});

Deno.test("grep({ worker: true, lineNumber: true }) numbers each file's lines as they are in it, CRLF and lossless too", async () => {
  await withTempDir(async (dir) => {
    // Enough lines for many chunks; every 7th is an error.
    const lines = Array.from(
      { length: 30_000 },
      (_, i) => `${i % 7 === 3 ? "ERROR" : "info"} n=${i}`,
    );
    await Deno.writeTextFile(`${dir}/a.log`, lines.join("\r\n") + "\r\n");
    await Deno.writeTextFile(`${dir}/b.log`, lines.slice(0, 999).join("\n"));
    const expected = (count: number, end: string) =>
      lines.slice(0, count).flatMap((l, i) =>
        l.startsWith("ERROR") ? [`${i + 1}:${l}${end}`] : []
      );
    for (const lossless of [false, true]) {
      const out = await collect(pipeline(
        readLines([`${dir}/a.log`, `${dir}/b.log`], { lossless }),
        grep(/^ERROR n=\d+\r?$/u, { lineNumber: true, worker: true }),
      ));
      assert.deepEqual(out, [
        ...expected(30_000, lossless ? "\r" : ""),
        ...expected(999, ""),
      ]);
    }
  });
});

Deno.test("grep({ worker: true }) hands on a chunk's lines without waiting for the next chunk, with a literal to sift by or not", async () => {
  const cases: [RegExp, [string, string, string]][] = [
    [inWorker(/^x/u), ["x1", "y", "x2"]],
    // Every match holds "xx": only the lines with it go to the worker.
    [inWorker(/xx\d/u), ["xx1", "y", "xx2"]],
    // Matched in this thread.
    [/^x/u, ["x1", "y", "x2"]],
    [/xx\d+/u, ["xx1", "y", "xx2"]],
  ];
  for (const [pattern, lines] of cases) await handsOnAtOnce(pattern, lines);
});

/** The first line comes out before the input brings the next two. */
async function handsOnAtOnce(
  pattern: RegExp,
  [first, other, last]: readonly [string, string, string],
): Promise<void> {
  // As from a followed file: the next line comes only once the first is out.
  let handedOn!: () => void;
  const out = new Promise<void>((resolve) => handedOn = resolve);
  let waitedInVain = false;
  async function* followed() {
    yield first;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      out,
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          waitedInVain = true;
          resolve();
        }, 10_000);
      }),
    ]);
    clearTimeout(timer);
    yield other;
    yield last;
  }
  const seen: string[] = [];
  for await (
    const line of pipeline(followed(), grep(pattern, { worker: true }))
  ) {
    seen.push(line);
    handedOn();
  }
  assert.deepEqual(seen, [first, last]);
  assert.equal(waitedInVain, false, `${first} waited for the next line`);
}

Deno.test("an expression that throws in grep's worker fails the run at its line, as in this thread", async () => {
  // Too deep for the engine's backtracking stack: a RangeError.
  const lines = ["ab", "b", "ab".repeat(5_000_000), "a"];
  const errors: unknown[] = [];
  for (const worker of [false, true]) {
    await assert.rejects(
      collect(pipeline(lines, grep(/^(?:(a)|b)*$/u, { worker }))),
      (error) => (errors.push(error), true),
    );
  }
  const [here, there] = errors as StageError[];
  assert.ok(there instanceof StageError);
  assert.equal(there.line, 3);
  assert.equal(there.message, here!.message);
  assert.equal((there.cause as Error).name, "RangeError");
});

Deno.test("an expression that throws in grep's worker fails at its line also when many chunks' lines went to the worker at once", async () => {
  // Many chunks; the lines that hold the literal "xx" go to the worker
  // together, and the one too deep for the engine is inside a later chunk.
  const lines = Array.from(
    { length: 200_000 },
    (_, i) => i % 20 === 0 ? `xx${"ab".repeat(i % 7)}` : `line ${i}`,
  );
  lines[149_999] = `xx${"ab".repeat(5_000_000)}`;
  const errors: unknown[] = [];
  const kept: string[][] = [];
  for (const worker of [false, true]) {
    const out: string[] = [];
    kept.push(out);
    await assert.rejects(
      (async () => {
        for await (
          const l of pipeline(lines, grep(/xx(?:(a)|b)*$/u, { worker }))
        ) out.push(l);
      })(),
      (error) => (errors.push(error), true),
    );
  }
  const [here, there] = errors as StageError[];
  assert.ok(there instanceof StageError);
  assert.equal(there.line, 150_000);
  assert.equal(there.message, here!.message);
  // What came before the line is handed on as in this thread.
  assert.deepEqual(kept[1], kept[0]);
  assert.ok(kept[0]!.length > 7000);
});

const STUCK = `${"a".repeat(42)}b`;

Deno.test("an aborted run with grep({ worker: true }) rejects at once while the worker backtracks", async () => {
  for (
    const options of [{}, { maxCount: 2 }, { onlyMatching: true }, {
      lineNumber: true,
    }]
  ) {
    const controller = new AbortController();
    const reason = new Error("stopped");
    const started = performance.now();
    setTimeout(() => controller.abort(reason), 100);
    // In this thread, the timer could not even fire before the expression
    // had failed on the line: about half a minute.
    await assert.rejects(
      collect(pipeline(
        ["aa", STUCK, "aaaa"],
        grep(/^(a|aa)+$/u, { ...options, worker: true }),
        { signal: controller.signal },
      )),
      (error) => error === reason,
    );
    const ms = performance.now() - started;
    assert.ok(ms < 5000, `the abort took ${Math.round(ms)} ms`);
  }
});

Deno.test("grep's worker ends with its run: completed, stopped early by the consumer, or cut short by take", async () => {
  // A worker left running would keep the process from ending.
  const mod = new URL("../../mod.ts", import.meta.url).href;
  const script = `
    import { grep, pipeline, take } from ${JSON.stringify(mod)};
    const lines = ["x1", "y", "x2", "x3"];
    const all = [];
    for await (const l of pipeline(lines, grep(/^x(?:)*/u, { worker: true }))) all.push(l);
    const first = [];
    for await (const l of pipeline(lines, grep(/^x(?:)*/u, { worker: true }))) {
      first.push(l);
      break;
    }
    const two = [];
    for await (const l of pipeline(lines, grep(/^x(?:)*/u, { worker: true }), take(2))) two.push(l);
    console.log(JSON.stringify([all, first, two]));
  `;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=ts", script],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((ok) => {
    timer = setTimeout(() => ok("late"), 20_000);
  });
  const first = await Promise.race([child.status, late]);
  clearTimeout(timer);
  if (first === "late") child.kill("SIGKILL");
  const out = await child.output();
  assert.notEqual(first, "late", "the process did not end: a worker was left");
  assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), [
    ["x1", "x2", "x3"],
    ["x1"],
    ["x1", "x2"],
  ]);
});

Deno.test("a checkpointed run with grep({ worker: true }) resumes where it stopped, and refuses another pattern", async () => {
  await withTempDir(async (dir) => {
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `line ${i + 1} ${i % 3 === 0 ? "hit" : "miss"}`,
    );
    await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
    const run = (pattern: RegExp, stopAt?: number) => {
      const controller = new AbortController();
      return pipeline(
        readLines(`${dir}/in.log`, { readBytes: 1024 }),
        map((line: string) => {
          if (line.startsWith(`line ${stopAt} `)) {
            controller.abort(new Error("stopped"));
          }
          return line;
        }),
        grep(pattern, { worker: true }),
        writeLines(`${dir}/out.log`),
        {
          checkpoint: { path: `${dir}/ck`, everyMs: 0 },
          signal: controller.signal,
        },
      );
    };
    await assert.rejects(run(inWorker(/ hit$/u), 2500), /stopped/);
    const saved = JSON.parse(await Deno.readTextFile(`${dir}/ck`));
    assert.ok(saved.position.line > 1 && saved.position.line <= 2500);
    assert.match(saved.pipeline, /grep \/ hit\$\(\?:\)\*\/u/);
    await assert.rejects(run(inWorker(/ miss$/u)), CheckpointError);
    await run(inWorker(/ hit$/u));
    assert.equal(
      await Deno.readTextFile(`${dir}/out.log`),
      lines.filter((l) => l.endsWith(" hit")).map((l) => `${l}\n`).join(""),
    );
  });
});

/** How many workers `run` starts (a count of `new Worker`). */
async function workersStarted(run: () => Promise<unknown>): Promise<number> {
  const original = globalThis.Worker;
  let started = 0;
  globalThis.Worker = class extends original {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      started++;
    }
  };
  try {
    await run();
  } finally {
    globalThis.Worker = original;
  }
  return started;
}

Deno.test("grep({ worker: true }) starts a worker only for an expression whose work may grow faster than a line's length, or for a long line", async () => {
  const short = ["ERROR took 1234ms", "INFO ok", "ERROR timeout 9ms"];
  const long = `ERROR ${"x".repeat(SHORT_LINE)} timeout`;
  const cases: [RegExp, string[], number][] = [
    // At most a fixed number of steps a character: never.
    [/took \d{4}ms/u, short, 0],
    [/took \d{4}ms/u, [...short, long], 0],
    // At most one unbounded repeat: for the lines longer than SHORT_LINE.
    [/ERROR.*timeout/u, short, 0],
    [/ERROR.*timeout/u, [...short, long], 1],
    // Repeated groups: always.
    [/^(a|aa)+$/u, short, 1],
  ];
  for (const [re, lines, workers] of cases) {
    for (
      const options of [{}, { lineNumber: true }, { maxCount: 5 }, {
        invert: true,
      }]
    ) {
      let out: string[] = [];
      const started = await workersStarted(async () => {
        out = await collect(
          pipeline(lines, grep(re, { ...options, worker: true })),
        );
      });
      assert.equal(started, workers, `${re} ${JSON.stringify(options)}`);
      assert.deepEqual(
        out,
        await collect(pipeline(lines, grep(re, options))),
      );
    }
  }
});

Deno.test("grep({ worker: true }) of an expression of quadratic work matches short lines here and long ones in its worker, keeping what grep in this thread keeps", async () => {
  // Lines around SHORT_LINE code units long, some over it.
  const line = fc.tuple(
    fc.constantFrom("ERROR", "INFO", "ERROR x"),
    fc.nat({ max: 3 }),
    fc.constantFrom("", " timeout", " timeout 12ms"),
  ).map(([head, n, tail]) =>
    head + " ".repeat(n === 0 ? 3 : SHORT_LINE - 12 + 4 * n) + tail
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(line, { maxLength: 12 }),
      fc.constantFrom(/ERROR.*timeout/u, /timeout \d+ms$/u, /^INFO\s*$/u),
      fc.record({
        invert: fc.boolean(),
        lineNumber: fc.boolean(),
        onlyMatching: fc.boolean(),
        maxCount: fc.option(fc.nat({ max: 4 }), { nil: undefined }),
      }),
      async (lines, re, flags) => {
        const { maxCount, ...rest } = flags;
        const options: GrepOptions = maxCount === undefined
          ? rest
          : { ...rest, maxCount };
        const run = (worker: boolean) =>
          collect(pipeline(lines, grep(re, { ...options, worker })));
        assert.deepEqual(await run(true), await run(false));
      },
    ),
    { numRuns: 40 },
  );
});
