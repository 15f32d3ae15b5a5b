// Copyright 2026 the sluice authors. MIT license.
/**
 * Reducers for {@linkcode groupBy}: what to compute per group. Each one
 * folds items into an accumulator and can merge two accumulators, so that
 * groupBy can spill partial results to disk and combine them later with
 * the same result as a run in memory. Also the subpath
 * `jsr:@sluice/sluice/reducers` (see the README's "Import only what you
 * use").
 *
 * @module
 */

import { estimateBytes } from "../summary/_estimate.ts";
import { readsNumber } from "./_number_reducers.ts";
import { orderFree } from "./_order_free.ts";

/**
 * Folds the items of a group into a result. `merge` combines the
 * accumulators of two consecutive parts of the input (`a` before `b`); it is
 * what lets {@linkcode groupBy} spill partial accumulators and combine them
 * later. Spilled accumulators are written as JSON: `encode` and `decode`
 * turn an accumulator that is not plain JSON (a `Map`, say) into JSON and
 * back, and `bytes` estimates what an accumulator that grows holds, for the
 * budget.
 *
 * @typeParam T The items.
 * @typeParam A The accumulator.
 * @typeParam R The result.
 *
 * @example A reducer of your own: the longest line per group
 * ```ts
 * import { groupBy, pipeline, type Reducer } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const longest: Reducer<string, string, string> = {
 *   init: () => "",
 *   add: (acc, line) => line.length > acc.length ? line : acc,
 *   merge: (a, b) => b.length > a.length ? b : a,
 *   result: (acc) => acc,
 * };
 * const out = [];
 * for await (
 *   const g of pipeline(["a x", "b yy", "a zzz"], groupBy((l) => l[0]!, longest))
 * ) out.push(g);
 * assert.deepEqual(out, [{ key: "a", value: "a zzz" }, { key: "b", value: "b yy" }]);
 * ```
 */
export interface Reducer<T, A, R> {
  /** A fresh accumulator for a new group. */
  init(): A;
  /** Adds an item; returns the accumulator (the same one or a new one). */
  add(acc: A, item: T): A;
  /** Combines the accumulators of two consecutive parts, `a` first. */
  merge(a: A, b: A): A;
  /** The group's result. */
  result(acc: A): R;
  /** Estimated bytes an accumulator holds, for one that grows. */
  bytes?(acc: A): number;
  /** The accumulator as a JSON value, when it is not one itself. */
  encode?(acc: A): unknown;
  /** An accumulator back from what `encode` made. */
  decode?(data: unknown): A;
}

/**
 * Reads a number from an item; values that are not finite numbers are left
 * out, and -0 counts as 0.
 */
export type NumberField<T> = (item: T) => number | null | undefined;

function valueOf<T>(field: NumberField<T>, item: T): number | undefined {
  const v = field(item);
  // -0 counts as 0, as it would once spilled through JSON.
  return typeof v === "number" && Number.isFinite(v)
    ? (v === 0 ? 0 : v)
    : undefined;
}

function requireField(name: string, field: unknown): void {
  if (typeof field !== "function") {
    throw new TypeError(
      `Cannot create ${name} reducer: field must be a function, got ${typeof field}`,
    );
  }
}

/**
 * Counts the items of each group.
 *
 * @typeParam T The items (inferred from where the reducer is used).
 * @returns The reducer.
 *
 * @example Lines per service
 * ```ts
 * import { count, groupBy, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out = [];
 * for await (const g of pipeline(["api", "auth", "api"], groupBy((s) => s, count()))) {
 *   out.push(g);
 * }
 * assert.deepEqual(out, [{ key: "api", value: 2 }, { key: "auth", value: 1 }]);
 * ```
 */
export function count<T = unknown>(): Reducer<T, number, number> {
  return readsNumber(
    orderFree<Reducer<T, number, number>>({
      init: () => 0,
      add: (n) => n + 1,
      merge: (a, b) => a + b,
      result: (n) => n,
    }),
    undefined,
    () => count(),
  );
}

// Exact sums (Shewchuk's algorithm, as Python's math.fsum): the partials
// hold the sum without rounding, so any split of the input into parts
// gives the same, correctly rounded result.
function addExact(partials: number[], value: number): number[] {
  let x = value;
  let i = 0;
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j]!;
    if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  partials.length = i;
  partials.push(x);
  return partials;
}

function exactTotal(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Round half to even across the partials that are left.
  if (
    n > 0 &&
    ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))
  ) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/**
 * Sums a number field per group, exactly: the sum is correctly rounded
 * whatever the order of additions, so a spilled run gives the same result
 * as one in memory. Values that are not finite numbers are left out.
 *
 * @typeParam T The items.
 * @param field Reads the number from an item.
 * @returns The reducer.
 * @throws {TypeError} When `field` is not a function.
 *
 * @example Bytes sent per service
 * ```ts
 * import { groupBy, pipeline, sum } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const rows = [{ s: "api", b: 10 }, { s: "api", b: 5 }, { s: "web", b: 1 }];
 * const out = [];
 * for await (const g of pipeline(rows, groupBy((r) => r.s, sum((r) => r.b)))) {
 *   out.push(g);
 * }
 * assert.deepEqual(out, [{ key: "api", value: 15 }, { key: "web", value: 1 }]);
 * ```
 */
export function sum<T>(field: NumberField<T>): Reducer<T, number[], number> {
  requireField("sum", field);
  return readsNumber(
    orderFree<Reducer<T, number[], number>>({
      init: () => [],
      add(acc, item) {
        const v = valueOf(field, item);
        return v === undefined ? acc : addExact(acc, v);
      },
      merge(a, b) {
        for (const v of b) addExact(a, v);
        return a;
      },
      result: exactTotal,
    }),
    field,
    (f) => sum(f),
  );
}

/**
 * The mean of a number field per group (exact sum divided by the count of
 * values); `null` for a group without values. Values that are not finite
 * numbers are left out.
 *
 * @typeParam T The items.
 * @param field Reads the number from an item.
 * @returns The reducer.
 * @throws {TypeError} When `field` is not a function.
 *
 * @example Mean latency
 * ```ts
 * import { groupBy, mean, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out = [];
 * for await (const g of pipeline([1, 2, 6], groupBy(() => "all", mean((n) => n)))) {
 *   out.push(g);
 * }
 * assert.deepEqual(out, [{ key: "all", value: 3 }]);
 * ```
 */
export function mean<T>(
  field: NumberField<T>,
): Reducer<T, { s: number[]; n: number }, number | null> {
  requireField("mean", field);
  return readsNumber(
    orderFree<
      Reducer<T, { s: number[]; n: number }, number | null>
    >({
      init: () => ({ s: [], n: 0 }),
      add(acc, item) {
        const v = valueOf(field, item);
        if (v !== undefined) {
          addExact(acc.s, v);
          acc.n++;
        }
        return acc;
      },
      merge(a, b) {
        for (const v of b.s) addExact(a.s, v);
        a.n += b.n;
        return a;
      },
      result: (acc) => acc.n === 0 ? null : exactTotal(acc.s) / acc.n,
    }),
    field,
    (f) => mean(f),
  );
}

function extreme<T>(
  name: string,
  field: NumberField<T>,
  better: (a: number, b: number) => boolean,
): Reducer<T, number | null, number | null> {
  requireField(name, field);
  return readsNumber(
    orderFree<Reducer<T, number | null, number | null>>({
      init: () => null,
      add(acc, item) {
        const v = valueOf(field, item);
        return v !== undefined && (acc === null || better(v, acc)) ? v : acc;
      },
      merge: (a, b) => a === null ? b : b === null || !better(b, a) ? a : b,
      result: (acc) => acc,
    }),
    field,
    (f) => extreme(name, f, better),
  );
}

/**
 * The smallest value of a number field per group; `null` for a group
 * without values. Values that are not finite numbers are left out.
 *
 * @typeParam T The items.
 * @param field Reads the number from an item.
 * @returns The reducer.
 * @throws {TypeError} When `field` is not a function.
 *
 * @example Fastest response
 * ```ts
 * import { groupBy, min, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out = [];
 * for await (const g of pipeline([5, 3, 9], groupBy(() => 1, min((n) => n)))) out.push(g);
 * assert.deepEqual(out, [{ key: 1, value: 3 }]);
 * ```
 */
export function min<T>(
  field: NumberField<T>,
): Reducer<T, number | null, number | null> {
  return extreme("min", field, (a, b) => a < b);
}

/**
 * The largest value of a number field per group; `null` for a group
 * without values. Values that are not finite numbers are left out.
 *
 * @typeParam T The items.
 * @param field Reads the number from an item.
 * @returns The reducer.
 * @throws {TypeError} When `field` is not a function.
 *
 * @example Slowest response
 * ```ts
 * import { groupBy, max, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out = [];
 * for await (const g of pipeline([5, 3, 9], groupBy(() => 1, max((n) => n)))) out.push(g);
 * assert.deepEqual(out, [{ key: 1, value: 9 }]);
 * ```
 */
export function max<T>(
  field: NumberField<T>,
): Reducer<T, number | null, number | null> {
  return extreme("max", field, (a, b) => a > b);
}

/** The estimated heap bytes of a kept value. */
function keptBytes(acc: { v: unknown } | null): number {
  return acc === null ? 0 : 16 + estimateBytes([acc.v]);
}

/**
 * The first item of each group (or `pick(item)` of it), in input order.
 * Once spilled, values come back through JSON.
 *
 * @typeParam T The items.
 * @typeParam V The value kept.
 * @param pick What to keep of the item.
 * @returns The reducer.
 * @throws {TypeError} When `pick` is not a function.
 *
 * @example The first line per service
 * ```ts
 * import { first, groupBy, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out = [];
 * for await (
 *   const g of pipeline(["a 1", "a 2", "b 3"], groupBy((l) => l[0]!, first()))
 * ) out.push(g);
 * assert.deepEqual(out, [{ key: "a", value: "a 1" }, { key: "b", value: "b 3" }]);
 * ```
 */
export function first<T, V = T>(
  pick: (item: T) => V = (item) => item as unknown as V,
): Reducer<T, { v: V } | null, V | null> {
  requireField("first", pick);
  return {
    init: () => null,
    add: (acc, item) => acc ?? { v: pick(item) },
    merge: (a, b) => a ?? b,
    result: (acc) => acc === null ? null : acc.v,
    // The kept value counts against the budget: it may be a whole line.
    bytes: keptBytes,
  };
}

/**
 * The last item of each group (or `pick(item)` of it), in input order.
 * Once spilled, values come back through JSON.
 *
 * @typeParam T The items.
 * @typeParam V The value kept.
 * @param pick What to keep of the item.
 * @returns The reducer.
 * @throws {TypeError} When `pick` is not a function.
 *
 * @example The last line per service
 * ```ts
 * import { groupBy, last, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out = [];
 * for await (
 *   const g of pipeline(["a 1", "a 2", "b 3"], groupBy((l) => l[0]!, last()))
 * ) out.push(g);
 * assert.deepEqual(out, [{ key: "a", value: "a 2" }, { key: "b", value: "b 3" }]);
 * ```
 */
export function last<T, V = T>(
  pick: (item: T) => V = (item) => item as unknown as V,
): Reducer<T, { v: V } | null, V | null> {
  requireField("last", pick);
  return {
    init: () => null,
    add: (_acc, item) => ({ v: pick(item) }),
    merge: (a, b) => b ?? a,
    result: (acc) => acc === null ? null : acc.v,
    // The kept value counts against the budget: it may be a whole line.
    bytes: keptBytes,
  };
}

/** Options for {@linkcode percentile}. */
export interface PercentileOptions {
  /**
   * Approximate instead of exact: values are kept in logarithmic buckets
   * (as DDSketch does), so memory grows with the range of the values, not
   * their number. The result is within this relative error of the exact
   * percentile: `|approx - exact| <= relativeError * |exact|`. Between 0
   * and 1 (exclusive); `0` means exact.
   *
   * @default {0}
   */
  relativeError?: number;
}

/** Bytes per distinct value a percentile keeps in its Map. */
const ENTRY_BYTES = 48;
/** Distinct values kept as flat pairs before the counts move to a Map. */
const PAIRS_UP_TO = 8;
/** Distinct values kept in a Map before small integers move to an array. */
const DENSE_AFTER = 32;
/** Small integers counted in the array: from 0 to this, exclusive. */
const DENSE_LIMIT = 1 << 16;

/** Counts per value: small integers in `d` (once there are many), others in `m`. */
interface ManyCounts {
  d: Float64Array | undefined;
  m: Map<number, number>;
}

/**
 * Counts per value. Most groups have few distinct values (a group per
 * request id has one): one value seen once is the number itself, no object
 * at all; a few are flat pairs `[v0, n0, v1, n1, ...]` (about 40 bytes); a Map
 * of one entry took about 300 (`group --by req --p99` over the 256 MiB
 * corpus, 1.7 million groups, peaked at 902 MiB RSS).
 */
type Counts = number | readonly number[] | ManyCounts;

/** No values yet (shared: never written to). */
const NO_COUNTS: readonly number[] = Object.freeze([]);

function countValue(acc: Counts, v: number, n: number): Counts {
  if (typeof acc === "number") {
    return acc === v ? [v, 1 + n] : [acc, 1, v, n];
  }
  if (Array.isArray(acc)) {
    const pairs = acc as number[];
    if (pairs.length === 0 && n === 1) return v;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === v) {
        pairs[i + 1]! += n;
        return pairs;
      }
    }
    if (pairs.length < 2 * PAIRS_UP_TO) {
      // A new array of the exact size: push would leave room for 17 more.
      const grown = new Array<number>(pairs.length + 2);
      for (let i = 0; i < pairs.length; i++) grown[i] = pairs[i]!;
      grown[pairs.length] = v;
      grown[pairs.length + 1] = n;
      return grown;
    }
    const many: ManyCounts = { d: undefined, m: new Map() };
    for (let i = 0; i < pairs.length; i += 2) {
      countMany(many, pairs[i]!, pairs[i + 1]!);
    }
    countMany(many, v, n);
    return many;
  }
  countMany(acc as ManyCounts, v, n);
  return acc;
}

function countMany(acc: ManyCounts, v: number, n: number): void {
  const d = acc.d;
  if (d !== undefined && v >= 0 && v < DENSE_LIMIT && Number.isInteger(v)) {
    if (v >= d.length) {
      const grown = new Float64Array(
        Math.min(DENSE_LIMIT, Math.max(d.length * 2, v + 1)),
      );
      grown.set(d);
      acc.d = grown;
      grown[v]! += n;
    } else {
      d[v]! += n;
    }
    return;
  }
  acc.m.set(v, (acc.m.get(v) ?? 0) + n);
  if (d === undefined && acc.m.size > DENSE_AFTER) {
    // Many distinct values: small integers go to a flat array.
    const moved = new Float64Array(64);
    acc.d = moved;
    for (const [x, c] of acc.m) {
      if (x >= 0 && x < DENSE_LIMIT && Number.isInteger(x)) {
        acc.m.delete(x);
        countMany(acc, x, c);
      }
    }
  }
}

function eachCount(acc: Counts, fn: (v: number, n: number) => void): void {
  if (typeof acc === "number") {
    fn(acc, 1);
    return;
  }
  if (Array.isArray(acc)) {
    for (let i = 0; i < acc.length; i += 2) fn(acc[i]!, acc[i + 1]!);
    return;
  }
  const many = acc as ManyCounts;
  const d = many.d;
  if (d !== undefined) {
    for (let v = 0; v < d.length; v++) if (d[v]! > 0) fn(v, d[v]!);
  }
  for (const [v, n] of many.m) fn(v, n);
}

/**
 * The p-th percentile of a number field per group, by the nearest-rank
 * method: the smallest value with at least p% of the values at or below it
 * (p = 0 is the minimum). Exact by default: it keeps a count per distinct
 * value (small non-negative integers such as latencies in a flat array), so
 * repeated values cost little; spilled
 * partial counts merge to exactly the in-memory result. With
 * `relativeError` it keeps logarithmic buckets instead, with that bound on
 * the relative error. `null` for a group without values; values that are
 * not finite numbers are left out.
 *
 * @typeParam T The items.
 * @param p The percentile, from 0 to 100.
 * @param field Reads the number from an item.
 * @param options `relativeError` for the approximate mode.
 * @returns The reducer.
 * @throws {RangeError} When `p` or `relativeError` is out of range.
 * @throws {TypeError} When `field` is not a function.
 *
 * @example p95 latency per service
 * ```ts
 * import { groupBy, percentile, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const rows = Array.from({ length: 100 }, (_, i) => ({ ms: i + 1 }));
 * const out = [];
 * for await (
 *   const g of pipeline(rows, groupBy(() => "api", percentile(95, (r) => r.ms)))
 * ) out.push(g);
 * assert.deepEqual(out, [{ key: "api", value: 95 }]);
 * ```
 */
export function percentile<T>(
  p: number,
  field: NumberField<T>,
  options: PercentileOptions = {},
): Reducer<T, unknown, number | null> {
  if (!(p >= 0 && p <= 100)) {
    throw new RangeError(
      `Cannot create percentile reducer: p must be from 0 to 100, got ${p}`,
    );
  }
  requireField("percentile", field);
  const alpha = options.relativeError ?? 0;
  if (!(alpha >= 0 && alpha < 1)) {
    throw new RangeError(
      `Cannot create percentile reducer: relativeError must be at least 0 and below 1, got ${alpha}`,
    );
  }
  // Approximate: a value stands for its bucket's midpoint in relative
  // terms, 2 gamma^i / (gamma + 1), which is within alpha of every value of bucket i.
  const gamma = (1 + alpha) / (1 - alpha);
  const logGamma = Math.log(gamma);
  // In log space, so that values near the ends of the doubles' range
  // (1e308, 5e-324) do not overflow to Infinity or underflow to 0; a
  // midpoint beyond the largest double is the largest double, nearer still.
  const logHalf = Math.log(2 / (gamma + 1));
  const bucket = alpha === 0 ? (v: number) => v : (v: number) => {
    if (v === 0) return 0;
    const a = Math.abs(v);
    const i = Math.ceil(Math.log(a) / logGamma);
    let m = Math.exp(i * logGamma + logHalf);
    if (!Number.isFinite(m)) m = Number.MAX_VALUE;
    if (m === 0) m = a;
    return Math.sign(v) * m;
  };
  const reducer: Reducer<T, Counts, number | null> = {
    init: () => NO_COUNTS,
    add(acc, item) {
      const v = valueOf(field, item);
      return v === undefined
        ? acc
        : countValue(acc, bucket(v === 0 ? 0 : v), 1);
    },
    merge(a, b) {
      let out = a;
      eachCount(b, (v, n) => {
        out = countValue(out, v, n);
      });
      return out;
    },
    result(acc) {
      if (typeof acc === "number") return acc;
      const values: number[] = [];
      const counts = new Map<number, number>();
      let total = 0;
      eachCount(acc, (v, n) => {
        values.push(v);
        counts.set(v, n);
        total += n;
      });
      if (total === 0) return null;
      values.sort((x, y) => x - y);
      // p * total / 100, not p / 100 * total: 99.9 / 100 * 1000 is just above 999.
      const rank = Math.max(1, Math.ceil(p * total / 100));
      let seen = 0;
      for (const v of values) {
        seen += counts.get(v)!;
        if (seen >= rank) return v;
      }
      return values[values.length - 1]!;
    },
    bytes(acc) {
      if (typeof acc === "number") return 0;
      if (Array.isArray(acc)) return acc.length === 0 ? 0 : 24 + acc.length * 8;
      const many = acc as ManyCounts;
      return 64 + many.m.size * ENTRY_BYTES +
        (many.d === undefined ? 0 : many.d.length * 8);
    },
    encode(acc) {
      if (typeof acc === "number" || Array.isArray(acc)) return acc;
      const flat: number[] = [];
      eachCount(acc, (v, n) => flat.push(v, n));
      return flat;
    },
    decode(data) {
      if (typeof data === "number") return data;
      const flat = data as number[];
      let acc: Counts = NO_COUNTS;
      for (let i = 0; i < flat.length; i += 2) {
        acc = countValue(acc, flat[i]!, flat[i + 1]!);
      }
      return acc;
    },
  };
  return readsNumber(
    orderFree(reducer),
    field,
    (f) => percentile(p, f, options),
  ) as Reducer<T, unknown, number | null>;
}
