// T1 with Node's readline over fs.createReadStream.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

const rl = createInterface({
  input: createReadStream(process.argv[2]),
  crlfDelay: Infinity,
});
let count = 0;
for await (const line of rl) if (line.includes("ERROR")) count++;
console.log(count);
