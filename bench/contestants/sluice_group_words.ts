// GROUP with sluice on every core, by the package's getters: as the
// parallelGroupBy() contestant, with its key lineWord(3) and its latency
// lineField's number, which the workers read on the lines' bytes.
import {
  map,
  parallelGroupBy,
  pipeline,
  readLines,
  writeLines,
} from "../../mod.ts";

const [input, output = "-"] = Deno.args;
await pipeline(
  readLines(input!),
  parallelGroupBy(new URL("./_group_words.ts", import.meta.url), {
    budget: "64MiB",
  }),
  map((g) => JSON.stringify({ service: g.key, count: g.count, p95: g.p95 })),
  writeLines(output),
);
