// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  PARTIAL_OPTIONS,
  partialPath,
  partialSink
} from "./chunk-J4V7BTMP.js";
import {
  FORMAT_OPTIONS,
  TIME_FIELD_OPTION,
  checkTimeOptions
} from "./chunk-W6INNASD.js";
import {
  map
} from "./chunk-347TNIDF.js";
import {
  moduleHref,
  requirePositive
} from "./chunk-BHVBMKKE.js";
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
} from "./chunk-6PUDEJMY.js";
import {
  defineStage
} from "./chunk-HLMCZC6Z.js";
import {
  readLines,
  writeLines
} from "./chunk-7LQHHAKO.js";
import {
  pipeline
} from "./chunk-ROVXDBDY.js";
import {
  failAt,
  stageFailure
} from "./chunk-BBHQB3UX.js";
import {
  eachChunk
} from "./chunk-STV52ALK.js";
import {
  namedReducers
} from "./chunk-DIWDEBFX.js";
import {
  spillSettings
} from "./chunk-7IW3YWLL.js";
import {
  formatBytes
} from "./chunk-4W7FL7Y6.js";
import {
  lineOf,
  numbered
} from "./chunk-3ILZAVZR.js";
import {
  groupOf,
  groupSpec
} from "./chunk-M2YX3H6M.js";
import {
  csvCell,
  groupKey,
  keyValue,
  toJson
} from "./chunk-HUUYG5NT.js";
import {
  requireFunction,
  stageImpl
} from "./chunk-RJWQ7O3S.js";

// lib/spill/group_by.ts
function groupBy(key, reducers, options = {}) {
  const { budget, fanIn } = spillSettings("groupBy", options);
  requireFunction("groupBy", "key", key);
  const named = namedReducers("groupBy", reducers);
  return defineStage({
    kind: "groupBy",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      const { SpillDir, SpillingGroups } = await import("./_group_engine-NFRHCTTY.js");
      const spill = new SpillDir(options.tempDir);
      const groups = new SpillingGroups(named, {
        budget,
        fanIn,
        spill,
        stats
      });
      try {
        await eachChunk(input, (chunk) => groups.addItems(chunk.items, key, (error, i) => failAt(error, stats, ctx, chunk, i)));
        yield* groups.results();
      } finally {
        await spill.remove();
      }
    }
  });
}

// lib/parallel/parallel_group_by.ts
var PART_BYTES = 1 << 20;
var SAMPLE_BYTES = 4 * 1024 * 1024;
async function denseKey(source, key) {
  const { readRange } = await import("./_engine-VX4MXGVT.js");
  const seen = /* @__PURE__ */ new Set();
  let lines = 0;
  await readRange(source, 0, SAMPLE_BYTES, (items) => {
    for (const item of items) {
      lines++;
      let k;
      try {
        k = key(item);
      } catch {
        continue;
      }
      if (k !== void 0 && k !== null && k === k) seen.add(k);
    }
  });
  return lines >= 1e3 && seen.size > lines / 2;
}
async function* inThread(source, info, spec, settings, tempDir, sourceStats, stats, ctx) {
  const file = {
    dev: info.dev,
    ino: info.ino ?? 0,
    size: info.size
  };
  const { SpillDir, SpillingGroups } = await import("./_group_engine-NFRHCTTY.js");
  const { readRange } = await import("./_engine-VX4MXGVT.js");
  const spill = new SpillDir(tempDir);
  try {
    const groups = new SpillingGroups(spec.named, {
      ...settings,
      spill,
      stats
    });
    const key = spec.key;
    let read = 0;
    await readRange({
      ...source,
      file
    }, 0, info.size, async (items, firstLine, lines) => {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      sourceStats.itemsOut += items.length;
      stats.itemsIn += items.length;
      for (const item of items) read += item.length + 1;
      await groups.addItems(items, key, (error, i) => stageFailure(error, stats, ctx, {
        line: lines?.[i] ?? firstLine + i,
        path: source.path
      }));
      ctx.summary.bytesRead = Math.min(info.size, read);
    }).catch((error) => {
      throw stageFailure(error, sourceStats, ctx, {
        line: void 0,
        path: source.path
      });
    });
    ctx.summary.bytesRead = info.size;
    yield* groups.results();
  } finally {
    await spill.remove();
  }
}
var RANGE_BYTES = 16 * 1024 * 1024;
var WORKER = new URL("./parallel/_group_by_worker.js", import.meta.url);
function parallelGroupBy(module, options = {}) {
  const kind = "parallelGroupBy";
  const { budget } = spillSettings(kind, options);
  const workers = options.workers ?? navigator.hardwareConcurrency;
  const rangeBytes = options.rangeBytes ?? ((size) => Math.max(64 * 1024, Math.min(RANGE_BYTES, Math.ceil(size / 4 / workers))));
  requirePositive(kind, {
    workers,
    rangeBytes: options.rangeBytes ?? RANGE_BYTES
  });
  const url = moduleHref(module);
  const exportName = options.export ?? "default";
  const load = async () => (await import("./_group_engine-NFRHCTTY.js")).loadGroupSpec(kind, url, exportName, options.params);
  const stage = defineStage({
    kind,
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk; ${workers} workers`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      const spec = await load();
      const inThread2 = stageImpl(groupBy(spec.key, spec.reducers, options));
      yield* inThread2.run(input, stats, ctx);
    },
    async *readsRanges(source, sourceStats, stats, ctx) {
      const info = await Deno.stat(source.path);
      if (info.size >= 2 * SAMPLE_BYTES) {
        const spec = await load();
        if (await denseKey(source, spec.key)) {
          stats.count("inThread", 1);
          yield* inThread(source, info, spec, spillSettings(kind, options), options.tempDir, sourceStats, stats, ctx);
          return;
        }
      }
      const { Pool, rangeAnswers, remoteError } = await import("./_engine-VX4MXGVT.js");
      const pool = new Pool(workers, WORKER, {
        type: "init",
        module: url,
        exportName,
        params: options.params,
        capBytes: Math.max(1, Math.min(PART_BYTES, Math.floor(budget / 4 / workers)))
      }, stats);
      const { SpillDir, SpillingGroups } = await import("./_group_engine-NFRHCTTY.js");
      const spill = new SpillDir(options.tempDir);
      try {
        const spec = await load();
        const groups = new SpillingGroups(spec.named, {
          ...spillSettings(kind, options),
          spill,
          stats,
          // Half, as its doc says: more than a worker's share, so that a
          // range that outgrows a worker's table fits in this one.
          tableShare: 0.5
        });
        const table = groups.table;
        const failed = (error) => stageFailure(error, stats, ctx, {
          line: void 0,
          path: source.path
        });
        const merge = async (partial) => {
          try {
            for (let i = 0; i < partial.keys.length; i++) {
              table.mergeEncoded(partial.keys[i], partial.accs[i]);
            }
            if (partial.missing > 0) {
              stats.count("missingKeys", partial.missing);
            }
          } catch (error) {
            throw failed(error);
          }
          stats.counters.partials = (stats.counters.partials ?? 0) + 1;
          await groups.check();
        };
        const answers = rangeAnswers(source, sourceStats, stats, ctx, pool, rangeBytes);
        let kept = false;
        for await (const answer of answers) {
          const partial = "part" in answer ? answer.part : answer.result.partial;
          if (partial === void 0) kept = true;
          else await merge(partial);
        }
        if (kept) {
          pool.sendToEach((k) => ({
            type: "flush",
            seq: -1 - k
          }));
          for (let k = 0; k < pool.size; k++) {
            let done;
            while ((done = pool.take(-1 - k)) === void 0) {
              if (pool.failure !== void 0) throw failed(pool.failure);
              await pool.wait(ctx.signal);
            }
            const reply = done.reply;
            if (reply.type === "error") {
              throw failed(remoteError(reply.error, done.worker));
            }
            await merge(reply.partial);
          }
        }
        pool.close();
        yield* groups.results();
      } finally {
        pool.close();
        await spill.remove();
      }
    }
  });
  return stage;
}

// lib/stages/top.ts
function compare(a, b) {
  const ta = typeof a === "string";
  const tb = typeof b === "string";
  if (ta !== tb) return ta ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
function top(count, options = {}) {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`Cannot create top stage: count must be an integer of at least 0, got ${count}`);
  }
  const { by, reverse = false } = options;
  if (by !== void 0) requireFunction("top", "by", by);
  const keyOf = by ?? ((item) => item);
  const sign = reverse ? -1 : 1;
  return defineStage({
    kind: "top",
    name: options.name,
    bound: `${count} items + 1 chunk`,
    async *run(input, stats, ctx) {
      const items = [];
      const keys = [];
      const seqs = [];
      const lines = [];
      const worse = (i, j) => {
        const c = compare(keys[i], keys[j]) * sign;
        return c < 0 || c === 0 && seqs[i] > seqs[j];
      };
      const swap = (i, j) => {
        [items[i], items[j]] = [
          items[j],
          items[i]
        ];
        [keys[i], keys[j]] = [
          keys[j],
          keys[i]
        ];
        [seqs[i], seqs[j]] = [
          seqs[j],
          seqs[i]
        ];
        [lines[i], lines[j]] = [
          lines[j],
          lines[i]
        ];
      };
      const down = (from) => {
        const n = keys.length;
        let i = from;
        for (; ; ) {
          const l = 2 * i + 1;
          if (l >= n) return;
          const r = l + 1;
          const c = r < n && worse(r, l) ? r : l;
          if (!worse(c, i)) return;
          swap(i, c);
          i = c;
        }
      };
      let seq = 0;
      for await (const chunk of input) {
        if (count === 0) continue;
        const batch = chunk.items;
        for (let k = 0; k < batch.length; k++) {
          const item = batch[k];
          const key = keyOf(item);
          if (typeof key !== "number" && typeof key !== "bigint" && typeof key !== "string" || Number.isNaN(key)) {
            throw stageFailure(new TypeError(`The key must be a number, bigint or string, got ${typeof key === "number" ? "NaN" : key === null ? "null" : typeof key}`), stats, ctx, {
              line: lineOf(chunk, k),
              path: chunk.path
            });
          }
          if (keys.length < count) {
            items.push(item);
            keys.push(key);
            seqs.push(seq++);
            lines.push(lineOf(chunk, k));
            let i = keys.length - 1;
            while (i > 0) {
              const p = i - 1 >> 1;
              if (!worse(i, p)) break;
              swap(i, p);
              i = p;
            }
            continue;
          }
          seq++;
          if (compare(key, keys[0]) * sign > 0) {
            items[0] = item;
            keys[0] = key;
            seqs[0] = seq - 1;
            lines[0] = lineOf(chunk, k);
            down(0);
          }
        }
        stats.hold(keys.length, 0);
      }
      if (keys.length === 0) return;
      const order = [
        ...keys.keys()
      ].sort((i, j) => worse(i, j) ? 1 : worse(j, i) ? -1 : 0);
      yield numbered(order.map((i) => items[i]), order.map((i) => lines[i]));
    }
  });
}

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
      stage = stageOrUsage(ctx, () => partial !== void 0 ? groupByPartial(spec.key, spec.reducers, spillOptions(ctx)) : workers === 1 ? groupBy(spec.key, spec.reducers, spillOptions(ctx)) : parallelGroupBy(new URL("./cli/_group_spec.js", import.meta.url), {
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
  const { groupByPartial } = await import("./group_partial-BEWBMGK5.js");
  return groupByPartial;
}

export {
  groupOutput,
  group
};
