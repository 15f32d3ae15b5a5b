// MEM: as sluice_group_req.ts, each piece imported by its own subpath.
// MEM: groupBy() over many keys (the request id), counting, within a budget:
// the table fills its budget and spills.
import { pipeline } from "../../lib/core/pipeline.ts";
import { readLines } from "../../lib/io/read_lines.ts";
import { groupBy } from "../../lib/spill/group_by.ts";
import { count } from "../../lib/spill/reducers.ts";
import { map } from "../../lib/stages/map.ts";
import { writeLines } from "../../lib/io/write_lines.ts";
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
