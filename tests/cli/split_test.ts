// Copyright 2026 the sluice authors. MIT license.
// split: part names are one to one with keys (never half a character), and
// parts are moved into place all or none.
import assert from "node:assert/strict";
import { main } from "../../lib/cli/main.ts";
import { partName } from "../../lib/io/write_split.ts";
import { listDir, watchingJsonParse, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

async function sluice(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("partName() gives distinct keys distinct names, lone surrogates included", () => {
  let seed = 3;
  const random = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed % n;
  };
  const units = [0x61, 0x2e, 0x25, 0x7e, 0xe9, 0xd83d, 0xde00, 0xd83c, 0xdf0d];
  const names = new Map<string, string>();
  for (let i = 0; i < 20_000; i++) {
    const key = String.fromCharCode(
      ...Array.from({ length: random(4) }, () => units[random(units.length)]!),
    );
    const name = partName(key);
    const other = names.get(name);
    assert.ok(
      other === undefined || other === key,
      `${JSON.stringify(key)} and ${JSON.stringify(other)} both named ${name}`,
    );
    names.set(name, key);
    assert.match(name, /^[A-Za-z0-9_.%~-]+$/);
  }
  // Cut long keys keep a hash of the whole key, which tells them apart.
  assert.notEqual(
    partName("x".repeat(300) + "\ud83d"),
    partName("x".repeat(300) + "\ud83c"),
  );
});

Deno.test("split --by-prefix never cuts a character in half: two emoji, two parts", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, "a😀 one\na🌍 two\na😀 three\n");
    const r = await sluice([
      "split",
      "--by-prefix",
      "2",
      "--prefix",
      `${dir}/parts/`,
      `${dir}/in.log`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const names = await listDir(`${dir}/parts`);
    assert.equal(names.length, 2);
    const texts = await Promise.all(
      names.map((n) => Deno.readTextFile(`${dir}/parts/${n}`)),
    );
    assert.deepEqual(texts.sort(), ["a🌍 two\n", "a😀 one\na😀 three\n"]);
  });
});

Deno.test("split moves no part into place when one of them cannot be", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, "a 1\nb 2\n");
    await Deno.mkdir(`${dir}/parts/b.log`, { recursive: true });
    await Deno.writeTextFile(`${dir}/parts/b.log/keep`, "x");
    await Deno.writeTextFile(`${dir}/parts/a.log`, "old\n");
    const r = await sluice([
      "split",
      "--by-prefix",
      "1",
      "--prefix",
      `${dir}/parts/`,
      `${dir}/in.log`,
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /the part ".*parts\/b\.log": it is a directory/);
    assert.equal(await Deno.readTextFile(`${dir}/parts/a.log`), "old\n");
    assert.deepEqual(await listDir(`${dir}/parts`), ["a.log", "b.log"]);
  });
});

Deno.test("split has no -o: its help does not list it and its arguments do not take it", async () => {
  const help = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, "split", "--help"],
    stdout: "piped",
  }).output();
  const text = new TextDecoder().decode(help.stdout);
  assert.doesNotMatch(text, /--output|--in-place/);
  const r = await sluice(["split", "-o", "x", "--lines", "2"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sluice split: unknown option -o\n/);
});

Deno.test("split --help says that it prints the parts' paths and how keys become names", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("../../lib/cli/main.ts", import.meta.url).pathname,
      "split",
      "--help",
    ],
    stdout: "piped",
  }).output();
  const help = new TextDecoder().decode(out.stdout).replace(/\s+/g, " ");
  assert.match(help, /path of each part is printed on standard output/);
  assert.match(help, /percent-encoded as their UTF-8 bytes \(b\/c gives b%2Fc/);
});

Deno.test("split --summary counts the parts and the bytes it wrote", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/in.log`,
      "service=a x\nservice=b y\nservice=a z\n",
    );
    const r = await sluice([
      "split",
      "--by",
      "service",
      "--prefix",
      `${dir}/out/`,
      "--summary",
      `${dir}/in.log`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /writeSplit#2: parts 2, bytesWritten 36\n/);
    assert.match(r.stderr, /run: ok, 36 B read .*, 36 B written,/);
  });
});

Deno.test("split --by reads a JSON line's field alone, puts a line without it in _none, and fails at a line that is not JSON, naming it", async () => {
  // JSON.parse makes each string of fewer than 10 characters an internalized
  // one, kept in V8's old generation: a log's request ids each became one.
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/in.log`,
      '{"req":"95d84e84","service":"api"}\nservice=db req=5e0d7a11\n{"req":"5e0d7a12"}\n{"service":"api","n":1}\n',
    );
    const { result: code, parsed } = await watchingJsonParse(() =>
      main(["split", "--by", "service", "-p", `${dir}/out/`, `${dir}/in.log`])
    );
    assert.equal(code, 0);
    assert.deepEqual(await listDir(`${dir}/out`), [
      "_none.log",
      "api.log",
      "db.log",
    ]);
    assert.equal(
      await Deno.readTextFile(`${dir}/out/api.log`),
      '{"req":"95d84e84","service":"api"}\n{"service":"api","n":1}\n',
    );
    assert.equal(
      await Deno.readTextFile(`${dir}/out/_none.log`),
      '{"req":"5e0d7a12"}\n',
    );
    // Only the line without the field was parsed whole.
    assert.deepEqual(parsed.filter((text) => /95d84e84|5e0d7a1/.test(text)), [
      '{"req":"5e0d7a12"}',
    ]);
    await Deno.writeTextFile(
      `${dir}/bad.log`,
      '{"service":"api"}\n{"service":"db"}\nservice=web\n{"req":"1"\n',
    );
    const { code: failed, stderr } = await sluice([
      "split",
      "--by",
      "service",
      "-p",
      `${dir}/bad/`,
      `${dir}/bad.log`,
    ]);
    assert.equal(failed, 1);
    assert.match(stderr, new RegExp(`at line 4 of "${dir}/bad.log"`));
    // No part, and no temporary directory, is left.
    assert.deepEqual(await listDir(`${dir}/bad`), []);
  });
});
