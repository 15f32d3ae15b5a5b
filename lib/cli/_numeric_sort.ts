// Copyright 2026 the sluice authors. MIT license.
// `sort -n` as GNU sort does it, exactly, at the speed of number keys: each
// key is sorted as a double, and where a run had keys with more digits than
// a double keeps, the lines whose keys round to the same double are put in
// their exact order after the sort.

import type { Stage } from "../core/types.ts";
import { sort as sortStage } from "../spill/sort.ts";
import { numericKey, textOf } from "./_fields.ts";

/**
 * The most significant digits a decimal can have and still be told apart
 * from every other such decimal by its nearest double (DBL_DIG): keys with
 * at most this many sort as doubles in their exact order.
 */
const EXACT_DIGITS = 15;

/** A tie group held in memory up to this many lines, then sorted by sort(). */
const TIE_LINES = 4096;

/**
 * The keys of one `sort -n` run: {@linkcode NumericOrder.key} gives the
 * number a value starts with, as a double, and notes whether any was
 * rounded, which {@linkcode exactTies} then mends.
 */
export class NumericOrder {
  /** Whether a key so far had more significant digits than a double keeps. */
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
    if (first !== -1 && last - first >= EXACT_DIGITS) {
      this.rounded = this.last = true;
    }
    // "5." and "-.5" are numbers to Number() too.
    const d = Number(start === 0 && i === n ? text : text.slice(start, i));
    return d === 0 ? 0 : d;
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
  return async function* (source: AsyncIterable<T>): AsyncGenerator<T> {
    const it = source[Symbol.asyncIterator]();
    let next = await it.next();
    if (!order.rounded) {
      while (!next.done) {
        yield next.value;
        next = await it.next();
      }
      return;
    }
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
  };
}

/** The exact key of a value, as {@linkcode numericKey} has it. */
export function exactKey(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : numericKey(value);
}
