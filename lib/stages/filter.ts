// Copyright 2026 the sluice authors. MIT license.
/**
 * `filter`, the stage that keeps the items a predicate accepts. Exported by
 * the package's root and by its own subpath, `jsr:@sluice/sluice/filter`: a
 * script that imports only the pieces it runs loads less code, and so holds
 * less memory (see the README's "Import only what you use").
 *
 * @module
 */

import { requireFunction } from "../core/_registry.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { perItemStage } from "./_per_item.ts";
import { policyOf } from "../policy/_policy.ts";
import type { ErrorPolicyOptions } from "../policy/error_policy.ts";

/** Options for {@linkcode filter}. */
export interface FilterOptions extends StageOptions, ErrorPolicyOptions {}

/**
 * Keeps the items for which `predicate` returns a truthy value. The predicate
 * may be async; its calls then run one at a time, in order. A type guard
 * narrows the items' type (e.g. `filter((x): x is string => x !== undefined)`).
 *
 * With `onError: "skip"` or a {@linkcode deadLetter}, an item whose
 * predicate throws or rejects is dropped (and sent to the dead letter) and
 * the run goes on; `maxErrors` stops it after that many failures.
 *
 * Right after `readLines` and without an error policy, the filter is fused
 * into the reader: the reader calls the predicate on each line as it cuts
 * it out and puts only the kept lines in its chunks (T1 of the benchmark,
 * over 1 GiB: 1.15 s instead of 1.29). The calls are the same, in the same
 * order, with the same indexes; the summary's row for the filter says
 * "fused into readLines#1", and the predicate's time counts as the
 * reader's. Once a call returns a promise or throws, the filter goes on as
 * a stage of its own, from that line.
 *
 * Memory: one chunk in flight (the input chunk and the kept items).
 *
 * @typeParam T The items.
 * @param predicate The test; it gets the item and its 0-based index.
 * @param options The stage's name and error policy.
 * @returns The stage.
 * @throws {StageError} In a pipeline, when `predicate` throws or rejects
 * (with the default `onError: "fail"`) or when `maxErrors` items have
 * failed.
 * @throws {RangeError} When `maxErrors` is out of range.
 * @throws {TypeError} When `onError` is not a policy.
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
 *
 * @example Dropping the items a predicate cannot judge
 * ```ts
 * import { filter, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const run = pipeline(
 *   ['{"level":"error"}', "not json", '{"level":"info"}'],
 *   filter((l) => JSON.parse(l).level === "error", { onError: "skip" }),
 * );
 * const out: string[] = [];
 * for await (const l of run) out.push(l);
 * assert.deepEqual(out, ['{"level":"error"}']);
 * assert.equal(run.summary.stages[1]!.errors, 1);
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
  return perItemStage<T, T>({
    kind: "filter",
    name: options.name,
    policy: policyOf("filter", options),
    outcome: "keep",
    fn: predicate,
  });
}
