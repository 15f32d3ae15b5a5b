// T4 on every core: the parse runs in workers with parallel().
import {
  filter,
  parallel,
  pipeline,
  readLines,
  writeLines,
} from "../../mod.ts";

await pipeline(
  readLines(Deno.args[0]!),
  parallel<string, string>(new URL("./_t4_parse.ts", import.meta.url)),
  filter((s) => s !== ""),
  writeLines(Deno.args[1]!),
);
