// Copyright 2026 the sluice authors. MIT license.
// Which reducers read at most one number of an item, and how to make the
// same reducer over another reading of that number: kept apart from
// reducers.ts, a subpath of its own, so that it exports only public names.

/** A reducer's one number field, and the same reducer over another. */
export interface NumberReading {
  /** The field the reducer was made with; undefined for `count()`. */
  field: ((item: never) => unknown) | undefined;
  /** The same reducer (same options) over `field`. */
  remake(field: (item: never) => number | null | undefined): object;
}

const READINGS = new WeakMap<object, NumberReading>();

/**
 * Notes that `reducer` reads only `field` of an item (a number), or nothing
 * (`count()`, `field` undefined), and that `remake` makes it over another
 * field: parallelGroupBy()'s workers read a line's numbers on its bytes and
 * give them to reducers made over the numbers.
 */
export function readsNumber<R extends object>(
  reducer: R,
  field: ((item: never) => unknown) | undefined,
  remake: (field: (item: never) => number | null | undefined) => object,
): R {
  READINGS.set(reducer, { field, remake });
  return reducer;
}

/** What `reducer` reads, when it is noted (see {@linkcode readsNumber}). */
export function numberReadingOf(reducer: unknown): NumberReading | undefined {
  return typeof reducer === "object" && reducer !== null
    ? READINGS.get(reducer)
    : undefined;
}
