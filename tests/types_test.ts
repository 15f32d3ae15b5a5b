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
