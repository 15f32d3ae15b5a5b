// Copyright 2026 the sluice authors. MIT license.
/**
 * `parseLogfmt`, which reads the `key=value` pairs of a logfmt line, and
 * `logfmtGetter`, which reads one key's value without the rest. Exported
 * by the package's root and by its own subpath, `jsr:@sluice/sluice/logfmt`: a
 * script that imports only the pieces it runs loads less code, and so holds
 * less memory (see the README's "Import only what you use").
 *
 * @module
 */

import { isLogfmtKey } from "./_logfmt_key.ts";
import { readsOnBytes } from "../core/_registry.ts";
import { logfmtKeyReader } from "./_pair_scan.ts";

/**
 * Parses the `key=value` pairs of a logfmt line into an object. Values may
 * be double-quoted (with `\"` and `\\` escapes inside). Words that are not
 * pairs (a timestamp, a level, a bare flag) are left out. Later pairs win
 * over earlier ones with the same key.
 *
 * @param line The line.
 * @returns The pairs, as strings.
 *
 * @example Pulling fields out of a log line
 * ```ts
 * import { parseLogfmt } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const fields = parseLogfmt('12:00:01 level=info msg="user logged in" user=42');
 * assert.deepEqual(fields, { level: "info", msg: "user logged in", user: "42" });
 * ```
 */
export function parseLogfmt(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    const start = i;
    while (i < n && line.charCodeAt(i) !== 61 && line.charCodeAt(i) !== 32) i++;
    const key = line.slice(start, i);
    if (i >= n || line.charCodeAt(i) === 32) continue; // not a pair
    i++; // past "="
    let value = "";
    if (line.charCodeAt(i) === 34) {
      i++;
      let chunkStart = i;
      while (i < n && line.charCodeAt(i) !== 34) {
        if (line.charCodeAt(i) === 92 && i + 1 < n) {
          value += line.slice(chunkStart, i);
          value += line[i + 1];
          i += 2;
          chunkStart = i;
        } else {
          i++;
        }
      }
      value += line.slice(chunkStart, i);
      i++; // past the closing quote
    } else {
      const vs = i;
      while (i < n && line.charCodeAt(i) !== 32) i++;
      value = line.slice(vs, i);
    }
    if (key !== "") out[key] = value;
  }
  return out;
}

/**
 * Makes a function that reads the value of `key` in a logfmt line: the last
 * pair of that name, as {@linkcode parseLogfmt} has it, or `undefined` when
 * the line has none. It reads only that pair, with no object made for the
 * line: for one or two keys of many lines, several times faster than
 * `parseLogfmt(line)[key]`. A key with a space or an `=` in it, which no
 * pair can have, or an empty one, reads `undefined` from every line.
 *
 * Given as {@linkcode sort}'s `key` with `numeric: true`, right after
 * {@linkcode readLines} in a {@linkcode pipeline}, the reader is run on the
 * bytes of each line: the sort takes the lines as their UTF-8, with no
 * string made for a line whose pair is plain, where a key function of one's
 * own has each line decoded for it (see {@linkcode lineField}).
 *
 * @param key The key, e.g. `"status"`.
 * @returns The reader of that key's value.
 *
 * @example Reading one field of logfmt lines
 * ```ts
 * import { logfmtGetter } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const status = logfmtGetter("status");
 * assert.equal(status("level=info path=/a status=200 ms=3"), "200");
 * assert.equal(status('msg="status=500 seen" status=503'), "503");
 * assert.equal(status("level=info path=/a"), undefined);
 * ```
 */
export function logfmtGetter(
  key: string,
): (line: string) => string | undefined {
  const needle = `${key}=`;
  const getter = isLogfmtKey(key)
    ? (line: string) => valueOf(line, key, needle)
    : () => undefined;
  const onBytes = logfmtKeyReader(key, false);
  return onBytes === undefined ? getter : readsOnBytes(getter, onBytes);
}

/** The value of `name` in `line`, found by `needle` (`name` and `=`). */
function valueOf(
  line: string,
  name: string,
  needle: string,
): string | undefined {
  // Fast path: the last `name=` of the line starts a pair (at the start or
  // after a space), no quote comes before it (so it is not inside a quoted
  // value) and its value is not quoted: it is then the last pair so named.
  // Forward searches for the last one, and one for the first quote: `fields
  // -k service,status` spent 23% of its time here when it searched the line
  // three times a field, and 35% with one search from the end (lastIndexOf
  // took 1.4-1.6x as long as indexOf on the bench corpus's lines).
  let at = line.indexOf(needle);
  if (at === -1) return undefined;
  for (let next = at; (next = line.indexOf(needle, next + 1)) !== -1;) {
    at = next;
  }
  const from = at + needle.length;
  if (
    (at === 0 || line.charCodeAt(at - 1) === 32) &&
    line.charCodeAt(from) !== 34
  ) {
    const quote = line.indexOf('"');
    if (quote === -1 || quote > at) {
      const end = line.indexOf(" ", from);
      return line.slice(from, end === -1 ? line.length : end);
    }
  }
  return scanLogfmt(line, name);
}

/** The slow path of {@linkcode valueOf}: every pair, quotes and all. */
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
