// MEM: distinct() by the request id within a budget: the keys seen fill
// the budget and spill.
import {
  distinct,
  pipeline,
  readLines,
  writeLines,
} from "../../lib/_bundle/mod.js";
import { logfmtField } from "./_logfmt_field.ts";

const [input, output = "-", budget = "64MiB"] = Deno.args;
await pipeline(
  readLines(input!),
  distinct((line: string) => logfmtField(line, "req"), { budget }),
  writeLines(output),
);
