// SORT as sluice_sort.ts, each piece imported by its own subpath (the files
// jsr:@sluice/sluice/pipeline, /read-lines, /sort and /write-lines name).
// SORT with sluice: the corpus's lines by latency, numeric and stable, in a
// 64 MiB budget, ordered as `LC_ALL=C sort -t' ' -k8.12,8 -n -s` orders them;
// with "reverse", largest first, as the same with -r.
import { pipeline } from "../../lib/_bundle/lib/core/pipeline.js";
import { readLines } from "../../lib/_bundle/lib/io/read_lines.js";
import { sort } from "../../lib/_bundle/lib/spill/sort.js";
import { writeLines } from "../../lib/_bundle/lib/io/write_lines.js";
import { latencyKey } from "./_gnu_key.ts";

const [input, output, budget = "64MiB", order] = Deno.args;
await pipeline(
  readLines(input!),
  sort(latencyKey, { budget, reverse: order === "reverse" }),
  writeLines(output ?? "-"),
);
