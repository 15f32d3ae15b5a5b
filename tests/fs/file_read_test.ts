// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { fileRead } from "../../lib/fs/_file_read.ts";
import { withTempDir } from "../_helpers.ts";

/** Whether `p` settles before the event loop turns (microtasks only). */
async function settlesAtOnce(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  p.then(() => settled = true, () => settled = true);
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return settled;
}

Deno.test("fileRead() reads in this thread and lets the event loop turn once per 128 KiB", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.bin`;
    await Deno.writeFile(path, new Uint8Array(1024 * 1024).fill(0x61));
    using file = await Deno.open(path);
    const read = fileRead(file);
    const buf = new Uint8Array(16 * 1024);
    let total = 0;
    for (let i = 0; i < 8; i++) {
      const p = read(buf);
      assert.ok(await settlesAtOnce(p), `read ${i + 1} waited`);
      total += (await p) ?? 0;
    }
    assert.equal(total, 128 * 1024);
    // 128 KiB read: the next read waits for a turn, then reads.
    const next = read(buf);
    assert.equal(await settlesAtOnce(next), false);
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(await settlesAtOnce(next));
    assert.equal(await next, 16 * 1024);
    // And the count starts again.
    assert.ok(await settlesAtOnce(read(buf)));
  });
});

Deno.test("fileRead() rejects with the read's error", async () => {
  await withTempDir(async (dir) => {
    const file = await Deno.open(dir); // a directory: its first read throws
    try {
      await assert.rejects(fileRead(file)(new Uint8Array(16)));
    } finally {
      file.close();
    }
  });
});

Deno.test("fileRead()'s turn forgets the last string a regular expression ran on", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.bin`;
    await Deno.writeFile(path, new Uint8Array(256 * 1024).fill(0x61));
    using file = await Deno.open(path);
    const read = fileRead(file);
    const buf = new Uint8Array(128 * 1024);
    await read(buf); // 128 KiB: the next read turns the event loop
    const line = "a line of a log, status=200".slice(2);
    assert.ok(/status=(\d+)/.test(line));
    const legacy = RegExp as unknown as { input: string };
    assert.equal(legacy.input, line);
    await read(buf);
    assert.equal(legacy.input, "");
  });
});
