// Copyright 2026 the sluice authors. MIT license.
// A time field's value read as the command line reads times, and the time
// buckets of `group --by-time` and `split --by-time`. Apart from _fields.ts
// and _group_spec.ts, so that the commands that read fields, and each of
// group's workers, load the time parser (parse/time.ts and bucket.ts, with
// their zones: 29 KB of source) only for --by-time.

import { bucket } from "../parse/bucket.ts";
import { parseTime } from "../parse/time.ts";
import type { TimeReading } from "./_fields.ts";

/**
 * A time field's value as a Date: a Date as it is, text or an epoch count
 * as parseTime reads it, in `time`'s zone (syslog times take their year from
 * `time.year`, else from `time.reference`).
 *
 * @throws {SyntaxError} When there is no time, or it cannot be read.
 */
export function readTime(
  value: unknown,
  name: string,
  time: TimeReading = {},
): Date {
  if (value instanceof Date) return value;
  if (
    typeof value !== "string" && typeof value !== "number" &&
    typeof value !== "bigint"
  ) {
    throw new SyntaxError(
      value === undefined || value === null
        ? `No time field "${name}"`
        : `The time field "${name}" is not text or a number`,
    );
  }
  return parseTime(value, time);
}

/**
 * The start of the time bucket of `size` that `get`'s time falls in, as
 * ISO 8601 (UTC).
 *
 * @throws {SyntaxError} When an item has no time field, or one that cannot
 * be read.
 */
export function timeBucket<T>(
  size: string,
  name: string,
  get: (item: T) => unknown,
  time: TimeReading = {},
): (item: T) => string {
  return (item) => bucket(readTime(get(item), name, time), size);
}
