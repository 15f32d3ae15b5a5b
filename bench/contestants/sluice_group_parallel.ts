// GROUP with sluice on every core: parallelGroupBy() aggregates byte ranges
// of the file in workers and merges their partials, within a 64 MiB budget.
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
  parallelGroupBy(new URL("./_group_fields.ts", import.meta.url), {
    budget: "64MiB",
  }),
  map((g) => JSON.stringify({ service: g.key, count: g.count, p95: g.p95 })),
  writeLines(output),
);
