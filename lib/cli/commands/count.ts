// Copyright 2026 the sluice authors. MIT license.
// `sluice count`: lines and bytes of each input, from the run's summary.

import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { writeLines } from "../../io/write_lines.ts";
import type { Command } from "./_command.ts";

/** `sluice count`: lines and bytes per input, with a total for several. */
export const count: Command = {
  name: "count",
  synopsis: "count",
  summary: "lines and bytes per input",
  spec: {
    name: "sluice count",
    usage: "[OPTION…] [FILE…]",
    description:
      "Count the lines and bytes of each input, with a total for several inputs. Prints lines, bytes (as stored: compressed, for .gz) and the input, tab-separated.",
    examples: ["sluice count app.log", "sluice count logs/*.gz"],
  },
  async run(ctx) {
    await pipeline(
      readLines(ctx.inputs, ctx.readOptions),
      async (lines: AsyncIterable<string>) => {
        for await (const _ of lines);
      },
      ctx.pipelineOptions,
    );
    const rows: string[] = [];
    let totalLines = 0;
    let totalBytes = 0;
    // The summary has each input's lines and bytes as stored.
    for (const [k, input] of ctx.inputs.entries()) {
      const read = ctx.summary.inputs[k];
      const n = read?.lines ?? 0;
      const bytes = read?.bytesRead ?? 0;
      totalLines += n;
      totalBytes += bytes;
      rows.push(`${n}\t${bytes}\t${input}`);
    }
    if (ctx.inputs.length > 1) {
      rows.push(`${totalLines}\t${totalBytes}\ttotal`);
    }
    await pipeline(rows, writeLines(ctx.output, ctx.writeOptions));
  },
};
