// Copyright 2026 the sluice authors. MIT license.
// `sluice distinct`: the first line of each distinct line or key.

import { distinct as distinctStage } from "../../spill/distinct.ts";
import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { writeLines } from "../../io/write_lines.ts";
import { textOf } from "../_fields.ts";
import type { Command } from "./_command.ts";
import {
  KEY_OPTIONS,
  keyGetter,
  SPILL_OPTIONS,
  spillOptions,
  stageOrUsage,
} from "./_options.ts";

/** `sluice distinct`: the first line of each distinct line or key. */
export const distinct: Command = {
  name: "distinct",
  synopsis: "distinct",
  summary: "the first line of each distinct line or field value",
  spec: {
    name: "sluice distinct",
    usage: "[OPTION…] [FILE…]",
    description:
      "Print the first line of each distinct line (or key), in input order, dropping later duplicates: exact, within a memory budget (beyond it the keys seen go to temporary files, and the rest of the output comes at the end).",
    examples: [
      "sluice distinct app.log",
      "sluice distinct -k req --budget 16MB app.log",
      "sluice distinct --word 3 app.log",
    ],
    options: { ...KEY_OPTIONS, ...SPILL_OPTIONS },
  },
  async run(ctx) {
    const get = keyGetter(ctx);
    const stage = stageOrUsage(ctx, () =>
      distinctStage<string>(
        get === undefined ? undefined : (line) => textOf(get(line)),
        spillOptions(ctx),
      ));
    await pipeline(
      readLines(ctx.inputs, ctx.readOptions),
      stage,
      writeLines(ctx.output, ctx.writeOptions),
      ctx.pipelineOptions,
    );
  },
};
