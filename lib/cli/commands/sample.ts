// Copyright 2026 the sluice authors. MIT license.
// `sluice sample`: a uniform random sample of N lines.

import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { sample as sampleStage } from "../../stages/sample.ts";
import { writeLines } from "../../io/write_lines.ts";
import type { Command } from "./_command.ts";
import { integer, keepBytes, reportBinary, stageOrUsage } from "./_options.ts";
import { samplePartial } from "../../shard/sample_partial.ts";
import { PARTIAL_OPTIONS, partialPath, partialSink } from "./_partial.ts";

/** `sluice sample -n N`: a uniform random sample of N lines, in input order. */
export const sample: Command = {
  name: "sample",
  synopsis: "sample -n N",
  summary: "a uniform random sample of N lines (--seed)",
  spec: {
    name: "sluice sample",
    usage: "[OPTION\u2026] [FILE\u2026]",
    description:
      "Print a uniform random sample of N lines, in input order. Each line's chance comes from the seed, its input's name and its line number (bottom-k sampling), so the same seed gives the same sample however the job is divided with --shard (of files: a URL's shard counts its lines from its own start, so sample refuses a URL with --shard) (changed: it was reservoir sampling, whose choice depended on the order).",
    examples: ["sluice sample -n 1000 --seed 42 app.log"],
    options: {
      lines: {
        type: "string",
        short: "n",
        description: "sample size (default 10)",
        valueName: "N",
      },
      seed: {
        type: "string",
        description: "seed for a reproducible sample",
        valueName: "S",
      },
      ...PARTIAL_OPTIONS,
    },
  },
  async run(ctx) {
    ctx.values.lines ??= "10";
    const n = integer(ctx, "lines");
    const seed = ctx.values.seed === undefined
      ? undefined
      : integer(ctx, "seed");
    const partial = partialPath(ctx);
    // A URL's shard numbers its lines from its own first line, not the
    // URL's: the chances would not be those of one run.
    const url = ctx.inputs.find((name) => /^https?:\/\//i.test(name));
    if (ctx.shard !== undefined && url !== undefined) {
      ctx.usageError(
        `with --shard, sample cannot read a URL ("${url}"): each line's chance depends on its line number, and a shard of a URL counts lines from its own start (download it first, or sample it without --shard)`,
      );
    }
    // Lines byte for byte; each ends with LF, as shuf writes them.
    const kept = keepBytes(ctx);
    if (partial !== undefined) {
      // Every shard must draw with the same seed for the samples to merge.
      if (seed === undefined) {
        ctx.usageError("--partial needs --seed S, the same for every shard");
      }
      await pipeline(
        readLines(ctx.inputs, kept.read),
        stageOrUsage(ctx, () => samplePartial(n, { seed: seed! })),
        await partialSink(ctx, partial, "sample"),
        ctx.pipelineOptions,
      );
      return;
    }
    await pipeline(
      readLines(ctx.inputs, kept.read),
      sampleStage(n, seed === undefined ? {} : { seed }),
      writeLines(ctx.output, kept.write),
      ctx.pipelineOptions,
    );
    await reportBinary("sluice sample", kept.binary);
  },
};
