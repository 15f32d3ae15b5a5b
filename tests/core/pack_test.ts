// Copyright 2026 the sluice authors. MIT license.
// Chunks packed to cross a worker boundary come back exactly as they went.
import assert from "node:assert/strict";
import fc from "fast-check";
import { packItems, transferOf, unpackItems } from "../../lib/core/_pack.ts";

/** Strings with what UTF-8 bytes carry only with care. */
const awkward = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.constantFrom("", "\uFEFF", "\uFEFFa", "\uD800", "a\uDFFF", "é", "\n"),
);

/** Packs, sends as a message would (transferring), and unpacks. */
function roundTrip(items: unknown[], asBytes: boolean): unknown[] {
  const packed = packItems(items, asBytes);
  const sent = structuredClone(packed, { transfer: transferOf(packed) });
  if (packed.bytes !== undefined) {
    assert.equal(packed.bytes.byteLength, 0, "the bytes were transferred");
  }
  return unpackItems(sent);
}

Deno.test("packed strings come back exactly, as text and as transferred bytes", () => {
  fc.assert(
    fc.property(fc.array(awkward, { maxLength: 40 }), fc.boolean(), (
      items,
      asBytes,
    ) => {
      assert.deepEqual(roundTrip(items, asBytes), items);
    }),
    { numRuns: 500 },
  );
});

Deno.test("strings go as bytes when asked and UTF-8 carries them, else as text", () => {
  const plain = packItems(["GET /", "café", ""], true);
  assert.ok(plain.bytes instanceof Uint8Array);
  assert.equal(plain.text, undefined);
  assert.deepEqual([...plain.lengths!], [5, 4, 0]);
  assert.equal(transferOf(plain).length, 1);
  const lone = packItems(["a", "\uD800"], true);
  assert.equal(lone.bytes, undefined);
  assert.equal(lone.text, "a\uD800");
  assert.deepEqual(transferOf(lone), []);
  assert.equal(packItems(["a"]).bytes, undefined);
});

Deno.test("items that are not all strings go as they are", () => {
  const items = ["a", { n: 1 }, 2, null];
  const packed = packItems(items, true);
  assert.equal(packed.items, items);
  assert.deepEqual(transferOf(packed), []);
  assert.deepEqual(roundTrip(items, true), items);
});
