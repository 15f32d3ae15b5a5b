// GROUP with sluice on every core: parallelGroupBy() aggregates byte ranges
// of the file in workers and merges their partials, within a 64 MiB budget.
// Its grouping is the module named third: by default functions of its own
// (_group_fields.ts); _group_words.ts, the package's getters, which the
// workers read on the lines' bytes.
import {
  map,
  parallelGroupBy,
  pipeline,
  readLines,
  writeLines,
} from "../../lib/_bundle/mod.js";

const [input, output = "-", spec = "_group_fields.ts"] = Deno.args;
await pipeline(
  readLines(input!),
  parallelGroupBy(new URL(`./${spec}`, import.meta.url), {
    budget: "64MiB",
  }),
  map((g) => JSON.stringify({ service: g.key, count: g.count, p95: g.p95 })),
  writeLines(output),
);
