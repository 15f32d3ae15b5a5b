// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { closeQuietly } from "../../lib/fs/_close.ts";
import { parentDir, splitPath, syncDir } from "../../lib/fs/_dir.ts";
import { withTempDir } from "../_helpers.ts";

Deno.test("splitPath() and parentDir() find the directory of a relative, a root and a nested path", () => {
  assert.deepEqual(splitPath("out.log"), { dir: ".", base: "out.log" });
  assert.deepEqual(splitPath("/out.log"), { dir: "/", base: "out.log" });
  assert.deepEqual(splitPath("/var/log/a b.log"), {
    dir: "/var/log",
    base: "a b.log",
  });
  assert.deepEqual(splitPath("logs/"), { dir: "logs", base: "" });
  assert.equal(parentDir("out.log"), ".");
  assert.equal(parentDir("/out.log"), "/");
  assert.equal(parentDir("a/b/c"), "a/b");
});

Deno.test("syncDir() syncs a directory and names a missing one", async () => {
  await withTempDir(async (dir) => {
    await syncDir(dir);
    await assert.rejects(syncDir(`${dir}/missing`), Deno.errors.NotFound);
  });
});

Deno.test("closeQuietly() closes a file, and a file closed already without throwing", async () => {
  await withTempDir(async (dir) => {
    const file = await Deno.open(`${dir}/f`, { write: true, create: true });
    closeQuietly(file);
    assert.throws(() => file.close(), Deno.errors.BadResource);
    closeQuietly(file);
  });
});
