// T3 with sluice: map, filter, map, batch(1000), write.
import {
  batch,
  filter,
  map,
  pipeline,
  readLines,
  writeLines,
} from "../../lib/_bundle/mod.js";
import { csv, fields, slow } from "./_parse.ts";

await pipeline(
  readLines(Deno.args[0]!),
  map(fields),
  filter(slow),
  map(csv),
  batch(1000),
  writeLines(Deno.args[1]!),
);
