// Copyright 2026 the sluice authors. MIT license.
// `sluice group`: aggregates per value of a field, beyond memory, in workers
// for one plain file.

import { map } from "../../stages/map.ts";
import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { writeLines } from "../../io/write_lines.ts";
import { groupBy } from "../../spill/group_by.ts";
import { parallelGroupBy } from "../../parallel/parallel_group_by.ts";
import type { Stage } from "../../core/types.ts";
import { csvCell } from "../_fields.ts";
import groupSpec, { type GroupParams } from "../_group_spec.ts";
import type { Command } from "./_command.ts";
import {
  integer,
  names,
  SPILL_OPTIONS,
  spillOptions,
  stageOrUsage,
} from "./_options.ts";

const AGGREGATES = ["sum", "mean", "min", "max", "p50", "p90", "p95", "p99"];

/** `sluice group --by FIELD`: aggregates per group, in key order. */
export const group: Command = {
  name: "group",
  synopsis: "group",
  summary: "count, sum, mean, min, max, percentiles per field value",
  spec: {
    name: "sluice group",
    usage: "--by FIELD [AGGREGATE…] [OPTION…] [FILE…]",
    description:
      "Aggregate lines per value of a field, within a memory budget (partial results spill to temporary files and are merged exactly). Prints one JSON line (or CSV row) per group, in key order: the key, then the aggregates in the order given, named like count, sum_FIELD or p95_FIELD. Percentiles are exact (nearest rank) unless --approx. Lines without the field (or the word) make the last group, whose key is null (empty in CSV), counted in --summary as missingKeys. Values that are not numbers are left out. Without an aggregate: --count.",
    examples: [
      "sluice group --by service --count --p95 latency_ms app.log",
      "sluice group --by path --mean latency_ms --max latency_ms --csv app.log",
      "sluice group --by-word 3 --count --p99 latency_ms --approx app.log",
    ],
    options: {
      by: {
        type: "string",
        description:
          "group by this logfmt or JSON field (lines without it: the last group, null)",
        valueName: "FIELD",
      },
      "by-word": {
        type: "string",
        description: "group by the N-th space-separated word (from 1)",
        valueName: "N",
      },
      count: {
        type: "boolean",
        short: "c",
        description: "lines per group",
      },
      sum: {
        type: "string",
        description: "sum of fields",
        valueName: "F1,F2",
      },
      mean: {
        type: "string",
        description: "mean of fields",
        valueName: "F",
      },
      min: {
        type: "string",
        description: "smallest value",
        valueName: "F",
      },
      max: { type: "string", description: "largest value", valueName: "F" },
      p50: { type: "string", description: "median", valueName: "F" },
      p90: {
        type: "string",
        description: "90th percentile",
        valueName: "F",
      },
      p95: {
        type: "string",
        description: "95th percentile",
        valueName: "F",
      },
      p99: {
        type: "string",
        description: "99th percentile",
        valueName: "F",
      },
      approx: {
        type: "boolean",
        description:
          "approximate percentiles (within 1% relative error) in little memory",
      },
      workers: {
        type: "string",
        description:
          "aggregate one plain file in N workers at once (default: the number of cores; 1: in one thread)",
        valueName: "N",
      },
      csv: {
        type: "boolean",
        description: "write CSV with a header row instead of JSON lines",
      },
      ...SPILL_OPTIONS,
    },
  },
  async run(ctx) {
    if (
      ctx.values.by === undefined && ctx.values["by-word"] === undefined
    ) {
      ctx.usageError("give --by FIELD or --by-word N");
    }
    if (
      ctx.values.by !== undefined && ctx.values["by-word"] !== undefined
    ) {
      ctx.usageError("give --by or --by-word, not both");
    }
    const params: GroupParams = {
      ...(typeof ctx.values.by === "string"
        ? { by: ctx.values.by }
        : { byWord: integer(ctx, "by-word", 1) }),
      // In the command line's order: `--p95 a --count` gives p95_a, count.
      aggregates: ["count", ...AGGREGATES]
        .filter((agg) =>
          ctx.values[agg] !== undefined && ctx.values[agg] !== false
        )
        .sort((a, b) => ctx.optionOrder.indexOf(a) - ctx.optionOrder.indexOf(b))
        .flatMap((agg) =>
          agg === "count"
            ? [["count", ""] as [string, string]]
            : names(ctx, agg).map((field): [string, string] => [agg, field])
        ),
      count: ctx.values.count === true,
      approx: ctx.values.approx === true,
    };
    const keyName = params.by ?? `word${params.byWord}`;
    const spec = groupSpec(params);
    const columns = Object.keys(spec.reducers);
    ctx.values.workers ??= String(navigator.hardwareConcurrency);
    const workers = integer(ctx, "workers", 1);
    // Workers pay off on one plain file (the stage falls back to this
    // thread anywhere else); one worker is this thread's groupBy.
    const stage: Stage<string, Record<string, unknown>> = stageOrUsage(
      ctx,
      () =>
        workers === 1
          ? groupBy(spec.key, spec.reducers, spillOptions(ctx))
          : parallelGroupBy<string>(
            new URL("../_group_spec.ts", import.meta.url),
            { ...spillOptions(ctx), params, workers },
          ),
    );
    const csv = ctx.values.csv === true;
    let header = csv;
    await pipeline(
      readLines(ctx.inputs, ctx.readOptions),
      stage,
      map((g: Record<string, unknown>) => {
        if (!csv) {
          const row: Record<string, unknown> = { [keyName]: g.key };
          for (const c of columns) row[c] = g[c];
          return JSON.stringify(row);
        }
        const row = [g.key, ...columns.map((c) => g[c])].map(csvCell)
          .join(",");
        if (!header) return row;
        header = false;
        return [[keyName, ...columns].map(csvCell).join(","), row];
      }),
      writeLines(ctx.output, ctx.writeOptions),
      ctx.pipelineOptions,
    );
    if (header) {
      await pipeline(
        [[keyName, ...columns].map(csvCell).join(",")],
        writeLines(ctx.output, ctx.writeOptions),
      );
    }
  },
};
