// SORT with sluice: the corpus's lines by latency, numeric and stable, in a
// 64 MiB budget, ordered as `LC_ALL=C sort -t' ' -k8.12,8 -n -s` orders them;
// with "reverse", largest first, as the same with -r.
import {
  pipeline,
  readLines,
  sort,
  writeLines,
} from "../../lib/_bundle/mod.js";
import { latencyKey } from "./_gnu_key.ts";

const [input, output, budget = "64MiB", order] = Deno.args;
await pipeline(
  readLines(input!),
  sort(latencyKey, { budget, reverse: order === "reverse" }),
  writeLines(output ?? "-"),
);
