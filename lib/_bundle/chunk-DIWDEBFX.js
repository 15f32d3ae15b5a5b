// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/spill/_named_reducers.ts
function namedReducers(kind, reducers) {
  const single = typeof reducers === "object" && reducers !== null && typeof reducers.add === "function";
  if (!single && (typeof reducers !== "object" || reducers === null)) {
    throw new TypeError(`Cannot create ${kind} stage: reducers must be a reducer or an object of named reducers, got ${reducers === null ? "null" : typeof reducers}`);
  }
  const named = single ? {
    value: reducers
  } : reducers;
  const names = Object.keys(named);
  const list = names.map((n) => named[n]);
  for (const [i, r] of list.entries()) {
    if (typeof r !== "object" || r === null || typeof r.init !== "function" || typeof r.add !== "function" || typeof r.merge !== "function" || typeof r.result !== "function") {
      throw new TypeError(`Cannot create ${kind} stage: reducer "${names[i]}" must have init, add, merge and result functions`);
    }
  }
  if (names.includes("key")) {
    throw new TypeError(`Cannot create ${kind} stage: a reducer cannot be named "key"`);
  }
  return {
    names,
    list
  };
}

export {
  namedReducers
};
