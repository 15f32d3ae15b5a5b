// Copyright 2026 the sluice authors. MIT license.
// logfmt pairs found on a line's bytes, as logfmtGetter finds them in its
// text: pickFields' maps of lines' bytes, and the readers of a key on a
// line's bytes that sort() takes lines by (see LineKeyReader in
// core/_registry.ts).

import type { LineKeyReader } from "../core/_registry.ts";
import { isLogfmtKey } from "./_logfmt_key.ts";

const encoder = new TextEncoder();

/** What a line's scan stops at: 1 an "=", 2 an LF, 3 a quote; 0 the rest. */
const STOPS = new Uint8Array(256);
STOPS[61] = 1;
STOPS[10] = 2;
STOPS[34] = 3;

/** How many of a line's "=" a scan notes before it looks at them. */
const EQUALS = 64;

/**
 * The pairs of a logfmt line's bytes that pickFields' maps read: each key's
 * last `key=`, found in one pass over the line to its LF, as logfmtGetter
 * finds it in the text, and the line's first quote.
 */
export class PairScan {
  /** Each key and its `=`; none for a key no pair can have (isLogfmtKey). */
  readonly needles: (Uint8Array | undefined)[];
  /** Where each key's last `key=` starts in the line scanned, or -1. */
  readonly found: Int32Array;
  /** Each needle's byte before its `=` (-1 for none), and its length. */
  readonly #last: Int32Array;
  readonly #lengths: Int32Array;
  /** Where the "="s noted since the scan last looked at them are. */
  readonly #equals = new Int32Array(EQUALS);
  #quote = -1;

  constructor(names: readonly string[]) {
    this.needles = names.map((k) =>
      isLogfmtKey(k) ? encoder.encode(`${k}=`) : undefined
    );
    this.found = new Int32Array(names.length);
    this.#last = Int32Array.from(
      this.needles,
      (n) => n === undefined ? -1 : n[n.length - 2]!,
    );
    this.#lengths = Int32Array.from(this.needles, (n) => n?.length ?? 0);
  }

  /**
   * Scans the line that starts at `buf[start]`, and returns the index of
   * its LF. The loop over the bytes only notes where each "=" is; the keys
   * are looked for before them apart, a few dozen "="s at a time. A call of
   * the platform's search per "=" or per line took longer here (about 70 ns
   * each), and so did the keys looked for within the loop: over 64 MiB of
   * the bench corpus, two keys, 72 ms apart against 185 within (in one
   * process, medians of 7 in turns).
   */
  scan(buf: Uint8Array, start: number): number {
    const found = this.found;
    for (let k = 0; k < found.length; k++) found[k] = -1;
    const equals = this.#equals;
    let e = 0;
    let quote = -1;
    let i = start;
    for (;; i++) {
      const stop = STOPS[buf[i]!]!;
      if (stop === 0) continue;
      if (stop === 1) {
        if (e === EQUALS) {
          this.#pairs(buf, start, e);
          e = 0;
        }
        equals[e++] = i;
      } else if (stop === 2) break;
      else if (quote === -1) quote = i;
    }
    this.#quote = quote;
    this.#pairs(buf, start, e);
    return i;
  }

  /**
   * Notes each key whose `key=` ends at one of the first `e` "="s noted, in
   * their order: a key's last one stays in `found`.
   */
  #pairs(buf: Uint8Array, start: number, e: number): void {
    const { needles, found } = this;
    const last = this.#last;
    const lengths = this.#lengths;
    const equals = this.#equals;
    const keys = needles.length;
    for (let q = 0; q < e; q++) {
      const i = equals[q]!;
      const before = buf[i - 1];
      for (let k = 0; k < keys; k++) {
        if (last[k] !== before) continue;
        const n = lengths[k]!;
        const from = i + 1 - n;
        if (from < start) continue;
        const needle = needles[k]!;
        let j = n - 3;
        while (j >= 0 && buf[from + j] === needle[j]) j--;
        if (j < 0) found[k] = from;
      }
    }
  }

  /**
   * Where key `k`'s value starts in the line scanned from `start` (which
   * ends at `end`): -1 when the line has no such pair, -2 when the text's
   * reader would look further (a quote before the pair, a quoted value, a
   * pair not at a word's start).
   */
  valueAt(buf: Uint8Array, start: number, end: number, k: number): number {
    const pair = this.found[k]!;
    if (pair === -1) return -1;
    const from = pair + this.needles[k]!.length;
    const quote = this.#quote;
    if (!isPlainPair(buf, start, end, pair, from)) return -2;
    if (quote !== -1 && quote <= pair) return -2;
    return from;
  }
}

/**
 * Whether the pair at `buf[pair]`, its value from `from`, in the line from
 * `start` to `end`, is one the text's fast path reads: at a word's start,
 * its value not quoted. (Neither reader here takes one after a quote.)
 */
function isPlainPair(
  buf: Uint8Array,
  start: number,
  end: number,
  pair: number,
  from: number,
): boolean {
  return (pair === start || buf[pair - 1] === 32) &&
    !(from < end && buf[from] === 34);
}

/**
 * A reader of the value of pair `name` on a logfmt line's bytes, as
 * logfmtGetter's getter reads it in the text; with `json`, a line that
 * starts with `{` is left to the text (lineField reads it as JSON).
 * Undefined for a name that bad bytes decoded could match as text and not
 * as bytes.
 *
 * One key's last pair is found searching back from the line's end, and only
 * the bytes before it are looked at for a quote: over 64 MiB of the bench
 * corpus, 102 ms with each line's LF found by indexOf (35 of them), against
 * 165 for PairScan's one pass over each whole line as it was then, its keys
 * looked for within the loop over the bytes.
 */
export function logfmtKeyReader(
  name: string,
  json: boolean,
): (() => LineKeyReader) | undefined {
  if (!name.isWellFormed() || name.includes("\uFFFD")) return undefined;
  const needle = isLogfmtKey(name) ? encoder.encode(`${name}=`) : undefined;
  return () => {
    const reader: LineKeyReader = {
      end: 0,
      find(bytes, start, end) {
        if (json && bytes[start] === 123) return -2;
        if (needle === undefined) return -1;
        // The last `name=`: at the last "=" from the end that follows name.
        const n = needle.length;
        let pair = -1;
        for (let i = end - 1; i >= start + n - 1; i--) {
          if (bytes[i] !== 61) continue;
          const from = i + 1 - n;
          let j = n - 2;
          while (j >= 0 && bytes[from + j] === needle[j]) j--;
          if (j < 0) {
            pair = from;
            break;
          }
        }
        if (pair === -1) return -1;
        const from = pair + n;
        // As PairScan.valueAt: a pair not at a word's start, a quoted
        // value or a quote before the pair is the text's to read.
        if (!isPlainPair(bytes, start, end, pair, from)) return -2;
        for (let q = start; q <= pair; q++) if (bytes[q] === 34) return -2;
        let to = from;
        while (to < end && bytes[to] !== 32) to++;
        reader.end = to;
        return from;
      },
    };
    return reader;
  };
}
