// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * The ERROR lines of a log as JSON lines: time, service, status and message.
 * Run it: `deno run -R -W examples/error_report.ts app.log errors.jsonl`.
 *
 * @module
 */
import {
  filter,
  map,
  pipeline,
  readLines,
  Summary,
  writeLines,
} from "jsr:@sluice/sluice";

/** Pulls the fields of one logfmt-ish line into an object. */
export function parseLine(line: string): Record<string, string> {
  const [time = "", level = "", service = ""] = line.split(" ", 3);
  const record: Record<string, string> = { time, level, service };
  for (const m of line.matchAll(/(\w+)=("([^"]*)"|\S+)/g)) {
    record[m[1]!] = m[3] ?? m[2]!;
  }
  return record;
}

/**
 * Writes the ERROR lines of `input` to `output` as JSON lines, recording the
 * run into `summary` (a new one unless given).
 */
export function errorReport(
  input: string,
  output: string,
  summary: Summary = new Summary(),
): Promise<Summary> {
  return pipeline(
    readLines(input),
    filter((line) => line.includes(" ERROR ")),
    map((line) => JSON.stringify(parseLine(line))),
    writeLines(output),
    { summary },
  );
}

if (import.meta.main) {
  const [input, output = "-"] = Deno.args;
  if (input === undefined) {
    console.error("usage: deno run -R -W examples/error_report.ts LOG [OUT]");
    Deno.exit(2);
  }
  // It prints the summary: worth splitting V8's heap by space.
  const summary = await errorReport(
    input,
    output,
    new Summary({ heapSpaces: true }),
  );
  console.error(summary.format());
}
