// Copyright 2026 the sluice authors. MIT license.
/**
 * `parseLogfmt`, which reads the `key=value` pairs of a logfmt line. Exported
 * by the package's root and by its own subpath, `jsr:@sluice/sluice/logfmt`: a
 * script that imports only the pieces it runs loads less code, and so holds
 * less memory (see the README's "Import only what you use").
 *
 * @module
 */

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
