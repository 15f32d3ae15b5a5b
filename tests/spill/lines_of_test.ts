// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import { linesOf } from "../../lib/spill/_sort_stage.ts";

const encoder = new TextEncoder();

Deno.test("linesOf() gives each line's text and the offset of its LF, as splitting the decoded bytes does", () => {
  // Text that is ASCII and text that is not, in runs of either.
  const piece = fc.oneof(
    fc.string({ unit: "grapheme-ascii", maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 8 }),
    fc.constantFrom("é", "日本", "\u{1f600}", "\ufeff", "\u0080", "a\u00ff"),
  );
  const line = fc.array(piece, { maxLength: 4 }).map((p) =>
    p.join("").replaceAll("\n", " ")
  );
  fc.assert(
    fc.property(
      fc.array(line, { minLength: 1, maxLength: 200 }),
      fc.nat(12),
      (lines, pad) => {
        const bytes = encoder.encode(lines.map((l) => l + "\n").join(""));
        // The bytes start their buffer, which may run on past them.
        const buf = new Uint8Array(bytes.length + pad);
        buf.set(bytes);
        const view = buf.subarray(0, bytes.length);
        const texts: string[] = [];
        const ends = new Int32Array(lines.length);
        linesOf(view, lines.length, texts, ends);
        assert.deepEqual(texts, lines);
        const want: number[] = [];
        for (let i = 0; i < bytes.length; i++) {
          if (bytes[i] === 10) want.push(i);
        }
        assert.deepEqual([...ends], want);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("linesOf() takes chunks of many lines that are not ASCII, of none, and larger than the room it keeps, one after another", () => {
  const many = Array.from(
    { length: 300 },
    (_, i) => i % 3 ? `é ${i}` : `a ${i}`,
  );
  const ascii = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
  // More than the room kept from one call to the next (256 KiB).
  const big = Array.from(
    { length: 4000 },
    (_, i) => i % 50 ? `${"x".repeat(80)} ${i}` : `${"é".repeat(40)} ${i}`,
  );
  for (
    const lines of [many, ascii, big, many.slice(0, 7), ascii.slice(0, 1)]
  ) {
    const bytes = encoder.encode(lines.map((l) => l + "\n").join(""));
    const texts: string[] = [];
    linesOf(bytes, lines.length, texts, new Int32Array(lines.length));
    assert.deepEqual(texts, lines);
  }
});

Deno.test("linesOf() refuses bytes that do not hold the lines it was told of", () => {
  const bytes = encoder.encode("a\nb\n");
  assert.throws(
    () => linesOf(bytes, 3, [], new Int32Array(3)),
    RangeError,
  );
  assert.throws(
    () => linesOf(bytes, 1, [], new Int32Array(1)),
    RangeError,
  );
  assert.throws(() => linesOf(bytes, 0, [], new Int32Array(0)), RangeError);
  // A last line without its LF, ASCII or not.
  for (const text of ["a\nb", "a\né", "é", "é\né"]) {
    const lines = text.split("\n").length;
    assert.throws(
      () => linesOf(encoder.encode(text), lines, [], new Int32Array(lines)),
      RangeError,
      text,
    );
  }
});

Deno.test("linesOf() gathers the lines that are not ASCII without a view of each: two views a chunk, to decode", () => {
  const lines = Array.from(
    { length: 300 },
    (_, i) => i % 3 ? `é ${i}` : `a ${i}`,
  );
  const bytes = encoder.encode(lines.map((l) => l + "\n").join(""));
  const texts: string[] = [];
  const ends = new Int32Array(lines.length);
  // Once with room for the chunk; then, what it gave wiped, each view is
  // counted by a subarray of Uint8Array's own, taken away after.
  linesOf(bytes, lines.length, texts, ends);
  texts.fill("wiped");
  ends.fill(-1);
  const subarray = Uint8Array.prototype.subarray;
  let views = 0;
  Object.defineProperty(Uint8Array.prototype, "subarray", {
    configurable: true,
    writable: true,
    value: function (this: Uint8Array, begin?: number, end?: number) {
      views++;
      return subarray.call(this, begin, end);
    },
  });
  try {
    linesOf(bytes, lines.length, texts, ends);
  } finally {
    delete (Uint8Array.prototype as { subarray?: unknown }).subarray;
  }
  assert.equal(Uint8Array.prototype.subarray, subarray);
  assert.equal(ends[lines.length - 1], bytes.length - 1);
  assert.deepEqual(texts, lines);
  assert.equal(views, 2);
});
