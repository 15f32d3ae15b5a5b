// Copyright 2026 the sluice authors. MIT license.

import { epochMs } from "./_time.ts";
import { UTC, wallToEpoch, type Zone, zoneOf } from "./_zone.ts";
import { timeContext } from "./time.ts";

/** Options for {@linkcode bucket}. */
export interface BucketOptions {
  /**
   * The zone whose clock the buckets follow (days start at its midnight)
   * and whose offset the keys are written with: `"UTC"`, an offset such as
   * `"+02:00"` or an IANA name such as `"Europe/Berlin"`. Text times
   * without an offset are read in it too.
   *
   * @default {"UTC"}
   */
  zone?: string;
}

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
// Weeks start on Monday (ISO 8601); 1970-01-05 was one.
const MONDAY = 4 * 86_400_000;

const sizes = new Map<string, number>();

/** The width of a bucket in milliseconds, from `"5m"`, `"1h"`, `"1d"`, ... */
function widthOf(size: string): number {
  const known = sizes.get(size);
  if (known !== undefined) return known;
  const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(size);
  const width = m === null ? 0 : Number(m[1]) * UNITS[m[2]!]!;
  if (!(width > 0) || !Number.isSafeInteger(width)) {
    throw new RangeError(
      `Cannot make time buckets: size must be a positive count of ms, s, m, h, d or w (such as "5m" or "1h"), got ${
        JSON.stringify(size)
      }`,
    );
  }
  if (sizes.size >= 64) sizes.clear();
  sizes.set(size, width);
  return width;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** `epoch` as ISO 8601 with milliseconds and `zone`'s offset then. */
function isoIn(epoch: number, zone: Zone): string {
  if (zone === UTC) return new Date(epoch).toISOString();
  const offset = zone.offsetAt(epoch);
  const local = new Date(epoch + offset).toISOString().slice(0, -1);
  const minutes = Math.abs(offset) / 60_000;
  return `${local}${offset < 0 ? "-" : "+"}${
    pad(Math.floor(minutes / 60), 2)
  }:${pad(minutes % 60, 2)}`;
}

/**
 * The start of the time bucket that `time` falls in, as an ISO 8601 key:
 * buckets of `size` (`"500ms"`, `"10s"`, `"5m"`, `"1h"`, `"1d"`, `"1w"`)
 * counted from midnight of 1970-01-01 on `zone`'s clock (weeks start on
 * Monday). Keys have a fixed form (milliseconds always written), so in UTC,
 * or any fixed offset, sorting them as text sorts them in time order; in a
 * zone with daylight saving time a day bucket is 23 or 25 hours long.
 *
 * @param time A Date, epoch milliseconds, or text that {@linkcode parseTime}
 * reads.
 * @param size The width of a bucket.
 * @param options The zone.
 * @returns The bucket's start, e.g. `"2000-10-10T13:55:00.000Z"`.
 * @throws {RangeError} When `size` is not a width, the zone is unknown or
 * the time is out of range.
 * @throws {SyntaxError} When text is not a time.
 * @throws {TypeError} When `time` is not a Date, number or string.
 *
 * @example Requests per five minutes
 * ```ts
 * import { bucket } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * assert.equal(bucket("10/Oct/2000:13:57:36 -0700", "5m"), "2000-10-10T20:55:00.000Z");
 * assert.equal(bucket(new Date("2000-10-10T13:55:36Z"), "1h"), "2000-10-10T13:00:00.000Z");
 * assert.equal(
 *   bucket("2000-10-10T23:30:00Z", "1d", { zone: "+02:00" }),
 *   "2000-10-11T00:00:00.000+02:00",
 * );
 * ```
 */
export function bucket(
  time: Date | number | string,
  size: string,
  options: BucketOptions = {},
): string {
  const width = widthOf(size);
  const zone = options.zone === undefined ? UTC : zoneOf(options.zone);
  if (
    typeof time !== "number" && typeof time !== "string" &&
    !(time instanceof Date)
  ) {
    throw new TypeError(
      `Cannot put ${
        time === null ? "null" : typeof time
      } in a time bucket: give a Date, epoch milliseconds or text`,
    );
  }
  const epoch = typeof time === "number"
    ? time
    : typeof time === "string"
    ? epochMs(time, undefined, timeContext(options))
    : time.getTime();
  if (!Number.isFinite(epoch)) {
    throw new RangeError(`Cannot put ${String(time)} in a time bucket`);
  }
  const origin = width % UNITS.w! === 0 ? MONDAY : 0;
  const wall = epoch + zone.offsetAt(epoch);
  const start = Math.floor((wall - origin) / width) * width + origin;
  // The same offset as `time` when it holds at the start: in an hour that
  // comes twice, the bucket is the one of `time`'s own pass.
  const near = epoch - (wall - start);
  return isoIn(
    near + zone.offsetAt(near) === start ? near : wallToEpoch(start, zone),
    zone,
  );
}
