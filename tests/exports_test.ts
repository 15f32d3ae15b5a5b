// Copyright 2026 the sluice authors. MIT license.
// The package's subpaths: each names one module in the house's spelling,
// bundled (lib/_bundle/, see tests/_build_bundle.ts) with the types and
// documentation of its source, exports only what the root exports (the same
// values, from the chunks they share), and is documented.

import assert from "node:assert/strict";
import { exportedNames, publicNames } from "./_helpers.ts";
import { exportSource } from "./_build_bundle.ts";

const ROOT = new URL("../", import.meta.url);

/** deno.json's exports and import map. */
async function denoConfig(): Promise<
  { exports: Record<string, string>; imports: Record<string, string> }
> {
  return JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
}

/** deno.json's exports: each subpath's bundled file. */
async function exportsMap(): Promise<Record<string, string>> {
  return (await denoConfig()).exports;
}

/** The TypeScript module a bundled file was built from, from the root. */
function source(file: string): string {
  const found = exportSource(file);
  assert.ok(found !== undefined, `${file} is not bundled`);
  return `./${found}`;
}

Deno.test("each export is its source bundled, which it names as its types", async () => {
  for (const file of Object.values(await exportsMap())) {
    const text = await Deno.readTextFile(new URL(file, ROOT));
    const types = /^\/\/ @ts-self-types="([^"]+)"$/m.exec(text)?.[1];
    assert.ok(types !== undefined, `${file} names no types`);
    assert.equal(
      new URL(types, new URL(file, ROOT)).href,
      new URL(source(file), ROOT).href,
      file,
    );
  }
});

Deno.test("the import map names what JSR serves for jsr:@sluice/sluice and each subpath, and the sources for @sluice/sluice", async () => {
  const config = await denoConfig();
  const mapped = Object.entries(config.imports).filter(([key]) =>
    key.startsWith("jsr:@sluice/sluice")
  );
  assert.equal(mapped.length, Object.keys(config.exports).length);
  for (const [subpath, file] of Object.entries(config.exports)) {
    const key = subpath === "."
      ? "jsr:@sluice/sluice"
      : `jsr:@sluice/sluice/${subpath.slice(2)}`;
    assert.equal(config.imports[key], file, key);
  }
  assert.equal(config.imports["@sluice/sluice"], "./mod.ts");
});

/** The subpaths whose names the root exports too (not ".", not "./cli"). */
async function pieces(): Promise<[string, string][]> {
  return Object.entries(await exportsMap()).filter(([key]) =>
    key !== "." && key !== "./cli"
  );
}

Deno.test("each subpath is its file's name in kebab-case", async () => {
  for (const [key, file] of Object.entries(await exportsMap())) {
    if (key === ".") {
      assert.equal(source(file), "./mod.ts");
      continue;
    }
    if (key === "./cli") {
      assert.equal(source(file), "./lib/cli/main.ts");
      continue;
    }
    const base = file.slice(file.lastIndexOf("/") + 1, -".js".length);
    assert.equal(key, `./${base.replaceAll("_", "-")}`, file);
    assert.ok(!base.startsWith("_"), `${file} is private`);
  }
});

Deno.test("each subpath exports only names the root exports, the same values", async () => {
  const names = await publicNames();
  const list = await pieces();
  assert.ok(list.length > 0);
  const root = await import(
    new URL((await exportsMap())["."]!, ROOT).href
  ) as Record<string, unknown>;
  for (const [key, file] of list) {
    const exported = await exportedNames(source(file));
    assert.ok(exported.length > 0, key);
    assert.deepEqual(exported.filter((n) => !names.has(n)), [], key);
    const mod = await import(new URL(file, ROOT).href) as Record<
      string,
      unknown
    >;
    for (const [name, value] of Object.entries(mod)) {
      assert.equal(value, root[name], name);
    }
  }
});

Deno.test("each subpath has a module doc, and deno doc --lint passes over all of them", async () => {
  const files = Object.values(await exportsMap());
  for (const file of files) {
    // A bundled module's documentation is its source's.
    const text = await Deno.readTextFile(new URL(source(file), ROOT));
    assert.match(text, /^ \* @module$/m, file);
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--lint", ...files],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
});

Deno.test("the README lists every subpath", async () => {
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  for (const [key] of await pieces()) {
    assert.ok(
      readme.includes(`jsr:@sluice/sluice/${key.slice(2)}`),
      `the README names ${key}`,
    );
  }
});
