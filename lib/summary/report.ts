// Copyright 2026 the sluice authors. MIT license.
/**
 * The shapes of a run's figures: a stage's row and report, the whole
 * summary as JSON, and the run's state.
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
 * One stage's figures, as the run keeps them up to date: a row of
 * {@linkcode Summary.stages}. The same figures as {@linkcode StageReport},
 * read-only.
 */
export interface StageRow {
  /** The stage's name, e.g. `"filter#2"`. */
  readonly name: string;
  /** The factory that made the stage, e.g. `"filter"`, or `"stage"` for a user's own. */
  readonly kind: string;
  /** Items the stage received. */
  readonly itemsIn: number;
  /** Items the stage emitted. */
  readonly itemsOut: number;
  /** The most items the stage held at once. */
  readonly peakItems: number;
  /** The most bytes the stage held at once (an estimate, see the module doc). */
  readonly peakBytes: number;
  /** What the stage promises to hold at most, in words. */
  readonly bound: string;
  /** The bound in bytes, where the stage can state one. */
  readonly boundBytes: number | undefined;
  /** Milliseconds spent in the stage itself, upstream time excluded. */
  readonly busyMs: number;
  /** Stage-specific counters, e.g. `skippedLines` or `bytesWritten`. */
  readonly counters: Readonly<Record<string, number>>;
  /** Items that failed in the stage (see {@linkcode StageReport.errors}). */
  readonly errors: number;
  /** The messages of the first few errors (at most 5), with their line. */
  readonly firstErrors: readonly string[];
  /**
   * The figures as a plain object.
   *
   * @returns The stage's report.
   */
  toJSON(): StageReport;
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
  readonly lines: number;
  /** Bytes read from it so far, as stored (compressed, for gzip input). */
  readonly bytesRead: number;
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
  /**
   * Where the memory went at the sample where RSS peaked, or `undefined`
   * when no memory was sampled (see {@linkcode MemoryBreakdown}).
   */
  memoryBreakdown: MemoryBreakdown | undefined;
  /**
   * One line on what would lower the peak, when V8's young generation or
   * its uncollected garbage dominates it; otherwise `undefined`.
   */
  memoryHint: string | undefined;
  /** Memory over the run: at most 512 points (see {@linkcode MemoryPoint}). */
  memorySeries: MemoryPoint[];
  /** What the source read of each of its inputs, in order. */
  inputs: InputStats[];
  /** One entry per stage, in pipeline order. */
  stages: StageReport[];
}

/**
 * What the process's memory was made of at the sample where its resident set
 * size (RSS) peaked. The parts add up to `rssBytes`:
 *
 * `rssBytes = runtimeBytes + (pagedInBytes ?? 0) + heapBytes + externalBytes +
 * workerHeapBytes + unexplainedBytes`
 *
 * The V8 heap's figures are what it has committed (its size, not what is in
 * use: committed pages are what shows in RSS). Split by space, the heap is
 * `heapBytes = youngBytes + oldBytes + codeBytes + largeObjectBytes`; the
 * split is there only when the summary was made with
 * `new Summary({ heapSpaces: true })` (as the command line's `--summary`,
 * `--summary-json` and `--summary-html` do) and that sample had it; otherwise
 * those four are `undefined` and the heap is one figure. `stagesHeldBytes` is not
 * a part of its own: what the stages hold lives in the heap and in external
 * memory, so it is shown as a share of them.
 */
export interface MemoryBreakdown {
  /** RSS at that sample: the peak as sampled. */
  rssBytes: number;
  /** When the sample was taken, in milliseconds since the run started. */
  atMs: number;
  /**
   * The runtime's own memory: RSS when the run started, less the V8 heap
   * and external memory at that moment (which are counted in their parts).
   */
  runtimeBytes: number;
  /**
   * File-backed memory mapped in since the run started (mostly the
   * runtime's own code, paged in as the run uses it). `undefined` where it
   * cannot be read without asking for a permission (it comes from
   * `/proc/self/status`, readable with `--allow-read`) or outside Linux;
   * then it counts as unexplained.
   */
  pagedInBytes: number | undefined;
  /** V8's heap, committed: all its spaces together. */
  heapBytes: number;
  /**
   * V8's young generation, where new objects are made: the new space and
   * the new large-object space. `undefined` without the split by space.
   */
  youngBytes?: number | undefined;
  /**
   * V8's old generation: objects that outlived the young generation (the old
   * space, and the read-only and shared spaces where V8 has them).
   * `undefined` without the split by space.
   */
  oldBytes?: number | undefined;
  /**
   * Compiled code and bytecode: the code spaces and the trusted spaces,
   * which hold bytecode and other objects V8 keeps out of reach of
   * sandboxed memory. `undefined` without the split by space.
   */
  codeBytes?: number | undefined;
  /**
   * Objects too large for a page of the old generation (large-object
   * space). `undefined` without the split by space.
   */
  largeObjectBytes?: number | undefined;
  /** Of the heap's committed bytes, those in use (live objects and garbage not yet collected). */
  heapUsedBytes: number;
  /** Array buffers and other memory outside the heap that V8 accounts for. */
  externalBytes: number;
  /**
   * The heaps of the run's workers (`parallel`, `parallelGroupBy`), as they
   * last reported them; each worker's runtime beyond its heap is not
   * counted here.
   */
  workerHeapBytes: number;
  /**
   * What the stages reported holding at that moment (their latest figure,
   * an estimate): already counted in the heap and external memory.
   */
  stagesHeldBytes: number;
  /**
   * The rest: what no part accounts for, such as memory the runtime's native
   * code allocates (I/O buffers, threads), heap pages V8 has freed but not
   * yet returned to the system, and the workers' runtimes. Negative when the
   * parts add up to more than the RSS: they are read a moment apart, and V8
   * counts an array buffer whole in the external memory while the kernel
   * counts only its pages written to (a sort allocates its arena to its
   * limit at once and fills what its lines need).
   */
  unexplainedBytes: number;
}

/**
 * One point of {@linkcode Summary.memorySeries}: the highest figures among
 * the samples it stands for.
 */
export interface MemoryPoint {
  /** The time of the last sample it stands for, in milliseconds since the run started. */
  atMs: number;
  /** Resident set size. */
  rssBytes: number;
  /** V8 heap in use. */
  heapUsedBytes: number;
  /**
   * V8's young generation, committed; `undefined` when none of the samples
   * it stands for had the heap split by space (see
   * {@linkcode MemoryBreakdown}).
   */
  youngBytes?: number | undefined;
  /** What the stages reported holding. */
  heldBytes: number;
}

/** The state of a run. */
export type RunStatus = "running" | "ok" | "failed" | "aborted";
