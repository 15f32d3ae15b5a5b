// Copyright 2026 the sluice authors. MIT license.
// A stable sort of indices in a typed array, with a typed scratch array the
// caller keeps. Array.prototype.sort and a typed array's sort with a
// comparator both copy the elements into a temporary array on V8's heap:
// for a spill of 100,000 entries and more that is a large object each time,
// garbage only a full collection frees (distinct() by req, 64 MiB budget:
// 16 MiB of V8's large object space).

/** Runs this short are sorted by insertion first. */
const RUN = 16;

/**
 * Sorts `order` in place by `compare` (stable: ties keep their order), with
 * `scratch` (at least as long as `order`) as working memory.
 */
export function sortIndices(
  order: Uint32Array,
  compare: (a: number, b: number) => number,
  scratch: Uint32Array,
): void {
  const n = order.length;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i]!;
      let j = i - 1;
      while (j >= lo && compare(order[j]!, x) > 0) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = x;
    }
  }
  let from = order;
  let to = scratch;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      if (mid >= hi || compare(from[mid - 1]!, from[mid]!) <= 0) {
        // Already in order: a copy, by a loop (a view to copy from, per
        // pair of runs, was young garbage).
        for (let k = lo; k < hi; k++) to[k] = from[k]!;
        continue;
      }
      while (i < mid && j < hi) {
        to[k++] = compare(from[j]!, from[i]!) < 0 ? from[j++]! : from[i++]!;
      }
      while (i < mid) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from !== order) order.set(from.subarray(0, n));
}
