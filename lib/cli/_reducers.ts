// Copyright 2026 the sluice authors. MIT license.
// group's --sum, --min and --max: integers stay exact however large
// (nanosecond timestamps, byte counters), as bigints past 2^53; other
// numbers as the library's sum, min and max take them.

import { type Reducer, sum } from "../spill/reducers.ts";

/** A value to add up or compare, or undefined to leave out. */
export type Exact<T> = (item: T) => number | bigint | undefined;

/** A bigint as JSON for a spill file or a worker's message. */
interface BigText {
  big: string;
}

function encodeExact(v: number | bigint | null): number | BigText | null {
  return typeof v === "bigint" ? { big: v.toString() } : v;
}

function decodeExact(data: unknown): number | bigint | null {
  return typeof data === "object" && data !== null
    ? BigInt((data as BigText).big)
    : data as number | null;
}

/** A finite value of `field`, -0 as 0 (as it comes back through JSON). */
function valueOf<T>(field: Exact<T>, item: T): number | bigint | undefined {
  const v = field(item);
  if (typeof v === "bigint") return v;
  return typeof v === "number" && Number.isFinite(v)
    ? (v === 0 ? 0 : v)
    : undefined;
}

function extreme<T>(
  field: Exact<T>,
  better: (a: number | bigint, b: number | bigint) => boolean,
): Reducer<T, number | bigint | null, number | bigint | null> {
  return {
    init: () => null,
    add(acc, item) {
      const v = valueOf(field, item);
      return v !== undefined && (acc === null || better(v, acc)) ? v : acc;
    },
    merge: (a, b) => a === null ? b : b === null || !better(b, a) ? a : b,
    result: (acc) => acc,
    encode: encodeExact,
    decode: decodeExact,
  };
}

/** The smallest value; a bigint and a number compare by value. */
export function exactMin<T>(
  field: Exact<T>,
): Reducer<T, number | bigint | null, number | bigint | null> {
  return extreme(field, (a, b) => a < b);
}

/** The largest value; a bigint and a number compare by value. */
export function exactMax<T>(
  field: Exact<T>,
): Reducer<T, number | bigint | null, number | bigint | null> {
  return extreme(field, (a, b) => a > b);
}

/** What {@linkcode exactSum} holds. */
interface SumAcc {
  /** Safe integers added up, while the total stays safe. */
  small: number;
  /** The rest of the integers. */
  big: bigint;
  /** The other numbers: the library's exact sum of doubles. */
  floats: number[];
}

/**
 * The sum: of integers exactly (a bigint when beyond 2^53), and with other
 * numbers correctly rounded, as the library's sum.
 */
export function exactSum<T>(
  field: Exact<T>,
): Reducer<T, SumAcc, number | bigint> {
  const floats = sum((v: number) => v);
  const total = (acc: SumAcc) => acc.big + BigInt(acc.small);
  return {
    init: () => ({ small: 0, big: 0n, floats: floats.init() }),
    add(acc, item) {
      const v = valueOf(field, item);
      if (v === undefined) return acc;
      if (typeof v === "bigint") acc.big += v;
      else if (!Number.isSafeInteger(v)) acc.floats = floats.add(acc.floats, v);
      else if (Number.isSafeInteger(acc.small + v)) acc.small += v;
      else {
        acc.big += BigInt(acc.small) + BigInt(v);
        acc.small = 0;
      }
      return acc;
    },
    merge(a, b) {
      a.big = total(a) + total(b);
      a.small = 0;
      a.floats = floats.merge(a.floats, b.floats);
      return a;
    },
    result(acc) {
      const ints = total(acc);
      const safe = ints >= BigInt(Number.MIN_SAFE_INTEGER) &&
        ints <= BigInt(Number.MAX_SAFE_INTEGER);
      if (acc.floats.length === 0) return safe ? Number(ints) : ints;
      return floats.result(floats.add([...acc.floats], Number(ints)));
    },
    encode: (acc) => ({
      small: acc.small,
      big: acc.big.toString(),
      floats: acc.floats,
    }),
    decode: (data) => {
      const d = data as { small: number; big: string; floats: number[] };
      return { small: d.small, big: BigInt(d.big), floats: d.floats };
    },
  };
}
