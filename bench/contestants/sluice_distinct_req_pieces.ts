// MEM: as sluice_distinct_req.ts, each piece imported by its own subpath.
// MEM: distinct() by the request id within a budget: the keys seen fill
// the budget and spill.
import { pipeline } from "../../lib/_bundle/lib/core/pipeline.js";
import { readLines } from "../../lib/_bundle/lib/io/read_lines.js";
import { distinct } from "../../lib/_bundle/lib/spill/distinct.js";
import { writeLines } from "../../lib/_bundle/lib/io/write_lines.js";
import { logfmtField } from "./_logfmt_field.ts";

const [input, output = "-", budget = "64MiB"] = Deno.args;
await pipeline(
  readLines(input!),
  distinct((line: string) => logfmtField(line, "req"), { budget }),
  writeLines(output),
);
