// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  head
} from "./chunk-LTYBISTW.js";

// lib/stages/take.ts
function take(count, options = {}) {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`Cannot create take stage: count must be an integer of at least 0, got ${count}`);
  }
  return defineStage({
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
    }
  });
}

export {
  take
};
