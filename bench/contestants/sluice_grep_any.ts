// GREP: the lines that hold ERROR or WARN, counted with sluice's grep() of
// several literals, fused into the reader and searched on bytes.
import {
  countItems,
  grep,
  pipeline,
  readLines,
} from "../../lib/_bundle/mod.js";

const counted = { n: 0 };
await pipeline(
  readLines(Deno.args[0]!),
  grep(["ERROR", "WARN"]),
  countItems(counted),
);
console.log(counted.n);
