// Copyright 2026 the sluice authors. MIT license.
// JSON for the command line's own field getters (the lines of logfmt or
// JSON that every command reads without --format): integers beyond 2^53
// read as exact bigints, and written back as the same digits.

const LONG_DIGITS = /\d{16}/;
const INTEGER = /^-?\d+$/;

/** JSON.parse's reviver that keeps an integer it would round as a bigint. */
function exact(_key: string, value: unknown, context?: { source?: string }) {
  return typeof value === "number" && !Number.isSafeInteger(value) &&
      context?.source !== undefined && INTEGER.test(context.source)
    ? BigInt(context.source)
    : value;
}

/**
 * Parses JSON text; an integer beyond `Number.MAX_SAFE_INTEGER` is a
 * bigint. Only text with 16 digits in a row pays for the reviver.
 *
 * @throws {SyntaxError} As JSON.parse.
 */
export function parseJson(text: string): unknown {
  return LONG_DIGITS.test(text)
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
 * A value as JSON text, bigints as plain numbers (JSON.stringify alone
 * throws on them); a Date as its ISO 8601 text.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, digits);
}
