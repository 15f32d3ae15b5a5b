// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * Error report by service: how many ERROR lines each service logged, most
 * first. Memory: one counter per service.
 *
 *   deno run -R -W examples/errors_by_service.ts app.log [more.log.gz …] [--output report.txt]
 *
 * @module
 */
import {
  grep,
  pipeline,
  readLines,
  runScript,
  writeLines,
} from "jsr:@sluice/sluice";

Deno.exit(
  await runScript(
    {
      name: "errors_by_service",
      usage: "[OPTION…] [FILE…]",
      description: "Count the ERROR lines of each service, most first.",
      examples: ["deno run -R examples/errors_by_service.ts app.log"],
    },
    async (ctx) => {
      const perService = new Map<string, number>();
      await pipeline(
        readLines(ctx.inputs),
        grep(" ERROR "),
        async function tally(lines: AsyncIterable<string>) {
          for await (const line of lines) {
            const service = line.split(" ", 3)[2] ?? "?";
            perService.set(service, (perService.get(service) ?? 0) + 1);
          }
        },
        ctx.pipelineOptions,
      );
      const rows = [...perService].sort((a, b) =>
        b[1] - a[1] || a[0].localeCompare(b[0])
      )
        .map(([service, n]) => `${String(n).padStart(8)}  ${service}`);
      await pipeline(rows, writeLines(ctx.output));
    },
  ),
);
