// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import { sortIndices } from "../../lib/spill/_sort_indices.ts";

Deno.test("sortIndices() sorts as a stable Array.prototype.sort does, for any length", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 700 }),
      fc.boolean(),
      (values, reverse) => {
        const compare = reverse
          ? (a: number, b: number) => values[b]! - values[a]!
          : (a: number, b: number) => values[a]! - values[b]!;
        const order = Uint32Array.from(values.keys());
        sortIndices(order, compare, new Uint32Array(values.length + 3));
        const expected = [...values.keys()].sort(compare);
        assert.deepEqual([...order], expected);
      },
    ),
    { numRuns: 300 },
  );
});
