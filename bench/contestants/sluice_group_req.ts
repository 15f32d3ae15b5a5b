// MEM: groupBy() over many keys (the request id), counting, within a budget:
// the table fills its budget and spills.
import {
  count,
  groupBy,
  map,
  pipeline,
  readLines,
  writeLines,
} from "../../lib/_bundle/mod.js";
import { logfmtField } from "./_logfmt_field.ts";

const [input, output = "-", budget = "64MiB"] = Deno.args;
await pipeline(
  readLines(input!),
  groupBy((line: string) => logfmtField(line, "req"), { n: count() }, {
    budget,
  }),
  map((g) => `${g.key} ${g.n}`),
  writeLines(output),
);
