// Copyright 2026 the sluice authors. MIT license.
// The calling side of grep({ worker: true }): one worker per run, at most
// two chunks at it (one in a checkpointed run), ended with the run. An abort
// ends the worker even in the middle of a match (terminate() needs no answer
// from it), so the run stops at once however long the expression backtracks.
// For an expression whose work grows with the square of a line's length, the
// short lines are matched here and only the long ones sent (see `short`).

import type { Chunk } from "../core/_chunk.ts";
import type { RunContext } from "../core/_context.ts";
import { packItems } from "../core/_pack.ts";
import type { StageStats } from "../summary/_record.ts";
import type { MatchReply, MatchTask } from "./_grep_worker.ts";
import { SHORT_LINE } from "./_backtracking.ts";
import { type LinesMatched, matchLines } from "./_match_lines.ts";

const WORKER = new URL("./_grep_worker.ts", import.meta.url);

/** Names the worker's module for `deno install` (see parallel/README.md). */
export const workerImport = (): Promise<unknown> => import("./_grep_worker.ts");

/** The most lines that wait for others to go to the worker in one message. */
const BATCH_LINES = 4096;

/**
 * Whether the worker can start: a module is read from a file only with read
 * access to it (the worker's and the one it imports, in lib/). Without, or
 * outside Deno, grep matches in the calling thread.
 */
export function canStartWorker(): boolean {
  if (WORKER.protocol !== "file:") return true;
  try {
    return Deno.permissions.querySync({
      name: "read",
      path: new URL("../", WORKER),
    }).state === "granted";
  } catch {
    return false;
  }
}

/** What a worker kept of a chunk's lines. */
export type Kept = Extract<MatchReply, { type: "kept" }>;

/** Where matching failed in the worker: the line's index and the error. */
export class MatchFailure {
  /**
   * @param index The line's index.
   * @param error What was thrown.
   * @param kept The lines kept before it (indices), as the worker said.
   * @param matches Their matches, when asked.
   */
  constructor(
    readonly index: number,
    readonly error: Error,
    readonly kept: number[] = [],
    readonly matches?: string[][],
  ) {}
}

/**
 * A worker that matches one run's chunks, in the order sent (the caller
 * bounds how many are out). It starts with the first chunk and ends when
 * the run ends (or `close` is called), when the run's signal fires, or when
 * the run halts (a failure elsewhere, a consumer that stopped): then the
 * matches under way reject, with the abort's reason for an abort.
 */
export class RegexWorker {
  readonly #task: Omit<MatchTask, "lines" | "limit">;
  readonly #ctx: RunContext;
  readonly #stats: StageStats;
  #worker: Worker | undefined;
  // The answers awaited, in the order the chunks were sent.
  #pending: {
    resolve: (kept: Kept) => void;
    reject: (error: unknown) => void;
  }[] = [];
  #stopped: { reason: unknown } | undefined;
  #unwatch: (() => void) | undefined;
  // Chunks' lines waiting to go in one message (see #send).
  #batch: {
    lines: string[];
    resolve: (kept: Kept) => void;
    reject: (error: unknown) => void;
  }[] = [];
  #batchLines = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #window: () => number;
  // With `short`, the expression and its global twin for this thread.
  readonly #here: { test: RegExp; global: RegExp } | undefined;

  /**
   * @param re The expression.
   * @param options Keep the lines that do not match; send the matches;
   * match the lines of up to {@linkcode SHORT_LINE} code units in this
   * thread (`short`, for an expression whose work grows with the square of
   * a line's length: see _backtracking.ts), the longer ones in the worker,
   * which starts with the first of them.
   * @param ctx The run.
   * @param stats The stage's row.
   * @param window How many chunks the caller has out at once at most, now:
   * a quarter of them go in one message.
   */
  constructor(
    re: RegExp,
    options: { invert: boolean; onlyMatching: boolean; short?: boolean },
    ctx: RunContext,
    stats: StageStats,
    window: () => number = () => 1,
  ) {
    this.#window = window;
    this.#here = options.short === true
      ? { test: re, global: new RegExp(re.source, re.flags + "g") }
      : undefined;
    this.#task = {
      source: re.source,
      flags: re.flags,
      invert: options.invert,
      onlyMatching: options.onlyMatching,
    };
    this.#ctx = ctx;
    this.#stats = stats;
    ctx.open({ stage: stats.name, close: () => Promise.resolve(this.close()) });
  }

  /**
   * The indices of the `lines` kept (at most `limit`), and their matches
   * when asked; rejects with a {@linkcode MatchFailure} when the expression
   * throws on a line.
   */
  match(lines: string[], limit: number): Promise<Kept> {
    if (this.#here === undefined) return this.#send(lines, limit);
    let long = false;
    for (let i = 0; i < lines.length && !long; i++) {
      long = lines[i]!.length > SHORT_LINE;
    }
    if (!long) {
      const result = this.#matchHere(lines, limit);
      return result.type === "kept"
        ? Promise.resolve({ ...result, heapTotal: 0 })
        : Promise.reject(
          new MatchFailure(
            result.index,
            result.error,
            result.kept,
            result.matches,
          ),
        );
    }
    return this.#matchMixed(lines, limit);
  }

  /** `lines` matched in this thread. */
  #matchHere(lines: readonly string[], limit: number): LinesMatched {
    const { test, global } = this.#here!;
    return matchLines(test, global, lines, { ...this.#task, limit });
  }

  /**
   * `lines` in runs of short lines, matched here, and of long ones, sent to
   * the worker, one run after another: the kept lines in order, the limit
   * and a failure's index as one match of all of them would give.
   */
  async #matchMixed(lines: string[], limit: number): Promise<Kept> {
    const kept: number[] = [];
    const matches: string[][] | undefined =
      this.#task.onlyMatching && !this.#task.invert ? [] : undefined;
    const add = (
      part: { kept: number[]; matches?: string[][] | undefined },
      from: number,
    ) => {
      for (const i of part.kept) kept.push(from + i);
      if (matches !== undefined) matches.push(...part.matches ?? []);
    };
    for (let from = 0; from < lines.length && kept.length < limit;) {
      const isLong = lines[from]!.length > SHORT_LINE;
      let to = from + 1;
      while (
        to < lines.length && (lines[to]!.length > SHORT_LINE) === isLong
      ) to++;
      const run = lines.slice(from, to);
      const left = limit - kept.length;
      if (!isLong) {
        const result = this.#matchHere(run, left);
        add(result, from);
        if (result.type === "error") {
          throw new MatchFailure(
            from + result.index,
            result.error,
            kept,
            matches,
          );
        }
      } else {
        try {
          add(await this.#send(run, left), from);
        } catch (error) {
          if (!(error instanceof MatchFailure)) throw error;
          add(error, from);
          throw new MatchFailure(
            from + error.index,
            error.error,
            kept,
            matches,
          );
        }
      }
      from = to;
    }
    return { type: "kept", kept, matches, heapTotal: 0 };
  }

  /**
   * Matches `lines` in the worker; the answer numbers them from 0. Without a
   * limit, the lines of several chunks go in one message: a quarter of the
   * chunks the caller may have out (see `window`), or BATCH_LINES lines, or
   * what came by the next turn of the event loop (a followed file's last
   * lines must not wait). A message per chunk left both threads idle most
   * of the time, each waiting for the other (a round trip took 0.3-0.4 ms
   * here).
   */
  #send(lines: string[], limit: number): Promise<Kept> {
    if (limit !== Infinity || this.#stopped !== undefined) {
      return this.#post(lines, limit);
    }
    return new Promise<Kept>((resolve, reject) => {
      this.#batch.push({ lines, resolve, reject });
      this.#batchLines += lines.length;
      if (
        this.#batchLines >= BATCH_LINES ||
        4 * this.#batch.length >= this.#window()
      ) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), 0);
    });
  }

  /** Sends the waiting chunks' lines in one message, and shares the answer. */
  #flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#batch;
    this.#batch = [];
    this.#batchLines = 0;
    if (batch.length === 0) return;
    const all = batch.flatMap((b) => b.lines);
    this.#post(all, Infinity).then((reply) => {
      // Each chunk's share of the kept lines (ascending), renumbered.
      let k = 0;
      let from = 0;
      for (const b of batch) {
        const to = from + b.lines.length;
        const start = k;
        while (k < reply.kept.length && reply.kept[k]! < to) k++;
        b.resolve({
          type: "kept",
          kept: reply.kept.slice(start, k).map((i) => i - from),
          matches: reply.matches?.slice(start, k),
          heapTotal: reply.heapTotal,
        });
        from = to;
      }
    }, (error) => {
      // A line failed: the chunks before its chunk were matched (the worker
      // says which lines it kept up to it), its own fails at its index.
      let from = 0;
      for (const b of batch) {
        const to = from + b.lines.length;
        if (error instanceof MatchFailure && error.index >= to) {
          const kept = error.kept;
          let start = 0;
          while (start < kept.length && kept[start]! < from) start++;
          let end = start;
          while (end < kept.length && kept[end]! < to) end++;
          b.resolve({
            type: "kept",
            kept: kept.slice(start, end).map((i) => i - from),
            matches: error.matches?.slice(start, end),
            heapTotal: 0,
          });
        } else if (error instanceof MatchFailure && error.index >= from) {
          b.reject(new MatchFailure(error.index - from, error.error));
        } else {
          b.reject(error);
        }
        from = to;
      }
    });
  }

  /** Sends `lines` to the worker in one message. */
  #post(lines: string[], limit: number): Promise<Kept> {
    if (this.#stopped === undefined && this.#worker === undefined) {
      this.#start();
    }
    // Stopped before, or by a signal that had fired before the start.
    const worker = this.#worker;
    if (this.#stopped !== undefined || worker === undefined) {
      return Promise.reject(this.#stopped?.reason);
    }
    return new Promise<Kept>((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      // One string for the chunk: one copy, not one per line.
      const task: MatchTask = { ...this.#task, limit, lines: packItems(lines) };
      worker.postMessage(task);
    });
  }

  /** Ends the worker; the matches under way reject. */
  close(): void {
    this.#stop(new Error("Cannot match: the grep stage's run has ended"));
  }

  #start(): void {
    const worker = new Worker(WORKER, { type: "module" });
    worker.onmessage = (event: MessageEvent<MatchReply>) => {
      const reply = event.data;
      const pending = this.#pending.shift();
      if (reply.type === "kept") {
        // Its heap is part of the run's memory: the summary shows it.
        this.#stats.workerHeap(1, reply.heapTotal);
        pending?.resolve(reply);
      } else {
        const error = new Error(reply.message);
        error.name = reply.name;
        pending?.reject(
          new MatchFailure(reply.index, error, reply.kept, reply.matches),
        );
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#stop(new Error(`The grep stage's worker failed: ${event.message}`));
    };
    this.#worker = worker;
    // Watched from the first chunk on, not once per chunk.
    const signals = [this.#ctx.signal, this.#ctx.halt.signal];
    const watching = signals.map((signal) => {
      const onAbort = () => this.#stop(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      return () => signal?.removeEventListener("abort", onAbort);
    });
    this.#unwatch = () => watching.forEach((unwatch) => unwatch());
    const fired = signals.find((s) => s?.aborted);
    if (fired !== undefined) this.#stop(fired.reason);
  }

  #stop(reason: unknown): void {
    this.#stopped ??= { reason };
    if (this.#worker !== undefined) {
      this.#worker.terminate();
      this.#stats.workerHeap(1, 0);
    }
    this.#worker = undefined;
    this.#unwatch?.();
    this.#unwatch = undefined;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const pending = [...this.#pending, ...this.#batch];
    this.#pending = [];
    this.#batch = [];
    this.#batchLines = 0;
    for (const p of pending) p.reject(reason);
  }
}

/** What `overlapped` waited for: a chunk pulled from its input... */
interface Pulled<I> {
  pulled: IteratorResult<Chunk<I>>;
}

/** ...or the result of the oldest step under way. */
interface Finished<O> {
  out: Chunk<O> | undefined;
}

/**
 * `step` over the chunks of `input`, up to `inFlight` steps under way at
 * once (a number, or asked before each pull), results in order: the next
 * chunk is pulled while earlier ones are worked on, and a result is handed
 * on as soon as it and those before it are ready, without waiting for the
 * next chunk (a followed file may bring none for a long time).
 */
export async function* overlapped<I, O>(
  input: AsyncIterable<Chunk<I>>,
  step: (chunk: Chunk<I>) => Promise<Chunk<O> | undefined>,
  inFlight: number | (() => number),
): AsyncGenerator<Chunk<O>> {
  const most = typeof inFlight === "number" ? () => inFlight : inFlight;
  const it = input[Symbol.asyncIterator]();
  const started: Promise<Chunk<O> | undefined>[] = [];
  let pull: Promise<IteratorResult<Chunk<I>>> | undefined;
  let done = false;
  try {
    while (true) {
      if (!done && pull === undefined && started.length < most()) {
        pull = it.next();
      }
      const head = started[0];
      if (head === undefined && pull === undefined) return;
      const next: Pulled<I> | Finished<O> = head === undefined
        ? { pulled: await pull! }
        : pull === undefined
        ? { out: await head }
        : await Promise.race<Pulled<I> | Finished<O>>([
          pull.then((pulled) => ({ pulled })),
          head.then((out) => ({ out })),
        ]);
      if ("pulled" in next) {
        pull = undefined;
        if (next.pulled.done === true) done = true;
        else if (next.pulled.value.items.length > 0) {
          const result = step(next.pulled.value);
          // Awaited in order; until then its rejection (an abort rejects
          // every step under way) is not left unhandled.
          result.catch(() => {});
          started.push(result);
        }
        continue;
      }
      started.shift();
      if (next.out !== undefined && next.out.items.length > 0) yield next.out;
    }
  } finally {
    // A pull still under way is the source's to finish; then it stops.
    if (pull === undefined) await it.return?.();
    else pull.then(() => it.return?.(), () => {}).catch(() => {});
  }
}
