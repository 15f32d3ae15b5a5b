// T2 with Node's readline and a write stream that respects backpressure.
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";

const STATUS = /status=(\d+)/;
const rl = createInterface({
  input: createReadStream(process.argv[2]),
  crlfDelay: Infinity,
});
const out = createWriteStream(process.argv[3]);
for await (const line of rl) {
  if (!line.includes("ERROR")) continue;
  const m = STATUS.exec(line);
  const record = JSON.stringify({
    service: line.split(" ", 3)[2] ?? "",
    status: m === null ? null : Number(m[1]),
  });
  if (!out.write(record + "\n")) await once(out, "drain");
}
out.end();
await once(out, "finish");
