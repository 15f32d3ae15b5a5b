// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * The N busiest clients of an access log (Apache's or nginx's combined
 * format, or the Common Log Format): requests per client address, most
 * first. Lines that are not in the format are skipped and counted
 * (`--summary` shows them). Memory: one entry per address.
 *
 *   deno run -R examples/top_clients.ts -n 10 access.log
 *
 * @module
 */
import {
  count,
  groupBy,
  map,
  parse,
  pipeline,
  readLines,
  runScript,
  top,
  writeLines,
} from "jsr:@sluice/sluice";

Deno.exit(
  await runScript(
    {
      name: "top_clients",
      usage: "[OPTION…] [FILE…]",
      description: "The N client addresses with the most requests.",
      examples: ["deno run -R examples/top_clients.ts -n 10 access.log"],
      options: {
        top: {
          type: "string",
          short: "n",
          description: "how many (default 10)",
          valueName: "N",
        },
        common: {
          type: "boolean",
          description: "the Common Log Format (default: combined)",
        },
      },
    },
    async (ctx) => {
      const n = Number(ctx.values.top ?? "10");
      if (!Number.isSafeInteger(n) || n < 1) {
        ctx.usageError(`-n must be a positive integer, got ${ctx.values.top}`);
      }
      await pipeline(
        readLines(ctx.inputs),
        parse(ctx.values.common ? "common" : "combined", { onError: "skip" }),
        groupBy((r) => r.remote_addr, { requests: count() }),
        top(n, { by: (g) => g.requests }),
        map((g) => `${String(g.requests).padStart(8)}  ${g.key}`),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      );
    },
  ),
);
