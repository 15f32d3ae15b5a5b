// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * Split a log into one file per day (by the ISO date that starts each line;
 * other lines go to `undated.log`). The day files are written into a
 * temporary directory beside them and moved into place only when the whole
 * run succeeded; then their paths are printed. Memory: at most 16 MiB of
 * text waiting to be written, at most 64 files open.
 *
 *   deno run -R -W examples/split_by_day.ts --dir days/ app.log
 *
 * @module
 */
import {
  pipeline,
  readLines,
  runScript,
  type ScriptContext,
  type ScriptOption,
  writeLines,
  writeSplit,
} from "jsr:@sluice/sluice";

const options = {
  dir: {
    type: "string",
    description: "where the day files go",
    valueName: "DIR",
  },
} as const satisfies Record<string, ScriptOption>;

Deno.exit(
  await runScript(
    {
      name: "split_by_day",
      usage: "--dir DIR [OPTION…] [FILE…]",
      description: "Write the lines of each day to DIR/YYYY-MM-DD.log.",
      examples: ["deno run -R -W examples/split_by_day.ts --dir days app.log"],
      options,
    },
    // Its type written out, so that TypeScript knows that usageError() ends
    // the body: dir is a string after it.
    async (ctx: ScriptContext<typeof options>) => {
      const dir = ctx.values.dir;
      if (dir === undefined) ctx.usageError("--dir is required");
      const days: string[] = [];
      await pipeline(
        readLines(ctx.inputs),
        writeSplit((line: string) => {
          const day = line.slice(0, 10);
          return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : "undated";
        }, { prefix: `${dir.replace(/\/+$/, "")}/`, parts: days }),
        ctx.pipelineOptions,
      );
      await pipeline(days, writeLines(ctx.output));
    },
  ),
);
