// T1 with sluice, as the README teaches: count the lines that contain ERROR.
import { filter, pipeline, readLines } from "../../lib/_bundle/mod.js";

let count = 0;
await pipeline(
  readLines(Deno.args[0]!),
  filter((line) => line.includes("ERROR")),
  async (lines) => {
    for await (const _ of lines) count++;
  },
);
console.log(count);
