// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  perItemStage
} from "./chunk-DBGDXXNI.js";
import {
  requireFunction
} from "./chunk-RJWQ7O3S.js";

// lib/stages/tap.ts
function tap(fn, options = {}) {
  requireFunction("tap", "fn", fn);
  return perItemStage({
    kind: "tap",
    name: options.name,
    outcome: "pass",
    fn
  });
}

export {
  tap
};
