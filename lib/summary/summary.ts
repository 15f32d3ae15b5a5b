// Copyright 2026 the sluice authors. MIT license.
/**
 * The run summary: what each stage held and how busy it was, and the
 * process's memory during the run: its peak, where the memory went at the
 * peak, and memory over time. Dependency-free: stages report to it, a
 * sampler feeds it memory readings, and it renders a table, JSON or a
 * self-contained HTML page.
 *
 * Byte figures for held items are estimates: a string counts its UTF-16 size
 * (2 bytes per code unit), a typed array its `byteLength`, a number 8 bytes,
 * an array or object 16 bytes plus the sum of its values (down to the arrays
 * and objects inside an item; deeper ones count 16 bytes each). A chunk of
 * more than 32 items is estimated from 32 items spread evenly across it.
 *
 * @module
 */

import { attachRecord, type RunRecord } from "./_record.ts";
import { breakdownOf, hintFor, NOT_WRITTEN } from "./_breakdown.ts";
import { renderHtml } from "./_html.ts";
import { ASCII_LEVELS, BLOCKS, sparkline } from "./_sparkline.ts";
import { asciiTerminal } from "./_terminal.ts";
import { formatBytes, formatCount, formatMs } from "./_format.ts";
import type {
  InputStats,
  MemoryBreakdown,
  MemoryPoint,
  RunStatus,
  StageRow,
  SummaryJSON,
} from "./report.ts";

export type {
  InputStats,
  MemoryBreakdown,
  MemoryPoint,
  RunStatus,
  StageReport,
  StageRow,
  SummaryJSON,
} from "./report.ts";

export { formatBytes, formatCount, parseBytes } from "./_format.ts";

/** Options for {@linkcode Summary.format}. */
export interface FormatOptions {
  /**
   * Draw the memory sparkline in ASCII (` .:-=+*#`) instead of block
   * characters (U+2581 to U+2588). When not given, ASCII is chosen when `NO_COLOR`
   * is set, or the locale (the first of `LC_ALL`, `LC_CTYPE` and `LANG` that
   * is set) is not UTF-8 or none is set; variables that cannot be read
   * without asking for a permission are not read, and blocks are drawn.
   *
   * @default {undefined}
   */
  ascii?: boolean;
}

/** Options for {@linkcode Summary}. */
export interface SummaryOptions {
  /**
   * Split V8's heap by space in the memory breakdown: young generation, old
   * generation, code and large objects (see {@linkcode MemoryBreakdown}),
   * and draw the young generation in the memory series. It loads `node:v8`
   * when the run starts, which starts Deno's Node compatibility layer: a few
   * MiB of RSS more for the whole process, so it is off unless asked for.
   * Off, the heap is one figure, its committed bytes. Samples taken before
   * `node:v8` has loaded lack the split. The command line turns it on with
   * `--summary`, `--summary-json` and `--summary-html`.
   *
   * @default {false}
   */
  heapSpaces?: boolean;
}

/** The widest the sparkline of {@linkcode Summary.format} gets. */
const SPARKLINE_WIDTH = 60;

/** Inputs listed one per line by {@linkcode Summary.format}; the rest counted. */
const MAX_INPUTS = 10;

/**
 * The summary of one run: a row per stage plus the run's wall time, bytes
 * read and written, and peak process memory. {@linkcode pipeline} creates and
 * fills one; pass your own with its `summary` option to keep it after a
 * failure, or to split V8's heap by space (see {@linkcode SummaryOptions}).
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
  #record: RunRecord;

  /**
   * Creates an empty summary, for a pipeline to fill.
   *
   * @param options What the summary reads of memory.
   *
   * @example V8's heap by space
   * ```ts
   * import { pipeline, Summary } from "@sluice/sluice";
   * import assert from "node:assert/strict";
   *
   * const summary = new Summary({ heapSpaces: true });
   * await pipeline(
   *   (async function* () {
   *     for (let i = 0; i < 40; i++) {
   *       yield "x".repeat(1000);
   *       await new Promise((ok) => setTimeout(ok, 5));
   *     }
   *   })(),
   *   async (items) => {
   *     for await (const _ of items);
   *   },
   *   { summary, memorySampleMs: 5 },
   * );
   * // node:v8 loads in the run's first milliseconds: the peak's sample has
   * // the split, and its parts add up to the heap.
   * const b = summary.memoryBreakdown!;
   * assert.ok(b.youngBytes !== undefined);
   * assert.equal(
   *   b.youngBytes + b.oldBytes! + b.codeBytes! + b.largeObjectBytes!,
   *   b.heapBytes,
   * );
   * ```
   */
  constructor(options: SummaryOptions = {}) {
    this.#record = attachRecord(this, undefined, options.heapSpaces ?? false);
  }

  /** The stages, in pipeline order. */
  get stages(): readonly StageRow[] {
    return this.#record.stages;
  }

  /** The state of the run. */
  get status(): RunStatus {
    return this.#record.status;
  }

  /**
   * The highest resident set size of the run, in bytes: the kernel's peak
   * (`VmHWM` in `/proc/self/status`) where it can be read without asking for
   * a permission (Linux, with `--allow-all`: Deno lets a read of
   * `/proc/self` through only then) and the run raised it, otherwise the
   * highest sample, which can miss a peak between two samples.
   */
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
   * Where the memory went at the sample where RSS peaked: the runtime, V8's
   * heap (by generation with the `heapSpaces` option), external memory, the workers' heaps and what remains
   * unexplained (see {@linkcode MemoryBreakdown}). `undefined` until memory
   * has been sampled.
   *
   * @example The parts add up to the peak
   * ```ts
   * import { pipeline } from "@sluice/sluice";
   * import assert from "node:assert/strict";
   *
   * const summary = await pipeline(["a", "b"], async (items) => {
   *   for await (const _ of items);
   * });
   * const b = summary.memoryBreakdown!;
   * const parts = b.runtimeBytes + (b.pagedInBytes ?? 0) + b.heapBytes +
   *   b.externalBytes + b.workerHeapBytes + b.unexplainedBytes;
   * assert.equal(parts, b.rssBytes);
   * // Without the heapSpaces option, the heap is not split by space.
   * assert.equal(b.youngBytes, undefined);
   * ```
   */
  get memoryBreakdown(): MemoryBreakdown | undefined {
    const { baseline, peak } = this.#record;
    return baseline === undefined || peak === undefined
      ? undefined
      : breakdownOf(baseline, peak);
  }

  /**
   * One line on what would lower the peak, or `undefined`: given when V8's
   * young generation, or garbage in its old generation that a smaller
   * budget or batch would cut, is more than 40% of what the run added to RSS
   * and at least 16 MiB. Without the heap split by space (see
   * {@linkcode SummaryOptions}) the two cannot be told apart, and the hint
   * judges the committed heap beyond what is live instead.
   * {@linkcode Summary.format} ends with it.
   */
  get memoryHint(): string | undefined {
    const { baseline, peak } = this.#record;
    return baseline === undefined || peak === undefined
      ? undefined
      : hintFor(baseline, peak, this.stages);
  }

  /**
   * Memory over the run, oldest first: each point holds the highest figures
   * of the samples it stands for. At most 512 points: when they are all
   * taken, neighbours merge in pairs and each point stands for twice as many
   * samples from then on, so the peak is never lost and a long run costs no
   * more than a short one.
   *
   * @example The series keeps the peak
   * ```ts
   * import { pipeline } from "@sluice/sluice";
   * import assert from "node:assert/strict";
   *
   * const summary = await pipeline(["a"], async (items) => {
   *   for await (const _ of items);
   * });
   * const series = summary.memorySeries;
   * assert.ok(series.length >= 1 && series.length <= 512);
   * assert.equal(
   *   Math.max(...series.map((p) => p.rssBytes)),
   *   summary.memoryBreakdown!.rssBytes,
   * );
   * ```
   */
  get memorySeries(): readonly MemoryPoint[] {
    return this.#record.series.points();
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
      memoryBreakdown: this.memoryBreakdown,
      memoryHint: this.memoryHint,
      memorySeries: this.#record.series.points(),
      inputs: this.#record.inputs.map((i) => ({ ...i })),
      stages: this.stages.map((s) => s.toJSON()),
    };
  }

  /**
   * Renders the summary as an aligned table for a terminal: one row per
   * stage, then (when the source read several inputs) a line per input, the
   * first ten of them, then a line for the whole run; then, once memory has
   * been sampled, the breakdown at the peak in three lines, a sparkline of
   * RSS over the run and, when there is one, the {@linkcode memoryHint}.
   *
   * @param options How to draw the sparkline.
   * @returns The table, without a trailing newline.
   */
  format(options: FormatOptions = {}): string {
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
      i === 0 ? "-" : formatCount(s.itemsIn),
      formatCount(s.itemsOut),
      ...(errors ? [formatCount(s.errors)] : []),
      formatCount(s.peakItems),
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
        `${s.name}: ${formatCount(s.errors)} error${s.errors === 1 ? "" : "s"}${
          s.errors > shown ? `, the first ${shown}` : ""
        }:`,
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
          `  ${name}: ${formatCount(input.lines)} line${
            input.lines === 1 ? "" : "s"
          }, ${formatBytes(input.bytesRead)}`,
        );
      }
      const more = this.#record.inputs.length - MAX_INPUTS;
      if (more > 0) {
        out.push(`  \u2026 and ${formatCount(more)} more`);
      }
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
    out.push(...this.#formatMemory(options.ascii ?? asciiTerminal()));
    return out.join("\n");
  }

  #formatMemory(ascii: boolean): string[] {
    const b = this.memoryBreakdown;
    if (b === undefined) return [];
    const kernel = this.peakRssBytes > b.rssBytes
      ? `; the kernel saw ${formatBytes(this.peakRssBytes)} between samples`
      : "";
    const share = b.rssBytes > 0
      ? ((b.unexplainedBytes / b.rssBytes) * 100).toFixed(1)
      : "0.0";
    const out = [
      `memory at its peak sample, ${formatMs(b.atMs)} in: ${
        formatBytes(b.rssBytes)
      } RSS${kernel}`,
      `  runtime ${formatBytes(b.runtimeBytes)} before the run${
        b.pagedInBytes === undefined
          ? ""
          : ` + ${formatBytes(b.pagedInBytes)} paged in since`
      }; V8 heap ${formatBytes(b.heapBytes)} (${
        b.youngBytes === undefined
          ? "by space: new Summary({ heapSpaces: true }), or the command line's --summary"
          : `young ${formatBytes(b.youngBytes)}, old ${
            formatBytes(b.oldBytes ?? 0)
          }, code ${formatBytes(b.codeBytes ?? 0)}, large objects ${
            formatBytes(b.largeObjectBytes ?? 0)
          }`
      }; ${formatBytes(b.heapUsedBytes)} in use)`,
      `  external ${formatBytes(b.externalBytes)}${
        b.workerHeapBytes > 0
          ? `, workers' heaps ${formatBytes(b.workerHeapBytes)}`
          : ""
      }, unexplained ${formatBytes(b.unexplainedBytes)} (${share}%${
        b.unexplainedBytes < 0
          ? `; the parts add up to more than RSS: ${NOT_WRITTEN}`
          : b.pagedInBytes === undefined
          ? "; the runtime's code paged in since the start is among it"
          : ""
      }); the stages held ${
        formatBytes(b.stagesHeldBytes)
      } of the heap and external`,
    ];
    const series = this.#record.series.points();
    const rss = series.map((p) => p.rssBytes);
    const line = sparkline(
      rss,
      SPARKLINE_WIDTH,
      ascii ? ASCII_LEVELS : BLOCKS,
    );
    out.push(
      `RSS [${line}] ${formatBytes(Math.min(...rss))} to ${
        formatBytes(Math.max(...rss))
      } over ${formatMs(this.wallMs)}`,
    );
    const hint = this.memoryHint;
    if (hint !== undefined) out.push(hint);
    return out;
  }

  /**
   * Renders the summary as a self-contained HTML page, readable offline: no
   * scripts and nothing loaded from elsewhere, the styles and charts inline
   * (SVG). It shows the run's figures (status, wall time, bytes read and
   * written, peak RSS), RSS, heap in use, the young generation (with the
   * `heapSpaces` option) and what the stages held over time on one chart, the breakdown at the peak, and per
   * stage a bar of its peak held against its bound. Every text from the run
   * (stage names, paths, messages) is escaped.
   *
   * @returns The page.
   *
   * @example A page for a run
   * ```ts
   * import { filter, pipeline } from "@sluice/sluice";
   * import assert from "node:assert/strict";
   *
   * const summary = await pipeline(
   *   ["a", "<b>"],
   *   filter((s) => s.length > 1, { name: "<long>" }),
   *   async (items) => {
   *     for await (const _ of items);
   *   },
   * );
   * const page = summary.toHTML();
   * assert.match(page, /^<!DOCTYPE html>/);
   * assert.match(page, /&lt;long&gt;/);
   * assert.doesNotMatch(page, /<script/);
   * ```
   */
  toHTML(): string {
    return renderHtml(this.toJSON());
  }
}
