// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import {
  batch,
  map,
  pipeline,
  readLines,
  StageError,
  writeLines,
} from "../../mod.ts";
import { listDir, openFds, withTempDir, writeScript } from "../_helpers.ts";

/**
 * A run from `input` through an upper-casing map (or none) into `sink`,
 * checkpointed in `dir`/ck after every chunk, that aborts itself at line
 * `stopAfter` when given.
 */
function checkpointedRun(
  dir: string,
  input: string,
  sink: ReturnType<typeof writeLines>,
  stopAfter?: number,
  upper = false,
) {
  const controller = new AbortController();
  let seen = 0;
  return pipeline(
    readLines(input, { readBytes: 1024 }),
    map((line) => {
      if (++seen === stopAfter) controller.abort(new Error("stopped"));
      return upper ? line.toUpperCase() : line;
    }),
    sink,
    {
      checkpoint: { path: `${dir}/ck`, everyMs: 0 },
      signal: controller.signal,
    },
  );
}

Deno.test("writeLines() replaces a file atomically and keeps its mode", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/out.log`;
    await Deno.writeTextFile(out, "old\n");
    await Deno.chmod(out, 0o640);
    await pipeline(["a", "b"], writeLines(out));
    assert.equal(await Deno.readTextFile(out), "a\nb\n");
    assert.equal((await Deno.stat(out)).mode! & 0o777, 0o640);
    assert.deepEqual(await listDir(dir), ["out.log"]);
  });
});

Deno.test("writeLines() leaves an existing target untouched when the run fails", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/out.log`;
    await Deno.writeTextFile(out, "old\n");
    const before = openFds();
    const lines = Array.from({ length: 300_000 }, (_, i) => `line ${i}`);
    await assert.rejects(
      pipeline(
        lines,
        map((l, i) => {
          if (i === 250_000) throw new Error("late failure");
          return l;
        }),
        writeLines(out, { writeBytes: 65536 }),
      ),
      /late failure/,
    );
    assert.equal(await Deno.readTextFile(out), "old\n");
    assert.deepEqual(await listDir(dir), ["out.log"]);
    assert.equal(openFds(), before);
  });
});

Deno.test("writeLines() writes arrays from batch() as one line per string", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/out.log`;
    await pipeline(["a", "b", "c"], batch(2), writeLines(out));
    assert.equal(await Deno.readTextFile(out), "a\nb\nc\n");
  });
});

Deno.test("writeLines() writes /dev/stdout in place when it is a pipe", async () => {
  // /dev/stdout leads, through /proc/self/fd/1, to "pipe:[N]", which names
  // no directory to make a temporary file in: it is written as it is.
  await withTempDir(async (dir) => {
    const script = await writeScript(
      dir,
      "stdout.ts",
      "pipeline, writeLines",
      `await pipeline(["one", "two"], writeLines("/dev/stdout"));
`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(new TextDecoder().decode(out.stderr), "");
    assert.ok(out.success);
    assert.equal(new TextDecoder().decode(out.stdout), "one\ntwo\n");
  });
});

Deno.test("writeLines() rejects a write error such as /dev/full", async () => {
  const before = openFds();
  await assert.rejects(
    pipeline(["x".repeat(1000)], writeLines("/dev/full")),
    (e) =>
      e instanceof StageError && e.stage === "writeLines#2" &&
      e.message.includes('Cannot write "/dev/full"') &&
      e.message.includes("No space left"),
  );
  assert.equal(openFds(), before);
  // The device is still a device: it was written in place, not replaced.
  assert.ok((await Deno.stat("/dev/full")).isCharDevice);
});

Deno.test("writeLines() fails clearly for a missing directory and a directory target", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(
      pipeline(["a"], writeLines(`${dir}/missing/out.log`)),
      (e) => e instanceof StageError && e.cause instanceof Deno.errors.NotFound,
    );
    await assert.rejects(
      pipeline(["a"], writeLines(dir)),
      (e) => e instanceof StageError && e.message.includes("is a directory"),
    );
  });
});

Deno.test("writeLines() appends in place with append: true", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/out.log`;
    await Deno.writeTextFile(out, "old\n");
    await pipeline(["new"], writeLines(out, { append: true }));
    assert.equal(await Deno.readTextFile(out), "old\nnew\n");
  });
});

Deno.test("writeLines() writes to an FsFile without closing it", async () => {
  await withTempDir(async (dir) => {
    using file = await Deno.open(`${dir}/out.log`, {
      write: true,
      create: true,
    });
    await pipeline(["é", "ß"], writeLines(file));
    await file.write(new TextEncoder().encode("end\n"));
    assert.equal(await Deno.readTextFile(`${dir}/out.log`), "é\nß\nend\n");
  });
});

Deno.test("writeLines() handles text larger than its buffer with multi-byte characters", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/out.log`;
    const lines = Array.from({ length: 50_000 }, (_, i) => `${i} 😀 é €`);
    await pipeline(lines, writeLines(out, { writeBytes: 65536 }));
    const back: string[] = [];
    for await (const l of readLines(out)) back.push(l);
    assert.deepEqual(back, lines);
  });
});

Deno.test("writeLines() refuses items that are not strings, naming the item", async () => {
  await assert.rejects(
    // @ts-expect-error: numbers are not lines
    pipeline([1, 2], writeLines(new WritableStream())),
    (e) =>
      e instanceof StageError && e.cause instanceof TypeError && e.line === 1,
  );
});

Deno.test("writeLines() aborts a stream target when the run fails", async () => {
  let aborted: unknown;
  const stream = new WritableStream<Uint8Array>({
    abort: (r) => void (aborted = r),
  });
  await assert.rejects(
    pipeline(
      ["a"],
      map(() => {
        throw new Error("no");
      }),
      writeLines(stream),
    ),
    /no/,
  );
  assert.ok(aborted instanceof Error);
});

Deno.test("writeLines() to a file URL with a space and a % resumes a checkpointed run in that file, whichever way the target is spelled", async () => {
  await withTempDir(async (dir) => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i + 1} %20`);
    await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
    const path = `${dir}/a b%.log`;
    // Escaped by node:url, and as typed by hand (the parser keeps a lone %).
    const escaped = pathToFileURL(path);
    const typed = new URL(`file://${dir}/a b%.log`);
    const run = (target: string | URL, stopAfter?: number) =>
      checkpointedRun(
        dir,
        `${dir}/in.log`,
        writeLines(target),
        stopAfter,
        true,
      );
    const orders: [string | URL, string | URL][] = [
      [escaped, path],
      [path, typed],
      [typed, escaped],
    ];
    for (const [first, then] of orders) {
      const shown = `${first} then ${then}`;
      await assert.rejects(run(first, 2500), /stopped/, shown);
      const saved = JSON.parse(await Deno.readTextFile(`${dir}/ck`));
      // The checkpoint names the file its partial output stands in for.
      assert.equal(saved.output, path, shown);
      assert.equal(
        (await Deno.stat(`${dir}/.a b%.log.sluice-partial`)).size,
        saved.outputBytes,
        shown,
      );
      await run(then);
      assert.equal(
        await Deno.readTextFile(path),
        lines.map((l) => l.toUpperCase()).join("\n") + "\n",
        shown,
      );
      assert.deepEqual(await listDir(dir), ["a b%.log", "in.log"], shown);
      await Deno.remove(path);
    }
  });
});

Deno.test("writeLines() through a symlink replaces the file it points to and keeps its mode", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/real.log`, "old\n");
    await Deno.chmod(`${dir}/real.log`, 0o666);
    await Deno.symlink(`${dir}/real.log`, `${dir}/link.log`);
    await pipeline(["new"], writeLines(`${dir}/link.log`));
    assert.ok((await Deno.lstat(`${dir}/link.log`)).isSymlink);
    assert.equal(await Deno.readTextFile(`${dir}/real.log`), "new\n");
    assert.equal((await Deno.stat(`${dir}/real.log`)).mode! & 0o777, 0o666);
    assert.deepEqual(await listDir(dir), ["link.log", "real.log"]);
  });
});

Deno.test("writeLines() holds at most its bound however large a chunk is, and writes every line", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/out.log`;
    const lines = Array.from(
      { length: 50_000 },
      (_, i) => i % 5000 === 0 ? "é".repeat(100_000) : `line ${i}`,
    );
    // One chunk: a batch of 50,000 lines, some longer than a piece.
    const summary = await pipeline(
      [lines],
      writeLines(path, { writeBytes: 65536 }),
    );
    const row = summary.stages.find((s) => s.kind === "writeLines")!;
    assert.equal(row.boundBytes, 2 * 65536);
    assert.ok(row.peakBytes > 0 && row.peakBytes <= row.boundBytes!);
    assert.equal(await Deno.readTextFile(path), lines.join("\n") + "\n");
  });
});

Deno.test("writeLines() creates its temporary and partial files with the target's mode before writing a byte", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, "a\nb\n");
    for (const checkpoint of [undefined, `${dir}/ck`]) {
      const out = `${dir}/secret.log`;
      await Deno.writeTextFile(out, "old\n");
      await Deno.chmod(out, 0o600);
      const seen: number[] = [];
      // A stage that looks at the files beside the target while the run is
      // under way: the sink has opened its file by the second chunk.
      let chunk = 0;
      await pipeline(
        readLines(input, { readBytes: 1024 }),
        map(async (line: string) => {
          if (chunk++ === 1) {
            for (const e of await listDir(dir)) {
              if (e.endsWith(".sluice-tmp") || e.endsWith(".sluice-partial")) {
                seen.push((await Deno.stat(`${dir}/${e}`)).mode! & 0o777);
              }
            }
          }
          await new Promise((ok) => setTimeout(ok, 20));
          return line;
        }),
        writeLines(out),
        checkpoint === undefined ? {} : { checkpoint },
      );
      assert.deepEqual(seen, [0o600], String(checkpoint));
      assert.equal((await Deno.stat(out)).mode! & 0o777, 0o600);
      assert.equal(await Deno.readTextFile(out), "a\nb\n");
    }
  });
});

Deno.test("writeLines() to a directory says so once", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(
      pipeline(["a"], writeLines(dir)),
      (e: unknown) =>
        e instanceof StageError &&
        e.message.endsWith(`: Cannot write "${dir}": it is a directory`) &&
        !e.message.includes(`Cannot write "${dir}": Cannot write`),
    );
  });
});

Deno.test("writeLines() ends every chunk with LF, also when its text fills the buffer exactly", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/out.log`;
    // Lines that end exactly at the buffer's end, one byte short of it,
    // empty lines, and arrays with no strings at all.
    const items: (string | string[])[] = [
      "x".repeat(65536),
      "y".repeat(65535),
      "",
      [],
      ["a", ""],
      "é".repeat(32768),
      [],
    ];
    await pipeline(items, writeLines(out, { writeBytes: 65536 }));
    assert.equal(
      await Deno.readTextFile(out),
      `${"x".repeat(65536)}\n${"y".repeat(65535)}\n\na\n\n${
        "é".repeat(32768)
      }\n`,
    );
  });
});

Deno.test("writeLines('-') ends a plain pipeline quietly when standard output's reader goes away, as `| head` does", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, "a line of the log\n".repeat(400_000));
    const script = `${dir}/script.ts`;
    await Deno.writeTextFile(
      script,
      `import { pipeline, readLines, writeLines } from ${
        JSON.stringify(new URL("../../mod.ts", import.meta.url).href)
      };
      const summary = await pipeline(readLines(Deno.args[0]), writeLines("-"));
      console.error("ended", summary.stages[1].counters.readerGone);`,
    );
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", script, input],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // Read a little, then go away, as head does.
    const reader = child.stdout.getReader();
    const first = await reader.read();
    assert.ok(first.value !== undefined && first.value.length > 0);
    await reader.cancel();
    const status = await child.status;
    const stderr = new TextDecoder().decode(
      (await new Response(child.stderr).arrayBuffer()) as ArrayBuffer,
    );
    assert.equal(stderr, "ended 1\n");
    assert.equal(status.code, 0);
  });
});

Deno.test("writeLines() with a header writes it first, alone when there are no items, and once into a file appended to", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/out.csv`;
    await pipeline(["1,2", "3,4"], writeLines(out, { header: "a,b" }));
    assert.equal(await Deno.readTextFile(out), "a,b\n1,2\n3,4\n");
    await pipeline([], writeLines(out, { header: "a,b" }));
    assert.equal(await Deno.readTextFile(out), "a,b\n");
    // Lines read as bytes go to the writer as bytes: after the header.
    await Deno.writeTextFile(`${dir}/in.csv`, "5,6\n7,8\n");
    await pipeline(
      readLines(`${dir}/in.csv`),
      writeLines(out, { header: "a,b" }),
    );
    assert.equal(await Deno.readTextFile(out), "a,b\n5,6\n7,8\n");
    // Appended to: a file with lines has its header; an empty or new one
    // gets it.
    await pipeline(["9,0"], writeLines(out, { header: "a,b", append: true }));
    assert.equal(await Deno.readTextFile(out), "a,b\n5,6\n7,8\n9,0\n");
    const fresh = `${dir}/fresh.csv`;
    await pipeline(["1,1"], writeLines(fresh, { header: "a,b", append: true }));
    await Deno.writeTextFile(`${dir}/empty.csv`, "");
    await pipeline(
      ["2,2"],
      writeLines(`${dir}/empty.csv`, { header: "a,b", append: true }),
    );
    assert.equal(await Deno.readTextFile(fresh), "a,b\n1,1\n");
    assert.equal(await Deno.readTextFile(`${dir}/empty.csv`), "a,b\n2,2\n");
  });
});

Deno.test("writeLines() refuses a header that is not one line of well-formed text", () => {
  for (const header of ["a\nb", "a\r", "\ud800"]) {
    assert.throws(() => writeLines("-", { header }), RangeError, header);
  }
  assert.throws(
    () => writeLines("-", { header: 1 as unknown as string }),
    TypeError,
  );
});

Deno.test("writeLines() with a header resumes a checkpointed run without writing it again", async () => {
  await withTempDir(async (dir) => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i + 1},x`);
    await Deno.writeTextFile(`${dir}/in.csv`, lines.join("\n") + "\n");
    const out = `${dir}/out.csv`;
    const run = (stopAfter?: number) =>
      checkpointedRun(
        dir,
        `${dir}/in.csv`,
        writeLines(out, { header: "n,v" }),
        stopAfter,
      );
    await assert.rejects(run(2500), /stopped/);
    assert.ok(JSON.parse(await Deno.readTextFile(`${dir}/ck`)).outputBytes > 4);
    await run();
    assert.equal(
      await Deno.readTextFile(out),
      ["n,v", ...lines].join("\n") + "\n",
    );
  });
});
