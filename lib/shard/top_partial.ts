// Copyright 2026 the sluice authors. MIT license.

import { compose } from "../core/compose.ts";
import type { Stage } from "../core/types.ts";
import { map } from "../stages/map.ts";
import { top, type TopOptions } from "../stages/top.ts";

/** A record of a top partial: the item's rank, and the item. */
export type TopRecord<T> = [rank: number | bigint | string, item: T];

/**
 * {@linkcode top} for one shard of a job: the shard's best `count` items,
 * best first, as `[rank, item]`, to save with {@linkcode writePartial} and
 * merge with {@linkcode mergeTop}. Memory: `count` items.
 *
 * @typeParam T The items.
 * @param count How many.
 * @param options As for `top`.
 * @returns The stage.
 *
 * @example A shard's two slowest requests, with their latencies
 * ```ts
 * import { pipeline, topPartial } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const ms = (l: string) => Number(l.split(" ")[1]);
 * const out = [];
 * for await (const r of pipeline(["a 5", "b 9", "c 7"], topPartial(2, { by: ms }))) out.push(r);
 * assert.deepEqual(out, [[9, "b 9"], [7, "c 7"]]);
 * ```
 */
export function topPartial<T>(
  count: number,
  options: TopOptions<T> = {},
): Stage<T, TopRecord<T>> {
  const by = options.by ?? ((item: T) => item as TopRecord<T>[0]);
  return compose(
    top(count, options),
    map((item: T): TopRecord<T> => [by(item), item]),
  );
}

/**
 * Merges top partials (the records of {@linkcode topPartial}, all shards'
 * one after another in shard order) into what `top` gives on all the items:
 * the best `count`, best first, equal ranks in input order.
 *
 * @typeParam T The items.
 * @param count How many.
 * @param options `reverse` as the partials were made, and the name.
 * @returns The stage.
 *
 * @example The best two of two shards' best two
 * ```ts
 * import { mergeTop, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const records: [number, string][] = [[9, "b"], [7, "c"], [8, "x"], [1, "y"]];
 * const out = [];
 * for await (const item of pipeline(records, mergeTop(2))) out.push(item);
 * assert.deepEqual(out, ["b", "x"]);
 * ```
 */
export function mergeTop<T>(
  count: number,
  options: Omit<TopOptions<TopRecord<T>>, "by"> = {},
): Stage<TopRecord<T>, T> {
  return compose(
    top(count, { ...options, by: (r: TopRecord<T>) => r[0] }),
    map((r: TopRecord<T>) => r[1]),
  );
}
