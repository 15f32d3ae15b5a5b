// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  quote
} from "./chunk-VF6QJMNP.js";

// lib/parse/_zone.ts
var MINUTE = 6e4;
var QUARTER = 15 * MINUTE;
var UTC = {
  name: "UTC",
  offsetAt: () => 0
};
var FixedZone = class {
  name;
  #offset;
  constructor(name, offsetMs) {
    this.name = name;
    this.#offset = offsetMs;
  }
  offsetAt() {
    return this.#offset;
  }
};
var IanaZone = class {
  name;
  #format;
  #cache = /* @__PURE__ */ new Map();
  constructor(name, format) {
    this.name = name;
    this.#format = format;
  }
  offsetAt(epochMs2) {
    const quarter = Math.floor(epochMs2 / QUARTER);
    const known = this.#cache.get(quarter);
    if (known !== void 0) return known;
    const offset = this.#ask(epochMs2);
    const start = quarter * QUARTER;
    if (this.#ask(start) === offset && this.#ask(start + QUARTER - 1) === offset) {
      if (this.#cache.size >= 4096) this.#cache.clear();
      this.#cache.set(quarter, offset);
    }
    return offset;
  }
  #ask(epochMs2) {
    const whole = Math.floor(epochMs2 / 1e3) * 1e3;
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, bc = false;
    for (const part of this.#format.formatToParts(whole)) {
      const v = Number(part.value);
      switch (part.type) {
        case "year":
          y = v;
          break;
        case "month":
          mo = v;
          break;
        case "day":
          d = v;
          break;
        case "hour":
          h = v;
          break;
        case "minute":
          mi = v;
          break;
        case "second":
          s = v;
          break;
        case "era":
          bc = part.value.startsWith("B");
          break;
      }
    }
    if (bc) y = 1 - y;
    return utcMs(y, mo, d, h, mi, s, 0) - whole;
  }
};
function utcMs(year, month, day, hour, minute, second, ms) {
  const date = /* @__PURE__ */ new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}
var zones = /* @__PURE__ */ new Map();
function zoneOf(name) {
  const known = zones.get(name);
  if (known !== void 0) return known;
  let zone;
  const offset = offsetOf(name, 0, name.length);
  if (name === "UTC" || name === "Z") zone = UTC;
  else if (offset !== void 0) zone = new FixedZone(name, offset);
  else {
    let format;
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone: name,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric"
      });
    } catch {
      throw new RangeError(`Unknown time zone "${name}": give an offset such as "+02:00", "UTC" or an IANA name such as "Europe/Berlin"`);
    }
    zone = new IanaZone(name, format);
  }
  if (zones.size >= 256) zones.clear();
  zones.set(name, zone);
  return zone;
}
function offsetOf(text, start, end) {
  const len = end - start;
  if (len === 1 && text.charCodeAt(start) === 90) return 0;
  const sign = text.charCodeAt(start);
  if (sign !== 43 && sign !== 45 || len !== 3 && len !== 5 && len !== 6) {
    return void 0;
  }
  const h = digits(text, start + 1, 2);
  let m = 0;
  if (len === 5) m = digits(text, start + 3, 2);
  else if (len === 6) {
    if (text.charCodeAt(start + 3) !== 58) return void 0;
    m = digits(text, start + 4, 2);
  }
  if (h < 0 || m < 0 || h > 23 || m > 59) return void 0;
  const ms = (h * 60 + m) * MINUTE;
  return sign === 45 ? -ms : ms;
}
function digits(text, at, count) {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
function wallToEpoch(wallMs, zone) {
  if (zone === UTC) return wallMs;
  const before = zone.offsetAt(wallMs - 864e5);
  const after = zone.offsetAt(wallMs + 864e5);
  if (before === after) {
    return wallMs - zone.offsetAt(wallMs - before);
  }
  const early = wallMs - before;
  const late = wallMs - after;
  const earlyOk = zone.offsetAt(early) === before;
  const lateOk = zone.offsetAt(late) === after;
  if (earlyOk) return early;
  if (lateOk) return late;
  return early;
}

// lib/parse/_time.ts
var DAY = 864e5;
var MONTHS = {
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
  Dec: 12
};
var WEEKDAYS = /* @__PURE__ */ new Set([
  "Mon",
  "Tue",
  "Wed",
  "Thu",
  "Fri",
  "Sat",
  "Sun"
]);
var Fields = class {
  year = 0;
  month = 0;
  day = 0;
  hour = 0;
  minute = 0;
  second = 0;
  ms = 0;
  /** The offset written in the text, or undefined for the context's zone. */
  offset = void 0;
};
function unreadable(text, what) {
  return new SyntaxError(`Cannot read ${quote(text)} as ${what}`);
}
function fraction(text, at, f) {
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
function clock(text, at, f) {
  f.hour = digits(text, at, 2);
  f.minute = digits(text, at + 3, 2);
  f.second = digits(text, at + 6, 2);
  if (f.hour < 0 || f.minute < 0 || f.second < 0 || text.charCodeAt(at + 2) !== 58 || text.charCodeAt(at + 5) !== 58) return -1;
  return at + 8;
}
function monthAt(text, at) {
  return MONTHS[text.slice(at, at + 3)] ?? 0;
}
function readIso(text, f) {
  const n = text.length;
  f.year = digits(text, 0, 4);
  f.month = digits(text, 5, 2);
  f.day = digits(text, 8, 2);
  if (f.year < 0 || f.month < 0 || f.day < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  let i = 10;
  if (i === n) return true;
  const sep = text.charCodeAt(i);
  if (sep !== 84 && sep !== 116 && sep !== 32) return false;
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
  if (text.charCodeAt(i) === 122) return i + 1 === n && (f.offset = 0, true);
  f.offset = offsetOf(text, i, n);
  return f.offset !== void 0;
}
function readAccess(text, f) {
  const n = text.length;
  f.day = digits(text, 0, 2);
  f.month = monthAt(text, 3);
  f.year = digits(text, 7, 4);
  if (f.day < 0 || f.month === 0 || f.year < 0 || text.charCodeAt(2) !== 47 || text.charCodeAt(6) !== 47 || text.charCodeAt(11) !== 58) return false;
  let i = clock(text, 12, f);
  if (i < 0) return false;
  if (text.charCodeAt(i) === 46) {
    i = fraction(text, i + 1, f);
    if (i < 0) return false;
  }
  if (i === n) return true;
  if (text.charCodeAt(i) !== 32) return false;
  f.offset = offsetOf(text, i + 1, n);
  return f.offset !== void 0;
}
function dayAt(text, at, f) {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const isDigit = (c) => c >= 48 && c <= 57;
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
function readSyslog(text, f) {
  f.month = monthAt(text, 0);
  if (f.month === 0 || text.charCodeAt(3) !== 32) return false;
  let i = dayAt(text, 4, f);
  if (i < 0 || text.charCodeAt(i) !== 32) return false;
  i = clock(text, i + 1, f);
  if (i < 0) return false;
  if (text.charCodeAt(i) === 46) i = fraction(text, i + 1, f);
  return i === text.length;
}
function readApacheError(text, f) {
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
function daysIn(year, month) {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
function instant(text, f, ctx) {
  const bad = f.month < 1 || f.month > 12 ? `month ${f.month}` : f.day < 1 || f.day > daysIn(f.year, f.month) ? `day ${f.day} of ${f.year}-${String(f.month).padStart(2, "0")}` : f.hour > 23 ? `hour ${f.hour}` : f.minute > 59 ? `minute ${f.minute}` : f.second > 60 ? `second ${f.second}` : void 0;
  if (bad !== void 0) {
    throw new RangeError(`Cannot read ${quote(text)} as a time: ${bad}`);
  }
  const wall = utcMs(f.year, f.month, f.day, f.hour, f.minute, f.second, f.ms);
  return f.offset !== void 0 ? wall - f.offset : wallToEpoch(wall, ctx.zone);
}
function syslogYear(f, ctx) {
  if (ctx.year !== void 0) {
    f.year = ctx.year;
    return;
  }
  const ref = ctx.referenceMs;
  const refYear = new Date(ref + ctx.zone.offsetAt(ref)).getUTCFullYear();
  f.year = refYear;
  const wall = utcMs(refYear, f.month, f.day, f.hour, f.minute, f.second, 0);
  if (wallToEpoch(wall, ctx.zone) > ref + DAY) f.year = refYear - 1;
}
function epochText(text, scale) {
  let s = 0;
  const negative = text.charCodeAt(0) === 45;
  if (negative) s = 1;
  const dot = text.indexOf(".", s);
  const int = dot < 0 ? text.slice(s) : text.slice(s, dot);
  const frac = dot < 0 ? "" : text.slice(dot + 1);
  const all = int + frac;
  const point = int.length + scale;
  const whole = point <= 0 ? "0" : all.slice(0, point).padEnd(point, "0");
  const rest = point <= 0 ? all : all.slice(point);
  const ms = Number(whole);
  if (!negative) return ms;
  return /[1-9]/.test(rest) ? -ms - 1 : -ms;
}
function epochScale(intDigits) {
  return intDigits <= 11 ? 3 : intDigits <= 14 ? 0 : intDigits <= 17 ? -3 : -6;
}
var SCALES = {
  "epoch-s": 3,
  "epoch-ms": 0,
  "epoch-us": -3,
  "epoch-ns": -6
};
function isEpochText(text) {
  return /^-?\d+(\.\d+)?$/.test(text);
}
function readEpoch(text, format) {
  if (!isEpochText(text)) throw unreadable(text, "an epoch time");
  const scale = SCALES[format] ?? epochScale(text.replace(/^-/, "").split(".")[0].length);
  return epochText(text, scale);
}
var READERS = {
  iso: [
    readIso,
    "an ISO 8601 time (2000-10-10T13:55:36Z)"
  ],
  access: [
    readAccess,
    "an access log time (10/Oct/2000:13:55:36 -0700)"
  ],
  syslog: [
    readSyslog,
    "a syslog time (Oct 10 13:55:36)"
  ],
  "apache-error": [
    readApacheError,
    "an Apache error log time ([Tue Oct 10 13:55:36 2000])"
  ]
};
function guess(text) {
  const c = text.charCodeAt(0);
  if (c === 91) return "apache-error";
  if (c >= 65 && c <= 90) {
    return text.charCodeAt(3) === 32 && WEEKDAYS.has(text.slice(0, 3)) ? "apache-error" : "syslog";
  }
  if (isEpochText(text)) return "epoch";
  if (c >= 48 && c <= 57 || c === 45) {
    const third = text.charCodeAt(2);
    return third === 47 ? "access" : "iso";
  }
  return void 0;
}
function epochMs(value, format, ctx) {
  if (typeof value !== "string") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new RangeError(`Cannot read ${value} as a time`);
    }
    const text2 = typeof value === "bigint" || Number.isInteger(value) ? value.toString() : value.toFixed(6);
    return readEpoch(text2, format ?? "epoch");
  }
  const text = value.trim();
  const f = format ?? guess(text);
  if (f === void 0) throw unreadable(text, "a time");
  if (f.startsWith("epoch")) return readEpoch(text, f);
  const [read, what] = READERS[f];
  const fields = new Fields();
  if (!read(text, fields)) throw unreadable(text, what);
  if (f === "syslog") syslogYear(fields, ctx);
  return instant(text, fields, ctx);
}

// lib/parse/time.ts
function parseTime(time, options = {}) {
  if (typeof time !== "string" && typeof time !== "number" && typeof time !== "bigint") {
    throw new TypeError(`Cannot read ${time === null ? "null" : typeof time} as a time`);
  }
  return new Date(epochMs(time, options.format, timeContext(options)));
}
function timeContext(options) {
  const { zone, year, reference } = options;
  if (year !== void 0 && !Number.isSafeInteger(year)) {
    throw new RangeError(`Cannot read times: year must be an integer, got ${year}`);
  }
  const referenceMs = reference === void 0 ? Date.now() : typeof reference === "number" ? reference : reference.getTime();
  if (!Number.isFinite(referenceMs)) {
    throw new RangeError(`Cannot read times: reference must be a valid date, got ${String(reference)}`);
  }
  return {
    zone: zone === void 0 ? UTC : zoneOf(zone),
    year,
    referenceMs
  };
}

export {
  UTC,
  zoneOf,
  wallToEpoch,
  epochMs,
  parseTime,
  timeContext
};
