// Copyright 2026 the sluice authors. MIT license.

import { defineStage, failAt, isThenable, requireFunction } from "./_stage.ts";
import type { Stage, StageOptions } from "./types.ts";

/** Options for {@linkcode tap}. */
export type TapOptions = StageOptions;

/**
 * Calls `fn` for every item and passes the item on unchanged: for counting,
 * logging or progress. `fn` may be async.
 *
 * Memory: one batch in flight.
 *
 * @typeParam T The items.
 * @param fn Called with the item and its 0-based index; its result is ignored.
 * @param options The stage's name.
 * @returns The stage.
 * @throws {StageError} In a pipeline, when `fn` throws or rejects.
 *
 * @example Counting what passes
 * ```ts
 * import { pipeline, tap } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * let seen = 0;
 * for await (const _ of pipeline(["a", "b"], tap(() => seen++)));
 * assert.equal(seen, 2);
 * ```
 */
export function tap<T>(
  fn: (item: T, index: number) => unknown,
  options: TapOptions = {},
): Stage<T, T> {
  requireFunction("tap", "fn", fn);
  return defineStage<T, T>({
    kind: "tap",
    name: options.name,
    bound: "1 batch",
    async *run(input, stats, ctx) {
      let index = 0;
      for await (const chunk of input) {
        const items = chunk.items;
        let i = 0;
        try {
          for (; i < items.length; i++) {
            const r = fn(items[i]!, index++);
            if (isThenable(r)) await r;
          }
        } catch (error) {
          throw failAt(error, stats, ctx, chunk, i);
        }
        yield chunk;
      }
    },
  });
}
