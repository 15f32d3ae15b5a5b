// Copyright 2026 the sluice authors. MIT license.
// The time formats of logs, read by hand (no regex, no Date.parse, whose
// readings of anything but ISO 8601 differ between engines) into epoch
// milliseconds.

import { digits, offsetOf, utcMs, wallToEpoch, type Zone } from "./_zone.ts";
import { quote } from "./_quote.ts";

/** The time formats {@linkcode parseTime} reads. */
export type TimeFormat =
  | "iso"
  | "access"
  | "syslog"
  | "apache-error"
  | "epoch"
  | "epoch-s"
  | "epoch-ms"
  | "epoch-us"
  | "epoch-ns";

const TIME_FORMATS: ReadonlySet<string> = new Set<TimeFormat>([
  "iso",
  "access",
  "syslog",
  "apache-error",
  "epoch",
  "epoch-s",
  "epoch-ms",
  "epoch-us",
  "epoch-ns",
]);

/** Whether `name` is a {@linkcode TimeFormat}. */
export function isTimeFormat(name: unknown): name is TimeFormat {
  return typeof name === "string" && TIME_FORMATS.has(name);
}

const DAY = 86_400_000;

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};
const WEEKDAYS = new Set(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);

/** What a time without a year or zone is read against. */
export interface TimeContext {
  zone: Zone;
  /** The year of syslog times; undefined: the reference's. */
  year: number | undefined;
  /** Syslog times later than this (by more than a day) are a year earlier. */
  referenceMs: number;
}

/** The wall-clock fields of a time as read, before the zone and the year. */
class Fields {
  year = 0;
  month = 0;
  day = 0;
  hour = 0;
  minute = 0;
  second = 0;
  ms = 0;
  /** The offset written in the text, or undefined for the context's zone. */
  offset: number | undefined = undefined;
}

/** How the text cannot be read: thrown as a SyntaxError by the callers. */
function unreadable(text: string, what: string): SyntaxError {
  return new SyntaxError(`Cannot read ${quote(text)} as ${what}`);
}

/** Reads the fraction of a second at `at` (after its `.`); returns its end. */
function fraction(text: string, at: number, f: Fields): number {
  let i = at;
  let ms = 0;
  let n = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    if (n < 3) ms = ms * 10 + c;
    n++;
    i++;
  }
  if (n === 0) return -1;
  for (; n < 3; n++) ms *= 10;
  f.ms = ms;
  return i;
}

/** `hh:mm:ss` at `at`; returns its end, or -1. */
function clock(text: string, at: number, f: Fields): number {
  f.hour = digits(text, at, 2);
  f.minute = digits(text, at + 3, 2);
  f.second = digits(text, at + 6, 2);
  if (
    f.hour < 0 || f.minute < 0 || f.second < 0 ||
    text.charCodeAt(at + 2) !== 58 || text.charCodeAt(at + 5) !== 58
  ) return -1;
  return at + 8;
}

function monthAt(text: string, at: number): number {
  return MONTHS[text.slice(at, at + 3)] ?? 0;
}

/** ISO 8601 / RFC 3339: `2000-10-10`, `2000-10-10T13:55:36.123+02:00`, ... */
function readIso(text: string, f: Fields): boolean {
  const n = text.length;
  f.year = digits(text, 0, 4);
  f.month = digits(text, 5, 2);
  f.day = digits(text, 8, 2);
  if (
    f.year < 0 || f.month < 0 || f.day < 0 ||
    text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45
  ) return false;
  let i = 10;
  if (i === n) return true;
  const sep = text.charCodeAt(i);
  if (sep !== 84 && sep !== 116 && sep !== 32) return false; // T, t, space
  i++;
  f.hour = digits(text, i, 2);
  f.minute = digits(text, i + 3, 2);
  if (f.hour < 0 || f.minute < 0 || text.charCodeAt(i + 2) !== 58) {
    return false;
  }
  i += 5;
  if (text.charCodeAt(i) === 58) {
    f.second = digits(text, i + 1, 2);
    if (f.second < 0) return false;
    i += 3;
    const dot = text.charCodeAt(i);
    if (dot === 46 || dot === 44) {
      i = fraction(text, i + 1, f);
      if (i < 0) return false;
    }
  }
  if (i === n) return true;
  if (text.charCodeAt(i) === 122) return i + 1 === n && ((f.offset = 0), true);
  f.offset = offsetOf(text, i, n);
  return f.offset !== undefined;
}

/** The access log's `10/Oct/2000:13:55:36 -0700` (the zone is optional). */
function readAccess(text: string, f: Fields): boolean {
  const n = text.length;
  f.day = digits(text, 0, 2);
  f.month = monthAt(text, 3);
  f.year = digits(text, 7, 4);
  if (
    f.day < 0 || f.month === 0 || f.year < 0 ||
    text.charCodeAt(2) !== 47 || text.charCodeAt(6) !== 47 ||
    text.charCodeAt(11) !== 58
  ) return false;
  let i = clock(text, 12, f);
  if (i < 0) return false;
  if (text.charCodeAt(i) === 46) {
    i = fraction(text, i + 1, f);
    if (i < 0) return false;
  }
  if (i === n) return true;
  if (text.charCodeAt(i) !== 32) return false;
  f.offset = offsetOf(text, i + 1, n);
  return f.offset !== undefined;
}

/** The day of month at `at`, space-padded or not; returns its end, or -1. */
function dayAt(text: string, at: number, f: Fields): number {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const isDigit = (c: number) => c >= 48 && c <= 57;
  if (a === 32 && isDigit(b)) {
    f.day = b - 48;
    return at + 2;
  }
  if (!isDigit(a)) return -1;
  if (isDigit(b)) {
    f.day = (a - 48) * 10 + b - 48;
    return at + 2;
  }
  f.day = a - 48;
  return at + 1;
}

/** Syslog's `Jun 14 15:16:01` (also `Jun  4`, and a fraction of a second). */
function readSyslog(text: string, f: Fields): boolean {
  f.month = monthAt(text, 0);
  if (f.month === 0 || text.charCodeAt(3) !== 32) return false;
  let i = dayAt(text, 4, f);
  if (i < 0 || text.charCodeAt(i) !== 32) return false;
  i = clock(text, i + 1, f);
  if (i < 0) return false;
  if (text.charCodeAt(i) === 46) i = fraction(text, i + 1, f);
  return i === text.length;
}

/** The Apache error log's `[Sun Dec 04 04:47:44 2005]`, brackets optional. */
function readApacheError(text: string, f: Fields): boolean {
  let n = text.length;
  let s = 0;
  if (text.charCodeAt(0) === 91) {
    if (text.charCodeAt(n - 1) !== 93) return false;
    s = 1;
    n--;
  }
  if (!WEEKDAYS.has(text.slice(s, s + 3)) || text.charCodeAt(s + 3) !== 32) {
    return false;
  }
  f.month = monthAt(text, s + 4);
  if (f.month === 0 || text.charCodeAt(s + 7) !== 32) return false;
  let i = dayAt(text, s + 8, f);
  if (i < 0 || text.charCodeAt(i) !== 32) return false;
  i = clock(text, i + 1, f);
  if (i < 0) return false;
  if (text.charCodeAt(i) === 46) {
    i = fraction(text, i + 1, f);
    if (i < 0) return false;
  }
  if (text.charCodeAt(i) !== 32 || i + 5 !== n) return false;
  f.year = digits(text, i + 1, 4);
  return f.year >= 0;
}

function daysIn(year: number, month: number): number {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The instant of `f`, its fields checked; throws a RangeError naming `text`. */
function instant(text: string, f: Fields, ctx: TimeContext): number {
  const bad = f.month < 1 || f.month > 12
    ? `month ${f.month}`
    : f.day < 1 || f.day > daysIn(f.year, f.month)
    ? `day ${f.day} of ${f.year}-${String(f.month).padStart(2, "0")}`
    : f.hour > 23
    ? `hour ${f.hour}`
    : f.minute > 59
    ? `minute ${f.minute}`
    : f.second > 60 // a leap second reads as the next minute's start
    ? `second ${f.second}`
    : undefined;
  if (bad !== undefined) {
    throw new RangeError(`Cannot read ${quote(text)} as a time: ${bad}`);
  }
  const wall = utcMs(
    f.year,
    f.month,
    f.day,
    f.hour,
    f.minute,
    f.second,
    f.ms,
  );
  return f.offset !== undefined ? wall - f.offset : wallToEpoch(wall, ctx.zone);
}

/** A syslog time's year: the context's, or the reference's, rolled back. */
function syslogYear(f: Fields, ctx: TimeContext): void {
  if (ctx.year !== undefined) {
    f.year = ctx.year;
    return;
  }
  const ref = ctx.referenceMs;
  const refYear = new Date(ref + ctx.zone.offsetAt(ref)).getUTCFullYear();
  f.year = refYear;
  // Compared loosely (Feb 29 of a common year counts as Mar 1): a time more
  // than a day after the reference was written the year before.
  const wall = utcMs(refYear, f.month, f.day, f.hour, f.minute, f.second, 0);
  if (wallToEpoch(wall, ctx.zone) > ref + DAY) f.year = refYear - 1;
}

/** An epoch count in `unit` (10^unit ms per count), as text: ms. */
function epochText(text: string, scale: number): number {
  let s = 0;
  const negative = text.charCodeAt(0) === 45;
  if (negative) s = 1;
  const dot = text.indexOf(".", s);
  const int = dot < 0 ? text.slice(s) : text.slice(s, dot);
  const frac = dot < 0 ? "" : text.slice(dot + 1);
  const all = int + frac;
  const point = int.length + scale; // where the point falls in ms
  const whole = point <= 0 ? "0" : all.slice(0, point).padEnd(point, "0");
  const rest = point <= 0 ? all : all.slice(point);
  const ms = Number(whole);
  if (!negative) return ms;
  return /[1-9]/.test(rest) ? -ms - 1 : -ms;
}

/** The unit of an epoch number by its count of integer digits. */
function epochScale(intDigits: number): number {
  return intDigits <= 11 ? 3 : intDigits <= 14 ? 0 : intDigits <= 17 ? -3 : -6;
}

const SCALES: Record<string, number> = {
  "epoch-s": 3,
  "epoch-ms": 0,
  "epoch-us": -3,
  "epoch-ns": -6,
};

function isEpochText(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text);
}

function readEpoch(text: string, format: TimeFormat): number {
  if (!isEpochText(text)) throw unreadable(text, "an epoch time");
  const scale = SCALES[format] ??
    epochScale(text.replace(/^-/, "").split(".")[0]!.length);
  return epochText(text, scale);
}

const READERS: Record<
  "iso" | "access" | "syslog" | "apache-error",
  [(text: string, f: Fields) => boolean, string]
> = {
  iso: [readIso, "an ISO 8601 time (2000-10-10T13:55:36Z)"],
  access: [readAccess, "an access log time (10/Oct/2000:13:55:36 -0700)"],
  syslog: [readSyslog, "a syslog time (Oct 10 13:55:36)"],
  "apache-error": [
    readApacheError,
    "an Apache error log time ([Tue Oct 10 13:55:36 2000])",
  ],
};

/** The format of a time in `text`, told from its first characters. */
function guess(text: string): TimeFormat | undefined {
  const c = text.charCodeAt(0);
  if (c === 91) return "apache-error";
  if (c >= 65 && c <= 90) {
    return text.charCodeAt(3) === 32 && WEEKDAYS.has(text.slice(0, 3))
      ? "apache-error"
      : "syslog";
  }
  if (isEpochText(text)) return "epoch";
  if ((c >= 48 && c <= 57) || c === 45) {
    const third = text.charCodeAt(2);
    return third === 47 ? "access" : "iso";
  }
  return undefined;
}

/**
 * The epoch milliseconds of `value` (text in `format`, or guessed from the
 * text when undefined; a number or bigint is an epoch count).
 *
 * @throws {SyntaxError} When the text is not a time in the format.
 * @throws {RangeError} When a field is out of range (month 13, Feb 30).
 */
export function epochMs(
  value: string | number | bigint,
  format: TimeFormat | undefined,
  ctx: TimeContext,
): number {
  if (typeof value !== "string") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new RangeError(`Cannot read ${value} as a time`);
    }
    const text = typeof value === "bigint" || Number.isInteger(value)
      ? value.toString()
      : value.toFixed(6);
    return readEpoch(text, format ?? "epoch");
  }
  const text = value.trim();
  const f = format ?? guess(text);
  if (f === undefined) throw unreadable(text, "a time");
  if (f.startsWith("epoch")) return readEpoch(text, f);
  const [read, what] = READERS[f as keyof typeof READERS];
  const fields = new Fields();
  if (!read(text, fields)) throw unreadable(text, what);
  if (f === "syslog") syslogYear(fields, ctx);
  return instant(text, fields, ctx);
}
