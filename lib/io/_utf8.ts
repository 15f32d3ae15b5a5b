// Copyright 2026 the sluice authors. MIT license.
// Byte-level UTF-8 helpers for the line splitter. Plain TypeScript, no I/O.

/** Whether `b` is a UTF-8 continuation byte (10xxxxxx). */
function isContinuation(b: number): boolean {
  return (b & 0xc0) === 0x80;
}

/** The length of the sequence a lead byte starts, or 0 for a byte that cannot lead. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/**
 * Returns the index of the first byte in `bytes[start, end)` at which UTF-8
 * decoding fails (the start of the bad or truncated sequence, as the WHATWG
 * decoder sees it), or -1 when the range is valid.
 */
export function firstInvalidUtf8(
  bytes: Uint8Array,
  start: number,
  end: number,
): number {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(b);
    if (len === 0) return i;
    // The second byte's range is narrower for a few leads (no overlongs,
    // no surrogates, nothing above U+10FFFF).
    let lower = 0x80;
    let upper = 0xbf;
    if (b === 0xe0) lower = 0xa0;
    else if (b === 0xed) upper = 0x9f;
    else if (b === 0xf0) lower = 0x90;
    else if (b === 0xf4) upper = 0x8f;
    for (let k = 1; k < len; k++) {
      if (i + k >= end) return i;
      const c = bytes[i + k]!;
      if (k === 1 ? c < lower || c > upper : !isContinuation(c)) return i;
    }
    i += len;
  }
  return -1;
}

/**
 * Returns where to cut `bytes` so that `bytes[start, cut)` holds at most
 * `limit` bytes and does not end inside a UTF-8 character. `limit` must be at
 * least 4 and `start + limit` inside the data.
 */
export function cutPoint(
  bytes: Uint8Array,
  start: number,
  limit: number,
): number {
  const k = start + limit;
  if (!isContinuation(bytes[k]!)) return k;
  let j = k - 1;
  while (j > k - 4 && isContinuation(bytes[j]!)) j--;
  const len = sequenceLength(bytes[j]!);
  // Cut before the character only when it really is a character that the cut
  // would split; a stray continuation byte decodes to U+FFFD either way.
  return len > 1 && j + len > k && j > start ? j : k;
}
