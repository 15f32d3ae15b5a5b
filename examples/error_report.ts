// Copyright 2026 the sluice authors. MIT license.
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
  type Summary,
  writeLines,
} from "@sluice/sluice";

/** Pulls the fields of one logfmt-ish line into an object. */
export function parseLine(line: string): Record<string, string> {
  const [time = "", level = "", service = ""] = line.split(" ", 3);
  const record: Record<string, string> = { time, level, service };
  for (const m of line.matchAll(/(\w+)=("([^"]*)"|\S+)/g)) {
    record[m[1]!] = m[3] ?? m[2]!;
  }
  return record;
}

/** Writes the ERROR lines of `input` to `output` as JSON lines. */
export function errorReport(input: string, output: string): Promise<Summary> {
  return pipeline(
    readLines(input),
    filter((line) => line.includes(" ERROR ")),
    map((line) => JSON.stringify(parseLine(line))),
    writeLines(output),
  );
}

if (import.meta.main) {
  const [input, output = "-"] = Deno.args;
  if (input === undefined) {
    console.error("usage: deno run -R -W examples/error_report.ts LOG [OUT]");
    Deno.exit(2);
  }
  const summary = await errorReport(input, output);
  console.error(summary.format());
}
