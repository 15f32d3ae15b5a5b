// Copyright 2026 the sluice authors. MIT license.
/**
 * `lineField`, which reads a named field of a log line, JSON or logfmt, as
 * the command line's `-k` does, and `lineWord`, which reads its n-th word
 * as the command line's `--word` does. Exported by the package's root and
 * by their own subpath, `jsr:@sluice/sluice/line-field`.
 *
 * @module
 */

import {
  type LineKeyReader,
  readsLine,
  readsOnBytes,
} from "../core/_registry.ts";
import { JsonMemberReader } from "./_json_bytes.ts";
import { parseExactJson, stringifyExact } from "./_json.ts";
import { fieldText, memberValue } from "./_json_field.ts";
import { logfmtGetter } from "./logfmt.ts";
import { logfmtKeyReader } from "./_pair_scan.ts";

/**
 * The value of top-level key `name` of the JSON line `line`: found in the
 * line's text (see _json_field.ts) and only it parsed; the whole line
 * parsed where it nests too deep to be read so.
 */
function jsonValue(line: string, name: string): unknown {
  const text = fieldText(line, name);
  if (text === undefined) return undefined;
  if (text !== null) return memberValue(text);
  try {
    const record = parseExactJson(line);
    return typeof record === "object" && record !== null &&
        !Array.isArray(record) && Object.hasOwn(record, name)
      ? (record as Record<string, unknown>)[name]
      : undefined;
  } catch {
    return undefined;
  }
}

/** Options for {@linkcode lineField}. */
export interface LineFieldOptions {
  /**
   * Give every value as text, as the command line's `sort -k` compares
   * fields: a JSON value that is not a string as its JSON text
   * (an integer beyond 2^53 with all its digits), JSON `null` as missing
   * (`undefined`); and a CR that ends the line (of a CRLF line read with
   * `lossless`) is not part of its last value. Over JSON and logfmt lines
   * alike, the keys are then all strings: as numbers, a JSON line's would
   * sort before every logfmt line's.
   *
   * @default {false}
   */
  text?: boolean;
  /**
   * Give the value as a number, as the reducers of numbers (`percentile()`,
   * `mean()`, `sum()`, ...) take it: a JSON number as it is (an integer
   * beyond 2^53 rounded to the nearest double), text that `Number()` reads
   * as a finite number (`"544"`, `" 12 "`, `"1.5e3"`) as that number, and
   * anything else (blank text, `true`, an object, a missing field) as
   * `undefined`. Cannot be given with `text`.
   *
   * Over logfmt lines, the reducers of a {@linkcode parallelGroupBy} keyed
   * by {@linkcode lineWord} or {@linkcode lineField} read such fields on the
   * lines' bytes.
   *
   * @default {false}
   */
  number?: boolean;
}

/**
 * A field's value as a number, as {@linkcode LineFieldOptions.number} says.
 * An optional minus and up to 15 digits are read here, without `Number()`:
 * most values of a log's number fields are so.
 */
function numberIn(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "string") return undefined;
  const length = value.length;
  const from = value.charCodeAt(0) === 45 ? 1 : 0;
  if (length > from && length <= 15) {
    let v = 0;
    let i = from;
    for (; i < length; i++) {
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      v = 10 * v + digit;
    }
    if (i === length) return from === 1 ? -v : v;
  }
  if (value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Makes a getter of field `name` of a log line that gives its value as a
 * number (see {@linkcode LineFieldOptions.number}), for the reducers of
 * numbers; as the signature below says otherwise.
 *
 * @param name The field's name: a top-level key of JSON lines, a pair's
 * name in logfmt.
 * @param options With `number: true`.
 * @returns The getter, from a line to the field's value as a number, or
 * `undefined` when the line has none.
 *
 * @example The latencies of log lines, to a percentile
 * ```ts
 * import { lineField, percentile } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const p95 = percentile(95, lineField("latency_ms", { number: true }));
 * let acc = p95.init();
 * for (const ms of [40, 7, 12]) acc = p95.add(acc, `latency_ms=${ms}`);
 * assert.equal(p95.result(acc), 40);
 * ```
 */
export function lineField(
  name: string,
  options: LineFieldOptions & { number: true },
): (line: string) => number | undefined;
/**
 * Makes a getter of field `name` of a log line, JSON or logfmt, as
 * {@linkcode pickFields} and the command line's `-k` read it. A line that
 * starts with `{` is a JSON object: its own top-level member `name`, parsed
 * (numbers stay numbers, integers beyond 2^53 exact as bigints), or
 * `undefined` where it has none or the line is not JSON. Any other line is
 * logfmt: the value of its last pair so named, as text, as
 * {@linkcode logfmtGetter} reads it.
 *
 * Only the field's value is parsed from a JSON line: parsing each line whole
 * would make each of its short strings an internalized string, kept in V8's
 * old generation until a full collection.
 *
 * Given as {@linkcode sort}'s `key` (in its default order, or with
 * `numeric: true`), right after {@linkcode readLines} in a
 * {@linkcode pipeline}, the field is read on the bytes of each logfmt line
 * whose pair is plain, and of each JSON line that is a flat object whose
 * member is a string without an escape or an integer: the sort takes the
 * lines as their UTF-8 and makes no string for them, where a key function
 * of one's own has each line decoded for it (`sluice sort -k latency_ms -n --budget 16MiB` over the
 * 256 MiB bench corpus: 83.3 MiB peak RSS with the lines as text, 77.7 so;
 * `sluice sort -k req --budget 16MiB`: 87.0 MiB against 79.8; medians of 5,
 * in turns, when lines sorted by a key function of their text came as
 * text).
 *
 * @param name The field's name: a top-level key of JSON lines, a pair's
 * name in logfmt.
 * @param options Whether to give every value as text, or as a number.
 * @returns The getter, from a line to the field's value, or `undefined`
 * when the line has none.
 * @throws {TypeError} When `text` and `number` are both given.
 *
 * @example Fields of JSON and logfmt lines
 * ```ts
 * import { lineField } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const status = lineField("status");
 * assert.equal(status('{"service":"db","status":503}'), 503);
 * assert.equal(status("level=info service=api status=200"), "200");
 * assert.equal(status('msg="status=500 seen" status=404'), "404");
 * assert.equal(status("level=warn service=web"), undefined);
 * ```
 *
 * @example Every value as text
 * ```ts
 * import { lineField } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const status = lineField("status", { text: true });
 * assert.equal(status('{"service":"db","status":503}'), "503");
 * assert.equal(status("service=api status=200\r"), "200");
 * assert.equal(status('{"status":null}'), undefined);
 * ```
 *
 * @example A number field, for the reducers of numbers
 * ```ts
 * import { lineField } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const latency = lineField("latency_ms", { number: true });
 * assert.equal(latency("service=api latency_ms=544"), 544);
 * assert.equal(latency('{"latency_ms":7.5}'), 7.5);
 * assert.equal(latency("service=api latency_ms=slow"), undefined);
 * ```
 *
 * @example A file sorted by a number field
 * ```ts
 * import { lineField, pipeline, readLines, sort } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(
 *   path,
 *   'latency_ms=90 path=/a\n{"latency_ms":7,"path":"/b"}\npath=/c\nlatency_ms=12 path=/d\n',
 * );
 * const lines = await Array.fromAsync(pipeline(
 *   readLines(path),
 *   sort({ key: lineField("latency_ms"), numeric: true }),
 * ));
 * assert.deepEqual(lines, [
 *   '{"latency_ms":7,"path":"/b"}',
 *   "latency_ms=12 path=/d",
 *   "latency_ms=90 path=/a",
 *   "path=/c",
 * ]);
 * await Deno.remove(path);
 * ```
 */
export function lineField(
  name: string,
  options?: LineFieldOptions,
): (line: string) => unknown;
export function lineField(
  name: string,
  options: LineFieldOptions = {},
): (line: string) => unknown {
  const logfmt = logfmtGetter(name);
  const value = (line: string) =>
    line.charCodeAt(0) === 123 ? jsonValue(line, name) : logfmt(line);
  if (options.number === true) {
    if (options.text === true) {
      throw new TypeError(
        `Cannot read field "${name}" both as text and as a number`,
      );
    }
    return readsLine(
      (line: string) => numberIn(value(line)),
      { numberField: name },
    );
  }
  const getter = options.text === true
    ? (line: string) => {
      const end = line.length - 1;
      const got = value(
        line.charCodeAt(end) === 13 ? line.slice(0, end) : line,
      );
      return typeof got === "string"
        ? got
        : got === undefined || got === null
        ? undefined
        : stringifyExact(got);
    }
    : readsLine(value, { field: name });
  const logfmtReader = logfmtKeyReader(name, true);
  if (logfmtReader === undefined) return getter;
  const utf8 = new TextEncoder().encode(name);
  const text = options.text === true;
  return readsOnBytes(getter, () => {
    const inLogfmt = logfmtReader();
    const inJson = new JsonMemberReader(utf8, text);
    const reader: LineKeyReader = {
      end: 0,
      number: false,
      find(bytes, start, end) {
        const line = bytes[start] === 123 ? inJson : inLogfmt;
        const at = line.find(bytes, start, end);
        reader.end = line.end;
        // With `text`, the getter leaves out the CR that ends a line, and
        // so a value's last character where the value ends the line.
        if (text && at >= 0 && line.end === end && bytes[end - 1] === 13) {
          reader.end = end - 1;
        }
        reader.number = line.number === true;
        return at;
      },
    };
    return reader;
  });
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Makes a getter of the `n`-th word of a line, counted from 1: the words
 * are the runs of characters between blanks (spaces and tabs), blanks at
 * the start ignored, as awk splits a line into `$1`, `$2`, ... and as
 * `parse("words")` and the command line's `--word` do. A line with fewer
 * words gives `undefined`.
 *
 * As the key of a {@linkcode parallelGroupBy} whose reducers are `count()`
 * or read fields with {@linkcode lineField}'s `number`, the workers read the
 * word and the fields on each line's bytes, with no string made for a line
 * they can read so.
 *
 * @param n Which word, from 1.
 * @returns The getter, from a line to its `n`-th word.
 * @throws {RangeError} When `n` is not an integer from 1.
 *
 * @example The third word of log lines
 * ```ts
 * import { lineWord } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const service = lineWord(3);
 * assert.equal(service("2026-11-01T00:00:00Z INFO api status=200"), "api");
 * assert.equal(service("  a\tb   c d"), "c");
 * assert.equal(service("too short"), undefined);
 * ```
 */
export function lineWord(n: number): (line: string) => string | undefined {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(
      `Cannot read word ${n} of a line: the word must be an integer from 1`,
    );
  }
  const blanks = (line: string): string | undefined => {
    const end = line.length;
    let at = 0;
    for (let f = 1;; f++) {
      while (at < end && isBlank(line.charCodeAt(at))) at++;
      if (at >= end) return undefined;
      const start = at;
      while (at < end && !isBlank(line.charCodeAt(at))) at++;
      if (f === n) return line.slice(start, at);
    }
  };
  // A line without a tab: each word's end found by V8's own search for a
  // space, not a character at a time. `sluice group --by-word 3 --workers
  // 1` over the 256 MiB bench corpus spent 407 ms of its profile here with
  // the loop above alone, four times what `indexOf` took in the benchmark's
  // own getter of the same word.
  return readsLine((line: string): string | undefined => {
    if (line.indexOf("\t") !== -1) return blanks(line);
    const end = line.length;
    let at = 0;
    for (let f = 1;; f++) {
      while (at < end && line.charCodeAt(at) === 32) at++;
      if (at >= end) return undefined;
      const space = line.indexOf(" ", at);
      const stop = space === -1 ? end : space;
      if (f === n) return line.slice(at, stop);
      at = stop;
    }
  }, { word: n });
}
