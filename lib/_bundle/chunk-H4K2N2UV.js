// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  perItemStage
} from "./chunk-DBGDXXNI.js";
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  Failures,
  policyOf
} from "./chunk-W7PSUR2W.js";
import {
  requireFunction
} from "./chunk-RJWQ7O3S.js";

// lib/stages/map.ts
function map(fn, options = {}) {
  requireFunction("map", "fn", fn);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`Cannot create map stage: concurrency must be a positive integer, got ${concurrency}`);
  }
  const policy = policyOf("map", options);
  if (concurrency > 1) {
    const ordered = options.ordered ?? true;
    return defineStage({
      kind: "map",
      name: options.name,
      bound: `${concurrency} items in flight + 1 chunk`,
      async *run(input, stats, ctx) {
        const { concurrentMap } = await import("./_concurrent_map-NAUUXMVX.js");
        yield* concurrentMap(input, stats, ctx, fn, concurrency, ordered, () => policy && new Failures(policy, stats, ctx));
      }
    });
  }
  return perItemStage({
    kind: "map",
    name: options.name,
    policy,
    outcome: "replace",
    fn
  });
}

export {
  map
};
