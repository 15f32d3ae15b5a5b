// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  unreadable
} from "./chunk-74UOXEM4.js";
import {
  PARTIAL_OPTIONS,
  linesOut,
  partialPath
} from "./chunk-ZRHYO3PC.js";
import {
  integer,
  keepBytes,
  reportBinary,
  runStages
} from "./chunk-465NUAZW.js";
import {
  toStderr
} from "./chunk-AJRTXXC2.js";
import {
  pipeline
} from "./chunk-X2CPFFEF.js";
import {
  writeLines
} from "./chunk-NSMWYBW2.js";

// lib/cli/commands/_line_count.ts
var LINE_COUNT_OPTIONS = {
  lines: {
    type: "string",
    short: "n",
    description: "how many lines of each file (default 10; -N is -n N)",
    valueName: "N",
    digits: true
  },
  quiet: {
    type: "boolean",
    short: "q",
    description: "print no ==> FILE <== headers (changed: -q was no progress, now --no-progress)"
  },
  verbose: {
    type: "boolean",
    short: "v",
    description: "print the headers also for one file"
  }
};
function lineCountCommand(command, description, examples, linesOf) {
  return {
    ...command,
    spec: {
      name: `sluice ${command.name}`,
      usage: "[OPTION\u2026] [FILE\u2026]",
      description: `${description} With several files, each file's lines follow a header ==> FILE <== (with a blank line before each header but the first), as GNU ${command.name} prints them; -q leaves the headers out, -v prints one also for one file. A file that cannot be read is reported and the others printed, with exit status 1.`,
      examples,
      options: {
        ...LINE_COUNT_OPTIONS,
        ...PARTIAL_OPTIONS
      }
    },
    async run(ctx) {
      ctx.values.lines ??= "10";
      const n = integer(ctx, "lines");
      const kept = keepBytes(ctx, true);
      const readOf = (input) => ({
        ...kept.read,
        onBinary: () => void kept.binary.push(input === "-" ? "(standard input)" : input)
      });
      const order = ctx.optionOrder;
      const headers = order.lastIndexOf("verbose") > order.lastIndexOf("quiet") || ctx.values.quiet !== true && ctx.inputs.length > 1;
      const partial = partialPath(ctx);
      if (ctx.shard !== void 0 || partial !== void 0) {
        if (ctx.inputs.length !== 1 || headers) {
          ctx.usageError(`with --shard or --partial, ${command.name} reads one file, without headers`);
        }
      }
      if (ctx.inputs.length === 1 && !headers) {
        const input = ctx.inputs[0];
        const { source, stage, close } = await linesOf(ctx, input, n, readOf(input));
        try {
          await runStages(source, [
            stage
          ], partial === void 0 ? writeLines(ctx.output, kept.write) : await linesOut(ctx, command.name), ctx.pipelineOptions);
        } finally {
          close?.();
        }
        await reportBinary(`sluice ${command.name}`, kept.binary);
        return;
      }
      let failed = false;
      let first = true;
      async function* all() {
        for (const input of ctx.inputs) {
          const problem = unreadable(input);
          const header = () => {
            const lines = [
              `==> ${input === "-" ? "standard input" : input} <==`
            ];
            if (!first) lines.unshift("");
            first = false;
            return headers ? lines : [];
          };
          if (problem === "Is a directory") {
            yield* header();
            await toStderr(`sluice ${command.name}: error reading '${input}': ${problem}
`);
            failed = true;
            continue;
          }
          if (problem !== void 0) {
            await toStderr(`sluice ${command.name}: cannot open '${input}' for reading: ${problem}
`);
            failed = true;
            continue;
          }
          yield* header();
          const { source, stage, close } = await linesOf(ctx, input, n, readOf(input));
          try {
            yield* stage === void 0 ? source : pipeline(source, stage, ctx.pipelineOptions);
          } finally {
            close?.();
          }
        }
      }
      await pipeline(all(), writeLines(ctx.output, kept.write), ctx.pipelineOptions);
      await reportBinary(`sluice ${command.name}`, kept.binary);
      return failed ? 1 : 0;
    }
  };
}

export {
  lineCountCommand
};
