// MEM: as sluice_group_req.ts, each piece imported by its own subpath.
// MEM: groupBy() over many keys (the request id), counting, within a budget:
// the table fills its budget and spills.
import { pipeline } from "../../lib/_bundle/lib/core/pipeline.js";
import { readLines } from "../../lib/_bundle/lib/io/read_lines.js";
import { groupBy } from "../../lib/_bundle/lib/spill/group_by.js";
import { count } from "../../lib/_bundle/lib/spill/reducers.js";
import { map } from "../../lib/_bundle/lib/stages/map.js";
import { writeLines } from "../../lib/_bundle/lib/io/write_lines.js";
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
