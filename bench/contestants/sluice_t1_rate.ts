// The literal filter's rate inside the process: grep("ERROR") over the log,
// read, searched and counted, timed from the first read to the count (no
// start-up), five times; prints the median in bytes per second and the count.
import { grep, pipeline, readLines } from "../../lib/_bundle/mod.js";

const path = Deno.args[0]!;
const { size } = await Deno.stat(path);
const seconds: number[] = [];
let count = 0;
for (let run = 0; run < 5; run++) {
  count = 0;
  const t = performance.now();
  await pipeline(readLines(path), grep("ERROR"), async (lines) => {
    for await (const _ of lines) count++;
  });
  seconds.push((performance.now() - t) / 1000);
}
seconds.sort((a, b) => a - b);
console.log(`${(size / seconds[2]!).toFixed(0)} ${count}`);
