// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  FORMAT_OPTIONS,
  TIME_FIELD_OPTION,
  checkTimeOptions
} from "./chunk-W6INNASD.js";
import {
  PARTIAL_OPTIONS,
  partialPath,
  partialSink
} from "./chunk-ZRHYO3PC.js";
import {
  ERROR_OPTIONS,
  SPILL_OPTIONS,
  checkBudget,
  errorOptions,
  formatReaders,
  integer,
  names,
  reportSkipped,
  runStages,
  spillOptions,
  stageOrUsage
} from "./chunk-465NUAZW.js";
import {
  groupOf,
  groupSpec
} from "./chunk-LOZ4VUR7.js";
import {
  csvCell,
  groupKey,
  keyValue,
  toJson
} from "./chunk-54EGYELG.js";
import {
  parallelGroupBy
} from "./chunk-DFUAQLRK.js";
import {
  groupBy
} from "./chunk-M3KXK6WR.js";
import {
  top
} from "./chunk-ZQEHRCAC.js";
import {
  pipeline
} from "./chunk-X2CPFFEF.js";
import {
  readLines
} from "./chunk-HVBOXFPS.js";
import {
  writeLines
} from "./chunk-NSMWYBW2.js";
import {
  map
} from "./chunk-H4K2N2UV.js";

// lib/cli/commands/group.ts
var AGGREGATES = [
  "sum",
  "mean",
  "min",
  "max",
  "p50",
  "p90",
  "p95",
  "p99"
];
function groupOutput(plan) {
  const { keyName, columns, csv, sortBy } = plan;
  const ranked = plan.top === void 0 ? void 0 : top(plan.top, {
    by: (g) => g[sortBy] ?? -Infinity
  });
  let header = csv;
  const format = map((g) => {
    const key = keyValue(g.key);
    if (!csv) {
      const row2 = {
        [keyName]: key
      };
      for (const c of columns) row2[c] = g[c];
      return toJson(row2);
    }
    const row = [
      key,
      ...columns.map((c) => g[c])
    ].map(csvCell).join(",");
    if (!header) return row;
    header = false;
    return [
      [
        keyName,
        ...columns
      ].map(csvCell).join(","),
      row
    ];
  });
  return {
    stages: [
      ...ranked === void 0 ? [] : [
        ranked
      ],
      format
    ],
    ifEmpty: () => header ? [
      [
        keyName,
        ...columns
      ].map(csvCell).join(",")
    ] : []
  };
}
var group = {
  name: "group",
  synopsis: "group",
  summary: "count, sum, mean, min, max, percentiles per field value",
  spec: {
    name: "sluice group",
    usage: "--by FIELD [AGGREGATE\u2026] [OPTION\u2026] [FILE\u2026]",
    description: "Aggregate lines per value of a field, or per time bucket, within a memory budget (partial results spill to temporary files and are merged exactly). Prints one JSON line (or CSV row) per group, in key order (numbers, then text; time buckets in time order): the key (a number stays a number), then the aggregates in the order given, named like count, sum_FIELD or p95_FIELD; --top N prints only the N groups with the largest --sort-by aggregate, largest first. Sums, minima and maxima of integers are exact however large; percentiles are exact (nearest rank) unless --approx. Lines without the field (or the word) make the last group, whose key is null (empty in CSV), counted in --summary as missingKeys. Values that are not numbers are left out. Without an aggregate: --count. Words are split on runs of blanks, as awk (changed: they were split on each single space). With --format, one thread reads the records.",
    examples: [
      "sluice group --by service --count --p95 latency_ms app.log",
      "sluice group --by path --mean latency_ms --max latency_ms --csv app.log",
      "sluice group --by-word 3 --count --p99 latency_ms --approx app.log",
      "sluice group --format combined --by remote_addr --count --top 10 access.log",
      "sluice group --format combined --by-time 1h --count --sum body_bytes_sent access.log"
    ],
    options: {
      ...FORMAT_OPTIONS,
      by: {
        type: "string",
        description: "group by this field: of logfmt or JSON lines, or of --format's records (lines without it: the last group, null)",
        valueName: "FIELD"
      },
      "by-word": {
        type: "string",
        description: "group by the N-th word (from 1), words split on runs of blanks as awk",
        valueName: "N"
      },
      "by-time": {
        type: "string",
        description: "group by time buckets of SIZE (500ms, 10s, 5m, 1h, 1d, 1w), keys as ISO 8601 in UTC, in time order",
        valueName: "SIZE"
      },
      ...TIME_FIELD_OPTION,
      count: {
        type: "boolean",
        short: "c",
        description: "lines per group"
      },
      sum: {
        type: "string",
        description: "sum of fields",
        valueName: "F1,F2"
      },
      mean: {
        type: "string",
        description: "mean of fields",
        valueName: "F"
      },
      min: {
        type: "string",
        description: "smallest value",
        valueName: "F"
      },
      max: {
        type: "string",
        description: "largest value",
        valueName: "F"
      },
      p50: {
        type: "string",
        description: "median",
        valueName: "F"
      },
      p90: {
        type: "string",
        description: "90th percentile",
        valueName: "F"
      },
      p95: {
        type: "string",
        description: "95th percentile",
        valueName: "F"
      },
      p99: {
        type: "string",
        description: "99th percentile",
        valueName: "F"
      },
      top: {
        type: "string",
        description: "only the N groups with the largest --sort-by aggregate, largest first (ties: in key order)",
        valueName: "N"
      },
      "sort-by": {
        type: "string",
        description: "the aggregate of --top, as named in the output: count, sum_F, p95_F, \u2026 (default: the first)",
        valueName: "AGG"
      },
      approx: {
        type: "boolean",
        description: "approximate percentiles (within 1% relative error) in little memory"
      },
      workers: {
        type: "string",
        description: "aggregate one plain file in N workers at once (default: the number of cores; 1: in one thread)",
        valueName: "N"
      },
      csv: {
        type: "boolean",
        description: "write CSV with a header row instead of JSON lines"
      },
      ...ERROR_OPTIONS,
      ...SPILL_OPTIONS,
      ...PARTIAL_OPTIONS
    }
  },
  async run(ctx) {
    await checkBudget(ctx);
    const partial = partialPath(ctx);
    const modes = [
      "by",
      "by-word",
      "by-time"
    ].filter((k) => ctx.values[k] !== void 0);
    if (modes.length === 0) {
      ctx.usageError("give --by FIELD or --by-word N, or --by-time SIZE");
    }
    if (modes.length > 1) {
      ctx.usageError(`give one of --by, --by-word and --by-time, not ${modes.map((m) => `--${m}`).join(" and ")}`);
    }
    checkTimeOptions(ctx, modes[0] === "by-time");
    const formats = await formatReaders(ctx, modes[0] === "by-time");
    const groupByPartial = partial === void 0 ? void 0 : await groupsPartial();
    const format = formats?.formatOf(ctx);
    if (format !== void 0 && format !== "words" && modes[0] === "by-word") {
      ctx.usageError("--by-word reads words of lines: with --format, give --by FIELD");
    }
    const byTime = ctx.values["by-time"] === void 0 ? void 0 : formats.bucketSize(ctx, "by-time");
    const params = {
      ...typeof ctx.values.by === "string" ? {
        by: ctx.values.by
      } : byTime !== void 0 ? {
        byTime,
        timeField: formats.timeFieldName(ctx, format, "--by-time"),
        time: await formats.timeReading(ctx)
      } : {
        byWord: integer(ctx, "by-word", 1)
      },
      // In the command line's order: `--p95 a --count` gives p95_a, count.
      aggregates: [
        "count",
        ...AGGREGATES
      ].filter((agg) => ctx.values[agg] !== void 0 && ctx.values[agg] !== false).sort((a, b) => ctx.optionOrder.indexOf(a) - ctx.optionOrder.indexOf(b)).flatMap((agg) => agg === "count" ? [
        [
          "count",
          ""
        ]
      ] : names(ctx, agg).map((field) => [
        agg,
        field
      ])),
      count: ctx.values.count === true,
      approx: ctx.values.approx === true
    };
    const keyName = params.by ?? (byTime !== void 0 ? "time" : `word${params.byWord}`);
    const spec = await groupSpec(params);
    const columns = Object.keys(spec.reducers);
    if (ctx.values["sort-by"] !== void 0 && ctx.values.top === void 0) {
      ctx.usageError("--sort-by needs --top N");
    }
    const sortBy = typeof ctx.values["sort-by"] === "string" ? ctx.values["sort-by"] : columns[0];
    if (!columns.includes(sortBy)) {
      ctx.usageError(`--sort-by names an aggregate of the output (${columns.join(", ")}), got "${sortBy}"`);
    }
    const plan = {
      params,
      keyName,
      columns,
      csv: ctx.values.csv === true,
      ...ctx.values.top === void 0 ? {} : {
        top: integer(ctx, "top", 1)
      },
      sortBy
    };
    ctx.values.workers ??= String(navigator.hardwareConcurrency);
    const workers = integer(ctx, "workers", 1);
    let stage;
    let parsing;
    if (format !== void 0) {
      const names2 = [];
      const field = (name) => {
        names2.push(name);
        return formats.recordField(ctx, format, name);
      };
      const key = byTime !== void 0 ? (await import("./_read_time-YFGNYI4J.js")).timeBucket(byTime, params.timeField, field(params.timeField), params.time) : (() => {
        const get = field(params.by ?? String(params.byWord));
        return (record) => groupKey(get(record));
      })();
      const records = groupOf(params, field, key);
      const policy = errorOptions(ctx);
      parsing = stageOrUsage(ctx, () => formats.parseStage(ctx, format, policy, names2));
      stage = stageOrUsage(ctx, () => partial !== void 0 ? groupByPartial(records.key, records.reducers, spillOptions(ctx)) : groupBy(records.key, records.reducers, spillOptions(ctx)));
    } else {
      if (Object.keys(ERROR_OPTIONS).some((name) => ctx.values[name] !== void 0)) {
        ctx.usageError("--on-error, --dead-letter and --max-errors need --format");
      }
      stage = stageOrUsage(ctx, () => partial !== void 0 ? groupByPartial(spec.key, spec.reducers, spillOptions(ctx)) : workers === 1 ? groupBy(spec.key, spec.reducers, spillOptions(ctx)) : parallelGroupBy(new URL("./lib/cli/_group_spec.js", import.meta.url), {
        ...spillOptions(ctx),
        params,
        workers
      }));
    }
    if (partial !== void 0) {
      await runStages(readLines(ctx.inputs, ctx.readOptions), [
        parsing,
        stage
      ], await partialSink(ctx, partial, "group", {
        plan
      }), ctx.pipelineOptions);
      await reportSkipped("sluice group", ctx.summary);
      return;
    }
    const output = groupOutput(plan);
    await runStages(readLines(ctx.inputs, ctx.readOptions), [
      parsing,
      stage,
      ...output.stages
    ], writeLines(ctx.output, ctx.writeOptions), ctx.pipelineOptions);
    await reportSkipped("sluice group", ctx.summary);
    const rest = output.ifEmpty();
    if (rest.length > 0) {
      await pipeline(rest, writeLines(ctx.output, ctx.writeOptions));
    }
  }
};
async function groupsPartial() {
  const { groupByPartial } = await import("./group_partial-6QSEUFJD.js");
  return groupByPartial;
}

export {
  groupOutput,
  group
};
