// T1 as sluice_t1.ts, with each piece imported by its own subpath, as the
// README's "Import only what you use" teaches: jsr:@sluice/sluice/pipeline,
// /read-lines and /filter name these three files.
import { pipeline } from "../../lib/_bundle/lib/core/pipeline.js";
import { readLines } from "../../lib/_bundle/lib/io/read_lines.js";
import { filter } from "../../lib/_bundle/lib/stages/filter.js";

let count = 0;
await pipeline(
  readLines(Deno.args[0]!),
  filter((line) => line.includes("ERROR")),
  async (lines) => {
    for await (const _ of lines) count++;
  },
);
console.log(count);
