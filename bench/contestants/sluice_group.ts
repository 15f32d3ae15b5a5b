// GROUP with sluice: lines per service and exact p95 latency, as JSON lines
// in service order, within a 64 MiB budget.
import {
  groupBy,
  map,
  pipeline,
  readLines,
  writeLines,
} from "../../lib/_bundle/mod.js";
import spec from "./_group_fields.ts";

const [input, output = "-"] = Deno.args;
await pipeline(
  readLines(input!),
  groupBy(spec.key, spec.reducers, { budget: "64MiB" }),
  map((g) => JSON.stringify({ service: g.key, count: g.count, p95: g.p95 })),
  writeLines(output),
);
