// Copyright 2026 the sluice authors. MIT license.
/**
 * `lineField`, which reads a named field of a log line, JSON or logfmt, as
 * the command line's `-k` does. Exported by the package's root and by its
 * own subpath, `jsr:@sluice/sluice/line-field`.
 *
 * @module
 */

import { type LineKeyReader, readsOnBytes } from "../core/_registry.ts";
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
}

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
 * lines as their UTF-8 and makes no string for them (`sluice sort -k latency_ms -n --budget 16MiB` over the
 * 256 MiB bench corpus: 83.3 MiB peak RSS with the lines as text, 77.7 so;
 * `sluice sort -k req --budget 16MiB`: 87.0 MiB against 79.8; medians of 5,
 * in turns).
 *
 * @param name The field's name: a top-level key of JSON lines, a pair's
 * name in logfmt.
 * @param options Whether to give every value as text.
 * @returns The getter, from a line to the field's value, or `undefined`
 * when the line has none.
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
  options: LineFieldOptions = {},
): (line: string) => unknown {
  const logfmt = logfmtGetter(name);
  const value = (line: string) =>
    line.charCodeAt(0) === 123 ? jsonValue(line, name) : logfmt(line);
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
    : value;
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
