// Copyright 2026 the sluice authors. MIT license.
/**
 * The run summary: what each stage held and how busy it was, and the
 * process's peak memory during the run. Dependency-free: stages report to it,
 * a sampler feeds it memory readings, and it renders a table or JSON.
 *
 * Byte figures for held items are estimates: a string counts its UTF-16 size
 * (2 bytes per code unit), a typed array its `byteLength`, a number 8 bytes,
 * an array or object the sum of its values (one level deep). A batch of more
 * than 32 items is estimated from 32 items spread evenly across it.
 *
 * @module
 */

/** A stage's figures as a plain object, as in {@linkcode SummaryJSON}. */
export interface StageReport {
  /** The stage's name, e.g. `"filter#2"`. */
  name: string;
  /** The factory that made the stage, e.g. `"filter"`, or `"stage"` for a user's own. */
  kind: string;
  /** Items the stage received. */
  itemsIn: number;
  /** Items the stage emitted. */
  itemsOut: number;
  /** The most items the stage held at once. */
  peakItems: number;
  /** The most bytes the stage held at once (an estimate, see the module doc). */
  peakBytes: number;
  /** What the stage promises to hold at most, in words. */
  bound: string;
  /** The bound in bytes, where the stage can state one. */
  boundBytes: number | undefined;
  /** Milliseconds spent in the stage itself, upstream time excluded. */
  busyMs: number;
  /** Stage-specific counters, e.g. `skippedLines` or `bytesWritten`. */
  counters: Record<string, number>;
  /**
   * Items that failed in the stage: those an `onError` policy skipped or
   * sent to a dead letter, plus the error that stopped the run, if the stage
   * raised it.
   */
  errors: number;
  /** The messages of the first few errors (at most 5), with their line. */
  firstErrors: string[];
}

/**
 * What a run's source read of one of its inputs: one entry per input of
 * {@linkcode readLines}, in the order given, in {@linkcode Summary.inputs}.
 *
 * @example Lines and bytes of each input
 * ```ts
 * import { pipeline, readLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const one = new Blob(["a\nb\n"]).stream();
 * const two = new Blob(["c\n"]).stream();
 * const summary = await pipeline(readLines([one, two]), async (lines) => {
 *   for await (const _ of lines);
 * });
 * assert.deepEqual(summary.inputs.map((i) => [i.lines, i.bytesRead]), [
 *   [2, 4],
 *   [1, 2],
 * ]);
 * ```
 */
export interface InputStats {
  /**
   * The input's path (`"-"` for standard input), or `undefined` for a
   * stream or file handle.
   */
  readonly path: string | undefined;
  /**
   * Lines read from it so far, skipped and split ones included (a line cut
   * into pieces counts once).
   */
  lines: number;
  /** Bytes read from it so far, as stored (compressed, for gzip input). */
  bytesRead: number;
}

/** The whole summary as a plain object, as returned by {@linkcode Summary.toJSON}. */
export interface SummaryJSON {
  /** `"running"`, `"ok"`, `"failed"` or `"aborted"`. */
  status: RunStatus;
  /** Wall time of the run in milliseconds. */
  wallMs: number;
  /** Bytes read by the source. */
  bytesRead: number;
  /** Bytes written by the sink. */
  bytesWritten: number;
  /** Bytes read per second of wall time. */
  bytesPerSecond: number;
  /** The highest resident set size sampled during the run, in bytes. */
  peakRssBytes: number;
  /** The highest V8 heap use sampled during the run, in bytes. */
  peakHeapBytes: number;
  /** How many memory samples were taken. */
  memorySamples: number;
  /** What the source read of each of its inputs, in order. */
  inputs: InputStats[];
  /** One entry per stage, in pipeline order. */
  stages: StageReport[];
}

/** The state of a run. */
export type RunStatus = "running" | "ok" | "failed" | "aborted";

const SAMPLE = 32;
/** How many error messages a stage keeps for the summary. */
const FIRST_ERRORS = 5;
/** Error messages can quote a whole line: keep them readable in a table. */
const MAX_MESSAGE = 300;
/** Inputs listed one per line by {@linkcode Summary.format}; the rest counted. */
const MAX_INPUTS = 10;

function sizeOf(value: unknown, depth: number): number {
  switch (typeof value) {
    case "string":
      return value.length * 2;
    case "number":
    case "boolean":
    case "bigint":
      return 8;
    case "object":
      if (value === null) return 0;
      if (ArrayBuffer.isView(value)) return value.byteLength;
      if (depth > 1) return 16;
      if (Array.isArray(value)) return 16 + estimateBytes(value, depth + 1);
      return 16 +
        estimateBytes(
          Object.values(value as Record<string, unknown>),
          depth + 1,
        );
    default:
      return 0;
  }
}

/**
 * Estimates the memory held by `items` in bytes: UTF-16 size of strings,
 * `byteLength` of typed arrays, 8 bytes per number, arrays and objects one
 * level deep. Arrays of more than 32 items are estimated from a sample of 32.
 *
 * @param items The items to estimate.
 * @param depth Internal: how deep the estimate already is.
 * @returns The estimated size in bytes.
 *
 * @example Estimating a batch of lines
 * ```ts
 * import { estimateBytes } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * assert.equal(estimateBytes(["abc", "de"]), 10);
 * ```
 */
export function estimateBytes(items: readonly unknown[], depth = 0): number {
  const n = items.length;
  if (n <= SAMPLE) {
    let total = 0;
    for (let i = 0; i < n; i++) total += sizeOf(items[i], depth);
    return total;
  }
  let total = 0;
  const step = n / SAMPLE;
  for (let k = 0; k < SAMPLE; k++) {
    total += sizeOf(items[Math.floor(k * step)], depth);
  }
  return Math.round(total * (n / SAMPLE));
}

/**
 * The figures of one stage. Stages update these while they run; readers use
 * {@linkcode StageStats.toJSON}.
 *
 * @example Recording what a stage holds
 * ```ts
 * import { Summary } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const summary = new Summary();
 * const stats = summary.addStage("map#2", "map", "1 batch");
 * stats.hold(100, 4096);
 * stats.hold(10, 512);
 * assert.equal(stats.peakItems, 100);
 * assert.equal(stats.peakBytes, 4096);
 * ```
 */
export class StageStats {
  /** The stage's name, e.g. `"filter#2"`. */
  readonly name: string;
  /** The factory that made the stage. */
  readonly kind: string;
  /** What the stage promises to hold at most, in words. */
  bound: string;
  /** The bound in bytes, where the stage can state one. */
  boundBytes: number | undefined;
  /** Items the stage received. */
  itemsIn = 0;
  /** Items the stage emitted. */
  itemsOut = 0;
  /** The most items held at once. */
  peakItems = 0;
  /** The most bytes held at once (estimated). */
  peakBytes = 0;
  /** Milliseconds spent in the stage itself. */
  busyMs = 0;
  /** Stage-specific counters. */
  readonly counters: Record<string, number> = {};
  /** Items that failed in the stage (see {@linkcode StageReport.errors}). */
  errors = 0;
  /** The messages of the first few errors (at most 5). */
  readonly firstErrors: string[] = [];

  /**
   * Creates the figures of one stage.
   *
   * @param name The stage's name.
   * @param kind The factory that made it.
   * @param bound The stage's memory bound, in words.
   * @param boundBytes The bound in bytes, if it has one.
   */
  constructor(
    name: string,
    kind: string,
    bound: string,
    boundBytes?: number,
  ) {
    this.name = name;
    this.kind = kind;
    this.bound = bound;
    this.boundBytes = boundBytes;
  }

  /**
   * Records that the stage holds `items` items of about `bytes` bytes now.
   *
   * @param items Items held.
   * @param bytes Bytes held.
   */
  hold(items: number, bytes: number): void {
    if (items > this.peakItems) this.peakItems = items;
    if (bytes > this.peakBytes) this.peakBytes = bytes;
  }

  /**
   * Adds `by` to the counter `name`.
   *
   * @param name The counter.
   * @param by How much to add.
   */
  count(name: string, by = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + by;
  }

  /**
   * Counts one error, and keeps its message if it is among the first five.
   * Messages longer than 300 characters are cut.
   *
   * @param message What failed and where, e.g. `line 3 of "app.log": …`.
   */
  noteError(message: string): void {
    this.errors++;
    if (this.firstErrors.length < FIRST_ERRORS) {
      this.firstErrors.push(
        message.length > MAX_MESSAGE
          ? `${message.slice(0, MAX_MESSAGE - 1)}…`
          : message,
      );
    }
  }

  /**
   * The figures as a plain object.
   *
   * @returns The stage's report.
   */
  toJSON(): StageReport {
    return {
      name: this.name,
      kind: this.kind,
      itemsIn: this.itemsIn,
      itemsOut: this.itemsOut,
      peakItems: this.peakItems,
      peakBytes: this.peakBytes,
      bound: this.bound,
      boundBytes: this.boundBytes,
      busyMs: Math.round(this.busyMs * 10) / 10,
      counters: { ...this.counters },
      errors: this.errors,
      firstErrors: [...this.firstErrors],
    };
  }
}

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
  /** The stages, in pipeline order. */
  readonly stages: StageStats[] = [];
  /** The state of the run. */
  status: RunStatus = "running";
  /** Bytes read by the source, as stored (compressed, for gzip input). */
  bytesRead = 0;
  /** Bytes written by the sink. */
  bytesWritten = 0;
  /** The highest resident set size sampled, in bytes. */
  peakRssBytes = 0;
  /** The highest V8 heap use sampled, in bytes. */
  peakHeapBytes = 0;
  /** How many memory samples were taken. */
  memorySamples = 0;
  #inputs: InputStats[] = [];
  #start: number | undefined;
  #end: number | undefined;

  /**
   * Adds a stage row.
   *
   * @param name The stage's name.
   * @param kind The factory that made it.
   * @param bound Its memory bound, in words.
   * @param boundBytes Its bound in bytes, if it has one.
   * @returns The row, for the stage to update.
   */
  addStage(
    name: string,
    kind: string,
    bound: string,
    boundBytes?: number,
  ): StageStats {
    const stats = new StageStats(name, kind, bound, boundBytes);
    this.stages.push(stats);
    return stats;
  }

  /**
   * What the source read of each of its inputs, in the order given: filled
   * by {@linkcode readLines} as it reads (an input not read yet shows 0).
   * Empty when the source is not `readLines`.
   */
  get inputs(): readonly InputStats[] {
    return this.#inputs;
  }

  /**
   * Adds an input's entry, for the source to update as it reads.
   *
   * @param path The input's path, or `undefined` for a stream or handle.
   * @returns The entry, at 0 lines and 0 bytes.
   */
  addInput(path: string | undefined): InputStats {
    const input: InputStats = { path, lines: 0, bytesRead: 0 };
    this.#inputs.push(input);
    return input;
  }

  /** Marks the start of the run (wall time counts from here). */
  start(): void {
    this.#start ??= performance.now();
    this.status = "running";
  }

  /**
   * Marks the end of the run.
   *
   * @param status How it ended.
   */
  finish(status: Exclude<RunStatus, "running">): void {
    this.#end = performance.now();
    this.status = status;
  }

  /** Wall time of the run so far, in milliseconds. */
  get wallMs(): number {
    if (this.#start === undefined) return 0;
    return (this.#end ?? performance.now()) - this.#start;
  }

  /**
   * Records one memory reading.
   *
   * @param rssBytes Resident set size.
   * @param heapBytes V8 heap in use.
   */
  observeMemory(rssBytes: number, heapBytes: number): void {
    this.memorySamples++;
    if (rssBytes > this.peakRssBytes) this.peakRssBytes = rssBytes;
    if (heapBytes > this.peakHeapBytes) this.peakHeapBytes = heapBytes;
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
      inputs: this.#inputs.map((i) => ({ ...i })),
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
    if (this.#inputs.length > 1) {
      out.push("inputs:");
      for (const input of this.#inputs.slice(0, MAX_INPUTS)) {
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
      const more = this.#inputs.length - MAX_INPUTS;
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
