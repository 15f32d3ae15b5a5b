// Copyright 2026 the sluice authors. MIT license.
/**
 * `groupBy`, the stage that reduces items by a key within a memory budget.
 * Exported by the package's root and by its own subpath,
 * `jsr:@sluice/sluice/group-by`: a script that imports only the pieces it runs
 * loads less code, and so holds less memory (see the README's "Import only
 * what you use").
 *
 * @module
 */

import { namedReducers } from "./_named_reducers.ts";
import type { Chunk } from "../core/_chunk.ts";
import { eachChunk } from "../core/_adapters.ts";
import { defineStage } from "../core/_define.ts";
import { failAt } from "../core/_context.ts";
import { requireFunction } from "../core/_registry.ts";
import type { Reducer } from "./reducers.ts";
import { spillSettings } from "./_budget.ts";
import type { SpillOptions } from "./sort.ts";
import { formatBytes } from "../summary/summary.ts";
import type { Stage } from "../core/types.ts";

/** Options for {@linkcode groupBy}. */
export type GroupByOptions = SpillOptions;

/** Named reducers: each name becomes a field of the group's result. */
export type Reducers<T> = Record<string, Reducer<T, unknown, unknown>>;

/**
 * The key of a group as {@linkcode groupBy} hands it out: what the key
 * function returns, with a missing key as `null`. A key is missing when it
 * is `undefined`, `null` or `NaN`, so a number key may come out `null` too.
 *
 * @typeParam K What the key function returns.
 */
export type GroupKey<K> =
  | Exclude<K, undefined>
  | (undefined extends K ? null : never)
  | (K extends number ? null : never);

/** The result of a group with named reducers: `key` and one field per reducer. */
export type Group<K, R> =
  & { key: K }
  & {
    [P in keyof R]: R[P] extends Reducer<never, unknown, infer X> ? X : never;
  };

/**
 * Aggregates the items per key, within a memory budget, and yields one
 * result per group at the end of the input, in key order (numbers before
 * strings, numbers by value, strings by UTF-16 code units). Give one
 * {@linkcode Reducer} (each group comes out as `{ key, value }`) or an object
 * of named reducers (`{ key, name1, name2, ... }`).
 *
 * A missing key (`undefined`, `null` or `NaN`: a field a line does not
 * have) is not an error: those items make one group whose key is `null`,
 * which comes out last, and the summary row counts them as `missingKeys`.
 * `sort` puts such items last too, and the command line's `sort` and `group`
 * do the same with a missing field.
 *
 * When the table of groups outgrows a quarter of the budget, its partial
 * accumulators are sorted by key and spilled to a temporary run file; at the
 * end the runs are merged and each key's parts are combined with the
 * reducers' `merge`, in input order: the result is exactly that of a run in
 * memory (the built-in sums are exact for that reason). Spilled
 * accumulators go through JSON (see {@linkcode Reducer}). The summary row
 * counts `runsWritten`, `bytesSpilled` and `mergePasses`.
 *
 * Memory: the budget (a quarter for the table of groups, the rest for
 * writing and merging what is spilled), plus the chunk in hand.
 *
 * @typeParam T The items.
 * @typeParam K The keys: strings or numbers, or missing.
 * @param key The group of an item.
 * @param reducers One reducer, or named reducers.
 * @param options The budget, temporary directory, fan-in and the stage's
 * name.
 * @returns The stage.
 * @throws {TypeError} When `key` is not a function or `reducers` holds
 * something that is not a reducer (or one named `key`); while running, when
 * a key is neither a string, a number nor missing.
 * @throws {RangeError} When the budget or fan-in is out of range.
 *
 * @example Count and p95 latency per service
 * ```ts
 * import { count, groupBy, percentile, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["api 12", "auth 40", "api 30", "api 900"];
 * const service = (l: string) => l.split(" ")[0]!;
 * const latency = (l: string) => Number(l.split(" ")[1]);
 * const out = [];
 * for await (
 *   const g of pipeline(
 *     lines,
 *     groupBy(service, { n: count(), p95: percentile(95, latency) }),
 *   )
 * ) out.push(g);
 * assert.deepEqual(out, [
 *   { key: "api", n: 3, p95: 900 },
 *   { key: "auth", n: 1, p95: 40 },
 * ]);
 * ```
 *
 * @example Lines without the key make the last group, keyed null
 * ```ts
 * import { count, groupBy, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["status=500", "no status here", "status=200", "status=500"];
 * const status = (l: string) => /status=(\d+)/.exec(l)?.[1];
 * const run = pipeline(lines, groupBy(status, count()));
 * const out = [];
 * for await (const g of run) out.push(g);
 * assert.deepEqual(out, [
 *   { key: "200", value: 1 },
 *   { key: "500", value: 2 },
 *   { key: null, value: 1 },
 * ]);
 * assert.equal(run.summary.stages[1]!.counters.missingKeys, 1);
 * ```
 */
export function groupBy<
  T,
  K extends string | number | null | undefined,
  A,
  R,
>(
  key: (item: T) => K,
  reducers: Reducer<T, A, R>,
  options?: GroupByOptions,
): Stage<T, { key: GroupKey<K>; value: R }>;
/**
 * {@linkcode groupBy} with named reducers: each group comes out as
 * `{ key, name1, name2, ... }`.
 *
 * @typeParam T The items.
 * @typeParam K The keys: strings or numbers.
 * @typeParam R The named reducers.
 * @param key The group of an item.
 * @param reducers Named reducers.
 * @param options The budget, temporary directory, fan-in and name.
 * @returns The stage.
 */
export function groupBy<
  T,
  K extends string | number | null | undefined,
  R extends Reducers<T>,
>(
  key: (item: T) => K,
  reducers: R,
  options?: GroupByOptions,
): Stage<T, Group<GroupKey<K>, R>>;
export function groupBy<T, K extends string | number | null | undefined>(
  key: (item: T) => K,
  reducers: Reducer<T, unknown, unknown> | Reducers<T>,
  options: GroupByOptions = {},
): Stage<T, Record<string, unknown>> {
  const { budget, fanIn } = spillSettings("groupBy", options);
  requireFunction("groupBy", "key", key);
  const named = namedReducers("groupBy", reducers);
  return defineStage<T, Record<string, unknown>>({
    kind: "groupBy",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      const { SpillDir, SpillingGroups } = await import("./_group_engine.ts");
      const spill = new SpillDir(options.tempDir);
      const groups = new SpillingGroups(named, {
        budget,
        fanIn,
        spill,
        stats,
      });
      try {
        // Chunk by chunk, holding none while the next comes (see
        // eachChunk).
        await eachChunk(input, (chunk) =>
          groups.addItems(
            chunk.items,
            key,
            (error, i) => failAt(error, stats, ctx, chunk as Chunk<unknown>, i),
          ));
        yield* groups.results();
      } finally {
        await spill.remove();
      }
    },
  });
}
