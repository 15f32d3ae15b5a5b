// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  register
} from "./chunk-RJWQ7O3S.js";

// lib/core/count_items.ts
function countItems(into) {
  async function count(items) {
    for await (const _ of items) into.n++;
  }
  return register(count, {
    kind: "count",
    name: void 0,
    bound: "1 chunk",
    countsOnly: true,
    async consume(input) {
      for await (const chunk of input) into.n += chunk.items.length;
    }
  });
}

export {
  countItems
};
