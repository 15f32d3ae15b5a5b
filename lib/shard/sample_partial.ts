// Copyright 2026 the sluice authors. MIT license.

import { numbered } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import type { Stage } from "../core/types.ts";
import { BottomK, type SampleOptions, sampleStage } from "../stages/sample.ts";

/** A record of a sample partial: the item's sampling priority, and the item. */
export type SampleRecord<T> = [priority: number, item: T];

/**
 * {@linkcode sample} for one shard of a job: the shard's candidates, as
 * `[priority, item]` in input order, to save with {@linkcode writePartial}
 * and merge with {@linkcode mergeSample}. An item's priority comes from the
 * seed, its input's path and its line number alone, so the merged sample
 * is the one `sample` takes of all the items with the same seed, however
 * they were divided. Memory: `count` items.
 *
 * @typeParam T The items.
 * @param count The sample size.
 * @param options `seed` (give the same to every shard) and the name.
 * @returns The stage.
 * @throws {RangeError} When `count` is not an integer of at least 0.
 *
 * @example Two halves sampled apart, merged: the sample of the whole
 * ```ts
 * import { mergeSample, pipeline, readLines, sample, samplePartial } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, Array.from({ length: 50 }, (_, i) => `line ${i}\n`).join(""));
 * const whole = [];
 * for await (const l of pipeline(readLines(path), sample(5, { seed: 1 }))) whole.push(l);
 * const records = [];
 * for (const index of [0, 1]) {
 *   const shard = readLines(path, { shard: { index, count: 2 } });
 *   for await (const r of pipeline(shard, samplePartial(5, { seed: 1 }))) records.push(r);
 * }
 * const merged = [];
 * for await (const l of pipeline(records, mergeSample(5))) merged.push(l);
 * assert.deepEqual(merged, whole);
 * await Deno.remove(path);
 * ```
 */
export function samplePartial<T>(
  count: number,
  options: SampleOptions = {},
): Stage<T, SampleRecord<T>> {
  return sampleStage<T, SampleRecord<T>>(
    "samplePartial",
    count,
    options,
    (k) => [k.priority, k.item],
  );
}

/**
 * Merges sample partials (the records of {@linkcode samplePartial}, all
 * shards' one after another in shard order) into the sample of the whole:
 * the `count` items of least priority, in input order. Memory: `count`
 * items.
 *
 * @typeParam T The items.
 * @param count The sample size the partials were taken with.
 * @returns The stage.
 * @throws {RangeError} When `count` is not an integer of at least 0.
 *
 * @example Keeping the two of least priority
 * ```ts
 * import { mergeSample, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const records: [number, string][] = [[5, "a"], [1, "b"], [3, "c"], [9, "d"]];
 * const out = [];
 * for await (const item of pipeline(records, mergeSample(2))) out.push(item);
 * assert.deepEqual(out, ["b", "c"]);
 * ```
 */
export function mergeSample<T>(count: number): Stage<SampleRecord<T>, T> {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(
      `Cannot create mergeSample stage: count must be an integer of at least 0, got ${count}`,
    );
  }
  return defineStage<SampleRecord<T>, T>({
    kind: "mergeSample",
    name: undefined,
    bound: `${count} items + 1 chunk`,
    async *run(input, stats) {
      const sampled = new BottomK<T>(count);
      let seq = 0;
      for await (const chunk of input) {
        for (const [priority, item] of chunk.items) {
          sampled.add(item, priority, ++seq);
        }
        stats.hold(sampled.size, sampled.heldBytes);
      }
      for (const kept of sampled.batches()) {
        yield numbered(kept.map((k) => k.item), kept.map((k) => k.line));
      }
    },
  });
}
