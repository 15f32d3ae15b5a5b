// An I/O-bound map: each call waits 10 ms. Prints items per second, the peak
// RSS the run's summary sampled, and the peak RSS in each tenth of the run
// (read every 1,000 items), to show whether memory grows with the items.
// Arguments: items, concurrency.
import { map, pipeline } from "../../mod.ts";

const items = Number(Deno.args[0] ?? "1000");
const concurrency = Number(Deno.args[1] ?? "1");
function* source() {
  for (let i = 0; i < items; i++) yield i;
}
const tenths = new Array<number>(10).fill(0);
const summary = await pipeline(
  source(),
  map(async (n: number) => {
    await new Promise((r) => setTimeout(r, 10));
    return n;
  }, { concurrency }),
  async (results: AsyncIterable<number>) => {
    let seen = 0;
    for await (const _ of results) {
      if (++seen % 1000 === 0) {
        const k = Math.min(9, Math.floor(seen * 10 / items));
        tenths[k] = Math.max(tenths[k]!, Deno.memoryUsage().rss);
      }
    }
  },
);
const MiB = 1024 * 1024;
console.log(
  JSON.stringify({
    itemsPerSecond: items / (summary.wallMs / 1000),
    peakRssMiB: summary.peakRssBytes / MiB,
    peakHeapMiB: summary.peakHeapBytes / MiB,
    tenthsRssMiB: tenths.map((b) => b / MiB),
  }),
);
