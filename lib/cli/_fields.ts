// Copyright 2026 the sluice authors. MIT license.
// Fields of a log line for the command line without --format (a named field
// of a logfmt or JSON line is lineField's, and the N-th word lineWord's,
// parse/line_field.ts): a line as a record (fields, split); numbers read the
// way `sort -n` reads them, integers exact; CSV cells.

import { parseLogfmt } from "../parse/logfmt.ts";
import { parseJson, toJson } from "./_json.ts";

/**
 * A value as text: strings as they are, other values as JSON (bigints as
 * their digits), none as "".
 */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : toJson(value);
}

/**
 * A group key: a number (from JSON, or a format's number) stays a number,
 * a bigint is tagged text that {@linkcode keyValue} reads back (groupBy
 * keys are strings or numbers), anything else is as {@linkcode textOf}.
 */
export function groupKey(value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) {
    return value === 0 ? 0 : value;
  }
  if (typeof value === "bigint") {
    // After the numbers, in numeric order among big integers.
    return `\0${bigintOrder(value)}\0${value}`;
  }
  return textOf(value);
}

/**
 * A logfmt value written as a number (its canonical text: `200`, `-1.5`,
 * not `007` or `1e3`) as that number, so that `status=200` and the JSON
 * `"status":200` of another line are one group; other values as they are.
 */
export function asNumber(value: unknown): unknown {
  if (typeof value !== "string" || value === "") return value;
  const c = value.charCodeAt(value.length - 1);
  if (c < 48 || c > 57) return value;
  // An integer of up to 15 digits is read without String(n): V8 keeps the
  // text of each number it converts in a cache of its own, so every such
  // key left a string alive across scavenges. `sluice group --by req` over
  // 300 MB of the bench corpus (2.3% of its ids are digits only) promoted
  // 0.22 MB every 0.3 s where ids of letters promoted 3 KB; over 1 GiB with
  // a 16 MiB budget it peaked at 106.6 MiB, 89.0 after (the benchmark's
  // medians).
  const first = value.charCodeAt(0) === 45 ? 1 : 0; // "-"
  let i = first;
  for (let d = value.charCodeAt(i); d >= 48 && d <= 57;) {
    d = value.charCodeAt(++i);
  }
  const digits = i - first;
  if (i === value.length && digits > 0 && digits <= 15) {
    // Canonical text only: no leading zero but "0" itself, and no "-0".
    if (value.charCodeAt(first) !== 48) return Number(value);
    return digits === 1 && first === 0 ? 0 : value;
  }
  // A number's own text (as String() writes it) holds only digits, "." and
  // an "e" followed by "+" or "-": any other value is text, known without
  // Number() and String(n). Ids such as `1234e5` (1.7% of the bench
  // corpus's request ids) each left String(n)'s result alive in that cache:
  // `sluice group --by req` with 16 MiB over 1 GiB promoted 2.7 MiB of them
  // into V8's old generation, and its young generation grew to 8 MiB
  // semi-spaces.
  for (let j = first; j < value.length; j++) {
    const c = value.charCodeAt(j);
    if ((c >= 48 && c <= 57) || c === 46) continue; // a digit or "."
    const sign = value.charCodeAt(j + 1);
    if (c === 101 && (sign === 43 || sign === 45)) j++; // "e+" or "e-"
    else return value;
  }
  const n = Number(value);
  if (String(n) === value) return n;
  return /^-?[1-9]\d{15,}$/.test(value) ? BigInt(value) : value;
}

/** A key of {@linkcode groupKey} as the value to write. */
export function keyValue(key: unknown): unknown {
  return typeof key === "string" && key.startsWith("\0")
    ? BigInt(key.slice(key.lastIndexOf("\0") + 1))
    : key;
}

/**
 * A big integer as text that sorts as the number among such texts: a sign
 * mark, the count of digits, then the digits (a negative number's each
 * turned to 9 minus it, and closed by a mark above any digit).
 */
function bigintOrder(value: bigint): string {
  if (value === 0n) return "2";
  const digits = (value < 0n ? -value : value).toString();
  if (value > 0n) return `3${String(digits.length).padStart(10, "0")}${digits}`;
  let turned = "";
  for (const d of digits) turned += String(57 - d.charCodeAt(0));
  const count = String(9_999_999_999 - digits.length).padStart(10, "0");
  return `1${count}${turned}~`;
}

/**
 * A field's value as a key: text (see {@linkcode textOf}), or undefined (a
 * missing key, sorted or grouped last) when the field is absent or null.
 */
export function keyText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : textOf(value);
}

/**
 * The number at the start of `value` as `sort -n` reads it in the C locale:
 * blanks, an optional minus, digits, an optional fraction. Where `sort -n`
 * reads 0, there is no number: NaN, a missing key, sorted last. Numbers
 * (from JSON) are taken as they are.
 */
export function leadingNumber(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  const text = textOf(value);
  const n = text.length;
  let i = 0;
  while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const start = i;
  if (i < n && text.charCodeAt(i) === 45) i++;
  let digits = 0;
  while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
    i++;
    digits++;
  }
  if (i < n && text.charCodeAt(i) === 46) {
    i++;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return NaN;
  const v = Number(text.slice(start, i));
  return v === 0 ? 0 : v;
}

/** A number field's value: a JSON number, or a string that is a number. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "string") return undefined;
  // Digits alone, with a minus or not (most values: `latency_ms=544`), read
  // here: `trim()` and `Number()` of a value cut from a line took 141 ms of
  // `sluice group --by-word 3 --p95 latency_ms --workers 1` over the 256 MiB
  // bench corpus (`--cpu-prof`). Up to 15 digits, the value is exact.
  const length = value.length;
  if (length <= 15) {
    const minus = value.charCodeAt(0) === 45 ? 1 : 0;
    let v = 0;
    let i = minus;
    for (; i < length; i++) {
      const d = value.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === length && length > minus) return minus === 1 ? -v : v;
  }
  if (value.trim() === "") return undefined;
  const v = Number(value);
  return Number.isFinite(v) ? v : undefined;
}

const INTEGER = /^\s*-?\d+\s*$/;

/**
 * A number field's value as {@linkcode numberOf} reads it, but an integer
 * beyond 2^53 (a bigint from JSON, or such digits in text) exact, as a
 * bigint.
 */
export function exactNumberOf(value: unknown): number | bigint | undefined {
  if (typeof value === "bigint") return value;
  const v = numberOf(value);
  return v !== undefined && !Number.isSafeInteger(v) &&
      typeof value === "string" && INTEGER.test(value)
    ? BigInt(value.trim())
    : v;
}

/** A line as a record: a JSON object, or the pairs of a logfmt line. */
export function recordOf(line: string): Record<string, unknown> {
  if (line.startsWith("{")) {
    const value = parseJson(line);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? value as Record<string, unknown>
      : {};
  }
  return parseLogfmt(line);
}

/** A value as a CSV cell: as {@linkcode textOf}, quoted when it must be. */
export function csvCell(value: unknown): string {
  const s = textOf(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * How the command line reads times: `--zone`, `--year`, and when the input
 * was written at the latest (see parseTime, and readTime in _read_time.ts).
 */
export interface TimeReading {
  reference?: number;
  zone?: string;
  year?: number;
}
