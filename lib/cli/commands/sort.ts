// Copyright 2026 the sluice authors. MIT license.
// `sluice sort`: lines by the line, a field or its time, beyond memory.

import { readLines } from "../../io/read_lines.ts";
import { sort as sortStage } from "../../spill/sort.ts";
import { writeLines } from "../../io/write_lines.ts";
import { keyText } from "../_fields.ts";
import { lineField } from "../../parse/line_field.ts";
import {
  checkTimeOptions,
  FORMAT_OPTIONS,
  SKIP_OPTIONS,
  TIME_FIELD_OPTION,
} from "../_format_options.ts";
import type { Keyed } from "../_format.ts";
import type { Command } from "./_command.ts";
import type { ScriptContext } from "../script.ts";
import type { Stage } from "../../core/types.ts";
import { map } from "../../stages/map.ts";
import { PARTIAL_OPTIONS, partialPath, partialSink } from "./_partial.ts";
import {
  checkBudget,
  formatReaders,
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

/** A record's key: text, a number, or undefined (missing). */
type SortKey = string | number | undefined;

/**
 * A field's value as the key of `sort -n`: text or a number as it is, a
 * big integer as its digits (the sort reads them exactly; a record is held
 * as JSON, which has no bigint), anything else missing.
 */
function numericValue(value: unknown): SortKey {
  return typeof value === "string" || typeof value === "number"
    ? value
    : typeof value === "bigint"
    ? value.toString()
    : undefined;
}

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
    const numeric = ctx.values.numeric === true;
    const byTime = ctx.values["by-time"] === true;
    if (
      byTime && (ctx.values.key !== undefined || ctx.values.word !== undefined)
    ) {
      ctx.usageError("give --by-time or a key (-k, --word), not both");
    }
    checkTimeOptions(ctx, byTime);
    // A shard's partial is loaded only for --partial (see partialStage).
    const formats = await formatReaders(ctx, byTime);
    const format = formats?.formatOf(ctx);
    if (format === undefined) {
      if (ctx.values["on-error"] !== undefined) {
        ctx.usageError("--on-error needs --format");
      }
      // Lines are kept byte for byte; keys read them without a CRLF's CR.
      // With -n the sort reads the number a key starts with (sort()'s
      // `numeric`), of the line itself without -k.
      let key: ((line: string) => unknown) | undefined;
      if (byTime) {
        const name = formats!.timeFieldName(ctx, undefined, "--by-time");
        const field = lineField(name);
        const get = (line: string) => field(lineText(line));
        const time = await formats!.timeReading(ctx);
        const { readTime } = await import("../_read_time.ts");
        key = (line) => readTime(get(line), name, time).getTime();
      } else {
        // A field's getter goes as it is, so that the sort reads the field
        // on the lines' bytes (see lineField): with -n, the CR of a CRLF
        // line changes no number a value starts with (nor whether a JSON
        // line parses); without, the getter gives text and leaves the CR
        // out.
        const field = keyGetter(ctx, "key", !numeric);
        const get = field === undefined
          ? undefined
          : (line: string) => field(lineText(line));
        key = get === undefined
          ? undefined
          : typeof ctx.values.key === "string"
          ? field
          : numeric
          ? get
          : (line) => keyText(get(line));
      }
      const byNumber = numeric && !byTime;
      const kept = keepBytes(ctx);
      if (partial !== undefined) {
        // Each line with its key, computed once: merge compares the keys,
        // not the lines. With -n the double, and beside it the exact key
        // where a double rounds it.
        const stage = await partialStage<string>(
          ctx,
          byNumber,
          key ?? ((line: string) => line),
        );
        await runStages(
          readLines(ctx.inputs, kept.read),
          [stage],
          await partialSink(ctx, partial, "sort"),
          ctx.pipelineOptions,
        );
        await reportBinary("sluice sort", kept.binary);
        return;
      }
      const stage = stageOrUsage(
        ctx,
        () =>
          sortStage<string, unknown>({
            ...(key === undefined ? {} : { key }),
            numeric: byNumber,
            reverse: ctx.values.reverse === true,
            ...spillOptions(ctx),
          }),
      );
      // The sort straight into the writer: the sorted lines go as bytes.
      await runStages(
        readLines(ctx.inputs, kept.read),
        [stage],
        writeLines(ctx.output, kept.write),
        ctx.pipelineOptions,
      );
      await reportBinary("sluice sort", kept.binary);
      return;
    }
    // Each record goes through the sort as its key and its text; with -n
    // the key's value, which the sort reads as a number.
    const byNumber = numeric && !byTime;
    let key: (record: unknown) => SortKey;
    // The field the key reads, so that only it is parsed of JSON lines.
    const names: string[] = [];
    const { recordField } = formats!;
    if (byTime) {
      const name = formats!.timeFieldName(ctx, format, "--by-time");
      names.push(name);
      const get = recordField(ctx, format, name);
      const time = await formats!.timeReading(ctx);
      const { readTime } = await import("../_read_time.ts");
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
      if (name !== undefined) names.push(name);
      const get = name === undefined
        ? undefined
        : recordField(ctx, format, name);
      key = get === undefined
        ? () => "" // the text, below
        : numeric
        ? (record) => numericValue(get(record))
        : (record) => keyText(get(record));
    }
    const records = formats!.keyedRecords(ctx, format, key, names);
    const whole = ctx.values.key === undefined &&
      ctx.values.word === undefined && !byTime;
    const sortKey: (x: Keyed<SortKey>) => SortKey = whole
      ? (x) => x.t
      : (x) => x.k;
    if (partial !== undefined) {
      // Each record's text with its key, computed once: merge compares the
      // keys. With -n the double, and the exact key where a double rounds it.
      const sorted = await partialStage<Keyed<SortKey>>(
        ctx,
        byNumber,
        sortKey,
      );
      await runStages(
        readLines(ctx.inputs, ctx.readOptions),
        [
          ...records.stages,
          sorted,
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
        sortStage<Keyed<SortKey>, SortKey>(sortKey, {
          numeric: byNumber,
          reverse: ctx.values.reverse === true,
          ...spillOptions(ctx),
        }),
    );
    await runStages(
      readLines(ctx.inputs, ctx.readOptions),
      [
        ...records.stages,
        stage,
        formats!.texts(records.header),
      ],
      writeLines(ctx.output, ctx.writeOptions),
      ctx.pipelineOptions,
    );
    await reportSkipped("sluice sort", ctx.summary);
  },
};

/**
 * The stage of a sort shard's partial (its module loaded for --partial
 * only): each item with its key, computed
 * once; with -n (`numeric`) the key is a double, and the exact key goes
 * beside it where a double rounds it (sortPartial()'s `numeric`).
 */
async function partialStage<T>(
  ctx: ScriptContext,
  numeric: boolean,
  key: (item: T) => unknown,
): Promise<Stage<never, unknown>> {
  const { sortPartial } = await import("../../shard/sort_partial.ts");
  const options = {
    reverse: ctx.values.reverse === true,
    ...spillOptions(ctx),
  };
  return stageOrUsage(
    ctx,
    () =>
      numeric
        ? sortPartial<T>(key, { ...options, numeric: true })
        : sortPartial<T, unknown>(key, options),
  ) as Stage<never, unknown>;
}
