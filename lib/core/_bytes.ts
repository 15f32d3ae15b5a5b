// Copyright 2026 the sluice authors. MIT license.
// Byte scans shared by the reader's splitter and the external sort: the first
// byte that is not ASCII and the line feeds of a byte range, four bytes at a
// time; which literals a search of bytes finds in either case, and the
// expressions that find them in text; and the bytes of a WebAssembly module
// kept as base64.

const LF = 10;

/** A view of `buf`'s whole words (its buffer starts at offset 0). */
export function wordsOf(buf: Uint8Array): Uint32Array {
  return new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
}

/**
 * The index of the first byte of `buf[from, to)` at or above 0x80, or -1.
 * `words` views `buf` (which starts at offset 0) four bytes at a time:
 * about 0.1 ns a byte here, against 0.3 ns for decoding it. Sixteen words
 * (64 bytes) are tested at once while they are ASCII, then four: over 16 KiB
 * pieces of 256 MiB of the bench corpus, 28-30 ms against 40-50 with four
 * words at a time and 32-35 with eight; T1 over 1 GiB 1.34 s against 1.39
 * (user 1.19 s against 1.28; medians of 9, whole processes in turns).
 */
export function firstNonAscii(
  buf: Uint8Array,
  words: Uint32Array,
  from: number,
  to: number,
): number {
  let i = from;
  const head = Math.min(to, (from + 3) & ~3);
  for (; i < head; i++) if (buf[i]! >= 0x80) return i;
  const wordEnd = to >>> 2;
  let w = i >>> 2;
  for (; w + 16 <= wordEnd; w += 16) {
    if (
      ((words[w]! | words[w + 1]! | words[w + 2]! | words[w + 3]! |
        words[w + 4]! | words[w + 5]! | words[w + 6]! | words[w + 7]! |
        words[w + 8]! | words[w + 9]! | words[w + 10]! | words[w + 11]! |
        words[w + 12]! | words[w + 13]! | words[w + 14]! | words[w + 15]!) &
        0x80808080) !== 0
    ) break;
  }
  for (; w + 4 <= wordEnd; w += 4) {
    if (
      ((words[w]! | words[w + 1]! | words[w + 2]! | words[w + 3]!) &
        0x80808080) !== 0
    ) break;
  }
  for (; w < wordEnd; w++) {
    if ((words[w]! & 0x80808080) !== 0) {
      for (let j = w * 4;; j++) if (buf[j]! >= 0x80) return j;
    }
  }
  for (i = Math.max(i, wordEnd * 4); i < to; i++) {
    if (buf[i]! >= 0x80) return i;
  }
  return -1;
}

/**
 * Words whose LF marks one lane may add up before a lane could pass 255
 * and carry into the next.
 */
const LANE_WORDS = 255;

/**
 * How many LFs `buf[from, to)` holds. `words` views `buf` four bytes at a
 * time. A byte is an LF exactly when it becomes 0 under XOR with 0x0a; the
 * high bit of each zero byte is set without borrows between bytes, and
 * shifted down to a 1 in its byte's lane. The lanes of up to LANE_WORDS
 * words are added in one number, then summed. An indexOf call per line cost
 * about 77 ns: `sluice count` over the 1 GiB bench corpus took 1.58-1.72 s
 * that way, 1.04-1.16 s a word at a time with a multiplication to sum each
 * word's lanes. Summed every LANE_WORDS words instead, 256 MiB in 512 KiB
 * regions took 51 ms against 65 (in one process, medians of 10 in turns).
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
  let w = i >>> 2;
  while (w < last) {
    const stop = Math.min(last, w + LANE_WORDS);
    let lanes = 0;
    for (; w < stop; w++) {
      const x = words[w]! ^ 0x0a0a0a0a;
      lanes += ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f) >>> 7;
    }
    lanes = (lanes & 0x00ff00ff) + ((lanes >>> 8) & 0x00ff00ff);
    n += (lanes & 0xffff) + (lanes >>> 16);
  }
  for (i = Math.max(i, last << 2); i < to; i++) if (buf[i] === LF) n++;
  return n;
}

/**
 * Whether a case-insensitive grep of `literal` (GNU's rule: characters
 * whose simple upper case is the same match) selects exactly the lines
 * whose bytes hold it with its ASCII letters in either case: so when it is
 * ASCII, holds no CR or LF, and no "i" or "s", which the dotless i (U+0131)
 * and the long s (U+017F) match too.
 */
export function foldsBytes(literal: string): boolean {
  if (literal === "" || /[\r\nisIS]/.test(literal)) return false;
  for (let i = 0; i < literal.length; i++) {
    if (literal.charCodeAt(i) > 0x7f) return false;
  }
  return true;
}

/**
 * A {@linkcode foldsBytes} literal as a regular expression that finds it in
 * text, its letters in either case (`flags` besides "i"): without the u
 * flag, an ASCII letter matches only ASCII letters, and needs no table of
 * case variants.
 */
export function foldedRegExp(literal: string, flags: string): RegExp {
  return new RegExp(escapeLiteral(literal), flags + "i");
}

/** `text` as a regular expression that matches it literally. */
export function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/**
 * The bytes of `base64` (a WebAssembly module's, see tests/_build_wasm.ts).
 * `Uint8Array.fromBase64` decodes a module in about 0.05 ms. `atob`, the
 * first time a process calls it, loads a script of the runtime first:
 * 1.7-5.7 ms of `sluice grep -c` of an empty file (7 runs, timed in the
 * process). It stays for a runtime without the other.
 */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  if (typeof Uint8Array.fromBase64 === "function") {
    return Uint8Array.fromBase64(base64);
  }
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
