// Copyright 2026 the sluice authors. MIT license.
/**
 * `tail`, the stage that keeps the last items. Exported by the package's root
 * and by its own subpath, `jsr:@sluice/sluice/tail`: a script that imports
 * only the pieces it runs loads less code, and so holds less memory (see the
 * README's "Import only what you use").
 *
 * @module
 */

import { lineOf, numbered } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import type { Stage, StageOptions } from "../core/types.ts";

/** Options for {@linkcode tail}. */
export type TailOptions = StageOptions;

/**
 * Passes on the last `count` items, at the end of the input. It reads the
 * whole input and keeps only a ring of `count` items.
 *
 * Memory: `count` items, plus the chunk in hand.
 *
 * @typeParam T The items.
 * @param count How many items to keep: an integer of at least 0.
 * @param options The stage's name.
 * @returns The stage.
 * @throws {RangeError} When `count` is not an integer of at least 0.
 *
 * @example The last two lines
 * ```ts
 * import { pipeline, tail } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out: string[] = [];
 * for await (const s of pipeline(["a", "b", "c"], tail(2))) out.push(s);
 * assert.deepEqual(out, ["b", "c"]);
 * ```
 */
export function tail<T>(count: number, options: TailOptions = {}): Stage<T, T> {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(
      `Cannot create tail stage: count must be an integer of at least 0, got ${count}`,
    );
  }
  return defineStage<T, T>({
    kind: "tail",
    name: options.name,
    bound: `${count} items + 1 chunk`,
    async *run(input, stats) {
      const ring: T[] = [];
      const lines: number[] = [];
      let next = 0; // where the oldest item sits once the ring is full
      for await (const chunk of input) {
        if (count === 0) continue;
        const items = chunk.items;
        // Only the last `count` items of a chunk can survive it.
        for (let i = Math.max(0, items.length - count); i < items.length; i++) {
          const line = lineOf(chunk, i);
          if (ring.length < count) {
            ring.push(items[i]!);
            lines.push(line);
          } else {
            ring[next] = items[i]!;
            lines[next] = line;
            next = (next + 1) % count;
          }
        }
        stats.hold(ring.length, 0);
      }
      if (ring.length === 0) return;
      const order = [...ring.keys()].map((k) => (next + k) % ring.length);
      yield numbered(
        order.map((k) => ring[k]!),
        order.map((k) => lines[k]!),
      );
    },
  });
}
