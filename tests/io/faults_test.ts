// Copyright 2026 the sluice authors. MIT license.
// The fault matrix: each fault ends with a clear error (or a clean stop), all
// handles closed, and no output that looks complete but is not. Rows already
// covered elsewhere are named here, not repeated.
//
// | fault                              | tests                                                                          |
// | ---------------------------------- | ------------------------------------------------------------------------------ |
// | kill -9 in the middle of a write   | here                                                                           |
// | /dev/full                          | write_lines_test "rejects a write error such as /dev/full"; here for a dead    |
// |                                    | letter (error_policy_test) and the command line                                |
// | ENOSPC on a small tmpfs            | here (skipped with the reason where mount is not allowed)                      |
// | missing output directory           | write_lines_test "fails clearly for a missing directory…"; here: the message   |
// |                                    | names the path, the input is closed                                            |
// | a directory as input               | read_lines_test "names a missing file and a directory clearly", cli_test; here |
// |                                    | in a pipeline with an output                                                   |
// | permissions                        | here: an immutable file or directory (chattr +i, which stops root too), a     |
// |                                    | read-only mount, and an unprivileged process (setpriv) for EACCES              |
// | early consumer exit                | pipeline_test "closes the input when a for await loop breaks", "take() stops…";|
// |                                    | here: a consumer that throws, a sink that returns early, a sink that throws,   |
// |                                    | a break with concurrent calls in flight                                        |
// | Ctrl-C                             | cli_test (status 130, temporary output removed), pipeline_test (abort signal) |
import assert from "node:assert/strict";
import {
  deadLetter,
  map,
  pipeline,
  readLines,
  sort,
  StageError,
  writeLines,
} from "../../mod.ts";
import { listDir, openFds, withTempDir } from "../_helpers.ts";

const MOD = new URL("../../mod.ts", import.meta.url).href;

/** Runs a command, quietly; whether it succeeded and what it said. */
function run(cmd: string, args: string[]): { ok: boolean; stderr: string } {
  try {
    const out = new Deno.Command(cmd, { args, stdout: "null", stderr: "piped" })
      .outputSync();
    return {
      ok: out.success,
      stderr: new TextDecoder().decode(out.stderr).trim(),
    };
  } catch (error) {
    return { ok: false, stderr: String(error) };
  }
}

/** Mounts a tmpfs of `size` on a new directory, or says why it cannot. */
async function mountTmpfs(
  size: string,
  ro = false,
): Promise<{ dir: string; unmount: () => Promise<void> } | { skip: string }> {
  const dir = await Deno.makeTempDir({ prefix: "sluice-tmpfs-" });
  const r = run("mount", [
    "-t",
    "tmpfs",
    "-o",
    `size=${size}${ro ? ",ro" : ""}`,
    "tmpfs",
    dir,
  ]);
  if (!r.ok) {
    await Deno.remove(dir);
    return { skip: `cannot mount a tmpfs here: ${r.stderr}` };
  }
  return {
    dir,
    unmount: async () => {
      run("umount", [dir]);
      await Deno.remove(dir, { recursive: true });
    },
  };
}

const canMount = await (async () => {
  const m = await mountTmpfs("64k");
  if ("skip" in m) return m.skip;
  await m.unmount();
  return undefined;
})();
const canChattr = await (async () => {
  const dir = await Deno.makeTempDir({ prefix: "sluice-chattr-" });
  try {
    await Deno.writeTextFile(`${dir}/f`, "");
    const r = run("chattr", ["+i", `${dir}/f`]);
    if (!r.ok) return `chattr +i is not available: ${r.stderr}`;
    run("chattr", ["-i", `${dir}/f`]);
    return undefined;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
})();
/** Runs `args` as user and group 65534 (nobody), with no other groups. */
const AS_NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"];
const canDropPrivileges = Deno.uid() !== 0
  ? "not running as root"
  : !run("setpriv", [...AS_NOBODY, "true"]).ok
  ? "setpriv cannot switch to user 65534"
  : !run("setpriv", [...AS_NOBODY, "test", "-r", new URL(MOD).pathname]).ok ||
      !run("setpriv", [...AS_NOBODY, "test", "-x", Deno.execPath()]).ok
  ? "user 65534 cannot read the sources or run deno"
  : undefined;
for (
  const [what, reason] of [
    ["tmpfs", canMount],
    ["chattr", canChattr],
    ["setpriv", canDropPrivileges],
  ]
) {
  if (reason !== undefined) {
    console.error(`faults_test: ${what} tests skipped: ${reason}`);
  }
}

Deno.test("kill -9 in the middle of a write leaves the target absent or untouched, and a later run completes", async () => {
  await withTempDir(async (dir) => {
    const script = `${dir}/writer.ts`;
    await Deno.writeTextFile(
      script,
      `import { pipeline, writeLines } from "${MOD}";
async function* lines() {
  for (let i = 0; ; i++) {
    yield "line " + i;
    if (i % 5000 === 0) await new Promise((r) => setTimeout(r, 2));
  }
}
await pipeline(lines(), writeLines(Deno.args[0], { writeBytes: 65536 }));
`,
    );
    for (const existing of [undefined, "old content\n"]) {
      const out = `${dir}/out.log`;
      if (existing !== undefined) await Deno.writeTextFile(out, existing);
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", script, out],
        stdout: "null",
        stderr: "null",
      }).spawn();
      // Wait until the temporary file holds a good part of the output.
      let temp: string | undefined;
      for (let i = 0; i < 400; i++) {
        temp = (await listDir(dir)).find((n) => n.endsWith(".sluice-tmp"));
        if (
          temp !== undefined &&
          (await Deno.stat(`${dir}/${temp}`)).size > 256 * 1024
        ) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      assert.ok(temp !== undefined, "the writer never started writing");
      child.kill("SIGKILL");
      const status = await child.status;
      assert.equal(status.signal, "SIGKILL");
      // Never a partial file at the final path.
      if (existing === undefined) {
        await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
      } else {
        assert.equal(await Deno.readTextFile(out), existing);
      }
      // The temporary file stays behind (nothing runs after kill -9), named
      // so that it is plainly not the output: ".out.log.<random>.sluice-tmp".
      assert.match(temp, /^\.out\.log\.[0-9a-z]+\.sluice-tmp$/);
      const left = await Deno.stat(`${dir}/${temp}`);
      assert.ok(left.size > 0);
      // A later run ignores it and completes.
      await pipeline(["done"], writeLines(out));
      assert.equal(await Deno.readTextFile(out), "done\n");
      assert.equal((await Deno.stat(`${dir}/${temp}`)).size, left.size);
      await Deno.remove(`${dir}/${temp}`);
      await Deno.remove(out);
    }
    assert.deepEqual(await listDir(dir), ["writer.ts"]);
  });
});

Deno.test({
  name:
    "ENOSPC on a full tmpfs rejects the run and leaves no file, or the old one",
  ignore: canMount !== undefined,
  fn: async () => {
    const m = await mountTmpfs("1m");
    if ("skip" in m) throw new Error(m.skip);
    try {
      const lines = Array.from({ length: 200_000 }, (_, i) => `line ${i}`);
      for (const existing of [undefined, "old\n"]) {
        const out: string = `${m.dir}/out.log`;
        if (existing !== undefined) await Deno.writeTextFile(out, existing);
        const before = openFds();
        await assert.rejects(
          pipeline(lines, writeLines(out, { writeBytes: 65536 })),
          (e) =>
            e instanceof StageError && e.stage === "writeLines#2" &&
            e.message.includes(`Cannot write "${out}"`) &&
            e.message.includes("No space left on device"),
        );
        assert.equal(openFds(), before);
        assert.deepEqual(
          await listDir(m.dir),
          existing === undefined ? [] : ["out.log"],
        );
        if (existing !== undefined) {
          assert.equal(await Deno.readTextFile(out), existing);
          await Deno.remove(out);
        }
      }
      // A dead letter on the full disk fails the run the same way, and the
      // output (elsewhere) is not committed.
      await withTempDir(async (dir) => {
        await assert.rejects(
          pipeline(
            lines,
            map((l) => {
              throw new Error(`cannot parse ${l}`);
            }, { onError: deadLetter(`${m.dir}/bad.jsonl`) }),
            writeLines(`${dir}/out.log`),
          ),
          (e) =>
            e instanceof StageError && e.stage === "map#2" &&
            e.message.includes("No space left on device"),
        );
        assert.deepEqual(await listDir(dir), []);
        assert.deepEqual(await listDir(m.dir), []);
      });
    } finally {
      await m.unmount();
    }
  },
});

Deno.test("a missing output directory is named in the error, and the input is closed", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, "a\nb\n");
    const out = `${dir}/missing/out.log`;
    const before = openFds();
    await assert.rejects(
      pipeline(readLines(input), writeLines(out)),
      (e) =>
        e instanceof StageError && e.cause instanceof Deno.errors.NotFound &&
        e.message.includes(`Cannot write "${out}"`),
    );
    assert.equal(openFds(), before);
    assert.deepEqual(await listDir(dir), ["in.log"]);
  });
});

Deno.test("a directory given as input fails the run, closes every file and writes nothing", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/logs`);
    await Deno.writeTextFile(`${dir}/a.log`, "a\n");
    const before = openFds();
    for (const input of [`${dir}/logs`, [`${dir}/a.log`, `${dir}/logs`]]) {
      await assert.rejects(
        pipeline(readLines(input), writeLines(`${dir}/out.log`)),
        (e) =>
          e instanceof StageError && e.stage === "readLines#1" &&
          e.cause instanceof Deno.errors.IsADirectory &&
          e.message.includes(`Cannot read "${dir}/logs": it is a directory`),
      );
      assert.equal(openFds(), before);
      assert.deepEqual(await listDir(dir), ["a.log", "logs"]);
    }
  });
});

Deno.test({
  name:
    "an immutable target or directory stops even root, and no temporary file is left",
  ignore: canChattr !== undefined,
  fn: async () => {
    await withTempDir(async (dir) => {
      const out = `${dir}/out.log`;
      await Deno.writeTextFile(out, "old\n");
      const before = openFds();
      try {
        // The target cannot be replaced: the rename fails after all was written.
        run("chattr", ["+i", out]);
        await assert.rejects(
          pipeline(["new"], writeLines(out)),
          (e) =>
            e instanceof StageError && e.stage === "writeLines#2" &&
            e.cause instanceof Deno.errors.PermissionDenied &&
            e.message.includes(`Cannot write "${out}"`),
        );
        assert.deepEqual(await listDir(dir), ["out.log"]);
        assert.equal(await Deno.readTextFile(out), "old\n");
        // Nothing can be created in the directory: the temp file fails.
        run("chattr", ["-i", out]);
        run("chattr", ["+i", dir]);
        await assert.rejects(
          pipeline(["new"], writeLines(out)),
          (e) =>
            e instanceof StageError &&
            e.cause instanceof Deno.errors.PermissionDenied,
        );
        assert.deepEqual(await listDir(dir), ["out.log"]);
        assert.equal(openFds(), before);
      } finally {
        run("chattr", ["-i", dir]);
        run("chattr", ["-i", out]);
      }
    });
  },
});

Deno.test({
  name:
    "a read-only mount refuses the output with a clear error and leaves nothing",
  ignore: canMount !== undefined,
  fn: async () => {
    const m = await mountTmpfs("64k", true);
    if ("skip" in m) throw new Error(m.skip);
    try {
      const before = openFds();
      await assert.rejects(
        pipeline(["a"], writeLines(`${m.dir}/out.log`)),
        (e) =>
          e instanceof StageError &&
          e.message.includes(`Cannot write "${m.dir}/out.log"`) &&
          e.message.includes("Read-only file system"),
      );
      assert.equal(openFds(), before);
      assert.deepEqual(await listDir(m.dir), []);
    } finally {
      await m.unmount();
    }
  },
});

Deno.test({
  name:
    "an unprivileged process gets clear permission errors for input and output",
  ignore: canDropPrivileges !== undefined,
  fn: async () => {
    await withTempDir(async (dir) => {
      await Deno.chmod(dir, 0o777);
      await Deno.writeTextFile(`${dir}/secret.log`, "a\n");
      await Deno.chmod(`${dir}/secret.log`, 0o600);
      await Deno.mkdir(`${dir}/ro`, { mode: 0o755 });
      await Deno.writeTextFile(`${dir}/ro/out.log`, "old\n");
      await Deno.chmod(`${dir}/ro/out.log`, 0o666);
      const script = `${dir}/probe.ts`;
      await Deno.writeTextFile(
        script,
        `import { pipeline, readLines, writeLines } from "${MOD}";
const d = Deno.args[0];
const results = [];
for (const [source, target] of [
  [d + "/secret.log", d + "/out.log"],
  [d + "/ok.log", d + "/ro/out.log"],
]) {
  try {
    await pipeline(readLines(source), writeLines(target));
    results.push("ok");
  } catch (e) {
    results.push(e.name + ": " + e.message + " / " + e.cause?.name);
  }
}
console.log(JSON.stringify(results));
`,
      );
      await Deno.writeTextFile(`${dir}/ok.log`, "b\n");
      await Deno.chmod(`${dir}/ok.log`, 0o644);
      await Deno.mkdir(`${dir}/deno`, { mode: 0o777 });
      await Deno.chmod(`${dir}/deno`, 0o777);
      const out = await new Deno.Command("setpriv", {
        args: [
          ...AS_NOBODY,
          Deno.execPath(),
          "run",
          "-A",
          "--no-lock",
          script,
          dir,
        ],
        env: { DENO_DIR: `${dir}/deno`, HOME: dir, NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stderr = new TextDecoder().decode(out.stderr);
      assert.ok(out.success, stderr);
      const [read, write] = JSON.parse(new TextDecoder().decode(out.stdout));
      assert.match(
        read,
        new RegExp(
          `^StageError: Stage "readLines#1" failed: .*Permission denied.*secret\\.log.* / PermissionDenied$`,
        ),
      );
      assert.match(
        write,
        new RegExp(
          `^StageError: Stage "writeLines#2" failed: Cannot write "${dir}/ro/out\\.log": no temporary file can be made beside it in "${dir}/ro" \\(Permission denied\\).*--in-place.* / PermissionDenied$`,
        ),
      );
      // Nothing was written anywhere, and the old output is intact.
      assert.equal(await Deno.readTextFile(`${dir}/ro/out.log`), "old\n");
      assert.deepEqual(await listDir(`${dir}/ro`), ["out.log"]);
      assert.ok(!(await listDir(dir)).includes("out.log"));
    });
  },
});

Deno.test("a consumer that throws inside for await stops the run and closes the input", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, "line\n".repeat(100_000));
    const before = openFds();
    const run = pipeline(
      readLines(input, { readBytes: 4096 }),
      map((l) => l.length),
    );
    await assert.rejects(
      async () => {
        for await (const _ of run) throw new Error("consumer gave up");
      },
      /^Error: consumer gave up$/,
    );
    assert.equal(openFds(), before);
    assert.notEqual(run.summary.status, "running");
    assert.ok(run.summary.bytesRead < 100_000);
  });
});

Deno.test("a sink that returns early or throws stops the reader and closes every file", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, "line\n".repeat(100_000));
    const before = openFds();
    let taken = 0;
    const summary = await pipeline(
      readLines(input, { readBytes: 4096 }),
      async function firstTen(lines: AsyncIterable<string>) {
        for await (const _ of lines) if (++taken === 10) return;
      },
    );
    assert.equal(taken, 10);
    assert.equal(summary.status, "ok");
    assert.equal(openFds(), before);
    await assert.rejects(
      pipeline(
        readLines(input, { readBytes: 4096 }),
        map((l) => l.toUpperCase()),
        async function failing(lines: AsyncIterable<string>) {
          for await (const _ of lines) throw new Error("database is down");
        },
      ),
      (e) =>
        e instanceof StageError && e.stage === "failing#3" && e.line === 1 &&
        e.message.endsWith("database is down"),
    );
    assert.equal(openFds(), before);
  });
});

Deno.test("leaving a loop with concurrent calls in flight leaves no unhandled rejection", async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: PromiseRejectionEvent) => {
    unhandled.push(e.reason);
    e.preventDefault();
  };
  globalThis.addEventListener("unhandledrejection", onUnhandled);
  try {
    const run = pipeline(
      Array.from({ length: 1000 }, (_, i) => i),
      map(async (n) => {
        await new Promise((r) => setTimeout(r, 5));
        if (n > 0) throw new Error(`late failure ${n}`);
        return n;
      }, { concurrency: 16 }),
    );
    for await (const n of run) {
      assert.equal(n, 0);
      break;
    }
    // Let the calls still in flight settle.
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(unhandled, []);
    assert.equal(run.summary.status, "ok");
  } finally {
    globalThis.removeEventListener("unhandledrejection", onUnhandled);
  }
});

Deno.test("the command line reports /dev/full and a missing output directory in one line with status 2 (grep's trouble)", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, "a ERROR x\n".repeat(1000));
    const cli = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
    for (const target of ["/dev/full", `${dir}/missing/out.log`]) {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", cli, "grep", "ERROR", input, "--output", target],
        stdout: "null",
        stderr: "piped",
        env: { NO_COLOR: "1" },
      }).output();
      const stderr = new TextDecoder().decode(out.stderr).trim();
      assert.equal(out.code, 2, stderr);
      assert.equal(stderr.split("\n").length, 1, stderr);
      assert.ok(stderr.includes(`Cannot write "${target}"`), stderr);
    }
    assert.deepEqual(await listDir(dir), ["in.log"]);
  });
});

Deno.test("an abort stops a run that waits to open a FIFO with no other end, to read or to write", async () => {
  await withTempDir(async (dir) => {
    for (const direction of ["read", "write"] as const) {
      // A FIFO each: the read run's open, left waiting, ends only once the
      // other end comes, and would then be the reader of a shared FIFO that
      // the write run's open finds at once (it failed 1 time in 3).
      const fifo = `${dir}/${direction}.fifo`;
      const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
      assert.ok(made.success, "mkfifo");
      const stop = new AbortController();
      const reason = new Error(`stop ${direction}`);
      setTimeout(() => stop.abort(reason), 50);
      const run = direction === "read"
        ? pipeline(readLines(fifo), async (xs) => {
          for await (const _ of xs);
        }, { signal: stop.signal })
        : pipeline(["a"], writeLines(fifo), { signal: stop.signal });
      await assert.rejects(run, (e) => e === reason);
      // The open left waiting completes once the other end comes; the
      // run closes what it no longer wants.
      const other = await Deno.open(
        fifo,
        direction === "read" ? { write: true } : { read: true },
      );
      other.close();
    }
    assert.deepEqual(await listDir(dir), ["read.fifo", "write.fifo"]);
  });
});

Deno.test({
  name:
    "a spill that fills its disk says where and what to do: tempDir (-T), or a larger budget",
  ignore: canMount !== undefined,
  fn: async () => {
    const m = await mountTmpfs("256k");
    if ("skip" in m) throw new Error(m.skip);
    try {
      const items = Array.from(
        { length: 20_000 },
        (_, i) => `${(i * 7919) % 1000} ${"x".repeat(40)}`,
      );
      await assert.rejects(
        (async () => {
          for await (
            const _ of pipeline(items, sort({ budget: 65536, tempDir: m.dir }))
          );
        })(),
        (e: unknown) =>
          e instanceof StageError &&
          /Cannot spill to ".*sluice-tmpfs-[^"]*\/sluice-spill-[^"]*": no space left on the device; give spill files a place with more room with tempDir \(-T DIR on the command line\), or a larger budget/
            .test(e.message),
      );
      assert.deepEqual(await listDir(m.dir), []);
    } finally {
      await m.unmount();
    }
  },
});

Deno.test("a spill directory that cannot be made names the temp directory's path", async () => {
  const script = `import { pipeline, sort } from "${MOD}";
const items = Array.from({ length: 3000 }, (_, i) => String(i % 17) + " " + i);
try {
  for await (const _ of pipeline(items, sort({ budget: 4096 })));
} catch (e) { console.log(e.message); }`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    env: { TMPDIR: "/nonexistent-sluice-tmp" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.match(
    new TextDecoder().decode(out.stdout),
    /Cannot make a spill directory in the temp directory \("\/nonexistent-sluice-tmp"\)/,
  );
});
