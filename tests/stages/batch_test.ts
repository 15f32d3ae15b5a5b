// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { batch, pipeline } from "../../mod.ts";
import { collect } from "../_helpers.ts";

Deno.test("batch() flushes a final partial batch when input ends", async () => {
  const items = Array.from({ length: 2500 }, (_, i) => i);
  const out = await collect(pipeline(items, batch(1000)));
  assert.deepEqual(out.map((b) => b.length), [1000, 1000, 500]);
  assert.deepEqual(out.flat(), items);
});

Deno.test("batch() emits a partial batch after maxWaitMs when input stalls", async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => release = r);
  async function* source() {
    yield 1;
    yield 2;
    await gate;
    yield 3;
  }
  const seen: number[][] = [];
  for await (const b of pipeline(source(), batch(10, { maxWaitMs: 20 }))) {
    seen.push(b);
    if (seen.length === 1) release();
  }
  assert.deepEqual(seen, [[1, 2], [3]]);
});

Deno.test("batch() rejects a size that is not a positive integer", () => {
  assert.throws(
    () => batch(0),
    {
      name: "RangeError",
      message:
        "Cannot create batch stage: size must be a positive integer, got 0",
    },
  );
  assert.throws(() => batch(2, { maxWaitMs: -1 }), RangeError);
});
