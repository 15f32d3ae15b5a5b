// Copyright 2026 the sluice authors. MIT license.
// What the chain between the reader and the consumer keeps alive while a line
// is being read. V8 grows its young generation (and so the process's RSS)
// once the bytes that survived its scavenges since it last grew add up to
// its size: the fewer survive each one, the later it grows, and memory stays
// flat over larger inputs. Each async generator or async function that waits
// between the reader and the consumer kept a few hundred bytes alive across
// every scavenge. And what a `for await` costs an item: the fewer bytes
// allocated, the fewer scavenges. Not timings: the bytes V8 reports are the
// same run after run.

import assert from "node:assert/strict";
import { withTempDir, writeScript } from "../_helpers.ts";

/**
 * A script that pipes the lines of the file its first argument names
 * through `stages` (their source, each a stage that `names` imports) into
 * `sink`: by default writeLines of its second argument.
 */
function fileToFile(
  dir: string,
  name: string,
  names: string,
  stages: string[],
  { sink = "writeLines(Deno.args[1])" } = {},
): Promise<string> {
  return writeScript(
    dir,
    name,
    `${names}, pipeline, readLines, writeLines`,
    `await pipeline(\n  readLines(Deno.args[0]),\n${
      stages.map((s) => `  ${s},\n`).join("")
    }  ${sink},\n);`,
  );
}

/**
 * A script that counts in `n` what `body` counts (with the names `names`
 * imports) and says the count on standard error.
 */
function counting(
  dir: string,
  name: string,
  names: string,
  body: string,
): Promise<string> {
  return writeScript(
    dir,
    name,
    names,
    `let n = 0;\n${body}\nconsole.error(n);`,
  );
}

/** What V8 says of each scavenge of a run of `script`. */
async function scavenges(script: string, args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--trace-gc-nvp", script, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const found: { survived: number; allocated: number; promoted: number }[] = [];
  for (const line of new TextDecoder().decode(out.stdout).split("\n")) {
    if (!line.includes('"gc":"s"')) continue;
    const survived = /"new_space_survived":(\d+)/.exec(line);
    const allocated = /"allocated":(\d+)/.exec(line);
    const promoted = /"promoted":(\d+)/.exec(line);
    if (survived === null || allocated === null || promoted === null) {
      continue;
    }
    found.push({
      survived: Number(survived[1]),
      allocated: Number(allocated[1]),
      promoted: Number(promoted[1]),
    });
  }
  // The script says how many lines it read, on standard error.
  const said = /lines (\d+)/.exec(new TextDecoder().decode(out.stderr));
  return { found, lines: said === null ? 0 : Number(said[1]) };
}

/**
 * Median bytes that survived a scavenge in the second half of the run (in
 * the first, V8 compiles the hot code and more survives).
 */
async function medianSurvivors(script: string, args: string[]) {
  const survived = (await scavenges(script, args)).found.map((s) => s.survived);
  const steady = survived.slice(survived.length >> 1).sort((a, b) => a - b);
  assert.ok(steady.length >= 20, `only ${survived.length} scavenges`);
  return steady[steady.length >> 1]!;
}

/**
 * Asserts that little survived the early scavenges of a run of `script`. The
 * first four find what the runtime and the modules made as they started;
 * scavenges 5 to 24 come while V8 still interprets the loops, whose frames
 * keep whatever their variables last held.
 */
async function assertEarlyLittle(script: string, args: string[]) {
  const { found } = await scavenges(script, args);
  const early = found.slice(4, 24).map((s) => s.survived)
    .sort((a, b) => a - b);
  assert.ok(early.length === 20, `only ${found.length} scavenges`);
  const median = early[10]!;
  assert.ok(
    median < 8 * 1024,
    `${script}: ${median} bytes survived the median of scavenges 5 to 24`,
  );
}

/** A log of about `bytes`, lines like the benchmark's, 2% of them ERROR. */
async function writeLog(path: string, bytes: number) {
  const file = await Deno.open(path, { write: true, create: true });
  const encoder = new TextEncoder();
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    const lines: string[] = [];
    for (let k = 0; k < 1000; k++) {
      const n = i * 1000 + k;
      lines.push(
        `2026-11-01T00:00:${String(n % 60).padStart(2, "0")}.025Z ${
          n % 50 === 0 ? "ERROR" : "INFO"
        } search req=${
          (n * 2654435761 >>> 0).toString(16)
        } method=GET path=/v1/users/${n % 9973} status=200 latency_ms=${
          n % 997
        } msg="user session refreshed"\n`,
      );
    }
    const bytes = encoder.encode(lines.join(""));
    for (let at = 0; at < bytes.length;) {
      at += await file.write(bytes.subarray(at));
    }
    written += bytes.length;
  }
  file.close();
}

/**
 * Runs `fn` in a temporary directory with a log of about `bytes` in it,
 * written by `write` (by default writeLog's lines).
 */
function withLog(
  bytes: number,
  fn: (dir: string, log: string) => Promise<void>,
  write: (path: string, bytes: number) => Promise<unknown> = writeLog,
): Promise<void> {
  return withTempDir(async (dir) => {
    const log = `${dir}/app.log`;
    await write(log, bytes);
    await fn(dir, log);
  });
}

/**
 * Runs `fn` in a temporary directory with the benchmark's sample log of
 * about `bytes` in it: lines of 50 to 330 bytes, 5% of them not ASCII.
 */
function withSampleLog(
  bytes: number,
  fn: (dir: string, log: string) => Promise<void>,
): Promise<void> {
  return withLog(bytes, fn, async (path, size) => {
    const { writeSampleLog } = await import("../../examples/sample_log.ts");
    await writeSampleLog(path, size);
  });
}

// The three scripts below, on the code before the fix: 3,064, 4,136 and 4,000
// bytes; after it 1,408, 1,712 and 1,712.
const MOST = 2400;

Deno.test({
  name:
    "the chain from readLines to a for await, a sink of one's own or writeLines keeps little alive across V8's scavenges",
  fn: async () => {
    await withLog(128 * 1024 * 1024, async (dir, log) => {
      const alone = await counting(
        dir,
        "alone.ts",
        "readLines",
        `for await (const line of readLines(Deno.args[0])) if (line.includes("ERROR")) n++;`,
      );
      const own = await counting(
        dir,
        "own.ts",
        "filter, pipeline, readLines",
        `await pipeline(
  readLines(Deno.args[0]),
  filter((line) => line.includes("ERROR")),
  async (lines) => { for await (const _ of lines) n++; },
);`,
      );
      const written = await fileToFile(
        dir,
        "written.ts",
        "filter, map",
        [
          `filter((line) => line.includes("ERROR"))`,
          `map((line) => line.slice(0, 40))`,
        ],
      );
      // Stages called on their own, as async-generator functions are. Each
      // gathered 1024 lines into chunks of its own before, every line a
      // slice keeping its decoded piece alive: 295,576 bytes survived the
      // median scavenge of the first, and the second grew its young
      // generation so far that it made only 32 scavenges; 1,344 and 1,440
      // after.
      const called = await counting(
        dir,
        "called.ts",
        "filter, readLines",
        `const errors = filter((line) => line.includes("ERROR"));
for await (const _ of errors(readLines(Deno.args[0]))) n++;`,
      );
      const chained = await counting(
        dir,
        "chained.ts",
        "filter, map, readLines",
        `const errors = filter((line) => line.includes("ERROR"));
const cut = map((line) => line.slice(0, 40));
for await (const _ of cut(errors(readLines(Deno.args[0])))) n++;`,
      );
      for (const script of [alone, own, written, called, chained]) {
        const survivors = await medianSurvivors(script, [log, `${dir}/out`]);
        assert.ok(
          survivors <= MOST,
          `${script}: ${survivors} bytes survived the median scavenge`,
        );
      }
    });
  },
});

Deno.test({
  name:
    "readLines, groupBy() and distinct() hold no chunk while the next is read, also before V8 optimizes their loops",
  fn: async () => {
    await withLog(48 * 1024 * 1024, async (dir, log) => {
      const early = await writeScript(
        dir,
        "early.ts",
        "readLines",
        `let n = 0;
for await (const _ of readLines(Deno.args[0])) n++;
console.error("lines", n);`,
      );
      const grouped = await writeScript(
        dir,
        "grouped.ts",
        "count, groupBy, pipeline, readLines",
        `let n = 0;
await pipeline(
  readLines(Deno.args[0]),
  groupBy((line: string) => line.slice(0, 30), { n: count() }),
  async (groups) => { for await (const _ of groups) n++; },
);
console.error("groups", n);`,
      );
      const firsts = await writeScript(
        dir,
        "firsts.ts",
        "distinct, pipeline, readLines",
        `let n = 0;
await pipeline(
  readLines(Deno.args[0]),
  distinct((line: string) => line.slice(0, 30)),
  async (lines) => { for await (const _ of lines) n++; },
);
console.error("lines", n);`,
      );
      // While their frames were interpreted, the reader's loop held the
      // chunk it had handed on, and with `for await` the loops of groupBy()
      // and of distinct() the last chunk (and its result), with the decoded
      // piece behind its lines, through the next pull: 23-33 KB survived
      // each early scavenge, 1-4 KB once let go.
      for (const script of [early, grouped, firsts]) {
        await assertEarlyLittle(script, [log, `${dir}/out`]);
      }
    });
  },
});

Deno.test({
  name:
    "writeLines to a file holds no chunk, nor lets the stages before it make one, while its buffer is written",
  fn: async () => {
    // The sample log (on writeLog's lines alone, only the write between
    // chunks was needed).
    await withSampleLog(64 * 1024 * 1024, async (dir, log) => {
      const copy = await writeScript(
        dir,
        "copy.ts",
        "pipeline, readLines, writeLines",
        `await pipeline(readLines(Deno.args[0]), writeLines(Deno.args[1]));`,
      );
      // A grep of a pattern, whose lines are text (a literal's go from the
      // reader to writeLines as bytes, see kept_bytes_test.ts).
      const kept = await fileToFile(
        dir,
        "kept.ts",
        "grep",
        [`grep(/ /)`],
      );
      for (const script of [copy, kept]) {
        const { found } = await scavenges(script, [log, `${dir}/out`]);
        const steady = found.slice(24);
        assert.ok(steady.length >= 60, `only ${found.length} scavenges`);
        // A chunk of lines and the text they are cut from: about 25-40 KB.
        // While a write of the buffer was under way on the runtime's
        // threads, or came in the middle of a chunk, a chunk survived the
        // scavenges of the next. Of the 80-150 after the 24th, the copy's
        // and the grep's: 18-20 and 36 on the code before; 5-6 and 19 with
        // the buffer written between chunks alone; 10 and 22 with writes in
        // this thread alone; none with both.
        const big = steady.filter((s) => s.survived + s.promoted > 12 * 1024);
        assert.ok(
          big.length <= 2,
          `${script}: ${big.length} of ${steady.length} scavenges found more than 12 KiB alive`,
        );
      }
    });
  },
});

Deno.test({
  name:
    "for await over a pipeline hands out the items of a chunk with little garbage each",
  fn: async () => {
    await withLog(64 * 1024 * 1024, async (dir, log) => {
      const script = await writeScript(
        dir,
        "items.ts",
        "pipeline, readLines",
        `let n = 0;
for await (const _ of pipeline(readLines(Deno.args[0]))) n++;
console.error("lines", n);`,
      );
      const { found, lines } = await scavenges(script, [log]);
      assert.ok(lines > 400_000, `${lines} lines`);
      const allocated = found.reduce((sum, s) => sum + s.allocated, 0);
      // Lines of about 130 bytes: 394 bytes of allocation a line in all;
      // 1,008 when an async generator's yield* handed out the items.
      assert.ok(
        allocated / lines < 600,
        `${Math.round(allocated / lines)} bytes allocated a line`,
      );
    });
  },
});

/**
 * Bytes allocated a line, after the first scavenges (the modules as they
 * load), by a script that sorts `log` with `stage` (a call of sort()) into
 * writeLines; `check` runs on the summary before it ends.
 */
async function sortAllocation(
  dir: string,
  log: string,
  stage: string,
  check = "",
): Promise<number> {
  const script = await writeScript(
    dir,
    "sorted.ts",
    "lineField, pipeline, readLines, sort, writeLines",
    `const summary = await pipeline(
  readLines(Deno.args[0]),
  ${stage},
  writeLines(Deno.args[1]),
);
${check}
console.error("lines", summary.stages[1].itemsIn);`,
  );
  const { found, lines } = await scavenges(script, [log, `${dir}/out`]);
  assert.ok(lines > 200_000, `${lines} lines`);
  return found.slice(5).reduce((sum, s) => sum + s.allocated, 0) / lines;
}

Deno.test({
  name:
    "sort() of a file's lines into writeLines makes little garbage a line: the lines come and go as bytes, copied without a view, in chunks whose arrays are made at once",
  fn: async () => {
    await withLog(64 * 1024 * 1024, async (dir, log) => {
      // 149-153 bytes a line; 202-203 with a view made for each line's
      // copy, the stand-ins' arrays grown by push and 64 lines a chunk; 536
      // with the lines decoded into strings on their way to the sort.
      const perLine = await sortAllocation(
        dir,
        log,
        `sort({ budget: "4MiB" })`,
      );
      assert.ok(perLine < 180, `${Math.round(perLine)} bytes allocated a line`);
    });
  },
});

Deno.test({
  name:
    "sort() of a file's lines by a number field that lineField reads into writeLines makes little garbage a line: the field is read on the lines' bytes",
  fn: async () => {
    await withLog(64 * 1024 * 1024, async (dir, log) => {
      // 45 bytes a line; 896 with the lines decoded, and each field's text
      // cut out, on their way to the sort (the same getter wrapped in a
      // function of one's own).
      const perLine = await sortAllocation(
        dir,
        log,
        `sort({ key: lineField("latency_ms"), numeric: true, budget: "4MiB" })`,
      );
      assert.ok(perLine < 120, `${Math.round(perLine)} bytes allocated a line`);
    });
  },
});

Deno.test({
  name:
    "sort() of a file's lines by a text field that lineField reads into writeLines makes little garbage a line: the field is read on the lines' bytes, and kept as its code units",
  fn: async () => {
    await withLog(64 * 1024 * 1024, async (dir, log) => {
      // 46 bytes a line; 255 with a view made to copy each key into the
      // sort's code units and a word view made for each line merged (the
      // runs' blocks in buffers of their own); 1,532 with the lines decoded
      // on their way to the sort (the same getter wrapped in a function of
      // one's own).
      const perLine = await sortAllocation(
        dir,
        log,
        `sort(lineField("req", { text: true }), { budget: "4MiB" })`,
      );
      assert.ok(perLine < 100, `${Math.round(perLine)} bytes allocated a line`);
    });
  },
});

Deno.test({
  name:
    "sort()'s merges of runs into a run copy each record without a view of it",
  fn: async () => {
    await withLog(32 * 1024 * 1024, async (dir, log) => {
      // A fan-in of 4 over many small runs: most of the work is merges of
      // runs into runs, as over 4 GiB with a budget of 16 MiB. 42 bytes a
      // line; 410 with a view made to copy each record.
      const perLine = await sortAllocation(
        dir,
        log,
        `sort({ key: lineField("latency_ms"), numeric: true, budget: "1MiB", fanIn: 4 })`,
        `if (!(summary.stages[1].counters.earlyMerges > 10)) throw new Error("few merges");`,
      );
      assert.ok(perLine < 150, `${Math.round(perLine)} bytes allocated a line`);
    });
  },
});

Deno.test({
  name:
    "groupBy() keeps a column of counts off V8's heap, so that its growth does not survive scavenges",
  fn: async () => {
    await withTempDir(async (dir) => {
      const script = await writeScript(
        dir,
        "groups.ts",
        "count, groupBy, pipeline",
        `async function* keys() {
  for (let c = 0; c < 3000; c++) {
    for (let i = 0; i < 200; i++) yield "k" + (c * 200 + i);
  }
}
let groups = 0;
await pipeline(
  keys(),
  groupBy((k: string) => k, { n: count() }, { budget: "1GiB" }),
  async (gs) => { for await (const _ of gs) groups++; },
);
console.error("lines", groups);`,
      );
      const { found, lines } = await scavenges(script, []);
      assert.equal(lines, 600_000);
      // 600,000 groups: a column of counts in an array grown by push was
      // copied into arrays of up to 4.8 MB, and 23 MB were promoted to the
      // old generation in all; with the counts in a Float64Array, 3.5 MB.
      const promoted = found.reduce((sum, s) => sum + s.promoted, 0);
      assert.ok(
        promoted < 8 * 1024 * 1024,
        `${promoted} bytes promoted to the old generation`,
      );
    });
  },
});

Deno.test({
  name:
    "a literal grep and pickFields() (JSON or CSV) between readLines and writeLines decode no line: their lines go to the writer as bytes",
  fn: async () => {
    await withSampleLog(64 * 1024 * 1024, async (dir, log) => {
      const kept = await fileToFile(
        dir,
        "kept.ts",
        "grep",
        [`grep(" ")`],
      );
      const picked = await fileToFile(
        dir,
        "picked.ts",
        "pickFields",
        [`pickFields(["status", "latency_ms"])`],
      );
      const csv = await fileToFile(
        dir,
        "csv.ts",
        "pickFields",
        [`pickFields(["status", "latency_ms"], { format: "csv" })`],
        { sink: `writeLines(Deno.args[1], { header: "status,latency_ms" })` },
      );
      for (const script of [kept, picked, csv]) {
        const { found } = await scavenges(script, [log, `${dir}/out`]);
        // Over 64 MiB of the sample log: about 170 scavenges for the grep
        // and 130 for pickFields() with the lines decoded (and encoded
        // again), 12-15 with their bytes.
        assert.ok(
          found.length <= 40,
          `${script}: ${found.length} scavenges over 64 MiB`,
        );
      }
    });
  },
});

Deno.test({
  name:
    "parallel()'s workers hold a range's kept lines as bytes until they go: little survives a scavenge",
  fn: async () => {
    await withLog(64 * 1024 * 1024, async (dir, log) => {
      await Deno.writeTextFile(
        `${dir}/errors.ts`,
        `export default (line: string) => line.includes("ERROR") ? line : undefined;`,
      );
      const script = await fileToFile(
        dir,
        "parallel.ts",
        "parallel",
        [`parallel(new URL("./errors.ts", import.meta.url), { workers: 2 })`],
      );
      // The main thread's scavenges and both workers' together, in the
      // second half of the run. With the kept lines held as strings in the
      // workers until their part went: 34 KiB, after 8-9 KiB.
      const { found } = await scavenges(script, [log, `${dir}/out`]);
      const steady = found.slice(found.length >> 1)
        .map((s) => s.survived + s.promoted).sort((a, b) => a - b);
      assert.ok(steady.length >= 20, `only ${found.length} scavenges`);
      const median = steady[steady.length >> 1]!;
      assert.ok(
        median < 20 * 1024,
        `${median} bytes survived or were promoted in the median scavenge`,
      );
    });
  },
});

Deno.test({
  name:
    "the command line's grep -k FIELD matched in this thread tests each line as the reader cuts it out and keeps the lines it selects as the reader hands them on, numbered without V8's cache of numbers' texts",
  fn: async () => {
    await withSampleLog(64 * 1024 * 1024, async (dir, log) => {
      const cli = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
      // One line in about 110 selected. Each line handed on to the loop
      // that counted them, selected or not: 7.5-8.1 KB survived the median
      // scavenge, and V8 grew its young generation twice over the 256 MiB
      // bench corpus. Each selected line kept as the filter was given it
      // holds the text of the lines it was cut from, up to 64 KiB, until
      // it is counted: 24-36 KB. 2.5-3.1 KB with the line the reader hands
      // on.
      const survivors = await medianSurvivors(cli, [
        ...["grep", "-c", "-E", "-k", "status", "^50[34]$", log],
      ]);
      assert.ok(
        survivors < 5 * 1024,
        `${survivors} bytes survived the median scavenge`,
      );
      // The lines written, numbered: from the reader to the writer a chunk
      // at a time, each number's digits by toFixed. With a template's, each
      // kept in V8's cache of numbers' texts: 3,480-3,728 bytes; 1,776-2,048
      // after (42,712 with each line through a loop of its own, before).
      const numbered = await medianSurvivors(cli, [
        ...["grep", "-n", "-E", "-k", "status", "^50[34]$", log],
        ...["--output", `${dir}/out`],
      ]);
      assert.ok(
        numbered < 2816,
        `${numbered} bytes survived the median scavenge with -n`,
      );
    });
  },
});

Deno.test({
  name:
    "what a source of one's own, or a stage called on its own, yields is gathered into chunks small enough to die young",
  fn: async () => {
    await withSampleLog(32 * 1024 * 1024, async (dir, log) => {
      const records =
        `async function* records() { for (let i = 0; i < 1_000_000; i++) yield { i, service: "svc" + (i % 97), latency: i % 1000 }; }`;
      const lines = await counting(
        dir,
        "lines.ts",
        "filter, pipeline, readLines",
        `async function* lines() { for await (const l of readLines(Deno.args[0])) yield l; }
for await (const _ of pipeline(lines(), filter((l) => l.includes(" ERROR ")))) n++;`,
      );
      const made = await counting(
        dir,
        "made.ts",
        "filter, pipeline",
        `${records}
for await (const _ of pipeline(records(), filter((r) => r.latency > 990))) n++;`,
      );
      const alone = await counting(
        dir,
        "alone.ts",
        "filter",
        `${records}
for await (const _ of filter((r) => r.latency > 990)(records())) n++;`,
      );
      // Gathered by 1,024: 186, 84 and 157 KB survived the median scavenge
      // of the second half; by 128: 24, 9 and 8 KB.
      for (
        const [script, most] of [
          [lines, 64 * 1024],
          [made, 32 * 1024],
          [alone, 32 * 1024],
        ] as const
      ) {
        const survivors = await medianSurvivors(script, [log]);
        assert.ok(
          survivors < most,
          `${script}: ${survivors} bytes survived the median scavenge`,
        );
      }
    });
  },
});

Deno.test({
  name:
    "a merge of group partials hands on the records of a read 128 at a time, so few of them survive a scavenge",
  fn: async () => {
    await withTempDir(async (dir) => {
      const { pipeline, writePartial } = await import("../../mod.ts");
      const paths: string[] = [];
      for (let k = 0; k < 4; k++) {
        const records = function* () {
          for (let i = 0; i < 150_000; i++) {
            const n = k * 150_000 + i;
            yield [(n * 2654435761 >>> 0).toString(16), [1]];
          }
        };
        paths.push(`${dir}/part${k}`);
        await pipeline(
          records(),
          writePartial(paths[k]!, {
            command: "group",
            options: {},
            shard: { index: k, count: 4 },
            inputs: [],
          }),
        );
      }
      const script = await writeScript(
        dir,
        "merge.ts",
        "count, mergeGroups, pipeline, readPartials",
        `let n = 0;
await pipeline(
  (await readPartials(Deno.args)).records as AsyncIterable<[string, unknown[]]>,
  mergeGroups({ n: count() }),
  async (groups) => {
    for await (const _ of groups) n++;
  },
);
console.error("lines", n);`,
      );
      const { found, lines } = await scavenges(script, paths);
      assert.equal(lines, 600_000);
      // Scavenges 5 to 24, while the table fills: 94-128 KB survived each
      // with chunks of 128 records, 176-240 KB with a read's worth (about
      // 1,000).
      const early = found.slice(4, 24).map((s) => s.survived + s.promoted)
        .sort((a, b) => a - b);
      assert.equal(early.length, 20, `only ${found.length} scavenges`);
      assert.ok(
        early[10]! < 150_000,
        `${early[10]} bytes survived the median of scavenges 5 to 24`,
      );
    });
  },
});

Deno.test({
  name:
    "a merge of fields --csv partials reads them as one source, not through a generator, so little survives a scavenge",
  fn: async () => {
    await withLog(1024 * 1024, async (dir, log) => {
      const main = new URL("../../lib/cli/main.ts", import.meta.url).href;
      const parts: string[] = [];
      for (let k = 0; k < 4; k++) {
        parts.push(`${dir}/part${k}`);
        const out = await new Deno.Command(Deno.execPath(), {
          args: [
            "run",
            "-A",
            main,
            "fields",
            "-k",
            "path,status",
            "--csv",
            "--shard",
            `${k}/4`,
            "--partial",
            parts[k]!,
            log,
          ],
          stderr: "piped",
        }).output();
        assert.ok(out.success, new TextDecoder().decode(out.stderr));
        // More rows, as a larger log's shard would have.
        const rows: string[] = [];
        for (let i = 0; i < 150_000; i++) {
          rows.push(JSON.stringify(`/v1/users/${k * 150_000 + i},200`));
        }
        await Deno.writeTextFile(parts[k]!, rows.join("\n") + "\n", {
          append: true,
        });
      }
      // 56 KB at the median with the shards joined by a generator.
      const median = await medianSurvivors(main, [
        "merge",
        ...parts,
        "--output",
        `${dir}/out.csv`,
      ]);
      assert.ok(median < 8 * 1024, `${median} bytes survived the median`);
    });
  },
});

Deno.test({
  name:
    "inputs merged by time keep little more than a chunk of each alive across V8's scavenges",
  fn: async () => {
    await withLog(32 * 1024 * 1024, async (dir, log) => {
      // Each line was an object with its key, each record two arrays, and a
      // merged chunk 1,024 lines, a record whole: 117,904 bytes survived the
      // median scavenge here, 24,880 after (`sluice count --merge-by-time`
      // of two 128 MiB halves of the bench corpus peaked at 116.9 MiB, 72.8
      // after).
      const merged = await counting(
        dir,
        "merged.ts",
        "readLines",
        `const time = (line: string) => /^\\d{4}-/.test(line) ? line.slice(0, 24) : undefined;
for await (const line of readLines([Deno.args[0], Deno.args[0]], { mergeBy: time })) {
  if (line.includes("ERROR")) n++;
}`,
      );
      const survivors = await medianSurvivors(merged, [log]);
      assert.ok(
        survivors <= 48 * 1024,
        `${survivors} bytes survived the median scavenge`,
      );
    });
  },
});

Deno.test({
  name:
    "writeSplit() keeps the lines it has not written yet as bytes, so that they do not survive V8's scavenges",
  fn: async () => {
    await withLog(32 * 1024 * 1024, async (dir, log) => {
      // Kept as text, up to 16 MiB of it, every line waiting survived
      // scavenges until its part was written: 1,209,120 bytes survived the
      // median of the run's 15 scavenges, as V8 grew its young generation;
      // 1,664 of 49 after.
      const split = await writeScript(
        dir,
        "split.ts",
        "pipeline, readLines, writeSplit",
        `await pipeline(
  readLines(Deno.args[0]),
  writeSplit((line) => line.slice(17, 19), { prefix: Deno.args[1] }),
);`,
      );
      const { found } = await scavenges(split, [log, `${dir}/part-`]);
      const survived = found.map((s) => s.survived).sort((a, b) => a - b);
      const median = survived[survived.length >> 1] ?? 0;
      assert.ok(
        found.length >= 40 && median <= 16 * 1024,
        `${median} bytes survived the median of ${found.length} scavenges`,
      );
    });
  },
});
