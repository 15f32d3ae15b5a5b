// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  perItemStage
} from "./chunk-DBGDXXNI.js";
import {
  requireFunction
} from "./chunk-RJWQ7O3S.js";

// lib/stages/flat_map.ts
function flatMap(fn, options = {}) {
  requireFunction("flatMap", "fn", fn);
  return perItemStage({
    kind: "flatMap",
    name: options.name,
    outcome: "expand",
    fn
  });
}

export {
  flatMap
};
