// Copyright 2026 the sluice authors. MIT license.

import { type Chunk, lineOf } from "../core/_stage.ts";
import { defineStage } from "../core/_define.ts";
import { failAt } from "../core/_context.ts";
import { isThenable } from "../core/_adapters.ts";
import { requireFunction } from "../core/_registry.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { concurrentMap } from "./_concurrent_map.ts";
import { DEAD_LETTER_RESUME, Failures, policyOf } from "../policy/_policy.ts";
import type { ErrorPolicyOptions } from "../policy/error_policy.ts";

/** Options for {@linkcode map}. */
export interface MapOptions extends StageOptions, ErrorPolicyOptions {
  /**
   * How many calls of `fn` may be in flight at once, for callbacks that wait
   * (an HTTP lookup, a database). At most this many items are held between
   * the input and the output, so a slow consumer still stops the input.
   *
   * @default {1}
   */
  concurrency?: number;
  /**
   * With `concurrency` above 1: keep the input order (results that finish
   * early wait for earlier ones), or hand results on as they finish.
   *
   * @default {true}
   */
  ordered?: boolean;
}

/**
 * Transforms every item with `fn`. `fn` may be async; its calls then run one
 * at a time, in order, unless `concurrency` allows several at once (in
 * input order by default, or as they finish with `ordered: false`). A
 * stopped run (an error, an abort, a `break`) starts no further calls.
 *
 * With `onError: "skip"` or a {@linkcode deadLetter}, an item whose call
 * throws or rejects is dropped (and sent to the dead letter) and the run
 * goes on; `maxErrors` stops it after that many failures.
 *
 * Memory: one batch in flight (the input batch and its results); with
 * `concurrency`, at most that many items between input and output, plus one
 * input batch. The summary counts the peak of calls in flight and, in
 * ordered mode, of results waiting for an earlier one.
 *
 * @typeParam I The items taken.
 * @typeParam O The items yielded.
 * @param fn The transformation; it gets the item and its 0-based index.
 * @param options The stage's name, concurrency and error policy.
 * @returns The stage.
 * @throws {StageError} In a pipeline, when `fn` throws or rejects (with the
 * default `onError: "fail"`) or when `maxErrors` items have failed; the
 * error names the stage and the line, with `fn`'s error (or a
 * {@linkcode TooManyErrorsError}) as `cause`.
 * @throws {RangeError} When `concurrency` or `maxErrors` is out of range.
 * @throws {TypeError} When `onError` is not a policy.
 *
 * @example Parsing numbers
 * ```ts
 * import { map, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out: number[] = [];
 * for await (const n of pipeline(["1", "2", "3"], map((s) => Number(s) * 10))) out.push(n);
 * assert.deepEqual(out, [10, 20, 30]);
 * ```
 *
 * @example Skipping the items that fail, and counting them
 * ```ts
 * import { map, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const run = pipeline(
 *   ['{"n":1}', "{broken", '{"n":3}'],
 *   map((line) => JSON.parse(line).n as number, { onError: "skip" }),
 * );
 * const out: number[] = [];
 * for await (const n of run) out.push(n);
 * assert.deepEqual(out, [1, 3]);
 * assert.equal(run.summary.stages[1]!.errors, 1);
 * assert.match(run.summary.stages[1]!.firstErrors[0]!, /^item 2: /);
 * ```
 */
export function map<I, O>(
  fn: (item: I, index: number) => O | Promise<O>,
  options: MapOptions = {},
): Stage<I, O> {
  requireFunction("map", "fn", fn);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `Cannot create map stage: concurrency must be a positive integer, got ${concurrency}`,
    );
  }
  const policy = policyOf("map", options);
  if (concurrency > 1) {
    const ordered = options.ordered ?? true;
    return defineStage<I, O>({
      kind: "map",
      name: options.name,
      bound: `${concurrency} items in flight + 1 batch`,
      run: (input, stats, ctx) =>
        concurrentMap(
          input,
          stats,
          ctx,
          fn,
          concurrency,
          ordered,
          () => policy && new Failures(policy, stats, ctx),
        ),
    });
  }
  return defineStage<I, O>({
    kind: "map",
    name: options.name,
    bound: "1 batch",
    unresumable: policy?.writer === undefined ? undefined : DEAD_LETTER_RESUME,
    transformer(stats, ctx) {
      let index = 0;
      const failures = policy && new Failures(policy, stats, ctx);
      // After an item failed under a skip or dead-letter policy, the rest of
      // the batch goes one item at a time, into a new array: off the fast
      // path, which stays as it is.
      const recover = async (
        chunk: Chunk<I>,
        from: number,
        error: unknown,
      ): Promise<Chunk<O> | undefined> => {
        const items = chunk.items as unknown[];
        const out: O[] = [];
        const lines: number[] = [];
        for (let k = 0; k < from; k++) {
          out.push(items[k] as O);
          lines.push(lineOf(chunk, k));
        }
        const first = failures!.add(
          error,
          items[from],
          lineOf(chunk, from),
          chunk.path,
        );
        if (first !== undefined) await first;
        for (let k = from + 1; k < items.length; k++) {
          try {
            const r = fn(items[k] as I, index++);
            out.push(isThenable(r) ? await r : r);
            lines.push(lineOf(chunk, k));
          } catch (e) {
            // Awaited only when the dead letter must write.
            const w = failures!.add(e, items[k], lineOf(chunk, k), chunk.path);
            if (w !== undefined) await w;
          }
        }
        return out.length === 0
          ? undefined
          : { items: out, firstLine: lines[0]!, lines, path: chunk.path };
      };
      // The results replace the items in the batch's own array: a batch
      // belongs to the stage that receives it, and this saves an array.
      const finish = (chunk: Chunk<I>): Chunk<O> => ({
        items: chunk.items as unknown[] as O[],
        firstLine: chunk.firstLine,
        lines: chunk.lines,
        path: chunk.path,
      });
      // Once a call returns a promise, the rest of the batch is awaited one
      // call at a time.
      const rest = async (
        chunk: Chunk<I>,
        from: number,
        pending: PromiseLike<O>,
      ): Promise<Chunk<O> | undefined> => {
        const items = chunk.items as unknown[];
        let i = from;
        try {
          items[i] = await pending;
          for (i++; i < items.length; i++) {
            const r = fn(items[i] as I, index++);
            items[i] = isThenable(r) ? await r : r;
          }
        } catch (error) {
          if (failures !== undefined) return recover(chunk, i, error);
          throw failAt(error, stats, ctx, chunk, i);
        }
        return finish(chunk);
      };
      const transform = (chunk: Chunk<I>) => {
        const items = chunk.items as unknown[];
        const n = items.length;
        // The running index in a local: a closure variable per item costs.
        const base = index;
        let i = 0;
        try {
          for (; i < n; i++) {
            const r = fn(items[i] as I, base + i);
            if (
              typeof r === "object" && r !== null &&
              typeof (r as { then?: unknown }).then === "function"
            ) {
              index = base + i + 1;
              return rest(chunk, i, r as PromiseLike<O>);
            }
            items[i] = r;
          }
        } catch (error) {
          index = base + i + 1;
          if (failures !== undefined) return recover(chunk, i, error);
          throw failAt(error, stats, ctx, chunk, i);
        }
        index = base + n;
        return finish(chunk);
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
