// Copyright 2026 the sluice authors. MIT license.
// Time buckets of the command line's `group --by-time` and `split
// --by-time`. Apart from _group_spec.ts, so that a group or split by a field
// or a word, and each of group's workers, load no time parser (parse/time.ts
// and bucket.ts, with their zones: 29 KB of source).

import { bucket } from "../parse/bucket.ts";
import type { TimeReading } from "./_fields.ts";
import { readTime } from "./_read_time.ts";

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
