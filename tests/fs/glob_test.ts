// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import { compareRotation, segmentRegExp } from "../../lib/fs/_glob.ts";
import { listInputs, pipeline, readLines, writeLines } from "../../mod.ts";
import { collect, gzip, withTempDir } from "../_helpers.ts";

Deno.test("a glob segment matches as the shell's does", () => {
  const cases: [string, string, boolean][] = [
    ["*.log", "app.log", true],
    ["*.log", "app.log.1", false],
    ["*.log", ".hidden.log", false],
    [".*.log", ".hidden.log", true],
    ["app.log*", "app.log", true],
    ["app.log*", "app.log.10.gz", true],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["[ab]*", "b1", true],
    ["[ab]*", "c1", false],
    ["[!ab]*", "c1", true],
    ["[^ab]*", "a1", false],
    ["[a-c]x", "bx", true],
    ["[]]x", "]x", true],
    ["a[*]b", "a*b", true],
    ["a[*]b", "aXb", false],
    ["a[b", "a[b", true],
    ["x.+(y)", "x.+(y)", true],
    ["*", "é.log", true],
  ];
  for (const [glob, name, want] of cases) {
    assert.equal(segmentRegExp(glob).test(name), want, `${glob} ${name}`);
  }
});

const ROTATED = [
  "app.log.10.gz",
  "app.log.9.gz",
  "app.log.2.gz",
  "app.log.1",
  "app.log",
];

Deno.test("a rotated set sorts oldest first, whatever order it comes in", () => {
  fc.assert(
    fc.property(
      fc.shuffledSubarray(
        [
          ...ROTATED,
          "api.log-20260101.gz",
          "api.log-20260102",
          "api.log",
          "part.001",
          "part.002",
          "zeta.log",
        ],
        { minLength: 0 },
      ),
      (names) => {
        const sorted = [...names].sort(compareRotation);
        const order = [
          "api.log-20260101.gz",
          "api.log-20260102",
          "api.log",
          ...ROTATED,
          "part.001",
          "part.002",
          "zeta.log",
        ].filter((n) => names.includes(n));
        assert.deepEqual(sorted, order);
      },
    ),
  );
});

Deno.test("readLines() of a glob reads a rotated set oldest first, compressed members included", async () => {
  await withTempDir(async (dir) => {
    for (const name of ROTATED) {
      const text = `from ${name}\n`;
      if (name.endsWith(".gz")) {
        await Deno.writeFile(`${dir}/${name}`, await gzip(text));
      } else await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    await Deno.writeTextFile(`${dir}/other.txt`, "not matched\n");
    assert.deepEqual(
      await collect(readLines(`${dir}/app.log*`)),
      ROTATED.map((n) => `from ${n}`),
    );
    assert.deepEqual(
      await listInputs(`${dir}/app.log*`),
      ROTATED.map((n) => `${dir}/${n}`),
    );
    // In a list with other inputs, in place.
    assert.deepEqual(
      await collect(readLines([`${dir}/other.txt`, `${dir}/app.log.?`])),
      ["not matched", "from app.log.1"],
    );
  });
});

Deno.test("a glob that matches nothing is an error naming the pattern", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(
      () => collect(readLines(`${dir}/*.log`)),
      (error) =>
        error instanceof Deno.errors.NotFound &&
        error.message === `No file matches "${dir}/*.log"`,
    );
    await assert.rejects(
      () => collect(readLines(`${dir}/nowhere/**/x`)),
      /No file matches/,
    );
  });
});

Deno.test("a directory is an error that suggests recursive, and with it gives the files under it, symlinked directories not followed", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/logs/b`, { recursive: true });
    await Deno.mkdir(`${dir}/elsewhere`);
    await Deno.writeTextFile(`${dir}/logs/app.log`, "live\n");
    await Deno.writeTextFile(`${dir}/logs/app.log.1`, "older\n");
    await Deno.writeTextFile(`${dir}/logs/b/x.log`, "nested\n");
    await Deno.writeTextFile(`${dir}/logs/.hidden`, "hidden\n");
    await Deno.writeTextFile(`${dir}/elsewhere/y.log`, "through a link\n");
    await Deno.symlink(`${dir}/elsewhere`, `${dir}/logs/link`);
    await assert.rejects(
      () => collect(readLines(`${dir}/logs`)),
      (error) =>
        error instanceof Deno.errors.IsADirectory &&
        /it is a directory \(to read the files in it, give recursive: true, or -r/
          .test(error.message),
    );
    assert.deepEqual(
      await collect(readLines(`${dir}/logs/`, { recursive: true })),
      ["hidden", "older", "live", "nested"],
    );
    // A glob's directories, with recursive, give their files too.
    assert.deepEqual(
      await collect(readLines(`${dir}/l*`, { recursive: true })),
      ["hidden", "older", "live", "nested"],
    );
    // ** goes through any number of directories, links not followed.
    assert.deepEqual(
      await listInputs(`${dir}/**/*.log`),
      [`${dir}/logs/app.log`, `${dir}/elsewhere/y.log`, `${dir}/logs/b/x.log`]
        .sort((a, b) => {
          const da = a.slice(0, a.lastIndexOf("/"));
          const db = b.slice(0, b.lastIndexOf("/"));
          return da < db ? -1 : da > db ? 1 : 0;
        }),
    );
  });
});

Deno.test("a file whose name has a glob character is read by putting it in brackets", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a*b.log`, "star\n");
    await Deno.writeTextFile(`${dir}/axb.log`, "x\n");
    assert.deepEqual(await collect(readLines(`${dir}/a[*]b.log`)), ["star"]);
    assert.deepEqual(await collect(readLines(`${dir}/a*b.log`)), ["star", "x"]);
    assert.deepEqual(
      await collect(readLines(new URL(`file://${dir}/a*b.log`))),
      ["star"],
    );
  });
});

Deno.test("globs and recursive reading cannot be followed or resumed", () => {
  assert.throws(
    () => readLines("logs/*.log", { follow: true }),
    /follow needs one file path .*got "logs\/\*\.log" to expand/,
  );
  for (
    const source of [
      readLines("logs/*.log"),
      readLines("logs", { recursive: true }),
    ]
  ) {
    assert.throws(
      () => pipeline(source, writeLines("out"), { checkpoint: "ck" }),
      /readLines of a glob or with recursive cannot be resumed: list the files/,
    );
  }
});

/** Runs the command line; its standard output, error and status. */
async function sluice(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-R",
      "--allow-env",
      new URL("../../lib/cli/main.ts", import.meta.url).pathname,
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return {
    stdout: d.decode(out.stdout),
    stderr: d.decode(out.stderr),
    code: out.code,
  };
}

Deno.test("the command line expands quoted globs and, with -r (--recursive for sort), directories", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/logs`);
    await Deno.writeTextFile(`${dir}/logs/app.log`, "c\n");
    await Deno.writeTextFile(`${dir}/logs/app.log.1`, "b\n");
    await Deno.writeFile(`${dir}/logs/app.log.2.gz`, await gzip("a\n"));
    // -q: the lines alone, without GNU's ==> FILE <== headers.
    const head = await sluice([
      "head",
      "-q",
      "-n",
      "5",
      `${dir}/logs/app.log*`,
    ]);
    assert.equal(head.stdout, "a\nb\nc\n", head.stderr);
    const recursive = await sluice([
      "head",
      "-q",
      "-r",
      "-n",
      "5",
      `${dir}/logs`,
    ]);
    assert.equal(recursive.stdout, "a\nb\nc\n", recursive.stderr);
    const sorted = await sluice(["sort", "-r", "--recursive", `${dir}/logs`]);
    assert.equal(sorted.stdout, "c\nb\na\n", sorted.stderr);
    const none = await sluice(["count", `${dir}/*.nothing`]);
    assert.equal(none.code, 1);
    assert.equal(
      none.stderr,
      `sluice count: No file matches "${dir}/*.nothing"\n`,
    );
  });
});
