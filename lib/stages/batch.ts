// Copyright 2026 the sluice authors. MIT license.
/**
 * `batch`, the stage that gathers items into arrays. Exported by the package's
 * root and by its own subpath, `jsr:@sluice/sluice/batch`: a script that
 * imports only the pieces it runs loads less code, and so holds less memory
 * (see the README's "Import only what you use").
 *
 * @module
 */

import { type Chunk, consecutive, lineOf, numbered } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import type { Stage, StageOptions } from "../core/types.ts";

/** Options for {@linkcode batch}. */
export interface BatchOptions extends StageOptions {
  /**
   * Emit a partial batch when this many milliseconds have passed since its
   * first item arrived and no further input has come. Without it, a batch is
   * emitted only when full or at the end of the input.
   *
   * @default {undefined}
   */
  maxWaitMs?: number;
}

/**
 * Groups items into arrays of `size` items; the last array may be shorter.
 * The next stage receives arrays, and {@linkcode writeLines} writes each
 * array's strings as lines.
 *
 * Memory: at most `size` items in the batch being filled, plus the input
 * batch being cut.
 *
 * @typeParam T The items.
 * @param size Items per batch: a positive integer.
 * @param options `maxWaitMs` and the stage's name.
 * @returns The stage.
 * @throws {RangeError} When `size` or `maxWaitMs` is out of range.
 *
 * @example Batching in threes
 * ```ts
 * import { batch, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out: number[][] = [];
 * for await (const b of pipeline([1, 2, 3, 4, 5, 6, 7], batch(3))) out.push(b);
 * assert.deepEqual(out, [[1, 2, 3], [4, 5, 6], [7]]);
 * ```
 */
export function batch<T>(
  size: number,
  options: BatchOptions = {},
): Stage<T, T[]> {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(
      `Cannot create batch stage: size must be a positive integer, got ${size}`,
    );
  }
  const maxWaitMs = options.maxWaitMs;
  if (maxWaitMs !== undefined && !(maxWaitMs >= 0 && maxWaitMs < Infinity)) {
    throw new RangeError(
      `Cannot create batch stage: maxWaitMs must be a finite number of at least 0, got ${maxWaitMs}`,
    );
  }
  return defineStage<T, T[]>({
    kind: "batch",
    name: options.name,
    bound: `${size} items + 1 batch`,
    async *run(input, stats) {
      let current: T[] = [];
      let currentLine = 0;
      let currentPath: string | undefined;
      let since = 0;
      const it = input[Symbol.asyncIterator]();
      let pending: Promise<IteratorResult<Chunk<T>>> | undefined;
      try {
        while (true) {
          pending ??= it.next();
          let r: IteratorResult<Chunk<T>> | "timeout";
          if (maxWaitMs !== undefined && current.length > 0) {
            const left = Math.max(0, since + maxWaitMs - performance.now());
            let timer: ReturnType<typeof setTimeout> | undefined;
            const timeout = new Promise<"timeout">((resolve) => {
              timer = setTimeout(() => resolve("timeout"), left);
            });
            try {
              r = await Promise.race([pending, timeout]);
            } finally {
              clearTimeout(timer);
            }
          } else {
            r = await pending;
          }
          if (r === "timeout") {
            const out = current;
            current = [];
            yield consecutive([out], currentLine, currentPath);
            continue;
          }
          pending = undefined;
          if (r.done === true) break;
          const chunk = r.value;
          const items = chunk.items;
          const full: T[][] = [];
          const lines: number[] = [];
          let path: string | undefined;
          for (let i = 0; i < items.length; i++) {
            if (current.length === 0) {
              currentLine = lineOf(chunk, i);
              currentPath = chunk.path;
              since = performance.now();
            }
            current.push(items[i]!);
            if (current.length === size) {
              full.push(current);
              if (full.length === 1) path = currentPath;
              lines.push(currentLine);
              current = [];
            }
          }
          stats.hold(current.length + items.length, 0);
          if (full.length > 0) {
            yield numbered(full, lines, path);
          }
        }
        if (current.length > 0) {
          yield consecutive([current], currentLine, currentPath);
        }
      } finally {
        // Stopped early: close the input, and never leave a read in flight
        // whose failure nobody would see.
        pending?.catch(() => {});
        await it.return?.(undefined);
      }
    },
  });
}
