// Copyright 2026 the sluice authors. MIT license.
// The writing side of a run's summary: stages and the run update these
// records while it runs; users read them through the public Summary, which
// has no way to change them.

import type {
  MemoryPoint,
  RunStatus,
  StageReport,
  StageRow,
} from "./report.ts";
import { MemorySeries } from "./_series.ts";

/** How many error messages a stage keeps for the summary. */
const FIRST_ERRORS = 5;
/** Error messages can quote a whole line: keep them readable in a table. */
const MAX_MESSAGE = 300;

/**
 * The figures of one stage, which the stage updates while it runs; users
 * read them as a {@linkcode StageRow}.
 */
export class StageStats implements StageRow {
  /** The stage's name. */
  readonly name: string;
  /** The factory that made it. */
  readonly kind: string;
  bound: string;
  boundBytes: number | undefined;
  itemsIn = 0;
  itemsOut = 0;
  peakItems = 0;
  peakBytes = 0;
  /**
   * The bytes of the stage's latest report that measured bytes: what it
   * holds now, as far as the summary knows (a report of items alone leaves
   * it as it was).
   */
  heldBytes = 0;
  /** Each worker's heap as it last reported it, by worker number. */
  readonly workerHeaps: Map<number, number> = new Map();
  busyMs = 0;
  readonly counters: Record<string, number> = {};
  errors = 0;
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
    if (bytes > 0 || items === 0) this.heldBytes = bytes;
  }

  /**
   * Records the heap of one of the stage's workers; 0 once it has ended.
   *
   * @param worker The worker's number.
   * @param heapBytes Its heap, committed.
   */
  workerHeap(worker: number, heapBytes: number): void {
    if (heapBytes > 0) this.workerHeaps.set(worker, heapBytes);
    else this.workerHeaps.delete(worker);
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
   * @param message What failed and where, e.g. `line 3 of "app.log": ...`.
   */
  noteError(message: string): void {
    this.errors++;
    if (this.firstErrors.length < FIRST_ERRORS) {
      this.firstErrors.push(
        message.length > MAX_MESSAGE
          ? `${message.slice(0, MAX_MESSAGE - 1)}\u2026`
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

/** What the source read of one input, as it counts it. */
export interface InputCount {
  readonly path: string | undefined;
  lines: number;
  bytesRead: number;
}

/**
 * One reading of the process's memory, as the sampler takes it: the V8
 * heap's committed bytes, and where the heap is split by space, those bytes
 * grouped by generation (see the summary's MemoryBreakdown for which space
 * goes where); the four groups are all there or none is.
 */
export interface MemoryReading {
  /** Milliseconds since the run started; by default, now. */
  atMs?: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** The heap, committed (the sum of the four groups when they are there). */
  heapBytes: number;
  youngBytes?: number | undefined;
  oldBytes?: number | undefined;
  codeBytes?: number | undefined;
  largeObjectBytes?: number | undefined;
  externalBytes: number;
}

/** A reading with what the run knew at that moment. */
export interface MemoryMoment extends MemoryReading {
  atMs: number;
  /** File-backed RSS, where it can be read. */
  fileBackedBytes: number | undefined;
  /** What the stages held (their latest figures). */
  heldBytes: number;
  /** The workers' heaps (their latest figures). */
  workerHeapBytes: number;
}

/** What a Summary shows, as the run records it. */
export class RunRecord {
  readonly stages: StageStats[] = [];
  readonly inputs: InputCount[] = [];
  status: RunStatus = "running";
  /** The highest RSS sampled, or the kernel's peak when it is known higher. */
  peakRssBytes = 0;
  peakHeapBytes = 0;
  memorySamples = 0;
  startMs: number | undefined;
  endMs: number | undefined;
  /** The first reading: the runtime before the run. */
  baseline: MemoryMoment | undefined;
  /** The reading where RSS peaked. */
  peak: MemoryMoment | undefined;
  readonly series: MemorySeries;
  /** Whether the sampler reads V8's heap by space (it loads node:v8). */
  heapSpaces: boolean;

  /**
   * @param seriesPoints The most points of the memory series.
   * @param heapSpaces Whether the sampler reads V8's heap by space.
   */
  constructor(seriesPoints?: number, heapSpaces = false) {
    this.series = new MemorySeries(seriesPoints);
    this.heapSpaces = heapSpaces;
  }

  /** Adds a stage row, for the stage to update. */
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

  /** Adds an input's entry, for the source to update as it reads. */
  addInput(path: string | undefined): InputCount {
    const input: InputCount = { path, lines: 0, bytesRead: 0 };
    this.inputs.push(input);
    return input;
  }

  /** Marks the start of the run (wall time counts from here). */
  start(): void {
    this.startMs ??= performance.now();
    this.status = "running";
  }

  /** Marks the end of the run, and how it ended. */
  finish(status: Exclude<RunStatus, "running">): void {
    this.endMs = performance.now();
    this.status = status;
  }

  /**
   * Records one memory reading. `fileBacked` is asked only for the first
   * reading and for a new peak, where the breakdown needs it.
   */
  observeMemory(
    reading: MemoryReading,
    fileBacked?: () => number | undefined,
  ): void {
    this.memorySamples++;
    let held = 0;
    let workers = 0;
    for (const s of this.stages) {
      held += s.heldBytes;
      for (const heap of s.workerHeaps.values()) workers += heap;
    }
    const atMs = reading.atMs ??
      (this.startMs === undefined ? 0 : performance.now() - this.startMs);
    // With the heap asked for by space, the first reading with the split
    // takes the place of a peak read before node:v8 had loaded (it loads
    // while the run starts): the breakdown then always has the split, at
    // the highest sample that has it.
    const newPeak = this.peak === undefined ||
      reading.rssBytes > this.peak.rssBytes ||
      (this.heapSpaces && this.peak.youngBytes === undefined &&
        reading.youngBytes !== undefined);
    if (newPeak || this.baseline === undefined) {
      const moment: MemoryMoment = {
        ...reading,
        atMs,
        fileBackedBytes: fileBacked?.(),
        heldBytes: held,
        workerHeapBytes: workers,
      };
      this.baseline ??= moment;
      if (newPeak) this.peak = moment;
    }
    if (reading.rssBytes > this.peakRssBytes) {
      this.peakRssBytes = reading.rssBytes;
    }
    if (reading.heapUsedBytes > this.peakHeapBytes) {
      this.peakHeapBytes = reading.heapUsedBytes;
    }
    const point: MemoryPoint = {
      atMs: Math.round(atMs * 10) / 10,
      rssBytes: reading.rssBytes,
      heapUsedBytes: reading.heapUsedBytes,
      ...(reading.youngBytes === undefined
        ? {}
        : { youngBytes: reading.youngBytes }),
      heldBytes: held,
    };
    this.series.add(point);
  }

  /**
   * Records the kernel's peak RSS of the process, when it rose during the
   * run: the true peak, which can fall between two samples.
   */
  observeHighWater(rssBytes: number): void {
    if (rssBytes > this.peakRssBytes) this.peakRssBytes = rssBytes;
  }
}

const records = new WeakMap<object, RunRecord>();

/** Gives `owner` (a Summary) a new record; called by its constructor. */
export function attachRecord(
  owner: object,
  seriesPoints?: number,
  heapSpaces?: boolean,
): RunRecord {
  const record = new RunRecord(seriesPoints, heapSpaces);
  records.set(owner, record);
  return record;
}

/** The record behind a Summary, for the run to write. */
export function recordOf(summary: object): RunRecord {
  const record = records.get(summary);
  if (record === undefined) {
    throw new TypeError(
      "Cannot record into a summary not made by new Summary()",
    );
  }
  return record;
}
