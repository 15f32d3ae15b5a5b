// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import { compareUtf8, KeyIndex } from "../../lib/spill/_key_index.ts";
import { defaultCompare } from "../../lib/spill/_keys.ts";
import { EDGE_CHARS } from "../_helpers.ts";

const key = fc.oneof(
  fc.constantFrom("", "a", "é", "😀", "\ud800", "\udc00x", "0", "-0"),
  // A high surrogate before a code unit that is no low one, and a string
  // of every UTF-8 length.
  fc.constantFrom("\ud800\ue000", "x\udbff", "a\u07ff\u0800\uffff\u{10ffff}"),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
  // Long keys, over one String.fromCharCode call's worth of code units.
  fc.integer({ min: 4090, max: 9000 }).map((n) => "k".repeat(n)),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, -0, 0.5, -1e300, Infinity, -Infinity),
  fc.double({ noNaN: true }),
);

Deno.test("KeyIndex gives each key the slot a Map gives it, across clears and growth", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(key, { maxLength: 300 }), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.constantFrom(0, 64, 4096),
      (windows, bytes) => {
        const index = new KeyIndex(bytes);
        for (const keys of windows) {
          const map = new Map<string | number, number>();
          for (const k of keys) {
            const expected = map.get(k) ?? map.size;
            if (!map.has(k)) {
              assert.equal(index.find(k), -1);
              map.set(k, expected);
            }
            assert.equal(index.add(k), expected);
            assert.equal(index.size, map.size);
          }
          for (const [k, s] of map) {
            assert.equal(index.find(k), s);
            // -0 comes back as 0, as a Map keeps it.
            assert.ok(Object.is(index.keyAt(s), k === 0 ? 0 : k));
          }
          const sorted = [...map.keys()].sort(defaultCompare);
          assert.deepEqual(
            [...index.sorted()].map((s) => index.keyAt(s)),
            sorted.map((k) => (k === 0 ? 0 : k)),
          );
          index.clear();
          assert.equal(index.size, 0);
        }
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("KeyIndex writes a string key as TextEncoder encodes it, and refuses one with a lone surrogate", () => {
  const encoder = new TextEncoder();
  fc.assert(
    fc.property(fc.array(key, { maxLength: 40 }), (keys) => {
      const index = new KeyIndex();
      for (const k of keys) index.add(k);
      for (let s = 0; s < index.size; s++) {
        const k = index.keyAt(s);
        if (typeof k !== "string") {
          assert.equal(index.textLength(s), -1);
          continue;
        }
        assert.equal(index.textLength(s), k.length);
        // Room for three bytes per code unit, and garbage around it.
        const buf = new Uint8Array(3 * k.length + 8).fill(0xee);
        const written = index.textInto(s, buf, 3);
        if (!k.isWellFormed()) {
          assert.equal(written, -1);
          continue;
        }
        assert.deepEqual(buf.subarray(3, 3 + written), encoder.encode(k));
        assert.ok(buf.subarray(0, 3).every((b) => b === 0xee));
      }
    }),
    { numRuns: 200 },
  );
});

Deno.test("KeyIndex tells apart keys that share a length and their 32-bit hash", () => {
  // Pairs whose hashes are equal (found by search for the hash of the
  // time): only comparing their code units tells them apart. Among
  // thousands of other keys in a table that starts with 16 slots: rehashes
  // and long probe chains.
  const colliding = [["k3pvu", "ke3ea"], ["k3pvv", "ke3eb"], [
    "k3pvw",
    "ke3ec",
  ]];
  const index = new KeyIndex();
  const keys: (string | number)[] = colliding.flat();
  for (let i = 0; i < 5000; i++) {
    keys.push(`req-${String(i).padStart(6, "0")}`, i, `${i}`);
  }
  keys.forEach((k, i) => assert.equal(index.add(k), i));
  keys.forEach((k, i) => assert.equal(index.find(k), i));
  keys.forEach((k, i) => assert.equal(index.keyAt(i), k));
  assert.equal(index.find("ke3ed"), -1);
  assert.equal(index.find(5000), -1);
  assert.equal(index.size, keys.length);
});

Deno.test("KeyIndex.release() hands over its characters' memory, frees the rest now and leaves an empty index that works", () => {
  const index = new KeyIndex(1 << 20);
  for (let i = 0; i < 5000; i++) index.add(`key ${i}`);
  index.add(7.5);
  const held = index.bytes;
  assert.ok(held > 1 << 16, `${held} bytes held`);
  const pool = index.release();
  // The characters: at least the 1 MiB's worth the index was made for.
  assert.ok(pool.byteLength >= 1 << 19, `${pool.byteLength} bytes handed over`);
  // What it still holds is the table of a new index, not its old one.
  assert.ok(index.bytes <= 256, `${index.bytes} bytes held after release`);
  assert.equal(index.size, 0);
  assert.equal(index.find("key 1"), -1);
  assert.equal(index.add("key 1"), 0);
  assert.equal(index.add(7.5), 1);
  for (let i = 0; i < 100; i++) index.add(`k${i}`);
  assert.equal(index.find("k99"), 101);
  assert.equal(index.keyAt(0), "key 1");
  assert.equal(index.keyAt(1), 7.5);
  // The memory handed over is the caller's: the index never writes it.
  pool.fill(1);
  assert.equal(index.keyAt(0), "key 1");
});

Deno.test("compareUtf8() orders two strings' UTF-8 as JavaScript orders the strings", () => {
  const encoder = new TextEncoder();
  const char = fc.constantFrom(...EDGE_CHARS);
  const text = fc.oneof(
    fc.array(char, { maxLength: 6 }).map((cs) => cs.join("")),
    fc.string({ unit: "grapheme", maxLength: 6 }),
  );
  fc.assert(
    fc.property(text, text, text, (prefix, a, b) => {
      const x = encoder.encode(`..${prefix}${a}`);
      const y = encoder.encode(`${prefix}${b}...`);
      const got = compareUtf8(x, 2, x.length - 2, y, 0, y.length - 3);
      const want = defaultCompare(prefix + a, prefix + b);
      assert.equal(Math.sign(got), want, `${prefix + a} against ${prefix + b}`);
    }),
    { numRuns: 5000 },
  );
});
