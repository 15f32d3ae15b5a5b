// Copyright 2026 the sluice authors. MIT license.

import { type Chunk, defineStage, failAt, requireFunction } from "./_stage.ts";
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
    async *run(input, stats, ctx) {
      let index = 0;
      for await (const chunk of input) {
        const items = chunk.items;
        const n = items.length;
        // The results replace the items in the batch's own array: a batch
        // belongs to the stage that receives it, and this saves an array.
        const out = items as unknown[] as O[];
        let i = 0;
        try {
          for (; i < n; i++) {
            const r = fn(items[i]!, index++);
            if (
              typeof r === "object" && r !== null &&
              typeof (r as { then?: unknown }).then === "function"
            ) {
              out[i] = await r;
            } else {
              out[i] = r as O;
            }
          }
        } catch (error) {
          throw failAt(error, stats, ctx, chunk, i);
        }
        const next: Chunk<O> = {
          items: out,
          firstLine: chunk.firstLine,
          lines: chunk.lines,
          path: chunk.path,
        };
        yield next;
      }
    },
  });
}
