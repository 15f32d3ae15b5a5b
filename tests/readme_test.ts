// Copyright 2026 the sluice authors. MIT license.
// The README tells the truth about the public surface.

import assert from "node:assert/strict";
import { publicNames } from "./_helpers.ts";

const ROOT = new URL("../", import.meta.url);

Deno.test("the README's API section lists exactly what mod.ts exports", async () => {
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const start = readme.indexOf("\n## API\n");
  assert.ok(start >= 0, "the README has an API section");
  const end = readme.indexOf("\nChanged in this version", start);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const listed = [
    ...new Set(
      [...section.matchAll(/`([A-Za-z][A-Za-z0-9_]*)`/g)].map((m) => m[1]!),
    ),
  ].sort();
  assert.deepEqual(listed, [...await publicNames()].sort());
});
