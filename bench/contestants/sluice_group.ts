// GROUP with sluice: lines per service and exact p95 latency, as JSON lines
// in service order, within a 64 MiB budget.
import {
  count,
  groupBy,
  map,
  percentile,
  pipeline,
  readLines,
  writeLines,
} from "../../mod.ts";

/** The third space-separated word: the service. */
function service(line: string): string {
  const a = line.indexOf(" ");
  const b = line.indexOf(" ", a + 1);
  const c = line.indexOf(" ", b + 1);
  return b === -1 ? "" : line.slice(b + 1, c === -1 ? line.length : c);
}

/** The digits after "latency_ms=", or undefined. */
function latency(line: string): number | undefined {
  const at = line.indexOf("latency_ms=");
  if (at === -1) return undefined;
  let i = at + 11;
  let v = 0;
  let digits = 0;
  for (
    let c = line.charCodeAt(i);
    c >= 48 && c <= 57;
    c = line.charCodeAt(++i)
  ) {
    v = v * 10 + (c - 48);
    digits++;
  }
  return digits === 0 ? undefined : v;
}

const [input, output = "-"] = Deno.args;
await pipeline(
  readLines(input!),
  groupBy(service, { count: count(), p95: percentile(95, latency) }, {
    budget: "64MiB",
  }),
  map((g) => JSON.stringify({ service: g.key, count: g.count, p95: g.p95 })),
  writeLines(output),
);
