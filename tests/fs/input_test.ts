// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { chooseFormat } from "../../lib/fs/_compression.ts";
import { pipeline, readLines, writeLines } from "../../mod.ts";
import { withTempDir } from "../_helpers.ts";

Deno.test("chooseFormat() goes by the choice, else by content, else by a compressed name", () => {
  const gz = new Uint8Array([0x1f, 0x8b, 8, 0]);
  const text = new TextEncoder().encode("2024-01-01 ok\n");
  const cases: [Parameters<typeof chooseFormat>, string | undefined][] = [
    [["auto", "app.log.gz", gz], "gzip"],
    [["auto", "app.log", gz], "gzip"],
    [["auto", undefined, gz], "gzip"],
    [["auto", "app.log", text], undefined],
    [["auto", "app.gz.log", text], undefined],
    // A name that says compressed, over content that is not: an error later.
    [["auto", "app.log.GZ", text], "gzip"],
    [["auto", "app.log.Zst", new Uint8Array(0)], "zstd"],
    // Brotli has no signature: its name decides, whatever the bytes.
    [["auto", "app.log.br", gz], "brotli"],
    [["none", "app.log.gz", gz], undefined],
    [["gzip", "app.log", text], "gzip"],
    [["zstd", "-", text], "zstd"],
    [["auto", "-", text], undefined],
  ];
  for (const [args, want] of cases) {
    assert.equal(chooseFormat(...args), want, JSON.stringify(args.slice(0, 2)));
  }
});

Deno.test("readLines() refuses to follow or resume the inputs its name or option says are compressed", async () => {
  const ck = { checkpoint: "ck" };
  for (
    const [path, options] of [["a.log.gz", {}], ["a.log", {
      gzip: true,
    }]] as const
  ) {
    assert.throws(
      () => readLines(path, { ...options, follow: true }),
      /follow needs one file path \(not standard input, a stream or compressed\)/,
    );
    assert.throws(
      () => pipeline(readLines(path, options), writeLines("out"), ck),
      /readLines of compressed input \("a\.log(\.gz)?"\) cannot be resumed/,
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

Deno.test("a regular file can be read in the calling thread, whether named or passed as a handle; standard input cannot", async () => {
  const { openInput } = await import("../../lib/fs/_input.ts");
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    await Deno.writeTextFile(path, "one\ntwo\n");
    const named = await openInput(path);
    assert.equal(named.readNow !== undefined, true);
    await named.close();
    using file = await Deno.open(path);
    const handle = await openInput(file);
    assert.equal(handle.readNow !== undefined, true);
    assert.deepEqual(await Array.fromAsync(readLines(file)), ["one", "two"]);
    assert.equal((await openInput("-")).readNow, undefined);
  });
});
