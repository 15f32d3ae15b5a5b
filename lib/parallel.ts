// Copyright 2026 the sluice authors. MIT license.

import {
  type Chunk,
  defineStage,
  lineOf,
  type RangeSource,
  type RunContext,
  stageFailure,
} from "./_stage.ts";
import { estimateBytes, type StageStats } from "./summary.ts";
import type { Stage, StageOptions } from "./types.ts";
import { packItems, unpackItems } from "./_pack.ts";

/** Options for {@linkcode parallel}. */
export interface ParallelOptions extends StageOptions {
  /**
   * The module's export to call on each item.
   *
   * @default {"default"}
   */
  export?: string;
  /**
   * How many workers to start.
   *
   * @default {navigator.hardwareConcurrency}
   */
  workers?: number;
  /**
   * Items per message to a worker: larger batches cost less per item.
   *
   * @default {1024}
   */
  batchSize?: number;
  /**
   * Right after `readLines` of one plain file, the size of the byte ranges
   * that workers read themselves.
   *
   * @default {4194304}
   */
  rangeBytes?: number;
}

// Tasks a worker may hold at once: one being worked on, one waiting.
const PER_WORKER = 2;

type Reply =
  | { type: "failed"; error: RemoteError }
  | {
    type: "result";
    seq: number;
    items?: unknown[];
    text?: string;
    lengths?: Uint32Array;
    lines?: number[];
    count: number;
    heapUsed: number;
  }
  | {
    type: "error";
    seq: number;
    index: number;
    line?: number;
    error: RemoteError;
  };

interface RemoteError {
  name: string;
  message: string;
  stack?: string;
}

/** The error a worker reported, as an Error in this thread. */
function remoteError(error: RemoteError, worker: number): Error {
  const e = new Error(`worker ${worker}: ${error.message}`);
  e.name = error.name;
  if (error.stack !== undefined) e.stack = error.stack;
  return e;
}

interface Done {
  worker: number;
  reply: Reply & { type: "result" | "error" };
}

/**
 * Workers that take numbered tasks, at most PER_WORKER each, and give the
 * answers back by number.
 */
class Pool {
  readonly #workers: { worker: Worker; number: number; busy: number }[] = [];
  readonly #done = new Map<number, Done>();
  #failure: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(
    count: number,
    module: string,
    exportName: string,
    stats: StageStats,
  ) {
    const url = new URL("./_parallel_worker.ts", import.meta.url);
    for (let k = 0; k < count; k++) {
      const state = {
        worker: new Worker(url, { type: "module" }),
        number: k + 1,
        busy: 0,
      };
      state.worker.onmessage = (event: MessageEvent<Reply>) => {
        const reply = event.data;
        if (reply.type === "failed") {
          this.#failure ??= remoteError(reply.error, state.number);
        } else {
          state.busy--;
          this.#done.set(reply.seq, { worker: state.number, reply });
          if (reply.type === "result") {
            const key = `worker${state.number}HeapPeak`;
            if (reply.heapUsed > (stats.counters[key] ?? 0)) {
              stats.counters[key] = reply.heapUsed;
            }
          }
        }
        this.#signal();
      };
      state.worker.onerror = (event) => {
        event.preventDefault();
        this.#failure ??= new Error(`worker ${state.number}: ${event.message}`);
        this.#signal();
      };
      state.worker.postMessage({ type: "init", module, exportName });
      this.#workers.push(state);
    }
  }

  #signal(): void {
    const w = this.#wake;
    this.#wake = undefined;
    w?.();
  }

  /** A failure of a worker itself (its module would not load, it crashed). */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Whether a worker has room for another task. */
  get hasRoom(): boolean {
    return this.#workers.some((w) => w.busy < PER_WORKER);
  }

  /** Sends task `seq` to the least busy worker. */
  send(message: Record<string, unknown>): void {
    const w = this.#workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    w.busy++;
    w.worker.postMessage(message);
  }

  /** Takes the answer to task `seq`, if it has come. */
  take(seq: number): Done | undefined {
    const done = this.#done.get(seq);
    if (done !== undefined) this.#done.delete(seq);
    return done;
  }

  /** Waits for the next answer from any worker. */
  wait(): Promise<void> {
    return new Promise((resolve) => this.#wake = resolve);
  }

  get size(): number {
    return this.#workers.length;
  }

  close(): void {
    for (const w of this.#workers) w.worker.terminate();
  }
}

/** Items from the main thread, in batches, to the workers and back. */
async function* runBatches<I, O>(
  input: AsyncIterable<Chunk<I>>,
  stats: StageStats,
  ctx: RunContext,
  pool: Pool,
  batchSize: number,
): AsyncGenerator<Chunk<O>> {
  const it = input[Symbol.asyncIterator]();
  const meta = new Map<
    number,
    { firstLine: number; lines?: number[]; path?: string }
  >();
  let chunk: Chunk<I> | undefined;
  let at = 0;
  let sourceDone = false;
  let sent = 0;
  let nextOut = 0;
  try {
    while (true) {
      if (pool.failure !== undefined) {
        throw stageFailure(pool.failure, stats, ctx, {
          line: undefined,
          path: undefined,
        });
      }
      const done = pool.take(nextOut);
      if (done !== undefined) {
        const m = meta.get(nextOut)!;
        meta.delete(nextOut);
        nextOut++;
        if (done.reply.type === "error") {
          throw stageFailure(
            remoteError(done.reply.error, done.worker),
            stats,
            ctx,
            {
              line: m.lines?.[done.reply.index] ??
                m.firstLine + done.reply.index,
              path: m.path,
            },
          );
        }
        const items = unpackItems(done.reply) as O[];
        // Some items were dropped: number the results that are left.
        const positions = done.reply.lines;
        const lines = positions === undefined
          ? m.lines
          : positions.map((p) => m.lines?.[p - 1] ?? m.firstLine + p - 1);
        if (items.length > 0) {
          yield {
            items,
            firstLine: lines?.[0] ?? m.firstLine,
            lines,
            path: m.path,
          };
        }
        continue;
      }
      // Send work while a worker has room and the tasks out stay bounded,
      // however slow the worker with the next one in order.
      if (
        pool.hasRoom && sent - nextOut < pool.size * PER_WORKER && !sourceDone
      ) {
        if (chunk === undefined || at >= chunk.items.length) {
          const r = await it.next();
          if (r.done === true) sourceDone = true;
          else {
            chunk = r.value;
            at = 0;
            stats.hold(chunk.items.length, estimateBytes(chunk.items));
          }
          continue;
        }
        const end = Math.min(chunk.items.length, at + batchSize);
        meta.set(sent, {
          firstLine: lineOf(chunk, at),
          ...(chunk.lines ? { lines: chunk.lines.slice(at, end) } : {}),
          ...(chunk.path ? { path: chunk.path } : {}),
        });
        pool.send({
          ...packItems(chunk.items.slice(at, end)),
          type: "batch",
          seq: sent,
        });
        at = end;
        sent++;
        continue;
      }
      if (sourceDone && nextOut === sent) return;
      await pool.wait();
    }
  } finally {
    await it.return?.(undefined);
  }
}

/** One plain file, read by the workers themselves in byte ranges. */
async function* runRanges<O>(
  source: RangeSource,
  sourceStats: StageStats,
  stats: StageStats,
  ctx: RunContext,
  pool: Pool,
  rangeBytes: number,
): AsyncGenerator<Chunk<O>> {
  const size = (await Deno.stat(source.path)).size;
  const ranges = Math.max(1, Math.ceil(size / rangeBytes));
  let sent = 0;
  let nextOut = 0;
  let linesBefore = 0;
  while (nextOut < ranges) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    if (pool.failure !== undefined) {
      throw stageFailure(pool.failure, stats, ctx, {
        line: undefined,
        path: source.path,
      });
    }
    const done = pool.take(nextOut);
    if (done !== undefined) {
      nextOut++;
      ctx.summary.bytesRead = Math.min(size, nextOut * rangeBytes);
      if (done.reply.type === "error") {
        const local = done.reply.line;
        // A reading error belongs to the reader's row, the function's here.
        const row = done.reply.index === -1 ? sourceStats : stats;
        throw stageFailure(
          remoteError(done.reply.error, done.worker),
          row,
          ctx,
          {
            line: local === undefined ? undefined : linesBefore + local,
            path: source.path,
          },
        );
      }
      const reply = done.reply;
      const items = unpackItems(reply) as O[];
      const first = linesBefore + 1;
      const lines = reply.lines?.map((n) => linesBefore + n);
      linesBefore += reply.count;
      sourceStats.itemsOut += reply.count;
      stats.itemsIn += reply.count;
      stats.hold(items.length, estimateBytes(items));
      if (items.length > 0) {
        yield {
          items,
          firstLine: lines?.[0] ?? first,
          lines,
          path: source.path,
        };
      }
      continue;
    }
    if (
      pool.hasRoom && sent < ranges && sent - nextOut < pool.size * PER_WORKER
    ) {
      pool.send({
        type: "range",
        seq: sent,
        source,
        start: sent * rangeBytes,
        end: Math.min(size, (sent + 1) * rangeBytes),
      });
      sent++;
      continue;
    }
    await pool.wait();
  }
}

/**
 * Runs a function from your own module on every item, in Web Workers, so
 * that CPU-heavy work (JSON parsing, regular expressions) uses several
 * cores. Results come back in input order. The function gets the item; it
 * may be async, and it may return `undefined` to drop the item (a filter and
 * a map in one pass, so that dropped items never cross back). Items and results cross to the workers by structured clone
 * (strings in one joined copy per batch), so they must be cloneable.
 *
 * Right after `readLines` of one plain file, the workers read the file
 * themselves, each a byte range of `rangeBytes` cut at line boundaries, so
 * that the main thread neither splits nor copies the lines: it only puts the
 * results in order. Line numbers stay exact.
 *
 * Workers inherit the program's permissions; they start with the run and
 * end when it ends, fails or is stopped early. An error in a worker stops
 * the run with a {@linkcode StageError} naming the worker, the stage, the
 * input path and the line.
 *
 * Memory: at most 2 tasks per worker out at once (a batch of `batchSize`
 * items, or a range of `rangeBytes`), counting the ones done and waiting to
 * be handed on in order. The summary shows each worker's peak heap.
 *
 * @typeParam I The items taken.
 * @typeParam O The items yielded.
 * @param module The module to load in each worker: a URL (e.g.
 * `new URL("./parse.ts", import.meta.url)`) or a path.
 * @param options `export`, `workers`, `batchSize`, `rangeBytes` and the
 * stage's name.
 * @returns The stage.
 * @throws {RangeError} When a number option is out of range.
 *
 * @example Parsing JSON lines on every core
 * ```ts ignore
 * import { parallel, pipeline, readLines, writeLines } from "jsr:@sluice/sluice";
 *
 * // parse.ts: export default (line: string) => JSON.parse(line).user;
 * await pipeline(
 *   readLines("events.jsonl"),
 *   parallel<string, string>(new URL("./parse.ts", import.meta.url)),
 *   writeLines("users.txt"),
 * );
 * ```
 */
export function parallel<I, O>(
  module: string | URL,
  options: ParallelOptions = {},
): Stage<I, O> {
  const workers = options.workers ?? navigator.hardwareConcurrency;
  const batchSize = options.batchSize ?? 1024;
  const rangeBytes = options.rangeBytes ?? 4 * 1024 * 1024;
  for (
    const [name, value] of [
      ["workers", workers],
      ["batchSize", batchSize],
      ["rangeBytes", rangeBytes],
    ] as const
  ) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(
        `Cannot create parallel stage: ${name} must be a positive integer, got ${value}`,
      );
    }
  }
  const url = module instanceof URL
    ? module.href
    : /^[a-z][a-z0-9+.-]*:/i.test(module)
    ? module
    : new URL(module, `file://${Deno.cwd()}/`).href;
  const exportName = options.export ?? "default";
  return defineStage<I, O>({
    kind: "parallel",
    name: options.name,
    bound: `${workers} workers × ${PER_WORKER} tasks + 1 batch`,
    async *run(input, stats, ctx) {
      const pool = new Pool(workers, url, exportName, stats);
      try {
        yield* runBatches<I, O>(input, stats, ctx, pool, batchSize);
      } finally {
        pool.close();
      }
    },
    async *readsRanges(source, sourceStats, stats, ctx) {
      const pool = new Pool(workers, url, exportName, stats);
      try {
        yield* runRanges<O>(source, sourceStats, stats, ctx, pool, rangeBytes);
      } finally {
        pool.close();
      }
    },
  });
}
