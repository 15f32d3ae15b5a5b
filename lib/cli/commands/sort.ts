// Copyright 2026 the sluice authors. MIT license.
// `sluice sort`: lines by the line or a field, beyond memory.

import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { sort as sortStage } from "../../spill/sort.ts";
import { writeLines } from "../../io/write_lines.ts";
import { keyText, leadingNumber } from "../_fields.ts";
import type { Command } from "./_command.ts";
import {
  KEY_OPTIONS,
  keyGetter,
  SPILL_OPTIONS,
  spillOptions,
  stageOrUsage,
} from "./_options.ts";

/** `sluice sort`: a stable sort by the line or a field, within a budget. */
export const sort: Command = {
  name: "sort",
  synopsis: "sort",
  summary: "sort by a field or the line (-n, -r), beyond memory",
  spec: {
    name: "sluice sort",
    usage: "[OPTION…] [FILE…]",
    description:
      "Sort lines, by the whole line or by a field, within a memory budget: beyond it, sorted runs go to temporary files that are merged at the end (and removed, also on failure or Ctrl-C). Stable: equal keys keep their input order, as sort -s. Strings compare by UTF-16 code units; with -n, keys compare as the number they start with, as sort -n does. A line without the field (or the word), or with -n without a number there, comes last whatever the order, in input order, counted in --summary as missingKeys (sort -n would read 0).",
    examples: [
      "sluice sort -k latency_ms -n -r app.log | head",
      "sluice sort --word 1 --budget 256MB -o sorted.log app.log",
      "sluice sort -n -k latency_ms --summary app.log > by-latency.log",
    ],
    options: {
      ...KEY_OPTIONS,
      numeric: {
        type: "boolean",
        short: "n",
        description: "compare keys as numbers",
      },
      reverse: {
        type: "boolean",
        short: "r",
        description: "largest first (equal keys still in input order)",
      },
      ...SPILL_OPTIONS,
    },
  },
  async run(ctx) {
    const get = keyGetter(ctx);
    const numeric = ctx.values.numeric === true;
    const key = get === undefined
      ? numeric ? (line: string) => leadingNumber(line) : undefined
      : numeric
      ? (line: string) => leadingNumber(get(line))
      : (line: string) => keyText(get(line));
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
  },
};
