// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * Split a log into one file per day (by the ISO date that starts each line).
 * Each day's file is written atomically as its run of lines goes by; a day
 * that comes back later in the input is appended to. Memory: one batch.
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
      await Deno.mkdir(dir, { recursive: true });
      const seen = new Set<string>();
      const days: string[] = [];
      await pipeline(
        readLines(ctx.inputs),
        async function byDay(lines: AsyncIterable<string>) {
          const it = lines[Symbol.asyncIterator]();
          let next = await it.next();
          while (next.done !== true) {
            const day = next.value.slice(0, 10);
            // The lines of this day, up to the first line of another day.
            const sameDay = async function* () {
              while (next.done !== true && next.value.slice(0, 10) === day) {
                yield next.value;
                next = await it.next();
              }
            };
            const name = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : "undated";
            await pipeline(
              sameDay(),
              writeLines(`${dir}/${name}.log`, { append: seen.has(name) }),
              { signal: ctx.signal },
            );
            if (!seen.has(name)) days.push(name);
            seen.add(name);
          }
        },
        ctx.pipelineOptions,
      );
      await pipeline(
        days.map((d) => `${dir}/${d}.log`),
        writeLines(ctx.output),
      );
    },
  ),
);
