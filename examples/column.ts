// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * The N-th word of each line, as `awk '{print $N}'` prints it: words are
 * split on runs of spaces and tabs, so syslog's padded `Jul  1` is two
 * words, not three.
 *
 *   deno run -R examples/column.ts -f 9 access.log
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
      name: "column",
      usage: "-f N [OPTION…] [FILE…]",
      description: "The N-th word of each line, as awk splits it.",
      examples: ["deno run -R examples/column.ts -f 9 access.log"],
      options: {
        field: {
          type: "string",
          short: "f",
          description: "which word, from 1",
          valueName: "N",
        },
      },
    },
    (ctx) => {
      const n = Number(ctx.values.field);
      if (!Number.isSafeInteger(n) || n < 1) {
        ctx.usageError(
          `-f must be a positive integer, got ${ctx.values.field}`,
        );
      }
      return pipeline(
        readLines(ctx.inputs),
        parse("words"),
        map((words) => words[n - 1] ?? ""),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      );
    },
  ),
);
