// Copyright 2026 the sluice authors. MIT license.
// Time zones for times written without an offset: a fixed offset ("+02:00",
// "UTC") or an IANA name ("Europe/Berlin") read through Intl, which knows
// the platform's zone rules. Both turn a wall-clock time into an instant and
// tell the offset at an instant.

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

/** A time zone: the offset in force at an instant, and wall time to instant. */
export interface Zone {
  /** The zone as given, for messages. */
  readonly name: string;
  /** The offset from UTC at `epochMs`, in milliseconds (east positive). */
  offsetAt(epochMs: number): number;
}

/** The zone that is UTC. */
export const UTC: Zone = { name: "UTC", offsetAt: () => 0 };

class FixedZone implements Zone {
  readonly name: string;
  readonly #offset: number;
  constructor(name: string, offsetMs: number) {
    this.name = name;
    this.#offset = offsetMs;
  }
  offsetAt(): number {
    return this.#offset;
  }
}

// Intl formats an instant in the zone; the offset is the difference between
// that wall time read as UTC and the instant. Formatting costs microseconds,
// so offsets are kept per quarter hour of UTC once both ends of the quarter
// agree: today's zones change offset only at quarter hours, and a quarter
// whose ends differ (an old local mean time) is asked every time.
class IanaZone implements Zone {
  readonly name: string;
  readonly #format: Intl.DateTimeFormat;
  #cache = new Map<number, number>();

  constructor(name: string, format: Intl.DateTimeFormat) {
    this.name = name;
    this.#format = format;
  }

  offsetAt(epochMs: number): number {
    const quarter = Math.floor(epochMs / QUARTER);
    const known = this.#cache.get(quarter);
    if (known !== undefined) return known;
    const offset = this.#ask(epochMs);
    const start = quarter * QUARTER;
    if (
      this.#ask(start) === offset && this.#ask(start + QUARTER - 1) === offset
    ) {
      if (this.#cache.size >= 4096) this.#cache.clear();
      this.#cache.set(quarter, offset);
    }
    return offset;
  }

  #ask(epochMs: number): number {
    const whole = Math.floor(epochMs / 1000) * 1000;
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
}

/** Date.UTC for any year (Date.UTC reads 0-99 as 1900-1999). */
export function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

const zones = new Map<string, Zone>();

/**
 * The zone named `name`: `"UTC"`, `"Z"`, an offset (`"+02:00"`, `"-0700"`,
 * `"+02"`) or an IANA name known to Intl.
 *
 * @throws {RangeError} When the zone is unknown.
 */
export function zoneOf(name: string): Zone {
  const known = zones.get(name);
  if (known !== undefined) return known;
  let zone: Zone;
  const offset = offsetOf(name, 0, name.length);
  if (name === "UTC" || name === "Z") zone = UTC;
  else if (offset !== undefined) zone = new FixedZone(name, offset);
  else {
    let format: Intl.DateTimeFormat;
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
        second: "numeric",
      });
    } catch {
      throw new RangeError(
        `Unknown time zone "${name}": give an offset such as "+02:00", "UTC" or an IANA name such as "Europe/Berlin"`,
      );
    }
    zone = new IanaZone(name, format);
  }
  if (zones.size >= 256) zones.clear();
  zones.set(name, zone);
  return zone;
}

/**
 * The offset written in `text` from `start` to `end` (`Z`, `+hh`, `+hhmm`,
 * `+hh:mm`, or with `-`), in milliseconds; undefined when it is not one.
 */
export function offsetOf(
  text: string,
  start: number,
  end: number,
): number | undefined {
  const len = end - start;
  if (len === 1 && text.charCodeAt(start) === 90) return 0; // Z
  const sign = text.charCodeAt(start);
  if ((sign !== 43 && sign !== 45) || (len !== 3 && len !== 5 && len !== 6)) {
    return undefined;
  }
  const h = digits(text, start + 1, 2);
  let m = 0;
  if (len === 5) m = digits(text, start + 3, 2);
  else if (len === 6) {
    if (text.charCodeAt(start + 3) !== 58) return undefined;
    m = digits(text, start + 4, 2);
  }
  if (h < 0 || m < 0 || h > 23 || m > 59) return undefined;
  const ms = (h * 60 + m) * MINUTE;
  return sign === 45 ? -ms : ms;
}

/** The `count` decimal digits at `at` as a number, or -1. */
export function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The instant of a wall-clock time in `zone`. A time that a zone skips
 * (clocks forward) is read with the offset before the change, so it lands
 * after the gap; a time that comes twice (clocks back) is the earlier one.
 */
export function wallToEpoch(wallMs: number, zone: Zone): number {
  if (zone === UTC) return wallMs;
  const before = zone.offsetAt(wallMs - 86_400_000);
  const after = zone.offsetAt(wallMs + 86_400_000);
  if (before === after) {
    // No change near: one answer (also every fixed offset).
    return wallMs - zone.offsetAt(wallMs - before);
  }
  const early = wallMs - before;
  const late = wallMs - after;
  const earlyOk = zone.offsetAt(early) === before;
  const lateOk = zone.offsetAt(late) === after;
  if (earlyOk) return early; // both: the time came twice, take the first
  if (lateOk) return late;
  return early; // in the gap: the offset before the change
}
