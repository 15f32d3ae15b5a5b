// T4 on every core: the parse runs in workers with parallel().
import { parallel, pipeline, readLines, writeLines } from "../../mod.ts";

await pipeline(
  readLines(Deno.args[0]!),
  // parallel() drops the lines the function returns undefined for.
  parallel<string, string>(new URL("./_t4_parse.ts", import.meta.url)),
  writeLines(Deno.args[1]!),
);
