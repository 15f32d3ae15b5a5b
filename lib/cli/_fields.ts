// Copyright 2026 the sluice authors. MIT license.
// Fields of a log line for the command line: a named field of a logfmt or
// JSON line, or the N-th space-separated word (sort, group, distinct); a line
// as a record (fields, split); numbers read the way `sort -n` reads them; CSV
// cells.

import { parseLogfmt } from "../parse/logfmt.ts";

/**
 * The value of the logfmt pair `name` in `line` (the last one, as
 * parseLogfmt has it), without building an object; undefined when absent.
 */
export function logfmtValue(line: string, name: string): string | undefined {
  // Fast path: one unquoted occurrence at a pair's start, no quote before it.
  const at = line.indexOf(`${name}=`);
  if (at === -1) return undefined;
  const from = at + name.length + 1;
  if (
    (at === 0 || line.charCodeAt(at - 1) === 32) &&
    line.charCodeAt(from) !== 34 &&
    line.lastIndexOf('"', at) === -1 &&
    line.indexOf(`${name}=`, from) === -1
  ) {
    const end = line.indexOf(" ", from);
    return line.slice(from, end === -1 ? line.length : end);
  }
  return scanLogfmt(line, name);
}

/** The slow path of {@linkcode logfmtValue}: every pair, quotes and all. */
function scanLogfmt(line: string, name: string): string | undefined {
  const n = line.length;
  let found: string | undefined;
  let i = 0;
  while (i < n) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    const start = i;
    while (i < n && line.charCodeAt(i) !== 61 && line.charCodeAt(i) !== 32) i++;
    if (i >= n || line.charCodeAt(i) === 32) continue; // not a pair
    const isName = i - start === name.length && line.startsWith(name, start);
    i++; // past "="
    if (line.charCodeAt(i) === 34) {
      const open = i;
      i++;
      while (i < n && line.charCodeAt(i) !== 34) {
        i += line.charCodeAt(i) === 92 && i + 1 < n ? 2 : 1;
      }
      i++;
      if (isName) {
        found = parseLogfmt(`x=${line.slice(open, i)}`).x ?? "";
      }
    } else {
      const vs = i;
      while (i < n && line.charCodeAt(i) !== 32) i++;
      if (isName) found = line.slice(vs, i);
    }
  }
  return found;
}

let lastLine: string | undefined;
let lastRecord: Record<string, unknown> = {};

/** A field of a JSON line (parsed once for several fields of one line). */
function jsonValue(line: string, name: string): unknown {
  if (line !== lastLine) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = {};
    }
    lastRecord = typeof value === "object" && value !== null &&
        !Array.isArray(value)
      ? value as Record<string, unknown>
      : {};
    lastLine = line;
  }
  return Object.hasOwn(lastRecord, name) ? lastRecord[name] : undefined;
}

/** Reads field `name` of a logfmt or JSON line (a line starting with `{`). */
export function fieldGetter(name: string): (line: string) => unknown {
  return (line) =>
    line.charCodeAt(0) === 123
      ? jsonValue(line, name)
      : logfmtValue(line, name);
}

/**
 * Reads the n-th (1-based) space-separated word of a line; undefined (a
 * missing key) when the line has fewer words.
 */
export function wordGetter(n: number): (line: string) => string | undefined {
  return (line) => {
    let at = 0;
    for (let f = 1; f < n; f++) {
      const sp = line.indexOf(" ", at);
      if (sp === -1) return undefined;
      at = sp + 1;
    }
    const end = line.indexOf(" ", at);
    return line.slice(at, end === -1 ? line.length : end);
  };
}

/** A value as text: strings as they are, other values as JSON, none as "". */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
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
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const v = Number(value);
  return Number.isFinite(v) ? v : undefined;
}

/** A line as a record: a JSON object, or the pairs of a logfmt line. */
export function recordOf(line: string): Record<string, unknown> {
  if (line.startsWith("{")) {
    const value = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? value
      : {};
  }
  return parseLogfmt(line);
}

/** A record's own field (never one inherited from Object.prototype). */
export function fieldOf(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A value as a CSV cell: as {@linkcode textOf}, quoted when it must be. */
export function csvCell(value: unknown): string {
  const s = textOf(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
