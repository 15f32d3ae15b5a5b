// Copyright 2026 the sluice authors. MIT license.
/**
 * The run summary: what each stage held and how busy it was, and the
 * process's peak memory during the run. Dependency-free: stages report to it,
 * a sampler feeds it memory readings, and it renders a table or JSON.
 *
 * Byte figures for held items are estimates: a string counts its UTF-16 size
 * (2 bytes per code unit), a typed array its `byteLength`, a number 8 bytes,
 * an array or object the sum of its values (one level deep). A chunk of more
 * than 32 items is estimated from 32 items spread evenly across it.
 *
 * @module
 */

import { attachRecord, type RunRecord } from "./_record.ts";
import type { InputStats, RunStatus, StageRow, SummaryJSON } from "./report.ts";

export type {
  InputStats,
  RunStatus,
  StageReport,
  StageRow,
  SummaryJSON,
} from "./report.ts";

/**
 * Formats a byte count with a binary unit, e.g. `"1.5 MiB"`.
 *
 * @param bytes The count.
 * @returns The formatted count.
 *
 * @example Formatting sizes
 * ```ts
 * import { formatBytes } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatBytes(512), "512 B");
 * assert.equal(formatBytes(1536 * 1024), "1.5 MiB");
 * ```
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0
    ? `${Math.round(value)} B`
    : `${value.toFixed(1)} ${units[unit]}`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** Inputs listed one per line by {@linkcode Summary.format}; the rest counted. */
const MAX_INPUTS = 10;

/**
 * The summary of one run: a row per stage plus the run's wall time, bytes
 * read and written, and peak process memory. {@linkcode pipeline} creates and
 * fills one; pass your own with its `summary` option to keep it after a
 * failure.
 *
 * @example Reading a pipeline's summary
 * ```ts
 * import { filter, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const summary = await pipeline(
 *   ["a", "bb", "ccc"],
 *   filter((s) => s.length > 1),
 *   async (source) => {
 *     for await (const _ of source);
 *   },
 * );
 * assert.equal(summary.status, "ok");
 * assert.equal(summary.stages[1]!.itemsOut, 2);
 * assert.match(summary.format(), /filter#2/);
 * ```
 */
export class Summary {
  /** Bytes read by the source, as stored (compressed, for gzip input). */
  bytesRead = 0;
  /** Bytes written by the sink. */
  bytesWritten = 0;
  #record: RunRecord = attachRecord(this);

  /** The stages, in pipeline order. */
  get stages(): readonly StageRow[] {
    return this.#record.stages;
  }

  /** The state of the run. */
  get status(): RunStatus {
    return this.#record.status;
  }

  /** The highest resident set size sampled, in bytes. */
  get peakRssBytes(): number {
    return this.#record.peakRssBytes;
  }

  /** The highest V8 heap use sampled, in bytes. */
  get peakHeapBytes(): number {
    return this.#record.peakHeapBytes;
  }

  /** How many memory samples were taken. */
  get memorySamples(): number {
    return this.#record.memorySamples;
  }

  /**
   * What the source read of each of its inputs, in the order given: filled
   * by {@linkcode readLines} as it reads (an input not read yet shows 0).
   * Empty when the source is not `readLines`.
   */
  get inputs(): readonly InputStats[] {
    return this.#record.inputs;
  }

  /** Wall time of the run so far, in milliseconds. */
  get wallMs(): number {
    const { startMs, endMs } = this.#record;
    if (startMs === undefined) return 0;
    return (endMs ?? performance.now()) - startMs;
  }

  /**
   * The summary as a plain object, ready for `JSON.stringify`.
   *
   * @returns The summary's figures.
   */
  toJSON(): SummaryJSON {
    const wallMs = this.wallMs;
    return {
      status: this.status,
      wallMs: Math.round(wallMs * 10) / 10,
      bytesRead: this.bytesRead,
      bytesWritten: this.bytesWritten,
      bytesPerSecond: wallMs > 0
        ? Math.round(this.bytesRead / (wallMs / 1000))
        : 0,
      peakRssBytes: this.peakRssBytes,
      peakHeapBytes: this.peakHeapBytes,
      memorySamples: this.memorySamples,
      inputs: this.#record.inputs.map((i) => ({ ...i })),
      stages: this.stages.map((s) => s.toJSON()),
    };
  }

  /**
   * Renders the summary as an aligned table for a terminal: one row per
   * stage, then (when the source read several inputs) a line per input, the
   * first ten of them, then a line for the whole run.
   *
   * @returns The table, without a trailing newline.
   */
  format(): string {
    // The errors column appears only when some stage had errors.
    const errors = this.stages.some((s) => s.errors > 0);
    const header = [
      "stage",
      "items in",
      "items out",
      ...(errors ? ["errors"] : []),
      "peak items",
      "peak held",
      "bound",
      "busy",
    ];
    const rows = this.stages.map((s, i) => [
      s.name,
      // The source takes bytes, not items.
      i === 0 ? "-" : s.itemsIn.toLocaleString("en-US"),
      s.itemsOut.toLocaleString("en-US"),
      ...(errors ? [s.errors.toLocaleString("en-US")] : []),
      s.peakItems.toLocaleString("en-US"),
      formatBytes(s.peakBytes),
      s.bound,
      formatMs(s.busyMs),
    ]);
    const widths = header.map((h, i) =>
      Math.max(h.length, ...rows.map((r) => r[i]!.length))
    );
    // Text columns align left, figures right.
    const left = new Set([0, errors ? 6 : 5]);
    const line = (cells: string[]) =>
      cells.map((c, i) =>
        left.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)
      ).join("  ").trimEnd();
    const out = [line(header), ...rows.map(line)];
    for (const s of this.stages) {
      const counters = Object.entries(s.counters);
      if (counters.length > 0) {
        out.push(
          `${s.name}: ${counters.map(([k, v]) => `${k} ${v}`).join(", ")}`,
        );
      }
    }
    for (const s of this.stages) {
      if (s.errors === 0) continue;
      const shown = s.firstErrors.length;
      out.push(
        `${s.name}: ${s.errors.toLocaleString("en-US")} error${
          s.errors === 1 ? "" : "s"
        }${s.errors > shown ? `, the first ${shown}` : ""}:`,
        ...s.firstErrors.map((m) => `  ${m}`),
      );
    }
    // One input is the run's own figures; several get a line each.
    if (this.#record.inputs.length > 1) {
      out.push("inputs:");
      for (const input of this.#record.inputs.slice(0, MAX_INPUTS)) {
        const name = input.path === undefined
          ? "a stream"
          : input.path === "-"
          ? "standard input"
          : `"${input.path}"`;
        out.push(
          `  ${name}: ${input.lines.toLocaleString("en-US")} line${
            input.lines === 1 ? "" : "s"
          }, ${formatBytes(input.bytesRead)}`,
        );
      }
      const more = this.#record.inputs.length - MAX_INPUTS;
      if (more > 0) out.push(`  … and ${more.toLocaleString("en-US")} more`);
    }
    const wall = this.wallMs;
    const rate = wall > 0 ? this.bytesRead / (wall / 1000) : 0;
    out.push(
      `run: ${this.status}, ${formatBytes(this.bytesRead)} read in ${
        formatMs(wall)
      } (${formatBytes(rate)}/s), ${
        formatBytes(this.bytesWritten)
      } written, peak RSS ${formatBytes(this.peakRssBytes)}, peak heap ${
        formatBytes(this.peakHeapBytes)
      }`,
    );
    return out.join("\n");
  }
}
