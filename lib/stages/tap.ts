// Copyright 2026 the sluice authors. MIT license.
/**
 * `tap`, the stage that looks at each item and hands it on unchanged. Exported
 * by the package's root and by its own subpath, `jsr:@sluice/sluice/tap`: a
 * script that imports only the pieces it runs loads less code, and so holds
 * less memory (see the README's "Import only what you use").
 *
 * @module
 */

import { requireFunction } from "../core/_registry.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { perItemStage } from "./_per_item.ts";

/** Options for {@linkcode tap}. */
export type TapOptions = StageOptions;

/**
 * Calls `fn` for every item and passes the item on unchanged: for counting,
 * logging or progress. `fn` may be async.
 *
 * Memory: one chunk in flight.
 *
 * @typeParam T The items.
 * @param fn Called with the item and its 0-based index; its result is ignored.
 * @param options The stage's name.
 * @returns The stage.
 * @throws {StageError} In a pipeline, when `fn` throws or rejects.
 *
 * @example Counting what passes
 * ```ts
 * import { pipeline, tap } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * let seen = 0;
 * for await (const _ of pipeline(["a", "b"], tap(() => seen++)));
 * assert.equal(seen, 2);
 * ```
 */
export function tap<T>(
  fn: (item: T, index: number) => unknown,
  options: TapOptions = {},
): Stage<T, T> {
  requireFunction("tap", "fn", fn);
  return perItemStage<T, T>({
    kind: "tap",
    name: options.name,
    outcome: "pass",
    fn,
  });
}
