// Copyright 2026 the sluice authors. MIT license.

import {
  defaultCompare,
  ExternalSorter,
  heapCost,
  isPlainKey,
} from "./_external_sort.ts";
import { SpillDir } from "./_spill.ts";
import { type Chunk, defineStage, failAt, requireFunction } from "./_stage.ts";
import type { Reducer } from "./reducers.ts";
import { spillSettings } from "./_budget.ts";
import type { SpillOptions } from "./sort.ts";
import { formatBytes } from "./summary.ts";
import type { Stage } from "./types.ts";

/** Options for {@linkcode groupBy}. */
export type GroupByOptions = SpillOptions;

/** Named reducers: each name becomes a field of the group's result. */
export type Reducers<T> = Record<string, Reducer<T, unknown, unknown>>;

/** The result of a group with named reducers: `key` and one field per reducer. */
export type Group<K, R> =
  & { key: K }
  & {
    [P in keyof R]: R[P] extends Reducer<never, unknown, infer X> ? X : never;
  };

/** Bytes per group beyond its key and accumulators: a Map entry, an array. */
const GROUP_OVERHEAD = 96;

/**
 * Aggregates the items per key, within a memory budget, and yields one
 * result per group at the end of the input, in key order (numbers before
 * strings, numbers by value, strings by UTF-16 code units). Give one
 * {@linkcode Reducer} (each group comes out as `{ key, value }`) or an object
 * of named reducers (`{ key, name1, name2, … }`).
 *
 * When the table of groups outgrows half the budget, its partial
 * accumulators are sorted by key and spilled to a temporary run file; at the
 * end the runs are merged and each key's parts are combined with the
 * reducers' `merge`, in input order: the result is exactly that of a run in
 * memory (the built-in sums are exact for that reason). Spilled
 * accumulators go through JSON (see {@linkcode Reducer}). The summary row
 * counts `runsWritten`, `bytesSpilled` and `mergePasses`.
 *
 * Memory: the budget (half for the table of groups, half for sorting what
 * is spilled), plus the batch in hand.
 *
 * @typeParam T The items.
 * @typeParam K The keys: strings or numbers.
 * @param key The group of an item.
 * @param reducers One reducer, or named reducers.
 * @param options The budget, temporary directory, fan-in and the stage's
 * name.
 * @returns The stage.
 * @throws {TypeError} When `key` is not a function or `reducers` holds
 * something that is not a reducer (or one named `key`); while running, when
 * a key is not a string or a number.
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
 */
export function groupBy<T, K extends string | number, A, R>(
  key: (item: T) => K,
  reducers: Reducer<T, A, R>,
  options?: GroupByOptions,
): Stage<T, { key: K; value: R }>;
/**
 * {@linkcode groupBy} with named reducers: each group comes out as
 * `{ key, name1, name2, … }`.
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
  K extends string | number,
  R extends Reducers<T>,
>(
  key: (item: T) => K,
  reducers: R,
  options?: GroupByOptions,
): Stage<T, Group<K, R>>;
export function groupBy<T, K extends string | number>(
  key: (item: T) => K,
  reducers: Reducer<T, unknown, unknown> | Reducers<T>,
  options: GroupByOptions = {},
): Stage<T, Record<string, unknown>> {
  const { budget, fanIn } = spillSettings("groupBy", options);
  requireFunction("groupBy", "key", key);
  const single = typeof (reducers as { add?: unknown }).add === "function";
  const named: Reducers<T> = single
    ? { value: reducers as Reducer<T, unknown, unknown> }
    : reducers as Reducers<T>;
  const names = Object.keys(named);
  const list = names.map((n) => named[n]!);
  for (const [i, r] of list.entries()) {
    if (
      typeof r !== "object" || r === null || typeof r.init !== "function" ||
      typeof r.add !== "function" || typeof r.merge !== "function" ||
      typeof r.result !== "function"
    ) {
      throw new TypeError(
        `Cannot create groupBy stage: reducer "${
          names[i]
        }" must have init, add, merge and result functions`,
      );
    }
  }
  if (names.includes("key")) {
    throw new TypeError(
      'Cannot create groupBy stage: a reducer cannot be named "key"',
    );
  }
  const m = list.length;
  const sized = list.map((r) => typeof r.bytes === "function");
  const anySized = sized.some((s) => s);
  const encode = (accs: unknown[]): unknown[] =>
    accs.map((a, j) => list[j]!.encode?.(a) ?? a);
  const decode = (data: unknown[]): unknown[] =>
    data.map((d, j) => {
      const r = list[j]!;
      return r.decode === undefined ? d : r.decode(d);
    });
  const resultOf = (k: unknown, accs: unknown[]): Record<string, unknown> => {
    const out: Record<string, unknown> = { key: k };
    for (let j = 0; j < m; j++) out[names[j]!] = list[j]!.result(accs[j]);
    return out;
  };

  interface Entry {
    accs: unknown[];
    sizes: number[] | undefined;
  }

  return defineStage<T, Record<string, unknown>>({
    kind: "groupBy",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      const spill = new SpillDir(options.tempDir, ctx.signal === undefined);
      const tableBudget = Math.floor(budget / 2);
      const sorter = new ExternalSorter({
        budgetBytes: budget - tableBudget,
        spill,
        fanIn,
        stats,
        keyed: true,
        compare: defaultCompare,
        plain: true,
        reverse: false,
        wantKeys: true,
      });
      let table = new Map<K, Entry>();
      let held = 0;
      const spillTable = async () => {
        for (const [k, e] of table) {
          if (sorter.add(k, encode(e.accs))) await sorter.spill();
        }
        await sorter.spill();
        table = new Map();
        held = 0;
      };
      try {
        for await (const chunk of input) {
          const items = chunk.items;
          let i = 0;
          // The table spills as soon as it is over its half of the budget,
          // also in the middle of a batch (a batch of long kept items could
          // otherwise overshoot it many times).
          while (i < items.length) {
            try {
              for (; i < items.length; i++) {
                if (held >= tableBudget) break;
                const item = items[i]!;
                const k = key(item);
                let e = table.get(k);
                if (e === undefined) {
                  if (!isPlainKey(k)) {
                    throw new TypeError(
                      `Group key must be a string or a number (not NaN), got ${
                        typeof k === "number" ? "NaN" : typeof k
                      }`,
                    );
                  }
                  const accs = new Array<unknown>(m);
                  for (let j = 0; j < m; j++) accs[j] = list[j]!.init();
                  e = {
                    accs,
                    sizes: anySized ? new Array(m).fill(0) : undefined,
                  };
                  table.set(k, e);
                  held += heapCost(k) + GROUP_OVERHEAD + 16 * m;
                }
                const accs = e.accs;
                for (let j = 0; j < m; j++) {
                  const r = list[j]!;
                  const acc = r.add(accs[j], item);
                  accs[j] = acc;
                  if (sized[j]) {
                    const b = r.bytes!(acc);
                    held += b - e.sizes![j]!;
                    e.sizes![j] = b;
                  }
                }
              }
            } catch (error) {
              throw failAt(error, stats, ctx, chunk as Chunk<unknown>, i);
            }
            stats.hold(table.size, held + sorter.heldBytes);
            if (held >= tableBudget) await spillTable();
          }
        }
        const out: Record<string, unknown>[] = [];
        let line = 1;
        if (sorter.runs.length === 0) {
          const keys = [...table.keys()].sort(defaultCompare);
          for (const k of keys) {
            out.push(resultOf(k, table.get(k)!.accs));
            table.delete(k);
            if (out.length === 1024) {
              yield { items: out.splice(0), firstLine: line, lines: undefined };
              line += 1024;
            }
          }
          if (out.length > 0) {
            yield { items: out, firstLine: line, lines: undefined };
          }
          return;
        }
        await spillTable();
        let pendingKey: unknown = undefined;
        let pending: unknown[] | undefined;
        for await (const entries of sorter.sorted()) {
          for (let j = 0; j < entries.items.length; j++) {
            const k = entries.keys[j];
            const accs = decode(entries.items[j] as unknown[]);
            if (pending !== undefined && k === pendingKey) {
              for (let x = 0; x < m; x++) {
                pending[x] = list[x]!.merge(pending[x], accs[x]);
              }
            } else {
              if (pending !== undefined) {
                out.push(resultOf(pendingKey, pending));
              }
              pendingKey = k;
              pending = accs;
            }
          }
          if (out.length >= 1024) {
            const n = out.length;
            yield { items: out.splice(0), firstLine: line, lines: undefined };
            line += n;
          }
        }
        if (pending !== undefined) out.push(resultOf(pendingKey, pending));
        if (out.length > 0) {
          yield { items: out, firstLine: line, lines: undefined };
        }
      } finally {
        await spill.remove();
      }
    },
  });
}
