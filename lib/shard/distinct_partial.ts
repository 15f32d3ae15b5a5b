// Copyright 2026 the sluice authors. MIT license.

import { compose } from "../core/compose.ts";
import type { Stage } from "../core/types.ts";
import { map } from "../stages/map.ts";
import { distinct, type DistinctOptions } from "../spill/distinct.ts";
import { jsonOf } from "../spill/_keys.ts";

/** A record of a distinct partial: the item's key, and the item. */
export type DistinctRecord<T> = [key: string | number, item: T];

/**
 * {@linkcode distinct} for one shard of a job: the first item of each key
 * in the shard, as `[key, item]` in input order, to save with
 * {@linkcode writePartial} and merge with {@linkcode mergeDistinct}. Memory:
 * that of `distinct` (the budget, then disk).
 *
 * @typeParam T The items.
 * @param key The key of an item, as for `distinct` (default: the item).
 * @param options As for `distinct`.
 * @returns The stage.
 *
 * @example A shard's first lines per user, with their keys
 * ```ts
 * import { distinctPartial, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const user = (l: string) => l.split(" ")[0]!;
 * const out = [];
 * for await (const r of pipeline(["ann 1", "bob 2", "ann 3"], distinctPartial(user))) out.push(r);
 * assert.deepEqual(out, [["ann", "ann 1"], ["bob", "bob 2"]]);
 * ```
 */
export function distinctPartial<T>(
  key?: (item: T) => string | number,
  options: DistinctOptions = {},
): Stage<T, DistinctRecord<T>> {
  const keyOf = key ??
    ((item: T) =>
      typeof item === "string" || typeof item === "number"
        ? item
        : jsonOf(item));
  return compose(
    distinct(key, options),
    map((item: T): DistinctRecord<T> => [keyOf(item), item]),
  );
}

/**
 * Merges distinct partials (the records of {@linkcode distinctPartial}, all
 * shards' one after another in shard order) into what `distinct` gives on
 * all the items: the first item of each key, in input order. Memory: that
 * of `distinct`.
 *
 * @typeParam T The items.
 * @param options The budget, temporary directory, fan-in and name.
 * @returns The stage.
 *
 * @example The second shard's "ann" was seen in the first
 * ```ts
 * import { mergeDistinct, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const records: [string, string][] = [["ann", "ann 1"], ["bob", "bob 2"], ["ann", "ann 7"], ["cy", "cy 8"]];
 * const out = [];
 * for await (const item of pipeline(records, mergeDistinct())) out.push(item);
 * assert.deepEqual(out, ["ann 1", "bob 2", "cy 8"]);
 * ```
 */
export function mergeDistinct<T>(
  options: DistinctOptions = {},
): Stage<DistinctRecord<T>, T> {
  return compose(
    distinct((r: DistinctRecord<T>) => r[0], options),
    map((r: DistinctRecord<T>) => r[1]),
  );
}
