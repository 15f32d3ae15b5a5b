// Copyright 2026 the sluice authors. MIT license.
// The check of what a grouping stage is given as reducers, made when the
// stage is made; the table that runs them (_group_table.ts) is loaded only
// when the stage runs.

import type { Reducer } from "./reducers.ts";

/** Reducers by name, checked. */
export interface NamedReducers {
  names: string[];
  list: Reducer<unknown, unknown, unknown>[];
}

/**
 * Checks what a grouping stage was given as reducers: one reducer (named
 * `value`) or named ones. Throws a TypeError naming the stage otherwise.
 */
export function namedReducers(kind: string, reducers: unknown): NamedReducers {
  const single = typeof reducers === "object" && reducers !== null &&
    typeof (reducers as { add?: unknown }).add === "function";
  if (!single && (typeof reducers !== "object" || reducers === null)) {
    throw new TypeError(
      `Cannot create ${kind} stage: reducers must be a reducer or an object of named reducers, got ${
        reducers === null ? "null" : typeof reducers
      }`,
    );
  }
  const named = (single ? { value: reducers } : reducers) as Record<
    string,
    Reducer<unknown, unknown, unknown>
  >;
  const names = Object.keys(named);
  const list = names.map((n) => named[n]!);
  for (const [i, r] of list.entries()) {
    if (
      typeof r !== "object" || r === null || typeof r.init !== "function" ||
      typeof r.add !== "function" || typeof r.merge !== "function" ||
      typeof r.result !== "function"
    ) {
      throw new TypeError(
        `Cannot create ${kind} stage: reducer "${
          names[i]
        }" must have init, add, merge and result functions`,
      );
    }
  }
  if (names.includes("key")) {
    throw new TypeError(
      `Cannot create ${kind} stage: a reducer cannot be named "key"`,
    );
  }
  return { names, list };
}
