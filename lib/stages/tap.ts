// Copyright 2026 the sluice authors. MIT license.

import type { Chunk } from "../core/_stage.ts";
import { defineStage } from "../core/_define.ts";
import { failAt } from "../core/_context.ts";
import { isThenable } from "../core/_adapters.ts";
import { requireFunction } from "../core/_registry.ts";
import type { Stage, StageOptions } from "../core/types.ts";

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
    transformer(stats, ctx) {
      let index = 0;
      const rest = async (
        chunk: Chunk<T>,
        from: number,
        pending: PromiseLike<unknown>,
      ): Promise<Chunk<T>> => {
        let i = from;
        try {
          await pending;
          for (i++; i < chunk.items.length; i++) {
            const r = fn(chunk.items[i]!, index++);
            if (isThenable(r)) await r;
          }
        } catch (error) {
          throw failAt(error, stats, ctx, chunk, i);
        }
        return chunk;
      };
      return (chunk) => {
        const items = chunk.items;
        const base = index;
        let i = 0;
        try {
          for (; i < items.length; i++) {
            const r = fn(items[i]!, base + i);
            if (isThenable(r)) {
              index = base + i + 1;
              return rest(chunk, i, r);
            }
          }
        } catch (error) {
          index = base + i + 1;
          throw failAt(error, stats, ctx, chunk, i);
        }
        index = base + items.length;
        return chunk;
      };
    },
  });
}
