// MEM: as sluice_distinct_req.ts, each piece imported by its own subpath.
// MEM: distinct() by the request id within a budget: the keys seen fill
// the budget and spill.
import { pipeline } from "../../lib/core/pipeline.ts";
import { readLines } from "../../lib/io/read_lines.ts";
import { distinct } from "../../lib/spill/distinct.ts";
import { writeLines } from "../../lib/io/write_lines.ts";
import { logfmtField } from "./_logfmt_field.ts";

const [input, output = "-", budget = "64MiB"] = Deno.args;
await pipeline(
  readLines(input!),
  distinct((line: string) => logfmtField(line, "req"), { budget }),
  writeLines(output),
);
