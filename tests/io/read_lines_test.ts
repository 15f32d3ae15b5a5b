// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import {
  grep,
  InvalidUtf8Error,
  LineTooLongError,
  map,
  pipeline,
  readLines,
  StageError,
} from "../../mod.ts";
import {
  chunked,
  collect,
  encoder,
  gzip,
  heapGrowthOf,
  openFds,
  withTempDir,
  writeScript,
} from "../_helpers.ts";

Deno.test("readLines() reads a path, a URL, an FsFile and an async iterable alike", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    await Deno.writeTextFile(path, "one\ntwo\r\nthree");
    const want = ["one", "two", "three"];
    assert.deepEqual(await collect(readLines(path)), want);
    assert.deepEqual(await collect(readLines(new URL(`file://${path}`))), want);
    using file = await Deno.open(path);
    assert.deepEqual(await collect(readLines(file)), want);
    async function* bytes() {
      yield encoder.encode("one\ntw");
      yield encoder.encode("o\r\nthree");
    }
    assert.deepEqual(await collect(readLines(bytes())), want);
  });
});

Deno.test("readLines() decompresses .gz paths, and gzip: false turns it off", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log.gz`;
    const packed = await gzip("x\ny\n");
    await Deno.writeFile(path, packed);
    assert.deepEqual(await collect(readLines(path)), ["x", "y"]);
    const raw = await collect(readLines(path, { gzip: false }));
    assert.notDeepEqual(raw, ["x", "y"]);
    await Deno.writeFile(`${dir}/b.bin`, packed);
    assert.deepEqual(await collect(readLines(`${dir}/b.bin`, { gzip: true })), [
      "x",
      "y",
    ]);
    assert.deepEqual(
      await collect(readLines(ReadableStream.from([packed]), { gzip: true })),
      ["x", "y"],
    );
  });
});

Deno.test('readLines() reads standard input for "-"', async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `import { readLines } from "${new URL("../../mod.ts", import.meta.url)}";
       let n = 0; for await (const l of readLines("-")) n += l.length;
       await Deno.stdout.write(new TextEncoder().encode(String(n)));`,
    ],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(encoder.encode("ab\ncde\r\nf"));
  await writer.close();
  const out = await child.output();
  assert.equal(new TextDecoder().decode(out.stdout), "6");
});

Deno.test("readLines() names a missing file and a directory clearly", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(
      collect(readLines(`${dir}/nope.log`)),
      (e) =>
        e instanceof Deno.errors.NotFound && e.message.includes("nope.log"),
    );
    await assert.rejects(
      collect(readLines(dir)),
      (e) =>
        e instanceof Deno.errors.IsADirectory &&
        e.message.includes("is a directory"),
    );
  });
});

Deno.test("readLines() of a file URL with a space and a % reads that file and names it decoded", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a b%.log`, "one\ntwo\n");
    // The URL parser escapes the space and keeps the lone %.
    const url = new URL(`file://${dir}/a b%.log`);
    assert.deepEqual(await collect(readLines(url)), ["one", "two"]);
    const missing = new URL(`file://${dir}/c d%.log`);
    await assert.rejects(
      collect(readLines(missing)),
      (e) =>
        e instanceof Deno.errors.NotFound &&
        e.message === `Cannot read "${dir}/c d%.log": no such file`,
    );
    // An http(s) URL is read with fetch (tests/io/http_test.ts); other
    // schemes name no file.
    readLines(new URL("https://example.com/app.log"));
    assert.throws(
      () => readLines(new URL("ftp://example.com/app.log")),
      (e) =>
        e instanceof TypeError &&
        e.message.includes('"ftp://example.com/app.log"'),
    );
  });
});

Deno.test("readLines() rejects out-of-range options", () => {
  assert.throws(() => readLines("-", { maxLineBytes: 3 }), RangeError);
  assert.throws(() => readLines("-", { readBytes: 0 }), RangeError);
  assert.throws(
    // @ts-expect-error: not a policy
    () => readLines("-", { onLongLine: "truncate" }),
    /onLongLine must be/,
  );
});

// A 5 MiB line between two short ones, written to a file.
async function withHugeLine(fn: (path: string) => Promise<void>) {
  await withTempDir(async (dir) => {
    const path = `${dir}/huge.log`;
    const huge = "é".repeat(5 * 1024 * 1024 / 2) + "x"; // 5 MiB + 1 byte
    await Deno.writeTextFile(path, `first\n${huge}\nlast\n`);
    await fn(path);
  });
}

Deno.test("readLines() throws on a huge line with its line, offset and path by default", async () => {
  await withHugeLine(async (path) => {
    await assert.rejects(
      collect(readLines(path)),
      (e) =>
        e instanceof LineTooLongError && e.line === 2 && e.offset === 6 &&
        e.path === path && e.message.includes("maxLineBytes (1048576)"),
    );
    await assert.rejects(
      pipeline(readLines(path), async (lines) => {
        for await (const _ of lines);
      }),
      (e) =>
        e instanceof StageError && e.stage === "readLines#1" && e.line === 2 &&
        e.cause instanceof LineTooLongError,
    );
  });
});

Deno.test("readLines() skips a huge line and counts it", async () => {
  await withHugeLine(async (path) => {
    const run = pipeline(readLines(path, { onLongLine: "skip" }));
    assert.deepEqual(await collect(run), ["first", "last"]);
    assert.equal(run.summary.stages[0]!.counters.skippedLines, 1);
  });
});

Deno.test("readLines() splits a huge line into pieces that never cut a character", async () => {
  await withHugeLine(async (path) => {
    const lines = await collect(readLines(path, { onLongLine: "split" }));
    assert.equal(lines[0], "first");
    assert.equal(lines.at(-1), "last");
    const pieces = lines.slice(1, -1);
    assert.equal(pieces.length, 6);
    for (const p of pieces) {
      assert.ok(encoder.encode(p).length <= 1024 * 1024);
      assert.ok(!p.includes("\uFFFD"));
    }
    assert.equal(pieces.join(""), "é".repeat(5 * 1024 * 1024 / 2) + "x");
  });
});

Deno.test("readLines() holds at most its buffer bound on a file with no newline", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/flat.log`;
    await Deno.writeFile(path, new Uint8Array(8 * 1024 * 1024).fill(0x61));
    const run = pipeline(
      readLines(path, {
        onLongLine: "skip",
        maxLineBytes: 65536,
        readBytes: 65536,
      }),
    );
    assert.deepEqual(await collect(run), []);
    const reader = run.summary.stages[0]!;
    // Line buffer (read size + line limit + 1) and the two 32 KiB buffers
    // that gather a piece's lines, and the lines of one read with a line
    // carried over (two bytes a character).
    const buffers = 65536 * 2 + 1 + 2 * 32 * 1024;
    const bound = buffers + 2 * (65536 + 65536 + 1);
    assert.equal(reader.boundBytes, bound);
    // Nothing but skipped text: only the buffers are held.
    assert.ok(reader.peakBytes <= buffers, `held ${reader.peakBytes}`);
  });
});

Deno.test("readLines() lets the event loop turn every 128 KiB it splits of a file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    // 4,000 KiB, read 512 KiB at a time in this thread.
    await Deno.writeTextFile(path, ("x".repeat(99) + "\n").repeat(40_960));
    // Each turn of the event loop runs one tick. Counted between two lines
    // only: while the file opens, the loop turns as often as it likes.
    let ticks = 0;
    let reading = true;
    const tick = () => {
      if (!reading) return;
      ticks++;
      setImmediate(tick);
    };
    setImmediate(tick);
    let lines = 0;
    let seen = -1;
    let turns = 0;
    await pipeline(readLines(path), async (items) => {
      for await (const _ of items) {
        if (seen !== -1 && ticks !== seen) turns++;
        seen = ticks;
        lines++;
      }
    });
    reading = false;
    assert.equal(lines, 40_960);
    // 31; with a turn only before each read, 7.
    assert.ok(turns >= 24, `${turns} turns`);
  });
});

Deno.test("readLines() closes its file when the loop is left early", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    await Deno.writeTextFile(path, "line\n".repeat(100_000));
    const before = openFds();
    for await (const line of readLines(path, { readBytes: 4096 })) {
      assert.equal(line, "line");
      assert.ok(openFds() > before, "the file is open while reading");
      break;
    }
    assert.equal(openFds(), before);
  });
});

Deno.test("readLines() fails clearly when the file is truncated while it is read", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    await Deno.writeTextFile(path, "line of a log\n".repeat(200_000));
    let seen = 0;
    await assert.rejects(
      async () => {
        for await (const _ of readLines(path, { readBytes: 65536 })) {
          if (++seen === 10) await Deno.truncate(path, 1000);
        }
      },
      (e) =>
        e instanceof Deno.errors.UnexpectedEof &&
        e.message.includes("was truncated while it was read"),
    );
  });
});

Deno.test("readLines() reads what a growing file gains before its end is reached", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    // Larger than the reads in flight, so the end is still far when it grows.
    await Deno.writeTextFile(path, "line\n".repeat(400_000));
    let last = "";
    let count = 0;
    for await (const line of readLines(path, { readBytes: 65536 })) {
      if (count++ === 0) {
        await Deno.writeTextFile(path, "tail\n", { append: true });
      }
      last = line;
    }
    assert.equal(count, 400_001);
    assert.equal(last, "tail");
  });
});

Deno.test("fatal mode hands on the lines before a bad one, whatever the chunking", async () => {
  const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0xff, 0x0a]);
  for (const cuts of [[], [2], [4], [1, 3, 5]]) {
    const got: string[] = [];
    await assert.rejects(
      async () => {
        for await (
          const l of readLines(chunked(bytes, cuts), { fatal: true })
        ) got.push(l);
      },
      (e) => e instanceof InvalidUtf8Error && e.line === 3 && e.offset === 4,
    );
    assert.deepEqual(got, ["a", "b"], `cuts ${cuts}`);
  }
});

Deno.test("gzip: true does not close a handle the caller passed in", async () => {
  await withTempDir(async (dir) => {
    const packed = await gzip("a\nb\nc\n");
    await Deno.writeFile(`${dir}/x.gz`, packed);
    using file = await Deno.open(`${dir}/x.gz`);
    for await (const line of readLines(file, { gzip: true })) {
      assert.equal(line, "a");
      break;
    }
    assert.ok((await file.stat()).isFile);
  });
});

Deno.test("readLines() reads several inputs in turn and names each in errors", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, "a1\na2\n");
    await Deno.writeTextFile(`${dir}/b.log`, "b1\nb2\nb3");
    const paths = [`${dir}/a.log`, `${dir}/b.log`];
    assert.deepEqual(await collect(readLines(paths)), [
      "a1",
      "a2",
      "b1",
      "b2",
      "b3",
    ]);
    await assert.rejects(
      collect(pipeline(
        readLines(paths),
        map((l) => {
          if (l === "b2") throw new Error("bad");
          return l;
        }),
      )),
      (e) => e instanceof StageError && e.path === paths[1] && e.line === 2,
    );
    assert.deepEqual(await collect(readLines([])), []);
  });
});

Deno.test("readLines() hands a large read on in slices of about 16 KiB of lines, whole and in order", async () => {
  await withTempDir(async (dir) => {
    // Lines of 52 to 206 bytes, many of them across the slices' edges.
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `${i} ${"x".repeat(50 + (i * 7919) % 150)}`,
    );
    const path = `${dir}/in.log`;
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const seen: string[] = [];
    const summary = await pipeline(
      readLines(path, { readBytes: 256 * 1024 }),
      async (items) => {
        for await (const line of items) seen.push(line);
      },
    );
    assert.deepEqual(seen, lines);
    // What one chunk holds is what survives V8's scavenges on its way: a
    // slice's lines (at least 52 bytes each here: at most 319 of them in a
    // slice and the line that crosses into it), not a whole read's (~2,000).
    const peak = summary.stages[0]!.peakItems;
    assert.ok(peak <= Math.ceil((16 * 1024 + 207) / 52), `peak items ${peak}`);
  });
});

Deno.test("readLines() fused with a grep that keeps every line hands them on in slices too, from the first read on", async () => {
  await withTempDir(async (dir) => {
    const lines = Array.from(
      { length: 30_000 },
      (_, i) => `${i} ok ${"x".repeat(50 + (i * 7919) % 150)}`,
    );
    const path = `${dir}/in.log`;
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    for (const lineNumber of [false, true]) {
      const seen: string[] = [];
      const summary = await pipeline(
        readLines(path),
        grep(" ok ", { lineNumber }),
        async (items) => {
          for await (const line of items) seen.push(line);
        },
      );
      assert.deepEqual(
        seen,
        lineNumber ? lines.map((l, i) => `${i + 1}:${l}`) : lines,
      );
      assert.match(summary.stages[1]!.bound, /fused into readLines/);
      // A fused grep reads 512 KiB at a time only while it keeps few of
      // the lines: these it keeps a slice of 16 KiB at a time (at most 319
      // lines of 52 bytes or more and the one across the edge), not the
      // ~4,000 of a whole read, neither first nor every other slice.
      const peak = summary.stages[0]!.peakItems;
      assert.ok(
        peak <= Math.ceil((16 * 1024 + 207) / 52),
        `peak items ${peak}`,
      );
    }
  });
});

Deno.test("readLines() fused with a grep lets timers run while it reads a file, though its reads are synchronous", async () => {
  await withTempDir(async (dir) => {
    // 32 MiB of lines: far longer to read than the 10 ms between turns of
    // the event loop.
    const line = encoder.encode("x".repeat(63) + "\n");
    const block = new Uint8Array(line.length * 16384);
    for (let i = 0; i < 16384; i++) block.set(line, i * line.length);
    const path = `${dir}/big.log`;
    using file = await Deno.open(path, { write: true, create: true });
    for (let i = 0; i < 32; i++) {
      for (let at = 0; at < block.length;) {
        at += await file.write(block.subarray(at));
      }
    }
    let n = 0;
    let seenAt: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      for await (const _ of pipeline(readLines(path), grep("xx"))) {
        // Set once the file is open and being read.
        if (++n === 1000) timer = setTimeout(() => void (seenAt = n), 0);
      }
    } finally {
      clearTimeout(timer);
    }
    assert.equal(n, 32 * 16384);
    assert.ok(
      seenAt !== undefined && seenAt < n / 2,
      `the timer ran after ${seenAt ?? "all"} of ${n} lines`,
    );
  });
});

// A subprocess, to see the heap after full collections (--expose-gc): how
// much more is alive late in a run than early on.
async function heapGrowthOfRead(source: string): Promise<number> {
  let growth = NaN;
  await withTempDir(async (dir) => {
    const script = await writeScript(
      dir,
      "heap.ts",
      "pipeline, readLines",
      `const lines = ${JSON.stringify(4096 * 64)};
const text = "x".repeat(15) + "\\n";
const path = ${JSON.stringify(`${dir}/in.log`)};
await Deno.writeTextFile(path, text.repeat(lines));
const input = ${source};
const gc = (globalThis as unknown as { gc(): void }).gc;
let n = 0;
let early = 0;
let late = 0;
const run = new AbortController();
await pipeline(readLines(input, { readBytes: 1024 }), async (items) => {
  for await (const _ of items) {
    n++;
    if (n === lines / 8 || n === lines - 1024) {
      gc();
      gc();
      const used = Deno.memoryUsage().heapUsed;
      if (n === lines / 8) early = used;
      else late = used;
    }
  }
}, { signal: run.signal });
console.log(late - early);
`,
    );
    growth = await heapGrowthOf(script);
  });
  return growth;
}

Deno.test("readLines() keeps nothing per read alive: a file read 1 KiB at a time", async () => {
  // 4 MiB in 4096 reads, in a run with a signal. Each read raced against one promise of the abort
  // kept a reaction on it until the run ended: about 1 MiB more alive by
  // the end.
  const growth = await heapGrowthOfRead("path");
  assert.ok(growth < 256 * 1024, `the heap grew by ${growth} bytes`);
});

Deno.test("readLines() keeps nothing per read alive: a stream read 1 KiB at a time", async () => {
  // In 1 KiB chunks: 4096 reads.
  const growth = await heapGrowthOfRead(`(async function* () {
  const bytes = await Deno.readFile(path);
  for (let at = 0; at < bytes.length; at += 1024) {
    yield bytes.subarray(at, at + 1024);
  }
})()`);
  assert.ok(growth < 256 * 1024, `the heap grew by ${growth} bytes`);
});

Deno.test("readLines() reads a file into regions 2048 bytes past the file offset's place in a page", async () => {
  // The kernel's copy of a read ran 4x as slowly where the region started at
  // nearly the same place in its page as the file offset (see the line
  // splitter's ALIAS_GAP). The line buffer of a file read in this thread is
  // its own ArrayBuffer, or a literal grep's WebAssembly memory: both start
  // at a page.
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    const lines = Array.from(
      { length: 40_000 },
      (_, i) => `line ${i} ${"x".repeat(i % 97)}${i % 7 === 0 ? " ERROR" : ""}`,
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const file = Deno.FsFile.prototype;
    const readSync = file.readSync;
    const reads: { place: number; length: number }[] = [];
    let at = 0;
    file.readSync = function (this: Deno.FsFile, p: Uint8Array) {
      const n = readSync.call(this, p);
      reads.push({
        place: ((p.byteOffset - at) % 4096 + 4096) % 4096,
        length: p.length,
      });
      if (n !== null) at += n;
      return n;
    };
    try {
      for (const literal of [false, true]) {
        reads.length = 0;
        at = 0;
        const got: string[] = [];
        const sink = async (source: AsyncIterable<string>) => {
          for await (const line of source) got.push(line);
        };
        if (literal) await pipeline(readLines(path), grep("ERROR"), sink);
        else await pipeline(readLines(path), sink);
        assert.deepEqual(
          got,
          literal ? lines.filter((l) => l.includes("ERROR")) : lines,
        );
        // Every read into the line buffer (not the first bytes, read alone
        // to tell a compressed file), but the one that finds the end.
        const buffered = reads.slice(0, -1).filter((r) => r.length >= 65536);
        assert.ok(buffered.length >= 2);
        for (const r of buffered) assert.equal(r.place, 2048);
      }
    } finally {
      file.readSync = readSync;
    }
  });
});
