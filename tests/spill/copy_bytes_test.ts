// Copyright 2026 the sluice authors. MIT license.
// copyBytes, which moves the merges' lines and keys between buffers: by a
// loop below its threshold and a word at a time from it on, the same bytes
// either way, with no view made per call.
import assert from "node:assert/strict";
import fc from "fast-check";
import { copyBytes } from "../../lib/spill/_spill.ts";

Deno.test("copyBytes copies exactly the bytes asked for, short or long, and touches nothing else", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 0, maxLength: 600 }),
      fc.nat(),
      fc.nat(),
      fc.nat({ max: 600 }),
      fc.integer({ min: 0, max: 255 }),
      (from, a, b, room, fill) => {
        const start = from.length === 0 ? 0 : a % (from.length + 1);
        const len = from.length - start === 0
          ? 0
          : b % (from.length - start + 1);
        const to = new Uint8Array(len + room).fill(fill);
        const at = room === 0 ? 0 : a % (room + 1);
        // The reference: byte by byte, into a copy of the target.
        const expected = to.slice();
        for (let i = 0; i < len; i++) expected[at + i] = from[start + i]!;
        copyBytes(from, start, len, to, at);
        assert.deepEqual(to, expected);
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("copyBytes copies lines on either side of its threshold between views of larger buffers", () => {
  const source = new Uint8Array(4096);
  for (let i = 0; i < source.length; i++) source[i] = (i * 131 + 7) & 255;
  // Views that start inside their buffers, as the merges' blocks do.
  const from = source.subarray(13, 4000);
  const backing = new Uint8Array(1024);
  const to = backing.subarray(5, 1000);
  for (let len = 0; len <= 300; len++) {
    backing.fill(0xee);
    copyBytes(from, 3 * len, len, to, 200);
    assert.deepEqual(
      to.subarray(200, 200 + len),
      from.subarray(3 * len, 3 * len + len),
    );
    assert.ok(
      backing.subarray(0, 205).every((x) => x === 0xee),
      `len ${len}: before`,
    );
    assert.ok(
      backing.subarray(205 + len).every((x) => x === 0xee),
      `len ${len}: after`,
    );
  }
});

Deno.test("copyBytes copies between views that start anywhere in buffers of any length, reading no word past their ends", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 0, maxLength: 700 }),
      fc.nat({ max: 7 }),
      fc.nat(),
      fc.nat(),
      fc.nat({ max: 7 }),
      fc.nat({ max: 300 }),
      (bytes, fromOffset, a, b, toOffset, room) => {
        const from = bytes.subarray(Math.min(fromOffset, bytes.length));
        const start = a % (from.length + 1);
        const len = b % (from.length - start + 1);
        const backing = new Uint8Array(toOffset + len + room + 3).fill(0xee);
        const to = backing.subarray(toOffset, toOffset + len + room);
        const at = room === 0 ? 0 : a % (room + 1);
        const expected = backing.slice();
        for (let i = 0; i < len; i++) {
          expected[toOffset + at + i] = from[start + i]!;
        }
        copyBytes(from, start, len, to, at);
        assert.deepEqual(backing, expected);
      },
    ),
    { numRuns: 3000 },
  );
});

Deno.test("copyBytes makes no view of the bytes it copies", () => {
  const from = new Uint8Array(4096).map((_, i) => i * 31 + 1);
  const to = new Uint8Array(4096);
  const subarray = Uint8Array.prototype.subarray;
  let views = 0;
  Uint8Array.prototype.subarray = function (this: Uint8Array, ...args) {
    views++;
    return subarray.apply(this, args);
  };
  try {
    for (const len of [0, 10, 63, 64, 65, 130, 270, 1000]) {
      copyBytes(from, 3, len, to, 5);
      copyBytes(from, 8, len, to, 16);
    }
  } finally {
    Uint8Array.prototype.subarray = subarray;
  }
  assert.equal(views, 0);
  assert.deepEqual(to.subarray(16, 1016), from.subarray(8, 1008));
});
