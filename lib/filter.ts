// Copyright 2026 the sluice authors. MIT license.

import {
  defineStage,
  failAt,
  isThenable,
  lineOf,
  requireFunction,
} from "./_stage.ts";
import type { Stage, StageOptions } from "./types.ts";

/** Options for {@linkcode filter}. */
export type FilterOptions = StageOptions;

/**
 * Keeps the items for which `predicate` returns a truthy value. The predicate
 * may be async; its calls then run one at a time, in order.
 *
 * Memory: one batch in flight (the input batch and the kept items).
 *
 * @typeParam T The items.
 * @param predicate The test; it gets the item and its 0-based index.
 * @param options The stage's name.
 * @returns The stage.
 * @throws {StageError} In a pipeline, when `predicate` throws or rejects.
 *
 * @example Keeping error lines
 * ```ts
 * import { filter, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["a INFO x", "b ERROR y", "c ERROR z"];
 * const out: string[] = [];
 * for await (const l of pipeline(lines, filter((l) => l.includes("ERROR")))) out.push(l);
 * assert.deepEqual(out, ["b ERROR y", "c ERROR z"]);
 * ```
 */
export function filter<T>(
  predicate: (item: T, index: number) => unknown,
  options: FilterOptions = {},
): Stage<T, T> {
  requireFunction("filter", "predicate", predicate);
  return defineStage<T, T>({
    kind: "filter",
    name: options.name,
    bound: "1 batch",
    async *run(input, stats, ctx) {
      let index = 0;
      for await (const chunk of input) {
        const items = chunk.items;
        const out: T[] = [];
        const lines: number[] = [];
        let i = 0;
        try {
          for (; i < items.length; i++) {
            const item = items[i]!;
            let keep = predicate(item, index++);
            if (isThenable(keep)) keep = await keep;
            if (keep) {
              out.push(item);
              lines.push(lineOf(chunk, i));
            }
          }
        } catch (error) {
          throw failAt(error, stats, ctx, chunk, i);
        }
        if (out.length > 0) {
          yield { items: out, firstLine: lines[0]!, lines, path: chunk.path };
        }
      }
    },
  });
}
