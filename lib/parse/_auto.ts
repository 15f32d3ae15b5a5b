// Copyright 2026 the sluice authors. MIT license.
// How `parse("auto")` chooses a format from the first lines: the first
// format, in an order from the strictest to the loosest, that reads every
// sampled line.

import { accessParser } from "./_access.ts";
import { CsvReader } from "./_csv.ts";
import { jsonParser } from "./_json.ts";
import { logfmtParser } from "./_line_parsers.ts";
import { syslogParser } from "./_syslog.ts";

/** The formats `auto` chooses among. */
export type AutoChoice =
  | "json"
  | "combined"
  | "common"
  | "syslog"
  | "logfmt"
  | "tsv"
  | "csv"
  | "words";

/** How many non-blank first lines decide, at most. */
export const SAMPLE_LINES = 20;

/** Whether `test` reads every line (returns anything but false, no throw). */
function all(lines: string[], test: (line: string) => unknown): boolean {
  for (const line of lines) {
    try {
      if (test(line) === false) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Whether the lines are records of one shape: 2 fields or more each. */
function separated(lines: string[], separator: string): boolean {
  if (!lines.some((l) => l.includes(separator))) return false;
  const reader = new CsvReader(separator, 1 << 20);
  let width = -1;
  return all(lines, (line) => {
    const fields = reader.line(line);
    if (fields === undefined) return true; // a quoted field goes on
    if (width === -1) width = fields.length;
    return fields.length >= 2 && fields.length === width;
  });
}

/**
 * The format of `lines` (the non-blank first lines of an input): JSON
 * objects, an access log (combined before common), syslog (where most lines
 * name a program), logfmt (two pairs or more a line, or only pairs), TSV,
 * CSV (the same number of fields, two or more, on every line), else words
 * (also when there are no lines: blank ones read as no words).
 */
export function chooseFormat(lines: string[]): AutoChoice {
  if (lines.length === 0) return "words";
  if (all(lines, jsonParser())) return "json";
  if (all(lines, accessParser(true))) return "combined";
  if (all(lines, accessParser(false))) return "common";
  const syslog = syslogParser();
  let named = 0;
  if (all(lines, (l) => (syslog(l).app !== null && named++, true))) {
    if (named * 2 >= lines.length) return "syslog";
  }
  const logfmt = logfmtParser();
  if (
    all(lines, (l) => {
      const pairs = Object.keys(logfmt(l)).length;
      return pairs >= 2 || !/(^| )[^ =]+( |$)/.test(l);
    })
  ) return "logfmt";
  if (separated(lines, "\t")) return "tsv";
  if (separated(lines, ",")) return "csv";
  return "words";
}
