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

/** How many of the lines `test` reads (returns anything but false). */
function score(lines: string[], test: (line: string) => unknown): number {
  let read = 0;
  for (const line of lines) {
    try {
      if (test(line) !== false) read++;
    } catch {
      // Not in the format.
    }
  }
  return read;
}

/** Whether the lines are records of one shape: 2 fields or more each. */
function separated(lines: string[], separator: string): boolean {
  if (!lines.some((l) => l.includes(separator))) return false;
  const reader = new CsvReader(separator, 1 << 20);
  let width = -1;
  return score(lines, (line) => {
    const fields = reader.line(line);
    if (fields === undefined) return true; // a quoted field goes on
    if (width === -1) width = fields.length;
    return fields.length >= 2 && fields.length === width;
  }) === lines.length;
}

/**
 * The format of `lines` (the non-blank first lines of an input): the first
 * that reads three lines in four or more (a first line cut in the middle,
 * or a stray note, does not tip the choice) among JSON objects, an access
 * log (combined before common), syslog (where most lines name a program)
 * and logfmt (two pairs or more a line, or only pairs); else TSV or CSV (the
 * same number of fields, two or more, on every line); else words (also when
 * there are no lines: blank ones read as no words).
 */
export function chooseFormat(lines: string[]): AutoChoice {
  if (lines.length === 0) return "words";
  const enough = (read: number) => read * 4 >= lines.length * 3;
  if (enough(score(lines, jsonParser()))) return "json";
  if (enough(score(lines, accessParser(true)))) return "combined";
  if (enough(score(lines, accessParser(false)))) return "common";
  const syslog = syslogParser();
  let named = 0;
  const read = score(lines, (l) => {
    if (syslog(l).app !== null) named++;
  });
  if (enough(read) && named * 2 >= read) return "syslog";
  const logfmt = logfmtParser();
  const pairs = score(
    lines,
    (l) => Object.keys(logfmt(l)).length >= 2 || !/(^| )[^ =]+( |$)/.test(l),
  );
  if (enough(pairs)) return "logfmt";
  if (separated(lines, "\t")) return "tsv";
  if (separated(lines, ",")) return "csv";
  return "words";
}
