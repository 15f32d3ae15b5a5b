// T1 with sluice's grep(): fused into the reader, it cuts out matching lines
// only, without splitting the others.
import { grep, pipeline, readLines } from "../../lib/_bundle/mod.js";

let count = 0;
await pipeline(readLines(Deno.args[0]!), grep("ERROR"), async (lines) => {
  for await (const _ of lines) count++;
});
console.log(count);
