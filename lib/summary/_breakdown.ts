// Copyright 2026 the sluice authors. MIT license.
// Where the memory went at the peak, from the record's first reading and the
// reading where RSS peaked; and the one hint, when a flag or an option would
// lower that peak.

import type { MemoryBreakdown, StageRow } from "./report.ts";
import type { MemoryMoment } from "./_record.ts";

const MiB = 1024 * 1024;
/** A part earns a hint when it is more than this share of what the run added... */
export const HINT_SHARE = 0.4;
/** ...and at least this large: below it, no flag or option saves much. */
export const HINT_FLOOR_BYTES = 16 * MiB;
/**
 * Why the parts can add up to more than the RSS (beside being read a moment
 * apart): a sort allocates its arena to its limit at once and fills what
 * its lines need.
 */
export const NOT_WRITTEN =
  "V8 counts an array buffer whole in the external memory, the kernel only its pages written to";
/** Stages whose memory is set by a budget, and batch(), set by its size. */
const BUDGETED = new Set(["sort", "groupBy", "distinct", "parallelGroupBy"]);

/** The breakdown at `peak`, with the runtime measured at `baseline`. */
export function breakdownOf(
  baseline: MemoryMoment,
  peak: MemoryMoment,
): MemoryBreakdown {
  const runtimeBytes = baseline.rssBytes - baseline.heapBytes -
    baseline.externalBytes - baseline.workerHeapBytes;
  const pagedInBytes = baseline.fileBackedBytes === undefined ||
      peak.fileBackedBytes === undefined
    ? undefined
    : Math.max(0, peak.fileBackedBytes - baseline.fileBackedBytes);
  const parts = runtimeBytes + (pagedInBytes ?? 0) + peak.heapBytes +
    peak.externalBytes + peak.workerHeapBytes;
  return {
    rssBytes: peak.rssBytes,
    atMs: Math.round(peak.atMs * 10) / 10,
    runtimeBytes,
    pagedInBytes,
    heapBytes: peak.heapBytes,
    ...(peak.youngBytes === undefined ? {} : {
      youngBytes: peak.youngBytes,
      oldBytes: peak.oldBytes,
      codeBytes: peak.codeBytes,
      largeObjectBytes: peak.largeObjectBytes,
    }),
    heapUsedBytes: peak.heapUsedBytes,
    externalBytes: peak.externalBytes,
    workerHeapBytes: peak.workerHeapBytes,
    stagesHeldBytes: peak.heldBytes,
    unexplainedBytes: peak.rssBytes - parts,
  };
}

function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

/**
 * One line on what would lower the peak, or `undefined`. Two causes are
 * judged against what the run added to RSS (the peak less RSS at the start):
 *
 * - V8's young generation: V8 grows it for throughput (to 32 MiB and more
 *   by default), whatever the stages hold; the flag
 *   `--max-semi-space-size=4` keeps it near 8 MiB.
 * - Uncollected garbage: the old generation (with large objects) beyond
 *   what is live, taken as the heap in use at the start plus what the
 *   stages hold. V8 lets garbage grow the heap to a multiple of what is
 *   live, so a smaller budget (sort, groupBy, distinct) or batch lowers it;
 *   without such a stage nothing in the pipeline would help, and no hint is
 *   given.
 *
 * Without the heap split by space (the summary's `heapSpaces` option off,
 * or a peak sampled before node:v8 loaded), the two cannot be told apart:
 * one cause is judged instead, the committed heap beyond what is live (the
 * same live figure), which holds both the young generation's room and the
 * garbage; the hint names the flag, the budget or batch when there is one,
 * and how to see the split.
 *
 * A cause earns the hint when it is more than 40% of what the run added and
 * at least 16 MiB; when both do, the larger.
 */
export function hintFor(
  baseline: MemoryMoment,
  peak: MemoryMoment,
  stages: readonly StageRow[],
): string | undefined {
  const added = peak.rssBytes - baseline.rssBytes;
  if (added <= 0) return undefined;
  const share = (bytes: number) => Math.round((bytes / added) * 100);
  const earns = (bytes: number) =>
    bytes >= HINT_FLOOR_BYTES && bytes > HINT_SHARE * added;
  const live = baseline.heapUsedBytes + peak.heldBytes;
  const lever = stages.find((s) => BUDGETED.has(s.kind)) ??
    stages.find((s) => s.kind === "batch");
  const what = lever?.kind === "batch" ? "batch" : "budget";
  if (peak.youngBytes === undefined) {
    const beyond = peak.heapBytes - live;
    if (!earns(beyond)) return undefined;
    return `hint: V8's heap took ${
      mib(peak.heapBytes)
    } committed while the stages held ${mib(peak.heldBytes)}: ${
      share(beyond)
    }% of what the run added is heap beyond what is live, the young generation's room and uncollected garbage; --v8-flags=--max-semi-space-size=4${
      lever === undefined ? "" : ` or a smaller ${what} for ${lever.name}`
    } may lower it (new Summary({ heapSpaces: true }) or --summary tells which)`;
  }
  const young = peak.youngBytes;
  const garbage = (peak.oldBytes ?? 0) + (peak.largeObjectBytes ?? 0) - live;
  const hints: { bytes: number; text: string }[] = [];
  if (earns(young)) {
    hints.push({
      bytes: young,
      text: `hint: V8's young generation took ${mib(young)}, ${
        share(young)
      }% of the ${
        mib(added)
      } the run added to RSS; run with --v8-flags=--max-semi-space-size=4 to keep it near 8 MiB`,
    });
  }
  if (earns(garbage) && lever !== undefined) {
    hints.push({
      bytes: garbage,
      text: `hint: V8's old generation took ${
        mib((peak.oldBytes ?? 0) + (peak.largeObjectBytes ?? 0))
      } while the stages held ${mib(peak.heldBytes)}: uncollected garbage, ${
        share(garbage)
      }% of what the run added, which V8 lets grow with what is live; a smaller ${what} for ${lever.name} lowers both`,
    });
  }
  hints.sort((a, b) => b.bytes - a.bytes);
  return hints[0]?.text;
}
