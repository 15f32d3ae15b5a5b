// Copyright 2026 the sluice authors. MIT license.
// Numeric keys as GNU `sort -n` reads them, sorted exactly at the speed of
// number keys: each key is sorted as a double, and where a run had keys with
// more digits than a double keeps, the items whose keys round to the same
// double are put in their exact order after the sort (sort()'s `numeric`
// option, and the partials of sortPartial() and mergeSorted()).

import type { Stage } from "../core/types.ts";

/**
 * The most significant digits a decimal can have and still be told apart
 * from every other such decimal by its nearest double (DBL_DIG): keys with
 * at most this many sort as doubles in their exact order.
 */
const EXACT_DIGITS = 15;

/** A tie group held in memory up to this many items, then sorted by sort(). */
export const TIE_ITEMS = 4096;

/** From here on, a double is not the shortest decimal that reads as it. */
const EXACT_INTEGERS = 2 ** 53;

/** The least positive double with full precision. */
const MIN_NORMAL = 2 ** -1022;

/**
 * The key of a numeric sort's item as a partial holds it: the double, or
 * where the double rounds the number, the double and the number as text
 * that sorts as it does (`exact`).
 */
export type NumericKey = number | [d: number, exact: string];

/**
 * The keys of one numeric sort: {@linkcode NumericOrder.key} gives the
 * number a value starts with, as a double, and notes whether any was
 * rounded, which {@linkcode mendTies} then mends. A key that is not noted
 * is {@linkcode numericKey} of its double, exactly: a decimal of at most 15
 * significant digits is the shortest that reads as its double in the normal
 * range, and below 2^53 that is the double's own text.
 */
export class NumericOrder {
  /**
   * Whether a key so far had more significant digits than a double keeps,
   * was beyond 2^53, or outside the range of doubles of full precision
   * (beyond it, read as the largest double, so that no key is infinite).
   */
  rounded = false;
  /** Whether the last key had (see {@linkcode NumericOrder.rounded}). */
  last = false;

  /**
   * The number at the start of `value` as GNU `sort -n` reads it in the C
   * locale (blanks, an optional minus, digits, an optional fraction), or a
   * number or bigint as it is; undefined (a missing key, sorted last) where
   * there is none, and for any other value. Rounded to a double: see
   * {@linkcode NumericOrder.rounded}.
   */
  key(value: unknown): number | undefined {
    this.last = false;
    if (typeof value === "string") return this.#read(value);
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number") {
      return Number.isFinite(value) ? value === 0 ? 0 : value : undefined;
    }
    if (typeof value === "bigint") {
      const d = Number(value);
      if (!Number.isFinite(d)) {
        this.rounded = this.last = true;
        return d > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
      }
      if (BigInt(d) !== value) this.rounded = this.last = true;
      return d;
    }
    return undefined;
  }

  /**
   * {@linkcode NumericOrder.key} of the text that `bytes` holds from `from`
   * to `to`, read on the bytes where the number is an integer of at most 15
   * digits (never rounded): `undefined` where there is no number, `null`
   * where only the text can tell (a fraction, more digits).
   */
  keyOfBytes(
    bytes: Uint8Array,
    from: number,
    to: number,
  ): number | undefined | null {
    let i = from;
    let c = i < to ? bytes[i]! : -1;
    while (c === 32 || c === 9) c = ++i < to ? bytes[i]! : -1;
    const negative = c === 45;
    if (negative) c = ++i < to ? bytes[i]! : -1;
    const first = i;
    let value = 0;
    while (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      c = ++i < to ? bytes[i]! : -1;
    }
    if (c === 46 || i - first > EXACT_DIGITS) return null;
    if (i === first) return undefined;
    this.last = false;
    return negative && value !== 0 ? -value : value;
  }

  #read(text: string): number | undefined {
    const n = text.length;
    let i = 0;
    let c = text.charCodeAt(0);
    while (c === 32 || c === 9) c = text.charCodeAt(++i);
    const start = i;
    if (c === 45) c = text.charCodeAt(++i);
    // Significant digits: from the first non-zero one to the last non-zero.
    let first = -1;
    let last = -1;
    let digits = 0;
    while (c >= 48 && c <= 57) {
      if (c !== 48) {
        if (first === -1) first = digits;
        last = digits;
      }
      digits++;
      c = text.charCodeAt(++i);
    }
    if (c === 46) {
      c = text.charCodeAt(++i);
      while (c >= 48 && c <= 57) {
        if (c !== 48) {
          if (first === -1) first = digits;
          last = digits;
        }
        digits++;
        c = text.charCodeAt(++i);
      }
    }
    if (digits === 0) return undefined;
    // "5." and "-.5" are numbers to Number() too.
    const d = Number(start === 0 && i === n ? text : text.slice(start, i));
    if (first === -1) return 0;
    const size = Math.abs(d);
    if (
      last - first >= EXACT_DIGITS || !(size >= MIN_NORMAL) ||
      size >= EXACT_INTEGERS
    ) {
      this.rounded = this.last = true;
      if (size === Infinity) {
        return d > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
      }
    }
    return d === 0 ? 0 : d; // -0.0...01 underflows to -0
  }
}

/** The decimal digits of a finite number, without an exponent. */
function decimalText(value: number): string {
  if (Number.isInteger(value)) return BigInt(value).toString();
  const text = String(value);
  // Only fractions below 1e-6 are written with an exponent here.
  const m = /^(-?)(\d)(?:\.(\d+))?e-(\d+)$/.exec(text);
  if (m === null) return text;
  return `${m[1]}0.${"0".repeat(Number(m[4]) - 1)}${m[2]}${m[3] ?? ""}`;
}

/**
 * The sort key of `sort -n`: the number at the start of `value` as GNU
 * sort reads it in the C locale (blanks, an optional minus, digits, an
 * optional fraction; none is 0), or a number or bigint as it is, made
 * into text that sorts as the number, exactly, however many digits it
 * has: GNU sort compares the digits, never a rounded double.
 */
export function numericKey(value: string | number | bigint): string {
  const text = typeof value === "number"
    ? Number.isFinite(value) ? decimalText(value) : "0"
    : typeof value === "bigint"
    ? value.toString()
    : value;
  const n = text.length;
  let i = 0;
  while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const negative = i < n && text.charCodeAt(i) === 45;
  if (negative) i++;
  while (i < n && text.charCodeAt(i) === 48) i++; // leading zeros
  const intStart = i;
  while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  const int = text.slice(intStart, i);
  let frac = "";
  if (i < n && text.charCodeAt(i) === 46) {
    const fracStart = ++i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    frac = text.slice(fracStart, i).replace(/0+$/, "");
  }
  if (int === "" && frac === "") return "2"; // zero, -0 too
  // The count of integer digits first, then the digits: longer is larger.
  if (!negative) {
    return `3${String(int.length).padStart(10, "0")}${int}${frac}`;
  }
  // Negative: everything reversed (9 - digit), and a closing mark above
  // any digit, so that -1.5 sorts after -1.55.
  let digits = "";
  for (const d of int + frac) digits += String(57 - d.charCodeAt(0));
  return `1${String(9_999_999_999 - int.length).padStart(10, "0")}${digits}~`;
}

/** The exact key of a partial's key, or undefined for a missing one. */
function exactOfKey(key: NumericKey | null): string | undefined {
  return key === null
    ? undefined
    : typeof key === "number"
    ? numericKey(key)
    : key[1];
}

/**
 * How partials of numeric sorts compare their keys: by the double, then,
 * where two are the same double, by the exact key; missing keys (null)
 * last, also in reverse. Partials merged so come out in the order that
 * {@linkcode mendTies} gives in one run.
 */
export function compareNumericKeys(
  reverse: boolean,
): (a: NumericKey | null, b: NumericKey | null) => number {
  const sign = reverse ? -1 : 1;
  return (a, b) => {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    const x = typeof a === "number" ? a : a[0];
    const y = typeof b === "number" ? b : b[0];
    if (x !== y) return x < y ? -sign : sign;
    if (typeof a === "number" && typeof b === "number") return 0;
    const ea = exactOfKey(a)!;
    const eb = exactOfKey(b)!;
    return ea === eb ? 0 : ea < eb ? -sign : sign;
  };
}

/** A chunk of sorted items with their keys, as the sorter hands them on. */
export interface KeyedChunk<T> {
  keys: readonly unknown[];
  items: readonly T[];
}

/** How {@linkcode mendTies} puts a long run of equal doubles in order. */
export interface MendOptions<T> {
  /** The value an item's key was read from (its `key`, or the item). */
  valueOf: (item: T) => unknown;
  reverse: boolean;
  /**
   * Sorts the items of a run longer than {@linkcode TIE_ITEMS} by `exact`,
   * stably, within the sort's budget (a sort stage of the same options).
   */
  sortBy: (exact: (item: T) => string) => Stage<T, T>;
  /** Whether the chunks need their keys: each a {@linkcode NumericKey}. */
  keys: boolean;
}

/**
 * The sorted chunks of a numeric sort in which some key was rounded, in
 * exact order: each run of items whose keys are the same double is put in
 * the order of their exact keys (stable: equal numbers keep their order).
 * A run of more than {@linkcode TIE_ITEMS} items goes through `sortBy`.
 * With `keys`, each item's key is its double, or `[double, exact]` where
 * the double rounds it.
 */
export async function* mendTies<T>(
  sorted: AsyncIterable<KeyedChunk<T>>,
  options: MendOptions<T>,
): AsyncGenerator<{ keys: NumericKey[]; items: T[] }> {
  const { valueOf, reverse, sortBy } = options;
  const sign = reverse ? -1 : 1;
  const exactOf = (item: T) =>
    numericKey(valueOf(item) as string | number | bigint);
  const recheck = new NumericOrder();
  let out: { keys: NumericKey[]; items: T[] } = { keys: [], items: [] };
  const put = (item: T, d: number) => {
    out.items.push(item);
    if (options.keys) {
      const value = valueOf(item);
      recheck.key(value);
      out.keys.push(
        recheck.last ? [d, numericKey(value as string | number | bigint)] : d,
      );
    }
  };
  // The sorted items one at a time, with their doubles.
  const pairs = (async function* (): AsyncGenerator<[number, T]> {
    for await (const chunk of sorted) {
      for (let i = 0; i < chunk.items.length; i++) {
        yield [chunk.keys[i] as number, chunk.items[i]!];
      }
    }
  })();
  try {
    let next = await pairs.next();
    while (next.done !== true) {
      const [d, head] = next.value;
      next = await pairs.next();
      if (next.done === true || next.value[0] !== d) {
        put(head, d); // alone
      } else {
        const group: T[] = [head];
        while (next.done !== true && next.value[0] === d) {
          group.push(next.value[1]);
          next = await pairs.next();
          if (group.length > TIE_ITEMS) break;
        }
        if (group.length <= TIE_ITEMS) {
          const keyed = group.map((x) => [exactOf(x), x] as [string, T]);
          keyed.sort((a, b) =>
            a[0] === b[0] ? 0 : (a[0] < b[0] ? -1 : 1) * sign
          ); // stable
          for (const [, x] of keyed) put(x, d);
        } else {
          // A long run: the rest of it goes through sortBy with the group.
          let pending: IteratorResult<[number, T]> | undefined;
          const rest = async function* (): AsyncGenerator<T> {
            yield* group;
            while (next.done !== true && next.value[0] === d) {
              yield next.value[1];
              next = await pairs.next();
            }
            pending = next;
          };
          for await (const x of sortBy(exactOf)(rest())) {
            put(x, d);
            if (out.items.length >= TIE_ITEMS) {
              yield out;
              out = { keys: [], items: [] };
            }
          }
          next = pending ?? next;
        }
      }
      if (out.items.length >= 256) {
        yield out;
        out = { keys: [], items: [] };
      }
    }
    if (out.items.length > 0) yield out;
  } finally {
    await pairs.return(undefined);
  }
}
