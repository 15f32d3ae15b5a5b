// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/core/compose.ts
var PARTS = Symbol("sluice.compose");
function stagesOf(arg) {
  return typeof arg === "function" && PARTS in arg ? arg[PARTS] : [
    arg
  ];
}
function compose(...stages) {
  const parts = stages.flatMap(stagesOf);
  parts.forEach((part, i) => {
    if (typeof part !== "function") {
      throw new TypeError(`Cannot compose stages: stage ${i + 1} must be a function, got ${part === null ? "null" : typeof part}`);
    }
  });
  const composed = (source) => parts.reduce((items, stage) => stage(items), source);
  Object.defineProperty(composed, PARTS, {
    value: parts
  });
  return composed;
}

export {
  stagesOf,
  compose
};
