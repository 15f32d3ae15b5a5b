// Copyright 2026 the sluice authors. MIT license.
// copyBytes, which moves the merges' lines and keys between buffers: by a
// loop below its threshold and by `set` from it on, the same bytes either way.
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
