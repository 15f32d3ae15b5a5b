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
  seq: number;
  line: number;
}

/**
 * The `count` items of least priority (the earlier on a tie), in a heap
 * whose root is the one to go first.
 */
export class BottomK<T> {
  readonly kept: Kept<T>[] = [];
  readonly #count: number;
  #seq = 0;

  constructor(count: number) {
    this.#count = count;
  }

  #worse(a: Kept<T>, b: Kept<T>): boolean {
    return a.priority > b.priority ||
      (a.priority === b.priority && a.seq > b.seq);
  }

  /** Offers an item: kept when it is among the least so far. */
  add(item: T, priority: number, line: number): void {
    const heap = this.kept;
    const seq = this.#seq++;
    if (heap.length < this.#count) {
      heap.push({ item: own(item), priority, seq, line });
      for (let i = heap.length - 1; i > 0;) {
        const p = (i - 1) >> 1;
        if (!this.#worse(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
      return;
    }
    if (heap.length === 0 || !(priority < heap[0]!.priority)) return;
    heap[0] = { item: own(item), priority, seq, line };
    for (let i = 0;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const c = r < heap.length && this.#worse(heap[r]!, heap[l]!) ? r : l;
      if (!this.#worse(heap[c]!, heap[i]!)) break;
      [heap[i], heap[c]] = [heap[c]!, heap[i]!];
      i = c;
    }
  }

  /** The kept items in the order they came. */
  inOrder(): Kept<T>[] {
    return [...this.kept].sort((a, b) => a.seq - b.seq);
  }
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
        stats.hold(sampled.kept.length, 0);
      }
      const kept = sampled.inOrder();
      if (kept.length === 0) return;
      yield numbered(kept.map(out), kept.map((k) => k.line));
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
 * Memory: `count` items, plus the chunk in hand.
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
