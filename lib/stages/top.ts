// Copyright 2026 the sluice authors. MIT license.
/**
 * `top`, the stage that keeps the greatest items by a key. Exported by the
 * package's root and by its own subpath, `jsr:@sluice/sluice/top`: a script
 * that imports only the pieces it runs loads less code, and so holds less
 * memory (see the README's "Import only what you use").
 *
 * @module
 */

import { lineOf, numbered } from "../core/_chunk.ts";
import { stageFailure } from "../core/_context.ts";
import { defineStage } from "../core/_define.ts";
import { requireFunction } from "../core/_registry.ts";
import type { Stage, StageOptions } from "../core/types.ts";

/** A key {@linkcode top} compares: numbers and bigints by value, text by code unit. */
type Key = number | bigint | string;

/** Options for {@linkcode top}. */
export interface TopOptions<T> extends StageOptions {
  /**
   * The key to rank by: a number, bigint or string (numbers rank below
   * strings). NaN and other values are an error.
   *
   * @default {undefined} the item itself
   */
  by?: (item: T) => number | bigint | string;
  /**
   * Keep the `count` smallest instead of the largest.
   *
   * @default {false}
   */
  reverse?: boolean;
}

/** -1, 0 or 1 as `a` ranks below, with or above `b`. */
function compare(a: Key, b: Key): number {
  const ta = typeof a === "string";
  const tb = typeof b === "string";
  if (ta !== tb) return ta ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Passes on the `count` items with the largest key (or the smallest, with
 * `reverse`), best first, at the end of the input. Among equal keys the
 * earlier item ranks higher, so the result is that of a stable sort of the
 * whole input cut after `count` items. A binary heap of `count` items
 * holds the best so far; each item costs at most `log2(count)` comparisons.
 *
 * Memory: `count` items and their keys, plus the chunk in hand.
 *
 * @typeParam T The items.
 * @param count How many items to keep: an integer of at least 0.
 * @param options The key, the direction and the stage's name.
 * @returns The stage.
 * @throws {RangeError} When `count` is not an integer of at least 0.
 * @throws {TypeError} When `by` is not a function.
 * @throws {StageError} In a pipeline, when a key is not a number, bigint or
 * string, or is NaN (with a `TypeError` as `cause`).
 *
 * @example The two slowest requests
 * ```ts
 * import { pipeline, top } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const requests = [{ path: "/a", ms: 12 }, { path: "/b", ms: 950 }, { path: "/c", ms: 300 }];
 * const out: string[] = [];
 * for await (const r of pipeline(requests, top(2, { by: (r) => r.ms }))) out.push(r.path);
 * assert.deepEqual(out, ["/b", "/c"]);
 * ```
 */
export function top<T>(
  count: number,
  options: TopOptions<T> = {},
): Stage<T, T> {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(
      `Cannot create top stage: count must be an integer of at least 0, got ${count}`,
    );
  }
  const { by, reverse = false } = options;
  if (by !== undefined) requireFunction("top", "by", by);
  const keyOf = (by ?? ((item: T) => item as Key)) as (item: T) => unknown;
  const sign = reverse ? -1 : 1;
  return defineStage<T, T>({
    kind: "top",
    name: options.name,
    bound: `${count} items + 1 chunk`,
    async *run(input, stats, ctx) {
      // A heap whose root is the worst kept: it goes first when a better
      // item comes. Parallel arrays, one slot per kept item.
      const items: T[] = [];
      const keys: Key[] = [];
      const seqs: number[] = [];
      const lines: number[] = [];
      // Whether slot i ranks below slot j (is worse): a lower key, or the
      // same key and later in the input.
      const worse = (i: number, j: number) => {
        const c = compare(keys[i]!, keys[j]!) * sign;
        return c < 0 || (c === 0 && seqs[i]! > seqs[j]!);
      };
      const swap = (i: number, j: number) => {
        [items[i], items[j]] = [items[j]!, items[i]!];
        [keys[i], keys[j]] = [keys[j]!, keys[i]!];
        [seqs[i], seqs[j]] = [seqs[j]!, seqs[i]!];
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      };
      const down = (from: number) => {
        const n = keys.length;
        let i = from;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= n) return;
          const r = l + 1;
          const c = r < n && worse(r, l) ? r : l;
          if (!worse(c, i)) return;
          swap(i, c);
          i = c;
        }
      };
      let seq = 0;
      for await (const chunk of input) {
        if (count === 0) continue;
        const batch = chunk.items;
        for (let k = 0; k < batch.length; k++) {
          const item = batch[k]!;
          const key = keyOf(item);
          if (
            (typeof key !== "number" && typeof key !== "bigint" &&
              typeof key !== "string") || Number.isNaN(key)
          ) {
            throw stageFailure(
              new TypeError(
                `The key must be a number, bigint or string, got ${
                  typeof key === "number"
                    ? "NaN"
                    : key === null
                    ? "null"
                    : typeof key
                }`,
              ),
              stats,
              ctx,
              { line: lineOf(chunk, k), path: chunk.path },
            );
          }
          if (keys.length < count) {
            items.push(item);
            keys.push(key);
            seqs.push(seq++);
            lines.push(lineOf(chunk, k));
            let i = keys.length - 1;
            while (i > 0) {
              const p = (i - 1) >> 1;
              if (!worse(i, p)) break;
              swap(i, p);
              i = p;
            }
            continue;
          }
          seq++;
          // Better than the worst kept: strictly, so an earlier equal stays.
          if (compare(key, keys[0]!) * sign > 0) {
            items[0] = item;
            keys[0] = key;
            seqs[0] = seq - 1;
            lines[0] = lineOf(chunk, k);
            down(0);
          }
        }
        stats.hold(keys.length, 0);
      }
      if (keys.length === 0) return;
      const order = [...keys.keys()].sort((i, j) =>
        worse(i, j) ? 1 : worse(j, i) ? -1 : 0
      );
      yield numbered(
        order.map((i) => items[i]!),
        order.map((i) => lines[i]!),
      );
    },
  });
}
