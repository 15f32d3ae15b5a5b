// Copyright 2026 the sluice authors. MIT license.
// `sluice distinct`: the first line of each distinct line or key.

import { distinct as distinctStage } from "../../spill/distinct.ts";
import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { writeLines } from "../../io/write_lines.ts";
import { textOf } from "../_fields.ts";
import { FORMAT_OPTIONS, SKIP_OPTIONS } from "../_format_options.ts";
import type { Keyed } from "../_format.ts";
import type { Command } from "./_command.ts";
import { map } from "../../stages/map.ts";
import { distinctPartial } from "../../shard/distinct_partial.ts";
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
  SPILL_OPTIONS,
  spillOptions,
  stageOrUsage,
} from "./_options.ts";
import { keyGetter } from "./_key_option.ts";

/** `sluice distinct`: the first line of each distinct line or key. */
export const distinct: Command = {
  name: "distinct",
  synopsis: "distinct",
  summary: "the first line of each distinct line or field value",
  spec: {
    name: "sluice distinct",
    usage: "[OPTION\u2026] [FILE\u2026]",
    description:
      "Print the first line of each distinct line (or key), in input order, dropping later duplicates: exact, within a memory budget (beyond it the keys seen go to temporary files, and the rest of the output comes at the end). JSON integers beyond 2^53 are told apart exactly. Words are split on runs of blanks, as awk (changed: they were split on each single space).",
    examples: [
      "sluice distinct app.log",
      "sluice distinct -k req --budget 16MB app.log",
      "sluice distinct --word 3 app.log",
      "sluice distinct --format combined -k http_user_agent access.log",
    ],
    options: {
      ...FORMAT_OPTIONS,
      ...KEY_OPTIONS,
      ...SKIP_OPTIONS,
      ...SPILL_OPTIONS,
      ...PARTIAL_OPTIONS,
    },
  },
  async run(ctx) {
    await checkBudget(ctx);
    const partial = partialPath(ctx);
    const formats = await formatReaders(ctx);
    const format = formats?.formatOf(ctx);
    if (format === undefined) {
      if (ctx.values["on-error"] !== undefined) {
        ctx.usageError("--on-error needs --format");
      }
      const get = keyGetter(ctx);
      // Lines are kept byte for byte; keys read them without a CRLF's CR.
      const key = get === undefined
        ? undefined
        : (line: string) => textOf(get(lineText(line)));
      const kept = keepBytes(ctx);
      if (partial !== undefined) {
        await pipeline(
          readLines(ctx.inputs, kept.read),
          stageOrUsage(ctx, () => distinctPartial(key, spillOptions(ctx))),
          await partialSink(ctx, partial, "distinct"),
          ctx.pipelineOptions,
        );
        return;
      }
      const stage = stageOrUsage(ctx, () =>
        distinctStage<string>(
          key,
          spillOptions(ctx),
        ));
      await pipeline(
        readLines(ctx.inputs, kept.read),
        stage,
        writeLines(ctx.output, kept.write),
        ctx.pipelineOptions,
      );
      await reportBinary("sluice distinct", kept.binary);
      return;
    }
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
    const { keyedRecords, recordField, texts } = formats!;
    const get = name === undefined ? undefined : recordField(ctx, format, name);
    const records = keyedRecords(
      ctx,
      format,
      get === undefined ? () => "" : (record) => textOf(get(record)),
      name === undefined ? [] : [name],
    );
    const keyOf = get === undefined
      ? (x: Keyed<string>) => x.t
      : (x: Keyed<string>) => x.k;
    if (partial !== undefined) {
      await pipeline(
        readLines(ctx.inputs, ctx.readOptions),
        ...records.stages,
        stageOrUsage(ctx, () => distinctPartial(keyOf, spillOptions(ctx))),
        map(([k, x]: [unknown, Keyed<string>]) => [k, x.t]),
        await partialSink(ctx, partial, "distinct"),
        ctx.pipelineOptions,
      );
      await reportSkipped("sluice distinct", ctx.summary);
      return;
    }
    const stage = stageOrUsage(
      ctx,
      () => distinctStage<Keyed<string>>(keyOf, spillOptions(ctx)),
    );
    await pipeline(
      readLines(ctx.inputs, ctx.readOptions),
      ...records.stages,
      stage,
      texts(records.header),
      writeLines(ctx.output, ctx.writeOptions),
      ctx.pipelineOptions,
    );
    await reportSkipped("sluice distinct", ctx.summary);
  },
};
