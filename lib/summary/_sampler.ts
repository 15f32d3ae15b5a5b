// Copyright 2026 the sluice authors. MIT license.
// Samples process memory on an interval (never per item: one reading costs
// about 50 microseconds, most of it V8's heap statistics) into a Summary.
// One of the few files that touch Deno.

import { getHeapSpaceStatistics } from "node:v8";
import process from "node:process";
import { type MemoryReading, recordOf } from "./_record.ts";
import type { Summary } from "./summary.ts";

const STATUS = "/proc/self/status";

/**
 * The committed bytes of V8's heap spaces, grouped as the summary's
 * breakdown shows them: new spaces are the young generation; code and
 * trusted spaces (bytecode, code metadata) are code; the large-object space
 * is large objects; the rest (old, read-only, shared) is the old generation.
 */
export function groupSpaces(
  spaces: readonly { space_name: string; space_size: number }[],
): Pick<
  MemoryReading,
  "youngBytes" | "oldBytes" | "codeBytes" | "largeObjectBytes"
> {
  let youngBytes = 0;
  let oldBytes = 0;
  let codeBytes = 0;
  let largeObjectBytes = 0;
  for (const { space_name: name, space_size: size } of spaces) {
    if (name.startsWith("new_")) youngBytes += size;
    else if (/code|trusted/.test(name)) codeBytes += size;
    else if (name.includes("large_object")) largeObjectBytes += size;
    else oldBytes += size;
  }
  return { youngBytes, oldBytes, codeBytes, largeObjectBytes };
}

/**
 * Reads the file-backed part of RSS (the runtime's code, paged in as it is
 * used) from /proc/self/status, where that can be read: on Linux, with
 * `--allow-all` (Deno asks for all permissions to read /proc/self). Without
 * the read permission it is not tried, since asking would stop the run; a
 * first failure ends the tries.
 */
function fileBackedReader(deno: typeof Deno): () => number | undefined {
  let readable: boolean;
  try {
    readable = deno.build.os === "linux" &&
      deno.permissions.querySync({ name: "read", path: STATUS }).state ===
        "granted";
  } catch {
    readable = false;
  }
  return () => {
    if (!readable) return undefined;
    try {
      const text = deno.readTextFileSync(STATUS);
      const kB = (name: string) =>
        new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(text)?.[1];
      const file = kB("RssFile");
      return file === undefined
        ? undefined
        : (Number(file) + Number(kB("RssShmem") ?? 0)) * 1024;
    } catch {
      readable = false;
      return undefined;
    }
  };
}

/**
 * The process's peak RSS as the kernel keeps it (getrusage), on Linux; it
 * needs no permission.
 */
function highWater(deno: typeof Deno): number | undefined {
  if (deno.build.os !== "linux") return undefined;
  try {
    return process.resourceUsage().maxRSS * 1024;
  } catch {
    return undefined;
  }
}

/** Starts sampling; the returned function takes a last sample and stops. */
export function startSampler(summary: Summary, intervalMs: number): () => void {
  const deno = (globalThis as { Deno?: typeof Deno }).Deno;
  if (deno?.memoryUsage === undefined) return () => {};
  const record = recordOf(summary);
  const fileBacked = fileBackedReader(deno);
  const sample = () => {
    const m = deno.memoryUsage();
    record.observeMemory({
      rssBytes: m.rss,
      heapUsedBytes: m.heapUsed,
      externalBytes: m.external,
      ...groupSpaces(getHeapSpaceStatistics()),
    }, fileBacked);
  };
  const before = highWater(deno);
  sample();
  const id = setInterval(sample, intervalMs);
  deno.unrefTimer(id);
  return () => {
    clearInterval(id);
    sample();
    // The kernel's peak, when the run raised it, is the run's true peak.
    const after = highWater(deno);
    if (before !== undefined && after !== undefined && after > before) {
      record.observeHighWater(after);
    }
  };
}
