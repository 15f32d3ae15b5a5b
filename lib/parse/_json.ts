// Copyright 2026 the sluice authors. MIT license.
// JSON lines with integers beyond 2^53 kept exact, as bigints. JSON.parse
// alone rounds them; a reviver that reads each number's source text keeps
// them, but costs several times as much, so it runs only on lines with a
// run of 16 digits or more (the shortest integer that may not be safe).

import { quote } from "./_quote.ts";

const INTEGER = /^-?\d+$/;

/** Whether `c` is the code of an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Whether `text` has a run of 16 digits or more. Such a run covers one of
 * every 16 positions, so only those are looked at (and the runs they fall
 * in): over 10 times faster than /\d{16}/ on typical lines.
 */
export function hasLongDigits(text: string): boolean {
  const n = text.length;
  for (let i = 15; i < n; i += 16) {
    if (!isDigit(text.charCodeAt(i))) continue;
    let a = i;
    while (a > 0 && isDigit(text.charCodeAt(a - 1))) a--;
    let b = i;
    while (b + 1 < n && isDigit(text.charCodeAt(b + 1))) b++;
    if (b - a >= 15) return true;
    // The next run that may be long enough starts after b + 1, and so
    // covers b + 16.
    i = b;
  }
  return false;
}

/** The reviver: an integer JSON.parse cannot hold exactly becomes a bigint. */
function exact(_key: string, value: unknown, context?: { source?: string }) {
  if (
    typeof value === "number" && !Number.isSafeInteger(value) &&
    context?.source !== undefined && INTEGER.test(context.source)
  ) return BigInt(context.source);
  return value;
}

/**
 * Parses JSON text with integers beyond `Number.MAX_SAFE_INTEGER` as
 * bigints; throws JSON.parse's SyntaxError.
 */
export function parseExactJson(text: string): unknown {
  return hasLongDigits(text)
    ? JSON.parse(text, exact as (key: string, value: unknown) => unknown)
    : JSON.parse(text);
}

// Not in TypeScript's lib of this Deno yet; V8 has it.
const { rawJSON } = JSON as unknown as { rawJSON(text: string): unknown };

/** JSON.stringify's replacer that writes a bigint as its digits. */
function digits(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? rawJSON(value.toString()) : value;
}

/**
 * A value as JSON text, bigints (as {@linkcode parseExactJson} reads them)
 * as their digits: JSON.stringify's fast path, and its replacer only once
 * that has thrown on a bigint.
 */
export function stringifyExact(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, digits);
  }
}

/** Makes the parser of JSON lines (each an object); `note` ends its errors. */
export function jsonParser(
  note = "",
): (line: string) => Record<string, unknown> {
  return (line) => {
    let value: unknown;
    try {
      value = parseExactJson(line);
    } catch (error) {
      throw new SyntaxError(
        `Not a JSON line${note} (${(error as Error).message}): ${quote(line)}`,
      );
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new SyntaxError(`Not a JSON object${note}: ${quote(line)}`);
    }
    return value as Record<string, unknown>;
  };
}
