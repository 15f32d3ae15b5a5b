// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  lineField
} from "./chunk-EKLR5R5G.js";
import {
  parseTime
} from "./chunk-2DP43KBK.js";
import {
  logfmtGetter
} from "./chunk-HME7MDZD.js";

// lib/cli/_line_time.ts
var ISO = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d(?::?\d\d)?)?)?(?=[\s,;|\]]|$)/;
var EPOCH = /^\d{10,19}(?:\.\d+)?(?=\s|$)/;
var ACCESS = /^\S+ \S+ \S+ \[([^\]]+)\]/;
var SYSLOG = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d/;
var RFC5424 = /^<\d{1,3}>\d{1,2} (\S+)/;
var PRI = /^<\d{1,3}>/;
var APACHE_ERROR = /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d [\d:.]+ \d{4}\]/;
async function referenceOf(inputs) {
  let latest = -Infinity;
  for (const input of inputs) {
    if (input === "-") continue;
    try {
      const mtime = (await Deno.stat(input)).mtime;
      if (mtime !== null) latest = Math.max(latest, mtime.getTime());
    } catch {
    }
  }
  return Number.isFinite(latest) ? latest : Date.now();
}
var TIME_FIELDS = [
  "time",
  "timestamp",
  "ts",
  "@timestamp",
  "date"
];
var TIME_GETTERS = TIME_FIELDS.map(logfmtGetter);
var JSON_TIME_GETTERS = TIME_FIELDS.map((name) => lineField(name));
function lineTime(reference) {
  const syslog = {
    reference
  };
  return (line) => {
    try {
      return timeOf(line, syslog);
    } catch {
      return void 0;
    }
  };
}
function timeOf(line, syslog) {
  const c = line.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const iso = ISO.exec(line);
    if (iso !== null) return parseTime(iso[0], {
      format: "iso"
    }).getTime();
    const epoch = EPOCH.exec(line);
    if (epoch !== null) return parseTime(epoch[0]).getTime();
  }
  if (c === 123) return fieldTime(line, syslog);
  if (c === 60) {
    const full = RFC5424.exec(line);
    if (full !== null) return parseTime(full[1]).getTime();
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
    return parseTime(access[1], {
      format: "access"
    }).getTime();
  }
  if (line.includes("=")) {
    for (const get of TIME_GETTERS) {
      const value = get(line);
      if (value !== void 0 && value !== "") {
        return parseTime(value, syslog).getTime();
      }
    }
  }
  return void 0;
}
function fieldTime(line, syslog) {
  for (const get of JSON_TIME_GETTERS) {
    const value = get(line);
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") return parseTime(value, syslog).getTime();
  }
  return void 0;
}

export {
  referenceOf,
  lineTime
};
