// Copyright 2026 the sluice authors. MIT license.
// A set of plain keys (strings and numbers, and null for a missing key, which
// sorts last) kept off V8's heap: an
// open-addressing hash table over typed arrays, the strings' UTF-16 code
// units in one arena. Each key gets a dense slot number, in insertion order.
// Keys held in a Map or Set are small objects that all survive V8's
// scavenges, which grows the young generation to its maximum and leaves the
// old one full of garbage after each spill; these arrays are a few large
// buffers instead, and what they hold is what they count.

import { sortIndices } from "./_sort_indices.ts";

const FIRST_SLOTS = 16;
const FIRST_CHARS = 256;
/**
 * The most slots an index starts with: its arrays then stay under 128 KiB
 * each (the characters' 10 code units a slot are the largest), which
 * glibc's malloc keeps in its heap. Past them, the arrays grow straight to
 * the size that `bytes` allows (see the constructor), and then double.
 * Arrays that grew by doubling from there were freed at 128 KiB to a few
 * MiB each, blocks malloc had mapped on their own: a freed one raises the
 * size from which malloc maps blocks, and smaller blocks freed later stay
 * resident (the command line's group by req with a 16 MiB budget over the
 * 1 GiB bench corpus: 82.7 -> 79.0 MiB peak RSS, medians of 4 in turns).
 * Arrays made at that size from the start count towards V8's limit of
 * external memory, whose pages are never written for a few keys: a run
 * with a few groups then started a full collection.
 */
const SMALL_SLOTS = 1024;
/** Code units per String.fromCharCode call. */
const CHARS_PER_CALL = 4096;

const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function hashString(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return mix(h);
}

function hashNumber(n: number): number {
  scratch[0] = n;
  return mix(scratchWords[0]! ^ Math.imul(scratchWords[1]!, 0x9e3779b1));
}

/** Plain keys by slot number, off the heap. */
export class KeyIndex {
  #buckets!: Int32Array;
  #mask!: number;
  #hash!: Int32Array;
  // Strings: offset into #chars and length; numbers: length -1 and the
  // index into #nums.
  #off!: Uint32Array;
  #len!: Int32Array;
  #chars!: Uint16Array;
  #charsUsed = 0;
  #nums: Float64Array | undefined = undefined;
  #numsUsed = 0;
  #n = 0;
  /** The slot of the key null (a missing key), or -1. */
  #nullSlot = -1;
  #order!: Uint32Array;
  #scratch!: Uint32Array;
  /** The slots `bytes` allows: the arrays' size once past SMALL_SLOTS. */
  readonly #fullSlots: number;

  /**
   * @param bytes What the index may grow to before it is cleared: past a
   * few keys, its arrays grow straight to about that size (the kernel maps
   * their pages as they are first written; see SMALL_SLOTS), and are reused
   * after {@linkcode KeyIndex.clear}, so that a table that fills and spills
   * again and again frees no buffers.
   */
  constructor(bytes = 0) {
    // About 40 bytes per key: 8 of buckets, 12 per slot, 20 of characters.
    let slots = FIRST_SLOTS;
    while (slots * 40 < bytes) slots *= 2;
    this.#fullSlots = slots;
    this.#allocate(Math.min(slots, SMALL_SLOTS));
  }

  /** The slots to grow to from `slots`: straight to #fullSlots, or twice. */
  #grown(slots: number): number {
    return slots < this.#fullSlots ? this.#fullSlots : 2 * slots;
  }

  /** New, empty arrays for `slots` keys. */
  #allocate(slots: number): void {
    this.#buckets = new Int32Array(2 * slots);
    this.#mask = 2 * slots - 1;
    this.#hash = new Int32Array(slots);
    this.#off = new Uint32Array(slots);
    this.#len = new Int32Array(slots);
    this.#chars = new Uint16Array(Math.max(FIRST_CHARS, slots * 10));
    this.#nums = undefined;
    this.#order = new Uint32Array(0);
    this.#scratch = new Uint32Array(0);
  }

  /** Forgets every key, keeping the arrays. */
  clear(): void {
    this.#buckets.fill(0);
    this.#charsUsed = 0;
    this.#numsUsed = 0;
    this.#n = 0;
    this.#nullSlot = -1;
  }

  /**
   * The memory of the characters, for a merge's read blocks once the index
   * is no longer needed: the caller owns it from then on. The index is left
   * empty, as new, and its other arrays are freed now (detached), not at
   * V8's next full collection: their pages stayed resident through the
   * merge and whatever came after it (`distinct()` with a 16 MiB budget: 2.5
   * MiB of table beside the 2.6 MiB of characters).
   */
  release(): Uint8Array {
    const chars = this.#chars;
    const freed = [
      this.#buckets,
      this.#hash,
      this.#off,
      this.#len,
      this.#nums,
      this.#order,
      this.#scratch,
    ];
    this.#allocate(FIRST_SLOTS);
    this.clear();
    for (const a of freed) (a?.buffer as ArrayBuffer | undefined)?.transfer(0);
    return new Uint8Array(chars.buffer);
  }

  /** Keys the index holds before its arrays grow. */
  get capacity(): number {
    return this.#hash.length;
  }

  /** How many keys. */
  get size(): number {
    return this.#n;
  }

  /**
   * Bytes the index holds: its buckets (written all over), and of the rest
   * what its keys use.
   */
  get bytes(): number {
    return this.#buckets.byteLength + 12 * this.#n + 2 * this.#charsUsed +
      8 * this.#numsUsed;
  }

  /**
   * The slot of `key`, or -1. `key` must be a string, a number or null.
   */
  find(key: string | number | null): number {
    return this.#lookup(key, false);
  }

  /**
   * The slot of `key`, added as slot {@linkcode KeyIndex.size} when new.
   * `key` must be a string, a number (not NaN) or null.
   */
  add(key: string | number | null): number {
    return this.#lookup(key, true);
  }

  #lookup(key: string | number | null, insert: boolean): number {
    if (key === null && (this.#nullSlot >= 0 || !insert)) return this.#nullSlot;
    const str = typeof key === "string" ? key : undefined;
    // -0 is 0, as in a Map.
    const num = typeof key === "number" && key !== 0 ? key : 0;
    const h = str !== undefined ? hashString(str) : hashNumber(num);
    const buckets = this.#buckets;
    const mask = this.#mask;
    let b = h & mask;
    while (true) {
      const s = buckets[b]! - 1;
      if (s < 0) break;
      if (this.#hash[s] === h && this.#equals(s, str, num)) return s;
      b = (b + 1) & mask;
    }
    if (!insert) return -1;
    const s = this.#n;
    if (s === this.#hash.length) this.#growSlots();
    this.#hash[s] = h;
    if (key === null) {
      // Found by #nullSlot, never by probing: no other key equals it.
      this.#nullSlot = s;
      this.#off[s] = 0;
      this.#len[s] = -2;
    } else if (str !== undefined) {
      const len = str.length;
      if (this.#charsUsed + len > this.#chars.length) this.#growChars(len);
      const chars = this.#chars;
      const at = this.#charsUsed;
      for (let i = 0; i < len; i++) chars[at + i] = str.charCodeAt(i);
      this.#off[s] = at;
      this.#len[s] = len;
      this.#charsUsed = at + len;
    } else {
      if (this.#nums === undefined) this.#nums = new Float64Array(FIRST_SLOTS);
      if (this.#numsUsed === this.#nums.length) {
        const grown = new Float64Array(
          Math.max(this.#nums.length * 2, this.#hash.length),
        );
        grown.set(this.#nums);
        this.#nums = grown;
      }
      this.#nums[this.#numsUsed] = num;
      this.#off[s] = this.#numsUsed++;
      this.#len[s] = -1;
    }
    this.#n = s + 1;
    if (2 * this.#n > this.#buckets.length) this.#rehash();
    else buckets[b] = s + 1;
    return s;
  }

  #equals(s: number, k: string | undefined, num: number): boolean {
    const len = this.#len[s]!;
    if (k === undefined) {
      return len === -1 && this.#nums![this.#off[s]!] === num;
    }
    if (len !== k.length) return false;
    const chars = this.#chars;
    const at = this.#off[s]!;
    for (let i = 0; i < len; i++) {
      if (chars[at + i] !== k.charCodeAt(i)) return false;
    }
    return true;
  }

  #growSlots(): void {
    const size = this.#grown(this.#hash.length);
    const hash = new Int32Array(size);
    hash.set(this.#hash);
    this.#hash = hash;
    const off = new Uint32Array(size);
    off.set(this.#off);
    this.#off = off;
    const len = new Int32Array(size);
    len.set(this.#len);
    this.#len = len;
  }

  #growChars(need: number): void {
    const grown = new Uint16Array(
      Math.max(
        10 * this.#grown(Math.ceil(this.#chars.length / 10)),
        this.#charsUsed + need,
      ),
    );
    grown.set(this.#chars.subarray(0, this.#charsUsed));
    this.#chars = grown;
  }

  #rehash(): void {
    const size = Math.max(this.#buckets.length * 2, 2 * this.#hash.length);
    const buckets = new Int32Array(size);
    const mask = size - 1;
    const hash = this.#hash;
    for (let s = 0; s < this.#n; s++) {
      let b = hash[s]! & mask;
      while (buckets[b] !== 0) b = (b + 1) & mask;
      buckets[b] = s + 1;
    }
    this.#buckets = buckets;
    this.#mask = mask;
  }

  /** The key in slot `s`. */
  keyAt(s: number): string | number | null {
    const len = this.#len[s]!;
    const at = this.#off[s]!;
    if (len === -1) return this.#nums![at]!;
    if (len === -2) return null;
    return unitsText(this.#chars, at, len);
  }

  /**
   * The length in UTF-16 code units of the key in slot `s` when it is a
   * string, else -1 (a number or null).
   */
  textLength(s: number): number {
    const len = this.#len[s]!;
    return len < 0 ? -1 : len;
  }

  /**
   * Writes the string key of slot `s` as UTF-8 into `buf` at `p`, without
   * making it a string first; the bytes
   * written, or -1 when the key holds a lone surrogate (nothing is then
   * meant to be read from `buf`). `buf` must have room for three bytes per
   * code unit.
   */
  textInto(s: number, buf: Uint8Array, p: number): number {
    const chars = this.#chars;
    const at = this.#off[s]!;
    const len = this.#len[s]!;
    const bytes = utf8Length(chars, at, len);
    if (bytes >= 0) putUtf8(chars, at, len, buf, p);
    return bytes;
  }

  /**
   * Compares the keys of slots `a` and `b` as defaultCompare does: numbers
   * before strings, numbers by value, strings by UTF-16 code units, null
   * last.
   */
  compare(a: number, b: number): number {
    const la = this.#len[a]!;
    const lb = this.#len[b]!;
    if (la === -2 || lb === -2) return la === lb ? 0 : la === -2 ? 1 : -1;
    if (la === -1 || lb === -1) {
      if (la !== -1) return 1;
      if (lb !== -1) return -1;
      const x = this.#nums![this.#off[a]!]!;
      const y = this.#nums![this.#off[b]!]!;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return compareUnits(this.#chars, this.#off[a]!, la, this.#off[b]!, lb);
  }

  /**
   * The slots in key order, in an array the index reuses: valid until the
   * next call.
   */
  sorted(): Uint32Array {
    const n = this.#n;
    if (this.#order.length < n) {
      this.#order = new Uint32Array(this.#hash.length);
      this.#scratch = new Uint32Array(this.#hash.length);
    }
    const order = this.#order.subarray(0, n);
    for (let i = 0; i < n; i++) order[i] = i;
    sortIndices(order, (a, b) => this.compare(a, b), this.#scratch);
    return order;
  }
}

/** The string of `len` UTF-16 code units of `chars` at `at`. */
export function unitsText(chars: Uint16Array, at: number, len: number): string {
  if (len <= CHARS_PER_CALL) {
    return String.fromCharCode.apply(
      null,
      chars.subarray(at, at + len) as unknown as number[],
    );
  }
  let out = "";
  for (let i = 0; i < len; i += CHARS_PER_CALL) {
    out += String.fromCharCode.apply(
      null,
      chars.subarray(
        at + i,
        at + Math.min(len, i + CHARS_PER_CALL),
      ) as unknown as number[],
    );
  }
  return out;
}

/**
 * The UTF-8 length of `len` UTF-16 code units of `chars` at `at`, or -1 when
 * they hold a lone surrogate (not well formed).
 */
export function utf8Length(
  chars: Uint16Array,
  at: number,
  len: number,
): number {
  let n = len;
  for (let i = at, end = at + len; i < end; i++) {
    const c = chars[i]!;
    if (c < 0x80) continue;
    if (c < 0x800) {
      n += 1;
    } else if (c < 0xd800 || c >= 0xe000) {
      n += 2;
    } else {
      const d = i + 1 < end ? chars[i + 1]! : 0;
      if (c >= 0xdc00 || d < 0xdc00 || d >= 0xe000) return -1;
      // A pair: four bytes for two units.
      n += 2;
      i++;
    }
  }
  return n;
}

/**
 * Writes the UTF-8 of `len` well-formed UTF-16 code units of `chars` at `at`
 * into `out` at `p` (see {@linkcode utf8Length}).
 */
export function putUtf8(
  chars: Uint16Array,
  at: number,
  len: number,
  out: Uint8Array,
  p: number,
): void {
  for (let i = at, end = at + len; i < end; i++) {
    const c = chars[i]!;
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c >= 0xe000) {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    } else {
      const u = 0x10000 + ((c - 0xd800) << 10) + (chars[++i]! - 0xdc00);
      out[p++] = 0xf0 | (u >> 18);
      out[p++] = 0x80 | ((u >> 12) & 0x3f);
      out[p++] = 0x80 | ((u >> 6) & 0x3f);
      out[p++] = 0x80 | (u & 0x3f);
    }
  }
}

/**
 * Compares two strings kept as code units in `chars` (at `pa`, `la` long and
 * at `pb`, `lb` long) as JavaScript compares strings.
 */
export function compareUnits(
  chars: Uint16Array,
  pa: number,
  la: number,
  pb: number,
  lb: number,
): number {
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const d = chars[pa + i]! - chars[pb + i]!;
    if (d !== 0) return d;
  }
  return la - lb;
}

/**
 * Compares two well-formed strings kept as UTF-8 (`a` from `pa`, `la` bytes
 * long; `b` from `pb`, `lb` long) as JavaScript compares the strings, by
 * UTF-16 code units, without decoding them. UTF-8 orders by code point, as
 * UTF-16 does but for one pair of ranges: a character from U+E000 to U+FFFF
 * (lead byte EE or EF) comes after one of U+10000 and up (F0 to F4), whose
 * first code unit is a surrogate. Where two strings first differ in a lead
 * byte the two ranges are told apart there; inside a character both have
 * the same lead, so the bytes order as the code units do.
 */
export function compareUtf8(
  a: Uint8Array,
  pa: number,
  la: number,
  b: Uint8Array,
  pb: number,
  lb: number,
): number {
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const x = a[pa + i]!;
    const y = b[pb + i]!;
    if (x === y) continue;
    if (x >= 0xee && y >= 0xee && (x >= 0xf0) !== (y >= 0xf0)) {
      return x >= 0xf0 ? -1 : 1;
    }
    return x - y;
  }
  return la - lb;
}
