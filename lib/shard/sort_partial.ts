// Copyright 2026 the sluice authors. MIT license.

import type { Stage } from "../core/types.ts";
import { defaultCompare, isMissingKey } from "../spill/_keys.ts";
import type { NumericKey, SortOptions } from "../spill/sort.ts";
import { sortStage } from "../spill/_sort_stage.ts";
import { readLines } from "../io/read_lines.ts";
import { writeLines } from "../io/write_lines.ts";
import {
  decodeRecord,
  encodeRecord,
  MAX_RECORD_BYTES,
} from "./partial_file.ts";

/** A record of a sorted partial: the item's key (null: missing) and the item. */
export type SortedRecord<K, T> = [key: K | null, item: T];

/**
 * {@linkcode sort} for one shard of a job: the items sorted as `sort(key,
 * options)` sorts them, each as `[key, item]` (a missing key as `null`), to
 * save with {@linkcode writePartial} and merge with {@linkcode mergeSorted}.
 * Each item's key is computed once: the records carry the keys the sort
 * held. Memory: that of `sort`.
 *
 * @typeParam T The items.
 * @typeParam K The keys.
 * @param key The sort key of an item, as for `sort`.
 * @param options As for `sort`.
 * @returns The stage.
 *
 * @example A shard's items with their keys, in order
 * ```ts
 * import { pipeline, sortPartial } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out = [];
 * for await (
 *   const r of pipeline(["b 2", "a 1", "c"], sortPartial((l) => Number(l.split(" ")[1])))
 * ) out.push(r);
 * assert.deepEqual(out, [[1, "a 1"], [2, "b 2"], [null, "c"]]);
 * ```
 */
export function sortPartial<T, K = T>(
  key: (item: T) => K,
  options?: Omit<SortOptions<T, K>, "key" | "numeric"> & { numeric?: false },
): Stage<T, SortedRecord<K, T>>;
/**
 * {@linkcode sort} with `numeric` for one shard of a job: as the form
 * without `numeric`, each record's key being the number's double, or where
 * the double rounds it, `[double, exact]` (see {@linkcode NumericKey}), so
 * that {@linkcode mergeSorted} with `numeric` gives exactly what `sort` with
 * `numeric` gives on all the items at once.
 *
 * @typeParam T The items.
 * @param key The value an item's number is read from, as for `sort`.
 * @param options As for `sort`, with `numeric: true`.
 * @returns The stage.
 *
 * @example Keys with more digits than a double keeps
 * ```ts
 * import { pipeline, sortPartial } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["9007199254740993 b", "9007199254740992 a", "7 c"];
 * const out = [];
 * for await (
 *   const r of pipeline(lines, sortPartial((l) => l, { numeric: true }))
 * ) out.push(r);
 * // Both big keys are the double 2^53; each carries its digits, as text
 * // that sorts as the number (the count of digits first).
 * assert.deepEqual(out, [
 *   [7, "7 c"],
 *   [[2 ** 53, "300000000169007199254740992"], "9007199254740992 a"],
 *   [[2 ** 53, "300000000169007199254740993"], "9007199254740993 b"],
 * ]);
 * ```
 */
export function sortPartial<T>(
  key: (item: T) => unknown,
  options: Omit<SortOptions<T, unknown>, "key"> & { numeric: true },
): Stage<T, SortedRecord<NumericKey, T>>;
export function sortPartial<T, K = T>(
  key: (item: T) => K,
  options: Omit<SortOptions<T, K>, "key"> = {},
): Stage<T, SortedRecord<K, T>> {
  const plain = options.compare === undefined;
  return sortStage<T, K, SortedRecord<K, T>>(
    { ...options, key },
    (keys, items) => {
      const out = new Array<SortedRecord<K, T>>(items.length);
      for (let i = 0; i < items.length; i++) {
        const k = keys[i] as K;
        out[i] = [plain && isMissingKey(k) ? null : k, items[i] as T];
      }
      return out;
    },
  );
}

/** Options for {@linkcode mergeSorted}. */
export interface MergeSortedOptions<K> {
  /**
   * Largest first, as `sort`'s `reverse` (missing keys still last).
   *
   * @default {false}
   */
  reverse?: boolean;
  /**
   * The `compare` the shards were sorted with, given every key.
   *
   * @default {undefined} numbers before strings, missing keys last
   */
  compare?: (a: K, b: K) => number;
  /**
   * The partials come from {@linkcode sortPartial} with `numeric`: their
   * keys compare by value, exactly (see {@linkcode NumericKey}). Not with
   * `compare`.
   *
   * @default {false}
   */
  numeric?: boolean;
  /**
   * The most partials merged at once: each open partial holds a reader's
   * buffers (about 200 KiB for a partial file), so more are merged in
   * passes, through temporary files, as `sort` merges its runs. At least 2.
   *
   * @default {64}
   */
  fanIn?: number;
  /**
   * Where the files of a merge in passes go, as `sort`'s `tempDir`.
   *
   * @default {the system's temporary directory}
   */
  tempDir?: string;
}

type Partial<K, T> =
  | AsyncIterable<SortedRecord<K, T>>
  | Iterable<SortedRecord<K, T>>
  | AsyncIterable<unknown>;

interface Cursor<K, T> {
  index: number;
  it: AsyncIterator<unknown>;
  key: K | null;
  item: T;
}

/**
 * Merges the sorted partials of the shards of a job (each from
 * {@linkcode sortPartial}, in shard order) into exactly what `sort` gives on
 * all the items at once: a k-way merge, equal keys in shard order (the
 * order of the input), so the merge is as stable as the sort. Holds one
 * record per partial, and merges at most `fanIn` partials at once (more in
 * passes through temporary files).
 *
 * @typeParam T The items.
 * @typeParam K The keys.
 * @param partials Each shard's `[key, item]` records, in shard order.
 * @param options The order the shards were sorted in.
 * @returns The items, sorted.
 *
 * @example Two shards merged
 * ```ts
 * import { mergeSorted } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const shard0 = [[1, "a"], [3, "c"], [null, "x"]] as [number | null, string][];
 * const shard1 = [[1, "a2"], [2, "b"]] as [number | null, string][];
 * const out = [];
 * for await (const item of mergeSorted([shard0, shard1])) out.push(item);
 * assert.deepEqual(out, ["a", "a2", "b", "c", "x"]);
 * ```
 */
export async function* mergeSorted<T, K = unknown>(
  partials: readonly (
    | AsyncIterable<SortedRecord<K, T>>
    | Iterable<SortedRecord<K, T>>
    | AsyncIterable<unknown>
  )[],
  options: MergeSortedOptions<K> = {},
): AsyncGenerator<T> {
  if (options.numeric === true && options.compare !== undefined) {
    throw new TypeError(
      "Cannot merge sorted partials with both numeric and compare: numeric compares the keys itself",
    );
  }
  const fanIn = options.fanIn ?? 64;
  if (!Number.isSafeInteger(fanIn) || fanIn < 2) {
    throw new RangeError(
      `Cannot merge sorted partials: fanIn must be an integer of at least 2, got ${fanIn}`,
    );
  }
  if (partials.length <= fanIn) {
    for await (const [, item] of merged(partials, options)) yield item;
    return;
  }
  const { SpillDir } = await import("../spill/_sort_engine.ts");
  const spill = new SpillDir(options.tempDir);
  try {
    // Consecutive partials merged into one file: the order of equal keys,
    // the order of the partials, is kept.
    let level: readonly Partial<K, T>[] = partials;
    while (level.length > fanIn) {
      const next: Partial<K, T>[] = [];
      for (let i = 0; i < level.length; i += fanIn) {
        const group = level.slice(i, i + fanIn);
        if (group.length === 1) {
          next.push(group[0]!);
          continue;
        }
        const path = await spill.file();
        await writeLines(path)(
          (async function* () {
            for await (const r of merged(group, options)) {
              yield encodeRecord(r);
            }
          })(),
        );
        next.push({
          async *[Symbol.asyncIterator]() {
            for await (
              const line of readLines(path, {
                readBytes: 65536,
                maxLineBytes: MAX_RECORD_BYTES,
              })
            ) {
              yield decodeRecord(line);
            }
          },
        });
      }
      level = next;
    }
    for await (const [, item] of merged(level, options)) yield item;
  } finally {
    await spill.remove();
  }
}

/** The k-way merge of `partials`' records. */
async function* merged<T, K>(
  partials: readonly Partial<K, T>[],
  options: MergeSortedOptions<K>,
): AsyncGenerator<SortedRecord<K, T>> {
  // Numeric keys compare with the order and missing keys built in.
  const numeric = options.numeric === true
    ? (await import("../spill/_sort_engine.ts")).compareNumericKeys(
      options.reverse === true,
    )
    : undefined;
  const given = (numeric ?? options.compare) as
    | ((a: unknown, b: unknown) => number)
    | undefined;
  const sign = options.reverse === true && numeric === undefined ? -1 : 1;
  const before = (a: Cursor<K, T>, b: Cursor<K, T>): boolean => {
    let c: number;
    if (given !== undefined) c = sign * given(a.key, b.key);
    else if (a.key === null || b.key === null) {
      c = a.key === b.key ? 0 : a.key === null ? 1 : -1;
    } else c = sign * defaultCompare(a.key, b.key);
    return c < 0 || (c === 0 && a.index < b.index);
  };
  const heap: Cursor<K, T>[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(heap[i]!, heap[p]!)) return;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) return;
      const r = l + 1;
      const c = r < heap.length && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[c]!, heap[i]!)) return;
      [heap[i], heap[c]] = [heap[c]!, heap[i]!];
      i = c;
    }
  };
  const iterators = partials.map((p) =>
    Symbol.asyncIterator in p
      ? (p as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (async function* () {
        yield* p as Iterable<unknown>;
      })()
  );
  try {
    for (const [index, it] of iterators.entries()) {
      const r = await it.next();
      if (r.done === true) continue;
      const [key, item] = r.value as SortedRecord<K, T>;
      heap.push({ index, it, key, item });
      up(heap.length - 1);
    }
    while (heap.length > 0) {
      const least = heap[0]!;
      yield [least.key, least.item];
      const r = await least.it.next();
      if (r.done === true) {
        const last = heap.pop()!;
        if (heap.length === 0) break;
        heap[0] = last;
      } else {
        const [key, item] = r.value as SortedRecord<K, T>;
        least.key = key;
        least.item = item;
      }
      down(0);
    }
  } finally {
    for (const it of iterators) await it.return?.();
  }
}
