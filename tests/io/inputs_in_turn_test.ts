// Copyright 2026 the sluice authors. MIT license.
// Many inputs read one after another. Each input's reader needs a line
// buffer (and a fused grep a byte search in WebAssembly memory); made anew
// for each, the ones done were promoted with their reader and stayed counted
// as V8's external memory until a full collection, and every full
// collection grows V8's young generation (it promotes nearly all the young
// objects allocated while it marks). Not timings: whether V8 had to collect
// in full is the same run after run. And which thread looks at and opens
// each input.

import assert from "node:assert/strict";
import { collections, gzip, withTempDir, writeScript } from "../_helpers.ts";

/** Whether strace can be run here (.ci/run installs it). */
const strace = await new Deno.Command("strace", { args: ["-V"] }).output()
  .then((o) => o.success, () => false);
if (!strace) {
  console.log(
    "The test of which thread opens the inputs is skipped: strace cannot be run here",
  );
}

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

/** `sluice grep -c PATTERN` of `paths`, its counts written to `counts`. */
function grepCount(
  counts: string,
  paths: string[],
  pattern = "ERROR",
): string[] {
  return [CLI, "grep", "-c", pattern, "--output", counts, ...paths];
}

/** `count` log files of about `bytes` each in `dir`, with their ERROR lines. */
async function logFiles(
  dir: string,
  count: number,
  bytes: number,
): Promise<{ paths: string[]; each: number }> {
  const lines: string[] = [];
  let size = 0;
  let errors = 0;
  for (let i = 0; size < bytes; i++) {
    const level = i % 7 === 0 ? "ERROR" : "INFO";
    if (level === "ERROR") errors++;
    const line =
      `2026-12-05T10:00:00Z ${level} api req=r${i} path=/v1/items/${i} latency_ms=${
        i % 997
      } msg="caf\u00e9 ${i}"`;
    lines.push(line);
    size += line.length + 2;
  }
  const text = new TextEncoder().encode(lines.join("\n") + "\n");
  const paths: string[] = [];
  for (let k = 0; k < count; k++) {
    const path = `${dir}/part-${String(k).padStart(3, "0")}.log`;
    await Deno.writeFile(path, text);
    paths.push(path);
  }
  return { paths, each: errors };
}

/**
 * `sluice grep -c` of `paths` (or the command `args` makes) under strace,
 * tracing the system calls `calls`: the counts it wrote, the trace's lines
 * and the main thread's id.
 */
async function tracedGrepCount(
  dir: string,
  calls: string,
  paths: string[],
  args: (counts: string, paths: string[]) => string[] = grepCount,
): Promise<{ counts: string; lines: string[]; main: string }> {
  const trace = `${dir}/trace.txt`;
  const counts = `${dir}/counts.txt`;
  const out = await new Deno.Command("strace", {
    args: [
      "-f",
      "-qq",
      "-e",
      `trace=${calls}`,
      "-o",
      trace,
      Deno.execPath(),
      "run",
      "-A",
      ...args(counts, paths),
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  // "TID call(...)": the first line is the process's own (its PID, the main
  // thread's TID).
  const lines = (await Deno.readTextFile(trace)).split("\n");
  return {
    counts: await Deno.readTextFile(counts),
    lines,
    main: lines[0]!.split(/\s+/)[0]!,
  };
}

/** The lines of a trace that end a read of 1.5 MiB (a read ahead's). */
function readsAhead(lines: string[]): string[] {
  return lines.filter((l) => /, 1572864\) += -?\d+$/.test(l));
}

Deno.test({
  name:
    "the readers of many files one after another leave V8 nothing that only a full collection frees",
  // A hundred files of 300 KB: made anew for each, their buffers and
  // searches brought two full collections about in `sluice grep -c`, and
  // seven in a script that reads them three times over.
  async fn() {
    await withTempDir(async (dir) => {
      const { paths, each } = await logFiles(dir, 100, 300_000);
      const counts = `${dir}/counts.txt`;
      const cli = await collections(grepCount(counts, paths));
      assert.equal(cli.full, 0, "sluice grep -c made full collections");
      // As GNU grep -c, a count for each file.
      assert.equal(
        await Deno.readTextFile(counts),
        paths.map((p) => `${p}:${each}\n`).join(""),
      );
      const script = await writeScript(
        dir,
        "grep_files.ts",
        "grep, pipeline, readLines",
        `let n = 0;
await pipeline(
  readLines(Deno.args),
  grep("ERROR"),
  async (lines) => {
    for await (const _ of lines) n++;
  },
);
console.error(n);`,
      );
      // The library's reader of a list: the same files three times over.
      const lib = await collections([
        script,
        ...paths,
        ...paths,
        ...paths,
      ]);
      assert.equal(lib.full, 0, "readLines() of a list made full collections");
      assert.equal(lib.said, `${3 * each * paths.length}\n`);
    });
  },
});

Deno.test({
  name:
    "the files a run reads are looked at and opened in the main thread, not Deno's I/O threads",
  ignore: !strace,
  // Each stat or open handed to Deno's I/O threads and back took longer
  // than the system call: `sluice grep -c` over 136 files waited 0.06 s
  // for them (0.46 against 0.40 s).
  async fn() {
    await withTempDir(async (dir) => {
      const { paths, each } = await logFiles(dir, 5, 10_000);
      const { counts, lines, main } = await tracedGrepCount(
        dir,
        "openat,statx,newfstatat",
        paths,
      );
      assert.equal(counts, paths.map((p) => `${p}:${each}\n`).join(""));
      for (const path of paths) {
        const calls = lines.filter((l) => l.includes(`"${path}"`));
        assert.ok(calls.length >= 2, `${path}: ${calls.join("\n")}`);
        for (const call of calls) {
          assert.equal(call.split(/\s+/)[0], main, call);
        }
      }
    });
  },
});

Deno.test({
  name:
    "a count of the lines of a file (that hold a literal) reads a large file ahead on Deno's I/O threads, 1.5 MiB at a time",
  ignore: !strace,
  // Each read in flight while the bytes of the last one are searched:
  // `sluice grep -c -v ERROR` over the 1 GiB bench corpus, 0.40 -> 0.32 s.
  // A file of a few reads is read in the main thread: the first read ahead
  // is awaited whole.
  async fn() {
    await withTempDir(async (dir) => {
      await Deno.mkdir(`${dir}/large`);
      await Deno.mkdir(`${dir}/small`);
      const large = await logFiles(`${dir}/large`, 1, 8_000_000);
      const small = await logFiles(`${dir}/small`, 1, 3_000_000);
      const paths = [...large.paths, ...small.paths];
      const { counts, lines, main } = await tracedGrepCount(
        dir,
        "read",
        paths,
      );
      assert.equal(
        counts,
        `${paths[0]}:${large.each}\n${paths[1]}:${small.each}\n`,
      );
      // The first bytes, to tell a compressed file, are read in the main
      // thread; the rest in reads of 1.5 MiB on other threads (each on a
      // descriptor of its own, and traced in two parts, its start and its
      // end, when another thread's call comes between).
      const ahead = readsAhead(lines);
      const size = (await Deno.stat(paths[0]!)).size;
      assert.ok(ahead.length >= 4, ahead.join("\n"));
      let bytes = 0;
      for (const read of ahead) {
        assert.notEqual(read.split(/\s+/)[0], main, read);
        bytes += Number(/= (\d+)$/.exec(read)![1]);
      }
      // All of the large file's bytes but the first; none of the small one's.
      assert.ok(bytes > size - 100 && bytes <= size, `${bytes} of ${size}`);
      // A count of all the lines too.
      const all = await tracedGrepCount(
        dir,
        "read",
        paths.slice(0, 1),
        (counts, paths) => [CLI, "count", "--output", counts, ...paths],
      );
      assert.match(all.counts, /^\d+\t\d+\t/);
      const aheadAll = readsAhead(all.lines).filter((l) =>
        l.split(/\s+/)[0] !== all.main
      );
      assert.ok(aheadAll.length >= 4, aheadAll.join("\n"));
    });
  },
});

Deno.test({
  name:
    "a compressed file's bytes are read in the main thread too, not Deno's I/O threads",
  ignore: !strace,
  // Each read of 64 KiB handed to the I/O threads and back: `sluice grep -c`
  // of a gzip file of 256 MiB of the bench corpus (38 MiB) took 0.62 s
  // that way, 0.50 read in the main thread (5 rounds in turns).
  async fn() {
    await withTempDir(async (dir) => {
      const { paths, each } = await logFiles(dir, 1, 600_000);
      const path = `${dir}/app.log.gz`;
      await Deno.writeFile(
        path,
        await gzip(await Deno.readTextFile(paths[0]!)),
      );
      const { counts, lines, main } = await tracedGrepCount(
        dir,
        "openat,read,close",
        [path],
      );
      assert.equal(counts, `${each}\n`);
      // The file's descriptor, from its open, and every read of it until it
      // is closed (its number may then be another file's).
      const open = lines.findIndex((l) => l.includes(`"${path}"`));
      const fd = /= (\d+)$/.exec(lines[open]!)?.[1];
      assert.ok(fd !== undefined, lines[open]);
      const held = lines.slice(open);
      const closed = held.findIndex((l) => l.includes(`close(${fd})`));
      const reads = held.slice(0, closed === -1 ? undefined : closed).filter((
        l,
      ) => new RegExp(`read\\(${fd},`).test(l));
      assert.ok(reads.length >= 2, reads.join("\n"));
      for (const read of reads) assert.equal(read.split(/\s+/)[0], main, read);
    });
  },
});

Deno.test({
  name:
    "sluice grep -c counts each of several files on the bytes, as it counts one: no line is decoded",
  async fn() {
    await withTempDir(async (dir) => {
      // Every line holds a space: 64 MB of lines to count. Decoded to be
      // counted, 16 files took 140 scavenges; on the bytes, 16.
      const { paths } = await logFiles(dir, 16, 4_000_000);
      const lines = (await Deno.readTextFile(paths[0]!)).split("\n").length - 1;
      const counts = `${dir}/counts.txt`;
      const run = await collections(grepCount(counts, paths, " "));
      assert.equal(
        await Deno.readTextFile(counts),
        paths.map((p) => `${p}:${lines}\n`).join(""),
      );
      assert.ok(
        run.scavenges <= 40,
        `${run.scavenges} scavenges over 16 files of 4 MB`,
      );
    });
  },
});
