// Copyright 2026 the sluice authors. MIT license.
// Memory budgets of the stages that spill to disk: a number of bytes or a
// string such as "64MB" (10^6), "64MiB" (2^20) or "64M" (2^20, as GNU sort).

import { parseBytes } from "../summary/_format.ts";

/** The smallest budget a stage accepts: room for a few records. */
export const MIN_BUDGET = 4096;

/** The default budget of sort, groupBy and distinct. */
export const DEFAULT_BUDGET = 64 * 1024 * 1024;

/**
 * The default fan-in of sort, groupBy and distinct: the most runs merged at
 * once. Each run beyond it is written and read once more, in a merge of
 * runs that waits for no more input (see RunList); Deno raises the limit of
 * open files to the system's hard limit, so 256 run files open together are
 * allowed wherever Deno runs. With 64, `sort()` by latency with a 64 MiB
 * budget, V8's defaults, spilled 9.2 GB over the 4 GiB bench corpus (201
 * runs, 3 early merges) in 78.5 s at 120.9 MiB peak RSS; with 256, 4.7 GB
 * (198 runs, none) in 65.3 s at 115.6 MiB. Up to 64 runs (1 GiB with that
 * budget) it makes no difference.
 */
export const DEFAULT_FAN_IN = 256;

/**
 * How many items sort and groupBy hand on between two turns of the event
 * loop while they pass on what they held or spilled (see eventLoopTurn:
 * without these, a merge returned to the event loop only at its reads of
 * the runs, in the middle of a chunk, and more of what it handed on
 * survived V8's scavenges: 14.3 KiB at the median scavenge of `sluice sort
 * -n`'s merge, 2.2 KiB with these turns). `sort()` of the 1 GiB bench
 * corpus by latency, V8's defaults, 3 rounds in turns: with a 16 MiB budget
 * 100.0 MiB peak RSS without turns, 88.9 with one every 1024 items; with 64
 * MiB 113.2 (103.7-118.3) and 105.0 (104.5-105.4), in the same time.
 */
export const OUTPUT_TURN_ITEMS = 1024;

/**
 * Parses a budget into bytes. Throws a RangeError naming the stage when it
 * is not a size of at least 4 KiB.
 */
export function parseBudget(value: number | string, stage: string): number {
  let bytes = NaN;
  if (typeof value === "number") {
    bytes = value;
  } else if (typeof value === "string") {
    bytes = parseBytes(value);
  } else {
    throw new TypeError(
      `Cannot create ${stage} stage: budget must be a number of bytes or a size such as "64MB", got ${typeof value}`,
    );
  }
  bytes = Math.floor(bytes);
  const got = JSON.stringify(value);
  if (Number.isNaN(bytes)) {
    throw new RangeError(
      `Cannot create ${stage} stage: budget must be a number of bytes or a size such as 65536, "64MB" or "64MiB", got ${got}`,
    );
  }
  if (!Number.isSafeInteger(bytes)) {
    throw new RangeError(
      `Cannot create ${stage} stage: budget is too large, got ${got}`,
    );
  }
  if (bytes < MIN_BUDGET) {
    throw new RangeError(
      `Cannot create ${stage} stage: budget must be at least ${MIN_BUDGET} bytes, got ${got}`,
    );
  }
  return bytes;
}

/** Checks the options shared by the spilling stages; returns the budget. */
export function spillSettings(
  kind: string,
  options: { budget?: number | string; fanIn?: number; tempDir?: string },
): { budget: number; fanIn: number } {
  const budget = parseBudget(options.budget ?? DEFAULT_BUDGET, kind);
  const fanIn = options.fanIn ?? DEFAULT_FAN_IN;
  if (!Number.isSafeInteger(fanIn) || fanIn < 2) {
    throw new RangeError(
      `Cannot create ${kind} stage: fanIn must be an integer of at least 2, got ${fanIn}`,
    );
  }
  if (options.tempDir !== undefined && typeof options.tempDir !== "string") {
    throw new TypeError(
      `Cannot create ${kind} stage: tempDir must be a string, got ${typeof options
        .tempDir}`,
    );
  }
  return { budget, fanIn };
}
