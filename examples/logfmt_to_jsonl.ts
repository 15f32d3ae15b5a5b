// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * Logfmt to JSON lines: each line's `key=value` pairs as one JSON object,
 * with the time, level and service that lead each line of the sample log.
 *
 *   deno run -R -W examples/logfmt_to_jsonl.ts app.log --output app.jsonl
 *
 * @module
 */
import {
  map,
  parseLogfmt,
  pipeline,
  readLines,
  runScript,
  writeLines,
} from "jsr:@sluice/sluice";

Deno.exit(
  await runScript(
    {
      name: "logfmt_to_jsonl",
      usage: "[OPTION…] [FILE…]",
      description: "Turn logfmt lines into JSON lines.",
      examples: [
        "deno run -R -W examples/logfmt_to_jsonl.ts app.log --output app.jsonl",
      ],
    },
    (ctx) =>
      pipeline(
        readLines(ctx.inputs),
        map((line) => {
          const [time, level, service] = line.split(" ", 3);
          return JSON.stringify({ time, level, service, ...parseLogfmt(line) });
        }),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      ),
  ),
);
