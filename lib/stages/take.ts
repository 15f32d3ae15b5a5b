// Copyright 2026 the sluice authors. MIT license.
/**
 * `take`, the stage that hands on the first items and then ends the run's
 * reading. Exported by the package's root and by its own subpath,
 * `jsr:@sluice/sluice/take`: a script that imports only the pieces it runs
 * loads less code, and so holds less memory (see the README's "Import only
 * what you use").
 *
 * @module
 */

import { head } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import type { Stage, StageOptions } from "../core/types.ts";

/** Options for {@linkcode take}. */
export type TakeOptions = StageOptions;

/**
 * Passes on the first `count` items, then stops the input early: the reader
 * stops reading and closes its file.
 *
 * Memory: one chunk in flight.
 *
 * @typeParam T The items.
 * @param count How many items to pass on: an integer of at least 0.
 * @param options The stage's name.
 * @returns The stage.
 * @throws {RangeError} When `count` is not an integer of at least 0.
 *
 * @example Taking the first two
 * ```ts
 * import { pipeline, take } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out: string[] = [];
 * for await (const s of pipeline(["a", "b", "c"], take(2))) out.push(s);
 * assert.deepEqual(out, ["a", "b"]);
 * ```
 */
export function take<T>(count: number, options: TakeOptions = {}): Stage<T, T> {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(
      `Cannot create take stage: count must be an integer of at least 0, got ${count}`,
    );
  }
  return defineStage<T, T>({
    kind: "take",
    name: options.name,
    bound: "1 chunk",
    async *run(input) {
      let left = count;
      if (left === 0) return;
      for await (const chunk of input) {
        if (chunk.items.length < left) {
          left -= chunk.items.length;
          yield chunk;
          continue;
        }
        yield head(chunk, left);
        return;
      }
    },
  });
}
