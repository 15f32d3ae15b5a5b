// T4 on every core: the parse runs in workers with parallel().
import {
  parallel,
  pipeline,
  readLines,
  writeLines,
} from "../../lib/_bundle/mod.js";

await pipeline(
  readLines(Deno.args[0]!),
  // parallel() drops the lines the function returns undefined for.
  parallel<string, string>(new URL("./_t4_parse.ts", import.meta.url)),
  writeLines(Deno.args[1]!),
);
