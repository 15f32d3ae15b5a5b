// Copyright 2026 the sluice authors. MIT license.
// A sink that only counts its items. Since it never looks at them, a fused
// literal grep before it may hand on placeholders instead of decoded lines.

import { register } from "./_registry.ts";

/**
 * A sink that adds the number of items it receives to `into.n`. Right after
 * {@linkcode readLines}, or a literal {@linkcode grep} of it, the reader
 * counts the (matching) lines on their bytes and decodes none: the fastest
 * way to count.
 *
 * @param into Where the count goes: `into.n` grows by each item.
 * @returns The sink, for {@linkcode pipeline}.
 *
 * @example Count the lines with ERROR
 * ```ts
 * import { countItems, grep, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const errors = { n: 0 };
 * await pipeline(["ok", "ERROR a", "ERROR b"], grep("ERROR"), countItems(errors));
 * assert.equal(errors.n, 2);
 * ```
 */
export function countItems(
  into: { n: number },
): (items: AsyncIterable<unknown>) => Promise<void> {
  async function count(items: AsyncIterable<unknown>): Promise<void> {
    for await (const _ of items) into.n++;
  }
  return register(count, {
    kind: "count",
    name: undefined,
    bound: "1 chunk",
    countsOnly: true,
    async consume(input) {
      for await (const chunk of input) into.n += chunk.items.length;
    },
  });
}
