// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * The N slowest endpoints: for each path (ids cut off), the highest latency
 * seen, top N. Memory: one entry per endpoint, however long the log.
 *
 *   deno run -R -W examples/slowest_endpoints.ts -n 10 app.log
 *
 * @module
 */
import {
  filter,
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
      name: "slowest_endpoints",
      usage: "[OPTION…] [FILE…]",
      description:
        "The N endpoints with the highest latency_ms, slowest first.",
      examples: ["deno run -R examples/slowest_endpoints.ts -n 5 app.log"],
      options: {
        top: {
          type: "string",
          short: "n",
          description: "how many",
          valueName: "N",
          default: "10",
        },
      },
    },
    async (ctx) => {
      const top = Number(ctx.values.top); // a string: it has a default
      if (!Number.isSafeInteger(top) || top < 1) {
        ctx.usageError(`-n must be a positive integer, got ${ctx.values.top}`);
      }
      const worst = new Map<string, number>();
      await pipeline(
        readLines(ctx.inputs),
        map((line) => parseLogfmt(line)),
        filter((f) => f.path !== undefined && f.latency_ms !== undefined),
        async function keepWorst(
          records: AsyncIterable<Record<string, string>>,
        ) {
          for await (const f of records) {
            // "/v1/users/8123" and "/v1/users/17" are one endpoint.
            const endpoint = f.path!.replace(/\/\d+$/, "/:id");
            const ms = Number(f.latency_ms);
            if (ms > (worst.get(endpoint) ?? -1)) worst.set(endpoint, ms);
          }
        },
        ctx.pipelineOptions,
      );
      const rows = [...worst].sort((a, b) =>
        b[1] - a[1] || a[0].localeCompare(b[0])
      )
        .slice(0, top)
        .map(([endpoint, ms]) => `${String(ms).padStart(6)} ms  ${endpoint}`);
      await pipeline(rows, writeLines(ctx.output));
    },
  ),
);
