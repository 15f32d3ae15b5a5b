// The cost of one no-op map stage, measured in one process where little else
// runs: a million log lines in memory through `filter(() => false)`, with and
// without `map((line) => line)` before it, alternating, 11 runs each. Prints
// the difference of the medians in nanoseconds per line.
import { filter, map, pipeline } from "../../lib/_bundle/mod.js";
import { sampleLines } from "../../examples/sample_log.ts";

const N = 1_000_000;
const lines: string[] = [];
const g = sampleLines(3);
for (let i = 0; i < N; i++) lines.push(g.next().value!);
const drain = async (items: AsyncIterable<string>) => {
  for await (const _ of items);
};
async function time(withMap: boolean): Promise<number> {
  const t = performance.now();
  if (withMap) {
    await pipeline(lines, map((l) => l), filter(() => false), drain);
  } else {
    await pipeline(lines, filter(() => false), drain);
  }
  return performance.now() - t;
}
const base: number[] = [];
const noop: number[] = [];
await time(true); // warm up
await time(false);
for (let i = 0; i < 11; i++) {
  // ABBA order, so that drift falls on both alike.
  if (i % 2 === 0) {
    base.push(await time(false));
    noop.push(await time(true));
  } else {
    noop.push(await time(true));
    base.push(await time(false));
  }
}
const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[5]!;
console.log(((median(noop) - median(base)) * 1e6 / N).toFixed(2));
