// Copyright 2026 the sluice authors. MIT license.
// The grouping of the command line's `group`, built from JSON params: the
// same in the main thread and in parallelGroupBy()'s workers, which import
// this module and call its default export with the params. With --format,
// `groupOf` builds the same over the parse stage's records.

import { lineField, lineWord } from "../parse/line_field.ts";
import {
  asNumber,
  exactNumberOf,
  groupKey,
  numberOf,
  type TimeReading,
} from "./_fields.ts";
import { exactMax, exactMin, exactSum } from "./_reducers.ts";
import type { GroupSpec } from "../parallel/parallel_group_by.ts";
import { count, mean, percentile, type Reducer } from "../spill/reducers.ts";

/** What `group`'s flags ask for. */
export interface GroupParams {
  /** Group by this logfmt or JSON field... */
  by?: string;
  /** ...or by the N-th word (from 1)... */
  byWord?: number;
  /** ...or by time buckets of this size (`"1h"`) of `timeField`. */
  byTime?: string;
  /** The time field of `byTime`. */
  timeField?: string;
  /** How its times are read: `--zone`, `--year`, the inputs' newest mtime. */
  time?: TimeReading;
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

/** A group's key and reducers. */
export type GroupParts<T> = GroupSpec<T> & {
  reducers: Record<string, Reducer<T, unknown, unknown>>;
};

/**
 * The reducers of `params` (named like `count` or `p95_FIELD`) over items
 * whose fields `read` gets, grouped by `key`; means and percentiles read a
 * field's number with `readNumber` (by default, numberOf of what `read`
 * gets).
 */
export function groupOf<T>(
  params: GroupParams,
  read: (name: string) => (item: T) => unknown,
  key: (item: T) => string | number | undefined,
  readNumber: (name: string) => (item: T) => number | undefined = (name) => {
    const get = read(name);
    return (item) => numberOf(get(item));
  },
): GroupParts<T> {
  const reducers: Record<string, Reducer<T, unknown, unknown>> = {};
  const relativeError = params.approx ? 0.01 : 0;
  for (const [agg, field] of params.aggregates) {
    if (agg === "count") {
      reducers.count = count();
      continue;
    }
    const get = read(field);
    const value = readNumber(field);
    const exact = (item: T) => exactNumberOf(get(item));
    const name = `${agg}_${field}`;
    const reducer = agg === "sum"
      ? exactSum(exact)
      : agg === "mean"
      ? mean(value)
      : agg === "min"
      ? exactMin(exact)
      : agg === "max"
      ? exactMax(exact)
      : percentile(Number(agg.slice(1)), value, { relativeError });
    reducers[name] = reducer as Reducer<T, unknown, unknown>;
  }
  if (
    (params.count && !("count" in reducers)) ||
    Object.keys(reducers).length === 0
  ) {
    reducers.count = count();
  }
  return { key, reducers };
}

/**
 * The grouping of lines (logfmt or JSON fields, or words) by `params`. The
 * time parser is loaded for `byTime` only (see _read_time.ts).
 */
export default async function groupSpec(
  params: GroupParams,
): Promise<GroupParts<string>> {
  // A line without the field makes the last group, keyed null.
  let key: (line: string) => string | number | undefined;
  if (params.byTime !== undefined) {
    const name = params.timeField ?? "time";
    const { timeBucket } = await import("./_read_time.ts");
    key = timeBucket(params.byTime, name, lineField(name), params.time);
  } else {
    if (params.by !== undefined) {
      const get = lineField(params.by);
      key = (line) => groupKey(asNumber(get(line)));
    } else {
      // A word is text, its own key (see groupKey): lineWord's getter as it
      // is, which a worker reads on the lines' bytes.
      key = lineWord(params.byWord ?? 1);
    }
  }
  // Numbers as numberOf reads a value: lineField's `number`, which a worker
  // reads on the lines' bytes too.
  return groupOf(
    params,
    lineField,
    key,
    (name) => lineField(name, { number: true }),
  );
}
