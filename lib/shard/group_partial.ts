// Copyright 2026 the sluice authors. MIT license.

import { namedReducers } from "../spill/_named_reducers.ts";
import type { Chunk } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import { failAt } from "../core/_context.ts";
import { requireFunction } from "../core/_registry.ts";
import type { GroupByOptions, Reducers } from "../spill/group_by.ts";
import type { Reducer } from "../spill/reducers.ts";
import { spillSettings } from "../spill/_budget.ts";
import { formatBytes } from "../summary/summary.ts";
import type { Stage } from "../core/types.ts";

/**
 * A record of a group partial: the group's key (null: the group of missing
 * keys) and its reducers' accumulators, encoded (each reducer's `encode`).
 */
export type GroupRecord = [key: string | number | null, accs: unknown[]];

/**
 * {@linkcode groupBy} for one shard of a job: the shard's groups, in key
 * order, not finished but as `[key, encoded accumulators]`, to save with
 * {@linkcode writePartial} and combine with {@linkcode mergeGroups}, which
 * gives exactly the groups of `groupBy` over all the shards' items. Memory:
 * that of `groupBy` (the budget, then disk).
 *
 * @typeParam T The items.
 * @param key The group of an item, as for `groupBy`.
 * @param reducers One reducer or named ones, as for `groupBy`.
 * @param options The budget, temporary directory, fan-in and name.
 * @returns The stage.
 *
 * @example Counts per service of two shards, merged
 * ```ts
 * import { count, groupByPartial, mergeGroups, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const service = (line: string) => line.split(" ")[0]!;
 * const partial = async (lines: string[]) => {
 *   const out = [];
 *   for await (const r of pipeline(lines, groupByPartial(service, { n: count() }))) out.push(r);
 *   return out;
 * };
 * const records = [...await partial(["api 1", "auth 2"]), ...await partial(["api 3"])];
 * const groups = [];
 * for await (const g of pipeline(records, mergeGroups({ n: count() }))) groups.push(g);
 * assert.deepEqual(groups, [{ key: "api", n: 2 }, { key: "auth", n: 1 }]);
 * ```
 */
export function groupByPartial<T>(
  key: (item: T) => string | number | null | undefined,
  reducers: Reducer<T, unknown, unknown> | Reducers<T>,
  options: GroupByOptions = {},
): Stage<T, GroupRecord> {
  const { budget, fanIn } = spillSettings("groupByPartial", options);
  requireFunction("groupByPartial", "key", key);
  const named = namedReducers("groupByPartial", reducers);
  return defineStage<T, GroupRecord>({
    kind: "groupByPartial",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      const { SpillDir, SpillingGroups } = await import(
        "../spill/_group_engine.ts"
      );
      const spill = new SpillDir(options.tempDir);
      const groups = new SpillingGroups(named, { budget, fanIn, spill, stats });
      try {
        for await (const chunk of input) {
          await groups.addItems(
            chunk.items,
            key,
            (error, i) => failAt(error, stats, ctx, chunk as Chunk<unknown>, i),
          );
        }
        yield* groups.results(true) as AsyncIterable<Chunk<GroupRecord>>;
      } finally {
        await spill.remove();
      }
    },
  });
}

/**
 * Combines group partials (the records of {@linkcode groupByPartial}, all
 * shards' one after another in shard order) into the groups `groupBy` gives
 * over all the items: in key order, each reducer's accumulators merged in
 * shard order (so `first` and `last` stay true), then finished. Memory:
 * the budget, then disk, as `groupBy`.
 *
 * @param reducers The reducers the partials were made with.
 * @param options The budget, temporary directory, fan-in and name.
 * @returns The stage.
 *
 * @example Merging the partial counts of two shards
 * ```ts
 * import { count, mergeGroups, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * // Counts of a and b from two shards.
 * const records: [string, unknown[]][] = [["a", [1]], ["b", [2]], ["a", [3]]];
 * const out = [];
 * for await (const g of pipeline(records, mergeGroups(count()))) out.push(g);
 * assert.deepEqual(out, [{ key: "a", value: 4 }, { key: "b", value: 2 }]);
 * ```
 */
export function mergeGroups(
  // deno-lint-ignore no-explicit-any
  reducers: Reducer<any, unknown, unknown> | Reducers<any>,
  options: GroupByOptions = {},
): Stage<GroupRecord, Record<string, unknown> & { key: unknown }> {
  const { budget, fanIn } = spillSettings("mergeGroups", options);
  const named = namedReducers("mergeGroups", reducers);
  return defineStage<GroupRecord, Record<string, unknown> & { key: unknown }>({
    kind: "mergeGroups",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      const { SpillDir, SpillingGroups } = await import(
        "../spill/_group_engine.ts"
      );
      const spill = new SpillDir(options.tempDir);
      const groups = new SpillingGroups(named, { budget, fanIn, spill, stats });
      const table = groups.table;
      try {
        for await (const chunk of input) {
          const items = chunk.items;
          let i = 0;
          while (i < items.length) {
            try {
              for (; i < items.length && !groups.full; i++) {
                const [k, accs] = items[i]!;
                if (!Array.isArray(accs) || accs.length !== named.list.length) {
                  throw new TypeError(
                    `A group record must be [key, accumulators] with ${named.list.length} accumulators, got ${
                      JSON.stringify(items[i])?.slice(0, 80)
                    }`,
                  );
                }
                table.mergeEncoded(k, accs);
              }
            } catch (error) {
              throw failAt(error, stats, ctx, chunk as Chunk<unknown>, i);
            }
            await groups.check();
          }
        }
        yield* groups.results() as AsyncIterable<
          Chunk<Record<string, unknown> & { key: unknown }>
        >;
      } finally {
        await spill.remove();
      }
    },
  });
}
