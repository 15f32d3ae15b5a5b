// Copyright 2026 the sluice authors. MIT license.
// writeLines respects its target: links followed, owner, group and mode
// kept, a file this user may not write refused, hard links not split, and
// writing in place (atomic: false, --in-place) where no atomic replacement
// can keep the file what it was.
import assert from "node:assert/strict";
import { pipeline, StageError, writeLines } from "../../mod.ts";
import { listDir, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
const root = Deno.uid() === 0;

Deno.test("writeLines() follows a symlink that points to nothing yet, and keeps the link", async () => {
  await withTempDir(async (dir) => {
    await Deno.symlink("real.log", `${dir}/link.log`);
    await pipeline(["a"], writeLines(`${dir}/link.log`));
    assert.ok((await Deno.lstat(`${dir}/link.log`)).isSymlink);
    assert.equal(await Deno.readTextFile(`${dir}/real.log`), "a\n");
  });
});

Deno.test("writeLines() does not split hard links: refused, unless written in place", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, "old\n");
    await Deno.link(`${dir}/a.log`, `${dir}/b.log`);
    await assert.rejects(
      pipeline(["new"], writeLines(`${dir}/a.log`)),
      (e: unknown) =>
        e instanceof StageError &&
        e.cause instanceof Deno.errors.NotSupported &&
        /it has 2 hard links.*atomic: false, or --in-place/.test(e.message),
    );
    assert.equal(await Deno.readTextFile(`${dir}/b.log`), "old\n");
    await pipeline(["new"], writeLines(`${dir}/a.log`, { atomic: false }));
    assert.equal(await Deno.readTextFile(`${dir}/b.log`), "new\n");
    assert.deepEqual(await listDir(dir), ["a.log", "b.log"]);
  });
});

Deno.test({
  name: "writeLines() run by root keeps a file's owner and group",
  ignore: !root,
  fn: async () => {
    await withTempDir(async (dir) => {
      const path = `${dir}/service.log`;
      await Deno.writeTextFile(path, "old\n");
      await Deno.chown(path, 65534, 65534);
      await pipeline(["new"], writeLines(path));
      const info = await Deno.stat(path);
      assert.deepEqual([info.uid, info.gid], [65534, 65534]);
      assert.equal(await Deno.readTextFile(path), "new\n");
    });
  },
});

/** Runs the command line as the user nobody. */
async function asNobody(dir: string, args: string[]) {
  const denoDir = `${dir}/deno-dir`;
  await Deno.mkdir(denoDir, { recursive: true });
  await Deno.chown(denoDir, 65534, 65534);
  const out = await new Deno.Command("setpriv", {
    args: [
      "--reuid=65534",
      "--regid=65534",
      "--clear-groups",
      Deno.execPath(),
      "run",
      "-A",
      CLI,
      ...args,
    ],
    env: { DENO_DIR: denoDir, HOME: dir, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test({
  name:
    "-o refuses a file this user may not write even in a world-writable directory, and names the way out of a read-only one",
  ignore: !root,
  fn: async () => {
    await withTempDir(async (dir) => {
      await Deno.chmod(dir, 0o755);
      const input = `${dir}/in.log`;
      await Deno.writeTextFile(input, "x\n");
      await Deno.chmod(input, 0o644);
      // A world-writable directory, and root's read-only file in it.
      await Deno.mkdir(`${dir}/open`, { mode: 0o777 });
      await Deno.chmod(`${dir}/open`, 0o777);
      const theirs = `${dir}/open/root.log`;
      await Deno.writeTextFile(theirs, "root's\n");
      await Deno.chmod(theirs, 0o444);
      const refused = await asNobody(dir, [
        "grep",
        "x",
        input,
        "--output",
        theirs,
      ]);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(
        refused.stderr,
        /Cannot write ".*root\.log": Permission denied/,
      );
      assert.equal(await Deno.readTextFile(theirs), "root's\n");
      assert.equal((await Deno.stat(theirs)).uid, 0);

      // nobody's writable file in root's read-only directory.
      await Deno.mkdir(`${dir}/closed`, { mode: 0o755 });
      await Deno.chmod(`${dir}/closed`, 0o755);
      const mine = `${dir}/closed/mine.log`;
      await Deno.writeTextFile(mine, "old\n");
      await Deno.chown(mine, 65534, 65534);
      const atomic = await asNobody(dir, [
        "grep",
        "x",
        input,
        "--output",
        mine,
      ]);
      assert.equal(atomic.code, 2);
      assert.match(
        atomic.stderr,
        /no temporary file can be made beside it in ".*closed".*--in-place/,
      );
      const inPlace = await asNobody(dir, [
        "grep",
        "x",
        input,
        "--output",
        mine,
        "--in-place",
      ]);
      assert.equal(inPlace.code, 0, inPlace.stderr);
      assert.equal(await Deno.readTextFile(mine), "x\n");
      assert.deepEqual(await listDir(`${dir}/closed`), ["mine.log"]);
    });
  },
});
