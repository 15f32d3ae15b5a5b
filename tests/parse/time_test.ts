// Copyright 2026 the sluice authors. MIT license.
// parseTime: every format, zones, syslog's missing year; bucket keys.
import assert from "node:assert/strict";
import fc from "fast-check";
import { bucket, parseTime, type ParseTimeOptions } from "../../mod.ts";

const iso = (text: string | number | bigint, options: ParseTimeOptions = {}) =>
  parseTime(text, options).toISOString();

Deno.test("parseTime() reads ISO 8601 and RFC 3339", () => {
  assert.equal(iso("2000-10-10"), "2000-10-10T00:00:00.000Z");
  assert.equal(iso("2000-10-10T13:55"), "2000-10-10T13:55:00.000Z");
  assert.equal(iso("2000-10-10T13:55:36Z"), "2000-10-10T13:55:36.000Z");
  assert.equal(iso("2000-10-10t13:55:36z"), "2000-10-10T13:55:36.000Z");
  assert.equal(
    iso("2000-10-10 13:55:36.123456789+05:30"),
    "2000-10-10T08:25:36.123Z",
  );
  assert.equal(iso("2000-10-10T13:55:36,5-0700"), "2000-10-10T20:55:36.500Z");
  assert.equal(iso("2000-10-10T13:55:36-07"), "2000-10-10T20:55:36.000Z");
  assert.equal(iso(" 2000-10-10T13:55:36Z \n"), "2000-10-10T13:55:36.000Z");
  assert.equal(iso("2016-12-31T23:59:60Z"), "2017-01-01T00:00:00.000Z");
});

Deno.test("parseTime() reads access log, syslog and Apache error log times", () => {
  assert.equal(iso("10/Oct/2000:13:55:36 -0700"), "2000-10-10T20:55:36.000Z");
  assert.equal(
    iso("10/Oct/2000:13:55:36", { zone: "+01:00" }),
    "2000-10-10T12:55:36.000Z",
  );
  assert.equal(iso("[Sun Dec 04 04:47:44 2005]"), "2005-12-04T04:47:44.000Z");
  assert.equal(iso("Sun Dec 04 04:47:44 2005"), "2005-12-04T04:47:44.000Z");
  assert.equal(
    iso("[Wed Oct 11 14:32:52.123456 2000]"),
    "2000-10-11T14:32:52.123Z",
  );
  assert.equal(
    iso("Jun 14 15:16:01", { year: 2005 }),
    "2005-06-14T15:16:01.000Z",
  );
  assert.equal(
    iso("Jun  4 15:16:01.25", { year: 2005 }),
    "2005-06-04T15:16:01.250Z",
  );
});

Deno.test("parseTime() reads epoch seconds, milliseconds, microseconds and nanoseconds", () => {
  const t = "2023-11-14T22:13:20.123Z";
  assert.equal(iso("1700000000.123"), t);
  assert.equal(iso("1700000000123"), t);
  assert.equal(iso("1700000000123456"), t);
  assert.equal(iso("1700000000123456789"), t);
  assert.equal(iso(1700000000123456789n), t);
  assert.equal(iso(1700000000123), t);
  assert.equal(iso(1700000000.123), t);
  assert.equal(
    iso("1700000000", { format: "epoch-ms" }),
    "1970-01-20T16:13:20.000Z",
  );
  assert.equal(
    iso("1700000000123", { format: "epoch-s" }),
    new Date(1700000000123 * 1000).toISOString(),
  );
  assert.equal(iso("-1.5"), "1969-12-31T23:59:58.500Z");
  assert.equal(
    iso("-1500001", { format: "epoch-us" }),
    "1969-12-31T23:59:58.499Z",
  );
  assert.equal(iso("0"), "1970-01-01T00:00:00.000Z");
});

Deno.test("parseTime() reads times without an offset in a fixed offset or an IANA zone", () => {
  assert.equal(
    iso("2000-10-10T13:55:36", { zone: "-07:00" }),
    "2000-10-10T20:55:36.000Z",
  );
  assert.equal(
    iso("2000-10-10T13:55:36", { zone: "UTC" }),
    "2000-10-10T13:55:36.000Z",
  );
  // Summer and winter time in Berlin.
  assert.equal(
    iso("2024-07-01 12:00", { zone: "Europe/Berlin" }),
    "2024-07-01T10:00:00.000Z",
  );
  assert.equal(
    iso("2024-01-01 12:00", { zone: "Europe/Berlin" }),
    "2024-01-01T11:00:00.000Z",
  );
  // Clocks forward: 02:30 does not exist and lands after the gap.
  assert.equal(
    iso("2024-03-31 02:30", { zone: "Europe/Berlin" }),
    "2024-03-31T01:30:00.000Z",
  );
  // Clocks back: 02:30 comes twice; the first is taken.
  assert.equal(
    iso("2024-10-27 02:30", { zone: "Europe/Berlin" }),
    "2024-10-27T00:30:00.000Z",
  );
  // An offset in the text wins over the zone.
  assert.equal(
    iso("2024-07-01T12:00:00Z", { zone: "Europe/Berlin" }),
    "2024-07-01T12:00:00.000Z",
  );
  assert.equal(
    iso("Jun 14 15:16:01", { year: 2024, zone: "America/New_York" }),
    "2024-06-14T19:16:01.000Z",
  );
});

Deno.test("parseTime() of syslog times rolls the reference's year back across New Year", () => {
  const reference = new Date("2024-01-02T08:00:00Z");
  assert.equal(
    iso("Dec 31 23:59:59", { reference }),
    "2023-12-31T23:59:59.000Z",
  );
  assert.equal(
    iso("Jan  2 07:00:00", { reference }),
    "2024-01-02T07:00:00.000Z",
  );
  // Within a day after the reference (clocks a little off): the same year.
  assert.equal(
    iso("Jan  2 20:00:00", { reference }),
    "2024-01-02T20:00:00.000Z",
  );
  assert.equal(
    iso("Jan  5 00:00:00", { reference }),
    "2023-01-05T00:00:00.000Z",
  );
  // February 29 of a leap year, read in the next year.
  assert.equal(
    iso("Feb 29 10:00:00", { reference: new Date("2025-01-10T00:00:00Z") }),
    "2024-02-29T10:00:00.000Z",
  );
  assert.throws(
    () =>
      iso("Feb 29 10:00:00", { reference: new Date("2025-03-10T00:00:00Z") }),
    RangeError,
  );
  // A year given is taken as it is.
  assert.equal(
    iso("Dec 31 23:59:59", { year: 2024, reference }),
    "2024-12-31T23:59:59.000Z",
  );
});

Deno.test("parseTime() refuses text that is not a time, and fields out of range", () => {
  for (
    const text of [
      "",
      "soon",
      "10/Foo/2000:13:55:36",
      "2000-1-1",
      "12:00",
      "Jun 14",
      "1.2.3",
    ]
  ) {
    assert.throws(() => parseTime(text), SyntaxError, text);
  }
  for (
    const text of [
      "2000-13-01",
      "2001-02-29",
      "2000-10-10T24:00",
      "2000-10-10T10:60",
      "Feb 30 00:00:00",
    ]
  ) {
    assert.throws(() => parseTime(text, { year: 2000 }), RangeError, text);
  }
  assert.throws(
    () => parseTime("2000-10-10", { format: "access" }),
    SyntaxError,
  );
  assert.throws(() => parseTime("x", { zone: "Nowhere/City" }), RangeError);
  assert.throws(() => parseTime(NaN), RangeError);
  assert.throws(() => parseTime(undefined as unknown as string), TypeError);
});

Deno.test("parseTime() reads back any ISO time Date writes, and any access log time", () => {
  fc.assert(
    fc.property(
      fc.date({
        min: new Date("0001-01-02T00:00:00Z"),
        max: new Date("9999-12-30T00:00:00Z"),
        noInvalidDate: true,
      }),
      fc.integer({ min: -14 * 60, max: 14 * 60 }),
      (date, offsetMinutes) => {
        assert.equal(iso(date.toISOString()), date.toISOString());
        // The same instant written in another offset, as an access log writes it.
        const local = new Date(date.getTime() + offsetMinutes * 60_000);
        const months = [
          "Jan",
          "Feb",
          "Mar",
          "Apr",
          "May",
          "Jun",
          "Jul",
          "Aug",
          "Sep",
          "Oct",
          "Nov",
          "Dec",
        ];
        const p = (n: number, w = 2) => String(n).padStart(w, "0");
        const a = Math.abs(offsetMinutes);
        const text = `${p(local.getUTCDate())}/${months[local.getUTCMonth()]}/${
          p(local.getUTCFullYear(), 4)
        }:${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${
          p(local.getUTCSeconds())
        } ${offsetMinutes < 0 ? "-" : "+"}${p(Math.floor(a / 60))}${p(a % 60)}`;
        assert.equal(
          parseTime(text).getTime(),
          Math.floor(date.getTime() / 1000) * 1000,
        );
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("bucket() gives the start of the bucket as ISO 8601", () => {
  const t = "2000-10-10T13:57:36.789Z";
  assert.equal(bucket(t, "500ms"), "2000-10-10T13:57:36.500Z");
  assert.equal(bucket(t, "10s"), "2000-10-10T13:57:30.000Z");
  assert.equal(bucket(t, "5m"), "2000-10-10T13:55:00.000Z");
  assert.equal(bucket(t, "1h"), "2000-10-10T13:00:00.000Z");
  assert.equal(bucket(t, "6h"), "2000-10-10T12:00:00.000Z");
  assert.equal(bucket(t, "1d"), "2000-10-10T00:00:00.000Z");
  // Weeks start on Monday: 2000-10-10 was a Tuesday.
  assert.equal(bucket(t, "1w"), "2000-10-09T00:00:00.000Z");
  assert.equal(bucket(Date.parse(t), "1h"), "2000-10-10T13:00:00.000Z");
  assert.equal(bucket(new Date(t), "1h"), "2000-10-10T13:00:00.000Z");
  assert.equal(
    bucket("1969-12-31T23:59:59Z", "1h"),
    "1969-12-31T23:00:00.000Z",
  );
});

Deno.test("bucket() follows a zone's clock, daylight saving time too", () => {
  assert.equal(
    bucket("2000-10-10T23:30:00Z", "1d", { zone: "+02:00" }),
    "2000-10-11T00:00:00.000+02:00",
  );
  assert.equal(
    bucket("2000-10-10T13:57:00Z", "1h", { zone: "+05:30" }),
    "2000-10-10T19:00:00.000+05:30",
  );
  // The day clocks go back in Berlin is 25 hours long.
  assert.equal(
    bucket("2024-10-27T22:59:59Z", "1d", { zone: "Europe/Berlin" }),
    "2024-10-27T00:00:00.000+02:00",
  );
  assert.equal(
    bucket("2024-10-27T23:00:00Z", "1d", { zone: "Europe/Berlin" }),
    "2024-10-28T00:00:00.000+01:00",
  );
  // The hour that comes twice gives two buckets.
  assert.equal(
    bucket("2024-10-27T00:20:00Z", "15m", { zone: "Europe/Berlin" }),
    "2024-10-27T02:15:00.000+02:00",
  );
  assert.equal(
    bucket("2024-10-27T01:20:00Z", "15m", { zone: "Europe/Berlin" }),
    "2024-10-27T02:15:00.000+01:00",
  );
});

Deno.test("bucket() refuses sizes that are not widths", () => {
  for (const size of ["", "5", "m", "0m", "1y", "1.5h", "-1h", "5 m"]) {
    assert.throws(() => bucket(0, size), RangeError, size);
  }
  assert.throws(() => bucket(NaN, "1h"), RangeError);
  assert.throws(() => bucket("later", "1h"), SyntaxError);
  assert.throws(() => bucket(undefined as unknown as string, "1h"), TypeError);
  assert.throws(() => bucket({} as unknown as Date, "1h"), TypeError);
});

Deno.test("bucket() keys sort in time order, and every time falls in its bucket", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), {
        minLength: 2,
        maxLength: 20,
      }),
      fc.constantFrom("1s", "7s", "5m", "1h", "1d", "1w"),
      (times, size) => {
        const keys = times.map((t) => bucket(t, size));
        const byTime = times.map((t, i) => [t, keys[i]!] as const).sort((
          a,
          b,
        ) => a[0] - b[0]).map((x) => x[1]);
        assert.deepEqual([...keys].sort(), byTime);
        for (let i = 0; i < times.length; i++) {
          assert.ok(Date.parse(keys[i]!) <= times[i]!);
          assert.ok(
            times[i]! - Date.parse(keys[i]!) <
              (size === "1w" ? 7 : 1) * 86_400_000,
          );
        }
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("parseTime() reads back a wall time that Intl writes in an IANA zone: the same instant, or the earlier one when the hour comes twice", () => {
  const zones = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
  ];
  const formats = new Map(zones.map((zone) => [
    zone,
    new Intl.DateTimeFormat("sv-SE", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    }),
  ]));
  // "2024-10-27 02:30:00", as Swedish writes dates.
  const wall = (ms: number, zone: string) => formats.get(zone)!.format(ms);
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 4_102_444_800 }),
      fc.constantFrom(...zones),
      (seconds, zone) => {
        const t = seconds * 1000;
        const back = parseTime(wall(t, zone), { zone }).getTime();
        if (back !== t) {
          assert.ok(back < t, `${zone} ${new Date(t).toISOString()}`);
          assert.equal(wall(back, zone), wall(t, zone));
        }
      },
    ),
    { numRuns: 2000 },
  );
  // Hour by hour through 2024, across each change.
  for (const zone of zones) {
    for (
      let t = Date.UTC(2024, 0, 1);
      t < Date.UTC(2025, 0, 1);
      t += 3_600_000
    ) {
      const text = wall(t, zone);
      const back = parseTime(text, { zone }).getTime();
      if (back !== t) assert.equal(wall(back, zone), text);
    }
  }
});
