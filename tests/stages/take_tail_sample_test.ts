// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { pipeline, sample, tail, take, tap } from "../../mod.ts";
import { collect, encoder } from "../_helpers.ts";

Deno.test("take() on standard input ends without waiting for more input", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `import { pipeline, readLines, take } from "${new URL(
        "../../mod.ts",
        import.meta.url,
      )}";
       for await (const l of pipeline(readLines("-"), take(1))) {
         await Deno.stdout.write(new TextEncoder().encode(l));
       }`,
    ],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(encoder.encode("first\n"));
  // Standard input stays open: the child must still finish.
  const out = await child.output();
  assert.equal(new TextDecoder().decode(out.stdout), "first");
  await writer.close();
});

Deno.test("tail() keeps the last items in order, within its bound", async () => {
  const items = Array.from({ length: 5000 }, (_, i) => i);
  const run = pipeline(items, tail(3));
  assert.deepEqual(await collect(run), [4997, 4998, 4999]);
  // The batch in hand (1024 items from an array) plus the ring of 3.
  assert.ok(run.summary.stages[1]!.peakItems <= 1024 + 3);
  assert.deepEqual(await collect(pipeline([1, 2], tail(5))), [1, 2]);
  assert.deepEqual(await collect(pipeline([1, 2], tail(0))), []);
});

Deno.test("sample() picks each item with the same chance and keeps input order", async () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const counts = new Array(50).fill(0);
  for (let seed = 0; seed < 400; seed++) {
    const picked = await collect(pipeline(items, sample(10, { seed })));
    assert.equal(picked.length, 10);
    assert.deepEqual(picked, [...picked].sort((a, b) => a - b));
    for (const p of picked) counts[p]++;
  }
  // 400 draws of 10 from 50: each item is expected 80 times.
  for (const c of counts) assert.ok(c > 40 && c < 130, `count ${c}`);
  assert.deepEqual(await collect(pipeline([1, 2], sample(5))), [1, 2]);
});

Deno.test("take() with 0 yields nothing and tap() sees every item", async () => {
  assert.deepEqual(await collect(pipeline([1, 2, 3], take(0))), []);
  const seen: number[] = [];
  assert.deepEqual(
    await collect(pipeline([1, 2], tap((n) => void seen.push(n)))),
    [1, 2],
  );
  assert.deepEqual(seen, [1, 2]);
  assert.throws(() => take(-1), RangeError);
});
