// Copyright 2026 the sluice authors. MIT license.
// A sink that only counts its items. Since it never looks at them, a fused
// literal grep before it may hand on placeholders instead of decoded lines.

import { register } from "./_registry.ts";

/**
 * A sink that adds the number of items it receives to `into.n`. In a
 * pipeline right after a fused literal grep, the reader decodes no line.
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
