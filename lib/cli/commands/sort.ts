// Copyright 2026 the sluice authors. MIT license.
// `sluice sort`: lines by the line, a field or its time, beyond memory.

import { readLines } from "../../io/read_lines.ts";
import { sort as sortStage } from "../../spill/sort.ts";
import { writeLines } from "../../io/write_lines.ts";
import { fieldGetter, keyText, numericKey, readTime } from "../_fields.ts";
import {
  exactKey,
  exactTies,
  NumericOrder,
  numericRecords,
} from "../_numeric_sort.ts";
import {
  checkTimeOptions,
  FORMAT_OPTIONS,
  formatOf,
  type Keyed,
  keyedRecords,
  recordField,
  SKIP_OPTIONS,
  texts,
  TIME_FIELD_OPTION,
  timeFieldName,
  timeReading,
} from "../_format.ts";
import type { Command } from "./_command.ts";
import type { ScriptContext } from "../script.ts";
import type { Stage } from "../../core/types.ts";
import { map } from "../../stages/map.ts";
import { sortPartial } from "../../shard/sort_partial.ts";
import { PARTIAL_OPTIONS, partialPath, partialSink } from "./_partial.ts";
import {
  checkBudget,
  integer,
  keepBytes,
  KEY_OPTIONS,
  lineText,
  reportBinary,
  reportSkipped,
  runStages,
  SPILL_OPTIONS,
  spillOptions,
  stageOrUsage,
} from "./_options.ts";
import { keyGetter } from "./_key_option.ts";

/**
 * A record's key: text, a number, a number a double rounds (`d`) with its
 * exact key (`e`, see numericKey), or undefined (missing).
 */
type SortKey = string | number | { d: number; e: string } | undefined;

/** `sluice sort`: a stable sort by the line or a field, within a budget. */
export const sort: Command = {
  name: "sort",
  synopsis: "sort",
  summary: "sort by a field, its time or the line (-n, -r), beyond memory",
  spec: {
    name: "sluice sort",
    usage: "[OPTION\u2026] [FILE\u2026]",
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
      // -o FILE, as in GNU sort: the only command whose GNU namesake has it.
      output: {
        type: "string",
        short: "o",
        description: "write to FILE (atomically) instead of standard output",
        valueName: "FILE",
      },
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
          "sort by the time field, read as a time (ISO 8601, access log, syslog, epoch, \u2026)",
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
    await checkBudget(ctx);
    const partial = partialPath(ctx);
    const format = formatOf(ctx);
    const numeric = ctx.values.numeric === true;
    const byTime = ctx.values["by-time"] === true;
    if (
      byTime && (ctx.values.key !== undefined || ctx.values.word !== undefined)
    ) {
      ctx.usageError("give --by-time or a key (-k, --word), not both");
    }
    checkTimeOptions(ctx, byTime);
    if (format === undefined) {
      if (ctx.values["on-error"] !== undefined) {
        ctx.usageError("--on-error needs --format");
      }
      let key: ((line: string) => string | number | undefined) | undefined;
      // Lines are kept byte for byte; keys read them without a CRLF's CR.
      // -n: keys as doubles, exact order mended after the sort where needed.
      const order = new NumericOrder();
      let exactOf: (line: string) => string | undefined = exactKey;
      // A partial's exact key of a line whose key a double rounds: the key
      // is read again only in a shard that had such a key.
      const recheck = new NumericOrder();
      let valueOf: (line: string) => unknown = (line) => line;
      const roundedExact = (line: string) => {
        const value = valueOf(line);
        recheck.key(value);
        return recheck.last ? exactKey(value) : undefined;
      };
      if (byTime) {
        const name = timeFieldName(ctx, undefined, "--by-time");
        const field = fieldGetter(name);
        const get = (line: string) => field(lineText(line));
        const time = await timeReading(ctx);
        key = (line) => readTime(get(line), name, time).getTime();
      } else {
        const field = keyGetter(ctx);
        const get = field === undefined
          ? undefined
          : (line: string) => field(lineText(line));
        key = get === undefined
          ? numeric ? (line) => order.key(line) : undefined
          : numeric
          ? (line) => order.key(get(line))
          : (line) => keyText(get(line));
        if (get !== undefined) {
          exactOf = (line) => exactKey(get(line));
          valueOf = get;
        }
      }
      const kept = keepBytes(ctx);
      if (partial !== undefined) {
        // Each line with its key, computed once: merge compares the keys,
        // not the lines. With -n the double, and beside it the exact key
        // where a double rounds it.
        const stages = partialStages<string>(
          ctx,
          numeric && !byTime,
          key ?? ((line: string) => line),
          order,
          roundedExact,
        );
        await runStages(
          readLines(ctx.inputs, kept.read),
          stages,
          await partialSink(ctx, partial, "sort"),
          ctx.pipelineOptions,
        );
        await reportBinary("sluice sort", kept.binary);
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
      const numericKeyOf = key as (line: string) => number | undefined;
      await runStages(
        readLines(ctx.inputs, kept.read),
        [
          stage,
          numeric && !byTime
            ? exactTies(order, numericKeyOf, exactOf, {
              reverse: ctx.values.reverse === true,
              ...spillOptions(ctx),
            })
            : undefined,
        ],
        writeLines(ctx.output, kept.write),
        ctx.pipelineOptions,
      );
      await reportBinary("sluice sort", kept.binary);
      return;
    }
    // Each record goes through the sort as its key and its text; with -n a
    // key that a double rounds keeps its exact text beside it.
    const order = new NumericOrder();
    let key: (record: unknown) => SortKey;
    if (byTime) {
      const name = timeFieldName(ctx, format, "--by-time");
      const get = recordField(ctx, format, name);
      const time = await timeReading(ctx);
      key = (record) => readTime(get(record), name, time).getTime();
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
        ? (record) => {
          const value = get(record);
          const d = order.key(value);
          return order.last ? { d: d!, e: numericKey(value) } : d;
        }
        : (record) => keyText(get(record));
    }
    const records = keyedRecords(ctx, format, key);
    const whole = ctx.values.key === undefined &&
      ctx.values.word === undefined && !byTime;
    const sortKey: (x: Keyed<SortKey>) => string | number | undefined = whole
      ? numeric ? (x) => order.key(x.t) : (x) => x.t
      : numeric
      ? (x) => typeof x.k === "object" ? x.k.d : x.k
      : (x) => x.k as string | undefined;
    if (partial !== undefined) {
      // Each record's text with its key, computed once: merge compares the
      // keys. With -n the double, and the exact key where a double rounds it.
      const recheck = new NumericOrder();
      const roundedExact = whole
        ? (x: Keyed<SortKey>) => {
          recheck.key(x.t);
          return recheck.last ? exactKey(x.t) : undefined;
        }
        : (x: Keyed<SortKey>) => typeof x.k === "object" ? x.k.e : undefined;
      const sorted = partialStages<Keyed<SortKey>>(
        ctx,
        numeric && !byTime,
        sortKey,
        order,
        roundedExact,
      );
      await runStages(
        readLines(ctx.inputs, ctx.readOptions),
        [
          ...records.stages,
          ...sorted,
          map(([k, x]: [unknown, Keyed<unknown>]) => [k, x.t]),
        ],
        await partialSink(ctx, partial, "sort"),
        ctx.pipelineOptions,
      );
      await reportSkipped("sluice sort", ctx.summary);
      return;
    }
    const stage = stageOrUsage(
      ctx,
      () =>
        sortStage<Keyed<SortKey>, string | number | undefined>(sortKey, {
          reverse: ctx.values.reverse === true,
          ...spillOptions(ctx),
        }),
    );
    await runStages(
      readLines(ctx.inputs, ctx.readOptions),
      [
        ...records.stages,
        stage,
        numeric && !byTime
          ? exactTies(
            order,
            sortKey as (x: Keyed<SortKey>) => number | undefined,
            whole
              ? (x) => exactKey(x.t)
              : (x) => typeof x.k === "object" ? x.k.e : exactKey(x.k),
            { reverse: ctx.values.reverse === true, ...spillOptions(ctx) },
          )
          : undefined,
        texts(records.header),
      ],
      writeLines(ctx.output, ctx.writeOptions),
      ctx.pipelineOptions,
    );
    await reportSkipped("sluice sort", ctx.summary);
  },
};

/**
 * The stages of a sort shard's partial: each item with its key, computed
 * once; with -n (`numeric`) the key is a double, and the exact key goes
 * beside it where a double rounds it (`roundedExact`).
 */
function partialStages<T>(
  ctx: ScriptContext,
  numeric: boolean,
  key: (item: T) => string | number | undefined,
  order: NumericOrder,
  roundedExact: (item: T) => string | undefined,
): Stage<never, unknown>[] {
  const options = {
    reverse: ctx.values.reverse === true,
    ...spillOptions(ctx),
  };
  return (numeric
    ? [
      stageOrUsage(ctx, () =>
        sortPartial<T, number | undefined>(
          key as (item: T) => number | undefined,
          options,
        )),
      numericRecords(order, roundedExact, options),
    ]
    : [
      stageOrUsage(
        ctx,
        () => sortPartial<T, string | number | undefined>(key, options),
      ),
    ]) as Stage<never, unknown>[];
}
