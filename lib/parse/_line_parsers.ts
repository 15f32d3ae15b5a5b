// Copyright 2026 the sluice authors. MIT license.
// The small per-line formats: words (as awk splits them), logfmt, and a
// regular expression's named groups.

import { parseLogfmt } from "./logfmt.ts";
import { quote } from "./_quote.ts";

/** Splits a line on runs of blanks (spaces and tabs), as awk does. */
export function words(line: string): string[] {
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c !== 32 && c !== 9) break;
      i++;
    }
    if (i >= n) return out;
    const start = i;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c === 32 || c === 9) break;
      i++;
    }
    out.push(line.slice(start, i));
  }
}

/** Makes the parser of logfmt lines: a line without a pair is an error. */
export function logfmtParser(
  note = "",
): (line: string) => Record<string, string> {
  return (line) => {
    const record = parseLogfmt(line);
    for (const _ in record) return record;
    throw new SyntaxError(
      `Not a logfmt line${note}: no key=value pair in ${quote(line)}`,
    );
  };
}

/**
 * Makes the parser of a regular expression's named groups; a group that
 * took no part in the match is `null`.
 *
 * @throws {TypeError} When the expression has no named group.
 */
export function regexParser(
  re: RegExp,
): (line: string) => Record<string, string | null> {
  if (!/\(\?<[^=!]/.test(re.source)) {
    throw new TypeError(
      `Cannot create parse stage: the regular expression ${re} has no named group, such as (?<ip>\\S+)`,
    );
  }
  // Without g or y, exec keeps no state between lines.
  const own = new RegExp(re.source, re.flags.replace(/[gy]/g, ""));
  return (line) => {
    const groups = own.exec(line)?.groups;
    if (groups === undefined) {
      throw new SyntaxError(`Line does not match ${own}: ${quote(line)}`);
    }
    const out: Record<string, string | null> = {};
    for (const name in groups) out[name] = groups[name] ?? null;
    return out;
  };
}
