// Copyright 2026 the sluice authors. MIT license.
// The time of a log line for --merge-by-time: where each common format puts
// it, read by parseTime; a line with none continues the one before it.

import { parseTime } from "../parse/time.ts";
import { lineField } from "../parse/line_field.ts";
import { logfmtGetter } from "../parse/logfmt.ts";

const ISO =
  /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d(?::?\d\d)?)?)?(?=[\s,;|\]]|$)/;
const EPOCH = /^\d{10,19}(?:\.\d+)?(?=\s|$)/;
const ACCESS = /^\S+ \S+ \S+ \[([^\]]+)\]/;
const SYSLOG = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d/;
const RFC5424 = /^<\d{1,3}>\d{1,2} (\S+)/;
const PRI = /^<\d{1,3}>/;
const APACHE_ERROR = /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d [\d:.]+ \d{4}\]/;

/**
 * When the inputs were written at the latest: the newest modification time
 * of the files among them (syslog times have no year; see parseTime).
 */
export async function referenceOf(inputs: string[]): Promise<number> {
  let latest = -Infinity;
  for (const input of inputs) {
    if (input === "-") continue;
    try {
      const mtime = (await Deno.stat(input)).mtime;
      if (mtime !== null) latest = Math.max(latest, mtime.getTime());
    } catch {
      // The run itself reports an input it cannot read.
    }
  }
  return Number.isFinite(latest) ? latest : Date.now();
}

/** The names a JSON or logfmt line's time goes by, in the order tried. */
const TIME_FIELDS = ["time", "timestamp", "ts", "@timestamp", "date"];
/** Readers of TIME_FIELDS in a logfmt line, in the same order. */
const TIME_GETTERS = TIME_FIELDS.map(logfmtGetter);
/**
 * Readers of TIME_FIELDS in a JSON line, in the same order: each reads its
 * field's value alone (see lineField). Parsing the line whole made each of
 * its short strings, a log's request ids among them, an internalized string
 * kept in V8's old generation: `sluice count --merge-by-time` of two halves
 * of 256 MiB of JSON lines peaked at 173.4 MiB so, 119.5 after (medians of
 * 3 in turns, V8's defaults).
 */
const JSON_TIME_GETTERS = TIME_FIELDS.map((name) => lineField(name));

/**
 * The key of `--merge-by-time`: the instant (milliseconds) of a line that
 * starts with an ISO 8601 time, an epoch count, a syslog time (RFC 3164,
 * its year from `reference`, or RFC 5424), an Apache error log's time, or
 * is an access log line, or a JSON or logfmt line with a time field
 * (`time`, `timestamp`, `ts`, `@timestamp`, `date`); undefined for any
 * other line, which then stays with the line before it (a stack trace).
 */
export function lineTime(
  reference: number,
): (line: string) => number | undefined {
  const syslog = { reference };
  return (line) => {
    try {
      return timeOf(line, syslog);
    } catch {
      return undefined; // not a time after all: a continuation
    }
  };
}

function timeOf(
  line: string,
  syslog: { reference: number },
): number | undefined {
  const c = line.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const iso = ISO.exec(line);
    if (iso !== null) return parseTime(iso[0], { format: "iso" }).getTime();
    const epoch = EPOCH.exec(line);
    if (epoch !== null) return parseTime(epoch[0]).getTime();
  }
  if (c === 123) return fieldTime(line, syslog);
  if (c === 60) {
    const full = RFC5424.exec(line);
    if (full !== null) return parseTime(full[1]!).getTime();
    const pri = PRI.exec(line);
    if (pri !== null) return timeOf(line.slice(pri[0].length), syslog);
  }
  if (c === 91) {
    const error = APACHE_ERROR.exec(line);
    if (error !== null) return parseTime(error[0]).getTime();
  }
  const stamp = SYSLOG.exec(line);
  if (stamp !== null) return parseTime(stamp[0], syslog).getTime();
  const access = ACCESS.exec(line);
  if (access !== null) {
    return parseTime(access[1]!, { format: "access" }).getTime();
  }
  if (line.includes("=")) {
    for (const get of TIME_GETTERS) {
      const value = get(line);
      if (value !== undefined && value !== "") {
        return parseTime(value, syslog).getTime();
      }
    }
  }
  return undefined;
}

/**
 * The time of a JSON line: its first field of TIME_FIELDS that is text or
 * a number; undefined when it has none, or is not JSON.
 */
function fieldTime(
  line: string,
  syslog: { reference: number },
): number | undefined {
  for (const get of JSON_TIME_GETTERS) {
    const value = get(line);
    if (
      typeof value === "string" || typeof value === "number" ||
      typeof value === "bigint"
    ) return parseTime(value, syslog).getTime();
  }
  return undefined;
}
