// Copyright 2026 the sluice authors. MIT license.

import { defineStage } from "../core/_define.ts";
import { isThenable } from "../core/_adapters.ts";
import { lineOf } from "../core/_stage.ts";
import { requireFunction } from "../core/_registry.ts";
import { stageFailure } from "../core/_context.ts";
import type { Stage, StageOptions } from "../core/types.ts";

/** Options for {@linkcode flatMap}. */
export type FlatMapOptions = StageOptions;

// Results are handed on in batches of at most this many items, so that an
// item that expands to many does not make one huge batch.
const MAX_OUT = 8192;

/**
 * Maps every item to an iterable (an array, say) and yields its elements.
 * `fn` may be async.
 *
 * Memory: one input batch plus at most 8192 results, plus what one call of
 * `fn` returns.
 *
 * @typeParam I The items taken.
 * @typeParam O The items yielded.
 * @param fn The expansion; it gets the item and its 0-based index.
 * @param options The stage's name.
 * @returns The stage.
 * @throws {StageError} In a pipeline, when `fn` throws or rejects.
 *
 * @example Splitting lines into words
 * ```ts
 * import { flatMap, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out: string[] = [];
 * for await (const w of pipeline(["a b", "c"], flatMap((l) => l.split(" ")))) out.push(w);
 * assert.deepEqual(out, ["a", "b", "c"]);
 * ```
 */
export function flatMap<I, O>(
  fn: (item: I, index: number) => Iterable<O> | Promise<Iterable<O>>,
  options: FlatMapOptions = {},
): Stage<I, O> {
  requireFunction("flatMap", "fn", fn);
  return defineStage<I, O>({
    kind: "flatMap",
    name: options.name,
    bound: `1 batch + ${MAX_OUT} results`,
    async *run(input, stats, ctx) {
      let index = 0;
      for await (const chunk of input) {
        const items = chunk.items;
        let out: O[] = [];
        let lines: number[] = [];
        for (let i = 0; i < items.length; i++) {
          const line = lineOf(chunk, i);
          try {
            let r = fn(items[i]!, index++);
            if (isThenable(r)) r = await r;
            // for…of closes the iterable if the run stops part-way.
            for (const o of r as Iterable<O>) {
              out.push(o);
              lines.push(line);
              // Hand on part-way, so that one item that expands to many (or
              // to an endless iterable) stays within the bound.
              if (out.length >= MAX_OUT) {
                stats.hold(items.length + out.length, 0);
                yield {
                  items: out,
                  firstLine: lines[0]!,
                  lines,
                  path: chunk.path,
                };
                out = [];
                lines = [];
              }
            }
          } catch (error) {
            throw stageFailure(error, stats, ctx, { line, path: chunk.path });
          }
        }
        if (out.length > 0) {
          stats.hold(items.length + out.length, 0);
          yield { items: out, firstLine: lines[0]!, lines, path: chunk.path };
        }
      }
    },
  });
}
