// Copyright 2026 the sluice authors. MIT license.

import {
  type Chunk,
  defineStage,
  failAt,
  isThenable,
  requireFunction,
} from "./_stage.ts";
import type { Stage, StageOptions } from "./types.ts";

/** Options for {@linkcode map}. */
export type MapOptions = StageOptions;

/**
 * Transforms every item with `fn`. `fn` may be async; its calls then run one
 * at a time, in order.
 *
 * Memory: one batch in flight (the input batch and its results).
 *
 * @typeParam I The items taken.
 * @typeParam O The items yielded.
 * @param fn The transformation; it gets the item and its 0-based index.
 * @param options The stage's name.
 * @returns The stage.
 * @throws {StageError} In a pipeline, when `fn` throws or rejects; the
 * error names the stage and the line, with `fn`'s error as `cause`.
 *
 * @example Parsing numbers
 * ```ts
 * import { map, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out: number[] = [];
 * for await (const n of pipeline(["1", "2", "3"], map((s) => Number(s) * 10))) out.push(n);
 * assert.deepEqual(out, [10, 20, 30]);
 * ```
 */
export function map<I, O>(
  fn: (item: I, index: number) => O | Promise<O>,
  options: MapOptions = {},
): Stage<I, O> {
  requireFunction("map", "fn", fn);
  return defineStage<I, O>({
    kind: "map",
    name: options.name,
    bound: "1 batch",
    transformer(stats, ctx) {
      let index = 0;
      // The results replace the items in the batch's own array: a batch
      // belongs to the stage that receives it, and this saves an array.
      const finish = (chunk: Chunk<I>): Chunk<O> => ({
        items: chunk.items as unknown[] as O[],
        firstLine: chunk.firstLine,
        lines: chunk.lines,
        path: chunk.path,
      });
      // Once a call returns a promise, the rest of the batch is awaited one
      // call at a time.
      const rest = async (
        chunk: Chunk<I>,
        from: number,
        pending: PromiseLike<O>,
      ): Promise<Chunk<O>> => {
        const items = chunk.items as unknown[];
        let i = from;
        try {
          items[i] = await pending;
          for (i++; i < items.length; i++) {
            const r = fn(items[i] as I, index++);
            items[i] = isThenable(r) ? await r : r;
          }
        } catch (error) {
          throw failAt(error, stats, ctx, chunk, i);
        }
        return finish(chunk);
      };
      return (chunk) => {
        const items = chunk.items as unknown[];
        const n = items.length;
        // The running index in a local: a closure variable per item costs.
        const base = index;
        let i = 0;
        try {
          for (; i < n; i++) {
            const r = fn(items[i] as I, base + i);
            if (
              typeof r === "object" && r !== null &&
              typeof (r as { then?: unknown }).then === "function"
            ) {
              index = base + i + 1;
              return rest(chunk, i, r as PromiseLike<O>);
            }
            items[i] = r;
          }
        } catch (error) {
          index = base + i + 1;
          throw failAt(error, stats, ctx, chunk, i);
        }
        index = base + n;
        return finish(chunk);
      };
    },
  });
}
