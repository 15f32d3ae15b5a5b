// Copyright 2026 the sluice authors. MIT license.
// The command line, run as a subprocess: standard output, standard error
// and exit status.
import assert from "node:assert/strict";
import { encoder, gzip, listDir, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function sluice(args: string[], stdin?: string): Promise<Run> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    // The tests spill small inputs: a budget of a few KiB is let through.
    env: { NO_COLOR: "1", SLUICE_TEST_MIN_BUDGET: "4096" },
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(encoder.encode(stdin));
    await w.close();
  }
  const out = await child.output();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

const LOG = [
  '2026-11-01T10:00:00Z INFO api path=/a status=200 latency_ms=12 msg="ok"',
  '2026-11-01T10:00:01Z ERROR api path=/b status=500 latency_ms=900 msg="boom"',
  '2026-11-02T09:00:00Z WARN auth path=/c status=429 latency_ms=30 msg="slow down"',
  '{"time":"2026-11-02T09:00:01Z","level":"ERROR","path":"/d","status":503}',
].join("\n") + "\n";

async function withLog(fn: (dir: string, log: string) => Promise<void>) {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/app.log`, LOG);
    await fn(dir, `${dir}/app.log`);
  });
}

Deno.test("sluice --help and COMMAND --help print usage with examples", async () => {
  const top = await sluice(["--help"]);
  assert.equal(top.code, 0);
  assert.ok(top.stdout.includes("Commands:\n  grep PATTERN"));
  for (
    const command of [
      "grep",
      "count",
      "head",
      "tail",
      "sample",
      "fields",
      "split",
      "sort",
      "group",
      "distinct",
    ]
  ) {
    const r = await sluice([command, "--help"]);
    assert.equal(r.code, 0, command);
    assert.match(r.stdout, new RegExp(`^Usage: sluice ${command} `), command);
    assert.match(r.stdout, /Examples:/, command);
  }
});

Deno.test("an unknown option is a usage error naming the closest option", async () => {
  const r = await sluice(["grep", "--cuont", "ERROR"]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /unknown option --cuont; did you mean --count\?/);
  const unknown = await sluice(["grpe"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "grpe"; did you mean "grep"\?/);
  // Nothing close: no guess, only where to look.
  assert.deepEqual(await sluice(["frobnicate"]), {
    code: 2,
    stdout: "",
    stderr: "sluice: unknown command \"frobnicate\"\nTry 'sluice --help'.\n",
  });
  // Before a command only --help and --version are options.
  assert.deepEqual(await sluice(["--verbose", "grep", "x"]), {
    code: 2,
    stdout: "",
    stderr:
      "sluice: unknown option --verbose before a command\nTry 'sluice --help'.\n",
  });
});

Deno.test("sluice --version prints the package's version (deno.json's) and Deno's", async () => {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("../../deno.json", import.meta.url)),
  );
  for (const flag of ["--version", "-V"]) {
    const r = await sluice([flag]);
    assert.equal(r.code, 0, flag);
    assert.equal(r.stderr, "", flag);
    const lines = r.stdout.split("\n");
    assert.equal(lines[0], `sluice ${config.version}`, flag);
    assert.equal(
      lines[1],
      `Deno ${Deno.version.deno}, V8 ${Deno.version.v8}, TypeScript ${Deno.version.typescript}`,
      flag,
    );
  }
});

Deno.test("grep prints matches, counts them, and exits 1 when nothing matched", async () => {
  await withLog(async (_, log) => {
    const r = await sluice(["grep", "ERROR", log]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split("\n").length - 1, 2);
    assert.deepEqual(await sluice(["grep", "-c", "ERROR", log]), {
      code: 0,
      stdout: "2\n",
      stderr: "",
    });
    const none = await sluice(["grep", "NOTHERE", log]);
    assert.equal(none.code, 1);
    assert.equal(none.stdout, "");
    const regex = await sluice([
      "grep",
      "-c",
      "--regex",
      "status=5\\d\\d",
      log,
    ]);
    assert.equal(regex.stdout, "1\n");
    const inverted = await sluice(["grep", "-c", "-v", "-i", "error", log]);
    assert.equal(inverted.stdout, "2\n");
    const stdin = await sluice(["grep", "-c", "ERROR"], LOG);
    assert.equal(stdin.stdout, "2\n");
  });
});

Deno.test("--output /dev/stdout and /dev/stderr write to the pipe they lead to, as GNU sort -o does", async () => {
  await withLog(async (_dir, log) => {
    const out = await sluice([
      "sort",
      "-k",
      "status",
      "--output",
      "/dev/stdout",
      log,
    ]);
    assert.equal(out.stderr, "");
    assert.equal(out.code, 0);
    assert.equal(out.stdout.split("\n").length - 1, 4);
    const err = await sluice([
      "grep",
      "-c",
      "ERROR",
      "--output",
      "/dev/stderr",
      log,
    ]);
    assert.equal(err.code, 0);
    assert.equal(err.stdout, "");
    assert.equal(err.stderr, "2\n");
  });
});

Deno.test("--output /dev/stdout onto a file writes through the shell's descriptor, as GNU sort -o does, not a new file", async () => {
  await withLog(async (dir, log) => {
    // Replaced by rename, the file would lose what the shell writes after
    // sluice through the same redirection (it goes to the old, unlinked
    // file); GNU sort -o /dev/stdout truncates and writes it in place.
    const out = `${dir}/out.txt`;
    await Deno.writeTextFile(out, "before\n");
    const script =
      `"$0" run -A "$1" sort -k status --output /dev/stdout "$2"; echo done`;
    const r = await new Deno.Command("sh", {
      args: ["-c", `(${script}) >> "$3"`, Deno.execPath(), CLI, log, out],
      stderr: "piped",
    }).output();
    assert.equal(decoder.decode(r.stderr), "");
    assert.ok(r.success);
    const lines = (await Deno.readTextFile(out)).split("\n");
    assert.equal(lines.length - 1, 5);
    assert.equal(lines[4], "done");
  });
});

Deno.test("grep --output writes the file atomically, and --output /dev/full fails with status 2, as GNU grep's trouble", async () => {
  await withLog(async (dir, log) => {
    const r = await sluice([
      "grep",
      "--output",
      `${dir}/out.log`,
      "ERROR",
      log,
    ]);
    assert.equal(r.code, 0);
    assert.equal(
      (await Deno.readTextFile(`${dir}/out.log`)).split("\n").length - 1,
      2,
    );
    const full = await sluice(["grep", "--output", "/dev/full", "ERROR", log]);
    assert.equal(full.code, 2);
    // Other commands: 1.
    const count = await sluice(["count", "--output", "/dev/full", log]);
    assert.equal(count.code, 1);
    // A missing input is trouble too, not "no match".
    const missing = await sluice(["grep", "ERROR", `${dir}/missing.log`]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing\.log/);
    assert.match(
      full.stderr,
      /^sluice grep: .*Cannot write "\/dev\/full": No space left/,
    );
    assert.equal(
      full.stderr.trim().split("\n").length,
      1,
      "one line, no stack",
    );
    const debug = await sluice([
      "grep",
      "--debug",
      "--output",
      "/dev/full",
      "ERROR",
      log,
    ]);
    assert.match(debug.stderr, /\n {4}at /, "a stack trace with --debug");
  });
});

Deno.test("a missing input and a directory are one-line errors with status 1", async () => {
  await withTempDir(async (dir) => {
    const missing = await sluice(["count", `${dir}/nope.log`]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot read ".*nope\.log": no such file/);
    const directory = await sluice(["head", dir]);
    assert.equal(directory.code, 1);
    assert.match(directory.stderr, /is a directory/);
    assert.equal(directory.stderr.trim().split("\n").length, 1);
  });
});

Deno.test("count, head, tail and sample over several inputs, one of them gzip", async () => {
  await withLog(async (dir, log) => {
    const packed = await gzip(LOG);
    await Deno.writeFile(`${dir}/old.log.gz`, packed);
    const count = await sluice(["count", log, `${dir}/old.log.gz`]);
    assert.equal(
      count.stdout,
      `4\t${LOG.length}\t${log}\n4\t${packed.length}\t${dir}/old.log.gz\n8\t${
        LOG.length + packed.length
      }\ttotal\n`,
    );
    // Five lines of each, after GNU's headers.
    const head = await sluice(["head", "-n", "5", log, `${dir}/old.log.gz`]);
    assert.equal(
      head.stdout,
      `==> ${log} <==\n${LOG}\n==> ${dir}/old.log.gz <==\n${LOG}`,
    );
    const tail = await sluice(["tail", "-n", "1", log]);
    assert.equal(tail.stdout, LOG.split("\n")[3] + "\n");
    const a = await sluice(["sample", "-n", "2", "--seed", "5", log]);
    const b = await sluice(["sample", "-n", "2", "--seed", "5", log]);
    assert.equal(a.stdout, b.stdout);
    assert.equal(a.stdout.split("\n").length - 1, 2);
    const bad = await sluice(["head", "-n", "-3", log]);
    assert.equal(bad.code, 2);
  });
});

Deno.test("fields pulls logfmt and JSON fields as JSON lines or CSV", async () => {
  await withLog(async (_, log) => {
    const json = await sluice(["fields", "-k", "path,status", log]);
    assert.deepEqual(json.stdout.trim().split("\n").map((l) => JSON.parse(l)), [
      { path: "/a", status: "200" },
      { path: "/b", status: "500" },
      { path: "/c", status: "429" },
      { path: "/d", status: 503 },
    ]);
    const csv = await sluice(["fields", "-k", "path,msg", "--csv", log]);
    assert.equal(csv.stdout, "path,msg\n/a,ok\n/b,boom\n/c,slow down\n/d,\n");
    const usage = await sluice(["fields", "--csv", log]);
    assert.equal(usage.code, 2);
  });
});

Deno.test("split writes parts by line count and by field, and nothing on failure", async () => {
  await withLog(async (dir, log) => {
    const byLines = await sluice([
      "split",
      "--lines",
      "3",
      "--prefix",
      `${dir}/p/part-`,
      log,
    ]);
    assert.equal(byLines.code, 0);
    assert.deepEqual(await listDir(`${dir}/p`), [
      "part-00000.log",
      "part-00001.log",
    ]);
    const byDay = await sluice([
      "split",
      "--by-prefix",
      "10",
      "--max-open",
      "1",
      "--prefix",
      `${dir}/d/`,
      log,
    ]);
    assert.equal(byDay.code, 0);
    assert.deepEqual(await listDir(`${dir}/d`), [
      "%7B%22time%22%3A%222.log",
      "2026-11-01.log",
      "2026-11-02.log",
    ]);
    assert.equal(
      await Deno.readTextFile(`${dir}/d/2026-11-01.log`),
      LOG.split("\n").slice(0, 2).join("\n") + "\n",
    );
    const failed = await sluice([
      "split",
      "--by",
      "status",
      "--prefix",
      `${dir}/f/`,
      log,
      `${dir}/missing.log`,
    ]);
    assert.equal(failed.code, 1);
    assert.deepEqual(await listDir(`${dir}/f`), []);
  });
});

Deno.test("a broken pipe ends the run quietly with status 0", async () => {
  await withTempDir(async (dir) => {
    const log = `${dir}/big.log`;
    await Deno.writeTextFile(log, "x ERROR line\n".repeat(400_000));
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", CLI, "grep", "ERROR", log],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // Read one chunk, then close the pipe, as `| head -1` does.
    const reader = child.stdout.getReader();
    await reader.read();
    await reader.cancel();
    const status = await child.status;
    const stderr = decoder.decode(
      new Uint8Array(await new Response(child.stderr).arrayBuffer()),
    );
    assert.equal(status.code, 0);
    assert.equal(stderr, "");
  });
});

for (
  const [args, text, code] of [
    [["grep", "-c", "ERROR"], "x ERROR line\n", 0],
    // No line selected: the status says so, as when the count is read.
    [["grep", "-c", "ERROR"], "x INFO line\n", 1],
    [["count"], "x ERROR line\n", 0],
  ] as const
) {
  Deno.test(`${args[0]}'s result into a pipe already closed ends the run quietly with status ${code}`, async () => {
    await withTempDir(async (dir) => {
      const log = `${dir}/a.log`;
      await Deno.writeTextFile(log, text.repeat(1000));
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", CLI, ...args, log],
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      // Closed before the command starts: its one write meets the closed
      // pipe, as with `| true`.
      await child.stdout.cancel();
      const status = await child.status;
      const stderr = decoder.decode(
        new Uint8Array(await new Response(child.stderr).arrayBuffer()),
      );
      assert.equal(stderr, "");
      assert.equal(status.code, code);
    });
  });
}

Deno.test({
  name: "count's result that cannot be written names standard output",
  // /dev/full, whose every write fails for want of space, is Linux's.
  ignore: Deno.build.os !== "linux",
  async fn() {
    await withTempDir(async (dir) => {
      const log = `${dir}/a.log`;
      await Deno.writeTextFile(log, "a\n");
      const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
      const out = await new Deno.Command("sh", {
        args: [
          "-c",
          `${quote(Deno.execPath())} run -A ${quote(CLI)} count ${
            quote(log)
          } > /dev/full`,
        ],
        stderr: "piped",
      }).output();
      assert.equal(out.code, 1);
      assert.match(
        decoder.decode(out.stderr),
        /^sluice count: Cannot write standard output: No space left on device/,
      );
    });
  },
});

for (
  const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const
) {
  Deno.test(`${signal} stops the run: status ${code}, no output file, the summary so far`, async () => {
    await withTempDir(async (dir) => {
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          CLI,
          "grep",
          "--summary",
          "--output",
          `${dir}/out.log`,
          "ERROR",
        ],
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const writer = child.stdin.getWriter();
      // A large input, still coming: 8 MiB now, and the pipe stays open.
      const block = encoder.encode(
        "2026-11-01 ERROR something happened\n".repeat(1 << 14),
      );
      for (let i = 0; i < 16; i++) await writer.write(block);
      // Wait until the temp output exists, i.e. the run is under way.
      for (let i = 0; i < 200 && (await listDir(dir)).length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill(signal);
      const out = await child.output();
      await writer.close().catch(() => {});
      const stderr = decoder.decode(out.stderr);
      assert.equal(out.code, code);
      assert.match(
        stderr,
        signal === "SIGINT"
          ? /^sluice grep: interrupted$/m
          : new RegExp(`^sluice grep: stopped by ${signal}$`, "m"),
      );
      assert.match(stderr, /run: aborted/);
      assert.match(stderr, /readLines#1/);
      assert.deepEqual(await listDir(dir), []);
    });
  });
}

Deno.test("--progress draws on standard error only, and --summary-json writes JSON", async () => {
  await withLog(async (dir, log) => {
    const r = await sluice([
      "grep",
      "--progress",
      "--summary-json",
      `${dir}/s.json`,
      "ERROR",
      log,
    ]);
    assert.equal(r.code, 0);
    assert.ok(!r.stdout.includes("lines"), "no progress on standard output");
    // Not a terminal: plain lines, no carriage return or escape code.
    assert.ok(
      !r.stderr.includes("\r") && !r.stderr.includes("\x1b"),
      "plain lines",
    );
    assert.ok(r.stderr.endsWith("\n"), "a whole line when done");
    assert.match(r.stderr, /4 lines/);
    const summary = JSON.parse(await Deno.readTextFile(`${dir}/s.json`));
    assert.equal(summary.status, "ok");
    assert.equal(summary.stages[0].name, "readLines#1");
    const quiet = await sluice([
      "grep",
      "--progress",
      "--no-progress",
      "ERROR",
      log,
    ]);
    assert.equal(quiet.stderr, "");
  });
});

Deno.test("split keeps every line within --max-open and keeps distinct keys apart", async () => {
  await withTempDir(async (dir) => {
    // 600 lines over 20 keys, some lines long enough to fill a part's buffer.
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) {
      lines.push(`k=${i % 20} n=${i} ${"x".repeat(i % 7 === 0 ? 20_000 : 10)}`);
    }
    await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
    const r = await sluice([
      "split",
      "--by",
      "k",
      "--max-open",
      "2",
      "--prefix",
      `${dir}/out/`,
      `${dir}/in.log`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    let total = 0;
    for (const name of await listDir(`${dir}/out`)) {
      const text = await Deno.readTextFile(`${dir}/out/${name}`);
      const got = text.split("\n").slice(0, -1);
      assert.ok(got.every((l) => l !== ""), `no empty lines in ${name}`);
      total += got.length;
    }
    assert.equal(total, 600);
    const clash = await sluice(
      ["split", "--by", "k", "--prefix", `${dir}/c/`],
      "k=a/b n=1\nk=a_b n=2\nk=. n=3\n",
    );
    assert.equal(clash.code, 0, clash.stderr);
    assert.deepEqual(await listDir(`${dir}/c`), [
      "%2E.log",
      "a%2Fb.log",
      "a_b.log",
    ]);
  });
});

Deno.test("count gives standard input its own bytes wherever it stands", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/f.txt`, "one\ntwo\n");
    const r = await sluice(["count", "-", `${dir}/f.txt`], "a\n");
    assert.equal(r.stdout, `1\t2\t-\n2\t8\t${dir}/f.txt\n3\t10\ttotal\n`);
  });
});

Deno.test("fields takes only a record's own fields and refuses an empty key list", async () => {
  const r = await sluice(["fields", "-k", "constructor,a"], '{"a":1}\n');
  assert.equal(r.stdout, '{"constructor":null,"a":1}\n');
  assert.equal((await sluice(["fields", "-k", ","], "x\n")).code, 2);
  const empty = await sluice(["fields", "-k", "a,b", "--csv"], "");
  assert.equal(empty.stdout, "a,b\n");
});

Deno.test("sluice with no command prints usage to standard error with status 2", async () => {
  const r = await sluice([]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /Usage: sluice COMMAND/);
  const usage = await sluice(
    ["head", "-n", "", "--summary", "--progress"],
    "a\n",
  );
  assert.equal(usage.code, 2);
  assert.ok(!usage.stderr.includes("run:"), "no summary after a usage error");
});

Deno.test("Ctrl-C stops a run reading a FIFO whose writer stays open", async () => {
  await withTempDir(async (dir) => {
    const fifo = `${dir}/fifo`;
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert.ok(made.success);
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        CLI,
        "grep",
        "--output",
        `${dir}/out.log`,
        "ERROR",
        fifo,
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = await Deno.open(fifo, { write: true });
    await writer.write(encoder.encode("a ERROR line\n".repeat(1000)));
    // Wait until the run is under way (its temp output exists).
    for (let i = 0; i < 200 && (await listDir(dir)).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGINT");
    const out = await child.output();
    writer.close();
    assert.equal(out.code, 130);
    assert.deepEqual(await listDir(dir), ["fifo"]);
  });
});

const REQUESTS = [
  '2026-11-01T10:00:00Z INFO api status=200 latency_ms=12 msg="ok"',
  '2026-11-01T10:00:01Z ERROR api status=500 latency_ms=900 msg="boom"',
  "2026-11-01T10:00:02Z INFO auth user session refreshed",
  '2026-11-01T10:00:03Z WARN auth status=429 latency_ms=30 msg="latency_ms=5"',
  '{"time":"2026-11-01T10:00:04Z","service":"web","status":200,"latency_ms":7}',
  '2026-11-01T10:00:05Z INFO api status=200 latency_ms=12 msg="again"',
].join("\n") + "\n";

Deno.test("sort orders lines by a field, numerically and stably, like sort -n -s, a line without it last", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/app.log`, REQUESTS);
    const lines = REQUESTS.trimEnd().split("\n");
    const r = await sluice([
      "sort",
      "-k",
      "latency_ms",
      "-n",
      `${dir}/app.log`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    // No latency comes last; a quoted "latency_ms=5" is not the field.
    assert.deepEqual(r.stdout.trimEnd().split("\n"), [
      lines[4],
      lines[0],
      lines[5],
      lines[3],
      lines[1],
      lines[2],
    ]);
    const reversed = await sluice([
      "sort",
      "-k",
      "latency_ms",
      "-n",
      "-r",
      "--budget",
      "4096",
      "-T",
      dir,
      "--summary",
      `${dir}/app.log`,
    ]);
    // Last also in reverse, and counted.
    assert.deepEqual(reversed.stdout.trimEnd().split("\n"), [
      lines[1],
      lines[3],
      lines[0],
      lines[5],
      lines[4],
      lines[2],
    ]);
    assert.match(reversed.stderr, /sort#2: .*missingKeys 1\b/);
    const words = await sluice(["sort", "--word", "2", `${dir}/app.log`]);
    assert.deepEqual(
      words.stdout.trimEnd().split("\n").map((l) => l.slice(0, 22)),
      // The JSON line has no second word: it sorts last.
      [lines[1], lines[0], lines[2], lines[5], lines[3], lines[4]].map((l) =>
        l!.slice(0, 22)
      ),
    );
    const whole = await sluice(["sort"], "b\na\nc\n");
    assert.equal(whole.stdout, "a\nb\nc\n");
    // With -n, a line that does not start with a number has no key.
    const numbers = await sluice(["sort", "-n"], "10\nnone\n-2\n0\n");
    assert.equal(numbers.stdout, "-2\n0\n10\nnone\n");
    assert.deepEqual(await listDir(dir), ["app.log"]);
  });
});

Deno.test("sort gives GNU sort's output on a generated log, spilling with a small budget, but the lines without the field last", async () => {
  await withTempDir(async (dir) => {
    const { writeSampleLog } = await import("../../examples/sample_log.ts");
    await writeSampleLog(`${dir}/app.log`, 2_000_000);
    const gnu = await new Deno.Command("sort", {
      args: ["-t", " ", "-k8.12,8", "-n", "-s", `${dir}/app.log`],
      env: { LC_ALL: "C" },
      stdout: "piped",
    }).output();
    const r = await sluice([
      "sort",
      "-k",
      "latency_ms",
      "-n",
      "--budget",
      "256KB",
      "--summary",
      `${dir}/app.log`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    // GNU sort reads no latency as 0, and keeps such lines in input order.
    const sorted = decoder.decode(gnu.stdout).trimEnd().split("\n");
    const has = (l: string) => l.includes(" latency_ms=");
    const want = [...sorted.filter(has), ...sorted.filter((l) => !has(l))];
    assert.ok(r.stdout === want.join("\n") + "\n", "output differs");
    const missing = sorted.length - sorted.filter(has).length;
    assert.ok(missing > 0);
    assert.match(r.stderr, /sort#2: .*runsWritten \d+, bytesSpilled \d+/);
    assert.match(r.stderr, new RegExp(`missingKeys ${missing}\\b`));
  });
});

Deno.test("group --by-word in workers, which read plain lines on their bytes, gives what one thread gives", async () => {
  await withTempDir(async (dir) => {
    const words = ["api", "db", "café", "  api", "a\tb"];
    const values = ["5", "-7", "0", "007", "1.5", "x", '"9"', '12 msg="é"'];
    const lines = Array.from(
      { length: 6000 },
      (_, i) =>
        `t INFO ${words[i % 5]} req=${i} latency_ms=${values[(i >> 3) % 8]}` +
        (i % 97 === 0 ? "\r" : ""),
    );
    await Deno.writeTextFile(`${dir}/app.log`, lines.join("\n"));
    const group = (workers: string, fields: string) =>
      sluice([
        ..."group --by-word 3 --count --p95 latency_ms --mean".split(" "),
        fields,
        "--workers",
        workers,
        `${dir}/app.log`,
      ]);
    // One field, and two: the workers look for both names.
    for (const fields of ["latency_ms", "req"]) {
      const one = await group("1", fields);
      const two = await group("2", fields);
      assert.equal(one.code, 0, one.stderr);
      assert.equal(two.code, 0, two.stderr);
      assert.equal(two.stdout, one.stdout);
      assert.equal(one.stdout.trimEnd().split("\n").length, 4);
    }
  });
});

Deno.test("group aggregates per field, as JSON lines or CSV, the same when spilled", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/app.log`, REQUESTS);
    const args = [
      "group",
      "--by-word",
      "3",
      "--count",
      "--p95",
      "latency_ms",
      "--sum",
      "latency_ms,status",
      `${dir}/app.log`,
    ];
    const r = await sluice(args);
    assert.equal(r.code, 0, r.stderr);
    // The JSON line has no third word (its group is null, last); its
    // fields count.
    assert.deepEqual(r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l)), [
      {
        word3: "api",
        sum_latency_ms: 924,
        sum_status: 900,
        p95_latency_ms: 900,
        count: 3,
      },
      {
        word3: "auth",
        sum_latency_ms: 30,
        sum_status: 429,
        p95_latency_ms: 30,
        count: 2,
      },
      {
        word3: null,
        sum_latency_ms: 7,
        sum_status: 200,
        p95_latency_ms: 7,
        count: 1,
      },
    ]);
    const many = Array.from(
      { length: 3000 },
      (_, i) => `user=u${(i * 7) % 211} latency_ms=${(i * 31) % 500}`,
    ).join("\n");
    await Deno.writeTextFile(`${dir}/many.log`, many);
    const byUser = [
      "group",
      "--by",
      "user",
      "--count",
      "--p50",
      "latency_ms",
      "--mean",
      "latency_ms",
      `${dir}/many.log`,
    ];
    const inMemory = await sluice(byUser);
    const spilled = await sluice([
      ...byUser,
      "--budget",
      "4KiB",
      "-T",
      dir,
      "--summary",
    ]);
    assert.equal(spilled.code, 0, spilled.stderr);
    assert.equal(inMemory.stdout.split("\n").length, 212);
    assert.equal(spilled.stdout, inMemory.stdout);
    assert.match(spilled.stderr, /[gG]roupBy#2: .*runsWritten [1-9]/);
    await Deno.remove(`${dir}/many.log`);
    const csv = await sluice([
      "group",
      "--by",
      "status",
      "--max",
      "latency_ms",
      "--csv",
      `${dir}/app.log`,
    ]);
    assert.equal(
      csv.stdout,
      // Statuses are numbers (in JSON, and logfmt's written as numbers);
      // the line without one makes the last group, keyed null.
      "status,max_latency_ms\n200,12\n429,30\n500,900\n,\n",
    );
    const usage = await sluice(["group", "--count", `${dir}/app.log`]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /give --by FIELD or --by-word N/);
    const budget = await sluice(["group", "--by", "x", "--budget", "1KB"], "");
    assert.equal(budget.code, 2);
    assert.match(
      budget.stderr,
      /--budget must be at least 4096 bytes \(.*\), got "1KB"/,
    );
    assert.deepEqual(await listDir(dir), ["app.log"]);
  });
});

Deno.test("group --workers 2 prints what --workers 1 prints, also when spilled, the lines without the field last", async () => {
  await withTempDir(async (dir) => {
    // Over 4 MiB, so that the workers share the file's byte ranges; every
    // eleventh line has no user.
    const lines = Array.from(
      { length: 160_000 },
      (_, i) =>
        `2026-11-01 INFO s${(i * 7) % 23} ${
          i % 11 === 0 ? "" : `user=u${(i * 13) % 997} `
        }latency_ms=${(i * 31) % 1200} msg="request done"`,
    );
    const missing = Math.ceil(160_000 / 11);
    await Deno.writeTextFile(`${dir}/app.log`, lines.join("\n") + "\n");
    const run = (workers: string, ...more: string[]) =>
      sluice([
        "group",
        "--by",
        "user",
        "--count",
        "--p95",
        "latency_ms",
        "--sum",
        "latency_ms",
        "--workers",
        workers,
        "--summary",
        ...more,
        `${dir}/app.log`,
      ]);
    const one = await run("1");
    assert.equal(one.code, 0, one.stderr);
    const groups = one.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    assert.equal(groups.length, 998);
    assert.deepEqual(groups.at(-1)!.user, null);
    assert.equal(groups.at(-1)!.count, missing);
    assert.match(one.stderr, new RegExp(`groupBy#2: .*missingKeys ${missing}`));
    const two = await run("2");
    assert.equal(two.code, 0, two.stderr);
    assert.match(two.stderr, /parallelGroupBy#2: .*worker2HeapPeak/);
    assert.match(two.stderr, new RegExp(`missingKeys ${missing}\\b`));
    assert.equal(two.stdout, one.stdout);
    const spilled = await run("2", "--budget", "64KiB", "-T", dir);
    assert.match(spilled.stderr, /parallelGroupBy#2: .*runsWritten [1-9]/);
    assert.equal(spilled.stdout, one.stdout);
    const bad = await run("0");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--workers must be an integer of at least 1/);
    assert.deepEqual(await listDir(dir), ["app.log"]);
  });
});

Deno.test("distinct prints the first line of each key in input order", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/app.log`, REQUESTS + REQUESTS);
    const lines = REQUESTS.trimEnd().split("\n");
    const whole = await sluice(["distinct", `${dir}/app.log`]);
    assert.equal(whole.stdout, REQUESTS);
    const byStatus = await sluice([
      "distinct",
      "-k",
      "status",
      `${dir}/app.log`,
    ]);
    assert.deepEqual(byStatus.stdout.trimEnd().split("\n"), [
      lines[0],
      lines[1],
      lines[2],
      lines[3],
    ]);
    const many = Array.from(
      { length: 2000 },
      (_, i) => `line ${(i * 13) % 700}`,
    );
    await Deno.writeTextFile(`${dir}/many.log`, many.join("\n") + "\n");
    const spilled = await sluice([
      "distinct",
      "--budget",
      "4096",
      "-T",
      dir,
      "--summary",
      `${dir}/many.log`,
    ]);
    assert.equal(spilled.stdout, [...new Set(many)].join("\n") + "\n");
    assert.match(spilled.stderr, /distinct#2: runsWritten [1-9]/);
    await Deno.remove(`${dir}/many.log`);
    assert.deepEqual(await listDir(dir), ["app.log"]);
  });
});

Deno.test("--max-line-bytes and --long-lines let every command read a line longer than 1 MiB, and the error says so", async () => {
  await withTempDir(async (dir) => {
    const log = `${dir}/long.log`;
    await Deno.writeTextFile(
      log,
      `${"x".repeat(1024 * 1024 + 1)} ERROR\nshort ERROR\n`,
    );
    const failed = await sluice(["grep", "-c", "ERROR", log]);
    assert.equal(failed.code, 2);
    assert.equal(
      failed.stderr,
      `sluice grep: Line 1 of "${log}" is longer than maxLineBytes (1048576) at byte offset 0: use --max-line-bytes SIZE, or --long-lines split or skip\n`,
    );
    const raised = await sluice([
      "grep",
      "-c",
      "ERROR",
      "--max-line-bytes",
      "2MiB",
      log,
    ]);
    assert.deepEqual([raised.code, raised.stdout], [0, "2\n"]);
    const skipped = await sluice([
      "grep",
      "-c",
      "ERROR",
      "--long-lines=skip",
      log,
    ]);
    assert.deepEqual([skipped.code, skipped.stdout], [0, "1\n"]);
    // Split: the pieces of the long line, then the short line.
    const split = await sluice([
      "head",
      "-n",
      "3",
      "--max-line-bytes",
      "1MiB",
      "--long-lines",
      "split",
      log,
    ]);
    assert.equal(split.code, 0, split.stderr);
    assert.deepEqual(split.stdout.split("\n").map((l) => l.length), [
      1024 * 1024,
      7,
      11,
      0,
    ]);
    for (
      const [args, message] of [
        [
          ["--max-line-bytes", "lots"],
          /--max-line-bytes must be a size such as 65536, 4MiB or 4MB, got "lots"/,
        ],
        [
          ["--long-lines", "wrap"],
          /--long-lines must be error, split or skip, got "wrap"/,
        ],
      ] as const
    ) {
      const r = await sluice(["count", ...args, log]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
    }
  });
});

Deno.test("the command line names the file and line of a failure, not a stage", async () => {
  await withTempDir(async (dir) => {
    const log = `${dir}/in.log`;
    await Deno.writeTextFile(log, "a ERROR\n");
    const r = await sluice(["grep", "ERROR", log, "--output", "/dev/full"]);
    assert.equal(
      r.stderr,
      `sluice grep: Cannot write "/dev/full": No space left on device (os error 28) (at line 1 of "${log}")\n`,
    );
    assert.doesNotMatch(r.stderr, /Stage|#\d/);
  });
});

Deno.test("grep --regex is JavaScript's Unicode mode, and says so of POSIX classes and GNU's word anchors", async () => {
  await withTempDir(async (dir) => {
    const log = `${dir}/in.log`;
    await Deno.writeTextFile(log, "a1\nfoo bar\n😀\n");
    const dot = await sluice(["grep", "--regex", "^.$", log]);
    assert.deepEqual([dot.code, dot.stdout], [0, "😀\n"]);
    const letters = await sluice(["grep", "--regex", "^\\p{L}+ ", log]);
    assert.deepEqual([letters.code, letters.stdout], [0, "foo bar\n"]);
    for (
      const [pattern, message] of [
        ["[[:digit:]]+", /no POSIX class such as \[\[:digit:\]\]: use \\d/],
        ["\\<foo", /no \\< or \\>: use \\b for a word boundary/],
        ["foo\\>", /no \\< or \\>/],
        [
          "(",
          /^sluice grep: invalid regular expression: \/\(\/u: Unterminated group$/m,
        ],
      ] as const
    ) {
      const r = await sluice(["grep", "--regex", pattern, log]);
      assert.equal(r.code, 2, pattern);
      assert.match(r.stderr, message);
    }
    // An escaped backslash before < is a backslash and a <.
    const escaped = await sluice(["grep", "--regex", "\\\\<", log]);
    assert.equal(escaped.code, 1, escaped.stderr);
  });
});

Deno.test("group with workers counts every line of a pipe (/dev/stdin), not the one a size of 0 would promise", async () => {
  const lines = Array.from(
    { length: 20_000 },
    (_, n) => `t svc=${["api", "auth", "db"][n % 3]} n=${n}`,
  );
  const r = await sluice(
    ["group", "--by", "svc", "--count", "--workers", "2", "/dev/stdin"],
    lines.join("\n") + "\n",
  );
  assert.equal(r.code, 0, r.stderr);
  const counts = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(
    counts.map((g) => g.count).reduce((a: number, b: number) => a + b, 0),
    20_000,
  );
});

Deno.test("grep goes on past an input it cannot read and exits 2 at the end; lines of PATTERN are alternatives, as in GNU grep", async () => {
  await withTempDir(async (dir) => {
    const log = `${dir}/in.log`;
    await Deno.writeTextFile(log, "a.b ERROR\nq(r\nnone\nx-y\n");
    const r = await sluice(["grep", "ERROR", `${dir}/missing.log`, log, dir]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, `${log}:a.b ERROR\n`);
    assert.equal(
      r.stderr,
      `sluice grep: ${dir}/missing.log: No such file or directory\nsluice grep: ${dir}: Is a directory\n`,
    );
    const none = await sluice(["grep", "ERROR", `${dir}/missing.log`]);
    assert.deepEqual([none.code, none.stdout], [2, ""]);

    const literal = await sluice(["grep", "a.b\nq(r\nx-y", log]);
    assert.deepEqual([literal.code, literal.stdout], [
      0,
      "a.b ERROR\nq(r\nx-y\n",
    ]);
    const folded = await sluice(["grep", "-i", "A.B\nQ(R", log]);
    assert.equal(folded.stdout, "a.b ERROR\nq(r\n");
    const regex = await sluice(["grep", "--regex", "^q\\(\n^none$", log]);
    assert.equal(regex.stdout, "q(r\nnone\n");
  });
});

Deno.test("tail reads a regular file from its end: the same lines as reading it all, and a huge file's end at once", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.log`;
    let seed = 5;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 6; round++) {
      const lines = Array.from(
        { length: random(40) },
        () => "é".repeat(random(3)) + "x".repeat(random(70_000)),
      );
      const trailing = random(2) === 0;
      const text = lines.join("\n") + (trailing && lines.length ? "\n" : "");
      await Deno.writeTextFile(path, text);
      for (const n of [0, 1, 7, 50]) {
        const r = await sluice(["tail", "-n", String(n), path]);
        const all = text === "" ? [] : text.replace(/\n$/, "").split("\n");
        const expected = n === 0 ? [] : all.slice(-n);
        // As GNU tail: a last line without LF stays without it.
        const out = expected.map((l) => l + "\n").join("");
        assert.equal(
          r.stdout,
          trailing || out === "" ? out : out.slice(0, -1),
          `round ${round}, -n ${n}`,
        );
      }
    }
    // 2 GiB of holes, then three lines: read from the end, not through.
    const big = `${dir}/big.log`;
    const file = await Deno.open(big, { write: true, create: true });
    await file.truncate(2 ** 31);
    await file.seek(0, Deno.SeekMode.End);
    await file.write(new TextEncoder().encode("\na\nb\nc\n"));
    file.close();
    // Read through, its first line (2 GiB of NULs) would be too long.
    const r = await sluice(["tail", "-n", "2", big]);
    assert.deepEqual([r.code, r.stdout], [0, "b\nc\n"]);
  });
});

Deno.test("SIGTERM in the middle of sluice sort leaves the spill directory empty, as Ctrl-C does", async () => {
  await withTempDir(async (dir) => {
    const lines: string[] = [];
    for (let i = 0; i < 300_000; i++) lines.push(`${(i * 7919) % 1000} ${i}`);
    await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
    await Deno.mkdir(`${dir}/tmp`);
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        CLI,
        "sort",
        "-n",
        "--budget",
        "64KB",
        "-T",
        `${dir}/tmp`,
        "--output",
        `${dir}/out.log`,
        `${dir}/in.log`,
      ],
      env: { SLUICE_TEST_MIN_BUDGET: "4096" },
      stdout: "null",
      stderr: "null",
    }).spawn();
    let spilled = false;
    for (let i = 0; i < 400 && !spilled; i++) {
      await new Promise((r) => setTimeout(r, 25));
      for (const name of await listDir(`${dir}/tmp`)) {
        if ((await listDir(`${dir}/tmp/${name}`).catch(() => [])).length > 1) {
          spilled = true;
        }
      }
    }
    assert.ok(spilled, "no spill files seen");
    child.kill("SIGTERM");
    assert.equal((await child.status).code, 143);
    assert.deepEqual(await listDir(`${dir}/tmp`), []);
    assert.deepEqual(await listDir(dir), ["in.log", "tmp"]);
  });
});

Deno.test("the first Ctrl-C stops a command waiting on a FIFO with no other end, reading or writing", async () => {
  await withTempDir(async (dir) => {
    const fifo = `${dir}/fifo`;
    await Deno.writeTextFile(`${dir}/in.log`, "x\n");
    assert.ok(
      (await new Deno.Command("mkfifo", { args: [fifo] }).output()).success,
    );
    for (
      const args of [["count", fifo], [
        "grep",
        "x",
        `${dir}/in.log`,
        "--output",
        fifo,
      ]]
    ) {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", CLI, ...args],
        stdout: "null",
        stderr: "null",
      }).spawn();
      // Started and waiting in open(): a second is plenty on any machine.
      await new Promise((ok) => setTimeout(ok, 1000));
      child.kill("SIGINT");
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stuck = new Promise<"stuck">((ok) => {
        timer = setTimeout(() => ok("stuck"), 10_000);
      });
      const first = await Promise.race([child.status, stuck]);
      clearTimeout(timer);
      if (first === "stuck") child.kill("SIGKILL");
      assert.notEqual(first, "stuck", `${args.join(" ")}: Ctrl-C ignored`);
      assert.equal((await child.status).code, 130, args.join(" "));
    }
  });
});

Deno.test("usage errors suggest only a close option, and --output '' is one", async () => {
  const cases: [string[], string][] = [
    [["count", "--bogus"], "sluice count: unknown option --bogus\n"],
    [
      ["count", "--no-progres"],
      "sluice count: unknown option --no-progres; did you mean --no-progress?\n",
    ],
    [["count", "-Z"], "sluice count: unknown option -Z\n"],
    [["grep", "-V", "x"], "sluice grep: unknown option -V; did you mean -v?\n"],
    [
      ["count", "--output", ""],
      "sluice count: --output needs a file name (or - for standard output)\n",
    ],
    [
      ["head", "-n", "-1"],
      'sluice head: --lines must be an integer of at least 0, got "-1"\n',
    ],
  ];
  for (const [args, first] of cases) {
    const r = await sluice(args, "");
    assert.equal(r.code, 2, args.join(" "));
    assert.equal(r.stderr.split("Try")[0], first, args.join(" "));
  }
});

Deno.test("group prints its aggregates in the command line's order, in JSON and CSV, with and without workers", async () => {
  await withTempDir(async (dir) => {
    const log = `${dir}/in.log`;
    await Deno.writeTextFile(
      log,
      "a svc=x lat=1\na svc=y lat=3\na svc=x lat=5\n",
    );
    for (const workers of ["1", "2"]) {
      const json = await sluice([
        "group",
        "--by",
        "svc",
        "--p95",
        "lat",
        "--count",
        "--sum",
        "lat",
        "--workers",
        workers,
        log,
      ]);
      assert.equal(
        json.stdout,
        '{"svc":"x","p95_lat":5,"count":2,"sum_lat":6}\n{"svc":"y","p95_lat":3,"count":1,"sum_lat":3}\n',
      );
      const csv = await sluice([
        "group",
        "--by",
        "svc",
        "--max",
        "lat",
        "--min",
        "lat",
        "--csv",
        "--workers",
        workers,
        log,
      ]);
      assert.equal(csv.stdout, "svc,max_lat,min_lat\nx,5,1\ny,3,3\n");
    }
  });
});

Deno.test("count's --summary, and other commands', declare every row's bound: no unnamed stage of the command's own", async () => {
  await withLog(async (dir, log) => {
    for (
      const job of [
        ["count"],
        ["sort", "-k", "latency_ms"],
        ["grep", "-c", "ERROR"],
        ["fields", "-k", "status"],
        ["group", "--by-word", "3", "--count"],
        ["distinct", "-k", "path"],
      ]
    ) {
      const run = await sluice([
        ...job,
        "--summary",
        "--output",
        `${dir}/out`,
        log,
      ]);
      assert.equal(run.code, 0, `${job.join(" ")}: ${run.stderr}`);
      const table = run.stderr.split("\n");
      assert.ok(table.some((l) => l.startsWith("readLines")), run.stderr);
      for (const line of table) {
        assert.doesNotMatch(line, /not declared|^stage#/, job.join(" "));
      }
    }
  });
});
