// Copyright 2026 the sluice authors. MIT license.
// head and tail: N lines (-n, default 10) through one stage.

import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { writeLines } from "../../io/write_lines.ts";
import type { Command } from "./_command.ts";
import { integer, keepBytes, reportBinary } from "./_options.ts";

const LINES_OPTION = {
  lines: {
    type: "string",
    short: "n",
    description: "how many lines (default 10)",
    valueName: "N",
  },
} as const;

/** A command that passes the lines through `stage(n)`. */
export function lineCountCommand(
  command: Pick<Command, "name" | "synopsis" | "summary">,
  description: string,
  examples: string[],
  stage: (
    n: number,
  ) => (source: AsyncIterable<string>) => AsyncIterable<string>,
): Command {
  return {
    ...command,
    spec: {
      name: `sluice ${command.name}`,
      usage: "[OPTION…] [FILE…]",
      description,
      examples,
      options: LINES_OPTION,
    },
    async run(ctx) {
      ctx.values.lines ??= "10";
      // Lines byte for byte, a missing last LF kept missing, as GNU's.
      const kept = keepBytes(ctx, true);
      await pipeline(
        readLines(ctx.inputs, kept.read),
        stage(integer(ctx, "lines")),
        writeLines(ctx.output, kept.write),
        ctx.pipelineOptions,
      );
      await reportBinary(`sluice ${command.name}`, kept.binary);
    },
  };
}
