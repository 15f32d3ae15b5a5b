// Copyright 2026 the sluice authors. MIT license.
// The external merge sort under sort, distinct and groupBy. Entries (a
// compare value and an item) are encoded into one reused byte arena, so
// that what the buffer holds is what the budget counts and V8 has little
// garbage to collect; sorted stably by index; written as run files; and
// merged k-way with a binary heap and a bounded block per run, in several
// passes when there are more runs than the fan-in.
//
// A run file is a sequence of records: u32 payload length, u8 flags (bit 0:
// the item is JSON, else a UTF-8 string; bits 1-2: the key is absent, a
// float64, JSON text (u32 length + bytes), or the item itself; bit 3, with
// JSON text: the key is a string, as UTF-8; bit 4: the item is a string
// known to be ASCII; bit 5, with the item as its key: the item is a string,
// compared as its UTF-8), the key, the payload.

import type { StageStats } from "../summary/_record.ts";
import { copyBytes, RunReader, RunWriter, type SpillDir } from "./_spill.ts";
import { sortIndices } from "./_sort_indices.ts";
import { encodeApart, spareBytes, standIns } from "../core/_chunk.ts";
import { lfCount, wordsOf } from "../core/_bytes.ts";
import {
  compareUnits,
  compareUtf8,
  putUtf8,
  unitsText,
  utf8Length,
} from "./_key_index.ts";
import { type CompareFn, defaultCompare, jsonOf, numberJson } from "./_keys.ts";
import { OUTPUT_TURN_ITEMS } from "./_budget.ts";
import { eventLoopTurn, TurnCounter } from "../fs/_turn.ts";

/**
 * The first four of `len` UTF-16 code units of `chars` at `at` as one
 * number, 13 bits a unit, that orders as the strings do wherever two
 * differ: a unit from 0x1FFF up counts as 0x1FFF and ends the prefix (the
 * units after it count as 0), and so does the string's end. Equal prefixes
 * say nothing: compare the units.
 */
export function textPrefix(
  chars: Uint16Array,
  at: number,
  len: number,
): number {
  let prefix = 0;
  let open = true;
  for (let i = 0; i < 4; i++) {
    let unit = 0;
    if (open && i < len) {
      unit = chars[at + i]!;
      if (unit >= 0x1fff) {
        unit = 0x1fff;
        open = false;
      }
    }
    prefix = prefix * 0x2000 + unit;
  }
  return prefix;
}

// What V8 spends per value beyond its characters: a string's header, a heap
// number, an array slot.
const STRING_OVERHEAD = 40;
const OBJECT_OVERHEAD = 64;

/**
 * An estimate of what holding `value` costs on V8's heap: 2 bytes per UTF-16
 * code unit (decoded lines with any non-Latin-1 character are two-byte
 * strings) plus headers; objects by their JSON text.
 */
export function heapCost(value: unknown): number {
  switch (typeof value) {
    case "string":
      return value.length * 2 + STRING_OVERHEAD;
    case "object":
      return value === null
        ? 8
        : OBJECT_OVERHEAD + 2 * (JSON.stringify(value)?.length ?? 0);
    default:
      return 16;
  }
}

/** Entries in sorted order: compare values and items side by side. */
export interface Entries {
  keys: unknown[];
  items: unknown[];
  /** The indexes of the items that are not ASCII strings (see Chunk.wide). */
  wide: number[];
  /**
   * With SorterOptions.bytes: the items' UTF-8, each followed by an LF, and
   * `items` empty strings that stand for them (see Chunk.bytes). Unset for
   * a chunk with an item that is not a well-formed string without an LF.
   */
  bytes: Uint8Array | undefined;
}

/** How a sorter sorts and where it spills. */
export interface SorterOptions {
  budgetBytes: number;
  spill: SpillDir;
  fanIn: number;
  stats: StageStats;
  /** Whether entries have a key apart from the item. */
  keyed: boolean;
  /** Compares keys (or items, when not keyed). */
  compare: CompareFn;
  /** Whether `compare` is {@linkcode defaultCompare}. */
  plain: boolean;
  reverse: boolean;
  /** Whether the sorted entries need their keys (else `keys` is empty). */
  wantKeys: boolean;
  /**
   * Whether the sorted entries may come as bytes (see Entries.bytes): a
   * writer of lines takes them next.
   */
  bytes?: boolean;
}

/** The smallest read block of a run in a merge. */
const MIN_BLOCK = 4096;
/**
 * The largest read block of a run in a merge: 256 KiB, not 1 MiB. A bigger
 * block saves few reads (a merge of 23 runs over 1 GiB reads 530 blocks
 * instead of 200) and costs its bytes in RSS: groupBy() by req with a 64 MiB
 * budget over the 1 GiB bench corpus, at V8's defaults (whole processes in
 * turns, medians of 3, twice): peak RSS 130.8 and 132.0 -> 122.1 and 122.2
 * MiB; `sluice group --by req --count` 139.1 -> 129.3; sort() 123.9 -> 122.3;
 * times the same within the noise.
 */
const MERGE_BLOCK = 256 * 1024;
/**
 * What the blocks of one merge take together, at most (each at least
 * MIN_BLOCK, so up to a fan-in of 1,024): 4 MiB, not a third of the
 * budget, so that a merge takes no more over many runs than over a few.
 * Measured at V8's defaults over the 4 GiB bench corpus, whole processes,
 * one run each, 64 MiB budgets: groupBy() by req (89 runs, 188 KiB blocks
 * before) peaked at 116.7 MiB RSS instead of 130.5 (with its columns of
 * numbers off the heap, see GroupTable; against the code before both,
 * 118.1 instead of 152.7 MiB, in 79.5 s instead of 85.6); sort() by
 * latency 108.7 MiB instead of 119.7, in 63.4 s instead of 72.9. The
 * outputs the same.
 */
const MERGE_BYTES = 4 * 1024 * 1024;

/**
 * Entries handed on per chunk. What the chunks in flight hold is what V8's
 * scavenges find alive, and V8 grows its young generation by the bytes that
 * survive since it last grew: 64, not 256 (with groupBy's OUT_CHUNK),
 * measured at V8's defaults over the 256 MiB bench corpus (whole processes
 * in turns, medians of 3 to 5): sort() peak RSS 99.8 -> 86.8 MiB with a 16
 * MiB budget, 108.3 -> 103.9 with 64 MiB; distinct() by req 99.9 -> 91.7 (16
 * MiB), the same with 64 MiB; groupBy() by req 126.5 -> 111.0 (64 MiB);
 * `sluice group --by req` 106.9 -> 94.6 (16 MiB); times the same within the
 * noise. Over 1 GiB: distinct() by req with 64 MiB 144.3 -> 125.8 MiB,
 * `sluice distinct` 150.3 -> 125.2, `sluice group` (16 MiB) 148.5 -> 124.2;
 * the sorts and groupBy() peak as before (their young generations grow to
 * the maximum all the same).
 */
export const OUT_BATCH = 64;

const JSON_ITEM = 1;
const KEY_NONE = 0;
const KEY_NUMBER = 1 << 1;
const KEY_JSON = 2 << 1;
const KEY_ITEM = 3 << 1;
const KEY_MASK = 3 << 1;
// A string key as its UTF-8 bytes, not JSON: JSON.parse interns short
// strings, which V8 allocates in the old generation, so a merge of many keys
// filled it with garbage only a full collection frees (CLI group, 16 MiB
// budget: old generation 25 MiB at the end of the merge).
const KEY_TEXT = 1 << 3;
// A string item all ASCII, as known when it was encoded (its UTF-8 as long
// as its UTF-16): the merge copies it without looking at its bytes.
const ASCII_ITEM = 1 << 4;
// A string item that is its own key (KEY_ITEM, in the default order): kept
// only as its UTF-8 in the arena, and compared there, as it is in the runs.
// Kept as strings until the spill, the items survived V8's scavenges and
// grew its young generation: `sluice sort --budget 16MiB` over the 256 MiB
// bench corpus peaked at 156 MiB RSS, 53 MiB of it the young generation.
const SELF_TEXT = 1 << 5;
// What a merged run's current key is (see Merger): a value, a number kept
// unboxed, or a string kept as its UTF-8.
const DECODED = 0;
const NUMBER = 1;
const TEXT = 2;
/** A record this long or more is copied with `set` (else a byte loop). */
const COPY_BYTES = 32;
/** Per entry: a float64 key, offset, length, flags, key length, key slot. */
const ENTRY_BYTES = 8 + 4 + 4 + 1 + 4 + 8;
/**
 * The bytes of an entry's slot in the arrays: #num, #off, #len, #flags,
 * #keyLen (and #prefix, once there are string keys).
 */
const ENTRY_SLOT_BYTES = 8 + 4 + 4 + 1 + 4;
/** Arena bytes per slot made ready when the arena grows to its limit. */
const SLOT_BYTES = 96;
const TWO_32 = 4294967296;
/**
 * How much of the budget the buffer of entries takes. The rest is the
 * stage's working memory: the staging area, the chunk in hand and the
 * garbage V8 has yet to collect, above all its young generation, which the
 * strings going through grow to 16 or 32 MiB whatever the budget. So the
 * rest is 0.3 of a small budget and, beyond 46 MiB, the budget less 32 MiB,
 * up to half of it. Measured at V8's defaults on the 256 MiB corpus: CLI
 * sort 64MiB peak RSS 109-130 MiB with half (121-145 with 0.7), the same
 * CPU time; 16MiB keeps 0.7: half was 3-4% slower there, for no lower peak
 * (its peak is the merge's).
 */
export function bufferBytes(budget: number): number {
  const MiB = 1024 * 1024;
  const rest = Math.min(
    0.5 * budget,
    Math.max(0.3 * budget, budget - 32 * MiB),
  );
  return Math.floor(budget - rest);
}
/** Items encoded per call: their joined text stays a young V8 string. */
const JOIN_ITEMS = 256;
/** How many entries a run's writer reads ahead (see ExternalSorter.#warm). */
const WARM_AHEAD = 16;
/** Raw output bytes decoded per call, for the same reason. */
const DECODE_BYTES = 1 << 15;
/**
 * The buffer a chunk of entries as bytes starts in (it grows for long
 * lines): OUT_BATCH lines of the bench corpus take about 8.7 KiB.
 */
const BYTES_BLOCK = 1 << 15;
/**
 * Entries handed on per chunk as bytes: their chunk holds on V8's heap only
 * an array of as many empty strings, so more of them go at once than
 * OUT_BATCH, while their bytes fit in BYTES_BLOCK (BYTES_FULL of it). Each
 * chunk's hops through the stages made promises and results, most of the
 * merge's young garbage once its lines were copied without views: `sluice
 * sort --budget 16MiB` over the 1 GiB bench corpus (3 rounds in turns,
 * medians) 6.02 s and 74.3 MiB peak RSS with 64 a chunk, 5.38 s and 73.0
 * MiB with 256; over 128 MiB of it, 70.7 MiB allocated against 46.0.
 */
const BYTES_BATCH = 256;
/** The bytes of a chunk as bytes from which it goes (see BYTES_BATCH). */
const BYTES_FULL = BYTES_BLOCK - 4096;
const SMALL_INT = 2 ** 20;

const encoder = new TextEncoder();
// A U+FEFF that starts an item is a character of it, not a byte order mark.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The longest text {@linkcode decodeAt} decodes through its own views. */
const SHORT_TEXT = 64;
const shortBytes = new Uint8Array(SHORT_TEXT);
/** `shortBytes`' first n bytes, at n, made once. */
const shortViews = Array.from(
  { length: SHORT_TEXT + 1 },
  (_, n) => shortBytes.subarray(0, n),
);

/**
 * The UTF-8 text of `len` bytes of `buf` at `start`. A short one is copied
 * into views made once and decoded from there: a view made per key, only
 * to decode it, was young garbage four times the size of the key's string
 * (`groupBy()` by req, 16 MiB budget: 4.8 GB allocated by the merge of 6.9
 * million groups).
 */
function decodeAt(buf: Uint8Array, start: number, len: number): string {
  if (len > SHORT_TEXT) return decoder.decode(buf.subarray(start, start + len));
  for (let i = 0; i < len; i++) shortBytes[i] = buf[start + i]!;
  return decoder.decode(shortViews[len]!);
}

/**
 * Hands on entries in chunks; strings are decoded a chunk at a time, or with
 * `bytes` not at all: a chunk's records are copied as they are, each
 * followed by an LF, for a writer to write (see Entries.bytes). That saves
 * decoding the lines here and encoding them again in the writer: sort() by
 * latency into writeLines over the 1 GiB bench corpus (V8's defaults, whole
 * processes in turns, medians of 3) took 8.26 s instead of 9.45 with a 64
 * MiB budget, and 7.83 s instead of 9.50 with 16 MiB (peak RSS 81.8 MiB
 * instead of 83.5).
 */
class Emitter {
  #wantKeys: boolean;
  #wantBytes: boolean;
  /** Whether this chunk goes as bytes. */
  #bytes: boolean;
  #raw: Uint8Array;
  #rawAt = 0;
  #rawCount = 0;
  out: Entries = { keys: [], items: [], wide: [], bytes: undefined };
  count = 0;

  constructor(wantKeys: boolean, bytes = false) {
    this.#wantKeys = wantKeys;
    this.#wantBytes = bytes;
    this.#bytes = bytes;
    // As bytes, `#raw` is the next chunk's buffer (see Chunk.bytes).
    this.#raw = bytes
      ? spareBytes(BYTES_BLOCK) ?? new Uint8Array(BYTES_BLOCK)
      : new Uint8Array(1 << 18);
  }

  /** Makes room for `n` more bytes in `#raw`. */
  #room(n: number): void {
    if (this.#rawAt + n <= this.#raw.length) return;
    const grown = new Uint8Array(
      Math.max(this.#raw.length * 2, this.#rawAt + n),
    );
    grown.set(this.#raw.subarray(0, this.#rawAt));
    this.#raw = grown;
  }

  /**
   * As bytes: the next item's UTF-8 is in `#raw` up to `#rawAt`; adds its LF.
   * The items that stand for them are made at once, by `take()`: pushed one
   * by one, their arrays grew three times a chunk, half the young garbage
   * of a merge into a writer after the lines' copies.
   */
  #endItem(): void {
    this.#raw[this.#rawAt++] = 10;
    this.count++;
  }

  /**
   * Turns this chunk's items so far from bytes into strings, for an item
   * that cannot go as bytes; the rest of the chunk then goes as strings.
   */
  #toStrings(): void {
    this.#bytes = false;
    const items = this.out.items;
    // No item as bytes holds an LF (see value), so the LFs part them.
    const lines = decoder.decode(this.#raw.subarray(0, this.#rawAt)).split(
      "\n",
    );
    for (let i = 0; i < this.count; i++) {
      items.push(lines[i]!);
      this.out.wide.push(i); // not known to be ASCII
    }
    this.#rawAt = 0;
  }

  key(key: unknown): void {
    if (this.#wantKeys) this.out.keys.push(key);
  }

  /**
   * A UTF-8 string item, from `bytes[start, start + len)`. ASCII lines are
   * decoded together; any other line on its own, so that it alone becomes a
   * two-byte string: one in twenty lines of the bench corpus is not ASCII,
   * which made nearly every decoded block two-byte, twice the young garbage.
   */
  raw(bytes: Uint8Array, start: number, len: number, ascii: boolean): void {
    this.#room(len + 1);
    if (this.#bytes) {
      copyBytes(bytes, start, len, this.#raw, this.#rawAt);
      this.#rawAt += len;
      this.#endItem();
      return;
    }
    const raw = this.#raw;
    const at = this.#rawAt;
    let high = 0;
    if (ascii && len >= COPY_BYTES) {
      // Known ASCII: a copy, about twice as fast as the loop.
      raw.set(bytes.subarray(start, start + len), at);
    } else {
      // A byte loop: no view object per line, and the ASCII check for free.
      for (let i = 0; i < len; i++) high |= raw[at + i] = bytes[start + i]!;
    }
    this.count++;
    if (high >= 0x80) {
      this.#flushRaw();
      this.out.wide.push(this.out.items.length);
      this.out.items.push(decoder.decode(raw.subarray(at, at + len)));
      return;
    }
    this.#rawAt = at + len;
    raw[this.#rawAt++] = 10;
    this.#rawCount++;
    if (this.#rawAt >= DECODE_BYTES) this.#flushRaw();
  }

  /** An item already decoded. */
  value(item: unknown): void {
    if (this.#bytes) {
      // Records never hold an LF (see add), and these may not either.
      if (
        typeof item === "string" && item.indexOf("\n") === -1 &&
        item.isWellFormed()
      ) {
        this.#room(3 * item.length + 1);
        this.#rawAt += encoder.encodeInto(
          item,
          this.#raw.subarray(this.#rawAt),
        ).written;
        this.#endItem();
        return;
      }
      this.#toStrings();
    }
    this.#flushRaw();
    // Not known to be ASCII.
    this.out.wide.push(this.out.items.length);
    this.out.items.push(item);
    this.count++;
  }

  #flushRaw(): void {
    if (this.#rawCount === 0) return;
    const lines = decoder.decode(this.#raw.subarray(0, this.#rawAt - 1))
      .split("\n");
    const items = this.out.items;
    for (let i = 0; i < lines.length; i++) items.push(lines[i]);
    this.#rawAt = 0;
    this.#rawCount = 0;
  }

  /**
   * Whether the chunk so far is due: OUT_BATCH entries, or as bytes
   * BYTES_BATCH of them or BYTES_FULL of their bytes.
   */
  get full(): boolean {
    return this.#bytes
      ? this.count >= BYTES_BATCH || this.#rawAt >= BYTES_FULL
      : this.count >= OUT_BATCH;
  }

  /** The chunk so far (and a fresh one started). */
  take(): Entries {
    const out = this.out;
    if (this.#bytes) {
      // The chunk takes the buffer; the next one starts in another.
      out.bytes = this.#raw.subarray(0, this.#rawAt);
      out.items = standIns(this.count);
      this.#raw = spareBytes(BYTES_BLOCK) ?? new Uint8Array(BYTES_BLOCK);
      this.#rawAt = 0;
    } else {
      this.#flushRaw();
    }
    this.out = { keys: [], items: [], wide: [], bytes: undefined };
    this.#bytes = this.#wantBytes;
    this.count = 0;
    return out;
  }
}

/**
 * The string keys of lines given to {@linkcode ExternalSorter.addKeyedLines}:
 * where line `i`'s key starts in the lines' bytes and where it ends, or -1
 * in `from` for a number key (or none), or -2 for a key kept in `strings`.
 */
export interface KeyTexts {
  from: Int32Array;
  to: Int32Array;
  strings: string[];
}

/** A stable external sorter of entries. */
export class ExternalSorter {
  #o: SorterOptions;
  // Entries' bytes from 0; a staging area for run records after `#cap`
  // (once the arena has grown, or a spill needs it), so that spilling copies
  // with copyWithin (no view per record).
  #cap: number;
  #stage: number;
  #limit: number;
  #headroom: number;
  #arena: Uint8Array;
  #view: DataView;
  #used = 0;
  #n = 0;
  #num = new Float64Array(256);
  #off = new Uint32Array(256);
  #len = new Uint32Array(256);
  #flags = new Uint8Array(256);
  // String keys of a plain keyed sort: their UTF-16 code units, at #num[i],
  // #keyLen[i] long. As JS strings they were small objects that lived until
  // the spill, survived scavenges and grew both of V8's generations (distinct()
  // by req, 16 MiB budget: young generation 64 MiB).
  #keyLen = new Uint32Array(256);
  // A string key's first code units as one number that orders as they do
  // (see textPrefix): most comparisons end there. Made at the first string
  // key.
  #prefix = new Float64Array(0);
  #keyChars = new Uint16Array(1024);
  #keyCharsUsed = 0;
  #objKeys: unknown[] = [];
  #anyObj = false;
  // The order of a spill, reused (see sortIndices).
  #sortOrder = new Uint32Array(0);
  #sortScratch = new Uint32Array(0);
  #objBytes = 0;
  /** The most the entries filled of the buffers before a spill emptied them. */
  #filled = 0;
  /** Whether a spill has written to the staging area. */
  #staged = false;
  #allNum = true;
  #smallInts = true;
  /** What #warm read for the last run written, kept for its reads' sake. */
  #warmth = 0;
  /** The run files written so far, in input order. */
  readonly runs: RunList;

  constructor(options: SorterOptions) {
    this.#o = options;
    this.runs = new RunList(options);
    this.#stage = Math.max(1024, Math.min(1 << 20, options.budgetBytes >> 4));
    this.#headroom = Math.max(
      1024,
      Math.min(1 << 18, options.budgetBytes >> 3),
    );
    // What it holds, all told, within the buffer's share of the budget: the
    // arena (the limit, its headroom and the staging area), its entries'
    // arrays (ENTRY_SLOT_BYTES a slot, a slot per SLOT_BYTES of arena) and
    // the first block of string keys.
    this.#limit = Math.max(
      1024,
      Math.floor(
        (bufferBytes(options.budgetBytes) - this.#stage - 2048) /
          (1 + ENTRY_SLOT_BYTES / SLOT_BYTES),
      ) - this.#headroom,
    );
    this.#cap = Math.min(1 << 16, this.#limit);
    // The staging area comes with the arena's growth to its limit (see
    // #room), or with a spill (see #withStage): never in this first,
    // small arena. With it, the first arena was 1088 KiB (budget 16 MiB),
    // which glibc's malloc maps on its own; freed once the arena grew, it
    // raised malloc's threshold for mapping blocks to 1088 KiB and its
    // threshold for giving memory back to twice that, and smaller blocks
    // freed later stayed resident.
    this.#arena = new Uint8Array(this.#cap);
    this.#view = new DataView(this.#arena.buffer);
  }

  /** Makes sure the staging area follows the entries' bytes. */
  #withStage(): void {
    if (this.#arena.length >= this.#cap + this.#stage) return;
    const grown = new Uint8Array(this.#cap + this.#stage);
    grown.set(this.#arena.subarray(0, this.#used));
    this.#arena = grown;
    this.#view = new DataView(grown.buffer);
  }

  /** Buffered entries. */
  get count(): number {
    return this.#n;
  }

  /** Bytes the buffered entries hold. */
  get bytes(): number {
    return this.#used + this.#n * ENTRY_BYTES + this.#objBytes +
      2 * this.#keyCharsUsed + (this.#prefix.length > 0 ? 8 * this.#n : 0);
  }

  /**
   * Bytes the sorter holds: the most its entries have filled of its
   * buffers, and the staging area once a spill has written to it. Not the
   * buffers' length: the arena goes from 64 KiB straight to its limit (see
   * #room), and of an array buffer only the pages written to are resident.
   * A sort of 1 MiB of lines with the default budget of 64 MiB allocates a
   * 32 MiB arena and fills 1.2 MiB of it and its index; counting the arena
   * whole, the stage's row said it held 32.1 MiB.
   */
  get heldBytes(): number {
    return Math.max(this.#filled, this.bytes) +
      (this.#staged ? this.#stage : 0);
  }

  /** Bytes of the sorter's buffers as allocated, and of its keys. */
  get allocatedBytes(): number {
    return this.#arena.length + this.#num.length * ENTRY_SLOT_BYTES +
      this.#prefix.byteLength + this.#objBytes +
      this.#keyChars.byteLength;
  }

  #room(bytes: number, entries = 1): void {
    if (this.#used + bytes > this.#cap) {
      // Straight to the limit (plus room for the worst-case encoding of a
      // chunk that starts just below it): a growing arena would leave its
      // old buffers to V8's next full collection, on top of the new one.
      const cap = Math.max(this.#used + bytes, this.#limit + this.#headroom);
      const grown = new Uint8Array(cap + this.#stage);
      grown.set(this.#arena.subarray(0, this.#used));
      this.#arena = grown;
      this.#view = new DataView(grown.buffer);
      this.#cap = cap;
      this.#grow(Math.ceil(cap / SLOT_BYTES));
    }
    if (this.#n + entries > this.#num.length) {
      this.#grow(Math.max(2 * this.#num.length, this.#n + entries));
    }
  }

  /** The entries' arrays, `size` slots long (when that is more). */
  #grow(size: number): void {
    if (size <= this.#num.length) return;
    const num = new Float64Array(size);
    num.set(this.#num);
    this.#num = num;
    const off = new Uint32Array(size);
    off.set(this.#off);
    this.#off = off;
    const len = new Uint32Array(size);
    len.set(this.#len);
    this.#len = len;
    const flags = new Uint8Array(size);
    flags.set(this.#flags);
    this.#flags = flags;
    const keyLen = new Uint32Array(size);
    keyLen.set(this.#keyLen);
    this.#keyLen = keyLen;
    if (this.#prefix.length > 0) this.#growPrefix();
  }

  #growPrefix(): void {
    const prefix = new Float64Array(this.#num.length);
    prefix.set(this.#prefix);
    this.#prefix = prefix;
  }

  /**
   * Where `len` more code units of string keys go: #keyChars grown when they
   * would not fit, and the old buffer freed at once (detached), not left to
   * V8's next full collection.
   */
  #keyRoom(len: number): Uint16Array {
    const at = this.#keyCharsUsed;
    const old = this.#keyChars;
    if (at + len <= old.length) return old;
    const grown = new Uint16Array(Math.max(2 * old.length, at + len));
    grown.set(old.subarray(0, at));
    this.#keyChars = grown;
    old.buffer.transfer(0);
    return grown;
  }

  /** Notes entry `i`'s string key, the `len` code units put at the end. */
  #keptText(i: number, len: number): void {
    const at = this.#keyCharsUsed;
    if (this.#prefix.length < this.#num.length) this.#growPrefix();
    this.#prefix[i] = textPrefix(this.#keyChars, at, len);
    this.#num[i] = at;
    this.#keyLen[i] = len;
    this.#keyCharsUsed = at + len;
  }

  /** Keeps the string key of entry `i` as code units. */
  #putText(i: number, key: string): void {
    const len = key.length;
    const at = this.#keyCharsUsed;
    const chars = this.#keyRoom(len);
    for (let c = 0; c < len; c++) chars[at + c] = key.charCodeAt(c);
    this.#keptText(i, len);
  }

  /**
   * Keeps the string key of entry `i` from its UTF-8, `bytes[from, to)`,
   * well formed: ASCII goes to code units as it is, with no string made.
   */
  #putTextBytes(i: number, bytes: Uint8Array, from: number, to: number): void {
    for (let b = from; b < to; b++) {
      if (bytes[b]! >= 0x80) {
        this.#putText(i, decoder.decode(bytes.subarray(from, to)));
        return;
      }
    }
    const len = to - from;
    const at = this.#keyCharsUsed;
    const chars = this.#keyRoom(len);
    // A loop, not `set` of a subarray: a view per key was young garbage.
    for (let b = 0; b < len; b++) chars[at + b] = bytes[from + b]!;
    this.#keptText(i, len);
  }

  /** The string key of entry `i`, from its code units. */
  #textAt(i: number): string {
    return unitsText(this.#keyChars, this.#num[i]!, this.#keyLen[i]!);
  }

  /** Compares entries with plain keys as defaultCompare does. */
  #comparePlain(a: number, b: number): number {
    const ta = this.#flags[a]! & (KEY_TEXT | SELF_TEXT);
    const tb = this.#flags[b]! & (KEY_TEXT | SELF_TEXT);
    if (ta === 0 || tb === 0) {
      if (ta !== 0) return 1;
      if (tb !== 0) return -1;
      const x = this.#num[a]!;
      const y = this.#num[b]!;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = this.#prefix[a]!;
    const y = this.#prefix[b]!;
    if (x !== y) return x < y ? -1 : 1;
    if (ta === SELF_TEXT) {
      const arena = this.#arena;
      return compareUtf8(
        arena,
        this.#off[a]!,
        this.#len[a]!,
        arena,
        this.#off[b]!,
        this.#len[b]!,
      );
    }
    return compareUnits(
      this.#keyChars,
      this.#num[a]!,
      this.#keyLen[a]!,
      this.#num[b]!,
      this.#keyLen[b]!,
    );
  }

  /**
   * Buffers entries: `items` with their `keys` (ignored without `keyed`),
   * spilling whenever the buffer is full. Strings are encoded a chunk at a
   * time.
   */
  async addAll(
    keys: unknown[] | undefined,
    items: unknown[],
    wide?: readonly number[],
  ): Promise<void> {
    let w = 0;
    for (let at = 0; at < items.length; at += JOIN_ITEMS) {
      const end = Math.min(items.length, at + JOIN_ITEMS);
      const part = items.slice(at, end);
      // The part's items that are not ASCII, when the chunk said (see
      // Chunk.wide).
      let partWide: number[] | undefined;
      if (wide !== undefined) {
        partWide = [];
        for (; w < wide.length && wide[w]! < end; w++) {
          partWide.push(wide[w]! - at);
        }
      }
      const partKeys = keys?.slice(at, end);
      let fast = part.length > 1;
      let length = part.length - 1; // of the items joined by line breaks
      for (let i = 0; i < part.length && fast; i++) {
        const item = part[i];
        if (typeof item !== "string") fast = false;
        else length += item.length;
      }
      // A spill comes before the join, so that the joined text is not
      // alive through it: V8's scavenges while a run was written found 61
      // KB alive instead of 2 KB, 33 KB of it this text (sluice sort -n,
      // budget 16 MiB, 1 GiB bench corpus), and grew the young generation.
      if (
        fast && this.#n > 0 &&
        this.bytes + length + part.length * ENTRY_BYTES >= this.#limit
      ) await this.spill();
      // With the items that are not ASCII known, the part is encoded in
      // pieces (see encodeApart) and never joined whole: joined, one such
      // item made the whole text two bytes a character, young garbage twice
      // the size of the lines (sort -n of the bench corpus, whose chunks
      // nearly all hold one: 3 bytes allocated in joins per byte sorted).
      const known = partWide !== undefined && partWide.length > 0;
      const joined = fast && !known ? part.join("\n") : "";
      // With the hint, #addJoined checks the lines as it encodes them.
      if (fast && (known || joined.isWellFormed())) {
        if (
          this.#addJoined(partKeys, part as string[], length, joined, partWide)
        ) {
          continue;
        }
      }
      for (let i = 0; i < part.length; i++) {
        if (this.add(partKeys?.[i], part[i])) await this.spill();
      }
    }
  }

  /**
   * Buffers `n` lines that are their own keys (without `keyed`, in the
   * default order) from their UTF-8: `bytes` holds each line, well formed,
   * followed by an LF, and is copied as it is, with no string made for any
   * line (see SELF_TEXT). Made from strings, the lines survived V8's
   * scavenges on their way here and grew its young generation: `sluice sort
   * --budget 16MiB` over the 256 MiB bench corpus peaked at 82.1 MiB RSS so,
   * at 72.6 from the reader's bytes (3 rounds in turns, medians).
   */
  async addLines(bytes: Uint8Array, n: number): Promise<void> {
    if (n === 0) return;
    if (
      this.#n > 0 &&
      this.bytes + bytes.length + n * (ENTRY_BYTES + 8) >= this.#limit
    ) await this.spill();
    this.#room(bytes.length, n);
    if (this.#prefix.length < this.#num.length) this.#growPrefix();
    this.#allNum = false;
    const arena = this.#arena;
    const off = this.#off;
    const len = this.#len;
    const flags = this.#flags;
    const prefix = this.#prefix;
    const end = this.#used + bytes.length;
    arena.set(bytes, this.#used);
    let j = this.#n;
    for (let at = this.#used; at < end; j++) {
      const nl = arena.indexOf(10, at);
      if (nl === -1 || nl >= end) break;
      off[j] = at;
      len[j] = nl - at;
      flags[j] = KEY_ITEM | SELF_TEXT;
      prefix[j] = utf8Prefix(arena, at, nl - at);
      at = nl + 1;
    }
    if (j !== this.#n + n) {
      throw new RangeError(
        `Cannot sort lines: expected ${n} lines in ${bytes.length} bytes, found ${
          j - this.#n
        }`,
      );
    }
    this.#used = end;
    this.#n = j;
  }

  /**
   * Buffers the lines of `bytes` that have a key, from their UTF-8: line `i`
   * ends at `ends[i]`, its LF, and has number key `keys[i]`, NaN for none
   * (such a line is left out). With `text`, a line whose `text.from[i]` is
   * not -1 has a string key instead: its UTF-8 is `bytes[from[i], to[i])`,
   * or it is `text.strings[i]` where `from[i]` is -2. The lines are well
   * formed and copied as they are, all at once; the bytes of a line left
   * out are squeezed out, a run of kept lines at a time. A copy per line
   * (copyBytes) took 14% of `sluice sort -k latency_ms -n` over the 256 MiB
   * bench corpus.
   */
  async addKeyedLines(
    bytes: Uint8Array,
    n: number,
    keys: Float64Array,
    ends: Int32Array,
    text?: KeyTexts,
  ): Promise<void> {
    if (n === 0) return;
    // A string key's code units and prefix, as `bytes` counts them.
    let keyBytes = 0;
    if (text !== undefined) {
      const { from, to, strings } = text;
      for (let i = 0; i < n; i++) {
        const f = from[i]!;
        if (f >= 0) keyBytes += 2 * (to[i]! - f) + 8;
        else if (f === -2) keyBytes += 2 * strings[i]!.length + 8;
      }
    }
    if (
      this.#n > 0 &&
      this.bytes + bytes.length + n * ENTRY_BYTES + keyBytes >= this.#limit
    ) await this.spill();
    this.#room(bytes.length, n);
    const arena = this.#arena;
    const off = this.#off;
    const len = this.#len;
    const flags = this.#flags;
    const num = this.#num;
    const base = this.#used;
    arena.set(bytes, base);
    // Bytes squeezed out so far, and where the run of kept lines since the
    // last line left out starts.
    let shift = 0;
    let run = 0;
    let start = 0;
    let j = this.#n;
    let smallInts = this.#smallInts;
    for (let i = 0; i < n; i++) {
      const end = ends[i]!;
      const from = text === undefined ? -1 : text.from[i]!;
      const key = keys[i]!;
      if (from === -1 && key !== key) {
        if (shift > 0 && start > run) {
          arena.copyWithin(base + run - shift, base + run, base + start);
        }
        shift += end + 1 - start;
        run = end + 1;
        start = end + 1;
        continue;
      }
      off[j] = base + start - shift;
      len[j] = end - start;
      if (from === -1) {
        flags[j] = KEY_NUMBER;
        num[j] = key;
        if (
          smallInts &&
          !(Number.isInteger(key) && key < SMALL_INT && key > -SMALL_INT)
        ) smallInts = false;
      } else {
        flags[j] = KEY_JSON | KEY_TEXT;
        if (from === -2) this.#putText(j, text!.strings[i]!);
        else this.#putTextBytes(j, bytes, from, text!.to[i]!);
        this.#allNum = false;
      }
      j++;
      start = end + 1;
    }
    if (shift > 0 && bytes.length > run) {
      arena.copyWithin(base + run - shift, base + run, base + bytes.length);
    }
    this.#smallInts = smallInts;
    this.#used = base + bytes.length - shift;
    this.#n = j;
  }

  /**
   * Adds strings joined by line breaks; false when one holds a break.
   * `length` is the joined text's. `wide`, when known, lists the items that
   * are not ASCII; else `joined` is the text.
   */
  #addJoined(
    keys: unknown[] | undefined,
    items: string[],
    length: number,
    joined: string,
    wide: number[] | undefined,
  ): boolean {
    const n = items.length;
    let written: number;
    if (wide !== undefined && wide.length > 0) {
      let extra = 0;
      for (const k of wide) extra += 2 * items[k]!.length;
      this.#room(length + extra, n);
      // A hint that was wrong gives -1 (a line not listed is not ASCII, or
      // one listed is not well formed): the items go one by one.
      written = encodeApart(
        items,
        wide,
        this.#arena.subarray(this.#used, this.#cap),
        true,
      );
      if (written === -1) return false;
    } else {
      // Room for ASCII first; more only when the text turns out not to be.
      this.#room(joined.length, n);
      let read: number;
      ({ read, written } = encoder.encodeInto(
        joined,
        this.#arena.subarray(this.#used, this.#cap),
      ));
      if (read < joined.length) {
        this.#room(joined.length * 3, n);
        ({ written } = encoder.encodeInto(
          joined,
          this.#arena.subarray(this.#used, this.#cap),
        ));
      }
    }
    const base = this.#used;
    const arena = this.#arena;
    const off = this.#off;
    const len = this.#len;
    const at0 = this.#n;
    const end = base + written;
    // Exactly n - 1 line breaks, one between each two items: else an item
    // holds one, and the items go one by one (as JSON). An item ends where
    // its length in code units says, when a break is there (an ASCII item
    // does); else at the next break. With no more than n - 1 breaks in all,
    // n - 1 breaks found one after another are every break, in order: an
    // item ended past a break would leave one more. A search per item cost
    // about 77 ns: `sort()` of the bench corpus spent 8-10% of its time in
    // them, against 2% for this loop and 4% for the count.
    if (lfCount(arena, wordsOf(arena), base, end) !== n - 1) return false;
    const text = arena.subarray(0, end);
    let at = base;
    for (let i = 0; i < n - 1; i++) {
      const guess = at + items[i]!.length;
      const nl = guess < end && arena[guess] === 10
        ? guess
        : text.indexOf(10, at);
      if (nl === -1) return false;
      off[at0 + i] = at;
      len[at0 + i] = nl - at;
      at = nl + 1;
    }
    off[at0 + n - 1] = at;
    len[at0 + n - 1] = end - at;
    const keyed = this.#o.keyed;
    const flags = this.#flags;
    const num = this.#num;
    const self = !keyed && this.#o.plain;
    if (self) {
      // The items are strings, their own keys: they stay bytes.
      if (this.#prefix.length < num.length) this.#growPrefix();
      this.#allNum = false;
    }
    const prefix = this.#prefix;
    for (let i = 0; i < n; i++) {
      const j = at0 + i;
      if (self) {
        flags[j] = KEY_ITEM | SELF_TEXT;
        prefix[j] = utf8Prefix(arena, off[j]!, len[j]!);
        continue;
      }
      const value = keyed ? keys![i] : items[i];
      if (typeof value === "number") {
        flags[j] = KEY_NUMBER;
        num[j] = value;
        if (
          this.#smallInts &&
          !(Number.isInteger(value) && value < SMALL_INT && value > -SMALL_INT)
        ) this.#smallInts = false;
      } else if (keyed && this.#o.plain && typeof value === "string") {
        flags[j] = KEY_JSON | KEY_TEXT;
        this.#putText(j, value);
        this.#allNum = false;
      } else {
        flags[j] = keyed ? KEY_JSON : KEY_ITEM;
        this.#objKeys[j] = value;
        this.#objBytes += heapCost(value);
        this.#allNum = false;
        this.#anyObj = true;
      }
    }
    // Which items are ASCII: all when the text's UTF-8 is as long as it,
    // else those the chunk did not list.
    if (written === joined.length) {
      for (let i = 0; i < n; i++) flags[at0 + i] = flags[at0 + i]! | ASCII_ITEM;
    } else if (wide !== undefined) {
      let w = 0;
      for (let i = 0; i < n; i++) {
        if (w < wide.length && wide[w] === i) {
          w++;
        } else {
          flags[at0 + i] = flags[at0 + i]! | ASCII_ITEM;
        }
      }
    }
    this.#used = base + written;
    this.#n = at0 + n;
    return true;
  }

  /**
   * Buffers an entry; returns true when the buffer is full and
   * {@linkcode ExternalSorter.spill} is due. Without `keyed`, `key` is
   * ignored and the item is its own compare value.
   */
  add(key: unknown, item: unknown): boolean {
    let flags: number;
    // Undefined for a number, written as JSON without a string: its text
    // was young garbage per item, and V8 keeps the text of each number
    // converted in a cache of its own (see numberPrefix), so much of it
    // survived (distinct() by req: a place in its log per line).
    let text: string | undefined;
    if (
      typeof item === "string" && item.indexOf("\n") === -1 &&
      item.isWellFormed()
    ) {
      flags = 0;
      text = item;
    } else if (typeof item === "number") {
      flags = JSON_ITEM;
    } else {
      flags = JSON_ITEM;
      text = jsonOf(item);
    }
    this.#room(text === undefined ? 25 : text.length * 3);
    const n = this.#n;
    const value = this.#o.keyed ? key : item;
    // A string item that is its own key stays bytes (see SELF_TEXT).
    const self = flags === 0 && !this.#o.keyed && this.#o.plain;
    if (self) {
      flags = KEY_ITEM | SELF_TEXT;
      this.#allNum = false;
    } else if (typeof value === "number") {
      flags |= KEY_NUMBER;
      this.#num[n] = value;
      if (
        !(Number.isInteger(value) && value < SMALL_INT && value > -SMALL_INT)
      ) this.#smallInts = false;
    } else if (this.#o.keyed && this.#o.plain && typeof value === "string") {
      flags |= KEY_JSON | KEY_TEXT;
      this.#putText(n, value);
      this.#allNum = false;
    } else {
      flags |= this.#o.keyed ? KEY_JSON : KEY_ITEM;
      this.#objKeys[n] = value;
      this.#objBytes += heapCost(value);
      this.#allNum = false;
      this.#anyObj = true;
    }
    let written: number;
    if (text === undefined) {
      written = numberJson(item as number, this.#arena, this.#used);
    } else {
      written = encoder.encodeInto(
        text,
        this.#arena.subarray(this.#used, this.#cap),
      ).written;
      if ((flags & JSON_ITEM) === 0 && written === text.length) {
        flags |= ASCII_ITEM;
      }
    }
    this.#off[n] = this.#used;
    this.#len[n] = written;
    this.#flags[n] = flags;
    if (self) {
      if (this.#prefix.length < this.#num.length) this.#growPrefix();
      this.#prefix[n] = utf8Prefix(this.#arena, this.#used, written);
    }
    this.#used += written;
    this.#n = n + 1;
    return this.bytes >= this.#limit;
  }

  #valueOf(i: number): unknown {
    const flags = this.#flags[i]!;
    return (flags & KEY_MASK) === KEY_NUMBER
      ? this.#num[i]
      : flags & KEY_TEXT
      ? this.#textAt(i)
      : flags & SELF_TEXT
      ? decodeAt(this.#arena, this.#off[i]!, this.#len[i]!)
      : this.#objKeys[i];
  }

  /** The buffered entries' indices in sorted order (stable). */
  #order(): ArrayLike<number> {
    const n = this.#n;
    const num = this.#num;
    const { compare, reverse, plain } = this.#o;
    if (plain && this.#allNum && this.#smallInts) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = num[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min + 1 < n) return this.#countingOrder(n, min, max, reverse);
      // Small integer keys: key and index packed into one double, sorted
      // natively with no comparator calls.
      const packed = new Float64Array(n);
      const sign = reverse ? -1 : 1;
      for (let i = 0; i < n; i++) packed[i] = sign * num[i]! * TWO_32 + i;
      packed.sort();
      const order = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        order[i] = ((packed[i]! % TWO_32) + TWO_32) % TWO_32;
      }
      return order;
    }
    if (plain && (this.#allNum || !this.#anyObj)) {
      if (this.#sortOrder.length < n) {
        this.#sortOrder = new Uint32Array(this.#num.length);
        this.#sortScratch = new Uint32Array(this.#num.length);
      }
      const order = this.#sortOrder.subarray(0, n);
      for (let i = 0; i < n; i++) order[i] = i;
      sortIndices(
        order,
        this.#allNum
          ? (reverse
            ? (a, b) => num[b]! - num[a]!
            : (a, b) => num[a]! - num[b]!)
          : reverse
          ? (a, b) => this.#comparePlain(b, a)
          : (a, b) => this.#comparePlain(a, b),
        this.#sortScratch,
      );
      return order;
    }
    const order = new Array<number>(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const values = new Array<unknown>(n);
    for (let i = 0; i < n; i++) values[i] = this.#valueOf(i);
    order.sort(
      reverse
        ? (a, b) => compare(values[b], values[a]) || a - b
        : (a, b) => compare(values[a], values[b]) || a - b,
    );
    return order;
  }

  /**
   * The order of `n` integer keys between `min` and `max`, fewer distinct
   * values than entries, by counting (stable). A run of the SORT task's
   * 160,480 latencies took 1.0-1.5 ms so and 19-24 ms packed into doubles
   * and sorted natively, 50 runs over the 1 GiB bench corpus.
   */
  #countingOrder(
    n: number,
    min: number,
    max: number,
    reverse: boolean,
  ): ArrayLike<number> {
    const num = this.#num;
    if (this.#sortOrder.length < n) {
      this.#sortOrder = new Uint32Array(num.length);
      this.#sortScratch = new Uint32Array(num.length);
    }
    // Where each key's entries start: counts, then their running sums.
    const starts = this.#sortScratch;
    const values = max - min + 1;
    starts.fill(0, 0, values + 1);
    for (let i = 0; i < n; i++) {
      starts[(reverse ? max - num[i]! : num[i]! - min) + 1]!++;
    }
    for (let k = 1; k <= values; k++) starts[k]! += starts[k - 1]!;
    const order = this.#sortOrder.subarray(0, n);
    for (let i = 0; i < n; i++) {
      order[starts[reverse ? max - num[i]! : num[i]! - min]!++] = i;
    }
    return order;
  }

  #clear(): void {
    this.#filled = Math.max(this.#filled, this.bytes);
    this.#used = 0;
    this.#n = 0;
    this.#objKeys = [];
    this.#objBytes = 0;
    this.#keyCharsUsed = 0;
    this.#anyObj = false;
    this.#allNum = true;
    this.#smallInts = true;
  }

  /**
   * Frees the buffer before a merge. The merge's blocks take at most a
   * third of the budget (and 4 MiB, see MERGE_BYTES); the arena's pages
   * (touched to its limit while reading) would stay resident until V8's
   * next full collection, under a young generation that grows while
   * merging. Measured at V8's defaults on the 256 MiB bench corpus: sort
   * 64MiB peak 121-126 MiB, was 141 (the merge used the arena for its
   * blocks); same speed.
   */
  #release(): void {
    const buffers = [
      this.#arena,
      this.#num,
      this.#off,
      this.#len,
      this.#flags,
      this.#keyLen,
      this.#prefix,
      this.#keyChars,
      this.#sortOrder,
      this.#sortScratch,
    ].map((a) => a.buffer as ArrayBuffer);
    this.#arena = new Uint8Array(0);
    this.#view = new DataView(this.#arena.buffer);
    this.#cap = 0;
    this.#num = new Float64Array(0);
    this.#off = new Uint32Array(0);
    this.#len = new Uint32Array(0);
    this.#flags = new Uint8Array(0);
    this.#keyLen = new Uint32Array(0);
    this.#prefix = new Float64Array(0);
    this.#keyChars = new Uint16Array(0);
    this.#sortOrder = new Uint32Array(0);
    this.#sortScratch = new Uint32Array(0);
    this.#objKeys = [];
    this.#filled = 0;
    this.#staged = false;
    // Detaching frees a backing store now, not at a later collection.
    for (const b of buffers) b.transfer(0);
  }

  /**
   * Reads the fields of the entries `order[from, to)` and the bytes at
   * either end of their lines, and gives back a number made of them (kept,
   * so that the reads are not left out). A run is written in sorted order, each entry from a
   * place of its own in the arena: one cache miss after another, each waited
   * for after the copy before it. Read first by a loop that does nothing
   * else, they are waited for together: `sort()` of the 1 GiB bench corpus
   * in a 64 MiB budget spent 21% of its time writing runs instead of 26%.
   * A sort held whole hands its entries on in the same order, so it reads
   * them so too: over 256 MiB in a 1 GiB budget, 3.88 s became 3.19
   * (medians of 5 in turns).
   */
  #warm(order: ArrayLike<number>, from: number, to: number): number {
    const arena = this.#arena;
    const flags = this.#flags;
    const len = this.#len;
    const off = this.#off;
    const num = this.#num;
    let x = 0;
    for (let j = from; j < to; j++) {
      const i = order[j]!;
      x ^= flags[i]! ^ len[i]! ^ num[i]!;
    }
    for (let j = from; j < to; j++) {
      const i = order[j]!;
      const o = off[i]!;
      x ^= arena[o]! ^ arena[o + len[i]!]!;
    }
    return x;
  }

  /** Writes the buffered entries as a sorted run. */
  async spill(): Promise<void> {
    const n = this.#n;
    if (n === 0) return;
    const order = this.#order();
    const path = await this.#o.spill.file();
    const writer = await RunWriter.create(path, 0);
    this.#withStage();
    this.#staged = true;
    const arena = this.#arena;
    const view = this.#view;
    // The staging area after the entries, filled and then written; a run
    // is written in this thread (see RunWriter), so no write is under way
    // while it fills again.
    const stage = this.#stage;
    const base = this.#cap;
    const limit = base + stage;
    let p = base;
    const writeStaged = async () => {
      await writer.write(arena.subarray(base, p));
      p = base;
    };
    let warm = 0;
    try {
      for (let j = 0; j < n; j++) {
        if ((j & (WARM_AHEAD - 1)) === 0) {
          warm ^= this.#warm(order, j, Math.min(n, j + WARM_AHEAD));
        }
        const i = order[j]!;
        let flags = this.#flags[i]!;
        const len = this.#len[i]!;
        const kind = flags & KEY_MASK;
        let keyBytes: Uint8Array | undefined;
        let keyUtf8 = -1;
        let size = 5 + len;
        if (kind === KEY_NUMBER) {
          size += 8;
        } else if (
          flags & KEY_TEXT &&
          (keyUtf8 = utf8Length(
              this.#keyChars,
              this.#num[i]!,
              this.#keyLen[i]!,
            )) !== -1 &&
          9 + keyUtf8 + len <= stage
        ) {
          // A string key goes from its code units to UTF-8 in place.
          size += 4 + keyUtf8;
        } else if (kind === KEY_JSON) {
          keyUtf8 = -1;
          const key = this.#valueOf(i);
          if (typeof key === "string" && key.isWellFormed()) {
            keyBytes = encoder.encode(key);
            flags |= KEY_TEXT;
          } else {
            keyBytes = encoder.encode(jsonOf(key, "a key"));
            flags &= ~KEY_TEXT;
          }
          size += 4 + keyBytes.length;
        }
        if (p + size > limit) {
          await writeStaged();
          if (size > stage) {
            // A record larger than the staging area goes out on its own.
            const big = new Uint8Array(size);
            const bigView = new DataView(big.buffer);
            bigView.setUint32(0, len, true);
            big[4] = flags;
            let q = 5;
            if (kind === KEY_NUMBER) {
              bigView.setFloat64(q, this.#num[i]!, true);
              q += 8;
            } else if (keyBytes !== undefined) {
              bigView.setUint32(q, keyBytes.length, true);
              big.set(keyBytes, q + 4);
              q += 4 + keyBytes.length;
            }
            const off = this.#off[i]!;
            big.set(arena.subarray(off, off + len), q);
            await writer.write(big);
            continue;
          }
        }
        view.setUint32(p, len, true);
        arena[p + 4] = flags;
        p += 5;
        if (kind === KEY_NUMBER) {
          view.setFloat64(p, this.#num[i]!, true);
          p += 8;
        } else if (keyUtf8 !== -1) {
          view.setUint32(p, keyUtf8, true);
          putUtf8(
            this.#keyChars,
            this.#num[i]!,
            this.#keyLen[i]!,
            arena,
            p + 4,
          );
          p += 4 + keyUtf8;
        } else if (keyBytes !== undefined) {
          view.setUint32(p, keyBytes.length, true);
          arena.set(keyBytes, p + 4);
          p += 4 + keyBytes.length;
        }
        const off = this.#off[i]!;
        arena.copyWithin(p, off, off + len);
        p += len;
      }
      await writeStaged();
      this.#warmth = warm;
      const bytes = await writer.close();
      this.#o.stats.count("runsWritten");
      this.#o.stats.count("bytesSpilled", bytes);
    } catch (error) {
      writer.abort();
      throw error;
    }
    this.#clear();
    // The arena is empty now: an early merge may read into it.
    await this.runs.add(path, this.#arena);
  }

  /**
   * All entries in sorted order, in chunks: straight from memory when
   * nothing was spilled, else merged from the runs, read into `pool` when
   * given (and large enough), else into the arena's memory.
   */
  async *sorted(pool?: Uint8Array): AsyncGenerator<Entries> {
    if (this.runs.length > 0) {
      await this.spill();
      // The arena is freed before the merge (it is no longer needed); the
      // merge reads into `pool` when the caller has memory to lend, else
      // into blocks of its own.
      this.#release();
      yield* mergeAll(this.runs.paths, this.#o, pool);
      return;
    }
    const order = this.#order();
    const wantKeys = this.#o.wantKeys;
    const emit = new Emitter(wantKeys, this.#o.bytes);
    const arena = this.#arena;
    let warm = 0;
    for (let j = 0; j < order.length; j++) {
      if ((j & (WARM_AHEAD - 1)) === 0) {
        warm ^= this.#warm(order, j, Math.min(order.length, j + WARM_AHEAD));
      }
      const i = order[j]!;
      const flags = this.#flags[i]!;
      if (wantKeys) emit.key(this.#valueOf(i));
      if ((flags & (KEY_MASK | SELF_TEXT)) === KEY_ITEM) {
        emit.value(this.#objKeys[i]);
      } else if (flags & JSON_ITEM) {
        const off = this.#off[i]!;
        emit.value(
          parseJsonBytes(arena, off, this.#len[i]!),
        );
      } else {
        emit.raw(
          arena,
          this.#off[i]!,
          this.#len[i]!,
          (flags & ASCII_ITEM) !== 0,
        );
      }
      if (emit.full) yield emit.take();
    }
    this.#warmth = warm;
    this.#clear();
    if (emit.count > 0) yield emit.take();
  }

  /**
   * Of the entries sorted, the item of each key's first, in batches: keys
   * the same as `===` says. Spilled, the keys are never decoded (see
   * Merger.firsts); `pool` as for {@linkcode sorted}.
   */
  async *firsts(pool?: Uint8Array): AsyncGenerator<unknown[]> {
    if (this.runs.length > 0) {
      await this.spill();
      this.#release();
      yield* firstsAll(this.runs.paths, this.#o, pool);
      return;
    }
    let last: unknown;
    let any = false;
    for await (const { keys, items } of this.sorted(pool)) {
      const out: unknown[] = [];
      for (let j = 0; j < keys.length; j++) {
        if (any && keys[j] === last) continue;
        any = true;
        last = keys[j];
        out.push(items[j]);
      }
      if (out.length > 0) yield out;
    }
  }
}

/**
 * The value of the JSON text in `len` bytes of `buf` at `start`, as
 * JSON.parse gives it. An integer of up to 15 digits, an array of them (a
 * group's counts, as a spill writes them) and `null` are read from the
 * bytes, without a string or the parser: decoding and parsing `[3]` took
 * 160 ns, most of a merged group's time, and the view and string of each
 * place merged by distinct() were young garbage.
 */
export function parseJsonBytes(
  buf: Uint8Array,
  start: number,
  len: number,
): unknown {
  if (buf[start] === 0x5b) {
    const ints = intArray(buf, start, len);
    if (ints !== undefined) return ints;
  } else if (buf[start] === 0x6e) {
    if (
      len === 4 && buf[start + 1] === 0x75 && buf[start + 2] === 0x6c &&
      buf[start + 3] === 0x6c
    ) return null;
  } else {
    const n = intAt(buf, start, start + len);
    if (n === n) return n;
  }
  return JSON.parse(decoder.decode(buf.subarray(start, start + len)));
}

/**
 * The integer JSON writes as `buf[start, end)` when it has at most 15 digits
 * (a double holds it exactly), else NaN.
 */
function intAt(buf: Uint8Array, start: number, end: number): number {
  const negative = buf[start] === 0x2d;
  const first = negative ? start + 1 : start;
  const digits = end - first;
  // No digits, too many, or a leading zero (not JSON).
  if (digits < 1 || digits > 15 || (digits > 1 && buf[first] === 0x30)) {
    return NaN;
  }
  let v = 0;
  for (let i = first; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return NaN;
    v = 10 * v + d;
  }
  return negative ? -v : v;
}

/** The integers of an array being read by {@linkcode intArray}. */
const intsRead: number[] = [];

/**
 * An array of integers as JSON writes it, or undefined for anything else.
 * Made at its length once read: one pushed to from empty took a backing
 * store of 16 slots for a group's one count.
 */
function intArray(
  buf: Uint8Array,
  start: number,
  len: number,
): number[] | undefined {
  const end = start + len - 1;
  if (len < 2 || buf[start] !== 0x5b || buf[end] !== 0x5d) return undefined;
  let i = start + 1;
  if (i === end) return [];
  let n = 0;
  while (true) {
    const negative = buf[i] === 0x2d;
    if (negative) i++;
    const first = i;
    let v = 0;
    while (i < end) {
      const d = buf[i]! - 0x30;
      if (d < 0 || d > 9) break;
      v = 10 * v + d;
      i++;
    }
    const digits = i - first;
    // No digits, a leading zero (not JSON) or more than a double holds
    // exactly: the parser decides.
    if (digits === 0 || digits > 15 || (digits > 1 && buf[first] === 0x30)) {
      return undefined;
    }
    intsRead[n++] = negative ? -v : v;
    if (i === end) break;
    if (buf[i] !== 0x2c) return undefined;
    i++;
  }
  if (n === 1) return [intsRead[0]!];
  const out = new Array<number>(n);
  for (let j = 0; j < n; j++) out[j] = intsRead[j]!;
  return out;
}

/**
 * Records a run takes without a string made of their parts: string keys
 * kept as UTF-16 code units (see KeyIndex's textLength and textInto), and
 * accumulators that are numbers (see GroupTable's jsonInto).
 */
export interface DirectRecords {
  /** Record i's key length in code units when it is a string, else -1. */
  keyLength(i: number): number;
  /**
   * Writes record i's string key as UTF-8 into `buf` at `p`; the bytes
   * written, or -1 when it cannot (a lone surrogate).
   */
  keyInto(i: number, buf: Uint8Array, p: number): number;
  /** The most bytes `jsonInto` writes, or -1: `jsonAt` then. */
  jsonBytes: number;
  /** Writes record i's JSON text into `buf` at `p`; the bytes written. */
  jsonInto(i: number, buf: Uint8Array, p: number): number;
}

/**
 * Writes `n` records keyed by plain keys, in the order given, as a run the
 * merge reads: record i has the key `keyAt(i)` and the JSON text `jsonAt(i)`
 * as its item. Each record is encoded straight into the writer's buffer;
 * with `direct`, records with a string key go there from its code units
 * (and their JSON too, where `direct` can write it), and `keyAt` and
 * `jsonAt` are asked only for the others.
 */
export async function writeKeyedRun(
  writer: RunWriter,
  n: number,
  keyAt: (i: number) => string | number | null,
  jsonAt: (i: number) => string,
  direct?: DirectRecords,
): Promise<void> {
  for (let i = 0; i < n; i++) {
    let json: string | undefined;
    const units = direct === undefined ? -1 : direct.keyLength(i);
    if (units >= 0) {
      // A string key, well formed but for a lone surrogate (then below).
      const d = direct!;
      if (d.jsonBytes < 0) json = jsonAt(i);
      const worst = 13 + 3 * units +
        (json === undefined ? d.jsonBytes : 3 * json.length);
      const at = writer.fits(worst)
        ? writer.take(worst)
        : await writer.reserve(worst);
      const buf = writer.buffer;
      const p = at + 5;
      const keyBytes = d.keyInto(i, buf, p + 4);
      if (keyBytes >= 0) {
        buf[at + 4] = JSON_ITEM | KEY_JSON | KEY_TEXT;
        writer.view.setUint32(p, keyBytes, true);
        const q = p + 4 + keyBytes;
        const written = json === undefined
          ? d.jsonInto(i, buf, q)
          : encoder.encodeInto(json, buf.subarray(q, at + worst)).written;
        writer.view.setUint32(at, written, true);
        writer.unreserve(at + worst - (q + written));
        continue;
      }
      writer.unreserve(worst);
    }
    json ??= jsonAt(i);
    const key = keyAt(i);
    const text = typeof key === "string" && key.isWellFormed();
    const keyText = typeof key === "number"
      ? ""
      : text
      ? key
      : jsonOf(key, "a key");
    const worst = 13 + 3 * keyText.length + 3 * json.length;
    const at = writer.fits(worst)
      ? writer.take(worst)
      : await writer.reserve(worst);
    const buf = writer.buffer;
    const view = writer.view;
    let p = at + 5;
    if (typeof key === "number") {
      buf[at + 4] = JSON_ITEM | KEY_NUMBER;
      view.setFloat64(p, key, true);
      p += 8;
    } else {
      buf[at + 4] = JSON_ITEM | KEY_JSON | (text ? KEY_TEXT : 0);
      const { written } = encoder.encodeInto(
        keyText,
        buf.subarray(p + 4, at + worst),
      );
      view.setUint32(p, written, true);
      p += 4 + written;
    }
    const { written } = encoder.encodeInto(json, buf.subarray(p, at + worst));
    view.setUint32(at, written, true);
    writer.unreserve(at + worst - (p + written));
  }
}

/**
 * Appends to `writer` a record keyed by the number `key` with `item` as its
 * payload, for a run read back in the order written (see
 * {@linkcode readRun}): strings that are well formed and hold no line break
 * go as UTF-8, anything else as JSON. Returns a promise only when the writer
 * must flush first.
 */
export function writeNumbered(
  writer: RunWriter,
  key: number,
  item: unknown,
): Promise<void> | undefined {
  let flags = KEY_NUMBER;
  let text: string;
  if (
    typeof item === "string" && item.indexOf("\n") === -1 &&
    item.isWellFormed()
  ) {
    text = item;
  } else {
    flags |= JSON_ITEM;
    text = jsonOf(item);
  }
  const worst = 13 + 3 * text.length;
  if (writer.fits(worst)) {
    putNumbered(writer, writer.take(worst), worst, flags, key, text);
    return undefined;
  }
  return writer.reserve(worst).then((at) =>
    putNumbered(writer, at, worst, flags, key, text)
  );
}

function putNumbered(
  writer: RunWriter,
  at: number,
  worst: number,
  flags: number,
  key: number,
  text: string,
): void {
  const buf = writer.buffer;
  const view = writer.view;
  buf[at + 4] = flags;
  view.setFloat64(at + 5, key, true);
  const written = writer.putText(text, at + 13);
  if ((flags & JSON_ITEM) === 0 && written === text.length) {
    buf[at + 4] = flags | ASCII_ITEM;
  }
  view.setUint32(at, written, true);
  writer.unreserve(worst - 13 - written);
}

/**
 * The records of one run file in the order written, in chunks (keys and
 * items), read through one block cut from `pool` when it is large enough.
 */
export function readRun(
  path: string,
  o: MergeOptions,
  pool?: Uint8Array,
): AsyncGenerator<Entries> {
  return new Merger([path], o, pool).entries();
}

/** How runs are merged. */
export type MergeOptions = Omit<SorterOptions, "plain">;

/** How many runs one merge reads at once: fewer for a small budget. */
function mergeFanIn(o: MergeOptions): number {
  // A small budget merges fewer runs at once, each with a block of 4 KiB.
  return Math.max(
    2,
    Math.min(o.fanIn, Math.floor(o.budgetBytes / (3 * MIN_BLOCK))),
  );
}

/**
 * The run files of a spilling stage, merged as they come so that there are
 * never many: when the last `fanIn` runs are of one level (a run as
 * spilled is level 0), they are merged into one run of the next level, in
 * their place. Runs stay in input order (merges are of neighbours, stable),
 * each byte is rewritten once per level (log base fanIn of the runs), and
 * the files on disk stay below fanIn per level: a tiny budget over a big
 * input makes a few levels, not hundreds of thousands of files.
 */
export class RunList {
  /** The run files, in input order. */
  readonly paths: string[] = [];
  readonly #levels: number[] = [];
  readonly #o: MergeOptions;

  /** @param o How runs are merged (and where their files go). */
  constructor(o: MergeOptions) {
    this.#o = o;
  }

  /** The number of runs. */
  get length(): number {
    return this.paths.length;
  }

  /**
   * Adds a spilled run; merges the last ones when they fill a level. `pool`
   * is memory the merge may read into.
   */
  async add(path: string, pool?: Uint8Array): Promise<void> {
    this.paths.push(path);
    this.#levels.push(0);
    const fanIn = mergeFanIn(this.#o);
    while (this.paths.length >= fanIn) {
      const n = this.paths.length;
      const level = this.#levels[n - 1]!;
      let same = 1;
      while (same < fanIn && this.#levels[n - 1 - same] === level) same++;
      if (same < fanIn) return;
      const group = this.paths.slice(n - fanIn);
      const merged = await mergeInto(group, this.#o, pool);
      this.paths.splice(n - fanIn, fanIn, merged);
      this.#levels.splice(n - fanIn, fanIn, level + 1);
      this.#o.stats.count("earlyMerges");
    }
  }
}

/** Merges `group` into one new run file (removing theirs); its path. */
async function mergeInto(
  group: string[],
  o: MergeOptions,
  pool?: Uint8Array,
): Promise<string> {
  const path = await o.spill.file();
  const writer = await RunWriter.create(path);
  try {
    await new Merger(group, o, pool).copyTo(writer);
    const bytes = await writer.close();
    o.stats.count("runsWritten");
    o.stats.count("bytesSpilled", bytes);
  } catch (error) {
    writer.abort();
    throw error;
  }
  for (const r of group) await o.spill.discard(r);
  return path;
}

/**
 * Merges `runs` into one sorted stream, first merging groups of `fanIn`
 * consecutive runs into new runs while there are more than `fanIn`.
 */
export async function* mergeAll(
  runs: string[],
  o: MergeOptions,
  pool?: Uint8Array,
): AsyncGenerator<Entries> {
  yield* new Merger(await mergeDown(runs, o, pool), o, pool).entries();
}

/**
 * Of the entries in `runs` merged, stably: the item of each key's first,
 * keys being the same as `===` says (see Merger.firsts).
 */
export async function* firstsAll(
  runs: string[],
  o: MergeOptions,
  pool?: Uint8Array,
): AsyncGenerator<unknown[]> {
  yield* new Merger(await mergeDown(runs, o, pool), o, pool).firsts();
}

/** Merges `runs` in passes until one merge can read them all: those runs. */
async function mergeDown(
  runs: string[],
  o: MergeOptions,
  pool?: Uint8Array,
): Promise<string[]> {
  const fanIn = mergeFanIn(o);
  let current = runs;
  while (current.length > fanIn) {
    const next: string[] = [];
    for (let at = 0; at < current.length; at += fanIn) {
      const group = current.slice(at, at + fanIn);
      if (group.length === 1) {
        next.push(group[0]!);
        continue;
      }
      next.push(await mergeInto(group, o, pool));
    }
    o.stats.count("mergePasses");
    current = next;
  }
  o.stats.count("mergePasses");
  return current;
}

/**
 * The first six of `len` bytes of UTF-8 in `buf` at `at` as one number, 8
 * bits a byte, that orders as {@linkcode compareUtf8} orders the texts
 * wherever two differ: a byte from 0xEE up (where UTF-8's order and
 * UTF-16's part) counts as 0xEE and ends the prefix (the bytes after it
 * count as 0), and so does the text's end. Equal prefixes say nothing:
 * compare the bytes. {@linkcode textPrefix}'s counterpart for UTF-8 (kept
 * apart: one function over both kinds of array reads neither as fast).
 */
export function utf8Prefix(buf: Uint8Array, at: number, len: number): number {
  let prefix = 0;
  let open = true;
  for (let i = 0; i < 6; i++) {
    let byte = 0;
    if (open && i < len) {
      byte = buf[at + i]!;
      if (byte >= 0xee) {
        byte = 0xee;
        open = false;
      }
    }
    prefix = prefix * 0x100 + byte;
  }
  return prefix;
}

/**
 * A k-way merge of sorted runs: a binary heap of the runs' current records,
 * ties broken by run order, so the merge is stable.
 */
class Merger {
  #o: MergeOptions;
  #readers: RunReader[];
  /**
   * Run r's key: by `#kind[r]`, `#keys[r]` (DECODED), `#num[r]` (NUMBER) or
   * the UTF-8 in its reader's buffer at `#keyAt[r]`, `#keyLen[r]` long (TEXT).
   */
  #keys: unknown[];
  // Number keys stay unboxed: a double passed to `compare` is a new heap
  // number per comparison, young garbage that makes V8 collect (and grow
  // its young generation) sooner. With this, the byte loop and the ASCII
  // runs of the Emitter: the merge's own garbage per 256 lines of the bench
  // corpus measured 50 KiB, was about 105 KiB (sort, budget 16MiB).
  #num: Float64Array;
  #kind: Uint8Array;
  // A string key of a merge in the default order stays bytes, compared as
  // such, and a merge that hands on its keys decodes each as it goes out.
  // Decoded as it was read, each run's current key was a string alive until
  // its record went out: with many runs, at every scavenge, so V8 grew its
  // young generation sooner (groupBy() by req, 16 MiB budget, 93 runs, over
  // 1 GiB: about 4.9 KB alive at each scavenge of the merge, not 2.5, and
  // semi-spaces of 8 MiB, not 4, for the last quarter of the run). Compared
  // byte by byte, such keys took 7% longer to merge than as strings; with
  // #pre, two keys whose first bytes differ compare as two numbers.
  #keyAt: Int32Array;
  #keyLen: Int32Array;
  /** A TEXT key's first bytes, as {@linkcode utf8Prefix} gives them. */
  #pre: Float64Array;
  #plain: boolean;
  #items: unknown[];
  #decoded: boolean[];
  #recStart: number[];
  #payStart: number[];
  #payLen: number[];
  #flags: number[];
  #heap: number[] = [];

  /**
   * @param runs The run files, in input order.
   * @param o How to merge.
   * @param pool Memory to cut the runs' blocks from, if there is any.
   */
  constructor(runs: string[], o: MergeOptions, pool?: Uint8Array) {
    this.#o = o;
    const k = runs.length;
    // Each run's block, plus what its records decode to. At most MERGE_BLOCK,
    // and all of them together at most MERGE_BYTES.
    const block = Math.max(
      MIN_BLOCK,
      Math.min(
        MERGE_BLOCK,
        Math.floor(o.budgetBytes / (3 * k)),
        Math.floor(MERGE_BYTES / k),
      ),
    );
    // The blocks cut from one buffer, the pool or one of their own: the
    // lines copied out of them (copyBytes) then come from one buffer, and
    // copyBytes makes its word view of a buffer only when the buffer
    // changes. With a buffer per run, it made one for nearly every line of
    // a merge by a key in no order with the input's (`sort()` by a text
    // field over 64 MiB of the bench corpus, 4 MiB budget: 151 bytes of
    // young garbage a line, 31 in one buffer).
    const blocks = pool !== undefined && pool.length >= block * k
      ? pool
      : new Uint8Array(block * k);
    this.#readers = runs.map((r, i) =>
      new RunReader(r, blocks.subarray(i * block, (i + 1) * block))
    );
    this.#keys = new Array(k);
    this.#num = new Float64Array(k);
    this.#kind = new Uint8Array(k);
    this.#keyAt = new Int32Array(k);
    this.#keyLen = new Int32Array(k);
    this.#pre = new Float64Array(k);
    this.#plain = o.compare === defaultCompare;
    this.#items = new Array(k);
    this.#decoded = new Array(k).fill(false);
    this.#recStart = new Array(k).fill(0);
    this.#payStart = new Array(k).fill(0);
    this.#payLen = new Array(k).fill(0);
    this.#flags = new Array(k).fill(0);
  }

  /** Parses run r's next record; 0 when done, else the bytes it needs. */
  #parse(r: number): number {
    const rd = this.#readers[r]!;
    const avail = rd.end - rd.start;
    if (avail < 5) return 5;
    const p = rd.start;
    const view = rd.view;
    const len = view.getUint32(p, true);
    const flags = rd.buffer[p + 4]!;
    const kind = flags & KEY_MASK;
    let at = p + 5;
    this.#kind[r] = DECODED;
    if (kind === KEY_NUMBER) {
      if (avail < 13 + len) return 13 + len;
      this.#num[r] = view.getFloat64(at, true);
      this.#kind[r] = NUMBER;
      at += 8;
    } else if (kind === KEY_JSON) {
      if (avail < 9) return 9;
      const kl = view.getUint32(at, true);
      if (avail < 9 + kl + len) return 9 + kl + len;
      if (flags & KEY_TEXT && this.#plain) {
        this.#kind[r] = TEXT;
        this.#keyAt[r] = at + 4;
        this.#keyLen[r] = kl;
        this.#pre[r] = utf8Prefix(rd.buffer, at + 4, kl);
        this.#keys[r] = undefined;
      } else {
        const text = decodeAt(rd.buffer, at + 4, kl);
        this.#keys[r] = flags & KEY_TEXT ? text : JSON.parse(text);
      }
      at += 4 + kl;
    } else if (avail < 5 + len) {
      return 5 + len;
    }
    this.#recStart[r] = p;
    this.#payStart[r] = at;
    this.#payLen[r] = len;
    this.#flags[r] = flags;
    rd.start = at + len;
    if (flags & SELF_TEXT && this.#plain) {
      // A string item that is its own key, compared as its UTF-8.
      this.#kind[r] = TEXT;
      this.#keyAt[r] = at;
      this.#keyLen[r] = len;
      this.#pre[r] = utf8Prefix(rd.buffer, at, len);
      this.#keys[r] = undefined;
      this.#decoded[r] = false;
    } else if (kind === KEY_ITEM || kind === KEY_NONE) {
      const text = decodeAt(rd.buffer, at, len);
      const item = flags & JSON_ITEM ? JSON.parse(text) : text;
      this.#items[r] = item;
      this.#keys[r] = item;
      this.#decoded[r] = true;
    } else {
      this.#decoded[r] = false;
    }
    return 0;
  }

  /** Moves run r to its next record; false when the run is used up. */
  async #advance(r: number): Promise<boolean> {
    while (true) {
      const need = this.#parse(r);
      if (need === 0) return true;
      const rd = this.#readers[r]!;
      const had = rd.end - rd.start;
      if (!(await rd.more(need))) {
        if (rd.end - rd.start === 0 && had === 0) return false;
        throw new Error("A spill file of this run ends inside a record");
      }
    }
  }

  /** Run r's current key (a string kept as bytes decoded now). */
  #key(r: number): unknown {
    const kind = this.#kind[r];
    if (kind === NUMBER) return this.#num[r];
    if (kind === TEXT) {
      const at = this.#keyAt[r]!;
      return decodeAt(this.#readers[r]!.buffer, at, this.#keyLen[r]!);
    }
    return this.#keys[r];
  }

  #before(a: number, b: number): boolean {
    const o = this.#o;
    if (this.#plain) {
      const ka = this.#kind[a]!;
      const kb = this.#kind[b]!;
      if (ka === NUMBER && kb === NUMBER) {
        // defaultCompare on two numbers (never NaN), without boxing them.
        const x = this.#num[a]!;
        const y = this.#num[b]!;
        if (x !== y) return o.reverse ? y < x : x < y;
        return a < b;
      }
      if (ka === TEXT && kb === TEXT) {
        const x = this.#pre[a]!;
        const y = this.#pre[b]!;
        if (x !== y) return o.reverse ? y < x : x < y;
        const c = compareUtf8(
          this.#readers[a]!.buffer,
          this.#keyAt[a]!,
          this.#keyLen[a]!,
          this.#readers[b]!.buffer,
          this.#keyAt[b]!,
          this.#keyLen[b]!,
        );
        if (c !== 0) return o.reverse ? c > 0 : c < 0;
        return a < b;
      }
      if (ka + kb === NUMBER + TEXT) {
        // A number before a string, as defaultCompare orders them.
        return o.reverse ? kb === NUMBER : ka === NUMBER;
      }
    }
    const c = o.reverse
      ? o.compare(this.#key(b), this.#key(a))
      : o.compare(this.#key(a), this.#key(b));
    return c !== 0 ? c < 0 : a < b;
  }

  #down(at: number): void {
    const heap = this.#heap;
    const n = heap.length;
    const r = heap[at]!;
    while (true) {
      let child = 2 * at + 1;
      if (child >= n) break;
      if (child + 1 < n && this.#before(heap[child + 1]!, heap[child]!)) {
        child++;
      }
      if (!this.#before(heap[child]!, r)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = r;
  }

  async #start(): Promise<void> {
    const k = this.#readers.length;
    for (let r = 0; r < k; r++) if (await this.#advance(r)) this.#heap.push(r);
    for (let at = (this.#heap.length >> 1) - 1; at >= 0; at--) this.#down(at);
    this.#o.stats.hold(
      k,
      this.#readers.reduce((n, rd) => n + 3 * rd.buffer.length, 0),
    );
  }

  /** Takes the top run r off the heap, or puts its next record in place. */
  #settle(more: boolean): void {
    const heap = this.#heap;
    if (more) {
      this.#down(0);
      return;
    }
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.#down(0);
    }
  }

  /**
   * The merged entries, in chunks. Its reads never turn the event loop
   * (see RunReader): it turns it itself between chunks, after every
   * OUTPUT_TURN_ITEMS entries, so that timers and signals are not held up
   * by a long merge whatever reads it.
   */
  async *entries(): AsyncGenerator<Entries> {
    const wantKeys = this.#o.wantKeys;
    const emit = new Emitter(wantKeys, this.#o.bytes);
    const turns = new TurnCounter(OUTPUT_TURN_ITEMS);
    try {
      await this.#start();
      const heap = this.#heap;
      while (heap.length > 0) {
        const r = heap[0]!;
        if (wantKeys) emit.key(this.#key(r));
        if (this.#decoded[r]) {
          emit.value(this.#items[r]);
        } else {
          const rd = this.#readers[r]!;
          const start = this.#payStart[r]!;
          const len = this.#payLen[r]!;
          if (this.#flags[r]! & JSON_ITEM) {
            emit.value(
              parseJsonBytes(rd.buffer, start, len),
            );
          } else {
            emit.raw(
              rd.buffer,
              start,
              len,
              (this.#flags[r]! & ASCII_ITEM) !== 0,
            );
          }
        }
        // Only a run whose block is used up waits for a read.
        if (this.#parse(r) === 0) this.#down(0);
        else this.#settle(await this.#advance(r));
        if (emit.full) {
          const n = emit.count;
          yield emit.take();
          const turn = turns.after(n);
          if (turn !== undefined) await turn;
        }
      }
      if (emit.count > 0) yield emit.take();
    } finally {
      for (const rd of this.#readers) rd.close();
    }
  }

  /**
   * Of the merged entries, the item of each key's first, in batches: keys
   * the same as `===` says, a string key told from the one before by its
   * bytes, never decoded.
   */
  async *firsts(): AsyncGenerator<unknown[]> {
    const turns = new TurnCounter(OUTPUT_TURN_ITEMS);
    // The key before, as its kind says (see #kind).
    let kind = -1;
    let num = 0;
    let value: unknown;
    let text = new Uint8Array(256);
    let textLen = 0;
    let out: unknown[] = [];
    let seen = 0;
    try {
      await this.#start();
      const heap = this.#heap;
      while (heap.length > 0) {
        const r = heap[0]!;
        const rd = this.#readers[r]!;
        const k = this.#kind[r]!;
        let same = k === kind;
        if (k === NUMBER) {
          same &&= this.#num[r] === num;
          num = this.#num[r]!;
        } else if (k === TEXT) {
          const at = this.#keyAt[r]!;
          const len = this.#keyLen[r]!;
          same &&= compareUtf8(rd.buffer, at, len, text, 0, textLen) === 0;
          if (!same) {
            if (len > text.length) text = new Uint8Array(2 * len);
            copyBytes(rd.buffer, at, len, text, 0);
            textLen = len;
          }
        } else {
          same &&= this.#keys[r] === value;
          value = this.#keys[r];
        }
        kind = k;
        if (!same) {
          if (this.#decoded[r]) {
            out.push(this.#items[r]);
          } else {
            const start = this.#payStart[r]!;
            const len = this.#payLen[r]!;
            out.push(
              this.#flags[r]! & JSON_ITEM
                ? parseJsonBytes(rd.buffer, start, len)
                : decodeAt(rd.buffer, start, len),
            );
          }
        }
        if (this.#parse(r) === 0) this.#down(0);
        else this.#settle(await this.#advance(r));
        if (++seen === OUT_BATCH) {
          seen = 0;
          if (out.length > 0) {
            const n = out.length;
            yield out;
            out = [];
            const turn = turns.after(n);
            if (turn !== undefined) await turn;
          }
        }
      }
      if (out.length > 0) yield out;
    } finally {
      for (const rd of this.#readers) rd.close();
    }
  }

  /** Writes the merged records to `writer` as they are. */
  async copyTo(writer: RunWriter): Promise<void> {
    try {
      await this.#start();
      const heap = this.#heap;
      while (heap.length > 0) {
        const r = heap[0]!;
        const rd = this.#readers[r]!;
        const start = this.#recStart[r]!;
        const size = this.#payStart[r]! + this.#payLen[r]! - start;
        let at: number;
        if (writer.fits(size)) at = writer.take(size);
        else {
          // A write of the writer's buffer (1 MiB), then a turn of the event
          // loop: the reads and writes run in this thread, and without a
          // turn timers and signals (Ctrl-C) would wait for the whole merge
          // (17 s of 256 runs over the 4 GiB bench corpus, for sort() with a
          // 16 MiB budget).
          at = await writer.reserve(size);
          await eventLoopTurn();
        }
        // No view of the record made to copy it (see copyBytes): about 100
        // bytes of young garbage a record, the most of a long sort's garbage
        // (sluice sort -k latency_ms -n --budget 16MiB over the 4 GiB bench
        // corpus, two merges of 256 runs each: 4.0 GB allocated in all, 1.4
        // so; V8's GC trace).
        copyBytes(rd.buffer, start, size, writer.buffer, at);
        if (this.#parse(r) === 0) this.#down(0);
        else this.#settle(await this.#advance(r));
      }
    } finally {
      for (const rd of this.#readers) rd.close();
    }
  }
}
