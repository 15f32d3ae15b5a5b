// An I/O-bound map: each call waits 10 ms. Prints items per second and the
// peak RSS the run's summary sampled. Arguments: items, concurrency.
import { map, pipeline } from "../../mod.ts";

const items = Number(Deno.args[0] ?? "1000");
const concurrency = Number(Deno.args[1] ?? "1");
function* source() {
  for (let i = 0; i < items; i++) yield i;
}
const summary = await pipeline(
  source(),
  map(async (n: number) => {
    await new Promise((r) => setTimeout(r, 10));
    return n;
  }, { concurrency }),
  async (results: AsyncIterable<number>) => {
    for await (const _ of results);
  },
);
console.log(
  JSON.stringify({
    itemsPerSecond: items / (summary.wallMs / 1000),
    peakRssMiB: summary.peakRssBytes / 1024 / 1024,
    peakHeapMiB: summary.peakHeapBytes / 1024 / 1024,
  }),
);
