// Copyright 2026 the sluice authors. MIT license.
// The grouping of the command line's `group`, built from JSON params: the
// same in the main thread and in parallelGroupBy()'s workers, which import
// this module and call its default export with the params.

import { fieldGetter, keyText, numberOf, wordGetter } from "./_fields.ts";
import type { GroupSpec } from "../parallel/parallel_group_by.ts";
import {
  count,
  max,
  mean,
  min,
  percentile,
  type Reducer,
  sum,
} from "../spill/reducers.ts";

/** What `group`'s flags ask for. */
export interface GroupParams {
  /** Group by this logfmt or JSON field... */
  by?: string;
  /** ...or by the N-th space-separated word (from 1). */
  byWord?: number;
  /**
   * Aggregates as [aggregate, field], in the order of the output: count (with
   * no field), sum, mean, min, max, p50, p90, p95, p99.
   */
  aggregates: [string, string][];
  /** Lines per group (also when there is no other aggregate). */
  count: boolean;
  /** Percentiles within 1% relative error instead of exact. */
  approx: boolean;
}

/** The key and the reducers (named like `count` or `p95_FIELD`) of `params`. */
export default function groupSpec(params: GroupParams): GroupSpec<string> & {
  reducers: Record<string, Reducer<string, unknown, unknown>>;
} {
  const get = params.by !== undefined
    ? fieldGetter(params.by)
    : wordGetter(params.byWord ?? 1);
  const reducers: Record<string, Reducer<string, unknown, unknown>> = {};
  const relativeError = params.approx ? 0.01 : 0;
  for (const [agg, field] of params.aggregates) {
    if (agg === "count") {
      reducers.count = count();
      continue;
    }
    const read = fieldGetter(field);
    const value = (line: string) => numberOf(read(line));
    const name = `${agg}_${field}`;
    if (agg === "sum") reducers[name] = sum(value);
    else if (agg === "mean") reducers[name] = mean(value);
    else if (agg === "min") reducers[name] = min(value);
    else if (agg === "max") reducers[name] = max(value);
    else {
      reducers[name] = percentile(Number(agg.slice(1)), value, {
        relativeError,
      }) as Reducer<string, unknown, unknown>;
    }
  }
  if (
    (params.count && !("count" in reducers)) ||
    Object.keys(reducers).length === 0
  ) {
    reducers.count = count();
  }
  // A line without the field makes the last group, keyed null.
  return { key: (line) => keyText(get(line)), reducers };
}
