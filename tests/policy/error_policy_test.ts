// Copyright 2026 the sluice authors. MIT license.
// Per-item error policies: onError "skip" or a dead letter, and maxErrors.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  deadLetter,
  type FailedItem,
  filter,
  map,
  pipeline,
  readLines,
  StageError,
  Summary,
  TooManyErrorsError,
  writeLines,
} from "../../mod.ts";
import {
  bytesFrom,
  chunked,
  collect,
  encoder,
  listDir,
  openFds,
  withTempDir,
} from "../_helpers.ts";
import { referenceBadLines } from "../_reference.ts";

/** Throws for items that are not numbers. */
function parse(s: string): number {
  const n = Number(s);
  if (Number.isNaN(n)) throw new SyntaxError(`not a number: ${s}`);
  return n;
}

/** The same, for a chain that ends in writeLines. */
const checked = (s: string): string => String(parse(s));

async function readJsonLines(path: string): Promise<Record<string, unknown>[]> {
  const text = await Deno.readTextFile(path);
  return text === ""
    ? []
    : text.trimEnd().split("\n").map((l) => JSON.parse(l));
}

Deno.test("map() with onError skip drops failing items, keeps line numbers and counts them", async () => {
  const input = ["1", "x", "2", "y", "3", "z", "w", "v", "u", "4"];
  const lines: number[] = [];
  const run = pipeline(
    input,
    map(parse, { onError: "skip" }),
    async function* numbered(numbers: AsyncIterable<number>) {
      for await (const n of numbers) yield n;
    },
  );
  const out = await collect(run);
  assert.deepEqual(out, [1, 2, 3, 4]);
  const stage = run.summary.stages[1]!;
  assert.equal(stage.itemsIn, 10);
  assert.equal(stage.itemsOut, 4);
  assert.equal(stage.errors, 6);
  // The first five messages, with where they happened.
  assert.deepEqual(stage.firstErrors, [
    "item 2: not a number: x",
    "item 4: not a number: y",
    "item 6: not a number: z",
    "item 7: not a number: w",
    "item 8: not a number: v",
  ]);
  assert.equal(run.summary.status, "ok");
  void lines;
});

Deno.test("map() and filter() keep exact line numbers after a skipped item", async () => {
  const failed: FailedItem[] = [];
  const dl = deadLetter((f) => void failed.push(f));
  const seen: string[] = [];
  await pipeline(
    ["a1", "bad", "a2", "a3", "oops", "b4"],
    map((s) => {
      if (s === "bad") throw new Error("bad item");
      return s;
    }, { onError: dl }),
    filter((s) => {
      if (s === "oops") throw new Error("oops item");
      return s.startsWith("a");
    }, { onError: dl }),
    map((s) => {
      if (s === "a3") throw new Error("late");
      return s;
    }, { onError: dl, name: "last" }),
    async (items) => {
      for await (const s of items) seen.push(s);
    },
  );
  assert.deepEqual(seen, ["a1", "a2"]);
  assert.deepEqual(
    failed.map((f) => [f.stage, f.line, f.item, f.error]),
    [
      ["map#2", 2, "bad", "bad item"],
      ["filter#3", 5, "oops", "oops item"],
      ["last", 4, "a3", "late"],
    ],
  );
});

Deno.test("map() and filter() apply the policy to async callbacks and concurrent calls", async () => {
  const input = Array.from({ length: 3000 }, (_, i) => i);
  const bad = (n: number) => n % 7 === 3;
  const want = input.filter((n) => !bad(n));
  const slow = async (n: number) => {
    await new Promise((r) => setTimeout(r, n % 3));
    if (bad(n)) throw new RangeError(`bad ${n}`);
    return n;
  };
  for (
    const options of [{}, { concurrency: 8 }, {
      concurrency: 8,
      ordered: false,
    }]
  ) {
    const failed: FailedItem[] = [];
    const run = pipeline(
      input.slice(0, 300),
      map(slow, {
        ...options,
        onError: deadLetter((f) => void failed.push(f)),
      }),
    );
    const out = await collect(run);
    const sorted = [...out].sort((a, b) => a - b);
    assert.deepEqual(sorted, want.filter((n) => n < 300));
    if (!("ordered" in options)) assert.deepEqual(out, sorted);
    assert.deepEqual(
      failed.map((f) => f.item).sort((a, b) => Number(a) - Number(b)),
      input.slice(0, 300).filter(bad),
    );
    assert.ok(failed.every((f) => f.line === Number(f.item) + 1));
    assert.equal(run.summary.stages[1]!.errors, failed.length);
  }
  const kept = await collect(pipeline(
    input,
    filter(async (n) => {
      await Promise.resolve();
      if (bad(n)) throw new Error("no");
      return n % 2 === 0;
    }, { onError: "skip" }),
  ));
  assert.deepEqual(kept, want.filter((n) => n % 2 === 0));
});

Deno.test("maxErrors stops the run at the limit, naming the count and the last error", async () => {
  const failed: FailedItem[] = [];
  const summary = new Summary();
  await assert.rejects(
    pipeline(
      ["1", "a", "2", "b", "3", "c", "4"],
      map(parse, {
        onError: deadLetter((f) => void failed.push(f)),
        maxErrors: 3,
      }),
      async (numbers) => {
        for await (const _ of numbers);
      },
      { summary },
    ),
    (e) =>
      e instanceof StageError && e.stage === "map#2" && e.line === 6 &&
      e.cause instanceof TooManyErrorsError && e.cause.maxErrors === 3 &&
      e.message ===
        'Stage "map#2" failed at item 6: 3 items failed, the limit set by maxErrors; the last: not a number: c',
  );
  // The item that reached the limit is in the dead letter too.
  assert.deepEqual(failed.map((f) => f.item), ["a", "b", "c"]);
  assert.equal(summary.stages[1]!.errors, 3);
  assert.equal(summary.status, "failed");
});

Deno.test("maxErrors counts per stage", async () => {
  const out = await collect(pipeline(
    ["x", "1", "y", "2"],
    map((s) => {
      if (s === "x") throw new Error("x");
      return s;
    }, { onError: "skip", maxErrors: 2 }),
    map((s) => {
      if (s === "y") throw new Error("y");
      return s;
    }, { onError: "skip", maxErrors: 2 }),
  ));
  assert.deepEqual(out, ["1", "2"]);
});

Deno.test("error options are checked when the stage is made", () => {
  assert.throws(
    // @ts-expect-error: not a policy
    () => map((x) => x, { onError: "ignore" }),
    (e) =>
      e instanceof TypeError &&
      e.message ===
        'Cannot create map stage: onError must be "fail", "skip" or a dead letter made by deadLetter(), got "ignore"',
  );
  assert.throws(
    () => filter((x) => x, { onError: { target: "x" } }),
    TypeError,
  );
  assert.throws(
    () => map((x) => x, { onError: "skip", maxErrors: 0 }),
    /maxErrors must be a positive integer or Infinity, got 0/,
  );
  assert.throws(
    () => readLines("-", { maxErrors: 1.5 }),
    /Cannot create readLines stage: maxErrors must be/,
  );
});

Deno.test("a dead-letter file gets JSON records, atomically, when the run ends", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, "1\nx\n2\n" + "3\n".repeat(5000) + "y\n");
    const bad = `${dir}/bad.jsonl`;
    await Deno.writeTextFile(bad, "stale\n");
    let seenDuringRun: string | undefined;
    const summary = await pipeline(
      readLines(input),
      map(parse, { onError: deadLetter(bad) }),
      async (numbers) => {
        for await (const _ of numbers) {
          seenDuringRun ??= await Deno.readTextFile(bad);
        }
      },
    );
    // Until the end, the old file is untouched and the records are in a
    // temporary file.
    assert.equal(seenDuringRun, "stale\n");
    assert.deepEqual(await readJsonLines(bad), [
      {
        stage: "map#2",
        path: input,
        line: 2,
        error: "not a number: x",
        item: "x",
      },
      {
        stage: "map#2",
        path: input,
        line: 5004,
        error: "not a number: y",
        item: "y",
      },
    ]);
    assert.deepEqual(await listDir(dir), ["bad.jsonl", "in.log"]);
    assert.equal(summary.stages[1]!.errors, 2);
    assert.match(
      summary.format(),
      /map#2: 2 errors:\n {2}line 2 of ".*in\.log": not a number: x\n {2}line 5004 of/,
    );
  });
});

Deno.test("a dead letter is written empty when nothing failed, replacing an old one", async () => {
  await withTempDir(async (dir) => {
    const bad = `${dir}/bad.jsonl`;
    await Deno.writeTextFile(bad, "from yesterday\n");
    const summary = await pipeline(
      ["1", "2"],
      map(checked, { onError: deadLetter(bad) }),
      writeLines(`${dir}/out.log`),
    );
    assert.equal(await Deno.readTextFile(bad), "");
    assert.equal(await Deno.readTextFile(`${dir}/out.log`), "1\n2\n");
    // No errors: no errors column, no error lines.
    assert.doesNotMatch(summary.format(), /error/);
  });
});

Deno.test("a dead letter is committed when the run fails, and the output is not", async () => {
  await withTempDir(async (dir) => {
    const bad = `${dir}/bad.jsonl`;
    const before = openFds();
    await assert.rejects(
      pipeline(
        ["1", "x", "2", "3"],
        map(parse, { onError: deadLetter(bad) }),
        map((n) => {
          if (n === 2) throw new Error("boom");
          return String(n);
        }),
        writeLines(`${dir}/out.log`),
      ),
      /boom/,
    );
    assert.deepEqual(await listDir(dir), ["bad.jsonl"]);
    assert.deepEqual((await readJsonLines(bad)).map((r) => r.item), ["x"]);
    assert.equal(openFds(), before);
  });
});

Deno.test("one dead letter shared by readLines and map gets both stages' records", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeFile(
      input,
      new Uint8Array([
        ...encoder.encode("1\n"),
        0xff,
        ...encoder.encode("\nx\n3\n"),
      ]),
    );
    const bad = deadLetter(`${dir}/bad.jsonl`);
    const out = await collect(pipeline(
      readLines(input, { fatal: true, onError: bad }),
      map(parse, { onError: bad }),
    ));
    assert.deepEqual(out, [1, 3]);
    assert.deepEqual(await readJsonLines(`${dir}/bad.jsonl`), [
      {
        stage: "readLines#1",
        path: input,
        line: 2,
        offset: 2,
        error: `Line 2 of "${input}" is not valid UTF-8 at byte offset 2`,
        item: "\uFFFD",
      },
      {
        stage: "map#2",
        path: input,
        line: 3,
        error: "not a number: x",
        item: "x",
      },
    ]);
  });
});

Deno.test("a dead letter that cannot be opened fails the run before any input is read", async () => {
  await withTempDir(async (dir) => {
    let pulled = 0;
    function* source() {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield String(i);
      }
    }
    await assert.rejects(
      pipeline(
        source(),
        map(checked, { onError: deadLetter(`${dir}/missing/bad.jsonl`) }),
        writeLines(`${dir}/out.log`),
      ),
      (e) =>
        e instanceof StageError && e.stage === "map#2" &&
        e.cause instanceof Deno.errors.NotFound &&
        e.message.includes(`the dead letter "${dir}/missing/bad.jsonl"`),
    );
    // One batch was taken from the source, and none went through the map.
    assert.ok(pulled <= 10);
    assert.deepEqual(await listDir(dir), []);
  });
});

Deno.test("a dead letter's own write error fails the run and leaves no file", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(
      pipeline(
        ["x", "1"],
        map(checked, { onError: deadLetter("/dev/full") }),
        writeLines(`${dir}/out.log`),
      ),
      (e) =>
        e instanceof Error && e.message.includes('dead letter "/dev/full"') &&
        e.message.includes("No space left"),
    );
    assert.deepEqual(await listDir(dir), []);
    await assert.rejects(
      pipeline(
        ["x", "1"],
        map(checked, {
          onError: deadLetter(() => {
            throw new Error("the dead letter is full");
          }),
        }),
        writeLines(`${dir}/out.log`),
      ),
      (e) => e instanceof StageError && e.stage === "map#2",
    );
    assert.deepEqual(await listDir(dir), []);
  });
});

Deno.test("a dead letter works for a stage and a reader used on their own", async () => {
  await withTempDir(async (dir) => {
    const bad = `${dir}/bad.jsonl`;
    const stage = map(parse, { onError: deadLetter(bad) });
    assert.deepEqual(await collect(stage(ReadableStream.from(["1", "x"]))), [
      1,
    ]);
    assert.deepEqual((await readJsonLines(bad)).map((r) => r.item), ["x"]);
    const bytes = new Uint8Array([0x61, 0x0a, 0xc3, 0x0a]);
    const lines = await collect(
      readLines(ReadableStream.from([bytes]), {
        fatal: true,
        onError: deadLetter(bad),
      }),
    );
    assert.deepEqual(lines, ["a"]);
    assert.deepEqual(
      (await readJsonLines(bad)).map((r) => [r.stage, r.line, r.offset]),
      [["readLines", 2, 2]],
    );
  });
});

Deno.test("readLines() sends a line that is too long to the dead letter as a bounded prefix", async () => {
  const failed: FailedItem[] = [];
  const long = "é".repeat(5000); // 10,000 bytes
  const bytes = encoder.encode(`ok\n${long}\nnext\n${"x".repeat(70)}`);
  for (const readBytes of [7, 4096, 65536]) {
    failed.length = 0;
    const run = pipeline(
      readLines(chunked(bytes, [5, 100, 9000]), {
        maxLineBytes: 9999,
        readBytes,
        onError: deadLetter((f) => void failed.push(f)),
      }),
    );
    assert.deepEqual(await collect(run), ["ok", "next", "x".repeat(70)]);
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.item, "é".repeat(2048));
    assert.equal(failed[0]!.line, 2);
    assert.equal(failed[0]!.offset, 3);
    assert.match(failed[0]!.error, /longer than maxLineBytes \(9999\)/);
    assert.equal(run.summary.stages[0]!.errors, 1);
    assert.equal(run.summary.stages[0]!.counters.skippedLines, undefined);
  }
});

Deno.test("readLines() with onError skip matches the reference for bad lines over random chunkings", async () => {
  const tokens = ["a", "\n", "\n", "\r", "\r\n", "é", "😀", "\uFEFF"]
    .map((t) => encoder.encode(t)).concat([
      new Uint8Array([0xff]),
      new Uint8Array([0xe2, 0x82]),
      new Uint8Array([0x80]),
      new Uint8Array([0xf0, 0x9f, 0x98]),
    ]);
  const lossy = new TextDecoder("utf-8", { ignoreBOM: true });
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 60 }),
      fc.array(fc.nat({ max: 200 }), { maxLength: 8 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 4, max: 12 }),
      async (parts, cuts, readBytes, maxLineBytes) => {
        const bytes = bytesFrom(parts, tokens);
        const read = async (c: number[]) => {
          const failed: FailedItem[] = [];
          const run = pipeline(
            readLines(chunked(bytes, c), {
              readBytes,
              maxLineBytes,
              fatal: true,
              onError: deadLetter((f) => void failed.push(f)),
            }),
          );
          const lines = await collect(run);
          return { lines, failed, errors: run.summary.stages[0]!.errors };
        };
        const got = await read(cuts);
        const want = referenceBadLines(bytes, maxLineBytes);
        assert.deepEqual(got.lines, want.lines);
        assert.deepEqual(
          got.failed.map((f) => [f.line, f.offset]),
          want.failures.map((f) => [f.line, f.offset]),
        );
        assert.equal(got.errors, want.failures.length);
        want.failures.forEach((w, i) => {
          const item = got.failed[i]!.item as string;
          if (w.kind === "utf8") {
            assert.equal(item, lossy.decode(w.bytes));
          } else {
            // The first maxLineBytes bytes, less a character the cut would split.
            const n = [0, 1, 2, 3].map((d) => maxLineBytes - d)
              .find((k) => lossy.decode(w.bytes.subarray(0, k)) === item);
            assert.ok(n !== undefined, `prefix ${JSON.stringify(item)}`);
          }
        });
        // The same records whatever the chunking.
        assert.deepEqual((await read([])).failed, got.failed);
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("readLines() with maxErrors hands on the good lines before it stops", async () => {
  const bytes = new Uint8Array([
    ...encoder.encode("a\n"),
    0xff,
    ...encoder.encode("\nb\n"),
    0xfe,
    ...encoder.encode("\nc\n"),
  ]);
  const got: string[] = [];
  await assert.rejects(
    async () => {
      for await (
        const l of pipeline(
          readLines(ReadableStream.from([bytes]), {
            fatal: true,
            onError: "skip",
            maxErrors: 2,
          }),
        )
      ) got.push(l);
    },
    (e) =>
      e instanceof StageError && e.stage === "readLines#1" && e.line === 4 &&
      e.cause instanceof TooManyErrorsError,
  );
  assert.deepEqual(got, ["a", "b"]);
});

Deno.test("sluice fields skips bad lines with --on-error skip and writes them with --dead-letter", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.jsonl`;
    await Deno.writeTextFile(input, '{"a":1}\n{broken\n{"a":2}\n{"a":\n');
    const cli = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
    const sluice = async (...args: string[]) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", cli, "fields", "-k", "a", ...args, input],
        stdout: "piped",
        stderr: "piped",
        env: { NO_COLOR: "1" },
      }).output();
      const text = new TextDecoder();
      return {
        code: out.code,
        stdout: text.decode(out.stdout),
        stderr: text.decode(out.stderr),
      };
    };
    const failing = await sluice();
    assert.equal(failing.code, 1);
    assert.match(failing.stderr, /\(at line 2 of ".*in\.jsonl"\)\n$/);
    assert.doesNotMatch(failing.stderr, /Stage|#\d/);
    const skipped = await sluice("--on-error", "skip");
    assert.equal(skipped.code, 0);
    assert.equal(skipped.stdout, '{"a":1}\n{"a":2}\n');
    assert.match(
      skipped.stderr,
      /^sluice fields: 2 lines skipped; the first: line 2 of ".*in\.jsonl": /,
    );
    const bad = `${dir}/bad.jsonl`;
    const lettered = await sluice(
      "--dead-letter",
      bad,
      "--output",
      `${dir}/out`,
    );
    assert.equal(lettered.code, 0);
    assert.deepEqual(
      (await readJsonLines(bad)).map((r) => [r.line, r.item]),
      [[2, "{broken"], [4, '{"a":']],
    );
    const limited = await sluice("--on-error", "skip", "--max-errors", "2");
    assert.equal(limited.code, 1);
    assert.match(limited.stderr, /2 items failed, the limit set by maxErrors/);
    const usage = await sluice("--max-errors", "2");
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--max-errors needs --on-error skip/);
  });
});

Deno.test("the summary counts the error that stopped the run, with its line", async () => {
  const summary = new Summary();
  await assert.rejects(
    pipeline(
      ["1", "2", "x"],
      map(parse),
      async (numbers) => {
        for await (const _ of numbers);
      },
      { summary },
    ),
    StageError,
  );
  const json = summary.toJSON();
  assert.deepEqual(json.stages.map((s) => s.errors), [0, 1, 0]);
  assert.deepEqual(json.stages[1]!.firstErrors, ["item 3: not a number: x"]);
  assert.match(summary.format(), /\n {2}item 3: not a number: x\n/);
});

Deno.test("the summary keeps at most five messages, each cut to 300 characters", async () => {
  const run = pipeline(
    Array.from({ length: 8 }, (_, i) => i),
    map((i) => {
      throw new Error(`${i} ${"x".repeat(1000)}`);
    }, { onError: "skip" }),
  );
  assert.deepEqual(await collect(run), []);
  const stage = run.summary.stages[1]!;
  assert.equal(stage.errors, 8);
  assert.equal(stage.firstErrors.length, 5);
  assert.ok(
    stage.firstErrors.every((m) => m.length === 300 && m.endsWith("…")),
  );
  assert.match(stage.firstErrors[4]!, /^item 5: 4 x/);
  assert.match(run.summary.format(), /map#2: 8 errors, the first 5:\n/);
});

Deno.test("readLines stops at maxErrors with a StageError when one read holds several bad lines", async () => {
  const raw = Uint8Array.from(
    "a\nb\xff\nc\nd\xfe\ne\n",
    (c) => c.charCodeAt(0),
  );
  const seen: number[] = [];
  await assert.rejects(
    collect(pipeline(readLines(ReadableStream.from([raw]), {
      fatal: true,
      maxErrors: 1,
      onError: deadLetter(async (f) => {
        await new Promise((r) => setTimeout(r, 1));
        seen.push(f.line!);
      }),
    }))),
    (e) => e instanceof StageError && e.cause instanceof TooManyErrorsError,
  );
  assert.deepEqual(seen, [2]);
});

Deno.test("readLines reports a failing async dead letter as the run's error, whichever bad line it was for", async () => {
  const raw = Uint8Array.from(
    "a\nb\xff\nc\nd\xfe\ne\n",
    (c) => c.charCodeAt(0),
  );
  await assert.rejects(
    collect(pipeline(readLines(ReadableStream.from([raw]), {
      fatal: true,
      onError: deadLetter(async (f) => {
        // The first write fails after the second has started.
        await new Promise((r) => setTimeout(r, f.line === 2 ? 5 : 1));
        if (f.line === 2) throw new Error("dead letter down");
      }),
    }))),
    /dead letter down/,
  );
});

Deno.test("a concurrent map opens its dead letter when the run starts, not when the pipeline is built", async () => {
  await withTempDir(async (dir) => {
    const run = pipeline(
      ["1", "x", "3"],
      map((s: string) => {
        if (s === "x") return Promise.reject(new Error("not a number"));
        return Promise.resolve(Number(s));
      }, { concurrency: 2, onError: deadLetter(`${dir}/bad.jsonl`) }),
    );
    // Built, not yet iterated: nothing on disk.
    assert.deepEqual(await listDir(dir), []);
    assert.deepEqual(await collect(run), [1, 3]);
    assert.deepEqual(await listDir(dir), ["bad.jsonl"]);
  });
});
