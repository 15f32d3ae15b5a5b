// Copyright 2026 the sluice authors. MIT license.
// Run with narrow permissions, the command line says which one to grant,
// with its path, and names the command.
import assert from "node:assert/strict";
import { listDir, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

async function sluice(
  flags: string[],
  args: string[],
  cwd: string,
): Promise<{ code: number; err: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags, CLI, ...args],
    cwd,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, err: decoder.decode(out.stderr) };
}

Deno.test("write access to the output file alone: the error asks for its directory, as atomic output needs", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/app.log`, "a ERROR\nb INFO\n");
    const r = await sluice(
      ["-R", "--allow-write=out.log"],
      ["grep", "ERROR", "app.log", "--output", "out.log"],
      dir,
    );
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'sluice grep: Cannot write "out.log": writing it atomically makes a temporary file beside it, so it needs write access to its directory ".": grant --allow-write=., or write it in place instead (--in-place)\n',
    );
    assert.deepEqual(await listDir(dir), ["app.log"]);
    // As advised: either grant works.
    const granted = await sluice(
      ["-R", "--allow-write=."],
      ["grep", "ERROR", "app.log", "--output", "out.log"],
      dir,
    );
    assert.equal(granted.code, 0);
    const inPlace = await sluice(
      ["-R", "--allow-write=in-place.log"],
      ["grep", "ERROR", "app.log", "--output", "in-place.log", "--in-place"],
      dir,
    );
    assert.equal(inPlace.code, 0);
    assert.equal(await Deno.readTextFile(`${dir}/in-place.log`), "a ERROR\n");
  });
});

Deno.test("no read access to an input, no net access to a URL: the error names the grant", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/app.log`, "a ERROR\n");
    const count = await sluice([], ["count", "app.log"], dir);
    assert.equal(count.code, 1);
    assert.equal(
      count.err,
      'sluice count: needs read access to "app.log": grant --allow-read=app.log\n',
    );
    const grep = await sluice([], ["grep", "ERROR", "app.log"], dir);
    assert.equal(grep.code, 2);
    assert.equal(
      grep.err,
      'sluice grep: app.log: needs read access to "app.log": grant --allow-read=app.log\n',
    );
    // Refused before any connection is tried.
    const url = await sluice(
      ["-R"],
      ["grep", "x", "https://logs.example/app.log"],
      dir,
    );
    assert.equal(url.code, 2);
    assert.match(
      url.err,
      /^sluice grep: needs net access to "logs\.example(:443)?": grant --allow-net=logs\.example(:443)?\n$/,
    );
  });
});

Deno.test("no write access to the spill directory: the error names it and -T", async () => {
  await withTempDir(async (dir) => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `${i % 977} ${i}`);
    await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
    await Deno.mkdir(`${dir}/spill`);
    const r = await sluice(
      ["-R", "--allow-write=out.log"],
      [
        "sort",
        "-n",
        "--budget",
        "1MiB",
        "-T",
        "spill",
        "in.log",
        "--output",
        "out.log",
        "--in-place",
      ],
      dir,
    );
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /^sluice sort: Cannot make a spill directory in "spill": it needs write access there: grant --allow-write=spill, or choose another directory \(tempDir, or -T DIR on the command line\)/,
    );
    assert.deepEqual(await listDir(`${dir}/spill`), []);
  });
});

Deno.test("the other files written atomically ask for their directory too: a dead letter, a checkpoint, the summary page", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/app.log`, '{"a":1}\nnot json\n');
    await Deno.mkdir(`${dir}/out`);
    await Deno.mkdir(`${dir}/side`);
    const dead = await sluice(
      ["-R", "--allow-write=out,side/bad.jsonl"],
      [
        "fields",
        "-k",
        "a",
        "--format",
        "json",
        "--dead-letter",
        "side/bad.jsonl",
        "app.log",
        "--output",
        "out/a.jsonl",
      ],
      dir,
    );
    assert.equal(dead.code, 1);
    assert.match(
      dead.err,
      /^sluice fields: Cannot write the dead letter "side\/bad\.jsonl": .*needs write access to its directory "side": grant --allow-write=side\n$/,
    );
    const checkpoint = await sluice(
      ["-R", "--allow-write=out,side/ck"],
      [
        "grep",
        "a",
        "app.log",
        "--output",
        "out/a.log",
        "--checkpoint",
        "side/ck",
      ],
      dir,
    );
    assert.equal(checkpoint.code, 2);
    assert.match(
      checkpoint.err,
      /^sluice grep: Cannot write the checkpoint "side\/ck": .*needs write access to its directory "side": grant --allow-write=side/,
    );
    const page = await sluice(
      ["-R", "--allow-write=side/s.html"],
      ["count", "app.log", "--summary-html", "side/s.html"],
      dir,
    );
    assert.equal(page.code, 1);
    assert.match(
      page.err,
      /^sluice count: cannot write the summary page to "side\/s\.html": .*needs write access to its directory: grant --allow-write=side\n$/,
    );
    assert.deepEqual(await listDir(`${dir}/side`), []);
  });
});
