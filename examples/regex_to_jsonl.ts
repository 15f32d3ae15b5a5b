// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * The named groups of a regular expression as JSON lines: any log whose
 * format no parser knows. Lines it does not match are skipped and counted
 * (`--summary`).
 *
 *   deno run -R examples/regex_to_jsonl.ts -e '^(?<ip>\S+) .*" (?<status>\d{3}) ' access.log
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
      name: "regex_to_jsonl",
      usage: "-e PATTERN [OPTION…] [FILE…]",
      description: "A regular expression's named groups as JSON lines.",
      examples: [
        `deno run -R examples/regex_to_jsonl.ts -e '^(?<ip>\\S+) ' access.log`,
      ],
      options: {
        regex: {
          type: "string",
          short: "e",
          description: "a JavaScript regular expression with named groups",
          valueName: "PATTERN",
        },
      },
    },
    (ctx) => {
      let stage;
      try {
        stage = parse(new RegExp(String(ctx.values.regex ?? ""), "u"), {
          onError: "skip",
        });
      } catch (error) {
        return ctx.usageError((error as Error).message);
      }
      return pipeline(
        readLines(ctx.inputs),
        stage,
        map((groups) => JSON.stringify(groups)),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      );
    },
  ),
);
