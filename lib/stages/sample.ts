// Copyright 2026 the sluice authors. MIT license.

import { seededRandom } from "./_random.ts";
import { lineOf, numbered } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import type { Stage, StageOptions } from "../core/types.ts";

/** Options for {@linkcode sample}. */
export interface SampleOptions extends StageOptions {
  /**
   * Seed for the random choice: the same seed and input give the same
   * sample. Without it the sample differs from run to run.
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

/**
 * Passes on a uniform random sample of `count` items (reservoir sampling),
 * in input order, at the end of the input. Every item has the same chance to
 * be chosen, whatever the input's length.
 *
 * Memory: `count` items, plus the chunk in hand.
 *
 * @typeParam T The items.
 * @param count The sample size: an integer of at least 0.
 * @param options `seed` and the stage's name.
 * @returns The stage.
 * @throws {RangeError} When `count` is not an integer of at least 0.
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
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(
      `Cannot create sample stage: count must be an integer of at least 0, got ${count}`,
    );
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  return defineStage<T, T>({
    kind: "sample",
    name: options.name,
    bound: `${count} items + 1 chunk`,
    async *run(input, stats) {
      const rnd = seededRandom(seed);
      const kept: { item: T; seen: number; line: number }[] = [];
      let seen = 0;
      for await (const chunk of input) {
        const items = chunk.items;
        for (let i = 0; i < items.length; i++) {
          const line = lineOf(chunk, i);
          if (kept.length < count) {
            kept.push({ item: own(items[i]!), seen, line });
          } else {
            // Algorithm R: the item replaces a kept one with chance count/seen.
            const j = Math.floor(rnd() * (seen + 1));
            if (j < count) kept[j] = { item: own(items[i]!), seen, line };
          }
          seen++;
        }
        stats.hold(kept.length, 0);
      }
      if (kept.length === 0) return;
      kept.sort((a, b) => a.seen - b.seen);
      yield numbered(kept.map((k) => k.item), kept.map((k) => k.line));
    },
  });
}
