// Copyright 2026 the sluice authors. MIT license.
// Which reducers merge their parts in any order alike: kept apart from
// reducers.ts, a subpath of its own, so that it exports only public names.

/**
 * The reducers made here whose `merge` gives the same result whatever the
 * order in which the parts of a group are merged: counts, exact sums and
 * means, extremes and percentiles (not `first` and `last`). A worker of
 * parallelGroupBy() whose reducers are all such keeps one table across the
 * ranges it reads instead of sending a partial for each.
 */
const ORDER_FREE = new WeakSet<object>();

/** Marks `reducer` as one that merges its parts in any order alike. */
export function orderFree<R extends object>(reducer: R): R {
  ORDER_FREE.add(reducer);
  return reducer;
}

/** Whether `reducer` merges its parts in any order alike (see ORDER_FREE). */
export function mergesInAnyOrder(reducer: unknown): boolean {
  return typeof reducer === "object" && reducer !== null &&
    ORDER_FREE.has(reducer);
}
