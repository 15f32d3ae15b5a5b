// Copyright 2026 the sluice authors. MIT license.
// Web Workers for parallel() and parallelGroupBy(): numbered tasks, at most
// PER_WORKER out per worker, answers taken back in number order; and the
// scheduling of a file's byte ranges over them.

import type { RangeSource } from "../core/_registry.ts";
import { type RunContext, stageFailure } from "../core/_context.ts";
import type { StageStats } from "../summary/_record.ts";
import { changed } from "../io/_read_range.ts";
import type { FinalReply, PartReply, RemoteError } from "./_serve_tasks.ts";

import { PER_WORKER } from "./_settings.ts";

type Reply<R, P> =
  | { type: "failed"; error: RemoteError }
  | FinalReply<R>
  | PartReply<P>;

/** The error a worker reported, as an Error in this thread. */
export function remoteError(error: RemoteError, worker: number): Error {
  const e = new Error(`worker ${worker}: ${error.message}`);
  e.name = error.name;
  if (error.stack !== undefined) e.stack = error.stack;
  return e;
}

/** A task's final reply and the worker that sent it. */
export interface Done<R> {
  worker: number;
  reply: FinalReply<R>;
}

/**
 * Workers that take numbered tasks, at most PER_WORKER each, and give the
 * answers back by number. `R` is what a result carries, `P` a part.
 *
 * The first worker starts with the pool, so that it loads its modules while
 * this thread goes on; the others start as tasks come that no started
 * worker is free for. Starting a worker holds this thread until the
 * worker's isolate is made (about 50 ms here; `--prof` put 106 of the main
 * thread's 192 ticks of a parallel() T1 over 64 MiB in it, for 2 workers),
 * so the first worker has its task before the second starts, and an input
 * of one task starts one worker: parallel() T1 with 2 workers over 1 MiB
 * took 0.25 s and peaked at 75.1 MiB with both started at once, 0.22 s and
 * 67.4 MiB so (medians of 6 in turns, V8's defaults); over 256 MiB, the
 * same (0.61 s, 93.5-93.8 MiB).
 */
export class Pool<R, P = never> {
  readonly #workers: { worker: Worker; number: number; busy: number }[] = [];
  readonly #done = new Map<number, Done<R>>();
  readonly #parts = new Map<number, P[]>();
  #failure: Error | undefined;
  #wake: (() => void) | undefined;
  readonly #stats: StageStats;
  readonly #count: number;
  readonly #script: URL;
  readonly #init: Record<string, unknown>;

  /**
   * @param count How many workers, at most.
   * @param script The worker's module.
   * @param init The first message to each worker.
   * @param stats Where to keep each worker's peak heap.
   */
  constructor(
    count: number,
    script: URL,
    init: Record<string, unknown>,
    stats: StageStats,
  ) {
    this.#stats = stats;
    this.#count = count;
    this.#script = script;
    this.#init = init;
    this.#start();
  }

  /** Starts one more worker. */
  #start(): { worker: Worker; number: number; busy: number } {
    const stats = this.#stats;
    const state = {
      worker: new Worker(this.#script, { type: "module" }),
      number: this.#workers.length + 1,
      busy: 0,
    };
    state.worker.onmessage = (event: MessageEvent<Reply<R, P>>) => {
      const reply = event.data;
      if (reply.type === "failed") {
        this.#failure ??= remoteError(reply.error, state.number);
      } else {
        if (reply.type === "part") {
          const parts = this.#parts.get(reply.seq);
          if (parts === undefined) this.#parts.set(reply.seq, [reply.part]);
          else parts.push(reply.part);
        } else {
          state.busy--;
          this.#done.set(reply.seq, { worker: state.number, reply });
        }
        if (reply.type !== "error") {
          const key = `worker${state.number}HeapPeak`;
          if (reply.heapUsed > (stats.counters[key] ?? 0)) {
            stats.counters[key] = reply.heapUsed;
          }
          // What its heap commits now, for the breakdown at the peak.
          stats.workerHeap(state.number, reply.heapTotal);
        }
      }
      this.#signal();
    };
    state.worker.onerror = (event) => {
      event.preventDefault();
      this.#failure ??= new Error(`worker ${state.number}: ${event.message}`);
      this.#signal();
    };
    state.worker.postMessage(this.#init);
    this.#workers.push(state);
    return state;
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

  /** Whether a worker, started or not yet, has room for another task. */
  get hasRoom(): boolean {
    return this.#workers.length < this.#count ||
      this.#workers.some((w) => w.busy < PER_WORKER);
  }

  /**
   * Sends a task to the least busy worker: one started now when every
   * started worker has a task and there may be more.
   */
  send(message: Record<string, unknown>): void {
    let w = this.#workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    if (w.busy > 0 && this.#workers.length < this.#count) w = this.#start();
    w.busy++;
    w.worker.postMessage(message);
  }

  /**
   * Sends a task to every worker started, whatever it has in hand:
   * `message(k)` for the k-th, from 0. Each answers after the tasks it was
   * sent before.
   */
  sendToEach(message: (k: number) => Record<string, unknown>): void {
    for (const [k, w] of this.#workers.entries()) {
      w.busy++;
      w.worker.postMessage(message(k));
    }
  }

  /** Takes the final answer to task `seq`, if it has come. */
  take(seq: number): Done<R> | undefined {
    const done = this.#done.get(seq);
    if (done !== undefined) this.#done.delete(seq);
    return done;
  }

  /** Takes the parts of task `seq` that have come so far, in order. */
  takeParts(seq: number): P[] | undefined {
    const parts = this.#parts.get(seq);
    if (parts !== undefined) this.#parts.delete(seq);
    return parts;
  }

  /**
   * Waits for the next answer from any worker, or rejects with the abort's
   * reason as soon as `signal` fires: a worker busy with one long item (a
   * regular expression backtracking for minutes, say) must not hold up a
   * Ctrl-C. The caller then closes the pool, which ends the workers.
   */
  wait(signal?: AbortSignal): Promise<void> {
    if (signal === undefined) {
      return new Promise((resolve) => this.#wake = resolve);
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      this.#wake = () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
    });
  }

  /** How many workers have started. */
  get size(): number {
    return this.#workers.length;
  }

  /** How many workers there may be, started or not. */
  get capacity(): number {
    return this.#count;
  }

  close(): void {
    for (const w of this.#workers) {
      w.worker.terminate();
      this.#stats.workerHeap(w.number, 0);
    }
  }
}

/** An answer about one range, in file order, with the lines before it. */
export type RangeAnswer<R, P> =
  | { part: P; linesBefore: number }
  | { result: R; linesBefore: number };

/**
 * Sends the byte ranges of `source`'s file (of `rangeSize` bytes, or the
 * size it gives for the file's size) to the pool's workers and yields
 * their answers in file order: each range's parts, then its result. A
 * worker's error is thrown as the stage's (or, for a reading error, the
 * reader's) failure at the line of the file.
 */
export async function* rangeAnswers<R extends { count: number }, P>(
  source: RangeSource,
  sourceStats: StageStats,
  stats: StageStats,
  ctx: RunContext,
  pool: Pool<R, P>,
  rangeSize: number | ((fileBytes: number) => number),
): AsyncGenerator<RangeAnswer<R, P>> {
  const info = await Deno.stat(source.path);
  const size = info.size;
  // The file the ranges are cut from: each range's reader checks it reads
  // that file (not one rotated into its place) and that it is as long.
  const file = { dev: info.dev, ino: info.ino ?? 0, size };
  const ranged: RangeSource = { ...source, file };
  const rangeBytes = typeof rangeSize === "number"
    ? rangeSize
    : rangeSize(size);
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
    const parts = pool.takeParts(nextOut);
    if (parts !== undefined) {
      for (const part of parts) yield { part, linesBefore };
      continue;
    }
    const done = pool.take(nextOut);
    if (done !== undefined) {
      // Parts that came just before the final reply go first.
      for (const part of pool.takeParts(nextOut) ?? []) {
        yield { part, linesBefore };
      }
      nextOut++;
      ctx.summary.bytesRead = Math.min(size, nextOut * rangeBytes);
      const reply = done.reply;
      if (reply.type === "error") {
        const local = reply.line;
        // A reading error belongs to the reader's row, the function's here.
        const row = reply.index === -1 ? sourceStats : stats;
        throw stageFailure(remoteError(reply.error, done.worker), row, ctx, {
          line: local === undefined ? undefined : linesBefore + local,
          path: source.path,
        });
      }
      yield { result: reply, linesBefore };
      const count = reply.count;
      linesBefore += count;
      sourceStats.itemsOut += count;
      stats.itemsIn += count;
      continue;
    }
    if (
      pool.hasRoom && sent < ranges &&
      sent - nextOut < pool.capacity * PER_WORKER
    ) {
      pool.send({
        type: "range",
        seq: sent,
        source: ranged,
        start: sent * rangeBytes,
        end: Math.min(size, (sent + 1) * rangeBytes),
      });
      sent++;
      continue;
    }
    await pool.wait(ctx.signal);
  }
  // Cut shorter or replaced after its last range was read: what was read
  // is not the whole of what the run started on.
  const now = await Deno.stat(source.path).catch(() => undefined);
  const problem = changed(source.path, file, now);
  if (problem !== undefined) {
    throw stageFailure(problem, sourceStats, ctx, {
      line: undefined,
      path: source.path,
    });
  }
}
