// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import { KeylessQueue } from "../../lib/spill/_keyless.ts";
import { SpillDir } from "../../lib/spill/_spill.ts";
import { listDir, withTempDir } from "../_helpers.ts";

const item = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 8 },
  // Longer than the room an item is encoded into (4 KiB, a third as many
  // code units), and longer than the buffer (64 KiB) now and then.
  {
    arbitrary: fc.tuple(
      fc.integer({ min: 1000, max: 30_000 }),
      fc.constantFrom("a", "é", "😀", "\n"),
    ).map(([n, c]) => "x".repeat(n) + c),
    weight: 1,
  },
  { arbitrary: fc.integer().map((n) => ({ n })), weight: 1 },
);

Deno.test("KeylessQueue gives back its items in order, from memory or its file, as strings or as bytes", async () => {
  const decoder = new TextDecoder();
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 300, size: "max" }),
        fc.boolean(),
        async (items, asBytes) => {
          const spill = new SpillDir(dir);
          const queue = new KeylessQueue(spill);
          for (const x of items) if (queue.add(x)) await queue.flush();
          const got: unknown[] = [];
          for await (const batch of queue.items(asBytes)) {
            if (batch.bytes === undefined) {
              got.push(...batch.items);
              continue;
            }
            assert.ok(asBytes);
            assert.ok(batch.items.every((s) => s === ""));
            const lines = decoder.decode(batch.bytes).split("\n");
            assert.equal(lines.pop(), "");
            assert.equal(lines.length, batch.items.length);
            got.push(...lines);
          }
          // Strings that are not well-formed go through JSON, as objects do.
          assert.deepEqual(got, items);
          assert.equal(queue.count, items.length);
          await spill.remove();
          assert.deepEqual(await listDir(dir), []);
        },
      ),
      { numRuns: 60 },
    );
  });
});
