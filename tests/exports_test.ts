// Copyright 2026 the sluice authors. MIT license.
// The package's subpaths: each names one module in the house's spelling,
// exports only what the root exports (the same values), and is documented.

import assert from "node:assert/strict";
import * as root from "../mod.ts";
import { exportedNames, publicNames } from "./_helpers.ts";

const ROOT = new URL("../", import.meta.url);

async function exportsMap(): Promise<Record<string, string>> {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", ROOT)),
  ) as { exports: Record<string, string> };
  return config.exports;
}

/** The subpaths whose names the root exports too (not ".", not "./cli"). */
async function pieces(): Promise<[string, string][]> {
  return Object.entries(await exportsMap()).filter(([key]) =>
    key !== "." && key !== "./cli"
  );
}

Deno.test("each subpath is its file's name in kebab-case", async () => {
  for (const [key, file] of Object.entries(await exportsMap())) {
    if (key === ".") {
      assert.equal(file, "./mod.ts");
      continue;
    }
    if (key === "./cli") {
      // lib/cli/main.ts, bundled (see tests/cli/bundle_test.ts).
      assert.equal(file, "./lib/cli/_bundle/cli/main.js");
      continue;
    }
    const base = file.slice(file.lastIndexOf("/") + 1, -".ts".length);
    assert.equal(key, `./${base.replaceAll("_", "-")}`, file);
    assert.ok(!base.startsWith("_"), `${file} is private`);
  }
});

Deno.test("each subpath exports only names the root exports, the same values", async () => {
  const names = await publicNames();
  const list = await pieces();
  assert.ok(list.length > 0);
  for (const [key, file] of list) {
    const exported = await exportedNames(file);
    assert.ok(exported.length > 0, key);
    assert.deepEqual(exported.filter((n) => !names.has(n)), [], key);
    const mod = await import(new URL(file, ROOT).href) as Record<
      string,
      unknown
    >;
    for (const [name, value] of Object.entries(mod)) {
      assert.equal(value, (root as Record<string, unknown>)[name], name);
    }
  }
});

Deno.test("each subpath has a module doc, and deno doc --lint passes over all of them", async () => {
  const files = Object.values(await exportsMap());
  for (const file of files) {
    let text = await Deno.readTextFile(new URL(file, ROOT));
    // A JavaScript module's documentation is in its declaration file.
    const types = /^\/\/ @ts-self-types="([^"]+)"$/m.exec(text)?.[1];
    if (types !== undefined) {
      text = await Deno.readTextFile(new URL(types, new URL(file, ROOT)));
    }
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
