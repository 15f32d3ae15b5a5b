// Copyright 2026 the sluice authors. MIT license.
// head and tail: N lines (-n, default 10) of each file, with GNU's
// `==> FILE <==` headers when there are several (-q none, -v always).

import { pipeline } from "../../core/pipeline.ts";
import { writeLines } from "../../io/write_lines.ts";
import { toStderr } from "../_util.ts";
import type { ScriptContext } from "../script.ts";
import type { Sink, Stage } from "../../core/types.ts";
import type { Command } from "./_command.ts";
import type { ReadLinesOptions } from "../../io/read_lines.ts";
import { integer, keepBytes, reportBinary, runStages } from "./_options.ts";
import { unreadable } from "./_unreadable.ts";
import { linesOut, PARTIAL_OPTIONS, partialPath } from "./_partial.ts";

const LINE_COUNT_OPTIONS = {
  lines: {
    type: "string",
    short: "n",
    description: "how many lines of each file (default 10; -N is -n N)",
    valueName: "N",
    digits: true,
  },
  quiet: {
    type: "boolean",
    short: "q",
    description:
      "print no ==> FILE <== headers (changed: -q was no progress, now --no-progress)",
  },
  verbose: {
    type: "boolean",
    short: "v",
    description: "print the headers also for one file",
  },
} as const;

/** The N lines of one input: its source, a stage, and what to close after. */
export interface LinesOf {
  source: AsyncIterable<string>;
  stage?: Stage<string, string>;
  close?: () => void;
}

/**
 * A command that prints `linesOf(ctx, input, n)` for each input: with one
 * input and no -v just those lines; otherwise each input's after its
 * header, a blank line before each header but the first, as GNU head and
 * tail do. An input that cannot be read is reported and the others are
 * printed (exit status 1).
 */
export function lineCountCommand(
  command: Pick<Command, "name" | "synopsis" | "summary">,
  description: string,
  examples: string[],
  linesOf: (
    ctx: ScriptContext,
    input: string,
    n: number,
    read: ReadLinesOptions,
  ) => Promise<LinesOf>,
): Command {
  return {
    ...command,
    spec: {
      name: `sluice ${command.name}`,
      usage: "[OPTION\u2026] [FILE\u2026]",
      description:
        `${description} With several files, each file's lines follow a header ==> FILE <== (with a blank line before each header but the first), as GNU ${command.name} prints them; -q leaves the headers out, -v prints one also for one file. A file that cannot be read is reported and the others printed, with exit status 1.`,
      examples,
      options: { ...LINE_COUNT_OPTIONS, ...PARTIAL_OPTIONS },
    },
    async run(ctx) {
      ctx.values.lines ??= "10";
      const n = integer(ctx, "lines");
      // Lines byte for byte, a missing last LF kept missing, as GNU's; a
      // binary input named as given (a handle read from the end has no name).
      const kept = keepBytes(ctx, true);
      const readOf = (input: string): ReadLinesOptions => ({
        ...kept.read,
        onBinary: () =>
          void kept.binary.push(input === "-" ? "(standard input)" : input),
      });
      const order = ctx.optionOrder;
      const headers =
        order.lastIndexOf("verbose") > order.lastIndexOf("quiet") ||
        (ctx.values.quiet !== true && ctx.inputs.length > 1);
      // A shard's (or a partial's) N lines are of one file's part: merge
      // takes N again from the shards' in order.
      const partial = partialPath(ctx);
      if (ctx.shard !== undefined || partial !== undefined) {
        if (ctx.inputs.length !== 1 || headers) {
          ctx.usageError(
            `with --shard or --partial, ${command.name} reads one file, without headers`,
          );
        }
      }
      if (ctx.inputs.length === 1 && !headers) {
        const input = ctx.inputs[0]!;
        const { source, stage, close } = await linesOf(
          ctx,
          input,
          n,
          readOf(input),
        );
        try {
          await runStages(
            source,
            [stage as Stage<never, unknown> | undefined],
            partial === undefined
              ? writeLines(ctx.output, kept.write)
              : await linesOut(ctx, command.name) as Sink<never>,
            ctx.pipelineOptions,
          );
        } finally {
          close?.();
        }
        await reportBinary(`sluice ${command.name}`, kept.binary);
        return;
      }
      let failed = false;
      let first = true;
      async function* all(): AsyncGenerator<string> {
        for (const input of ctx.inputs) {
          const problem = unreadable(input);
          const header = () => {
            const lines = [
              `==> ${input === "-" ? "standard input" : input} <==`,
            ];
            if (!first) lines.unshift("");
            first = false;
            return headers ? lines : [];
          };
          if (problem === "Is a directory") {
            // GNU opens it, prints its header, then fails to read it.
            yield* header();
            await toStderr(
              `sluice ${command.name}: error reading '${input}': ${problem}\n`,
            );
            failed = true;
            continue;
          }
          if (problem !== undefined) {
            await toStderr(
              `sluice ${command.name}: cannot open '${input}' for reading: ${problem}\n`,
            );
            failed = true;
            continue;
          }
          yield* header();
          const { source, stage, close } = await linesOf(
            ctx,
            input,
            n,
            readOf(input),
          );
          try {
            yield* stage === undefined
              ? source
              : pipeline(source, stage, ctx.pipelineOptions);
          } finally {
            close?.();
          }
        }
      }
      await pipeline(
        all(),
        writeLines(ctx.output, kept.write),
        ctx.pipelineOptions,
      );
      await reportBinary(`sluice ${command.name}`, kept.binary);
      return failed ? 1 : 0;
    },
  };
}
