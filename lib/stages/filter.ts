// Copyright 2026 the sluice authors. MIT license.

import { type Chunk, lineOf } from "../core/_stage.ts";
import { defineStage } from "../core/_define.ts";
import { failAt } from "../core/_context.ts";
import { isThenable } from "../core/_adapters.ts";
import { requireFunction } from "../core/_registry.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { DEAD_LETTER_RESUME, Failures, policyOf } from "../policy/_policy.ts";
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
 * Memory: one batch in flight (the input batch and the kept items).
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
  const policy = policyOf("filter", options);
  return defineStage<T, T>({
    kind: "filter",
    name: options.name,
    bound: "1 batch",
    unresumable: policy?.writer === undefined ? undefined : DEAD_LETTER_RESUME,
    transformer(stats, ctx) {
      let index = 0;
      const failures = policy && new Failures(policy, stats, ctx);
      // After an item failed under a skip or dead-letter policy, the rest of
      // the batch goes one item at a time, off the fast path.
      const recover = async (
        chunk: Chunk<T>,
        out: T[],
        lines: number[],
        from: number,
        error: unknown,
      ): Promise<Chunk<T> | undefined> => {
        const items = chunk.items;
        const first = failures!.add(
          error,
          items[from],
          lineOf(chunk, from),
          chunk.path,
        );
        if (first !== undefined) await first;
        for (let k = from + 1; k < items.length; k++) {
          try {
            let r = predicate(items[k]!, index++);
            if (isThenable(r)) r = await r;
            if (r) keep(chunk, out, lines, k);
          } catch (e) {
            // Awaited only when the dead letter must write.
            const w = failures!.add(e, items[k], lineOf(chunk, k), chunk.path);
            if (w !== undefined) await w;
          }
        }
        return done(chunk, out, lines);
      };
      const keep = (chunk: Chunk<T>, out: T[], lines: number[], i: number) => {
        out.push(chunk.items[i]!);
        lines.push(lineOf(chunk, i));
      };
      const done = (chunk: Chunk<T>, out: T[], lines: number[]) =>
        out.length === 0
          ? undefined
          : { items: out, firstLine: lines[0]!, lines, path: chunk.path };
      // Once a call returns a promise, the rest of the batch is awaited one
      // call at a time.
      const rest = async (
        chunk: Chunk<T>,
        out: T[],
        lines: number[],
        from: number,
        pending: PromiseLike<unknown>,
      ): Promise<Chunk<T> | undefined> => {
        const items = chunk.items;
        let i = from;
        try {
          if (await pending) keep(chunk, out, lines, i);
          for (i++; i < items.length; i++) {
            let r = predicate(items[i]!, index++);
            if (isThenable(r)) r = await r;
            if (r) keep(chunk, out, lines, i);
          }
        } catch (error) {
          if (failures !== undefined) {
            return recover(chunk, out, lines, i, error);
          }
          throw failAt(error, stats, ctx, chunk, i);
        }
        return done(chunk, out, lines);
      };
      const transform = (chunk: Chunk<T>) => {
        const items = chunk.items;
        const out: T[] = [];
        const lines: number[] = [];
        // The running index in a local: a closure variable per item costs.
        const base = index;
        let i = 0;
        try {
          for (; i < items.length; i++) {
            const r = predicate(items[i]!, base + i);
            if (isThenable(r)) {
              index = base + i + 1;
              return rest(chunk, out, lines, i, r);
            }
            if (r) keep(chunk, out, lines, i);
          }
        } catch (error) {
          index = base + i + 1;
          if (failures !== undefined) {
            return recover(chunk, out, lines, i, error);
          }
          throw failAt(error, stats, ctx, chunk, i);
        }
        index = base + items.length;
        return done(chunk, out, lines);
      };
      if (failures === undefined) return transform;
      // The dead letter opens when the run starts; the first batch waits.
      return (chunk) =>
        failures.ready === undefined
          ? transform(chunk)
          : failures.ready.then(() => transform(chunk));
    },
  });
}
