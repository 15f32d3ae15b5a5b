// Copyright 2026 the sluice authors. MIT license.
// The command line's GNU manners: sluice grep, head and tail against GNU
// grep, head and tail on the same files, byte for byte (standard output,
// exit status, and standard error but for the program's name), and the
// usage errors of the spellings whose meaning changed.
import assert from "node:assert/strict";
import { withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

interface Run {
  code: number;
  stdout: Uint8Array;
  stderr: string;
}

async function run(
  command: string,
  args: string[],
  cwd: string,
  stdin?: string,
): Promise<Run> {
  const child = new Deno.Command(command, {
    args,
    cwd,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", LC_ALL: "C.UTF-8" },
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  return {
    code: out.code,
    stdout: out.stdout,
    stderr: decoder.decode(out.stderr),
  };
}

function sluice(args: string[], cwd: string, stdin?: string): Promise<Run> {
  return run(Deno.execPath(), ["run", "-A", CLI, ...args], cwd, stdin);
}

const FILES: Record<string, string> = {
  "a.log": [
    "Nov 30 10:00:01 host sshd[1]: Failed password for root from 10.0.0.1",
    "Nov 30 10:00:02 host sshd[1]: Accepted password for alice",
    "Nov 30 10:00:03 host sshd[2]: Failed password for invalid user bob; Failed again",
    "Nov 30 10:00:04 host sshd[2]: Invalid user eve from 10.0.0.2",
    "Nov 30 10:00:05 host sshd[3]: failed to resolve host",
    "Nov 30 10:00:06 host sshd[3]: Failed password for user=mallory",
  ].join("\n") + "\n",
  "b.log": [
    "nothing here",
    "Failed publickey for carol",
    "user=dave ok",
  ].join("\n") + "\n",
  "c.log": "quiet line\nanother quiet line\n",
  // The dotless i and the long s match "i" and "s" ignoring case; the
  // dotted capital I only itself.
  "fold.log": [
    "a timeout here",
    "TIMEOUT x",
    "t\u0131meout dotless",
    "t\u0131meout and timeout",
    "se\u017f\u017fion",
    "t\u0130meout",
    "no match",
  ].join("\n") + "\n",
  "empty.log": "",
  "meta.log": [
    "a.b[c]* literally",
    "axb[c]* not literally",
    "abbbc no",
    "(x|y)+? $HOME ^start \\d",
  ].join("\n") + "\n",
  "twelve.log": Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join(
    "\n",
  ) + "\n",
};

async function withFiles(fn: (dir: string) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    for (const [name, text] of Object.entries(FILES)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    await Deno.mkdir(`${dir}/sub`);
    await fn(dir);
  });
}

/** Runs GNU's `command` and sluice's on `args` and asserts the same result. */
async function same(
  dir: string,
  command: "grep" | "head" | "tail",
  args: string[],
  stdin?: string,
): Promise<Run> {
  const gnu = await run(command, args, dir, stdin);
  const ours = await sluice([command, ...args], dir, stdin);
  const what = `${command} ${args.join(" ")}`;
  assert.equal(
    decoder.decode(ours.stdout),
    decoder.decode(gnu.stdout),
    `${what}: standard output`,
  );
  assert.deepEqual(ours.stdout, gnu.stdout, `${what}: the bytes`);
  assert.equal(ours.code, gnu.code, `${what}: exit status`);
  // GNU's messages start with the name it was run by, here its full path.
  assert.equal(
    ours.stderr.replaceAll(/^sluice /gm, ""),
    gnu.stderr.replaceAll(/^\/\S*\/(grep|head|tail):/gm, "$1:"),
    `${what}: standard error`,
  );
  return gnu;
}

Deno.test("grep over several files prefixes file names, and -H and -h choose, as GNU grep", async () => {
  await withFiles(async (dir) => {
    await same(dir, "grep", ["Failed", "a.log", "b.log", "c.log"]);
    await same(dir, "grep", ["-h", "Failed", "a.log", "b.log"]);
    await same(dir, "grep", ["-H", "Failed", "a.log"]);
    await same(dir, "grep", ["-H", "-h", "Failed", "a.log", "b.log"]);
    await same(dir, "grep", ["-h", "-H", "Failed", "a.log"]);
    await same(dir, "grep", ["-H", "Failed"], FILES["b.log"]);
    await same(dir, "grep", ["Failed", "-", "b.log"], FILES["a.log"]);
  });
});

Deno.test("grep reports a missing file or a directory, searches the others and exits 2, as GNU grep", async () => {
  await withFiles(async (dir) => {
    await same(dir, "grep", ["Failed", "a.log", "missing.log", "b.log"]);
    await same(dir, "grep", ["-c", "Failed", "missing.log", "b.log"]);
    await same(dir, "grep", ["Failed", "missing.log"]);
    await same(dir, "grep", ["-l", "Failed", "sub", "a.log"]);
    await same(dir, "grep", ["nowhere", "a.log", "missing.log"]);
  });
});

Deno.test("grep -c counts per file, FILE:N with several and N with -h, as GNU grep", async () => {
  await withFiles(async (dir) => {
    await same(dir, "grep", ["-c", "Failed", "a.log", "b.log", "empty.log"]);
    await same(dir, "grep", ["-c", "-h", "Failed", "a.log", "b.log"]);
    await same(dir, "grep", ["-c", "Failed", "a.log"]);
    await same(dir, "grep", ["-c", "Failed", "c.log"]);
    await same(dir, "grep", ["-cv", "Failed", "a.log", "b.log"]);
    await same(dir, "grep", ["-c", "-m", "1", "Failed", "a.log", "b.log"]);
    await same(dir, "grep", ["-c", "-o", "Failed", "a.log"]);
    // Ignoring case: a literal without i or s counted on bytes.
    await same(dir, "grep", ["-c", "-i", "FOR", "a.log", "b.log", "empty.log"]);
    await same(dir, "grep", ["-cv", "-i", "nov 30", "a.log", "b.log"]);
    await same(dir, "grep", ["-c", "-i", "-m", "2", "hOST", "a.log"]);
    // With i or s: counted on bytes, and the lines with a dotless i or a
    // long s tested.
    await same(dir, "grep", ["-c", "-i", "timeout", "fold.log", "a.log"]);
    await same(dir, "grep", ["-cv", "-i", "SESSION", "fold.log"]);
    await same(dir, "grep", ["-n", "-i", "timeout", "fold.log", "a.log"]);
    await same(dir, "grep", ["-i", "Session", "fold.log"]);
  });
});

Deno.test("grep -l names the files with a selected line, also with -c and -v, as GNU grep", async () => {
  await withFiles(async (dir) => {
    await same(dir, "grep", ["-l", "Failed", "a.log", "b.log", "c.log"]);
    await same(dir, "grep", ["-l", "-c", "Failed", "a.log", "c.log"]);
    await same(dir, "grep", ["-lv", "quiet", "a.log", "c.log"]);
    await same(dir, "grep", ["-l", "nowhere", "a.log", "c.log"]);
    await same(dir, "grep", ["-l", "Failed"], FILES["a.log"]);
  });
});

Deno.test("grep -o prints each match on its own line, with -n and -H as GNU grep", async () => {
  await withFiles(async (dir) => {
    await same(dir, "grep", ["-o", "Failed", "a.log"]);
    await same(dir, "grep", ["-o", "-n", "-H", "Failed", "a.log"]);
    await same(dir, "grep", ["-on", "Failed", "a.log", "b.log"]);
    await same(dir, "grep", ["-oi", "failed", "a.log"]);
    await same(dir, "grep", ["-oE", "user=[a-z]+", "a.log", "b.log"]);
    await same(dir, "grep", ["-oE", "x*", "a.log"]);
    await same(dir, "grep", ["-onE", "user=[a-z]+", "a.log", "b.log"]);
    await same(dir, "grep", ["-oE", "zz+", "a.log", "b.log"]);
    // Lines selected, none printed: status 0.
    await same(dir, "grep", ["-ov", "Failed", "a.log"]);
    await same(dir, "grep", ["-ov", "Failed", "a.log", "b.log"]);
    // The old trap: -o took a.log for the pattern and emptied a file Failed.
    await same(dir, "grep", ["-o", "Failed", "a.log"], "");
    assert.equal(
      await Deno.stat(`${dir}/Failed`).then(() => true, () => false),
      false,
    );
  });
});

Deno.test("grep -n numbers lines as in their files, and -m stops after N selected lines per file, as GNU grep", async () => {
  await withFiles(async (dir) => {
    await same(dir, "grep", ["-n", "Failed", "a.log", "b.log"]);
    await same(dir, "grep", ["-n", "-v", "Failed", "a.log"]);
    await same(dir, "grep", ["-in", "FAILED", "a.log"]);
    await same(dir, "grep", ["-m", "1", "Failed", "a.log", "b.log"]);
    await same(dir, "grep", ["-m2", "-n", "Failed", "a.log"]);
    await same(dir, "grep", ["-m", "1", "-o", "Failed", "a.log"]);
    await same(dir, "grep", ["-m", "0", "Failed", "a.log"]);
    await same(dir, "grep", ["-m", "1", "Failed"], FILES["a.log"]);
  });
});

Deno.test("grep -E with -n, -m, -o, -c and -l (matched in a worker) numbers and stops as GNU grep, CRLF lines too", async () => {
  await withFiles(async (dir) => {
    // Enough lines for several chunks, CRLF-terminated.
    await Deno.writeTextFile(
      `${dir}/crlf.log`,
      Array.from({ length: 20_000 }, (_, i) => `a${i} ${i % 9 ? "ok" : "bad"}`)
        .join("\r\n") + "\r\n",
    );
    await same(dir, "grep", ["-nE", "Fail(ed)?", "a.log", "b.log"]);
    await same(dir, "grep", ["-nE", "^a[0-9]*9 bad", "crlf.log", "a.log"]);
    await same(dir, "grep", ["-E", "-n", "-v", "^Nov|ok", "a.log", "crlf.log"]);
    await same(dir, "grep", ["-E", "-m", "1", "user=[a-z]+", "a.log", "b.log"]);
    await same(dir, "grep", ["-E", "-m3", "-n", "bad", "crlf.log"]);
    await same(dir, "grep", ["-E", "-m2", "-on", "user=[a-z]+", "a.log"]);
    await same(dir, "grep", ["-E", "-on", "[0-9]+5 ba?", "crlf.log"]);
    await same(dir, "grep", ["-E", "-c", "-m", "1", "Fail", "a.log", "b.log"]);
    await same(dir, "grep", ["-E", "-c", "bad", "crlf.log", "a.log"]);
    await same(dir, "grep", [
      "-E",
      "-l",
      "eve|carol",
      "a.log",
      "b.log",
      "c.log",
    ]);
    await same(dir, "grep", ["-E", "-q", "carol"], FILES["a.log"]);
  });
});

Deno.test("grep -e is repeatable, -F takes metacharacters literally and -E takes a regular expression, as GNU grep", async () => {
  await withFiles(async (dir) => {
    await same(dir, "grep", ["-e", "Failed", "-e", "Invalid", "a.log"]);
    await same(dir, "grep", ["-e", "carol", "-e", "eve", "a.log", "b.log"]);
    await same(dir, "grep", ["-c", "-e", "Failed", "-e", "ok", "b.log"]);
    await same(dir, "grep", ["-e", "a.log", "a.log"]);
    await same(dir, "grep", ["-F", "a.b[c]*", "meta.log"]);
    await same(dir, "grep", ["-F", "(x|y)+? $HOME ^start \\d", "meta.log"]);
    await same(dir, "grep", ["-F", "-e", "[c]*", "-e", "$HOME", "meta.log"]);
    // Where two literals start at the same place, -o prints the longer.
    await same(dir, "grep", ["-o", "-e", "Fail", "-e", "Failed", "a.log"]);
    await same(dir, "grep", ["-c", "-v", "-e", "Failed", "-e", "ok", "b.log"]);
    await same(dir, "grep", ["-E", "ab+c", "meta.log"]);
    await same(dir, "grep", ["-E", "^Nov 30 10:00:0[35]", "a.log"]);
    await same(dir, "grep", [
      "-E",
      "-e",
      "bob|eve",
      "-e",
      "^user",
      "a.log",
      "b.log",
    ]);
  });
});

Deno.test("grep -w and -x select where PATTERN matches whole words or the whole line, as GNU grep", async () => {
  await withFiles(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/w.log`,
      [
        "foo bar",
        "foobar",
        "bar_foo",
        " foo",
        "xfoo foo",
        "FOO",
        "foo-bar",
        "\u00e9t\u00e9foo",
        "foo2",
        "",
        "foo\r",
        "foo",
      ].join("\n") + "\n",
    );
    for (
      const args of [
        ["-w", "foo"],
        ["-wi", "foo"],
        ["-wv", "foo"],
        ["-cw", "foo"],
        ["-nw", "foo"],
        ["-ow", "foo"],
        ["-w", "-e", "foo", "-e", "bar"],
        ["-w", "-F", "foo-bar"],
        ["-wE", "fo+"],
        ["-woE", "o*|f"],
        ["-w", ""],
        ["-x", "foo"],
        ["-xv", "foo"],
        ["-xc", "-e", "FOO", "-e", "foobar"],
        ["-xi", "foo"],
        ["-xE", "fo+|bar_.*"],
        ["-x", ""],
        // Both: -x wins, as in GNU grep.
        ["-wx", "foo"],
        ["-w", "Failed", "a.log", "b.log"],
        ["-lw", "user", "a.log", "b.log", "c.log"],
      ]
    ) {
      await same(dir, "grep", args.length > 3 ? args : [...args, "w.log"]);
    }
    // Lines and patterns of a few words, seeded: the same as GNU grep.
    let seed = 11;
    const next = (n: number) =>
      (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const words = ["ab", "a", "b_", "\u00e9a", "1a", "-", " ", ".", "ba"];
    const pick = () => words[next(words.length)]!;
    const lines = Array.from(
      { length: 300 },
      () => Array.from({ length: next(5) }, pick).join(""),
    );
    await Deno.writeTextFile(`${dir}/r.log`, lines.join("\n") + "\n");
    for (let round = 0; round < 12; round++) {
      const pattern = Array.from({ length: 1 + next(2) }, pick).join("");
      const flags = ["-w", "-x", "-wv", "-wc", "-wo", "-wi", "-wn"][round % 7]!;
      await same(dir, "grep", [flags, "-F", "-e", pattern, "r.log"]);
    }
  });
});

Deno.test("grep -A, -B and -C print the lines around each selected one, with GNU grep's marks and separators", async () => {
  await withFiles(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/n.log`,
      Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n",
    );
    await Deno.writeTextFile(
      `${dir}/big.log`,
      Array.from({ length: 20_000 }, (_, i) => `a${i} ${i % 97 ? "ok" : "bad"}`)
        .join("\r\n") + "\r\n",
    );
    for (
      const args of [
        ["-A0", "-E", "-e", "line 3$", "-e", "line 7$", "n.log"],
        ["-C1", "-m2", "-E", "line [357]$", "n.log"],
        // After the -m'th, the lines after are context, matching or not.
        ["-n", "-A2", "-m1", "-E", "line [34]$", "n.log"],
        ["-n", "-C1", "-E", "line 1$", "n.log", "n.log"],
        // -A and -B each win over -C, in either order.
        ["-A1", "-C3", "-E", "line 10$", "n.log"],
        ["-C1", "-B3", "-E", "line 10$", "n.log"],
        ["-n", "-B1", "-v", "-E", "line [0-9]*[02468]$", "n.log"],
        ["-n", "-A1", "-B1", "-E", "-e", "line 3$", "-e", "line 6$", "n.log"],
        ["-C2", "-i", "LINE 1", "n.log", "a.log", "c.log"],
        ["-c", "-A3", "line 1", "n.log", "a.log"],
        ["-l", "-C3", "Failed", "a.log", "b.log", "c.log"],
        ["-A1", "no such text", "n.log"],
        ["-w", "-C1", "user", "a.log", "b.log"],
        // A user's expression, matched in a worker, over many chunks.
        ["-n", "-C1", "-E", "a[0-9]*7 bad", "big.log"],
        ["-B2", "-v", "-E", "ok|bad", "big.log", "n.log"],
        // Several literals, searched as such; -m over several files.
        ["-n", "-C2", "-F", "-e", "a17 ", "-e", "a42 ", "big.log", "n.log"],
        ["-A1", "-m2", "-F", "-e", "line 1", "-e", "ok", "n.log", "big.log"],
        // Another separator, none, an empty one; the last given wins.
        ["--group-separator=##", "-C1", "line 1", "n.log", "a.log"],
        ["--no-group-separator", "-n", "-A1", "line 1", "n.log", "n.log"],
        ["--group-separator=", "-B1", "-m2", "line 1", "n.log", "n.log"],
        ["--no-group-separator", "--group-separator=@", "-A0", "1", "n.log"],
        ["--group-separator=@", "--no-group-separator", "-A0", "1", "n.log"],
        ["--group-separator=@", "line 1", "n.log"],
      ]
    ) {
      await same(dir, "grep", args);
    }
    // Seeded: lines of a few letters, literals, every mark and option.
    let seed = 5;
    const next = (n: number) =>
      (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const files = ["r1.log", "r2.log"];
    for (const file of files) {
      const lines = Array.from(
        { length: 60 },
        () =>
          Array.from({ length: 1 + next(3) }, () => "abc"[next(3)]).join(""),
      );
      await Deno.writeTextFile(`${dir}/${file}`, lines.join("\n") + "\n");
    }
    for (let round = 0; round < 16; round++) {
      const args = [
        ...[["-A"], ["-B"], ["-C"]][next(3)]!,
        String(next(4)),
        ...(next(2) ? ["-n"] : []),
        ...(next(3) === 0 ? ["-v"] : []),
        ...(next(3) === 0 ? ["-m", String(1 + next(5))] : []),
        ...(next(4) === 0 ? ["-C", String(next(3))] : []),
        "-F",
        "-e",
        ["aa", "bc", "cab", "b"][next(4)]!,
        ...(next(2) ? files : [files[0]!]),
      ];
      await same(dir, "grep", args);
    }
  });
});

Deno.test("grep -A, -B and -C are usage errors beside -o, -k, --checkpoint and --partial", async () => {
  await withFiles(async (dir) => {
    for (
      const [args, said] of [
        [["-o", "-C1", "user", "a.log"], "-o takes no context lines"],
        [
          ["--format", "syslog", "-k", "message", "-A1", "user", "a.log"],
          "-k and --format take no context lines",
        ],
        [
          ["-B1", "--checkpoint", "c.ckpt", "--output", "o.log", "x", "a.log"],
          "--checkpoint takes no context lines",
        ],
        [
          ["-A1", "--partial", "p.part", "x", "a.log"],
          "with --shard or --partial, grep takes no context lines",
        ],
        [
          ["-A", "x", "user", "a.log"],
          '--after-context must be an integer of at least 0, got "x"',
        ],
      ] as const
    ) {
      const r = await sluice(["grep", ...args], dir);
      assert.equal(r.code, 2, args.join(" "));
      assert.ok(
        r.stderr.includes(`sluice grep: ${said}`),
        `${args.join(" ")}: ${r.stderr}`,
      );
    }
  });
});

Deno.test("grep -L names the files without a selected line, and -s says nothing of those that cannot be read, as GNU grep", async () => {
  await withFiles(async (dir) => {
    for (
      const args of [
        ["-L", "Failed", "a.log", "b.log", "c.log", "empty.log"],
        // None listed: the status tells whether a line was selected.
        ["-L", "Failed", "a.log"],
        ["-L", "carol", "c.log"],
        ["-L", "-v", "quiet", "c.log", "b.log"],
        // -l and -L: the last given; either over -c.
        ["-l", "-L", "Failed", "a.log", "c.log"],
        ["-L", "-l", "Failed", "a.log", "c.log"],
        ["-Lc", "Failed", "a.log", "c.log"],
        ["-L", "-w", "-E", "Fail|user", "a.log", "b.log", "c.log"],
        // A directory is read and has nothing; a missing file is no file.
        ["-L", "Failed", "sub", "c.log"],
        ["-L", "Failed", "nothing.log", "c.log"],
        ["-s", "Failed", "nothing.log", "sub", "a.log"],
        ["-sq", "Failed", "nothing.log"],
        ["-sc", "Failed", "nothing.log", "a.log"],
        ["-s", "-n", "-C1", "Failed", "nothing.log", "a.log"],
        ["-sL", "x", "sub", "nothing.log", "c.log"],
        ["-sl", "-E", "eve|carol", "nothing.log", "a.log", "b.log"],
      ]
    ) {
      await same(dir, "grep", args);
    }
  });
});

Deno.test("grep exits 0 when a line was selected, 1 when none, 2 on trouble, and -q says only that, as GNU grep", async () => {
  await withFiles(async (dir) => {
    await same(dir, "grep", ["nowhere", "a.log", "b.log"]);
    await same(dir, "grep", ["-q", "Failed", "a.log"]);
    await same(dir, "grep", ["-q", "nowhere", "a.log"]);
    // -q: status 0 at the first selected line, even after an error.
    await same(dir, "grep", ["-q", "Failed", "missing.log", "a.log"]);
    await same(dir, "grep", ["-q", "nowhere", "missing.log", "a.log"]);
    await same(dir, "grep", ["-vc", "quiet", "c.log"]);
    // GNU's long names of -v and -q.
    await same(dir, "grep", ["--invert-match", "-n", "Failed", "a.log"]);
    await same(dir, "grep", ["--silent", "Failed", "a.log"]);
    await same(dir, "grep", ["--silent", "nowhere", "a.log"]);
    // Conflicting matchers: a usage error in both (the words differ).
    const gnu = await run("grep", ["-E", "-F", "x", "a.log"], dir);
    const ours = await sluice(["grep", "-E", "-F", "x", "a.log"], dir);
    assert.deepEqual([ours.code, gnu.code], [2, 2]);
    assert.match(ours.stderr, /^sluice grep: conflicting matchers/);
  });
});

Deno.test("head and tail print GNU's ==> FILE <== headers over several files, -q none and -v always", async () => {
  await withFiles(async (dir) => {
    for (const command of ["head", "tail"] as const) {
      await same(dir, command, ["-n", "2", "a.log", "b.log", "c.log"]);
      await same(dir, command, ["twelve.log", "a.log"]);
      await same(dir, command, ["-n", "1", "a.log", "empty.log", "b.log"]);
      await same(dir, command, ["-q", "-n", "2", "a.log", "b.log"]);
      await same(dir, command, ["-v", "-n", "1", "a.log"]);
      await same(dir, command, ["-v", "-q", "-n", "1", "a.log", "b.log"]);
      await same(dir, command, ["-q", "-v", "-n", "1", "a.log", "b.log"]);
      await same(dir, command, ["-n", "1", "a.log", "-"], FILES["b.log"]);
      await same(dir, command, ["-n", "0", "a.log", "b.log"]);
      await same(dir, command, ["-n", "5", "twelve.log"]);
    }
  });
});

Deno.test("head and tail report a file they cannot read, print the others and exit 1, as GNU's", async () => {
  await withFiles(async (dir) => {
    for (const command of ["head", "tail"] as const) {
      await same(dir, command, ["-n", "1", "a.log", "missing.log", "b.log"]);
      await same(dir, command, ["-n", "1", "missing.log", "a.log"]);
      await same(dir, command, ["-n", "1", "sub", "a.log"]);
    }
  });
});

Deno.test("the old spellings are usage errors that say what changed, not quietly something else", async () => {
  await withFiles(async (dir) => {
    const cases: [string[], string][] = [];
    for (
      const command of [
        "count",
        "head",
        "tail",
        "fields",
        "group",
        "distinct",
        "sample",
      ]
    ) {
      cases.push(
        [
          [command, "-o", "out.log", "a.log"],
          "-o is no longer the output file; use --output FILE",
        ],
        [[command, "-h"], "-h is no longer short for --help; use --help"],
      );
    }
    for (const command of ["count", "fields", "sort", "distinct", "sample"]) {
      cases.push(
        [
          [command, "-q", "a.log"],
          "-q no longer means no progress; use --no-progress",
        ],
        [
          [command, "--quiet", "a.log"],
          "--quiet no longer means no progress; use --no-progress",
        ],
      );
    }
    cases.push([
      ["sort", "-h", "a.log"],
      "-h is no longer short for --help; use --help",
    ]);
    for (const [args, message] of cases) {
      const r = await sluice(args, dir);
      assert.equal(r.code, 2, args.join(" "));
      assert.equal(
        r.stderr,
        `sluice ${args[0]}: ${message}\nTry 'sluice ${args[0]} --help'.\n`,
        args.join(" "),
      );
      assert.deepEqual(r.stdout, new Uint8Array(), args.join(" "));
    }
    // Nothing was written where -o used to write.
    assert.equal(
      await Deno.stat(`${dir}/out.log`).then(() => true, () => false),
      false,
    );
    // split never had an output file: -o is an unknown option there.
    const split = await sluice(["split", "-o", "x", "a.log"], dir);
    assert.equal(split.code, 2);
    assert.match(split.stderr, /^sluice split: unknown option -o\n/);
  });
});

Deno.test("--output, --no-progress and --help work in every command, and sort -o is still the output, as GNU sort", async () => {
  await withFiles(async (dir) => {
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
      const help = await sluice([command, "--help"], dir);
      assert.equal(help.code, 0, command);
      const text = decoder.decode(help.stdout);
      assert.match(text, /^ {6}--help {2,}show this help/m, command);
      assert.match(text, /--no-progress/, command);
      assert.doesNotMatch(text, /-q, --quiet +no progress|-h, --help/, command);
      if (command !== "split") {
        assert.match(
          text,
          command === "sort" ? /-o, --output FILE/ : /^ {6}--output FILE/m,
          command,
        );
      }
    }
    const grepHelp = decoder.decode(
      (await sluice(["grep", "--help"], dir)).stdout,
    );
    for (
      const flag of [
        "-e, --regexp PATTERN",
        "-F, --fixed-strings",
        "-E, --extended-regexp",
        "-o, --only-matching",
        "-n, --line-number",
        "-m, --max-count N",
        "-H, --with-filename",
        "-h, --no-filename",
        "-l, --files-with-matches",
        "-q, --quiet",
        "-c, --count",
      ]
    ) {
      assert.ok(grepHelp.includes(flag), flag);
    }
    assert.match(
      grepHelp,
      /changed: -o was the output file; use --output FILE/,
    );
    const sorted = await sluice(["sort", "-o", "sorted.log", "b.log"], dir);
    assert.equal(sorted.code, 0);
    assert.equal(
      await Deno.readTextFile(`${dir}/sorted.log`),
      "Failed publickey for carol\nnothing here\nuser=dave ok\n",
    );
    const written = await sluice(
      ["grep", "--no-progress", "-n", "Failed", "b.log", "--output", "out.log"],
      dir,
    );
    assert.equal(written.code, 0);
    assert.equal(
      await Deno.readTextFile(`${dir}/out.log`),
      "2:Failed publickey for carol\n",
    );
  });
});

Deno.test("grep file by file counts every file's bytes in the summary, and its inputs", async () => {
  await withFiles(async (dir) => {
    const r = await sluice(
      ["grep", "--summary-json", "s.json", "-c", "Failed", "a.log", "b.log"],
      dir,
    );
    assert.equal(r.code, 0);
    const summary = JSON.parse(await Deno.readTextFile(`${dir}/s.json`));
    const bytes = (name: string) =>
      new TextEncoder().encode(FILES[name]).length;
    assert.equal(summary.bytesRead, bytes("a.log") + bytes("b.log"));
    assert.deepEqual(
      summary.inputs.map((i: { path: string; lines: number }) => [
        i.path,
        i.lines,
      ]),
      [["a.log", 6], ["b.log", 3]],
    );
  });
});

Deno.test("grep over several files is one run from the reader to the writer, each line after its file's name and number, as GNU grep", async () => {
  await withFiles(async (dir) => {
    // CRLF and a last line without its LF: written as read.
    await Deno.writeTextFile(`${dir}/d.log`, "Failed\r\nx Failed\nFailed é");
    for (
      const args of [
        ["-n", "Failed", "a.log", "b.log", "d.log"],
        ["-n", "-i", "failed", "a.log", "b.log", "d.log"],
        ["-n", "-E", "F[a-z]+ed", "a.log", "d.log", "b.log"],
        ["-n", "-w", "user", "a.log", "b.log"],
        ["-v", "-n", "Failed", "a.log", "b.log", "c.log"],
        ["-H", "-n", "Failed", "d.log"],
        ["-n", "Failed", "-", "b.log"],
        ["-n", "-e", "Failed", "-e", "user", "a.log", "b.log"],
        // -o: each line's matches after its file's name and number.
        ["-o", "-n", "Failed", "a.log", "b.log", "d.log"],
        ["-o", "-i", "FAILED", "a.log", "d.log"],
        // A literal without i or s, searched on bytes in either case.
        ["-n", "-i", "hOST", "a.log", "b.log", "d.log"],
        ["-o", "-n", "-E", "F[a-z]+ed|user=[a-z]*", "a.log", "b.log"],
        ["-o", "-w", "user", "a.log", "b.log"],
        ["-o", "-e", "Fail", "-e", "Failed", "a.log", "d.log"],
        ["-o", "-h", "ai", "a.log", "b.log"],
      ]
    ) {
      await same(
        dir,
        "grep",
        args,
        args.includes("-") ? FILES["a.log"] : undefined,
      );
      const r = await sluice(
        ["grep", "--summary-json", "s.json", ...args],
        dir,
        args.includes("-") ? FILES["a.log"] : undefined,
      );
      assert.equal(r.code, 0);
      const summary = JSON.parse(await Deno.readTextFile(`${dir}/s.json`));
      const names = summary.stages.map((s: { name: string }) => s.name);
      assert.equal(names[0], "readLines#1", args.join(" "));
      assert.equal(names.at(-1), `writeLines#${names.length}`, args.join(" "));
      assert.equal(names.length, new Set(names).size, args.join(" "));
    }
  });
});

Deno.test("grep -f FILE takes a PATTERN from each line, with -e too, and one with none selects nothing, as GNU grep", async () => {
  await withFiles(async (dir) => {
    await Deno.writeTextFile(`${dir}/pats`, "Failed pass\nuser=\n");
    await Deno.writeTextFile(`${dir}/blank`, "nothing here\n\n");
    await Deno.writeTextFile(`${dir}/none`, "");
    // Many literals: found together, in the reader and line by line.
    const many = Array.from({ length: 60 }, (_, i) => `line ${i * 2 + 1}`)
      .concat(["carol", "10.0.0.2"]);
    await Deno.writeTextFile(`${dir}/many`, many.join("\n") + "\n");
    const all = ["a.log", "b.log", "c.log", "twelve.log", "empty.log"];
    for (
      const args of [
        ["-f", "pats", ...all],
        ["-f", "pats", "-e", "quiet", ...all],
        ["-f", "pats", "-f", "blank", "a.log", "b.log"],
        ["-c", "-f", "pats", ...all],
        ["-n", "-i", "-f", "pats", "a.log", "b.log"],
        ["-w", "-f", "pats", "a.log", "b.log"],
        ["-x", "-f", "blank", "b.log", "c.log"],
        ["-E", "-f", "pats", "a.log", "b.log"],
        ["-o", "-f", "pats", "a.log", "b.log"],
        ["-f", "many", ...all],
        ["-n", "-f", "many", ...all],
        ["-c", "-f", "many", ...all],
        ["-v", "-f", "many", ...all],
        ["-v", "-c", "-f", "many", ...all],
        ["-m", "1", "-f", "many", ...all],
        ["-l", "-f", "many", ...all],
        ["-f", "none", ...all],
        ["-c", "-f", "none", ...all],
        ["-L", "-f", "none", "a.log", "b.log"],
        ["-v", "-c", "-f", "none", "a.log", "b.log"],
        ["-c", "-f", "none", "missing.log", "a.log"],
        ["-c", "-m", "0", "Failed", "missing.log", "a.log"],
        ["-L", "-m", "0", "Failed", "a.log", "b.log"],
        ["-f", "missing", "a.log"],
        ["-f", "-", "b.log", "c.log"],
      ]
    ) {
      await same(
        dir,
        "grep",
        args,
        args.includes("-") ? "quiet\ndave\n" : undefined,
      );
    }
  });
});

Deno.test("-NUM is head's and tail's -n NUM and grep's -C NUM, among other short options too, as GNU's", async () => {
  await withFiles(async (dir) => {
    await same(dir, "head", ["-3", "twelve.log"]);
    await same(dir, "head", ["-12", "-q", "twelve.log", "a.log"]);
    // GNU tail takes -NUM before one file only; sluice before several too.
    await same(dir, "tail", ["-2", "twelve.log"]);
    await same(dir, "tail", ["-1"], FILES["b.log"]);
    await same(dir, "grep", ["-1", "line 5", "twelve.log"]);
    await same(dir, "grep", ["-n2", "-E", "line 1$", "twelve.log"]);
    await same(dir, "grep", ["-2n", "-E", "line (3|9)$", "twelve.log"]);
    await same(dir, "grep", ["-10", "-A", "0", "line 11", "twelve.log"]);
    await same(dir, "grep", ["-e", "-1", "-c", "twelve.log"]);
  });
  // Where no option takes digits, they are still no option.
  const r = await sluice(["sort", "-1", "x.log"], ".");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option -1/);
});
