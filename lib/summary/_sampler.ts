// Copyright 2026 the sluice authors. MIT license.
// Samples process memory on an interval (never per item: one reading costs
// microseconds) into a Summary. One of the few files that touch Deno.

import { recordOf } from "./_record.ts";
import type { Summary } from "./summary.ts";

/** Starts sampling; the returned function takes a last sample and stops. */
export function startSampler(summary: Summary, intervalMs: number): () => void {
  const deno = (globalThis as { Deno?: typeof Deno }).Deno;
  if (deno?.memoryUsage === undefined) return () => {};
  const record = recordOf(summary);
  const sample = () => {
    const m = deno.memoryUsage();
    record.observeMemory(m.rss, m.heapUsed);
  };
  sample();
  const id = setInterval(sample, intervalMs);
  deno.unrefTimer(id);
  return () => {
    clearInterval(id);
    sample();
  };
}
