// Copyright 2026 the sluice authors. MIT license.
// head and tail: N lines (-n, default 10) through one stage.

import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import type { Command } from "./_command.ts";
import { integer } from "./_options.ts";
import { linesOut, PARTIAL_OPTIONS } from "./_partial.ts";

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
      options: { ...LINES_OPTION, ...PARTIAL_OPTIONS },
    },
    async run(ctx) {
      ctx.values.lines ??= "10";
      await pipeline(
        readLines(ctx.inputs, ctx.readOptions),
        stage(integer(ctx, "lines")),
        // A partial: this shard's N lines, of which merge takes N again.
        await linesOut(ctx, command.name),
        ctx.pipelineOptions,
      );
    },
  };
}
