// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  lineOf,
  numbered
} from "./chunk-LTYBISTW.js";

// lib/stages/tail.ts
function tail(count, options = {}) {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`Cannot create tail stage: count must be an integer of at least 0, got ${count}`);
  }
  return defineStage({
    kind: "tail",
    name: options.name,
    bound: `${count} items + 1 chunk`,
    async *run(input, stats) {
      const ring = [];
      const lines = [];
      let next = 0;
      for await (const chunk of input) {
        if (count === 0) continue;
        const items = chunk.items;
        for (let i = Math.max(0, items.length - count); i < items.length; i++) {
          const line = lineOf(chunk, i);
          if (ring.length < count) {
            ring.push(items[i]);
            lines.push(line);
          } else {
            ring[next] = items[i];
            lines[next] = line;
            next = (next + 1) % count;
          }
        }
        stats.hold(ring.length, 0);
      }
      if (ring.length === 0) return;
      const order = [
        ...ring.keys()
      ].map((k) => (next + k) % ring.length);
      yield numbered(order.map((k) => ring[k]), order.map((k) => lines[k]));
    }
  });
}

export {
  tail
};
