// Copyright 2026 the sluice authors. MIT license.
// Top-level fields of a JSON line, found by reading the line's text rather
// than parsing all of it into an object: fieldText gives a member's text,
// memberValue and memberValues its value (a short string cut, not parsed),
// and jsonKeysParser the records of parse's `keys`. JSON.parse makes every
// string value of fewer than 10 characters an internalized string, kept in
// V8's string table and old generation until a full collection: a log's
// request ids (8 hex digits, nearly all different) made `sluice group --by
// service --count` over 256 MiB of JSON lines peak at 147 MiB. Only the
// field's own value is parsed here; the rest of the line is checked to be
// JSON, so that a line JSON.parse refuses still has no field.

import { jsonParser, parseExactJson } from "./_json.ts";

const QUOTE = 0x22;

/**
 * The text of a JSON string value shorter than this (its quotes included)
 * is cut from the line, not parsed: JSON.parse makes a string of fewer
 * than 10 characters an internalized one, kept in V8's string table and
 * old generation. A log's request ids (8 hex digits, nearly all different)
 * were each one: over 256 MiB of JSON lines at V8's defaults (medians of 3
 * in turns), `sluice sort -k req` peaked at 153.6 MiB, 104.6 with them
 * cut, and `sluice group --by req --count` at 127.8 MiB, 91.1 so.
 */
const SHORT_STRING_TEXT = 12;

/**
 * The value of a member whose JSON text fieldText gave: a short string
 * without an escape cut from the text, any other value parsed (integers
 * beyond 2^53 exact).
 */
export function memberValue(text: string): unknown {
  return text.length < SHORT_STRING_TEXT && text.charCodeAt(0) === QUOTE &&
      !text.includes("\\")
    ? text.slice(1, -1)
    : parseExactJson(text);
}

/**
 * The values of top-level keys `names` of the JSON object `line`, each read
 * from the line's text as memberValue reads it, `undefined` where the
 * object has no such key; undefined when `line` is not one JSON object
 * that fieldText reads (JSON.parse refuses it, it is another value, or it
 * nests too deep), for the caller to parse whole.
 */
export function memberValues(
  line: string,
  names: readonly string[],
): unknown[] | undefined {
  if (line !== lastLine) read(line);
  if (lastState !== OBJECT) return undefined;
  const values = new Array<unknown>(names.length);
  for (let i = 0; i < names.length; i++) {
    const text = fieldText(line, names[i]!);
    if (text != null) values[i] = memberValue(text);
  }
  return values;
}

/**
 * The parser of JSON lines that keeps only `keys` of each line's object,
 * those it has, in the order given (parse's `keys`): each read from the
 * line's text and its value alone parsed (see memberValue). A line this
 * reading cannot take (not one JSON object, or nested too deep) goes to
 * jsonParser whole, which throws as it always does.
 */
export function jsonKeysParser(
  note: string,
  keys: readonly string[],
): (line: string) => Record<string, unknown> {
  const whole = jsonParser(note);
  return (line) => {
    const record: Record<string, unknown> = {};
    const values = memberValues(line, keys);
    if (values !== undefined) {
      for (let i = 0; i < keys.length; i++) {
        if (values[i] !== undefined) setOwn(record, keys[i]!, values[i]);
      }
      return record;
    }
    const parsed = whole(line);
    for (const key of keys) {
      if (Object.hasOwn(parsed, key)) setOwn(record, key, parsed[key]);
    }
    return record;
  };
}

/** Sets an own property, `__proto__` too (as JSON.parse makes it). */
function setOwn(
  record: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  if (key === "__proto__") {
    Object.defineProperty(record, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    record[key] = value;
  }
}

/** Whether the last string read held an escape. */
let escaped = false;

/**
 * The line read last, and what was found in it: each top-level member's
 * key and value as [keyStart, keyEnd, valueStart, valueEnd, escaped] in
 * `spans`, so that several fields of one line (`group --by service --p95
 * latency_ms`) read it once.
 */
let lastLine: string | undefined;
let lastState = 0;
let members = 0;
let spans = new Int32Array(5 * 32);

/** What lastState says: the line is one JSON object, or not, or too deep. */
const OBJECT = 0;
const NOT_OBJECT = 1;
const DEEP = 2;

/**
 * Nesting beyond which the reading gives up (JSON.parse has no such limit):
 * the caller then parses the line whole.
 */
const MOST_DEPTH = 512;

/** Thrown past MOST_DEPTH. */
const TOO_DEEP = new Error("too deep");

/**
 * The value of top-level key `name` of the JSON object that `line` is (the
 * last one, as JSON.parse keeps the last of a repeated key), as its JSON text;
 * `undefined` when the object has no such key, or when `line` is not one
 * JSON object (a line JSON.parse refuses, an array, a number); `null` when
 * the line nests too deep to be read here, for the caller to parse whole.
 */
export function fieldText(
  line: string,
  name: string,
): string | undefined | null {
  if (line !== lastLine) read(line);
  if (lastState === DEEP) return null;
  if (lastState === NOT_OBJECT) return undefined;
  for (let m = members - 1; m >= 0; m--) {
    const at = 5 * m;
    const keyStart = spans[at]!;
    const keyEnd = spans[at + 1]!;
    const named = spans[at + 4] === 1
      ? JSON.parse(line.slice(keyStart, keyEnd)) === name
      : keyEnd - keyStart - 2 === name.length &&
        line.startsWith(name, keyStart + 1);
    if (named) return line.slice(spans[at + 2]!, spans[at + 3]!);
  }
  return undefined;
}

/** Reads `line` into lastLine, lastState, members and spans. */
function read(line: string): void {
  lastLine = line;
  members = 0;
  try {
    lastState = topLevel(line) ? OBJECT : NOT_OBJECT;
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
    lastState = DEEP;
  }
}

// The reading below goes from place to place in the line: each function
// takes the text and a place and gives the place past what it read, or -1
// where the text is not that. With the text and the place in variables of
// the module instead, loaded and stored at every character, lineField("req")
// took 0.83 us a line of the bench corpus as JSON lines, and takes 0.42 so
// (64 MiB in one process); `sluice group --by req --count` over 256 MiB of
// them, 3.36 s and now 3.15 (medians of 5 in turns).

/** Reads the top-level object's members; false if it is not one object. */
function topLevel(t: string): boolean {
  let p = blanks(t, 0);
  if (t.charCodeAt(p) !== 123) return false; // {
  p = blanks(t, p + 1);
  if (t.charCodeAt(p) === 125) { // }
    p++;
  } else {
    while (true) {
      if (t.charCodeAt(p) !== 34) return false; // "
      const keyStart = p;
      const keyEnd = string(t, p);
      if (keyEnd === -1) return false;
      const keyEscaped = escaped;
      p = blanks(t, keyEnd);
      if (t.charCodeAt(p) !== 58) return false; // :
      const start = blanks(t, p + 1);
      p = value(t, start, 1);
      if (p === -1) return false;
      if (5 * members + 5 > spans.length) {
        const grown = new Int32Array(spans.length * 2);
        grown.set(spans);
        spans = grown;
      }
      const at = 5 * members++;
      spans[at] = keyStart;
      spans[at + 1] = keyEnd;
      spans[at + 2] = start;
      spans[at + 3] = p;
      spans[at + 4] = keyEscaped ? 1 : 0;
      p = blanks(t, p);
      const c = t.charCodeAt(p++);
      if (c === 125) break; // }
      if (c !== 44) return false; // ,
      p = blanks(t, p);
    }
  }
  return blanks(t, p) === t.length;
}

/** Past JSON's whitespace from `p`: space, tab, line feed, carriage return. */
function blanks(t: string, p: number): number {
  while (p < t.length) {
    const c = t.charCodeAt(p);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    p++;
  }
  return p;
}

/** Past one value at `p`, nested `depth` deep; -1 if it is not one. */
function value(t: string, p: number, depth: number): number {
  const c = t.charCodeAt(p);
  if (c === 34) return string(t, p);
  if (c === 123 || c === 91) return container(t, p, depth + 1, c === 123);
  if (c === 116) return word(t, p, "true");
  if (c === 102) return word(t, p, "false");
  if (c === 110) return word(t, p, "null");
  return number(t, p);
}

/** Past an object or an array (at its bracket at `p`); -1 if not one. */
function container(
  t: string,
  p: number,
  depth: number,
  object: boolean,
): number {
  if (depth > MOST_DEPTH) throw TOO_DEEP;
  const close = object ? 125 : 93;
  p = blanks(t, p + 1);
  if (t.charCodeAt(p) === close) return p + 1;
  while (true) {
    if (object) {
      if (t.charCodeAt(p) !== 34) return -1;
      p = string(t, p);
      if (p === -1) return -1;
      p = blanks(t, p);
      if (t.charCodeAt(p) !== 58) return -1;
      p = blanks(t, p + 1);
    }
    p = value(t, p, depth);
    if (p === -1) return -1;
    p = blanks(t, p);
    const c = t.charCodeAt(p++);
    if (c === close) return p;
    if (c !== 44) return -1;
    p = blanks(t, p);
  }
}

/**
 * Past the string whose quote is at `p`; -1 if it is not one. Sets
 * `escaped`.
 */
function string(t: string, p: number): number {
  let slash = false;
  for (p++; p < t.length;) {
    const c = t.charCodeAt(p++);
    if (c === 34) {
      escaped = slash;
      return p;
    }
    if (c < 32) return -1;
    if (c !== 92) continue;
    slash = true;
    const e = t.charCodeAt(p++);
    if (e === 117) { // \uXXXX
      for (let k = 0; k < 4; k++) {
        if (!isHex(t.charCodeAt(p++))) return -1;
      }
    } else if (
      e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 &&
      e !== 110 && e !== 114 && e !== 116
    ) return -1;
  }
  return -1;
}

/** Past `text` (true, false or null) at `p`; -1 if it is not there. */
function word(t: string, p: number, text: string): number {
  return t.startsWith(text, p) ? p + text.length : -1;
}

/**
 * Past the number at `p`: JSON's grammar, no leading zero, no lone sign or
 * point; -1 if there is none.
 */
function number(t: string, p: number): number {
  if (t.charCodeAt(p) === 45) p++; // -
  const first = t.charCodeAt(p);
  if (first === 48) {
    p++;
  } else if (first >= 49 && first <= 57) {
    p = digits(t, p + 1);
  } else {
    return -1;
  }
  if (t.charCodeAt(p) === 46) { // .
    const q = digits(t, p + 1);
    if (q === p + 1) return -1;
    p = q;
  }
  const e = t.charCodeAt(p);
  if (e === 101 || e === 69) { // e E
    p++;
    const sign = t.charCodeAt(p);
    if (sign === 43 || sign === 45) p++;
    const q = digits(t, p);
    if (q === p) return -1;
    p = q;
  }
  return p;
}

/** Past a run of digits from `p` (`p` itself where there is none). */
function digits(t: string, p: number): number {
  while (p < t.length) {
    const c = t.charCodeAt(p);
    if (c < 48 || c > 57) break;
    p++;
  }
  return p;
}

/** Whether `c` is the code of an ASCII hexadecimal digit. */
export function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
