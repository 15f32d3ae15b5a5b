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

/** The line being read, and where in it. */
let s = "";
let pos = 0;
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
  s = line;
  pos = 0;
  try {
    lastState = topLevel() ? OBJECT : NOT_OBJECT;
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
    lastState = DEEP;
  } finally {
    s = "";
  }
}

/** Reads the top-level object's members; false if it is not one object. */
function topLevel(): boolean {
  blanks();
  if (s.charCodeAt(pos) !== 123) return false; // {
  pos++;
  blanks();
  if (s.charCodeAt(pos) === 125) { // }
    pos++;
  } else {
    while (true) {
      if (s.charCodeAt(pos) !== 34) return false; // "
      const keyStart = pos;
      if (!string()) return false;
      const keyEnd = pos;
      const keyEscaped = escaped;
      blanks();
      if (s.charCodeAt(pos) !== 58) return false; // :
      pos++;
      blanks();
      const start = pos;
      if (!value(1)) return false;
      if (5 * members + 5 > spans.length) {
        const grown = new Int32Array(spans.length * 2);
        grown.set(spans);
        spans = grown;
      }
      const at = 5 * members++;
      spans[at] = keyStart;
      spans[at + 1] = keyEnd;
      spans[at + 2] = start;
      spans[at + 3] = pos;
      spans[at + 4] = keyEscaped ? 1 : 0;
      blanks();
      const c = s.charCodeAt(pos++);
      if (c === 125) break; // }
      if (c !== 44) return false; // ,
      blanks();
    }
  }
  blanks();
  return pos === s.length;
}

/** Past JSON's whitespace: space, tab, line feed, carriage return. */
function blanks(): void {
  while (pos < s.length) {
    const c = s.charCodeAt(pos);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
    pos++;
  }
}

/** Past one value at `pos`, nested `depth` deep; false if it is not one. */
function value(depth: number): boolean {
  const c = s.charCodeAt(pos);
  if (c === 34) return string();
  if (c === 123 || c === 91) return container(depth + 1, c === 123);
  if (c === 116) return word("true");
  if (c === 102) return word("false");
  if (c === 110) return word("null");
  return number();
}

/** Past an object or an array (at its bracket); false if it is not one. */
function container(depth: number, object: boolean): boolean {
  if (depth > MOST_DEPTH) throw TOO_DEEP;
  const close = object ? 125 : 93;
  pos++;
  blanks();
  if (s.charCodeAt(pos) === close) {
    pos++;
    return true;
  }
  while (true) {
    if (object) {
      if (s.charCodeAt(pos) !== 34 || !string()) return false;
      blanks();
      if (s.charCodeAt(pos) !== 58) return false;
      pos++;
      blanks();
    }
    if (!value(depth)) return false;
    blanks();
    const c = s.charCodeAt(pos++);
    if (c === close) return true;
    if (c !== 44) return false;
    blanks();
  }
}

/** Past a string (at its quote); false if it is not one. Sets `escaped`. */
function string(): boolean {
  pos++;
  escaped = false;
  while (pos < s.length) {
    const c = s.charCodeAt(pos++);
    if (c === 34) return true;
    if (c < 32) return false;
    if (c !== 92) continue;
    escaped = true;
    const e = s.charCodeAt(pos++);
    if (e === 117) { // \uXXXX
      for (let k = 0; k < 4; k++) {
        if (!isHex(s.charCodeAt(pos++))) return false;
      }
    } else if (
      e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 &&
      e !== 110 && e !== 114 && e !== 116
    ) return false;
  }
  return false;
}

/** Past `text` (true, false or null); false if it is not there. */
function word(text: string): boolean {
  if (!s.startsWith(text, pos)) return false;
  pos += text.length;
  return true;
}

/** Past a number: JSON's grammar, no leading zero, no lone sign or point. */
function number(): boolean {
  if (s.charCodeAt(pos) === 45) pos++; // -
  const first = s.charCodeAt(pos);
  if (first === 48) {
    pos++;
  } else if (first >= 49 && first <= 57) {
    pos++;
    digits();
  } else {
    return false;
  }
  if (s.charCodeAt(pos) === 46) { // .
    pos++;
    if (!digits()) return false;
  }
  const e = s.charCodeAt(pos);
  if (e === 101 || e === 69) { // e E
    pos++;
    const sign = s.charCodeAt(pos);
    if (sign === 43 || sign === 45) pos++;
    if (!digits()) return false;
  }
  return true;
}

/** Past a run of digits; whether there was one. */
function digits(): boolean {
  const start = pos;
  while (pos < s.length) {
    const c = s.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    pos++;
  }
  return pos > start;
}

/** Whether `c` is the code of an ASCII hexadecimal digit. */
export function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
