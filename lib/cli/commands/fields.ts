// Copyright 2026 the sluice authors. MIT license.
// `sluice fields`: named fields of logfmt or JSON lines, or of any format's
// records, as JSON lines or CSV.

import { map } from "../../stages/map.ts";
import { pickFields } from "../../parse/pick_fields.ts";
import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { writeLines } from "../../io/write_lines.ts";
import { csvCell, recordOf } from "../_fields.ts";
import { FORMAT_OPTIONS } from "../_format_options.ts";
import { toJson } from "../_json.ts";
import type { Command } from "./_command.ts";
import { linesOut, PARTIAL_OPTIONS, partialPath } from "./_partial.ts";
import {
  ERROR_OPTIONS,
  errorOptions,
  formatReaders,
  reportSkipped,
  stageOrUsage,
} from "./_options.ts";

/** `sluice fields`: named fields of logfmt or JSON lines, as JSON lines or CSV. */
export const fields: Command = {
  name: "fields",
  synopsis: "fields",
  summary: "named fields of any log format, as JSON lines or CSV",
  spec: {
    name: "sluice fields",
    usage: "[OPTION\u2026] [FILE\u2026]",
    description:
      "Pull named fields out of log lines, as JSON lines or CSV. Without --format, a line that starts with { is read as JSON and other lines as logfmt (k=v); with --format, the format's records (access logs, syslog, CSV, \u2026), nested JSON fields by path (req.ip, items[0].id). Missing fields are null (JSON) or empty (CSV). Numbers stay numbers, JSON integers beyond 2^53 exact.",
    examples: [
      "sluice fields -k path,status,latency_ms app.log",
      "sluice fields -k path,latency_ms --csv --output latency.csv app.log",
      "sluice fields --dead-letter bad.jsonl --max-errors 100 app.jsonl",
      "sluice fields --format combined -k remote_addr,status,path --csv access.log",
      "sluice fields --format json -k ts,req.ip,items[0].id app.jsonl",
    ],
    options: {
      ...FORMAT_OPTIONS,
      keys: {
        type: "string",
        short: "k",
        description:
          "the fields to keep, comma-separated (default: all; without --format, of JSON lines only)",
        valueName: "K1,K2",
      },
      csv: {
        type: "boolean",
        description: "write CSV with a header row instead of JSON lines",
      },
      ...ERROR_OPTIONS,
      ...PARTIAL_OPTIONS,
    },
  },
  async run(ctx) {
    const keys = typeof ctx.values.keys === "string"
      ? ctx.values.keys.split(",").map((k) => k.trim()).filter((k) => k !== "")
      : undefined;
    if (keys !== undefined && keys.length === 0) {
      ctx.usageError("--keys names no field");
    }
    if (ctx.values.csv && keys === undefined) {
      ctx.usageError("--csv needs --keys, to know the columns");
    }
    // A line that is too long, or not JSON, is an error of the policy's.
    const policy = errorOptions(ctx);
    const lines = readLines(ctx.inputs, { ...policy, ...ctx.readOptions });
    const formats = await formatReaders(ctx);
    const format = formats?.formatOf(ctx);
    if (format !== undefined) {
      const { parseStage, recordField } = formats!;
      const getters = keys?.map((k) => recordField(ctx, format, k));
      const parsing = stageOrUsage(
        ctx,
        () => parseStage(ctx, format, policy, keys),
      );
      let header = ctx.values.csv === true;
      await pipeline(
        lines,
        parsing,
        map((record: unknown) => {
          if (getters === undefined) return toJson(record);
          if (!ctx.values.csv) {
            const picked: Record<string, unknown> = {};
            for (const [i, k] of keys!.entries()) {
              picked[k] = getters[i]!(record) ?? null;
            }
            return toJson(picked);
          }
          const row = getters.map((get) => csvCell(get(record))).join(",");
          if (!header) return row;
          header = false;
          return [keys!.map(csvCell).join(","), row];
        }),
        await linesOut(ctx, "fields"),
        ctx.pipelineOptions,
      );
      await reportSkipped("sluice fields", ctx.summary);
      if (header) {
        await pipeline(
          [keys!.map(csvCell).join(",")],
          await linesOut(ctx, "fields"),
        );
      }
      return;
    }
    if (ctx.values.csv && partialPath(ctx) === undefined) {
      // The library's stage, the header row the writer's: right before the
      // writer, the stage runs on the bytes of logfmt lines as the reader
      // cuts them out.
      await pipeline(
        lines,
        pickFields(keys!, { ...policy, format: "csv" }),
        writeLines(ctx.output, {
          ...ctx.writeOptions,
          lossless: true,
          header: keys!.map(csvCell).join(","),
        }),
        ctx.pipelineOptions,
      );
      await reportSkipped("sluice fields", ctx.summary);
      return;
    }
    if (ctx.values.csv) {
      // A shard's part: the header with its first row, as the parts of the
      // other commands are made.
      const cols = keys!;
      let header = true;
      await pipeline(
        lines,
        pickFields(cols, { ...policy, format: "csv" }),
        map((row: string) => {
          if (!header) return row;
          header = false;
          return [cols.map(csvCell).join(","), row];
        }),
        await linesOut(ctx, "fields"),
        ctx.pipelineOptions,
      );
      await reportSkipped("sluice fields", ctx.summary);
      // Empty input: the header alone.
      if (header) {
        await pipeline(
          [cols.map(csvCell).join(",")],
          await linesOut(ctx, "fields"),
        );
      }
      return;
    }
    // With keys, the library's stage: right before the writer, it runs on
    // the bytes of logfmt lines as the reader cuts them out.
    await pipeline(
      lines,
      keys === undefined
        ? map((line: string) => toJson(recordOf(line)), policy)
        : pickFields(keys, policy),
      await linesOut(ctx, "fields"),
      ctx.pipelineOptions,
    );
    await reportSkipped("sluice fields", ctx.summary);
  },
};
