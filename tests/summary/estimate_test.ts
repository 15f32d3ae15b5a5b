// Copyright 2026 the sluice authors. MIT license.
// What a chunk of items holds, as the summary estimates it.
import assert from "node:assert/strict";
import { estimateBytes } from "../../lib/summary/_estimate.ts";

Deno.test("estimateBytes() counts every value of an object, beyond 32 too, and samples only long arrays", () => {
  // 100 fields of 1 to 100 characters: 2 bytes a character, 16 for the
  // object; a sample of 32 of them would say otherwise.
  const wide: Record<string, string> = {};
  let chars = 0;
  for (let i = 1; i <= 100; i++) {
    wide[`f${i}`] = "x".repeat(i);
    chars += i;
  }
  assert.equal(estimateBytes([wide]), 16 + 2 * chars);
  // Only own values count, as Object.values() gives them.
  const child = Object.create({ inherited: "y".repeat(1000) });
  child.own = "zz";
  assert.equal(estimateBytes([child]), 16 + 4);
  // An object's objects are walked too; deeper ones count 16 bytes each.
  assert.equal(
    estimateBytes([{ a: 1, b: { c: "long text", d: { e: "not counted" } } }]),
    16 + 8 + (16 + 2 * 9 + 16),
  );
  // An array of 64 equal strings is sampled: 32 of them, scaled.
  assert.equal(estimateBytes(new Array(64).fill("abcd")), 64 * 8);
});
