// Copyright 2026 the sluice authors. MIT license.
// Resumable runs: a subprocess killed at random points (SIGKILL and SIGINT)
// and resumed until it completes gives the bytes of an uninterrupted run;
// checkpoints that do not fit are refused.
import assert from "node:assert/strict";
import {
  batch,
  CheckpointError,
  deadLetter,
  filter,
  map,
  pipeline,
  readLines,
  StageError,
  type Summary,
  writeLines,
} from "@sluice/sluice";
import { seededRandom } from "../../lib/stages/_random.ts";
import { listDir, withTempDir } from "../_helpers.ts";

const FIXTURE = new URL("../fixtures/checkpoint_run.ts", import.meta.url)
  .pathname;

/** A deterministic log of about `bytes` bytes, with CRLF and non-ASCII lines. */
function makeLog(seed: number, bytes: number, trailingLf: boolean): string {
  const random = seededRandom(seed);
  const levels = ["INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"];
  const parts: string[] = [];
  let size = 0;
  for (let n = 1; size < bytes; n++) {
    const level = levels[Math.floor(random() * levels.length)]!;
    const word = random() < 0.05 ? "zählung ✓" : "request";
    const line = random() < 0.1
      ? `plain line ${n} without fields\r`
      : `2026-11-24T05:${
        String(n % 60).padStart(2, "0")
      }:00Z level=${level} n=${n} ${word} ${
        "x".repeat(Math.floor(random() * 120))
      }`;
    parts.push(line);
    size += line.length + 1;
  }
  return parts.join("\n") + (trailingLf ? "\n" : "");
}

interface Attempt {
  code: number | null;
  signal: Deno.Signal | null;
}

/** Runs the fixture, sending `signal` after `delayMs` unless it ended first. */
async function attempt(
  args: string[],
  delayMs: number | undefined,
  signal: Deno.Signal,
): Promise<Attempt> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", FIXTURE, ...args],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (delayMs !== undefined) {
    timer = setTimeout(() => {
      try {
        child.kill(signal);
      } catch {
        // Already ended.
      }
    }, delayMs);
  }
  const out = await child.output();
  clearTimeout(timer);
  const stderr = new TextDecoder().decode(out.stderr);
  if (out.code !== 0 && out.signal === null && out.code !== 130) {
    throw new Error(`The fixture failed with status ${out.code}: ${stderr}`);
  }
  return { code: out.code, signal: out.signal };
}

async function checkpointOffset(path: string): Promise<string | undefined> {
  try {
    const saved = JSON.parse(await Deno.readTextFile(path));
    return `${saved.position.input}:${saved.position.offset}:${saved.outputBytes}`;
  } catch {
    return undefined;
  }
}

async function killAndResume(signal: Deno.Signal, seed: number): Promise<void> {
  await withTempDir(async (dir) => {
    const inputs = [`${dir}/a.log`, `${dir}/b.log`];
    await Deno.writeTextFile(inputs[0]!, makeLog(seed, 2_000_000, false));
    await Deno.writeTextFile(inputs[1]!, makeLog(seed + 1, 1_500_000, true));
    await Deno.mkdir(`${dir}/ref`);
    await Deno.mkdir(`${dir}/out`);

    await Deno.writeTextFile(`${dir}/empty.log`, "");
    let t = performance.now();
    await attempt(
      [`${dir}/empty.log`, `${dir}/ref/empty`, `${dir}/ref/ck`],
      undefined,
      signal,
    );
    const startMs = performance.now() - t;
    await Deno.remove(`${dir}/ref/empty`);
    t = performance.now();
    await attempt(
      [...inputs, `${dir}/ref/out.jsonl`, `${dir}/ref/ck`],
      undefined,
      signal,
    );
    const runMs = performance.now() - t - startMs;
    const expected = await Deno.readFile(`${dir}/ref/out.jsonl`);
    assert.ok(expected.length > 100_000);
    assert.deepEqual(await listDir(`${dir}/ref`), ["out.jsonl"]);

    const random = seededRandom(seed);
    const args = [...inputs, `${dir}/out/out.jsonl`, `${dir}/out/ck`];
    const check = async () => {
      const actual = await Deno.readFile(`${dir}/out/out.jsonl`);
      assert.equal(actual.length, expected.length);
      assert.ok(actual.every((b, i) => b === expected[i]), "the bytes differ");
      assert.deepEqual(await listDir(`${dir}/out`), ["out.jsonl"]);
    };
    const seen = new Set<string>();
    let stopped = 0;
    let completed = 0;
    // Where the signal lands is up to timing; what is checked never is. Each
    // run gets about a twentieth of the work's time before the signal, and
    // more when a run made no progress (a slow start on a loaded machine); a
    // run that completes anyway is checked, and the next one starts afresh.
    let slack = 0;
    let share = 0.1;
    for (let i = 0; i < 100 && stopped < 25; i++) {
      const before = await checkpointOffset(`${dir}/out/ck`);
      const delay = startMs + slack + random() * runMs * share;
      const r = await attempt(args, delay, signal);
      if (r.code === 0) {
        completed++;
        share *= 0.7;
        await check();
        continue;
      }
      stopped++;
      const at = await checkpointOffset(`${dir}/out/ck`);
      if (at !== undefined) seen.add(at);
      if (at === before) slack += 20;
    }
    if ((await attempt(args, undefined, signal)).code !== 0) {
      throw new Error("The last run did not complete");
    }
    await check();
    // The runs really were stopped midway and resumed from several points.
    console.log(
      `stopped ${stopped}, completed ${completed}, checkpoints ${seen.size}`,
    );
    assert.equal(stopped, 25);
    assert.ok(seen.size >= 10, `only ${seen.size} distinct checkpoints`);
  });
}

Deno.test("a run killed with SIGKILL at random points and resumed gives the bytes of an uninterrupted run", async () => {
  await killAndResume("SIGKILL", 20261124);
});

Deno.test("a run stopped with Ctrl-C at random points and resumed gives the bytes of an uninterrupted run", async () => {
  await killAndResume("SIGINT", 424242);
});

const LINES = Array.from(
  { length: 5000 },
  (_, i) => `line ${i + 1} ${"y".repeat(i % 37)}`,
);

/** Runs to the end, or aborts after `stopAfter` lines have passed the map. */
async function run(
  dir: string,
  stopAfter?: number,
  input = `${dir}/in.log`,
): Promise<Summary> {
  const controller = new AbortController();
  let seen = 0;
  return await pipeline(
    readLines(input, { readBytes: 1024 }),
    map((line) => {
      if (++seen === stopAfter) controller.abort(new Error("stopped"));
      return line.toUpperCase();
    }),
    writeLines(`${dir}/out.log`),
    {
      checkpoint: { path: `${dir}/ck`, everyMs: 0 },
      signal: controller.signal,
    },
  );
}

Deno.test("an aborted run leaves a checkpoint and a partial output that a second run completes", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, LINES.join("\n") + "\n");
    await assert.rejects(run(dir, 2500), /stopped/);
    assert.deepEqual(await listDir(dir), [
      ".out.log.sluice-partial",
      "ck",
      "in.log",
    ]);
    const saved = JSON.parse(await Deno.readTextFile(`${dir}/ck`));
    assert.ok(saved.position.line > 1 && saved.position.line <= 2500);
    const partial = await Deno.readTextFile(`${dir}/.out.log.sluice-partial`);
    assert.equal(partial.length, saved.outputBytes);
    assert.equal(partial.split("\n").length - 1, saved.position.line - 1);
    const summary = await run(dir);
    // Only the lines after the checkpoint were read again.
    assert.equal(summary.stages[0]!.itemsOut, 5000 - (saved.position.line - 1));
    assert.equal(
      await Deno.readTextFile(`${dir}/out.log`),
      LINES.map((l) => l.toUpperCase()).join("\n") + "\n",
    );
    assert.deepEqual(await listDir(dir), ["in.log", "out.log"]);
  });
});

Deno.test("a run stopped before its first periodic checkpoint still records where it stopped", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, LINES.join("\n") + "\n");
    const controller = new AbortController();
    await assert.rejects(
      pipeline(
        readLines(`${dir}/in.log`, { readBytes: 1024 }),
        map((line) => {
          if (line.startsWith("line 2500 ")) {
            controller.abort(new Error("stop"));
          }
          return line;
        }),
        writeLines(`${dir}/out.log`),
        {
          checkpoint: { path: `${dir}/ck`, everyMs: 3_600_000 },
          signal: controller.signal,
        },
      ),
      /stop/,
    );
    const saved = JSON.parse(await Deno.readTextFile(`${dir}/ck`));
    // The batch that held line 2500 was not written; the ones before were.
    assert.ok(saved.position.line > 2400 && saved.position.line <= 2500);
    const partial = await Deno.readTextFile(`${dir}/.out.log.sluice-partial`);
    assert.equal(
      partial,
      LINES.slice(0, saved.position.line - 1).join("\n") + "\n",
    );
  });
});

Deno.test("a run that fails on a long line and is resumed with a larger limit writes no line twice", async () => {
  await withTempDir(async (dir) => {
    const lines = LINES.slice();
    lines[3000] = "x".repeat(5000);
    await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
    const once = (maxLineBytes: number) =>
      pipeline(
        readLines(`${dir}/in.log`, { maxLineBytes, readBytes: 64 * 1024 }),
        map((line) => line),
        writeLines(`${dir}/out.log`),
        { checkpoint: { path: `${dir}/ck`, everyMs: 0 } },
      );
    // The batch that meets the long line carries lines before it, and no
    // position: the checkpoint must not count them as written.
    await assert.rejects(once(4096), /longer than maxLineBytes/);
    await once(8192);
    assert.equal(
      await Deno.readTextFile(`${dir}/out.log`),
      lines.join("\n") + "\n",
    );
  });
});

Deno.test("resume refuses an input whose first bytes changed, naming the file", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, LINES.join("\n") + "\n");
    await assert.rejects(run(dir, 3000), /stopped/);
    await Deno.writeTextFile(
      `${dir}/in.log`,
      "LINE" + LINES.join("\n").slice(4) + "\n",
    );
    await assert.rejects(
      run(dir),
      (error) =>
        error instanceof CheckpointError &&
        error.message.includes(
          `input "${dir}/in.log" changed since the checkpoint: its first`,
        ) &&
        error.message.endsWith("remove it to start over"),
    );
    // Nothing was touched: the partial output is still there to resume.
    assert.deepEqual(await listDir(dir), [
      ".out.log.sluice-partial",
      "ck",
      "in.log",
    ]);
  });
});

Deno.test("resume refuses an input that is smaller than it was", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, LINES.join("\n") + "\n");
    await assert.rejects(run(dir, 3000), /stopped/);
    await Deno.writeTextFile(
      `${dir}/in.log`,
      LINES.slice(0, 4000).join("\n") + "\n",
    );
    await assert.rejects(
      run(dir),
      (error) =>
        error instanceof CheckpointError &&
        /input ".*in\.log" changed since the checkpoint: it has \d+ bytes now, \d+ before/
          .test(error.message),
    );
  });
});

Deno.test("resume refuses a checkpoint written by another pipeline or for other inputs", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, LINES.join("\n") + "\n");
    await Deno.writeTextFile(`${dir}/other.log`, LINES.join("\n") + "\n");
    await assert.rejects(run(dir, 3000), /stopped/);
    await assert.rejects(
      pipeline(
        readLines(`${dir}/in.log`),
        filter((line) => line.length > 0),
        writeLines(`${dir}/out.log`),
        { checkpoint: `${dir}/ck` },
      ),
      (error) =>
        error instanceof CheckpointError &&
        error.message.includes(
          "written by another pipeline (readLines > map > writeLines), not this one (readLines > filter > writeLines)",
        ),
    );
    await assert.rejects(
      run(dir, undefined, `${dir}/other.log`),
      (error) =>
        error instanceof CheckpointError &&
        error.message.includes("it was written for other inputs"),
    );
  });
});

Deno.test("resume refuses a partial output that is missing or shorter than recorded", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, LINES.join("\n") + "\n");
    await assert.rejects(run(dir, 3000), /stopped/);
    await Deno.truncate(`${dir}/.out.log.sluice-partial`, 10);
    await assert.rejects(
      run(dir),
      (error) =>
        error instanceof CheckpointError &&
        /partial output ".*" has 10 bytes, fewer than the \d+ recorded/.test(
          error.message,
        ),
    );
    await Deno.remove(`${dir}/.out.log.sluice-partial`);
    await assert.rejects(
      run(dir),
      (error) =>
        error instanceof CheckpointError && /is missing/.test(error.message),
    );
  });
});

/** The checkpoint a run saves just before it renames its finished output. */
async function writeDoneCheckpoint(
  dir: string,
  outputBytes: number,
): Promise<void> {
  await Deno.writeTextFile(
    `${dir}/ck`,
    JSON.stringify({
      format: "sluice-checkpoint",
      version: 1,
      pipeline: "readLines > map > writeLines",
      inputs: [`${dir}/in.log`],
      output: `${dir}/out.log`,
      prints: [],
      position: { input: 1, offset: 0, line: 1 },
      outputBytes,
      done: true,
    }),
  );
}

Deno.test("a run whose checkpoint says complete but stopped before the rename finishes it", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, LINES.join("\n") + "\n");
    await run(dir);
    const expected = await Deno.readTextFile(`${dir}/out.log`);
    // As if killed between the checkpoint that says "done" and the rename.
    await Deno.rename(`${dir}/out.log`, `${dir}/.out.log.sluice-partial`);
    await writeDoneCheckpoint(dir, expected.length);
    await run(dir);
    assert.equal(await Deno.readTextFile(`${dir}/out.log`), expected);
    assert.deepEqual(await listDir(dir), ["in.log", "out.log"]);
    // And killed after the rename, before the checkpoint was removed.
    await writeDoneCheckpoint(dir, expected.length);
    await run(dir);
    assert.equal(await Deno.readTextFile(`${dir}/out.log`), expected);
    assert.deepEqual(await listDir(dir), ["in.log", "out.log"]);
  });
});

Deno.test("a pipeline that cannot be resumed is refused when built", () => {
  const ck = { checkpoint: "ck" };
  assert.throws(
    () => pipeline(readLines("a.log"), batch(10), writeLines("out"), ck),
    new TypeError(
      "Cannot checkpoint pipeline: argument 2 (batch) holds items from one chunk to the next; only map (without concurrency), filter, grep and tap can run between readLines and writeLines",
    ),
  );
  assert.throws(
    () =>
      pipeline(
        readLines("a.log"),
        map((s) => s, { concurrency: 4 }),
        writeLines("out"),
        ck,
      ),
    /argument 2 \(map\) holds items from one chunk to the next/,
  );
  assert.throws(
    () =>
      pipeline(
        readLines("a.log"),
        async function* own(lines: AsyncIterable<string>) {
          yield* lines;
        },
        writeLines("out"),
        ck,
      ),
    /argument 2 is a stage of your own/,
  );
  assert.throws(
    () => pipeline(readLines("-"), writeLines("out"), ck),
    new TypeError(
      "Cannot checkpoint pipeline: readLines of standard input cannot be resumed, only of files",
    ),
  );
  assert.throws(
    () => pipeline(readLines("a.log.gz"), writeLines("out"), ck),
    /readLines of compressed input \("a\.log\.gz"\) cannot be resumed/,
  );
  assert.throws(
    () => pipeline(["a"], writeLines("out"), ck),
    /the source must be readLines of files/,
  );
  assert.throws(
    () => pipeline(readLines("a.log"), writeLines("-"), ck),
    /writeLines to standard output cannot be resumed, only to a file/,
  );
  assert.throws(
    () => pipeline(readLines("a.log"), writeLines("out", { append: true }), ck),
    /writeLines with append: true cannot be resumed/,
  );
  assert.throws(
    () => pipeline(readLines("a.log"), map((s) => s), ck),
    /the last argument must be writeLines to a file/,
  );
  assert.throws(
    () =>
      pipeline(readLines("a.log"), writeLines("out"), {
        checkpoint: { path: "ck", everyMs: -1 },
      }),
    RangeError,
  );
  // A dead letter would hold only what failed after the checkpoint; a plain
  // skip resumes.
  const bad = deadLetter(() => {});
  assert.throws(
    () =>
      pipeline(
        readLines("a.log"),
        filter((s) => s !== "", { onError: bad }),
        writeLines("out"),
        ck,
      ),
    /argument 2 \(filter\): a dead letter cannot be resumed/,
  );
  assert.throws(
    () =>
      pipeline(
        readLines("a.log", { fatal: true, onError: bad }),
        writeLines("out"),
        ck,
      ),
    /readLines with a dead letter cannot be resumed/,
  );
});

Deno.test("a checkpointed run may skip failing items", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, "1\nx\n3\n");
    const summary = await pipeline(
      readLines(`${dir}/a.log`),
      map((s) => {
        if (s === "x") throw new Error("not a number");
        return String(Number(s) * 2);
      }, { onError: "skip" }),
      writeLines(`${dir}/out`),
      { checkpoint: `${dir}/ck` },
    );
    assert.equal(await Deno.readTextFile(`${dir}/out`), "2\n6\n");
    assert.equal(summary.stages[1]!.errors, 1);
    assert.deepEqual(await listDir(dir), ["a.log", "out"]);
  });
});

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

async function sluice(
  args: string[],
): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("sluice grep --checkpoint resumes a run from its checkpoint and removes it at the end", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, LINES.join("\n") + "\n");
    // A checkpoint left by a run of the same command stopped at line 3000.
    await assert.rejects(
      pipeline(
        readLines(`${dir}/in.log`, { readBytes: 1024 }),
        map((line) => {
          if (line.startsWith("line 3000 ")) throw new Error("stopped");
          return line;
        }),
        writeLines(`${dir}/out.log`),
        { checkpoint: { path: `${dir}/ck`, everyMs: 0 } },
      ),
      /stopped/,
    );
    const saved = JSON.parse(await Deno.readTextFile(`${dir}/ck`));
    saved.pipeline =
      'readLines > grep "line" > writeLines (settings: sluice grep)';
    await Deno.writeTextFile(`${dir}/ck`, JSON.stringify(saved));
    // Marks the part already written: a resumed run keeps it as it is.
    const partial = `${dir}/.out.log.sluice-partial`;
    const kept = await Deno.readTextFile(partial);
    await Deno.writeTextFile(partial, "LINE" + kept.slice(4));
    const r = await sluice([
      "grep",
      "line",
      `${dir}/in.log`,
      "--output",
      `${dir}/out.log`,
      "--checkpoint",
      `${dir}/ck`,
    ]);
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    assert.equal(
      await Deno.readTextFile(`${dir}/out.log`),
      "LINE" + (LINES.join("\n") + "\n").slice(4),
    );
    assert.deepEqual(await listDir(dir), ["in.log", "out.log"]);
    const usage = await sluice([
      "grep",
      "x",
      `${dir}/in.log`,
      "--checkpoint",
      `${dir}/ck`,
    ]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--checkpoint needs --output FILE/);
  });
});

Deno.test("a checkpoint that is the output or an input is refused before anything is written", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, "a\nb\n");
    await Deno.writeTextFile(`${dir}/out.log`, "kept\n");
    for (
      const [checkpoint, what] of [
        [`${dir}/out.log`, "the output"],
        [`${dir}/./sub/../out.log`, "the output"],
        [input, "an input"],
      ] as const
    ) {
      assert.throws(
        () =>
          pipeline(readLines(input), writeLines(`${dir}/out.log`), {
            checkpoint,
          }),
        new TypeError(
          `Cannot checkpoint pipeline: the checkpoint file "${checkpoint}" is ${what}; give it a path of its own`,
        ),
      );
    }
    // A hard link to the output is the output too.
    await Deno.link(`${dir}/out.log`, `${dir}/link`);
    assert.throws(
      () =>
        pipeline(readLines(input), writeLines(`${dir}/out.log`), {
          checkpoint: `${dir}/link`,
        }),
      /is the output/,
    );
    await Deno.remove(`${dir}/link`);
    assert.equal(await Deno.readTextFile(`${dir}/out.log`), "kept\n");
    assert.equal(await Deno.readTextFile(input), "a\nb\n");
    // The command line says so, and keeps the output.
    const r = await sluice([
      "grep",
      "a",
      input,
      "--output",
      `${dir}/out.log`,
      "--checkpoint",
      `${dir}/out.log`,
    ]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^sluice grep: .*is the output; give it a path of its own/,
    );
    assert.equal(await Deno.readTextFile(`${dir}/out.log`), "kept\n");
    assert.deepEqual(await listDir(dir), ["in.log", "out.log"]);
  });
});

Deno.test("two checkpointed runs to one output: the second is refused naming the process that writes it; a lock left by a dead process is taken over", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, "a\nb\n");
    const out = `${dir}/out.log`;
    const lock = `${dir}/.out.log.sluice-partial.lock`;
    // A running process holds the lock.
    const sleeper = new Deno.Command("sleep", { args: ["30"] }).spawn();
    try {
      await Deno.writeTextFile(lock, `${sleeper.pid}\n`);
      await assert.rejects(
        pipeline(readLines(input), writeLines(out), {
          checkpoint: `${dir}/ck`,
        }),
        (e: unknown) =>
          e instanceof StageError && e.cause instanceof Deno.errors.Busy &&
          e.message.endsWith(
            `: Cannot write "${out}" with a checkpoint: process ${sleeper.pid} is writing it (its lock is "${lock}")`,
          ) && !e.message.includes(`Cannot write "${out}": Cannot write`),
      );
      assert.deepEqual(await listDir(dir), [
        ".out.log.sluice-partial.lock",
        "in.log",
      ]);
    } finally {
      sleeper.kill();
      await sleeper.status;
    }
    // Now its process is gone: the lock is stale, and taken over.
    await pipeline(readLines(input), writeLines(out), {
      checkpoint: `${dir}/ck`,
    });
    assert.equal(await Deno.readTextFile(out), "a\nb\n");
    assert.deepEqual(await listDir(dir), ["in.log", "out.log"]);

    // Two runs of this process at once.
    let release!: () => void;
    const held = new Promise<void>((ok) => release = ok);
    const first = pipeline(
      readLines(input),
      map(async (line: string) => {
        await held;
        return line;
      }),
      writeLines(out),
      { checkpoint: `${dir}/ck1` },
    );
    await new Promise((ok) => setTimeout(ok, 50));
    await assert.rejects(
      pipeline(readLines(input), writeLines(out), { checkpoint: `${dir}/ck2` }),
      new RegExp(`process ${Deno.pid} is writing it`),
    );
    release();
    await first;
    assert.deepEqual(await listDir(dir), ["in.log", "out.log"]);
  });
});

Deno.test("the lock of a checkpointed output holds its process id from the moment it exists, so a run stopped while taking it leaves no empty lock", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, "a\nb\n");
    const out = `${dir}/out.log`;
    const lock = `${dir}/.out.log.sluice-partial.lock`;
    const seen = new Set<string>();
    for (let run = 0; run < 20; run++) {
      // Every turn of the event loop while the run starts: what another
      // run, or this one stopped there, would find.
      let running = true;
      const watch = (async () => {
        while (running) {
          try {
            seen.add(Deno.readTextFileSync(lock));
          } catch {
            // No lock (yet, or any more).
          }
          await new Promise((ok) => setImmediate(ok));
        }
      })();
      await pipeline(readLines(input), writeLines(out), {
        checkpoint: `${dir}/ck`,
      });
      running = false;
      await watch;
    }
    assert.ok(seen.size > 0, "the lock was never seen");
    assert.deepEqual([...seen], [`${Deno.pid}\n`]);
    assert.deepEqual(await listDir(dir), ["in.log", "out.log"]);
  });
});

Deno.test("a checkpoint records grep's pattern and flags and the command's options: a resume with others is refused", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, LINES.join("\n") + "\n");
    // A checkpoint of an interrupted `grep -v ERROR` run.
    await assert.rejects(
      pipeline(
        readLines(`${dir}/in.log`, { readBytes: 1024 }),
        map((line) => {
          if (line.startsWith("line 3000 ")) throw new Error("stopped");
          return line;
        }),
        writeLines(`${dir}/out.log`),
        { checkpoint: { path: `${dir}/ck`, everyMs: 0 } },
      ),
      /stopped/,
    );
    const saved = JSON.parse(await Deno.readTextFile(`${dir}/ck`));
    saved.pipeline =
      'readLines > grep "ERROR" invert > writeLines (settings: sluice grep)';
    await Deno.writeTextFile(`${dir}/ck`, JSON.stringify(saved));
    const base = [
      `${dir}/in.log`,
      "--output",
      `${dir}/out.log`,
      "--checkpoint",
      `${dir}/ck`,
    ];
    for (
      const [args, now] of [
        [["-v", "WARN"], 'grep "WARN" invert'],
        [["ERROR"], 'grep "ERROR"'],
        [["-v", "-i", "ERROR"], 'grep "ERROR" invert ignoreCase'],
        [["-v", "--regex", "ERR.R"], "grep /ERR.R/u invert"],
        // An expression of literals only is searched as its literal; the
        // settings still tell the two commands apart.
        [["-v", "--regex", "ERROR"], 'grep "ERROR" invert'],
      ] as const
    ) {
      const r = await sluice(["grep", ...args, ...base]);
      assert.equal(r.code, 2, args.join(" "));
      assert.ok(
        r.stderr.includes(
          `written by another pipeline (readLines > grep "ERROR" invert > writeLines (settings: sluice grep)), not this one (readLines > ${now} > writeLines (settings: sluice grep`,
        ),
        r.stderr,
      );
    }
    // The same command resumes.
    const same = await sluice(["grep", "-v", "ERROR", ...base]);
    assert.equal(same.code, 0, same.stderr);
  });
});
