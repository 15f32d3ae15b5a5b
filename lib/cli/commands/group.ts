// Copyright 2026 the sluice authors. MIT license.
// `sluice group`: aggregates per value of a field or per time bucket,
// beyond memory, in workers for one plain file; the top N groups by an
// aggregate.

import { map } from "../../stages/map.ts";
import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { writeLines } from "../../io/write_lines.ts";
import { groupBy } from "../../spill/group_by.ts";
import { parallelGroupBy } from "../../parallel/parallel_group_by.ts";
import { top } from "../../stages/top.ts";
import type { Stage } from "../../core/types.ts";
import { csvCell, groupKey, keyValue } from "../_fields.ts";
import {
  checkTimeOptions,
  FORMAT_OPTIONS,
  TIME_FIELD_OPTION,
} from "../_format_options.ts";
import groupSpec, { groupOf, type GroupParams } from "../_group_spec.ts";
import { toJson } from "../_json.ts";
import type { Command } from "./_command.ts";
import { PARTIAL_OPTIONS, partialPath, partialSink } from "./_partial.ts";
import {
  checkBudget,
  ERROR_OPTIONS,
  errorOptions,
  formatReaders,
  integer,
  names,
  reportSkipped,
  runStages,
  SPILL_OPTIONS,
  spillOptions,
  stageOrUsage,
} from "./_options.ts";

const AGGREGATES = ["sum", "mean", "min", "max", "p50", "p90", "p95", "p99"];

/** How `group` turns its groups into output: what `merge` needs too. */
export interface GroupPlan {
  /** The grouping and aggregates. */
  params: GroupParams;
  /** The key's name in the output. */
  keyName: string;
  /** The aggregates' names, in output order. */
  columns: string[];
  /** CSV with a header row, not JSON lines. */
  csv: boolean;
  /** Only the N groups with the largest `sortBy`. */
  top?: number;
  /** The aggregate of `top`. */
  sortBy: string;
}

/**
 * The stages that turn groups into `group`'s output (the top N, then JSON
 * lines or CSV rows), and the lines to write when no group came (a CSV
 * header).
 */
export function groupOutput(
  plan: GroupPlan,
): { stages: Stage<never, unknown>[]; ifEmpty(): string[] } {
  const { keyName, columns, csv, sortBy } = plan;
  const ranked = plan.top === undefined ? undefined : top(
    plan.top,
    // A group without a value (a mean of nothing) ranks last.
    {
      by: (g: Record<string, unknown>) => (g[sortBy] ?? -Infinity) as number,
    },
  );
  let header = csv;
  const format = map((g: Record<string, unknown>) => {
    const key = keyValue(g.key);
    if (!csv) {
      const row: Record<string, unknown> = { [keyName]: key };
      for (const c of columns) row[c] = g[c];
      return toJson(row);
    }
    const row = [key, ...columns.map((c) => g[c])].map(csvCell).join(",");
    if (!header) return row;
    header = false;
    return [[keyName, ...columns].map(csvCell).join(","), row];
  });
  return {
    stages: [
      ...(ranked === undefined ? [] : [ranked as Stage<never, unknown>]),
      format as Stage<never, unknown>,
    ],
    ifEmpty: () => header ? [[keyName, ...columns].map(csvCell).join(",")] : [],
  };
}

/** `sluice group --by FIELD`: aggregates per group, in key order. */
export const group: Command = {
  name: "group",
  synopsis: "group",
  summary: "count, sum, mean, min, max, percentiles per field value",
  spec: {
    name: "sluice group",
    usage: "--by FIELD [AGGREGATE\u2026] [OPTION\u2026] [FILE\u2026]",
    description:
      "Aggregate lines per value of a field, or per time bucket, within a memory budget (partial results spill to temporary files and are merged exactly). Prints one JSON line (or CSV row) per group, in key order (numbers, then text; time buckets in time order): the key (a number stays a number), then the aggregates in the order given, named like count, sum_FIELD or p95_FIELD; --top N prints only the N groups with the largest --sort-by aggregate, largest first. Sums, minima and maxima of integers are exact however large; percentiles are exact (nearest rank) unless --approx. Lines without the field (or the word) make the last group, whose key is null (empty in CSV), counted in --summary as missingKeys. Values that are not numbers are left out. Without an aggregate: --count. Words are split on runs of blanks, as awk (changed: they were split on each single space). With --format, one thread reads the records.",
    examples: [
      "sluice group --by service --count --p95 latency_ms app.log",
      "sluice group --by path --mean latency_ms --max latency_ms --csv app.log",
      "sluice group --by-word 3 --count --p99 latency_ms --approx app.log",
      "sluice group --format combined --by remote_addr --count --top 10 access.log",
      "sluice group --format combined --by-time 1h --count --sum body_bytes_sent access.log",
    ],
    options: {
      ...FORMAT_OPTIONS,
      by: {
        type: "string",
        description:
          "group by this field: of logfmt or JSON lines, or of --format's records (lines without it: the last group, null)",
        valueName: "FIELD",
      },
      "by-word": {
        type: "string",
        description:
          "group by the N-th word (from 1), words split on runs of blanks as awk",
        valueName: "N",
      },
      "by-time": {
        type: "string",
        description:
          "group by time buckets of SIZE (500ms, 10s, 5m, 1h, 1d, 1w), keys as ISO 8601 in UTC, in time order",
        valueName: "SIZE",
      },
      ...TIME_FIELD_OPTION,
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
      top: {
        type: "string",
        description:
          "only the N groups with the largest --sort-by aggregate, largest first (ties: in key order)",
        valueName: "N",
      },
      "sort-by": {
        type: "string",
        description:
          "the aggregate of --top, as named in the output: count, sum_F, p95_F, \u2026 (default: the first)",
        valueName: "AGG",
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
      ...ERROR_OPTIONS,
      ...SPILL_OPTIONS,
      ...PARTIAL_OPTIONS,
    },
  },
  async run(ctx) {
    await checkBudget(ctx);
    const partial = partialPath(ctx);
    const modes = ["by", "by-word", "by-time"].filter((k) =>
      ctx.values[k] !== undefined
    );
    if (modes.length === 0) {
      ctx.usageError("give --by FIELD or --by-word N, or --by-time SIZE");
    }
    if (modes.length > 1) {
      ctx.usageError(
        `give one of --by, --by-word and --by-time, not ${
          modes.map((m) => `--${m}`).join(" and ")
        }`,
      );
    }
    checkTimeOptions(ctx, modes[0] === "by-time");
    // A shard's partial is loaded only for --partial (see groupsPartial).
    const formats = await formatReaders(ctx, modes[0] === "by-time");
    const groupByPartial = partial === undefined
      ? undefined
      : await groupsPartial();
    const format = formats?.formatOf(ctx);
    if (format !== undefined && format !== "words" && modes[0] === "by-word") {
      ctx.usageError(
        "--by-word reads words of lines: with --format, give --by FIELD",
      );
    }
    const byTime = ctx.values["by-time"] === undefined
      ? undefined
      : formats!.bucketSize(ctx, "by-time");
    const params: GroupParams = {
      ...(typeof ctx.values.by === "string"
        ? { by: ctx.values.by }
        : byTime !== undefined
        ? {
          byTime,
          timeField: formats!.timeFieldName(ctx, format, "--by-time"),
          time: await formats!.timeReading(ctx),
        }
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
    const keyName = params.by ??
      (byTime !== undefined ? "time" : `word${params.byWord}`);
    const spec = await groupSpec(params);
    const columns = Object.keys(spec.reducers);
    if (ctx.values["sort-by"] !== undefined && ctx.values.top === undefined) {
      ctx.usageError("--sort-by needs --top N");
    }
    const sortBy = typeof ctx.values["sort-by"] === "string"
      ? ctx.values["sort-by"]
      : columns[0]!;
    if (!columns.includes(sortBy)) {
      ctx.usageError(
        `--sort-by names an aggregate of the output (${
          columns.join(", ")
        }), got "${sortBy}"`,
      );
    }
    const plan: GroupPlan = {
      params,
      keyName,
      columns,
      csv: ctx.values.csv === true,
      ...(ctx.values.top === undefined ? {} : { top: integer(ctx, "top", 1) }),
      sortBy,
    };
    ctx.values.workers ??= String(navigator.hardwareConcurrency);
    const workers = integer(ctx, "workers", 1);
    let stage: Stage<never, Record<string, unknown>>;
    let parsing: Stage<string, unknown> | undefined;
    if (format !== undefined) {
      // The parse stage reads the records in this thread (CSV records may
      // span lines; auto decides once for the whole input).
      // The fields read, so that only they are parsed of JSON lines.
      const names: string[] = [];
      const field = (name: string) => {
        names.push(name);
        return formats!.recordField(ctx, format, name);
      };
      const key = byTime !== undefined
        ? (await import("../_read_time.ts")).timeBucket(
          byTime,
          params.timeField!,
          field(params.timeField!),
          params.time,
        )
        : (() => {
          const get = field(params.by ?? String(params.byWord));
          return (record: unknown) => groupKey(get(record));
        })();
      const records = groupOf(params, field, key);
      const policy = errorOptions(ctx);
      parsing = stageOrUsage(
        ctx,
        () => formats!.parseStage(ctx, format, policy, names),
      );
      stage = stageOrUsage(
        ctx,
        () =>
          partial !== undefined
            ? groupByPartial!(
              records.key,
              records.reducers,
              spillOptions(ctx),
            )
            : groupBy(records.key, records.reducers, spillOptions(ctx)),
      ) as Stage<never, Record<string, unknown>>;
    } else {
      if (
        Object.keys(ERROR_OPTIONS).some((name) =>
          ctx.values[name] !== undefined
        )
      ) {
        ctx.usageError(
          "--on-error, --dead-letter and --max-errors need --format",
        );
      }
      // Workers pay off on one plain file (the stage falls back to this
      // thread anywhere else); one worker is this thread's groupBy.
      stage = stageOrUsage(
        ctx,
        () =>
          partial !== undefined
            // A partial keeps each group's accumulators, in this thread.
            ? groupByPartial!(spec.key, spec.reducers, spillOptions(ctx))
            : workers === 1
            ? groupBy(spec.key, spec.reducers, spillOptions(ctx))
            : parallelGroupBy<string>(
              new URL("../_group_spec.ts", import.meta.url),
              { ...spillOptions(ctx), params, workers },
            ),
      ) as Stage<never, Record<string, unknown>>;
    }
    if (partial !== undefined) {
      await runStages(
        readLines(ctx.inputs, ctx.readOptions),
        [parsing, stage],
        await partialSink(ctx, partial, "group", {
          plan: plan as unknown as Record<string, unknown>,
        }),
        ctx.pipelineOptions,
      );
      await reportSkipped("sluice group", ctx.summary);
      return;
    }
    const output = groupOutput(plan);
    await runStages(
      readLines(ctx.inputs, ctx.readOptions),
      [parsing, stage, ...output.stages],
      writeLines(ctx.output, ctx.writeOptions),
      ctx.pipelineOptions,
    );
    await reportSkipped("sluice group", ctx.summary);
    const rest = output.ifEmpty();
    if (rest.length > 0) {
      await pipeline(rest, writeLines(ctx.output, ctx.writeOptions));
    }
  },
};

/** groupByPartial(), whose module a run loads for --partial only. */
async function groupsPartial() {
  const { groupByPartial } = await import("../../shard/group_partial.ts");
  return groupByPartial;
}
