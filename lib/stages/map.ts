// Copyright 2026 the sluice authors. MIT license.
/**
 * `map`, the stage that replaces each item with what a function makes of it.
 * Exported by the package's root and by its own subpath,
 * `jsr:@sluice/sluice/map`: a script that imports only the pieces it runs
 * loads less code, and so holds less memory (see the README's "Import only
 * what you use").
 *
 * @module
 */

import { defineStage } from "../core/_define.ts";
import { requireFunction } from "../core/_registry.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { perItemStage } from "./_per_item.ts";
import { Failures, policyOf } from "../policy/_policy.ts";
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
 * Memory: one chunk in flight (the input chunk and its results); with
 * `concurrency`, at most that many items between input and output, plus one
 * input chunk. The summary counts the peak of calls in flight and, in
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
      bound: `${concurrency} items in flight + 1 chunk`,
      async *run(input, stats, ctx) {
        // Loaded only when a map runs concurrently.
        const { concurrentMap } = await import("./_concurrent_map.ts");
        yield* concurrentMap(
          input,
          stats,
          ctx,
          fn,
          concurrency,
          ordered,
          () => policy && new Failures(policy, stats, ctx),
        );
      },
    });
  }
  return perItemStage<I, O>({
    kind: "map",
    name: options.name,
    policy,
    outcome: "replace",
    fn,
  });
}
