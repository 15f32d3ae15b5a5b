// Copyright 2026 the sluice authors. MIT license.
// `sluice split`: the input into part files, by line count, field or prefix.

import { readLines } from "../../io/read_lines.ts";
import { fieldOf, recordOf } from "../_fields.ts";
import { splitLines } from "../_split.ts";
import { toStdout } from "../_util.ts";
import type { Command } from "./_command.ts";
import { integer } from "./_options.ts";

/** `sluice split`: the input into part files, moved into place at the end. */
export const split: Command = {
  name: "split",
  synopsis: "split",
  summary: "into files by N lines or by a field's value",
  spec: {
    name: "sluice split",
    usage: "[OPTION…] [FILE…]",
    output: false,
    description:
      "Split the input into files: every N lines (--lines), or by the value of a logfmt/JSON field or of the first characters of a line (--by). Parts are written to a temporary directory and moved into place only when the whole run succeeded.",
    examples: [
      "sluice split --lines 1000000 --prefix parts/app- app.log",
      "sluice split --by service --prefix by-service/ app.log",
      "sluice split --by-prefix 10 --prefix days/ app.log   # ISO dates",
    ],
    options: {
      lines: {
        type: "string",
        short: "l",
        description: "lines per part",
        valueName: "N",
      },
      by: {
        type: "string",
        description: "split by this field's value",
        valueName: "FIELD",
      },
      "by-prefix": {
        type: "string",
        description: "split by the first N characters of each line",
        valueName: "N",
      },
      prefix: {
        type: "string",
        short: "p",
        description: "path prefix of the parts (default split-)",
        valueName: "PREFIX",
      },
      suffix: {
        type: "string",
        description: "file name suffix (default .log)",
        valueName: "SUFFIX",
      },
      "max-open": {
        type: "string",
        description: "most part files open at once (default 64)",
        valueName: "N",
      },
    },
  },
  async run(ctx) {
    const modes = ["lines", "by", "by-prefix"].filter((k) =>
      ctx.values[k] !== undefined
    );
    if (modes.length !== 1) {
      ctx.usageError("give exactly one of --lines, --by and --by-prefix");
    }
    ctx.values["max-open"] ??= "64";
    const maxOpen = integer(ctx, "max-open", 1);
    let keyOf: (line: string, index: number) => string;
    if (ctx.values.lines !== undefined) {
      const n = integer(ctx, "lines", 1);
      keyOf = (_, i) => String(Math.floor(i / n)).padStart(5, "0");
    } else if (ctx.values.by !== undefined) {
      const field = String(ctx.values.by);
      keyOf = (line) => {
        const v = fieldOf(recordOf(line), field);
        return v === undefined || v === null
          ? "_none"
          : typeof v === "string"
          ? v
          : JSON.stringify(v);
      };
    } else {
      // N characters, never half of one: an emoji is two UTF-16 units.
      const n = integer(ctx, "by-prefix", 1);
      keyOf = (line) => {
        let end = 0;
        for (let k = 0; k < n && end < line.length; k++) {
          const unit = line.charCodeAt(end);
          end += unit >= 0xd800 && unit <= 0xdbff &&
              end + 1 < line.length
            ? 2
            : 1;
        }
        return line.slice(0, end);
      };
    }
    const written = await splitLines(
      readLines(ctx.inputs, ctx.readOptions),
      keyOf,
      {
        prefix: typeof ctx.values.prefix === "string"
          ? ctx.values.prefix
          : "split-",
        suffix: typeof ctx.values.suffix === "string"
          ? ctx.values.suffix
          : ".log",
        maxOpen,
        pipelineOptions: ctx.pipelineOptions,
      },
    );
    await toStdout(written.map((p) => `${p}\n`).join(""));
  },
};
