// Copyright 2026 the sluice authors. MIT license.

import {
  type Chunk,
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
 * may be async; its calls then run one at a time, in order. A type guard
 * narrows the items' type (e.g. `filter((x): x is string => x !== undefined)`).
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
export function filter<T, S extends T>(
  predicate: (item: T, index: number) => item is S,
  options?: FilterOptions,
): Stage<T, S>;
/**
 * Keeps the items for which `predicate` returns a truthy value.
 *
 * @typeParam T The items.
 * @param predicate The test; it gets the item and its 0-based index.
 * @param options The stage's name.
 * @returns The stage.
 *
 * @example Keeping long lines
 * ```ts
 * import { filter, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out: string[] = [];
 * for await (const l of pipeline(["a", "bbb"], filter((l) => l.length > 1))) out.push(l);
 * assert.deepEqual(out, ["bbb"]);
 * ```
 */
export function filter<T>(
  predicate: (item: T, index: number) => unknown,
  options?: FilterOptions,
): Stage<T, T>;
export function filter<T>(
  predicate: (item: T, index: number) => unknown,
  options: FilterOptions = {},
): Stage<T, T> {
  requireFunction("filter", "predicate", predicate);
  return defineStage<T, T>({
    kind: "filter",
    name: options.name,
    bound: "1 batch",
    transformer(stats, ctx) {
      let index = 0;
      const keep = (chunk: Chunk<T>, out: T[], lines: number[], i: number) => {
        out.push(chunk.items[i]!);
        lines.push(lineOf(chunk, i));
      };
      const done = (chunk: Chunk<T>, out: T[], lines: number[]) =>
        out.length === 0
          ? undefined
          : { items: out, firstLine: lines[0]!, lines, path: chunk.path };
      // Once a call returns a promise, the rest of the batch is awaited one
      // call at a time.
      const rest = async (
        chunk: Chunk<T>,
        out: T[],
        lines: number[],
        from: number,
        pending: PromiseLike<unknown>,
      ): Promise<Chunk<T> | undefined> => {
        const items = chunk.items;
        let i = from;
        try {
          if (await pending) keep(chunk, out, lines, i);
          for (i++; i < items.length; i++) {
            let r = predicate(items[i]!, index++);
            if (isThenable(r)) r = await r;
            if (r) keep(chunk, out, lines, i);
          }
        } catch (error) {
          throw failAt(error, stats, ctx, chunk, i);
        }
        return done(chunk, out, lines);
      };
      return (chunk) => {
        const items = chunk.items;
        const out: T[] = [];
        const lines: number[] = [];
        // The running index in a local: a closure variable per item costs.
        const base = index;
        let i = 0;
        try {
          for (; i < items.length; i++) {
            const r = predicate(items[i]!, base + i);
            if (isThenable(r)) {
              index = base + i + 1;
              return rest(chunk, out, lines, i, r);
            }
            if (r) keep(chunk, out, lines, i);
          }
        } catch (error) {
          index = base + i + 1;
          throw failAt(error, stats, ctx, chunk, i);
        }
        index = base + items.length;
        return done(chunk, out, lines);
      };
    },
  });
}
