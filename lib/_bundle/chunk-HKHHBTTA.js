// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  perItemStage
} from "./chunk-DBGDXXNI.js";
import {
  policyOf
} from "./chunk-W7PSUR2W.js";
import {
  requireFunction
} from "./chunk-RJWQ7O3S.js";

// lib/stages/filter.ts
function filter(predicate, options = {}) {
  requireFunction("filter", "predicate", predicate);
  return perItemStage({
    kind: "filter",
    name: options.name,
    policy: policyOf("filter", options),
    outcome: "keep",
    fn: predicate
  });
}

export {
  filter
};
