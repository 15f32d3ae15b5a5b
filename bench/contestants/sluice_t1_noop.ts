// T1 with sluice plus a no-op map stage: its cost per line is the difference.
import { filter, map, pipeline, readLines } from "../../lib/_bundle/mod.js";

let count = 0;
await pipeline(
  readLines(Deno.args[0]!),
  map((line) => line),
  filter((line) => line.includes("ERROR")),
  async (lines) => {
    for await (const _ of lines) count++;
  },
);
console.log(count);
