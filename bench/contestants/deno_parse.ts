// PARSE: the fastest loop a user writes by hand: one regular expression (an
// access log) or JSON.parse (JSON lines) per line, the fields put in an
// object as parse() does. Lines come from readLines, as for sluice, so the
// two differ only in the parsing.
import { readLines } from "../../lib/_bundle/mod.js";

const [format, input] = Deno.args as ["combined" | "json", string];
const COMBINED =
  /^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) (\S+) (\S+)" (\d{3}) (\d+|-) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$/;
const dash = (s: string) => s === "-" ? null : s;
let records = 0;
let total = 0;
for await (const line of readLines(input)) {
  if (format === "json") {
    const r = JSON.parse(line);
    records++;
    if (typeof r.latency_ms === "number") total += r.latency_ms;
    continue;
  }
  const m = COMBINED.exec(line);
  if (m === null) throw new SyntaxError(`Not a combined line: ${line}`);
  const r = {
    remote_addr: m[1]!,
    remote_user: dash(m[2]!),
    time_local: m[3]!,
    request: `${m[4]} ${m[5]} ${m[6]}`,
    method: m[4]!,
    path: m[5]!,
    protocol: m[6]!,
    status: Number(m[7]),
    body_bytes_sent: m[8] === "-" ? 0 : Number(m[8]),
    http_referer: dash(m[9]!.replaceAll('\\"', '"')),
    http_user_agent: dash(m[10]!.replaceAll('\\"', '"')),
  };
  records++;
  total += r.body_bytes_sent;
}
console.log(`${records} ${total}`);
