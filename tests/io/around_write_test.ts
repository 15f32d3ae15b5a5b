// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { pipeline, writeLines } from "../../mod.ts";

/** Writes `lines` with aroundWrite; returns each write's bytes and the whole. */
async function writes(
  lines: string[],
): Promise<{ each: Uint8Array[]; text: string }> {
  const each: Uint8Array[] = [];
  const out: Uint8Array[] = [];
  let inside = 0;
  await pipeline(
    lines,
    writeLines(
      new WritableStream({ write: (c) => void out.push(c.slice()) }),
      {
        writeBytes: 65536,
        aroundWrite: async (write, bytes) => {
          assert.equal(inside++, 0, "one write at a time");
          each.push(bytes.slice());
          await write();
          inside--;
        },
      },
    ),
  );
  const text = new TextDecoder().decode(
    new Uint8Array(await new Blob(out as BlobPart[]).arrayBuffer()),
  );
  return { each, text };
}

Deno.test("writeLines() with aroundWrite writes whole lines, so that what is drawn between writes falls between lines", async () => {
  const lines = Array.from(
    { length: 5000 },
    (_, i) => `line ${i} ${"é".repeat(i % 40)}${"x".repeat(i % 97)}`,
  );
  const { each, text } = await writes(lines);
  assert.ok(each.length > 3, `${each.length} writes`);
  for (const bytes of each) assert.equal(bytes.at(-1), 10);
  assert.equal(text, lines.join("\n") + "\n");
});

Deno.test("writeLines() with aroundWrite still writes a line longer than its buffer", async () => {
  const lines = ["a", "b".repeat(200_000), "c"];
  const { each, text } = await writes(lines);
  assert.equal(text, lines.join("\n") + "\n");
  assert.ok(each.some((b) => b.at(-1) !== 10), "the long line goes in pieces");
});
