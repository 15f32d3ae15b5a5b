// T4 on one core: the parse runs on the main thread.
import {
  filter,
  map,
  pipeline,
  readLines,
  writeLines,
} from "../../lib/_bundle/mod.js";
import t4 from "./_t4_parse.ts";

await pipeline(
  readLines(Deno.args[0]!),
  map(t4),
  filter((s): s is string => s !== undefined),
  writeLines(Deno.args[1]!),
);
