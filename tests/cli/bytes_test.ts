// Copyright 2026 the sluice authors. MIT license.
// Bytes kept: the commands that pass lines through write them as read (CRLF,
// invalid UTF-8, a missing last LF where GNU keeps it missing), compared
// byte for byte with GNU's tools; binary inputs are reported; progress
// never lands on the output of the same terminal.
import assert from "node:assert/strict";
import { listDir, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface Run {
  code: number;
  stdout: Uint8Array;
  stderr: string;
}

async function run(
  command: string,
  args: string[],
  options: { cwd?: string | undefined; env?: Record<string, string> } = {},
): Promise<Run> {
  const out = await new Deno.Command(command, {
    args,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: {
      NO_COLOR: "1",
      LC_ALL: "C",
      SLUICE_TEST_MIN_BUDGET: "4096",
      ...options.env,
    },
  }).output();
  return {
    code: out.code,
    stdout: out.stdout,
    stderr: decoder.decode(out.stderr),
  };
}

function sluice(args: string[], cwd?: string): Promise<Run> {
  return run(Deno.execPath(), ["run", "-A", CLI, ...args], { cwd });
}

/** A shell pipeline, its standard output as bytes. */
function sh(script: string, cwd?: string): Promise<Run> {
  return run("sh", ["-c", script], { cwd });
}

const bytes = (...parts: (string | number[])[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) {
    out.push(...(typeof p === "string" ? encoder.encode(p) : p));
  }
  return new Uint8Array(out);
};

/**
 * CRLF lines, Latin-1 and broken UTF-8, a lone CR, a BOM that is not at the
 * start, and no LF at the end.
 */
const AWKWARD = bytes(
  "\uFEFFfirst ERROR\r\n",
  "caf",
  [0xe9],
  " ERROR latin-1\r\n",
  [0xff, 0xfe, 0x80],
  " bytes\n",
  "mid\rcr ERROR\n",
  "\u20ac euro ",
  [0xe2, 0x82],
  " cut\r\n",
  "\r\n",
  "plain\n",
  "\uFEFFbom inside\n",
  "last ERROR without LF",
);

async function withInput(
  fn: (dir: string, path: string) => Promise<void>,
  input: Uint8Array = AWKWARD,
): Promise<void> {
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/in.log`, input);
    await fn(dir, `${dir}/in.log`);
  });
}

Deno.test("split then cat gives back the input byte for byte", async () => {
  await withInput(async (dir, path) => {
    for (
      const by of [["--lines", "3"], ["--lines", "1"], ["--by-prefix", "1"]]
    ) {
      const prefix = `${dir}/${by[1]}-${by[0]!.slice(2)}/p-`;
      const r = await sluice(["split", ...by, "--prefix", prefix, path]);
      assert.equal(r.code, 0, r.stderr);
      if (by[0] === "--lines") {
        const parts = decoder.decode(r.stdout).trimEnd().split("\n");
        const joined = await sh(`cat ${parts.map((p) => `'${p}'`).join(" ")}`);
        assert.deepEqual(joined.stdout, AWKWARD, `split ${by.join(" ")}`);
      } else {
        // Each part holds its lines as read, the last without its LF.
        const names = await listDir(`${dir}/1-by-prefix`);
        let total = 0;
        for (const name of names) {
          total += (await Deno.readFile(`${dir}/1-by-prefix/${name}`)).length;
        }
        assert.equal(total, AWKWARD.length);
      }
    }
  });
});

Deno.test("head, tail and grep write GNU's bytes on CRLF, invalid UTF-8 and a missing last LF", async () => {
  await withInput(async (dir, path) => {
    const cases: [string[], string[]][] = [];
    for (const n of ["0", "1", "3", "11", "12", "13", "20"]) {
      cases.push([["head", "-n", n, path], ["head", "-n", n, path]]);
      cases.push([["tail", "-n", n, path], ["tail", "-n", n, path]]);
    }
    for (const pattern of ["ERROR", "bytes", "without", "nothing"]) {
      cases.push([["grep", pattern, path], ["grep", "-a", pattern, path]]);
    }
    for (const [ours, gnu] of cases) {
      const a = await sluice(ours, dir);
      const b = await run(gnu[0]!, gnu.slice(1));
      assert.deepEqual(a.stdout, b.stdout, ours.join(" "));
      assert.equal(a.code, b.code, ours.join(" "));
    }
    // Standard input too, and tail of a pipe (read as a stream).
    for (
      const [ours, gnu] of [["head -n 13", "head -n 13"], [
        "tail -n 2",
        "tail -n 2",
      ]]
    ) {
      const a = await sh(
        `cat '${path}' | '${Deno.execPath()}' run -A '${CLI}' ${ours}`,
      );
      const b = await sh(`cat '${path}' | ${gnu}`);
      assert.deepEqual(a.stdout, b.stdout, ours);
    }
  });
});

Deno.test("sort, distinct and sample write their lines byte for byte, each ending with LF as GNU's", async () => {
  // Sorted by their ASCII starts, where UTF-16 order and byte order agree.
  const input = bytes(
    "c line\r\n",
    "a caf",
    [0xe9],
    "\r\n",
    "b ",
    [0xff],
    "\n",
    "a caf",
    [0xe9],
    "\r\n",
    "d last",
  );
  await withInput(async (dir, path) => {
    const sorted = await sluice(["sort", path], dir);
    const gnu = await run("sort", [path]);
    assert.deepEqual(sorted.stdout, gnu.stdout);
    const distinct = await sluice(["distinct", path], dir);
    const awk = await run("awk", ["!seen[$0]++", path]);
    assert.deepEqual(distinct.stdout, awk.stdout);
    // sample of more lines than there are: all of them, in input order.
    const sampled = await sluice(["sample", "-n", "10", path], dir);
    assert.deepEqual(sampled.stdout, bytes([...input], "\n"));
    // Spilled to disk with a small budget, the bytes come back the same.
    const many = new Uint8Array(
      Array.from({ length: 400 }, () => [...input, 0x0a]).flat(),
    );
    await Deno.writeFile(`${dir}/many.log`, many);
    const spilled = await sluice([
      "sort",
      "--budget",
      "4096",
      `${dir}/many.log`,
    ]);
    const gnuMany = await run("sort", ["-s", `${dir}/many.log`]);
    assert.deepEqual(spilled.stdout, gnuMany.stdout);
  }, input);
});

Deno.test("a binary input is reported once on standard error, and its lines are written all the same", async () => {
  const binary = bytes("x", [0], "y match\n", [0xff, 0], " match\n");
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/bin.dat`, binary);
    await Deno.writeFile(`${dir}/text.log`, bytes("a match\nb\n"));
    const r = await sluice(["grep", "match", "bin.dat"], dir);
    assert.equal(r.code, 0);
    assert.deepEqual(r.stdout, binary);
    assert.equal(r.stderr, "sluice grep: bin.dat: binary file matches\n");
    // No match: nothing said, as GNU grep.
    const none = await sluice(["grep", "absent", "bin.dat"], dir);
    assert.equal(none.code, 1);
    assert.equal(none.stderr, "");
    // Among several inputs: only the binary one that matches.
    const several = await sluice(
      ["grep", "b", "text.log", "bin.dat"],
      dir,
    );
    assert.equal(several.stderr, "");
    const both = await sluice(["grep", "match", "text.log", "bin.dat"], dir);
    assert.equal(both.stderr, "sluice grep: bin.dat: binary file matches\n");
    // With context lines too, over one file and among several, with -m;
    // with -o.
    for (const args of [["-C1"], ["-A0", "-E"], ["-B1", "-m1"], ["-o"]]) {
      const one = await sluice(["grep", ...args, "match", "bin.dat"], dir);
      assert.equal(one.stderr, "sluice grep: bin.dat: binary file matches\n");
      const b = await sluice(
        ["grep", ...args, "b", "text.log", "bin.dat"],
        dir,
      );
      assert.equal(b.stderr, "", args.join(" "));
      assert.equal(b.code, 0);
      const m = await sluice(
        ["grep", ...args, "match", "text.log", "bin.dat"],
        dir,
      );
      assert.equal(m.stderr, "sluice grep: bin.dat: binary file matches\n");
    }
    const head = await sluice(["head", "-n", "1", "bin.dat"], dir);
    assert.equal(
      head.stderr,
      "sluice head: bin.dat: binary file, its lines written as they are\n",
    );
    assert.deepEqual(head.stdout, binary.subarray(0, 10));
    // A text file is not reported.
    assert.equal((await sluice(["head", "text.log"], dir)).stderr, "");
  });
});

/**
 * What a terminal shows for `raw`: rows as a terminal draws them, with
 * carriage return, clear to the end of the line and line feed.
 */
function screen(raw: string): string[] {
  const rows: string[] = [];
  let row: string[] = [];
  let col = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === "\n") {
      rows.push(row.join(""));
      row = [];
      col = 0;
    } else if (ch === "\r") {
      col = 0;
    } else if (raw.startsWith("\x1b[K", i)) {
      row.length = col;
      i += 2;
    } else {
      row[col++] = ch;
    }
  }
  if (row.length > 0) rows.push(row.join(""));
  return rows;
}

const hasScript = (await run("sh", ["-c", "command -v script"])).code === 0;

Deno.test({
  name:
    "on a terminal, progress is cleared before output and never ends up on an output line",
  ignore: !hasScript,
  fn: async () => {
    await withTempDir(async (dir) => {
      const lines = Array.from(
        { length: 40000 },
        (_, i) => `line ${i} with some text to make the output long`,
      );
      await Deno.writeTextFile(`${dir}/part.log`, lines.join("\n") + "\n");
      // Standard input pauses halfway, after more than a write buffer of
      // output: progress is drawn then, between two writes of output.
      const command =
        `(cat part.log; sleep 1.2; cat part.log) | '${Deno.execPath()}' run -A '${CLI}' grep line`;
      const r = await run("script", ["-qfec", command, "/dev/null"], {
        cwd: dir,
      });
      const raw = decoder.decode(r.stdout);
      // Drawn after output, while standard input paused, and cleared again.
      const draws = [...raw.matchAll(/\r[^\r\n]* lines {2}/g)];
      assert.ok(
        (draws.at(-1)?.index ?? -1) > raw.indexOf("line 0 with"),
        "progress drawn after output",
      );
      assert.deepEqual(screen(raw), [...lines, ...lines]);
    });
  },
});

Deno.test("--progress into a pipe writes plain lines, at most one a second", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, "a\nb\n");
    const started = Date.now();
    const r = await sh(
      `(cat a.log; sleep 2.5; cat a.log) | '${Deno.execPath()}' run -A '${CLI}' grep --progress a 2>progress.txt`,
      dir,
    );
    const seconds = (Date.now() - started) / 1000;
    assert.deepEqual(decoder.decode(r.stdout), "a\na\n");
    const progress = await Deno.readTextFile(`${dir}/progress.txt`);
    assert.ok(
      !progress.includes("\r") && !progress.includes("\x1b"),
      JSON.stringify(progress),
    );
    const rows = progress.trimEnd().split("\n");
    assert.ok(rows.length >= 2, JSON.stringify(progress)); // ticks, and the last
    assert.ok(rows.length <= Math.ceil(seconds) + 1, JSON.stringify(progress));
    for (const row of rows) assert.match(row, /^\d.* lines {2}.*\/s$/);
    assert.match(rows.at(-1)!, / 4 lines /);
  });
});
