// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import { pipeline, sample, tail, take, tap } from "../../mod.ts";
import { BottomK } from "../../lib/stages/sample.ts";
import { collect, EDGE_CHARS, encoder } from "../_helpers.ts";

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

Deno.test("BottomK keeps the items of least priority, the earlier on a tie, and gives them back in input order exactly", () => {
  // Strings are kept as UTF-8 in a store that is compacted as items are
  // replaced; lone surrogates, numbers and objects as they are.
  const text = fc.tuple(
    fc.array(fc.constantFrom(...EDGE_CHARS, "\ud800", "\udc00", "\n"), {
      maxLength: 10,
    }),
    fc.nat(400),
  ).map(([cs, n]) => cs.join("") + "x".repeat(n));
  const item = fc.oneof(
    { arbitrary: text, weight: 6 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.record({ a: text }), weight: 1 },
  );
  fc.assert(
    fc.property(
      // Ties, and priorities spread widely enough for many replacements.
      fc.array(fc.tuple(item, fc.oneof(fc.nat(5), fc.nat(1e9))), {
        minLength: 200,
        maxLength: 3000,
        size: "max",
      }),
      fc.oneof(fc.nat(300), fc.integer({ min: 300, max: 2000 })),
      (rows, count) => {
        const kept = new BottomK<unknown>(count);
        rows.forEach(([it, priority], i) => kept.add(it, priority, i + 1));
        const got = [...kept.batches()].flat();
        const want = rows.map(([it, priority], i) => ({
          item: it,
          priority,
          line: i + 1,
        }))
          .sort((a, b) => a.priority - b.priority || a.line - b.line)
          .slice(0, count)
          .sort((a, b) => a.line - b.line);
        assert.deepEqual(got, want);
        assert.equal(kept.size, want.length);
      },
    ),
    // Shrinking thousands of items would take minutes: the first failure
    // is reported as it is.
    { numRuns: 150, endOnFailure: true },
  );
});

Deno.test("sample() holds its kept lines as their bytes, and its row says how many", async () => {
  // As strings and objects, every line kept survived V8's scavenges and
  // grew its young generation; the row said the stage held none of it.
  const lines = Array.from(
    { length: 20_000 },
    (_, i) => `${i} ${"é".repeat(i % 50)} ${"x".repeat(100)}`,
  );
  const run = pipeline(lines, sample(5000, { seed: 1 }));
  const out = await collect(run);
  assert.equal(out.length, 5000);
  let utf8 = 0;
  for (const line of out) utf8 += encoder.encode(line).length;
  const row = run.summary.stages[1]!;
  assert.ok(
    row.peakBytes >= utf8 && row.peakBytes <= 3 * utf8 + (1 << 20),
    `held ${row.peakBytes} bytes for ${utf8} bytes of lines`,
  );
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
