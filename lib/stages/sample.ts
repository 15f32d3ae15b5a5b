// Copyright 2026 the sluice authors. MIT license.

import { lineOf, numbered } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import type { Stage, StageOptions } from "../core/types.ts";

/** Options for {@linkcode sample}. */
export interface SampleOptions extends StageOptions {
  /**
   * Seed for the random choice: the same seed and input give the same
   * sample, however the input is divided among shards. Without it the
   * sample differs from run to run.
   *
   * @default {undefined}
   */
  seed?: number;
}

/**
 * A string of its own: a line is a slice of the block it was decoded from,
 * and a kept slice would keep that whole block alive.
 */
function own<T>(item: T): T {
  return typeof item === "string" && item.length > 12
    ? JSON.parse(JSON.stringify(item))
    : item;
}

const encoder = new TextEncoder();
// A U+FEFF that starts an item is a character of it, not a byte order mark.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Folds a 32-bit state: a good avalanche for the last steps of a hash. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The sampling priorities of the lines of one input under `seed`: a
 * pseudo-random number in [0, 2^53) of the input's name and the line's
 * number, so that a line's chance does not depend on what was read before
 * it (nor on which shard read it).
 */
export function priorities(
  seed: number,
  path: string,
): (line: number) => number {
  let a = (seed | 0) ^ 0x9e3779b9;
  let b = Math.imul(Math.floor(seed / 2 ** 32) | 0, 0x85ebca6b) ^ 0xc2b2ae35;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  const pa = mix32(a);
  const pb = mix32(b ^ pa);
  return (line) => {
    const x = mix32(pa ^ line);
    const y = mix32(pb ^ Math.floor(line / 2 ** 32) ^ x);
    return x * 2 ** 21 + (y >>> 11);
  };
}

/** An item kept by a bottom-k sample, with what orders it. */
export interface Kept<T> {
  item: T;
  priority: number;
  line: number;
}

/** The slots a BottomK starts with (it doubles them up to its count). */
const FIRST_SLOTS = 1024;
/** The bytes of strings a BottomK's store starts with. */
const FIRST_STORE = 1 << 16;
/** The items BottomK.batches() decodes at a time. */
const SAMPLE_BATCH = 256;

/**
 * The `count` items of least priority (the earlier on a tie), in a heap
 * whose root is the one to go first.
 *
 * What orders the items is kept in typed arrays, and a well-formed string
 * as its UTF-8 in a store of bytes, from which a replaced one's bytes go
 * when the store is compacted: no object per item. As strings and objects,
 * every item kept survived V8's scavenges, those replaced died in its old
 * generation, and both generations grew: `sluice sample -n 100000` over
 * the 256 MiB bench corpus peaked at 214 MiB RSS, 160 MiB of it V8's heap,
 * for 13 MiB of lines.
 */
export class BottomK<T> {
  readonly #count: number;
  #seq = 0;
  #n = 0;
  // The heap: the slot of each item kept, the root's the one to go first.
  // A slot keeps its item's priority, input order, line number and the item
  // itself: `#len` bytes at `#off` in the store, or with `#len` -1 the value
  // in `#objects`. An item replaced leaves its slot to the one replacing it.
  #heap = new Uint32Array(0);
  #priority = new Float64Array(0);
  #order = new Float64Array(0);
  #line = new Float64Array(0);
  #off = new Uint32Array(0);
  #len = new Int32Array(0);
  #objects: unknown[] = [];
  #store = new Uint8Array(0);
  #used = 0;
  /** The bytes in the store that no item kept holds. */
  #dead = 0;
  /** Slots, sorted by where their bytes lie (see #room). */
  #places = new Uint32Array(0);

  constructor(count: number) {
    this.#count = count;
  }

  /** How many items are kept. */
  get size(): number {
    return this.#n;
  }

  /** The bytes it holds: its arrays and its store. */
  get heldBytes(): number {
    return this.#store.length + 36 * this.#priority.length +
      this.#places.byteLength;
  }

  /** Whether the item in slot `a` goes before the one in slot `b`. */
  #worse(a: number, b: number): boolean {
    const pa = this.#priority[a]!;
    const pb = this.#priority[b]!;
    return pa > pb || (pa === pb && this.#order[a]! > this.#order[b]!);
  }

  /** Room for one more item in the arrays. */
  #slot(): void {
    const size = this.#priority.length;
    if (this.#n < size) return;
    const grown = Math.min(this.#count, Math.max(FIRST_SLOTS, 2 * size));
    this.#priority = grownTo(this.#priority, new Float64Array(grown));
    this.#order = grownTo(this.#order, new Float64Array(grown));
    this.#line = grownTo(this.#line, new Float64Array(grown));
    this.#off = grownTo(this.#off, new Uint32Array(grown));
    this.#len = grownTo(this.#len, new Int32Array(grown));
    this.#heap = grownTo(this.#heap, new Uint32Array(grown));
  }

  /** Keeps `item` in slot `at`. */
  #put(at: number, item: T): void {
    if (this.#len[at] === -1) this.#objects[at] = undefined;
    else this.#dead += this.#len[at]!;
    // Not moved if the store is compacted now: its bytes are dead.
    this.#len[at] = 0;
    if (typeof item !== "string" || !item.isWellFormed()) {
      this.#len[at] = -1;
      this.#objects[at] = own(item);
      return;
    }
    // A code unit takes at most 3 bytes of UTF-8.
    if (this.#used + 3 * item.length > this.#store.length) {
      this.#room(3 * item.length);
    }
    const written = encoder.encodeInto(
      item,
      this.#store.subarray(this.#used),
    ).written;
    this.#off[at] = this.#used;
    this.#len[at] = written;
    this.#used += written;
  }

  /**
   * Room for `need` more bytes in the store: the bytes of the items kept
   * moved together, in place when half as many are dead as alive (and that
   * makes room), else into a store half as large again as they need, the
   * old one freed at once.
   */
  #room(need: number): void {
    const live = this.#used - this.#dead;
    let store = this.#store;
    if (2 * this.#dead < live || live + need > store.length) {
      store = new Uint8Array(
        Math.max(FIRST_STORE, Math.ceil(1.5 * (live + need))),
      );
    }
    // The items' bytes in the order they lie, moved down (or copied). The
    // positions are sorted in an array of the heap's size, made once: a new
    // array of 100,000 positions for each compaction was garbage in V8's
    // large-object space, which only a full collection frees.
    const n = this.#n;
    if (this.#places.length < this.#priority.length) {
      this.#places = new Uint32Array(this.#priority.length);
    }
    let k = 0;
    for (let i = 0; i < n; i++) if (this.#len[i] !== -1) this.#places[k++] = i;
    const off = this.#off;
    const byPlace = this.#places.subarray(0, k).sort((a, b) =>
      off[a]! - off[b]!
    );
    const old = this.#store;
    let at = 0;
    for (let j = 0; j < k; j++) {
      const i = byPlace[j]!;
      const from = off[i]!;
      const len = this.#len[i]!;
      if (store === old) store.copyWithin(at, from, from + len);
      else store.set(old.subarray(from, from + len), at);
      off[i] = at;
      at += len;
    }
    // Detached, the old store's memory goes now, not at a later collection.
    if (store !== old) old.buffer.transfer(0);
    this.#store = store;
    this.#used = at;
    this.#dead = 0;
  }

  /** Offers an item: kept when it is among the least so far. */
  add(item: T, priority: number, line: number): void {
    const seq = this.#seq++;
    const heap = this.#heap;
    if (this.#n < this.#count) {
      this.#slot();
      const slot = this.#n;
      this.#priority[slot] = priority;
      this.#order[slot] = seq;
      this.#line[slot] = line;
      this.#len[slot] = 0;
      this.#put(slot, item);
      // Up from the last place (the arrays may have grown: read them anew).
      const up = this.#heap;
      let i = this.#n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.#worse(slot, up[p]!)) break;
        up[i] = up[p]!;
        i = p;
      }
      up[i] = slot;
      return;
    }
    if (this.#n === 0) return;
    const slot = heap[0]!;
    if (!(priority < this.#priority[slot]!)) return;
    this.#priority[slot] = priority;
    this.#order[slot] = seq;
    this.#line[slot] = line;
    this.#put(slot, item);
    const n = this.#n;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.#worse(heap[r]!, heap[l]!) ? r : l;
      if (!this.#worse(heap[c]!, slot)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = slot;
  }

  /** The item in slot `at`. */
  #item(at: number): T {
    const len = this.#len[at]!;
    if (len === -1) return this.#objects[at] as T;
    const off = this.#off[at]!;
    return decoder.decode(this.#store.subarray(off, off + len)) as T;
  }

  /**
   * The kept items in the order they came, SAMPLE_BATCH at a time: only
   * a batch's strings are made at once.
   */
  *batches(): Generator<Kept<T>[]> {
    const n = this.#n;
    const seq = this.#order;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => seq[a]! - seq[b]!);
    for (let from = 0; from < n; from += SAMPLE_BATCH) {
      const batch: Kept<T>[] = [];
      for (const i of order.subarray(from, from + SAMPLE_BATCH)) {
        batch.push({
          item: this.#item(i),
          priority: this.#priority[i]!,
          line: this.#line[i]!,
        });
      }
      yield batch;
    }
  }
}

/** `grown`, after the elements of `a` copied into it. */
function grownTo<A extends Float64Array | Uint32Array | Int32Array>(
  a: A,
  grown: A,
): A {
  grown.set(a);
  return grown;
}

/** The stage of `sample`, passing on the kept items or their records. */
export function sampleStage<T, O>(
  kind: string,
  count: number,
  options: SampleOptions,
  out: (kept: Kept<T>) => O,
): Stage<T, O> {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(
      `Cannot create ${kind} stage: count must be an integer of at least 0, got ${count}`,
    );
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(
      `Cannot create ${kind} stage: seed must be an integer, got ${seed}`,
    );
  }
  return defineStage<T, O>({
    kind,
    name: options.name,
    bound: `${count} items + 1 chunk`,
    async *run(input, stats, ctx) {
      const sampled = new BottomK<T>(count);
      let path: string | undefined;
      let priority = priorities(seed, "");
      for await (const chunk of input) {
        const from = chunk.path ?? ctx.path ?? "";
        if (from !== path) {
          path = from;
          priority = priorities(seed, from);
        }
        const items = chunk.items;
        for (let i = 0; i < items.length; i++) {
          const line = lineOf(chunk, i);
          sampled.add(items[i]!, priority(line), line);
        }
        stats.hold(sampled.size, sampled.heldBytes);
      }
      for (const kept of sampled.batches()) {
        yield numbered(kept.map(out), kept.map((k) => k.line));
      }
    },
  });
}

/**
 * Passes on a uniform random sample of `count` items, in input order, at the
 * end of the input. Every item has the same chance to be chosen, whatever
 * the input's length.
 *
 * Each item gets a pseudo-random priority from the seed, its input's path
 * and its line (or item) number, and the `count` items of least priority
 * are kept (bottom-k sampling): which items are chosen depends on what they
 * are in the input, not on the order they come in, so a job divided into
 * shards ({@linkcode samplePartial}, {@linkcode mergeSample}) gives the
 * same sample for the same seed. (The choice used to depend on the order:
 * a seed now gives another sample than it did then.)
 *
 * Memory: `count` items, plus the chunk in hand. A well-formed string is
 * kept as its UTF-8, in a store up to half as large again as the strings
 * kept (the bytes of those replaced go when it is compacted), and the
 * sample is handed on 256 items at a time.
 *
 * @typeParam T The items.
 * @param count The sample size: an integer of at least 0.
 * @param options `seed` and the stage's name.
 * @returns The stage.
 * @throws {RangeError} When `count` is not an integer of at least 0, or
 * the seed not an integer.
 *
 * @example A reproducible sample
 * ```ts
 * import { pipeline, sample } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const items = Array.from({ length: 100 }, (_, i) => i);
 * const a: number[] = [];
 * for await (const n of pipeline(items, sample(5, { seed: 7 }))) a.push(n);
 * const b: number[] = [];
 * for await (const n of pipeline(items, sample(5, { seed: 7 }))) b.push(n);
 * assert.equal(a.length, 5);
 * assert.deepEqual(a, b);
 * ```
 */
export function sample<T>(
  count: number,
  options: SampleOptions = {},
): Stage<T, T> {
  return sampleStage<T, T>("sample", count, options, (k) => k.item);
}
