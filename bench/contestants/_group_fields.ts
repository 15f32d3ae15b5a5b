// GROUP's fields, for the groupBy() contestant and, as a module the workers
// load, for the parallelGroupBy() one: the service and the latency.
import { count, type GroupSpec, percentile } from "../../lib/_bundle/mod.js";

/** The third space-separated word: the service. */
export function service(line: string): string {
  const a = line.indexOf(" ");
  const b = line.indexOf(" ", a + 1);
  const c = line.indexOf(" ", b + 1);
  return b === -1 ? "" : line.slice(b + 1, c === -1 ? line.length : c);
}

/** The digits after "latency_ms=", or undefined. */
export function latency(line: string): number | undefined {
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

/** Lines per service and exact p95 latency. */
export default {
  key: service,
  reducers: { count: count(), p95: percentile(95, latency) },
} satisfies GroupSpec<string>;
