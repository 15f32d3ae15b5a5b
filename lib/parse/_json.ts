// Copyright 2026 the sluice authors. MIT license.
// JSON lines with integers beyond 2^53 kept exact, as bigints. JSON.parse
// alone rounds them; a reviver that reads each number's source text keeps
// them, but costs several times as much, so it runs only on lines with a
// run of 16 digits or more (the shortest integer that may not be safe).

import { quote } from "./_time.ts";

// Makes no match array: a test, not an exec.
const LONG_DIGITS = /\d{16}/;
const INTEGER = /^-?\d+$/;

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
  return LONG_DIGITS.test(text)
    ? JSON.parse(text, exact as (key: string, value: unknown) => unknown)
    : JSON.parse(text);
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
