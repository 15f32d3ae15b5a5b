// T1 as sluice_t1.ts, with each piece imported by its own subpath, as the
// README's "Import only what you use" teaches: jsr:@sluice/sluice/pipeline,
// /read-lines and /filter name these three files.
import { pipeline } from "../../lib/core/pipeline.ts";
import { readLines } from "../../lib/io/read_lines.ts";
import { filter } from "../../lib/stages/filter.ts";

let count = 0;
await pipeline(
  readLines(Deno.args[0]!),
  filter((line) => line.includes("ERROR")),
  async (lines) => {
    for await (const _ of lines) count++;
  },
);
console.log(count);
