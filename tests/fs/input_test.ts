// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { isGzip } from "../../lib/fs/_input.ts";
import { pipeline, readLines, writeLines } from "../../mod.ts";
import { withTempDir } from "../_helpers.ts";

Deno.test("isGzip() goes by the gzip option, else by a path ending in .gz", () => {
  const stream = ReadableStream.from([new Uint8Array(1)]);
  const cases: [Parameters<typeof isGzip>[0], boolean | undefined, boolean][] =
    [
      ["app.log.gz", undefined, true],
      ["app.log", undefined, false],
      ["app.gz.log", undefined, false],
      ["app.log.gz", false, false],
      ["app.log", true, true],
      ["-", undefined, false],
      ["-", true, true],
      [new URL("file:///logs/a%20b.gz"), undefined, true],
      [new URL("file:///logs/a%2Egz"), undefined, true],
      [stream, undefined, false],
      [stream, true, true],
    ];
  for (const [input, gzip, want] of cases) {
    assert.equal(isGzip(input, gzip), want, `${String(input)}, gzip: ${gzip}`);
  }
});

Deno.test("readLines() refuses to follow or resume exactly the inputs it reads as gzip", async () => {
  const ck = { checkpoint: "ck" };
  for (
    const [path, options] of [["a.log.gz", {}], ["a.log", {
      gzip: true,
    }]] as const
  ) {
    assert.throws(
      () => readLines(path, { ...options, follow: true }),
      /follow needs one file path \(not standard input, a stream or gzip\)/,
    );
    assert.throws(
      () => pipeline(readLines(path, options), writeLines("out"), ck),
      /readLines of gzip input \("a\.log(\.gz)?"\) cannot be resumed/,
    );
  }
  // Read as plain text, a .gz path can be followed and resumed.
  readLines("a.log.gz", { gzip: false, follow: true });
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log.gz`, "plain\n");
    await pipeline(
      readLines(`${dir}/a.log.gz`, { gzip: false }),
      writeLines(`${dir}/out`),
      { checkpoint: `${dir}/ck` },
    );
    assert.equal(await Deno.readTextFile(`${dir}/out`), "plain\n");
  });
});
