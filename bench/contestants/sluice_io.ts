// An I/O-bound map: each call waits `ms` (10) ms. Prints items per second,
// the peak RSS the run's summary sampled, and the peak RSS in each tenth of
// the run (read every 1,000 items), to show whether memory grows with the
// items. With `live` (and --v8-flags=--expose-gc) it also collects all
// garbage at the end of each tenth and reports the heap still in use: what
// the run really holds, whatever V8's heap sizing does with RSS.
// Arguments: items, concurrency, [ms], [live].
import { map, pipeline } from "../../lib/_bundle/mod.js";

const items = Number(Deno.args[0] ?? "1000");
const concurrency = Number(Deno.args[1] ?? "1");
const ms = Number(Deno.args[2] ?? "10");
const gc = Deno.args[3] === "live"
  ? (globalThis as { gc?: () => void }).gc
  : undefined;
const liveHeap: number[] = [];
function* source() {
  for (let i = 0; i < items; i++) yield i;
}
const tenths = new Array<number>(10).fill(0);
const summary = await pipeline(
  source(),
  map(async (n: number) => {
    await new Promise((r) => setTimeout(r, ms));
    return n;
  }, { concurrency }),
  async (results: AsyncIterable<number>) => {
    let seen = 0;
    for await (const _ of results) {
      if (++seen % 1000 === 0) {
        const k = Math.min(9, Math.floor(seen * 10 / items));
        tenths[k] = Math.max(tenths[k]!, Deno.memoryUsage().rss);
      }
      if (gc !== undefined && seen % (items / 10) === 0) {
        gc();
        liveHeap.push(Deno.memoryUsage().heapUsed);
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
    liveHeapMiB: liveHeap.map((b) => b / MiB),
  }),
);
