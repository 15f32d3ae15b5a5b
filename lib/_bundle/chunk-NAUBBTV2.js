// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/spill/_number_reducers.ts
var READINGS = /* @__PURE__ */ new WeakMap();
function readsNumber(reducer, field, remake) {
  READINGS.set(reducer, {
    field,
    remake
  });
  return reducer;
}
function numberReadingOf(reducer) {
  return typeof reducer === "object" && reducer !== null ? READINGS.get(reducer) : void 0;
}

// lib/spill/_order_free.ts
var ORDER_FREE = /* @__PURE__ */ new WeakSet();
function orderFree(reducer) {
  ORDER_FREE.add(reducer);
  return reducer;
}
function mergesInAnyOrder(reducer) {
  return typeof reducer === "object" && reducer !== null && ORDER_FREE.has(reducer);
}

export {
  readsNumber,
  numberReadingOf,
  orderFree,
  mergesInAnyOrder
};
