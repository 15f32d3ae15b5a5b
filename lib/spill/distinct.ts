// Copyright 2026 the sluice authors. MIT license.

import {
  defaultCompare,
  ExternalSorter,
  isPlainKey,
  jsonOf,
} from "./_external_sort.ts";
import { KeyIndex } from "./_key_index.ts";
import { SpillDir } from "./_spill.ts";
import { defineStage } from "../core/_define.ts";
import { failAt } from "../core/_context.ts";
import { requireFunction } from "../core/_registry.ts";
import { ChunkBuilder, lineOf, numbered } from "../core/_chunk.ts";
import { spillSettings } from "./_budget.ts";
import type { SpillOptions } from "./sort.ts";
import { formatBytes } from "../summary/summary.ts";
import type { Stage } from "../core/types.ts";

/** Options for {@linkcode distinct}. */
export type DistinctOptions = SpillOptions;

function defaultKey(item: unknown): unknown {
  return typeof item === "string" || typeof item === "number"
    ? item
    : jsonOf(item);
}

/**
 * Passes on the first item of each key, in input order, dropping later
 * items with a key already seen: exact deduplication within a memory
 * budget. Without `key`, strings and numbers are their own key and other
 * items are keyed by their JSON text.
 *
 * While the keys seen fit in a quarter of the budget, items are passed on
 * as they come. Beyond that the keys seen so far are spilled to disk, and
 * later items are buffered with their position, sorted by key and spilled
 * in runs; at the end the runs are merged, the first item of each key not
 * already passed on is kept, and those are sorted back into input order: the
 * output is exactly that of a run in memory, the later part arriving at the
 * end. Spilled items go through JSON. The summary row counts
 * `runsWritten`, `bytesSpilled` and `mergePasses`.
 *
 * Memory: the budget, plus the chunk in hand.
 *
 * @typeParam T The items.
 * @param key The key of an item: a string or a number.
 * @param options The budget, temporary directory, fan-in and the stage's
 * name.
 * @returns The stage.
 * @throws {TypeError} When `key` is given and is not a function; while
 * running, when a key is not a string or a number, or an item cannot be
 * written as JSON once spilled.
 * @throws {RangeError} When the budget or fan-in is out of range.
 *
 * @example The first request of each user
 * ```ts
 * import { distinct, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["u1 /a", "u2 /b", "u1 /c", "u3 /d", "u2 /e"];
 * const out: string[] = [];
 * for await (
 *   const line of pipeline(lines, distinct((l) => l.split(" ")[0]!))
 * ) out.push(line);
 * assert.deepEqual(out, ["u1 /a", "u2 /b", "u3 /d"]);
 * ```
 */
export function distinct<T>(
  key?: (item: T) => string | number,
  options: DistinctOptions = {},
): Stage<T, T> {
  const { budget, fanIn } = spillSettings("distinct", options);
  if (key !== undefined) requireFunction("distinct", "key", key);
  const keyOf = (key ?? defaultKey) as (item: T) => unknown;
  // A quarter for the keys seen and for the sorter by key each, not half
  // (distinct() by req, peak RSS at 16/64 MiB budget: 148/191 -> 142/185 MiB).
  const quarter = Math.floor(budget / 4);
  return defineStage<T, T>({
    kind: "distinct",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      const spill = new SpillDir(options.tempDir);
      const settings = {
        spill,
        fanIn,
        stats,
        compare: defaultCompare,
        plain: true,
        reverse: false,
      };
      // By key: entries [position, line, item], or null for a key passed on.
      const byKey = new ExternalSorter({
        ...settings,
        budgetBytes: quarter,
        keyed: true,
        wantKeys: true,
      });
      // The keys seen, off V8's heap (see KeyIndex), reused window after
      // window.
      const seen = new KeyIndex(quarter);
      let spilling = false;
      let position = 0;
      try {
        for await (const chunk of input) {
          const items = chunk.items;
          const kept = new ChunkBuilder<T>();
          let i = 0;
          try {
            for (; i < items.length; i++) {
              const item = items[i]!;
              const k = keyOf(item);
              if (!isPlainKey(k)) {
                throw new TypeError(
                  `Distinct key must be a string or a number (not NaN), got ${
                    typeof k === "number" ? "NaN" : typeof k
                  }`,
                );
              }
              const n = seen.size;
              if (seen.add(k) < n) continue;
              if (!spilling) {
                kept.keep(chunk, i);
                continue;
              }
              const full = byKey.add(k, [
                position + i,
                lineOf(chunk, i),
                item,
              ]);
              if (full || seen.bytes >= quarter / 2) {
                // The keys of this window are in the run: start a new one.
                await byKey.spill();
                seen.clear();
              }
            }
          } catch (error) {
            throw failAt(error, stats, ctx, chunk, i);
          }
          position += items.length;
          stats.hold(seen.size, seen.bytes + byKey.heldBytes);
          const out = kept.build(chunk);
          if (out !== undefined) yield out;
          if (!spilling && seen.bytes >= quarter) {
            // From here on: every key passed on goes to disk as such.
            for (let s = 0; s < seen.size; s++) {
              if (byKey.add(seen.keyAt(s), null)) await byKey.spill();
            }
            await byKey.spill();
            seen.clear();
            spilling = true;
          }
        }
        if (!spilling) return;
        // By position: the first item of each key not passed on yet. It
        // fills the arena byKey no longer needs, and byKey's merge reads its
        // runs into the memory of the keys seen: what the buffers of three
        // (distinct() by req, 64 MiB budget: peak RSS 251 MiB) now fits in
        // two.
        const byPosition = new ExternalSorter({
          ...settings,
          budgetBytes: budget - quarter,
          keyed: true,
          wantKeys: false,
        });
        await byKey.spill();
        byPosition.adopt(byKey);
        const pool = seen.release();
        let last: unknown = undefined;
        let any = false;
        for await (const entries of byKey.sorted(pool)) {
          for (let j = 0; j < entries.items.length; j++) {
            const k = entries.keys[j];
            if (any && k === last) continue;
            any = true;
            last = k;
            const entry = entries.items[j] as [number, number, T] | null;
            if (entry === null) continue;
            if (byPosition.add(entry[0], [entry[1], entry[2]])) {
              await byPosition.spill();
            }
          }
        }
        for await (const entries of byPosition.sorted()) {
          const pairs = entries.items as [number, T][];
          const lines = pairs.map((p) => p[0]);
          yield numbered(pairs.map((p) => p[1]), lines);
        }
      } finally {
        await spill.remove();
      }
    },
  });
}
