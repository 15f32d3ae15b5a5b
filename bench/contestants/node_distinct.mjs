// DISTINCT with Node's readline: the first line of each request id (none:
// ""), in input order, to a write stream that respects backpressure. It keeps
// every id in memory.
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";

const REQ = / req=([^ ]*)/;
const rl = createInterface({
  input: createReadStream(process.argv[2]),
  crlfDelay: Infinity,
});
const out = createWriteStream(process.argv[3]);
const seen = new Set();
for await (const line of rl) {
  const key = REQ.exec(line)?.[1] ?? "";
  if (seen.has(key)) continue;
  seen.add(key);
  if (!out.write(line + "\n")) await once(out, "drain");
}
out.end();
await once(out, "finish");
