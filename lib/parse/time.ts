// Copyright 2026 the sluice authors. MIT license.

import { epochMs, type TimeContext, type TimeFormat } from "./_time.ts";
import { UTC, zoneOf } from "./_zone.ts";

export type { TimeFormat } from "./_time.ts";

/** Options for {@linkcode parseTime}. */
export interface ParseTimeOptions {
  /**
   * The format of the text: `"iso"` (ISO 8601 / RFC 3339), `"access"`
   * (`10/Oct/2000:13:55:36 -0700`), `"syslog"` (`Oct 10 13:55:36`),
   * `"apache-error"` (`[Tue Oct 10 13:55:36 2000]`), `"epoch"` (a count of
   * seconds, milliseconds, microseconds or nanoseconds, told apart by its
   * number of digits: up to 11, 12-14, 15-17, 18 or more) or one unit of it
   * (`"epoch-s"`, `"epoch-ms"`, `"epoch-us"`, `"epoch-ns"`).
   *
   * @default {undefined} told from the text's first characters
   */
  format?: TimeFormat;
  /**
   * The zone of times written without an offset: `"UTC"`, an offset
   * (`"+02:00"`, `"-0700"`) or an IANA name (`"Europe/Berlin"`). A local
   * time that the zone skips (clocks forward) lands after the gap; one that
   * comes twice (clocks back) is the earlier.
   *
   * @default {"UTC"}
   */
  zone?: string;
  /**
   * The year of syslog times, which have none.
   *
   * @default {undefined} the year of `reference`, or the year before when
   * the time would be more than a day after `reference` (a log read in
   * January that ends on December 31)
   */
  year?: number;
  /**
   * When the log was written at the latest, for syslog times without
   * `year`: typically the file's modification time.
   *
   * @default {new Date()}
   */
  reference?: Date | number;
}

/**
 * Reads a time as logs write it. Times without an offset are in `zone`
 * (UTC by default); syslog times, which have no year, take `year`, or the
 * year of `reference` (now by default) rolled back across New Year. Digits
 * of a second beyond milliseconds are cut off (a Date holds milliseconds).
 *
 * A number or bigint is an epoch count (by default its unit is told from
 * its number of digits, as `"epoch"` does).
 *
 * @param time The text (leading and trailing blanks are ignored), or an
 * epoch count.
 * @param options The format, the zone, and the year of syslog times.
 * @returns The instant.
 * @throws {SyntaxError} When the text is not a time (in `format`, if given).
 * @throws {RangeError} When a field is out of range (month 13, February 30),
 * or the zone is unknown.
 * @throws {TypeError} When `time` is not text, a number or a bigint.
 *
 * @example Times as different logs write them
 * ```ts
 * import { parseTime } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const iso = (text: string, options = {}) => parseTime(text, options).toISOString();
 * assert.equal(iso("2000-10-10T13:55:36.5+02:00"), "2000-10-10T11:55:36.500Z");
 * assert.equal(iso("10/Oct/2000:13:55:36 -0700"), "2000-10-10T20:55:36.000Z");
 * assert.equal(iso("[Tue Oct 10 13:55:36 2000]"), "2000-10-10T13:55:36.000Z");
 * assert.equal(iso("971186136123"), "2000-10-10T13:55:36.123Z");
 * assert.equal(iso("2000-10-10 13:55", { zone: "Europe/Berlin" }), "2000-10-10T11:55:00.000Z");
 * ```
 *
 * @example Syslog times in a log read just after New Year
 * ```ts
 * import { parseTime } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const reference = new Date("2024-01-01T00:10:00Z"); // the file's mtime
 * assert.equal(parseTime("Dec 31 23:59:58", { reference }).toISOString(), "2023-12-31T23:59:58.000Z");
 * assert.equal(parseTime("Jan  1 00:00:01", { reference }).toISOString(), "2024-01-01T00:00:01.000Z");
 * ```
 */
export function parseTime(
  time: string | number | bigint,
  options: ParseTimeOptions = {},
): Date {
  if (
    typeof time !== "string" && typeof time !== "number" &&
    typeof time !== "bigint"
  ) {
    throw new TypeError(
      `Cannot read ${time === null ? "null" : typeof time} as a time`,
    );
  }
  return new Date(epochMs(time, options.format, timeContext(options)));
}

/** The context of {@linkcode parseTime}'s options, checked. */
export function timeContext(options: ParseTimeOptions): TimeContext {
  const { zone, year, reference } = options;
  if (year !== undefined && !Number.isSafeInteger(year)) {
    throw new RangeError(
      `Cannot read times: year must be an integer, got ${year}`,
    );
  }
  const referenceMs = reference === undefined
    ? Date.now()
    : typeof reference === "number"
    ? reference
    : reference.getTime();
  if (!Number.isFinite(referenceMs)) {
    throw new RangeError(
      `Cannot read times: reference must be a valid date, got ${
        String(reference)
      }`,
    );
  }
  return {
    zone: zone === undefined ? UTC : zoneOf(zone),
    year,
    referenceMs,
  };
}
