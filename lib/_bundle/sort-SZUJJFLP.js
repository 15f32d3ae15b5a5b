// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  keyGetter
} from "./chunk-FTS7UVKA.js";
import {
  FORMAT_OPTIONS,
  SKIP_OPTIONS,
  TIME_FIELD_OPTION,
  checkTimeOptions
} from "./chunk-W6INNASD.js";
import {
  PARTIAL_OPTIONS,
  partialPath,
  partialSink
} from "./chunk-ZRHYO3PC.js";
import {
  KEY_OPTIONS,
  SPILL_OPTIONS,
  checkBudget,
  formatReaders,
  integer,
  keepBytes,
  lineText,
  reportBinary,
  reportSkipped,
  runStages,
  spillOptions,
  stageOrUsage
} from "./chunk-465NUAZW.js";
import "./chunk-AJRTXXC2.js";
import {
  keyText
} from "./chunk-54EGYELG.js";
import "./chunk-G2M2G3YN.js";
import {
  lineField
} from "./chunk-EKLR5R5G.js";
import {
  sort
} from "./chunk-ZWHRAJDH.js";
import "./chunk-PCXRQEVB.js";
import "./chunk-HIO6RDNE.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-2T7D4BFK.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-HME7MDZD.js";
import "./chunk-X2CPFFEF.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-4TGYKUN4.js";
import {
  readLines
} from "./chunk-HVBOXFPS.js";
import "./chunk-JEJGDMZV.js";
import "./chunk-R3JU4EVG.js";
import "./chunk-R7VB6IFH.js";
import "./chunk-YYVGN7B7.js";
import "./chunk-E2F53XKZ.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import {
  writeLines
} from "./chunk-NSMWYBW2.js";
import "./chunk-YYIHPHCX.js";
import {
  map
} from "./chunk-H4K2N2UV.js";
import "./chunk-DBGDXXNI.js";
import "./chunk-UQVDOQX2.js";
import "./chunk-Y6AFSVNC.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-W7PSUR2W.js";
import "./chunk-65U4WM43.js";
import "./chunk-XSSWW4V7.js";
import "./chunk-FFM2QZVY.js";
import "./chunk-LTYBISTW.js";
import "./chunk-RJWQ7O3S.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";

// lib/cli/commands/sort.ts
function numericValue(value) {
  return typeof value === "string" || typeof value === "number" ? value : typeof value === "bigint" ? value.toString() : void 0;
}
var sort2 = {
  name: "sort",
  synopsis: "sort",
  summary: "sort by a field, its time or the line (-n, -r), beyond memory",
  spec: {
    name: "sluice sort",
    usage: "[OPTION\u2026] [FILE\u2026]",
    description: "Sort lines, by the whole line, by a field or by a record's time, within a memory budget: beyond it, sorted runs go to temporary files that are merged at the end (and removed, also on failure or Ctrl-C). Stable: equal keys keep their input order, as sort -s. Strings compare by UTF-16 code units; with -n, keys compare as the number they start with, as sort -n does: exactly, digit by digit, however many digits (JSON integers beyond 2^53 too). A line without the field (or the word), or with -n without a number there, comes last whatever the order, in input order, counted in --summary as missingKeys (sort -n would read 0). Words are split on runs of blanks, as awk (changed: they were split on each single space). With --format, lines are written as read (CSV and TSV records written back, after their header).",
    examples: [
      "sluice sort -k latency_ms -n -r app.log | head",
      "sluice sort --word 1 --budget 256MB -o sorted.log app.log",
      "sluice sort -n -k latency_ms --summary app.log > by-latency.log",
      "sluice sort --format combined -k body_bytes_sent -n -r access.log | head",
      "sluice sort --format syslog --by-time /var/log/syslog"
    ],
    options: {
      // -o FILE, as in GNU sort: the only command whose GNU namesake has it.
      output: {
        type: "string",
        short: "o",
        description: "write to FILE (atomically) instead of standard output",
        valueName: "FILE"
      },
      ...FORMAT_OPTIONS,
      ...KEY_OPTIONS,
      numeric: {
        type: "boolean",
        short: "n",
        description: "compare keys as numbers"
      },
      "by-time": {
        type: "boolean",
        description: "sort by the time field, read as a time (ISO 8601, access log, syslog, epoch, \u2026)"
      },
      ...TIME_FIELD_OPTION,
      reverse: {
        type: "boolean",
        short: "r",
        description: "largest first (equal keys still in input order)"
      },
      ...SKIP_OPTIONS,
      ...SPILL_OPTIONS,
      ...PARTIAL_OPTIONS
    }
  },
  async run(ctx) {
    await checkBudget(ctx);
    const partial = partialPath(ctx);
    const numeric = ctx.values.numeric === true;
    const byTime = ctx.values["by-time"] === true;
    if (byTime && (ctx.values.key !== void 0 || ctx.values.word !== void 0)) {
      ctx.usageError("give --by-time or a key (-k, --word), not both");
    }
    checkTimeOptions(ctx, byTime);
    const formats = await formatReaders(ctx, byTime);
    const format = formats?.formatOf(ctx);
    if (format === void 0) {
      if (ctx.values["on-error"] !== void 0) {
        ctx.usageError("--on-error needs --format");
      }
      let key2;
      if (byTime) {
        const name = formats.timeFieldName(ctx, void 0, "--by-time");
        const field = lineField(name);
        const get = (line) => field(lineText(line));
        const time = await formats.timeReading(ctx);
        const { readTime } = await import("./_read_time-YFGNYI4J.js");
        key2 = (line) => readTime(get(line), name, time).getTime();
      } else {
        const field = keyGetter(ctx, "key", !numeric);
        const get = field === void 0 ? void 0 : (line) => field(lineText(line));
        key2 = get === void 0 ? void 0 : typeof ctx.values.key === "string" ? field : numeric ? get : (line) => keyText(get(line));
      }
      const byNumber2 = numeric && !byTime;
      const kept = keepBytes(ctx);
      if (partial !== void 0) {
        const stage3 = await partialStage(ctx, byNumber2, key2 ?? ((line) => line));
        await runStages(readLines(ctx.inputs, kept.read), [
          stage3
        ], await partialSink(ctx, partial, "sort"), ctx.pipelineOptions);
        await reportBinary("sluice sort", kept.binary);
        return;
      }
      const stage2 = stageOrUsage(ctx, () => sort({
        ...key2 === void 0 ? {} : {
          key: key2
        },
        numeric: byNumber2,
        reverse: ctx.values.reverse === true,
        ...spillOptions(ctx)
      }));
      await runStages(readLines(ctx.inputs, kept.read), [
        stage2
      ], writeLines(ctx.output, kept.write), ctx.pipelineOptions);
      await reportBinary("sluice sort", kept.binary);
      return;
    }
    const byNumber = numeric && !byTime;
    let key;
    const names = [];
    const { recordField } = formats;
    if (byTime) {
      const name = formats.timeFieldName(ctx, format, "--by-time");
      names.push(name);
      const get = recordField(ctx, format, name);
      const time = await formats.timeReading(ctx);
      const { readTime } = await import("./_read_time-YFGNYI4J.js");
      key = (record) => readTime(get(record), name, time).getTime();
    } else {
      if (ctx.values.key !== void 0 && ctx.values.word !== void 0) {
        ctx.usageError("give --key or --word, not both");
      }
      if (ctx.values.word !== void 0 && format !== "words") {
        ctx.usageError("--word reads words of lines: with --format, give -k FIELD");
      }
      const name = typeof ctx.values.key === "string" ? ctx.values.key : ctx.values.word !== void 0 ? String(integer(ctx, "word", 1)) : void 0;
      if (name !== void 0) names.push(name);
      const get = name === void 0 ? void 0 : recordField(ctx, format, name);
      key = get === void 0 ? () => "" : numeric ? (record) => numericValue(get(record)) : (record) => keyText(get(record));
    }
    const records = formats.keyedRecords(ctx, format, key, names);
    const whole = ctx.values.key === void 0 && ctx.values.word === void 0 && !byTime;
    const sortKey = whole ? (x) => x.t : (x) => x.k;
    if (partial !== void 0) {
      const sorted = await partialStage(ctx, byNumber, sortKey);
      await runStages(readLines(ctx.inputs, ctx.readOptions), [
        ...records.stages,
        sorted,
        map(([k, x]) => [
          k,
          x.t
        ])
      ], await partialSink(ctx, partial, "sort"), ctx.pipelineOptions);
      await reportSkipped("sluice sort", ctx.summary);
      return;
    }
    const stage = stageOrUsage(ctx, () => sort(sortKey, {
      numeric: byNumber,
      reverse: ctx.values.reverse === true,
      ...spillOptions(ctx)
    }));
    await runStages(readLines(ctx.inputs, ctx.readOptions), [
      ...records.stages,
      stage,
      formats.texts(records.header)
    ], writeLines(ctx.output, ctx.writeOptions), ctx.pipelineOptions);
    await reportSkipped("sluice sort", ctx.summary);
  }
};
async function partialStage(ctx, numeric, key) {
  const { sortPartial } = await import("./sort_partial-KRYMTBFB.js");
  const options = {
    reverse: ctx.values.reverse === true,
    ...spillOptions(ctx)
  };
  return stageOrUsage(ctx, () => numeric ? sortPartial(key, {
    ...options,
    numeric: true
  }) : sortPartial(key, options));
}
export {
  sort2 as sort
};
