// PARSE: sluice's parse(FORMAT) over every line; prints the records and the
// sum of one number field (body_bytes_sent, or latency_ms for JSON), which
// the hand-written loop must print too.
import { parse, pipeline, readLines } from "../../lib/_bundle/mod.js";

const [format, input] = Deno.args as ["combined" | "json", string];
const name = format === "json" ? "latency_ms" : "body_bytes_sent";
let records = 0;
let total = 0;
await pipeline(
  readLines(input),
  parse(format),
  async (items: AsyncIterable<object>) => {
    for await (const r of items) {
      records++;
      const v = (r as Record<string, unknown>)[name];
      if (typeof v === "number") total += v;
    }
  },
);
console.log(`${records} ${total}`);
