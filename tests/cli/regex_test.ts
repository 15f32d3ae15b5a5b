// Copyright 2026 the sluice authors. MIT license.
// grep --regex matches in a worker: a pattern that backtracks for minutes
// does not keep Ctrl-C, SIGTERM or SIGHUP from stopping the run at once.
import assert from "node:assert/strict";
import { listDir, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

async function sluice(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

/** Starts `args` on the CLI, stops it with `signal` once under way. */
async function stopped(
  args: string[],
  dir: string,
  signal: Deno.Signal,
): Promise<{ first: "late" | Deno.CommandStatus; code: number; err: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args, "--output", `${dir}/out.log`],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  // The temporary output beside out.log: the run is under way.
  for (let i = 0; i < 500 && (await listDir(dir)).length < 2; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 300));
  child.kill(signal);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((ok) => {
    timer = setTimeout(() => ok("late"), 1500);
  });
  const first = await Promise.race([child.status, late]);
  clearTimeout(timer);
  if (first === "late") child.kill("SIGKILL");
  const out = await child.output();
  return { first, code: out.code, err: decoder.decode(out.stderr) };
}

for (
  const [signal, code, said] of [
    ["SIGINT", 130, "interrupted"],
    ["SIGTERM", 143, "stopped by SIGTERM"],
  ] as const
) {
  Deno.test(`${signal} stops grep --regex within a second while the expression backtracks`, async () => {
    await withTempDir(async (dir) => {
      // Each line takes ^(a|aa)+$ seconds to fail on: minutes in all.
      await Deno.writeTextFile(
        `${dir}/in.log`,
        `${"a".repeat(40)}b\n`.repeat(20),
      );
      const r = await stopped(
        ["grep", "--regex", "^(a|aa)+$", `${dir}/in.log`],
        dir,
        signal,
      );
      assert.notEqual(r.first, "late", `${signal} went unheard for 1.5 s`);
      assert.equal(r.code, code);
      assert.match(r.err, new RegExp(`: ${said}\\n`));
      assert.deepEqual(await listDir(dir), ["in.log"]);
    });
  });
}

// Every grep -E path matches in a worker: with -n, -m, -l and -c (a limit),
// -o (the matches of a line), and a checkpointed run. Each line takes
// ^(a|aa)+$ seconds to fail on; for -o, the line is selected at once by ^x
// and then searched for its matches, where (a|aa)+$ backtracks at each a.
const STUCK = `${"a".repeat(40)}b\n`.repeat(20);
const PATHS: {
  flags: string[];
  pattern?: string;
  files?: number;
  left?: string[];
}[] = [
  { flags: ["-n"] },
  { flags: ["-m", "1"] },
  { flags: ["-l"] },
  { flags: ["-c", "-m", "5"] },
  // (Two files: one alone is counted with no output file to see.)
  { flags: ["-c"], files: 2 },
  { flags: ["-o"], pattern: "^x|(a|aa)+$" },
  { flags: ["-on"], pattern: "^x|(a|aa)+$" },
  {
    flags: ["--checkpoint", "ck"],
    // What the same command resumes from.
    left: [".out.log.sluice-partial", "ck", "in.log"],
  },
];
for (
  const [signal, code, said] of [
    ["SIGINT", 130, "interrupted"],
    ["SIGTERM", 143, "stopped by SIGTERM"],
  ] as const
) {
  for (const { flags, pattern, files = 1, left } of PATHS) {
    Deno.test(`${signal} stops grep -E ${flags.join(" ")} within a second while the expression backtracks`, async () => {
      await withTempDir(async (dir) => {
        await Deno.writeTextFile(
          `${dir}/in.log`,
          pattern === undefined ? STUCK : STUCK.replaceAll(/^/gm, "x"),
        );
        const r = await stopped(
          [
            "grep",
            "-E",
            ...flags.map((f) => f === "ck" ? `${dir}/ck` : f),
            pattern ?? "^(a|aa)+$",
            ...Array(files).fill(`${dir}/in.log`),
          ],
          dir,
          signal,
        );
        assert.notEqual(r.first, "late", `${signal} went unheard for 1.5 s`);
        assert.equal(r.code, code, r.err);
        assert.match(r.err, new RegExp(`: ${said}\\n`));
        assert.deepEqual(await listDir(dir), left ?? ["in.log"]);
      });
    });
  }
}

for (const format of [[], ["--format", "logfmt"]]) {
  Deno.test(
    `Ctrl-C stops grep -E -k FIELD${
      format.length === 0 ? "" : ` ${format.join(" ")}`
    } within a second while the expression backtracks on a field`,
    async () => {
      await withTempDir(async (dir) => {
        await Deno.writeTextFile(
          `${dir}/in.log`,
          `level=info msg=${"a".repeat(40)}b\n`.repeat(20),
        );
        const r = await stopped(
          [
            "grep",
            ...format,
            "-E",
            "-k",
            "msg",
            "^(a|aa)+$",
            `${dir}/in.log`,
          ],
          dir,
          "SIGINT",
        );
        assert.notEqual(r.first, "late", "Ctrl-C went unheard for 1.5 s");
        assert.equal(r.code, 130, r.err);
        assert.deepEqual(await listDir(dir), ["in.log"]);
      });
    },
  );
}

for (const command of ["fields -k a", "sort -k a", "group --by a --count"]) {
  Deno.test(`Ctrl-C stops ${command} --format regex:PATTERN within a second while the expression backtracks`, async () => {
    await withTempDir(async (dir) => {
      await Deno.writeTextFile(
        `${dir}/in.log`,
        `${"a".repeat(40)}b\n`.repeat(20),
      );
      const r = await stopped(
        [
          ...command.split(" "),
          "--format",
          "regex:^(?<a>(a|aa)+)$",
          `${dir}/in.log`,
        ],
        dir,
        "SIGINT",
      );
      assert.notEqual(
        r.first,
        "late",
        `${command}: Ctrl-C went unheard for 1.5 s`,
      );
      assert.equal(r.code, 130);
      assert.match(r.err, /: interrupted\n/);
      assert.deepEqual(await listDir(dir), ["in.log"]);
    });
  });
}

Deno.test("--format regex:PATTERN in its worker gives parse's records, errors at their own line, and skips", async () => {
  await withTempDir(async (dir) => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `k${i % 7} v=${i}`);
    lines[45_677] = "bad line";
    await Deno.writeTextFile(
      `${dir}/a.log`,
      lines.slice(0, 1000).join("\n") + "\n",
    );
    await Deno.writeTextFile(`${dir}/b.log`, lines.join("\n") + "\n");
    const format = ["--format", "regex:^(?<k>k\\d) v=(?<v>\\d+)$"];
    const failed = await sluice([
      "fields",
      "-k",
      "v",
      ...format,
      `${dir}/a.log`,
      `${dir}/b.log`,
    ]);
    assert.equal(failed.code, 1);
    assert.equal(
      failed.stderr,
      `sluice fields: Line does not match /^(?<k>k\\d) v=(?<v>\\d+)$/u: "bad line" (at line 45678 of "${dir}/b.log")\n`,
    );
    const skipped = await sluice([
      "fields",
      "-k",
      "k,v",
      ...format,
      "--on-error",
      "skip",
      `${dir}/b.log`,
    ]);
    assert.equal(skipped.code, 0);
    const expected = lines.filter((l) => l !== "bad line").map((l) => {
      const [k, v] = l.split(" v=");
      return `${JSON.stringify({ k, v })}\n`;
    }).join("");
    assert.equal(skipped.stdout, expected);
    assert.match(skipped.stderr, /1 line skipped; the first: line 45678 of/);
    const sorted = await sluice([
      "sort",
      "-k",
      "v",
      "-n",
      "-r",
      ...format,
      "--on-error",
      "skip",
      `${dir}/a.log`,
    ]);
    assert.equal(
      sorted.stdout,
      lines.slice(0, 1000).reverse().map((l) => `${l}\n`).join(""),
    );
  });
});

Deno.test("grep --regex in its worker keeps the matching lines in order, -v and -i too", async () => {
  await withTempDir(async (dir) => {
    // Enough lines for several batches to the worker.
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `${i} ${i % 3 === 0 ? "Error" : "info"} ${"x".repeat(i % 50)}`,
    );
    await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
    const re = /^\d*5 error/iu;
    const kept = await sluice([
      "grep",
      "--regex",
      "-i",
      "^\\d*5 error",
      `${dir}/in.log`,
    ]);
    assert.equal(kept.code, 0);
    assert.equal(
      kept.stdout,
      lines.filter((l) => re.test(l)).map((l) => `${l}\n`).join(""),
    );
    const dropped = await sluice([
      "grep",
      "--regex",
      "-v",
      "-c",
      "[05] info",
      `${dir}/in.log`,
    ]);
    assert.equal(
      dropped.stdout,
      `${lines.filter((l) => !/[05] info/u.test(l)).length}\n`,
    );
    const none = await sluice([
      "grep",
      "--regex",
      "^nothing$",
      `${dir}/in.log`,
    ]);
    assert.deepEqual([none.code, none.stdout], [1, ""]);
  });
});

Deno.test("grep --regex of literals in alternation selects the lines the expression does, searched as literals in the reader", async () => {
  await withTempDir(async (dir) => {
    // Lines and literals of letters and the pattern syntax, seeded.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const pick = (chars: string, n: number) =>
      Array.from({ length: n }, () => chars[next() % chars.length]).join("");
    const lines = Array.from(
      { length: 3000 },
      () => pick("abAB.|()*+?[]{}^$/\\ ", 4 + next() % 20),
    );
    const path = `${dir}/in.log`;
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const escape = (t: string) => t.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
    for (let round = 0; round < 6; round++) {
      const literals = Array.from(
        { length: 1 + round % 3 },
        () => pick("abAB.|()*", 1 + next() % 3),
      );
      const source = literals.map(escape).join("|");
      const flags = round % 2 === 0 ? [] : ["-i"];
      const re = new RegExp(source, round % 2 === 0 ? "u" : "iu");
      const got = await sluice([
        "grep",
        "-E",
        ...flags,
        source,
        "--summary-json",
        `${dir}/summary.json`,
        path,
      ]);
      const want = lines.filter((l) => re.test(l));
      assert.equal(
        got.stdout,
        want.map((l) => `${l}\n`).join(""),
        `grep -E ${flags.join(" ")} ${source}`,
      );
      assert.equal(got.code, want.length > 0 ? 0 : 1);
      const counted = await sluice(["grep", "-E", "-v", "-c", source, path]);
      assert.equal(
        counted.stdout,
        `${lines.filter((l) => !new RegExp(source, "u").test(l)).length}\n`,
      );
      // Searched in the reader, not in a worker.
      if (round % 2 === 0) {
        const summary = JSON.parse(
          await Deno.readTextFile(`${dir}/summary.json`),
        );
        assert.match(summary.stages[1].bound, /fused into readLines/);
      }
    }
    // -o keeps the expression: at one place its first alternative that
    // matches, where literals take the longest.
    await Deno.writeTextFile(path, "xabcx\n");
    const only = await sluice(["grep", "-o", "-E", "ab|abc", path]);
    assert.equal(only.stdout, "ab\n");
  });
});

Deno.test("grep -o of an expression matches each line once, in one worker, and tells selected lines by its count", async () => {
  // Selected by a grep of their own first, in a worker of its own, the
  // lines went through the expression twice and the run held two workers.
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `id=${i} ${i % 3 ? `user=u${i % 7}` : "anonymous"}`,
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const json = `${dir}/s.json`;
    const r = await sluice(
      ["grep", "-o", "-E", "user=u[0-9]+", "--summary-json", json, path],
    );
    assert.equal(r.code, 0);
    const want = lines.flatMap((l) => l.match(/user=u[0-9]+/g) ?? []);
    assert.equal(r.stdout, want.map((m) => m + "\n").join(""));
    const summary = JSON.parse(await Deno.readTextFile(json));
    const greps = summary.stages.filter((s: { kind: string }) =>
      s.kind === "grep"
    );
    assert.equal(greps.length, 1);
    assert.equal(greps[0].counters.linesSelected, want.length);
    // Lines whose every match is empty are selected, though nothing of them
    // is printed (status 0), as GNU grep; none selected is status 1.
    const empty = await sluice(["grep", "-o", "-E", "(?<=id)", path]);
    assert.deepEqual([empty.code, empty.stdout], [0, ""]);
    const none = await sluice(["grep", "-o", "-E", "(?<=idx)", path]);
    assert.deepEqual([none.code, none.stdout], [1, ""]);
  });
});

Deno.test("grep --regex keeps its dialect: POSIX classes and \\< are usage errors", async () => {
  const posix = await sluice(["grep", "--regex", "[[:digit:]]+", "/dev/null"]);
  assert.equal(posix.code, 2);
  assert.match(posix.stderr, /no POSIX class such as \[\[:digit:\]\]: use \\d/);
  const word = await sluice(["grep", "--regex", "\\<id", "/dev/null"]);
  assert.equal(word.code, 2);
  assert.match(word.stderr, /no \\< or \\>: use \\b/);
  const bad = await sluice(["grep", "--regex", "a{2,1}", "/dev/null"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /invalid regular expression/);
  // --format regex:PATTERN is the same dialect, and says so the same way.
  const field = await sluice([
    "fields",
    "-k",
    "n",
    "--format",
    "regex:^(?<n>[[:digit:]]+)",
    "/dev/null",
  ]);
  assert.equal(field.code, 2);
  assert.match(
    field.stderr,
    /^sluice fields: --format regex:PATTERN is JavaScript's dialect, which has no POSIX class such as \[\[:digit:\]\]: use \\d/,
  );
  const anchor = await sluice([
    "sort",
    "-k",
    "w",
    "--format",
    "regex:\\<(?<w>\\w+)",
    "/dev/null",
  ]);
  assert.equal(anchor.code, 2);
  assert.match(
    anchor.stderr,
    /--format regex:PATTERN is JavaScript's dialect, which has no \\< or \\>: use \\b/,
  );
});

Deno.test("without read access to its own files, the command line matches a regular expression on the main thread, as before", async () => {
  for (
    const args of [
      ["grep", "--regex", "^b\\d"],
      [
        "fields",
        "-k",
        "n",
        "--format",
        "regex:^b(?<n>\\d)",
        "--on-error",
        "skip",
      ],
    ]
  ) {
    // No permission at all: standard input to standard output.
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", CLI, ...args],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode("a1\nb2\nb3\n"));
    await writer.close();
    const out = await child.output();
    assert.equal(out.code, 0, args[0]);
    assert.equal(
      decoder.decode(out.stdout),
      args[0] === "grep" ? "b2\nb3\n" : '{"n":"2"}\n{"n":"3"}\n',
    );
  }
});

Deno.test("grep -E -k FIELD and --format regex:PATTERN match on the main thread an expression whose work grows with a text's length, no faster, and the others in a worker, to the same records", async () => {
  await withTempDir(async (dir) => {
    const levels = ["info", "warn", "error"];
    const lines = Array.from(
      { length: 5000 },
      (_, i) =>
        `level=${levels[i % 3]} status=${[200, 503, 504, 404][i % 4]} n=${i}`,
    );
    const path = `${dir}/in.log`;
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const summary = `${dir}/summary.json`;
    const stages = async () =>
      (JSON.parse(await Deno.readTextFile(summary)).stages as {
        name: string;
      }[]).map((s) => s.name);
    const slow = lines.filter((l) => / status=50[34] /.test(l)).length;
    // The field test in a worker shows as its stages "field" and "select".
    for (
      const [pattern, worker] of [
        ["^50[34]$", false],
        ["5.*[34]$", true],
        ["^(?:50[34])+$", true],
      ] as const
    ) {
      for (const invert of [[], ["-v"]]) {
        const got = await sluice([
          "grep",
          "-c",
          ...invert,
          "-E",
          "-k",
          "status",
          pattern,
          "--summary-json",
          summary,
          path,
        ]);
        assert.equal(
          got.stdout,
          `${invert.length === 0 ? slow : lines.length - slow}\n`,
          `${pattern} ${invert.join(" ")}`,
        );
        assert.equal((await stages()).includes("select"), worker, pattern);
      }
    }
    // Records of --format regex: in a worker show as the stage "regex".
    const counts = levels.map((level) =>
      `{"level":"${level}","count":${
        lines.filter((l) => l.startsWith(`level=${level} `)).length
      }}\n`
    ).sort().join("");
    for (
      const [format, worker] of [
        ["regex:^level=(?<level>[a-z]{4,5}) status=(?<status>\\d{3})", false],
        [
          "regex:^level=(?<level>.+?) (?<rest>.*)status=(?<status>\\d{3})",
          true,
        ],
      ] as const
    ) {
      const got = await sluice([
        "group",
        "--by",
        "level",
        "--count",
        "--format",
        format,
        "--summary-json",
        summary,
        path,
      ]);
      assert.equal(
        got.stdout.split("\n").sort().join("\n"),
        counts.split("\n").sort().join("\n"),
        format,
      );
      assert.equal((await stages()).includes("regex"), worker, format);
    }
  });
});
