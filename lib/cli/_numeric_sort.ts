// Copyright 2026 the sluice authors. MIT license.
// `sort -n` as GNU sort does it, exactly, at the speed of number keys: each
// key is sorted as a double, and where a run had keys with more digits than
// a double keeps, the lines whose keys round to the same double are put in
// their exact order after the sort. A shard's partial keeps the same keys:
// a double, with the exact key beside it only where the double is not exact.

import type { Stage } from "../core/types.ts";
import { sort as sortStage } from "../spill/sort.ts";
import type { SortedRecord } from "../shard/sort_partial.ts";
import { numericKey, textOf } from "./_fields.ts";

/**
 * The most significant digits a decimal can have and still be told apart
 * from every other such decimal by its nearest double (DBL_DIG): keys with
 * at most this many sort as doubles in their exact order.
 */
const EXACT_DIGITS = 15;

/** A tie group held in memory up to this many lines, then sorted by sort(). */
const TIE_LINES = 4096;

/** From here on, a double is not the shortest decimal that reads as it. */
const EXACT_INTEGERS = 2 ** 53;

/** The least positive double with full precision. */
const MIN_NORMAL = 2 ** -1022;

/**
 * The keys of one `sort -n` run: {@linkcode NumericOrder.key} gives the
 * number a value starts with, as a double, and notes whether any was
 * rounded, which {@linkcode exactTies} then mends. A key that is not noted
 * is `exactKey` of its double, exactly: a decimal of at most 15 significant
 * digits is the shortest that reads as its double in the normal range, and
 * below 2^53 that is the double's own text.
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
   * there is none. Rounded to a double: see {@linkcode NumericOrder.rounded}.
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
    return this.#read(textOf(value));
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

/**
 * The stage after a `sort -n` sort: where `order` saw no rounded key it
 * hands the lines on as they are; else each run of lines whose keys are the
 * same double is put in exact numeric order (stable: equal numbers keep
 * their order), by `exactOf`, which reads a line's key again. A run of more
 * than {@linkcode TIE_LINES} lines is sorted by sort() within `budget`.
 */
export function exactTies<T>(
  order: NumericOrder,
  keyOf: (item: T) => number | undefined,
  exactOf: (item: T) => string | undefined,
  options: { reverse: boolean; budget?: string; tempDir?: string },
): Stage<T, T> {
  const sign = options.reverse ? -1 : 1;
  const byExact = (a: [string | undefined, T], b: [string | undefined, T]) =>
    a[0] === b[0] ? 0 : (a[0]! < b[0]! ? -1 : 1) * sign;
  // The lines in exact order, from the first result on.
  async function* ties(
    it: AsyncIterator<T>,
    first: IteratorResult<T>,
  ): AsyncGenerator<T> {
    let next = first;
    while (!next.done) {
      const head = next.value;
      const d = keyOf(head);
      next = await it.next();
      if (d === undefined || next.done || keyOf(next.value) !== d) {
        yield head; // alone, or a missing key (those come last, as they are)
        continue;
      }
      const group: T[] = [head];
      while (!next.done && keyOf(next.value) === d) {
        group.push(next.value);
        next = await it.next();
        if (group.length > TIE_LINES) break;
      }
      if (group.length <= TIE_LINES) {
        const keyed = group.map((x) =>
          [exactOf(x), x] as [string | undefined, T]
        );
        keyed.sort(byExact); // stable
        for (const [, x] of keyed) yield x;
        continue;
      }
      // A long run: the rest of it goes through sort() with the group.
      let pending: IteratorResult<T> | undefined;
      const rest = async function* (): AsyncGenerator<T> {
        yield* group;
        while (!next.done && keyOf(next.value) === d) {
          yield next.value;
          next = await it.next();
        }
        pending = next;
      };
      yield* sortStage<T, string>((x) => exactOf(x) ?? "", {
        reverse: options.reverse,
        ...(options.budget === undefined ? {} : { budget: options.budget }),
        ...(options.tempDir === undefined ? {} : { tempDir: options.tempDir }),
        name: "sort",
      })(rest());
      next = pending ?? next;
    }
  }
  // The sort before this stage has read all its input once its first line
  // comes, so `order` then knows whether a key was rounded. Where none was
  // (nearly always), the lines are handed on by the sort's own iterator:
  // through an async generator each line cost several promises. `sluice sort
  // -k latency_ms -n` over the 1 GiB bench corpus (two runs each, in turns):
  // 19.15 and 21.79 s with the generator, 17.43 and 18.79 s so, 15.18 and
  // 14.23 s without this stage at all.
  return (source) => ({
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const it = source[Symbol.asyncIterator]();
      let inner: AsyncIterator<T> | undefined;
      return {
        next(): Promise<IteratorResult<T>> {
          if (inner !== undefined) return inner.next();
          return it.next().then((first) => {
            if (!order.rounded) {
              inner = it;
              return first;
            }
            inner = ties(it, first);
            return inner.next();
          });
        },
        return(value?: unknown): Promise<IteratorResult<T>> {
          const r = (inner ?? it).return?.(value);
          return r === undefined
            ? Promise.resolve({ done: true, value: undefined })
            : r;
        },
      };
    },
  });
}

/** The exact key of a value, as {@linkcode numericKey} has it. */
export function exactKey(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : numericKey(value);
}

/**
 * The key of a record of a `sort -n` partial: the double, or where
 * {@linkcode NumericOrder} noted it rounded, the double and the exact key.
 */
export type NumericKey = number | [d: number, exact: string];

/** The double of a partial's key. */
function doubleOf(key: NumericKey | null): number | undefined {
  return key === null ? undefined : typeof key === "number" ? key : key[0];
}

/** The exact key of a partial's key (see {@linkcode NumericOrder}). */
function exactOfKey(key: NumericKey | null): string | undefined {
  return key === null
    ? undefined
    : typeof key === "number"
    ? numericKey(key)
    : key[1];
}

/**
 * The stage after the sort of a `sort -n` partial, whose records are keyed
 * by `order`'s doubles: a record whose key `order` noted rounded gets its
 * exact key beside the double (`exactOf` reads it, or gives undefined for
 * a key not rounded), and the records whose keys are the same double are
 * put in exact order, as {@linkcode exactTies} does for a whole run. Where
 * `order` noted no key, records go on as they are: no key is read again.
 */
export function numericRecords<T>(
  order: NumericOrder,
  exactOf: (item: T) => string | undefined,
  options: { reverse: boolean; budget?: string; tempDir?: string },
): Stage<SortedRecord<number, T>, SortedRecord<NumericKey, T>> {
  const mend = exactTies<SortedRecord<NumericKey, T>>(
    order,
    (r) => doubleOf(r[0]),
    (r) => exactOfKey(r[0]),
    options,
  );
  async function* withExact(
    first: SortedRecord<number, T>,
    it: AsyncIterator<SortedRecord<number, T>>,
  ): AsyncGenerator<SortedRecord<NumericKey, T>> {
    for (let r = first;;) {
      const d = r[0];
      const e = d === null ? undefined : exactOf(r[1]);
      yield e === undefined ? r : [[d!, e], r[1]];
      const next = await it.next();
      if (next.done === true) return;
      r = next.value;
    }
  }
  return async function* (source) {
    const it = source[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done === true) return;
    // The sort has read all its input: whether a key was rounded is known.
    if (!order.rounded) {
      let r: IteratorResult<SortedRecord<number, T>> = first;
      for (; r.done !== true; r = await it.next()) yield r.value;
      return;
    }
    yield* mend(withExact(first.value, it));
  };
}

/**
 * How `merge` orders the keys of `sort -n` partials: by the double, then,
 * where two are the same double, by the exact key; missing keys last, also
 * in reverse. Partials of {@linkcode numericRecords} merge so into the
 * order {@linkcode exactTies} gives in one run.
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
