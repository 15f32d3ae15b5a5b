// Copyright 2026 the sluice authors. MIT license.
/**
 * `pickFields`, the stage that writes named fields of logfmt or JSON lines
 * as JSON lines or CSV rows (what `sluice fields -k` prints). Exported by
 * the package's root and by its own subpath, `jsr:@sluice/sluice/pick-fields`.
 *
 * @module
 */

import { policyOf } from "../policy/_policy.ts";
import type { ErrorPolicyOptions } from "../policy/error_policy.ts";
import type { LineBytesMap } from "../core/_registry.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { perItemStage } from "../stages/_per_item.ts";
import { parseExactJson, stringifyExact } from "./_json.ts";
import { memberValues } from "./_json_field.ts";
import { logfmtGetter } from "./logfmt.ts";
import { PairScan } from "./_pair_scan.ts";

/** Options for {@linkcode pickFields}. */
export interface PickFieldsOptions extends StageOptions, ErrorPolicyOptions {
  /**
   * What each line becomes: `"json"`, an object of the fields, keys in the
   * order given (`{"path":"/v1","status":"200"}`); `"csv"`, a CSV row of
   * their values in that order (`/v1,200`): a missing field or `null` is an
   * empty cell, text is as it is, any other JSON value is its JSON text,
   * and a cell that holds a comma, a quote, a CR or an LF is quoted, its
   * quotes doubled (RFC 4180). The stage writes no header row: give one to
   * the writer (`writeLines(path, { header: "path,status" })`).
   *
   * @default {"json"}
   */
  format?: "json" | "csv";
}

/**
 * Writes the fields named `keys` of each line as a JSON line, the keys in
 * the order given: `{"service":"api","status":"200"}`, or with `format:
 * "csv"` as a CSV row, `api,200`. A line that starts
 * with `{` is a JSON object, whose own fields are taken as they are (numbers
 * stay numbers, integers beyond 2^53 exact); any other line is logfmt, whose
 * last pair of each name is taken as text (see {@linkcode logfmtGetter}). A
 * field a line lacks is `null` (in CSV an empty cell). Of a JSON line, only
 * the named fields are parsed, as {@linkcode lineField} reads them, while
 * the rest is checked to be JSON: a line that `JSON.parse` refuses fails.
 *
 * Right between {@linkcode readLines} and {@linkcode writeLines} in a
 * {@linkcode pipeline}, the reader runs it on the bytes of each logfmt
 * line as it cuts the line out and hands on the row's bytes to the writer:
 * no line is decoded and no string made, except for a line whose pair is
 * quoted or follows a quote, or whose value is not ASCII or needs escapes
 * or quotes (that one is decoded and written as text). From the first JSON
 * line on, the stage reads the lines as text, as anywhere else.
 *
 * Memory: one chunk in flight.
 *
 * @param keys The fields to write, at least one.
 * @param options The stage's name, JSON lines or CSV rows, and what to do
 * with a JSON line that does not parse (by default the run fails, naming
 * its file and line).
 * @returns The stage.
 * @throws {RangeError} When `keys` is empty or holds an empty key, or
 * `format` is neither "json" nor "csv".
 *
 * @example Two fields of logfmt and JSON lines
 * ```ts
 * import { pickFields, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const rows = await Array.fromAsync(pipeline(
 *   [
 *     "level=info service=api status=200 ms=3",
 *     '{"service":"db","status":503}',
 *     "level=warn service=web",
 *   ],
 *   pickFields(["service", "status"]),
 * ));
 * assert.deepEqual(rows, [
 *   '{"service":"api","status":"200"}',
 *   '{"service":"db","status":503}',
 *   '{"service":"web","status":null}',
 * ]);
 * ```
 *
 * @example A CSV file with its header row
 * ```ts
 * import { pickFields, pipeline, writeLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await pipeline(
 *   [
 *     'level=info path=/v1/users status=200 msg="all good"',
 *     '{"path":"/v1/a,b","status":503}',
 *     "level=warn status=404",
 *   ],
 *   pickFields(["path", "status", "msg"], { format: "csv" }),
 *   writeLines(path, { header: "path,status,msg" }),
 * );
 * assert.equal(
 *   await Deno.readTextFile(path),
 *   'path,status,msg\n/v1/users,200,all good\n"/v1/a,b",503,\n,404,\n',
 * );
 * await Deno.remove(path);
 * ```
 */
export function pickFields(
  keys: readonly string[],
  options: PickFieldsOptions = {},
): Stage<string, string> {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new RangeError("Cannot create pickFields stage: keys names no field");
  }
  for (const key of keys) {
    if (typeof key !== "string" || key === "") {
      throw new RangeError(
        `Cannot create pickFields stage: a key must be a non-empty string, got ${
          JSON.stringify(key)
        }`,
      );
    }
  }
  const format = options.format ?? "json";
  if (format !== "json" && format !== "csv") {
    throw new RangeError(
      `Cannot create pickFields stage: format must be "json" or "csv", got ${
        JSON.stringify(format)
      }`,
    );
  }
  const names = [...keys];
  const getters = names.map(logfmtGetter);
  if (format === "csv") return csvStage(names, getters, options);
  // `{"k1":`, `,"k2":` and so on, when an object would keep the keys as
  // given: not a key twice, an array index (an object puts those first) or
  // `__proto__`.
  const heads = new Set(names).size === names.length &&
      names.every((k) => k !== "__proto__" && !isArrayIndex(k))
    ? names.map((k, i) => (i === 0 ? "{" : ",") + JSON.stringify(k) + ":")
    : undefined;
  const logfmtRow = heads === undefined
    ? (line: string) => {
      const picked: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) {
        picked[names[i]!] = getters[i]!(line) ?? null;
      }
      return JSON.stringify(picked);
    }
    // Written out directly: what JSON.stringify gives of an object of the
    // keys, without the object. `sluice fields -k service,status` over the
    // 1 GiB bench corpus: 4.96 -> 4.58 s, peak RSS the same (68.0, 67.6 MiB;
    // medians of 3 in turns, V8's defaults); it allocated 848 MiB in all
    // instead of 1,067 over the 256 MiB corpus.
    : (line: string) => {
      let out = "";
      for (let i = 0; i < names.length; i++) {
        const value = getters[i]!(line);
        out += heads[i]! +
          (value === undefined ? "null" : JSON.stringify(value));
      }
      return out + "}";
    };
  const row = (line: string): string => {
    if (line.charCodeAt(0) !== 123) return logfmtRow(line);
    const values = jsonValues(line, names);
    const picked: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      picked[names[i]!] = values[i] ?? null;
    }
    return stringifyExact(picked);
  };
  return pickStage(
    names,
    options,
    row,
    heads === undefined
      ? undefined
      : () => logfmtBytes(names, heads, logfmtRow),
  );
}

/**
 * The stage that writes `row` of each line, and runs `map` on the lines'
 * bytes where the plan lets it (see mapsLineBytes in core/_registry.ts).
 */
function pickStage(
  names: readonly string[],
  options: PickFieldsOptions,
  row: (line: string) => string,
  map: (() => LineBytesMap) | undefined,
): Stage<string, string> {
  // A key with a character that bad bytes decode to could match such bytes
  // as text and not as bytes: none is read on bytes.
  const onBytes = map !== undefined &&
    names.every((k) => k.isWellFormed() && !k.includes("\uFFFD"));
  return perItemStage<string, string>({
    kind: "pickFields",
    name: options.name,
    policy: policyOf("pickFields", options),
    outcome: "replace",
    fn: row,
    mapsLineBytes: onBytes ? map : undefined,
  });
}

/**
 * The values of fields `names` of a JSON line, `undefined` where it has
 * none (integers beyond 2^53 exact). Each is read from the line's text and
 * parsed alone (see _json_field.ts): parsing the line whole would make each
 * of its short strings, a log's request ids among them, an internalized
 * string kept in V8's old generation. `sluice fields -k req,status` over
 * 256 MiB of JSON lines peaked at 123.2 MiB so, and at 68.0 with each field
 * read alone (medians of 3 in turns, V8's defaults). A line is read so only
 * where it is one JSON object: any other line is parsed whole, and one that
 * JSON.parse refuses throws its SyntaxError.
 */
function jsonValues(line: string, names: readonly string[]): unknown[] {
  const read = memberValues(line, names);
  if (read !== undefined) return read;
  const values = new Array<unknown>(names.length);
  const parsed = parseExactJson(line);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return values;
  }
  const record = parsed as Record<string, unknown>;
  for (let i = 0; i < names.length; i++) {
    if (Object.hasOwn(record, names[i]!)) values[i] = record[names[i]!];
  }
  return values;
}

/** Whether an object would order `key` as an array index: "0" to 2^32 - 2. */
function isArrayIndex(key: string): boolean {
  if (!/^(0|[1-9][0-9]*)$/.test(key)) return false;
  return Number(key) < 2 ** 32 - 1;
}

const encoder = new TextEncoder();

/**
 * Writes a line as the stage's own step would, for a map on bytes that
 * cannot: decoded, given to `text` and encoded into `out` from `at`.
 */
function textWriter(
  text: (line: string) => string,
): (
  buf: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  at: number,
) => number {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  return (buf, start, end, out, at) =>
    at + encoder.encodeInto(
      text(decoder.decode(buf.subarray(start, end))),
      out.subarray(at),
    ).written;
}

/**
 * Copies the plain value at `buf[from]`, up to a space or `end`, into `out`
 * at `p`, and returns where it ends there; -1 at a byte that is not plain:
 * a control character, a quote, `special`, or one that is not ASCII.
 */
function copyPlain(
  buf: Uint8Array,
  from: number,
  end: number,
  out: Uint8Array,
  p: number,
  special: number,
): number {
  for (let i = from; i < end; i++) {
    const c = buf[i]!;
    if (c === 32) break;
    if (c < 32 || c === 34 || c === special || c >= 0x80) return -1;
    out[p++] = c;
  }
  return p;
}

/**
 * A map on the bytes of logfmt lines (see PairScan): `row` writes the
 * result of the line just scanned, from `start` to `end` (without its CR
 * and LF), into `out` from `at`, which has `room` for it; a JSON line goes
 * to the stage.
 */
function pairsMap(
  pairs: PairScan,
  room: (n: number) => number,
  row: (
    buf: Uint8Array,
    start: number,
    end: number,
    out: Uint8Array,
    at: number,
  ) => number,
): LineBytesMap {
  const map: LineBytesMap = {
    room,
    next: 0,
    line(buf, start, out, at) {
      if (buf[start] === 123) return -1;
      const i = pairs.scan(buf, start);
      map.next = i + 1;
      const end = i > start && buf[i - 1] === 13 ? i - 1 : i;
      if (out.length - at < room(end - start)) return -2;
      return row(buf, start, end, out, at);
    },
  };
  return map;
}

/**
 * pickFields' row of a logfmt line on its bytes (see PairScan): a plain
 * value (ASCII that needs no escape) is copied between quotes. A line where
 * logfmtGetter would look further or a value that is not plain is decoded
 * and written by `text`, as the stage would write it; a JSON line goes to
 * the stage.
 */
function logfmtBytes(
  names: readonly string[],
  heads: readonly string[],
  text: (line: string) => string,
): LineBytesMap {
  const pairs = new PairScan(names);
  const headBytes = heads.map((h) => encoder.encode(h));
  let fixed = 2; // "}" and the LF
  for (const h of headBytes) fixed += h.length + 4;
  const keys = names.length;
  const asText = textWriter(text);
  // A value's JSON takes at most 6 bytes a byte (`\u0001`); a key's value
  // may be read from any part of the line.
  const room = (n: number) => fixed + keys * 6 * n;
  return pairsMap(pairs, room, (buf, start, end, out, at) => {
    let p = at;
    for (let k = 0; k < keys; k++) {
      const head = headBytes[k]!;
      for (let j = 0; j < head.length; j++) out[p++] = head[j]!;
      const from = pairs.valueAt(buf, start, end, k);
      if (from === -1) {
        out[p++] = 110; // null
        out[p++] = 117;
        out[p++] = 108;
        out[p++] = 108;
        continue;
      }
      if (from === -2) return asText(buf, start, end, out, at);
      out[p++] = 34;
      p = copyPlain(buf, from, end, out, p, 92); // no backslash
      if (p === -1) return asText(buf, start, end, out, at);
      out[p++] = 34;
    }
    out[p++] = 125; // }
    return p;
  });
}

/**
 * A value as a CSV cell: nothing for a missing field or null, text as it
 * is, any other value as its JSON; quoted, its quotes doubled, when it
 * holds a comma, a quote, a CR or an LF.
 */
function csvCell(value: unknown): string {
  const text = value === undefined || value === null
    ? ""
    : typeof value === "string"
    ? value
    : stringifyExact(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** pickFields with `format: "csv"`. */
function csvStage(
  names: readonly string[],
  getters: readonly ((line: string) => string | undefined)[],
  options: PickFieldsOptions,
): Stage<string, string> {
  const logfmtRow = (line: string): string => {
    let out = csvCell(getters[0]!(line));
    for (let i = 1; i < getters.length; i++) {
      out += "," + csvCell(getters[i]!(line));
    }
    return out;
  };
  const row = (line: string): string => {
    if (line.charCodeAt(0) !== 123) return logfmtRow(line);
    const values = jsonValues(line, names);
    let out = csvCell(values[0]);
    for (let i = 1; i < values.length; i++) out += "," + csvCell(values[i]);
    return out;
  };
  return pickStage(names, options, row, () => csvBytes(names, logfmtRow));
}

/**
 * pickFields' CSV row of a logfmt line on its bytes (see PairScan): a plain
 * value (ASCII with no comma, quote or control character) is copied as it
 * is. A line where logfmtGetter would look further or a value that is not
 * plain is decoded and written by `text`; a JSON line goes to the stage.
 */
function csvBytes(
  names: readonly string[],
  text: (line: string) => string,
): LineBytesMap {
  const pairs = new PairScan(names);
  const keys = names.length;
  const asText = textWriter(text);
  // A cell is at most the line, and text written from the decoded line at
  // most 3 bytes a byte of it (U+FFFD for a bad byte), quotes doubled and
  // around each cell: 6 bytes a byte, and 2 more a cell.
  const room = (n: number) => keys * (6 * n + 3) + 1;
  return pairsMap(pairs, room, (buf, start, end, out, at) => {
    let p = at;
    for (let k = 0; k < keys; k++) {
      if (k > 0) out[p++] = 44; // ,
      const from = pairs.valueAt(buf, start, end, k);
      if (from === -1) continue;
      if (from === -2) return asText(buf, start, end, out, at);
      p = copyPlain(buf, from, end, out, p, 44); // no comma
      if (p === -1) return asText(buf, start, end, out, at);
    }
    return p;
  });
}
