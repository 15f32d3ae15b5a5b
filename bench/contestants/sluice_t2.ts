// T2 with sluice: ERROR lines -> {"service","status"} JSON lines in a file.
import {
  filter,
  map,
  pipeline,
  readLines,
  writeLines,
} from "../../lib/_bundle/mod.js";
import { errorRecord } from "./_parse.ts";

await pipeline(
  readLines(Deno.args[0]!),
  filter((line) => line.includes("ERROR")),
  map(errorRecord),
  writeLines(Deno.args[1]!),
);
