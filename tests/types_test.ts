// Copyright 2026 the sluice authors. MIT license.
// The types a user meets: tests/types/ holds files that must type-check,
// with @ts-expect-error on each line that must not (deno check fails on an
// expected error that does not come).

import assert from "node:assert/strict";

Deno.test("the type tests in tests/types/ check: what must type-check does, what must fail fails", async () => {
  const dir = new URL("./types/", import.meta.url);
  const files: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.name.endsWith(".ts")) files.push(new URL(e.name, dir).pathname);
  }
  assert.ok(files.length >= 2, `found ${files.length}`);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", ...files.sort()],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
});

Deno.test("the library type-checks under Deno's default compiler options, as a project that imports it by path checks it", async () => {
  // Not the repository's own options: with exactOptionalPropertyTypes, `in`
  // narrowed a union of object literals that the defaults left unnarrowed.
  // Only the npm package the library names is mapped, as JSR maps it.
  const root = new URL("../", import.meta.url);
  const config = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", root)),
  );
  const dir = await Deno.makeTempDir({ prefix: "sluice-test-" });
  try {
    const api = "@opentelemetry/api";
    await Deno.writeTextFile(
      `${dir}/deno.json`,
      JSON.stringify({ imports: { [api]: config.imports[api] } }),
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "check",
        "--config",
        `${dir}/deno.json`,
        new URL("mod.ts", root).pathname,
        new URL("lib/cli/main.ts", root).pathname,
      ],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
