// Copyright 2026 the sluice authors. MIT license.
// `sluice grep`: the lines that contain a pattern, or how many; resumable
// with --checkpoint.

import { grep as grepStage } from "../../stages/grep.ts";
import { map } from "../../stages/map.ts";
import { pipeline } from "../../core/pipeline.ts";
import { countItems } from "../../core/_count.ts";
import { readLines } from "../../io/read_lines.ts";
import { writeLines } from "../../io/write_lines.ts";
import { toStderr } from "../_util.ts";
import type { Command } from "./_command.ts";

/** `sluice grep PATTERN`: print (or count) the lines that contain PATTERN. */
export const grep: Command = {
  name: "grep",
  synopsis: "grep PATTERN",
  summary: "lines that contain PATTERN (--regex, -v, -i, -c)",
  positionals: 1,
  failureStatus: 2,
  spec: {
    name: "sluice grep",
    usage: "[OPTION…] PATTERN [FILE…]",
    description:
      "Print the lines that contain PATTERN (a literal string; with --regex, a JavaScript regular expression in Unicode mode: \\d, \\w, \\b, \\p{L}, no POSIX classes). Exit status 1 when no line matched and 2 on an error, as GNU grep.",
    examples: [
      "sluice grep ' ERROR ' app.log",
      "sluice grep -c -i timeout app.log app.log.1.gz",
      "sluice grep --regex 'status=5\\d\\d' -o errors.log app.log",
      "sluice grep ERROR --checkpoint errors.ckpt -o errors.log huge.log",
    ],
    options: {
      regex: {
        type: "boolean",
        description: "PATTERN is a regular expression",
      },
      invert: {
        type: "boolean",
        short: "v",
        description: "print the lines that do not match",
      },
      "ignore-case": {
        type: "boolean",
        short: "i",
        description: "ignore case",
      },
      count: {
        type: "boolean",
        short: "c",
        description: "print only the number of matching lines",
      },
      checkpoint: {
        type: "string",
        description:
          "record progress in FILE (needs -o); the same command again resumes",
      },
    },
  },
  async run(ctx) {
    const text = ctx.positionals[0]!;
    let pattern: string | RegExp = text;
    if (ctx.values.regex) {
      const posix =
        /\[:(alnum|alpha|blank|cntrl|digit|graph|lower|print|punct|space|upper|xdigit):\]/
          .exec(text);
      if (posix !== null) {
        ctx.usageError(
          `--regex is JavaScript's dialect, which has no POSIX class such as [${
            posix[0]
          }]: use \\d, \\s, \\w or \\p{…} (e.g. \\p{L} for letters), got "${text}"`,
        );
      }
      if (/(^|[^\\])(\\\\)*\\[<>]/.test(text)) {
        ctx.usageError(
          `--regex is JavaScript's dialect, which has no \\< or \\>: use \\b for a word boundary, got "${text}"`,
        );
      }
      try {
        // Unicode mode: "." is a character, not half of one, and a stray
        // escape is an error rather than a letter. Lines of PATTERN are
        // alternatives, as in GNU grep.
        pattern = new RegExp(
          text.includes("\n")
            ? text.split("\n").map((p) => `(?:${p})`).join("|")
            : text,
          "u",
        );
      } catch (error) {
        ctx.usageError(
          `invalid regular expression: ${
            (error as Error).message.replace(
              /^Invalid regular expression: /,
              "",
            )
          }`,
        );
      }
    }
    if (!ctx.values.regex && text.includes("\n")) {
      // Lines of PATTERN are alternatives, as in GNU grep.
      pattern = new RegExp(
        text.split("\n").map((p) => p.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"))
          .join("|"),
        "u",
      );
    }
    const stage = grepStage(pattern, {
      invert: ctx.values.invert === true,
      ignoreCase: ctx.values["ignore-case"] === true,
    });
    const matched = { n: 0 };
    const checkpoint = ctx.values.checkpoint;
    if (typeof checkpoint === "string") {
      if (ctx.values.count || ctx.output === "-") {
        ctx.usageError("--checkpoint needs -o FILE and no --count");
      }
      await pipeline(
        readLines(ctx.inputs, ctx.readOptions),
        stage,
        writeLines(ctx.output, ctx.writeOptions),
        {
          ...ctx.pipelineOptions,
          // The pattern and -v/-i are grep's own settings; these the rest.
          checkpoint: {
            path: checkpoint,
            settings: `sluice grep${ctx.values.regex ? " --regex" : ""}${
              ctx.readOptions.maxLineBytes === undefined
                ? ""
                : ` --max-line-bytes ${ctx.readOptions.maxLineBytes}`
            }${
              ctx.readOptions.onLongLine === undefined
                ? ""
                : ` --long-lines ${ctx.readOptions.onLongLine}`
            }`,
          },
        },
      );
      // A resumed run matched lines in earlier runs too: the output says.
      return (await Deno.stat(ctx.output)).size > 0 ? 0 : 1;
    }
    // As GNU grep: an input that cannot be read is reported and skipped, the
    // others are searched, and the exit status is 2 at the end.
    const inputs: string[] = [];
    for (const input of ctx.inputs) {
      const problem = await unreadable(input);
      if (problem === undefined) inputs.push(input);
      else await toStderr(`sluice grep: ${input}: ${problem}\n`);
    }
    const trouble = inputs.length < ctx.inputs.length;
    if (inputs.length === 0) return 2;
    if (ctx.values.count) {
      await pipeline(
        readLines(inputs, ctx.readOptions),
        stage,
        countItems(matched),
        ctx.pipelineOptions,
      );
      await pipeline(
        [String(matched.n)],
        writeLines(ctx.output, ctx.writeOptions),
      );
    } else {
      await pipeline(
        readLines(inputs, ctx.readOptions),
        stage,
        map((line: string) => {
          matched.n++;
          return line;
        }),
        writeLines(ctx.output, ctx.writeOptions),
        ctx.pipelineOptions,
      );
    }
    return trouble ? 2 : matched.n > 0 ? 0 : 1;
  },
};

/** Why `input` cannot be read, in GNU's words, or undefined when it can. */
async function unreadable(input: string): Promise<string | undefined> {
  if (input === "-") return undefined;
  try {
    const info = await Deno.stat(input);
    return info.isDirectory ? "Is a directory" : undefined;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return "No such file or directory";
    }
    if (error instanceof Deno.errors.PermissionDenied) {
      return "Permission denied";
    }
    return (error as Error).message;
  }
}
