// Copyright 2026 the sluice authors. MIT license.
/**
 * `flatMap`, the stage that replaces each item with any number of items.
 * Exported by the package's root and by its own subpath,
 * `jsr:@sluice/sluice/flat-map`: a script that imports only the pieces it runs
 * loads less code, and so holds less memory (see the README's "Import only
 * what you use").
 *
 * @module
 */

import { requireFunction } from "../core/_registry.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { perItemStage } from "./_per_item.ts";

/** Options for {@linkcode flatMap}. */
export type FlatMapOptions = StageOptions;

/**
 * Maps every item to an iterable (an array, say) and yields its elements.
 * `fn` may be async.
 *
 * Memory: one input chunk plus at most 8192 results, plus what one call of
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
  return perItemStage<I, O>({
    kind: "flatMap",
    name: options.name,
    outcome: "expand",
    fn,
  });
}
