// T4 on one core: the parse runs on the main thread.
import { filter, map, pipeline, readLines, writeLines } from "../../mod.ts";
import t4 from "./_t4_parse.ts";

await pipeline(
  readLines(Deno.args[0]!),
  map(t4),
  filter((s) => s !== ""),
  writeLines(Deno.args[1]!),
);
