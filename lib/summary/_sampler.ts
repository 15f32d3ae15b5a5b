// Copyright 2026 the sluice authors. MIT license.
// Samples process memory on an interval (never per item: one reading costs
// about 50 microseconds, most of it V8's heap statistics) into a Summary.
// One of the few files that touch Deno.

import { type MemoryReading, recordOf } from "./_record.ts";
import type { Summary } from "./summary.ts";

// No static import of a Node built-in here: importing one starts Deno's Node
// compatibility layer, several MiB of RSS for every user of the library.
// node:v8 is loaded only for a summary that asks for the heap by space.

const STATUS = "/proc/self/status";

/**
 * The committed bytes of V8's heap spaces, grouped as the summary's
 * breakdown shows them: new spaces are the young generation; code and
 * trusted spaces (bytecode, code metadata) are code; the large-object space
 * is large objects; the rest (old, read-only, shared) is the old generation.
 */
export function groupSpaces(
  spaces: readonly { space_name: string; space_size: number }[],
): {
  youngBytes: number;
  oldBytes: number;
  codeBytes: number;
  largeObjectBytes: number;
} {
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

/** What /proc/self/status tells the sampler, from one read of it. */
interface StatusFigures {
  /** File-backed RSS (RssFile plus RssShmem), if the line is there. */
  fileBackedBytes: number | undefined;
  /** The kernel's peak RSS of the process (VmHWM), if the line is there. */
  highWaterBytes: number | undefined;
}

/**
 * Reads /proc/self/status where that can be read without asking: on Linux,
 * with the read permission granted, and Deno lets the read through only with
 * `--allow-all`. Without the read permission it is not tried, since asking
 * would stop the run; nor without the permissions to run programs and load
 * libraries, which `--allow-all` grants: the refusal cost 0.6-1.0 ms of each
 * run of `sluice grep -c` with `-R -W` (7 runs, timed in the process). A
 * first failure ends the tries.
 */
function statusReader(deno: typeof Deno): () => StatusFigures | undefined {
  let readable: boolean;
  try {
    const granted = (descriptor: Deno.PermissionDescriptor) =>
      deno.permissions.querySync(descriptor).state === "granted";
    readable = deno.build.os === "linux" &&
      granted({ name: "read", path: STATUS }) && granted({ name: "run" }) &&
      granted({ name: "ffi" });
  } catch {
    readable = false;
  }
  return () => {
    if (!readable) return undefined;
    try {
      const text = deno.readTextFileSync(STATUS);
      const kB = (name: string) => {
        const value = new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(text)
          ?.[1];
        return value === undefined ? undefined : Number(value) * 1024;
      };
      const file = kB("RssFile");
      return {
        fileBackedBytes: file === undefined
          ? undefined
          : file + (kB("RssShmem") ?? 0),
        highWaterBytes: kB("VmHWM"),
      };
    } catch {
      readable = false;
      return undefined;
    }
  };
}

type HeapSpaceStatistics = () => readonly {
  space_name: string;
  space_size: number;
}[];

/**
 * Calls `tick` every `ms` milliseconds (when the event loop turns) until
 * the returned function is called, without keeping the process alive: on
 * the time-outs of `Atomics.waitAsync` where there is one. In Deno 2.9, a
 * process's first `setInterval`, `setTimeout` or `setImmediate` loads the
 * timers of its Node layer, some 10 ms and 3-4 MiB of RSS, and a count of
 * the lines of a file that hold a literal needs no timer besides this
 * one: see bench/RESULTS.md, section BP.
 */
function every(
  ms: number,
  tick: () => void,
  deno: typeof Deno,
): () => void {
  // A time-out of 0 or less (or none) is over at once: no wait to chain.
  if (typeof Atomics.waitAsync !== "function" || !(ms > 0)) {
    const id = setInterval(tick, ms);
    deno.unrefTimer(id);
    return () => clearInterval(id);
  }
  const cell = new Int32Array(new SharedArrayBuffer(4));
  let stopped = false;
  const wait = (): void => {
    const waited = Atomics.waitAsync(cell, 0, 0, ms);
    if (waited.async) waited.value.then(next);
  };
  const next = (): void => {
    if (stopped) return;
    tick();
    wait();
  };
  wait();
  return () => {
    stopped = true;
    Atomics.notify(cell, 0);
  };
}

/**
 * Starts sampling; the returned function takes a last sample and stops.
 * When the summary asks for the heap by space, node:v8 is loaded now, and
 * samples taken before it has loaded lack the split.
 */
export function startSampler(summary: Summary, intervalMs: number): () => void {
  const deno = (globalThis as { Deno?: typeof Deno }).Deno;
  if (deno?.memoryUsage === undefined) return () => {};
  const record = recordOf(summary);
  const status = statusReader(deno);
  let spaces: HeapSpaceStatistics | undefined;
  let stopped = false;
  if (record.heapSpaces) {
    import("node:v8").then(
      (v8) => {
        if (!stopped) spaces = v8.getHeapSpaceStatistics;
      },
      // Without node:v8 (a runtime that lacks it), the heap stays one figure.
      () => {},
    );
  }
  // The kernel's peak comes with the file-backed figure, from one read.
  let highWater: number | undefined;
  const fileBacked = () => {
    const figures = status();
    highWater = figures?.highWaterBytes;
    return figures?.fileBackedBytes;
  };
  const sample = () => {
    const m = deno.memoryUsage();
    const reading: MemoryReading = {
      rssBytes: m.rss,
      heapUsedBytes: m.heapUsed,
      heapBytes: m.heapTotal,
      externalBytes: m.external,
    };
    if (spaces !== undefined) {
      const groups = groupSpaces(spaces());
      reading.youngBytes = groups.youngBytes;
      reading.oldBytes = groups.oldBytes;
      reading.codeBytes = groups.codeBytes;
      reading.largeObjectBytes = groups.largeObjectBytes;
      reading.heapBytes = groups.youngBytes + groups.oldBytes +
        groups.codeBytes + groups.largeObjectBytes;
    }
    record.observeMemory(reading, fileBacked);
  };
  // The first sample reads /proc/self/status, for the file-backed baseline.
  sample();
  const before = highWater ?? status()?.highWaterBytes;
  const stop = every(intervalMs, sample, deno);
  return () => {
    stopped = true;
    stop();
    sample();
    // The kernel's peak, when the run raised it, is the run's true peak.
    const after = status()?.highWaterBytes;
    if (before !== undefined && after !== undefined && after > before) {
      record.observeHighWater(after);
    }
  };
}
