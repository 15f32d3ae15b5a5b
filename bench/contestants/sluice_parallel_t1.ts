// MEM: T1 with the match in parallel()'s workers, counted in the main thread.
import { parallel, pipeline, readLines } from "../../lib/_bundle/mod.js";

let count = 0;
await pipeline(
  readLines(Deno.args[0]!),
  parallel<string, string>(new URL("./_t1_match.ts", import.meta.url), {
    workers: 2,
  }),
  async (lines) => {
    for await (const _ of lines) count++;
  },
);
console.log(count);
