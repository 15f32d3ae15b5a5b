// T1 with sluice, as the README teaches: count the lines that contain ERROR.
import { filter, pipeline, readLines } from "../../mod.ts";

let count = 0;
await pipeline(
  readLines(Deno.args[0]!, { readBytes: 65536 }),
  filter((line) => line.includes("ERROR")),
  async (lines) => {
    for await (const _ of lines) count++;
  },
);
console.log(count);
