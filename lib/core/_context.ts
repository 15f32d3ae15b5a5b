// Copyright 2026 the sluice authors. MIT license.
// The run context every stage sees, with the one way a run closes what its
// stages opened, and how a stage's error is named with the stage and place.

import { recordOf, type RunRecord } from "../summary/_record.ts";
import { CheckpointError, StageError, TooManyErrorsError } from "./errors.ts";
import type { Checkpointer } from "./_checkpoint.ts";
import { describePlace, type Place } from "./position.ts";
import { Summary } from "../summary/summary.ts";
import type { StageStats } from "../summary/_record.ts";
import { type Chunk, lineOf } from "./_chunk.ts";

/** Something a stage opened for the whole run, such as a dead-letter file. */
export interface RunResource {
  /** The stage that opened it, to blame when it cannot be closed. */
  stage: string | undefined;
  /** Makes it final; `failed` tells whether the run failed. */
  close(failed: boolean): Promise<void>;
}

/** A stage's clock while it runs: stopped when the run ends, if not before. */
export interface BusyClock {
  /** Adds the time since it started to the stage's busy time; idempotent. */
  stop(): void;
}

/** What a run is made with; everything has a default. */
export interface RunInit {
  /** The source's path, when it reads one file. */
  path?: string | undefined;
  /** What the source's items are counted as, in errors and the summary. */
  unit?: "line" | "item";
  /** The user's signal: an abort ends the run. */
  signal?: AbortSignal | undefined;
  /** The summary to fill. */
  summary?: Summary;
  /** The run's checkpoint (see pipeline's `checkpoint`). */
  checkpoint?: Checkpointer | undefined;
  /** Called once when the run ends, with whether it failed. */
  onEnd?: (failed: boolean) => void;
}

/**
 * What every stage of a run can see, and the one way a run ends: {@link end}
 * closes what the stages opened for the run (dead letters), then tells the
 * summary, exactly once.
 */
export class RunContext {
  readonly path: string | undefined;
  readonly unit: "line" | "item";
  readonly signal: AbortSignal | undefined;
  readonly summary: Summary;
  /** Where the run writes its figures: the summary's own record. */
  readonly record: RunRecord;
  readonly checkpoint: Checkpointer | undefined;
  /**
   * Fired when the run ends early (a stage failed, the consumer stopped), so
   * that a source waiting for input that may never come (a followed file)
   * lets go instead of holding up the cleanup.
   */
  readonly halt: AbortController = new AbortController();
  #resources = new Set<RunResource>();
  #clocks = new Set<BusyClock>();
  #onEnd: ((failed: boolean) => void) | undefined;

  constructor(init: RunInit = {}) {
    this.path = init.path;
    this.unit = init.unit ?? "item";
    this.signal = init.signal;
    this.summary = init.summary ?? new Summary();
    this.record = recordOf(this.summary);
    this.checkpoint = init.checkpoint;
    this.#onEnd = init.onEnd;
  }

  /**
   * Keeps `clock` until `untrack` is called or the run ends, which stops it:
   * the time a stage spent in a pull that an abort or a failure cut short
   * is its own, not that of the stage downstream.
   */
  track(clock: BusyClock): () => void {
    this.#clocks.add(clock);
    return () => this.#clocks.delete(clock);
  }

  /** Keeps `resource` open until the run ends. */
  open(resource: RunResource): void {
    this.#resources.add(resource);
  }

  /**
   * Closes what the stages opened. When the run has not failed, the first
   * error of a close is thrown, named after its stage; after a failure the
   * run's own error is the one reported.
   */
  async close(failed: boolean): Promise<void> {
    if (this.#resources.size === 0) return;
    let first: { error: unknown } | undefined;
    for (const r of [...this.#resources]) {
      try {
        await r.close(failed);
      } catch (error) {
        first ??= {
          error: new StageError(
            r.stage ?? "deadLetter",
            undefined,
            undefined,
            error,
          ),
        };
      }
    }
    this.#resources.clear();
    if (!failed && first !== undefined) throw first.error;
  }

  /**
   * Ends the run: closes what is still open and tells `onEnd` (once) whether
   * the run failed, also when a close fails, whose error is then thrown.
   */
  async end(failed: boolean): Promise<void> {
    for (const clock of this.#clocks) clock.stop();
    this.#clocks.clear();
    let closeFailed = true;
    try {
      await this.close(failed);
      closeFailed = false;
    } finally {
      const onEnd = this.#onEnd;
      this.#onEnd = undefined;
      onEnd?.(failed || closeFailed);
    }
  }
}

/**
 * Hands on `chunks` and, once they are all through, closes the run's
 * resources: the dead letters are final before the sink commits its output,
 * and a dead letter that cannot be written fails the run instead.
 */
export function closingAtEnd<T>(
  chunks: AsyncIterable<Chunk<T>>,
  ctx: RunContext,
): AsyncIterable<Chunk<T>> {
  // With `then`, not as an async generator: each awaiting level between the
  // reader and the sink keeps more alive across V8's scavenges (see ItemView's
  // #pull).
  const it = chunks[Symbol.asyncIterator]();
  let closed = false;
  const took = (
    r: IteratorResult<Chunk<T>>,
  ): IteratorResult<Chunk<T>> | Promise<IteratorResult<Chunk<T>>> => {
    if (r.done !== true || closed) return r;
    closed = true;
    return ctx.close(false).then(() => r);
  };
  const iterator: AsyncIterator<Chunk<T>> = {
    next() {
      try {
        return it.next().then(took);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async return() {
      closed = true;
      await it.return?.(undefined);
      return { value: undefined, done: true };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}

/**
 * `chunks` as a run of its own (a stage or reader iterated outside a
 * pipeline): the run ends with them, as failed when they did not finish (an
 * error, or a consumer that stopped early).
 */
export async function* ownRun<T>(
  chunks: AsyncIterable<Chunk<T>>,
  ctx: RunContext,
): AsyncGenerator<Chunk<T>> {
  let finished = false;
  try {
    yield* closingAtEnd(chunks, ctx);
    finished = true;
  } finally {
    // A failure or an early stop: the dead letters are committed all the same.
    await ctx.end(!finished);
  }
}

/** Wraps an error a stage threw with the stage's name and `place`. */
export function stageFailure(
  error: unknown,
  stats: StageStats,
  ctx: RunContext,
  place: Place,
): unknown {
  // Not a stage's failure but the run's: it is reported as it is.
  ctx.halt.abort();
  if (error instanceof StageError || error instanceof CheckpointError) {
    return error;
  }
  if (ctx.signal?.aborted && error === ctx.signal.reason) return error;
  const path = place.path ?? ctx.path;
  // The error that stops the run counts as the stage's error (a limit of
  // errors reached was counted with each item).
  if (!(error instanceof TooManyErrorsError)) {
    const at = describePlace({ line: place.line, path }, ctx.unit);
    const detail = error instanceof Error ? error.message : String(error);
    stats.noteError(at === "" ? detail : `${at}: ${detail}`);
  }
  return new StageError(stats.name, path, place.line, error, ctx.unit);
}

/** Wraps an error thrown while a stage handled `chunk.items[i]`. */
export function failAt(
  error: unknown,
  stats: StageStats,
  ctx: RunContext,
  chunk: Chunk<unknown>,
  i: number,
): unknown {
  return stageFailure(error, stats, ctx, {
    line: lineOf(chunk, i),
    path: chunk.path,
  });
}

/** Throws the abort reason when the run's signal has fired. */
export function checkAborted(ctx: RunContext): void {
  if (ctx.signal?.aborted) throw ctx.signal.reason;
}

/**
 * How long an aborted run's own parts get to stop before the run gives up
 * on them: a stage or sink of the user's that awaits something that never
 * settles must not keep the run from ending.
 */
export const ABORT_GRACE_MS = 250;

/**
 * `promise`, or the abort's reason when the run's signal fires and the
 * promise has not settled within {@linkcode ABORT_GRACE_MS} (what it was
 * waiting for is left behind; the run ends without it).
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      timer = setTimeout(() => reject(signal.reason), ABORT_GRACE_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    const settle = () => {
      signal.removeEventListener("abort", onAbort);
      if (timer !== undefined) clearTimeout(timer);
    };
    promise.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error) => {
        settle();
        reject(error);
      },
    );
  });
}

/**
 * `promise`, or the abort's reason as soon as `signal` fires, whichever comes
 * first; `promise` is then left behind (a rejection of it is not left
 * unhandled). It listens to the signal only until `promise` settles: a race
 * against one promise that rejects on the abort (`Promise.race([p,
 * aborted])`) adds a reaction to that promise at every call, kept until the
 * abort, and so kept for the whole run. Made once per 16 KiB read, such
 * races took `sluice fields` over 1 GiB to 154 MiB peak RSS, against 94
 * without them (72 with fileRead's turns of the event loop too).
 */
export function unlessAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal === undefined) return promise;
  promise.catch(() => {});
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * `opening` (a file being opened), or the abort's reason as soon as
 * `signal` fires: opening a FIFO waits for its other end, which may never
 * come. A file opened after the abort is handed to `release`.
 */
export function openUnlessAborted<T>(
  opening: Promise<T>,
  signal: AbortSignal | undefined,
  release: (file: T) => unknown,
): Promise<T> {
  if (signal === undefined) return opening;
  return new Promise<T>((resolve, reject) => {
    let abandoned = false;
    const onAbort = () => {
      abandoned = true;
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    opening.then(
      (file) => {
        signal.removeEventListener("abort", onAbort);
        if (abandoned) {
          Promise.resolve().then(() => release(file)).catch(() => {});
        } else resolve(file);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
