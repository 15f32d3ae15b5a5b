// Copyright 2026 the sluice authors. MIT license.
// A time field's value read as the command line reads times. Apart from
// _fields.ts, so that the commands that read fields load the time parser
// (parse/time.ts, with its zones: 23 KB of source) only when they read
// times: sort for --by-time, group and split for theirs (_time_bucket.ts).

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
