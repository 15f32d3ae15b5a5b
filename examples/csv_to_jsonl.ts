// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * CSV (or with `--tsv`, tab-separated values) to JSON lines: one object per
 * record, named by the header row or `--columns`. Quoted fields may hold
 * commas, `""` and line breaks.
 *
 *   deno run -R -W examples/csv_to_jsonl.ts data.csv --output data.jsonl
 *
 * @module
 */
import {
  map,
  parse,
  pipeline,
  readLines,
  runScript,
  writeLines,
} from "jsr:@sluice/sluice";

Deno.exit(
  await runScript(
    {
      name: "csv_to_jsonl",
      usage: "[OPTION…] [FILE…]",
      description: "CSV or TSV records to JSON lines.",
      examples: [
        "deno run -R -W examples/csv_to_jsonl.ts data.csv --output data.jsonl",
        "deno run -R examples/csv_to_jsonl.ts --tsv --columns id,name data.tsv",
      ],
      options: {
        tsv: { type: "boolean", description: "tab-separated values" },
        columns: {
          type: "string",
          description: "the fields' names, comma-separated (no header row)",
          valueName: "NAMES",
        },
      },
    },
    (ctx) => {
      const columns = ctx.values.columns;
      return pipeline(
        readLines(ctx.inputs),
        parse(ctx.values.tsv ? "tsv" : "csv", {
          ...(typeof columns === "string"
            ? { columns: columns.split(",") }
            : {}),
        }),
        map((record) => JSON.stringify(record)),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      );
    },
  ),
);
