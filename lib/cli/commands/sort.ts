// Copyright 2026 the sluice authors. MIT license.
// `sluice sort`: lines by the line, a field or its time, beyond memory.

import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { sort as sortStage } from "../../spill/sort.ts";
import { writeLines } from "../../io/write_lines.ts";
import { fieldGetter, keyText, readTime, sortNumericKey } from "../_fields.ts";
import {
  FORMAT_OPTIONS,
  formatOf,
  type Keyed,
  keyedRecords,
  recordField,
  referenceOf,
  SKIP_OPTIONS,
  texts,
  TIME_FIELD_OPTION,
  timeFieldName,
} from "../_format.ts";
import type { Command } from "./_command.ts";
import { map } from "../../stages/map.ts";
import { sortPartial } from "../../shard/sort_partial.ts";
import { PARTIAL_OPTIONS, partialPath, partialSink } from "./_partial.ts";
import {
  integer,
  KEY_OPTIONS,
  keyGetter,
  reportSkipped,
  SPILL_OPTIONS,
  spillOptions,
  stageOrUsage,
} from "./_options.ts";

/** `sluice sort`: a stable sort by the line or a field, within a budget. */
export const sort: Command = {
  name: "sort",
  synopsis: "sort",
  summary: "sort by a field, its time or the line (-n, -r), beyond memory",
  spec: {
    name: "sluice sort",
    usage: "[OPTION…] [FILE…]",
    description:
      "Sort lines, by the whole line, by a field or by a record's time, within a memory budget: beyond it, sorted runs go to temporary files that are merged at the end (and removed, also on failure or Ctrl-C). Stable: equal keys keep their input order, as sort -s. Strings compare by UTF-16 code units; with -n, keys compare as the number they start with, as sort -n does: exactly, digit by digit, however many digits (JSON integers beyond 2^53 too). A line without the field (or the word), or with -n without a number there, comes last whatever the order, in input order, counted in --summary as missingKeys (sort -n would read 0). Words are split on runs of blanks, as awk (changed: they were split on each single space). With --format, lines are written as read (CSV and TSV records written back, after their header).",
    examples: [
      "sluice sort -k latency_ms -n -r app.log | head",
      "sluice sort --word 1 --budget 256MB -o sorted.log app.log",
      "sluice sort -n -k latency_ms --summary app.log > by-latency.log",
      "sluice sort --format combined -k body_bytes_sent -n -r access.log | head",
      "sluice sort --format syslog --by-time /var/log/syslog",
    ],
    options: {
      ...FORMAT_OPTIONS,
      ...KEY_OPTIONS,
      numeric: {
        type: "boolean",
        short: "n",
        description: "compare keys as numbers",
      },
      "by-time": {
        type: "boolean",
        description:
          "sort by the time field, read as a time (ISO 8601, access log, syslog, epoch, …)",
      },
      ...TIME_FIELD_OPTION,
      reverse: {
        type: "boolean",
        short: "r",
        description: "largest first (equal keys still in input order)",
      },
      ...SKIP_OPTIONS,
      ...SPILL_OPTIONS,
      ...PARTIAL_OPTIONS,
    },
  },
  async run(ctx) {
    const partial = partialPath(ctx);
    const format = formatOf(ctx);
    const numeric = ctx.values.numeric === true;
    const byTime = ctx.values["by-time"] === true;
    if (
      byTime && (ctx.values.key !== undefined || ctx.values.word !== undefined)
    ) {
      ctx.usageError("give --by-time or a key (-k, --word), not both");
    }
    if (ctx.values["time-field"] !== undefined && !byTime) {
      ctx.usageError("--time-field needs --by-time");
    }
    if (format === undefined) {
      if (ctx.values["on-error"] !== undefined) {
        ctx.usageError("--on-error needs --format");
      }
      let key: ((line: string) => string | number | undefined) | undefined;
      if (byTime) {
        const name = timeFieldName(ctx, undefined, "--by-time");
        const get = fieldGetter(name);
        key = (line) => readTime(get(line), name).getTime();
      } else {
        const get = keyGetter(ctx);
        key = get === undefined
          ? numeric ? sortNumericKey : undefined
          : numeric
          ? (line) => sortNumericKey(get(line))
          : (line) => keyText(get(line));
      }
      if (partial !== undefined) {
        // Each line with its key: merge compares the keys, not the lines.
        const stage = stageOrUsage(
          ctx,
          () =>
            sortPartial<string, string | number | undefined>(
              key ?? ((line) => line),
              { reverse: ctx.values.reverse === true, ...spillOptions(ctx) },
            ),
        );
        await pipeline(
          readLines(ctx.inputs, ctx.readOptions),
          stage,
          await partialSink(ctx, partial, "sort"),
          ctx.pipelineOptions,
        );
        return;
      }
      const stage = stageOrUsage(
        ctx,
        () =>
          sortStage<string, string | number | undefined>({
            ...(key === undefined ? {} : { key }),
            reverse: ctx.values.reverse === true,
            ...spillOptions(ctx),
          }),
      );
      await pipeline(
        readLines(ctx.inputs, ctx.readOptions),
        stage,
        writeLines(ctx.output, ctx.writeOptions),
        ctx.pipelineOptions,
      );
      return;
    }
    // Each record goes through the sort as its key and its text.
    let key: (record: unknown) => string | number | undefined;
    if (byTime) {
      const name = timeFieldName(ctx, format, "--by-time");
      const get = recordField(ctx, format, name);
      const reference = await referenceOf(ctx.inputs);
      key = (record) => readTime(get(record), name, reference).getTime();
    } else {
      if (ctx.values.key !== undefined && ctx.values.word !== undefined) {
        ctx.usageError("give --key or --word, not both");
      }
      if (ctx.values.word !== undefined && format !== "words") {
        ctx.usageError(
          "--word reads words of lines: with --format, give -k FIELD",
        );
      }
      const name = typeof ctx.values.key === "string"
        ? ctx.values.key
        : ctx.values.word !== undefined
        ? String(integer(ctx, "word", 1))
        : undefined;
      const get = name === undefined
        ? undefined
        : recordField(ctx, format, name);
      key = get === undefined
        ? () => "" // the text, below
        : numeric
        ? (record) => sortNumericKey(get(record))
        : (record) => keyText(get(record));
    }
    const records = keyedRecords(ctx, format, key);
    const whole = ctx.values.key === undefined &&
      ctx.values.word === undefined && !byTime;
    const keyOf = whole
      ? numeric
        ? (x: Keyed<string | number | undefined>) => sortNumericKey(x.t)
        : (x: Keyed<string | number | undefined>) => x.t
      : (x: Keyed<string | number | undefined>) => x.k;
    if (partial !== undefined) {
      const stage = stageOrUsage(ctx, () =>
        sortPartial<
          Keyed<string | number | undefined>,
          string | number | undefined
        >(keyOf, {
          reverse: ctx.values.reverse === true,
          ...spillOptions(ctx),
        }));
      await pipeline(
        readLines(ctx.inputs, ctx.readOptions),
        ...records.stages,
        stage,
        map(([k, x]: [unknown, Keyed<unknown>]) => [k, x.t]),
        await partialSink(ctx, partial, "sort"),
        ctx.pipelineOptions,
      );
      await reportSkipped("sluice sort", ctx.summary);
      return;
    }
    const stage = stageOrUsage(
      ctx,
      () =>
        sortStage<
          Keyed<string | number | undefined>,
          string | number | undefined
        >(keyOf, {
          reverse: ctx.values.reverse === true,
          ...spillOptions(ctx),
        }),
    );
    await pipeline(
      readLines(ctx.inputs, ctx.readOptions),
      ...records.stages,
      stage,
      texts(records.header),
      writeLines(ctx.output, ctx.writeOptions),
      ctx.pipelineOptions,
    );
    await reportSkipped("sluice sort", ctx.summary);
  },
};
