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
 * Calls left to write with the replacer, after a value that held a bigint:
 * where one row has one, the next rows likely have one too (a field of
 * 64-bit ids), and a failed fast attempt costs an exception each time.
 */
let withReplacer = 0;
/** Calls written with the replacer after each value that held a bigint. */
const REPLACER_RUN = 1024;

/**
 * A value as JSON text, bigints as plain numbers (JSON.stringify alone
 * throws on them); a Date as its ISO 8601 text.
 *
 * Without a replacer, JSON.stringify takes V8's fast path: a row of `group`
 * (`{"req":10010746,"count":1}`) took 95 ns that way against 430 ns with
 * one. Only a bigint makes the fast attempt throw; then the replacer writes
 * it, and the next REPLACER_RUN values too.
 */
export function toJson(value: unknown): string {
  if (withReplacer > 0) {
    withReplacer--;
    return JSON.stringify(value, digits);
  }
  try {
    return JSON.stringify(value);
  } catch (error) {
    // A bigint, or what the replacer cannot help (a cycle throws again).
    if (!(error instanceof TypeError)) throw error;
    withReplacer = REPLACER_RUN;
    return JSON.stringify(value, digits);
  }
}
