// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * Lines per time bucket, in time order, whatever the log's format: the
 * first lines decide it (`parse("auto")`), the time is the format's own
 * (`time_local`, `timestamp`) or `--time-field`, read by `parseTime`.
 * Lines that do not fit the format are skipped and counted (`--summary`).
 *
 *   deno run -R examples/requests_per_hour.ts --size 1h access.log
 *
 * @module
 */
import {
  bucket,
  count,
  field,
  groupBy,
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
      name: "requests_per_hour",
      usage: "[OPTION…] [FILE…]",
      description: "Lines per time bucket, in time order.",
      examples: [
        "deno run -R examples/requests_per_hour.ts access.log",
        "deno run -R examples/requests_per_hour.ts --size 5m --time-field ts app.jsonl",
      ],
      options: {
        size: {
          type: "string",
          description: "the width of a bucket: 10s, 5m, 1h, 1d (default 1h)",
          valueName: "SIZE",
        },
        "time-field": {
          type: "string",
          description: "the field with the time (default: the format's own)",
          valueName: "PATH",
        },
      },
    },
    async (ctx) => {
      const size = String(ctx.values.size ?? "1h");
      try {
        bucket(0, size);
      } catch (error) {
        ctx.usageError((error as Error).message);
      }
      const named = ctx.values["time-field"] as string | undefined;
      const timeOf = named === undefined
        ? (r: object) =>
          "time_local" in r
            ? r.time_local
            : "timestamp" in r
            ? r.timestamp
            : undefined
        : field(named);
      await pipeline(
        readLines(ctx.inputs),
        parse("auto", { onError: "skip" }),
        map((r) => bucket(timeOf(r) as string, size)),
        groupBy((key) => key, { lines: count() }),
        map((g) => `${g.key}  ${g.lines}`),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      );
    },
  ),
);
