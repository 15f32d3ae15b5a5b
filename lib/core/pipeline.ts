// Copyright 2026 the sluice authors. MIT license.
/**
 * `pipeline`, which composes a source, stages and a sink into a run. Exported
 * by the package's root and by its own subpath, `jsr:@sluice/sluice/pipeline`:
 * a script that imports only the pieces it runs loads less code, and so holds
 * less memory (see the README's "Import only what you use").
 *
 * @module
 */

import { stagesOf } from "./compose.ts";
import { buildPlan, runPlan } from "./_plan.ts";
import type { Chunk } from "./_chunk.ts";
import { type RunContext, untilAborted } from "./_context.ts";
import { DONE } from "./_adapters.ts";
import type { CheckpointOptions } from "./checkpoint.ts";
import type { Summary } from "../summary/summary.ts";
import type { Sink, Source, Stage } from "./types.ts";

/** Options for {@linkcode pipeline}, given after the last stage or sink. */
export interface PipelineOptions {
  /**
   * Stops the run when aborted: the pipeline rejects with the signal's
   * reason, files are closed and an atomic output is not created.
   *
   * @default {undefined}
   */
  signal?: AbortSignal;
  /**
   * The summary to fill, e.g. to read it after a failure. A new one is made
   * by default.
   *
   * @default {undefined}
   */
  summary?: Summary;
  /**
   * How often to sample process memory (RSS and heap), in milliseconds.
   *
   * @default {50}
   */
  memorySampleMs?: number;
  /**
   * Makes the run resumable: its progress is recorded in this checkpoint
   * file (a path, or {@linkcode CheckpointOptions} to set how often), and
   * running the same pipeline again after a crash, `kill -9` or Ctrl-C goes
   * on from the checkpoint when the file exists, producing exactly the bytes
   * of an uninterrupted run.
   *
   * A checkpoint is recorded between chunks, at most every `everyMs`, and
   * only when every line read so far has been written to the output and
   * made durable (fsync): it holds the input, byte offset and line number to
   * go on from and the output's length, and is replaced atomically (temp
   * file, fsync, rename). The output is written to a partial file at a
   * stable name next to it (`.NAME.sluice-partial`), which a resumed run
   * truncates to the recorded length; at the end it is renamed over the
   * target and the checkpoint is removed.
   *
   * What resume requires: the source is {@linkcode readLines} of files (not
   * standard input, streams or gzip); the stages between it and the sink
   * are {@linkcode map} (without `concurrency`), {@linkcode filter},
   * {@linkcode grep} and {@linkcode tap}, whose output for a line depends on
   * that line alone; the sink is {@linkcode writeLines} to a file (not
   * `append`); the callbacks are deterministic and the inputs are the same.
   * Other pipelines are refused with a `TypeError` when built. A checkpoint
   * from another pipeline (other stage kinds), for other inputs or output,
   * or an input that is now smaller than it was or whose first 64 KiB
   * differ, is refused with a {@linkcode CheckpointError}. A change to a
   * callback's code is not detected.
   *
   * @default {undefined}
   */
  checkpoint?: string | URL | CheckpointOptions;
}

/**
 * A pipeline without a sink: iterate it with `for await`. Its
 * {@linkcode Pipeline.summary} fills in while it runs and is final when the
 * iteration ends. A pipeline can be iterated once; a second iteration throws
 * a `TypeError`.
 *
 * Made by {@linkcode pipeline} (before 0.2, `Pipeline` was a class whose
 * constructor was public but not meant to be called; it is now only this
 * interface).
 *
 * @typeParam T The items it yields.
 */
export interface Pipeline<T> extends AsyncIterable<T> {
  /** The run's summary: one row per stage, and the run's figures. */
  readonly summary: Summary;
  /**
   * Starts the run and yields its items one at a time.
   *
   * @returns The iterator.
   * @throws {TypeError} When the pipeline was iterated before.
   */
  [Symbol.asyncIterator](): AsyncGenerator<T>;
}

/** The pipeline {@linkcode pipeline} returns when there is no sink. */
class IterablePipeline<T> implements Pipeline<T> {
  readonly summary: Summary;
  #chunks: AsyncIterable<Chunk<T>> | undefined;
  #ctx: RunContext;

  constructor(ctx: RunContext, chunks: AsyncIterable<Chunk<T>>) {
    this.summary = ctx.summary;
    this.#ctx = ctx;
    this.#chunks = chunks;
  }

  [Symbol.asyncIterator](): AsyncGenerator<T> {
    return new PipelineItems(this.#ctx, () => {
      const chunks = this.#chunks;
      this.#chunks = undefined;
      return chunks;
    });
  }
}

/**
 * The items of a pipeline without a sink, one at a time. Not an async
 * generator: its `yield*` over each chunk's items cost about 700 bytes of
 * garbage and 140 ns an item (`for await` over the lines of 1 GiB: 3.06 s,
 * against 1.95 s this way). An item of the chunk at hand is handed out with
 * no await; the run ends (its dead letters committed) when the chunks end,
 * fail, or the consumer stops.
 */
class PipelineItems<T> implements AsyncGenerator<T> {
  #ctx: RunContext;
  #take: (() => AsyncIterable<Chunk<T>> | undefined) | undefined;
  #it: AsyncIterator<Chunk<T>> | undefined = undefined;
  #items: readonly T[] = [];
  #i = 0;
  #ended = false;
  #pulling: Promise<IteratorResult<T>> | undefined = undefined;

  constructor(
    ctx: RunContext,
    take: () => AsyncIterable<Chunk<T>> | undefined,
  ) {
    this.#ctx = ctx;
    this.#take = take;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    const items = this.#items;
    if (this.#i < items.length) {
      return Promise.resolve({ value: items[this.#i++]!, done: false });
    }
    if (this.#ended) return Promise.resolve(DONE);
    // Pulls one at a time, as a generator's would be.
    if (this.#pulling !== undefined) {
      return this.#pulling.then(() => this.next());
    }
    // Cleared by #took or #failed as the pull settles.
    return this.#pulling = this.#pull();
  }

  #pull(): Promise<IteratorResult<T>> {
    if (this.#ended) return Promise.resolve(DONE);
    if (this.#it === undefined) {
      const chunks = this.#take!();
      this.#take = undefined;
      if (chunks === undefined) {
        this.#ended = true;
        return Promise.reject(
          new TypeError("Cannot iterate a pipeline twice: build a new one"),
        );
      }
      try {
        this.#it = chunks[Symbol.asyncIterator]();
      } catch (error) {
        return this.#failed(error);
      }
    }
    this.#items = [];
    this.#i = 0;
    let pulled: Promise<IteratorResult<Chunk<T>>>;
    try {
      pulled = this.#it.next();
    } catch (error) {
      return this.#failed(error);
    }
    return untilAborted(pulled, this.#ctx.signal).then(
      this.#took,
      this.#failed,
    );
  }

  #took = (
    r: IteratorResult<Chunk<T>>,
  ): IteratorResult<T> | Promise<IteratorResult<T>> => {
    this.#pulling = undefined;
    if (r.done === true) {
      this.#ended = true;
      return this.#ctx.end(false).then(() => DONE);
    }
    const items = r.value.items;
    if (items.length === 0) return this.#pull();
    this.#items = items;
    this.#i = 1;
    return { value: items[0]!, done: false };
  };

  // The chain has ended itself, or is stuck past an abort: either way,
  // nothing more to wait for. Dead letters are committed all the same, but
  // their own errors give way to the run's.
  #failed = async (error: unknown): Promise<never> => {
    this.#pulling = undefined;
    this.#ended = true;
    const ctx = this.#ctx;
    if (ctx.signal?.aborted && error === ctx.signal.reason) {
      ctx.halt.abort();
      this.#it?.return?.(undefined).catch(() => {});
    }
    await ctx.end(true);
    throw error;
  };

  /** The consumer stops (a `break`): the run ends as "ok". */
  async return(): Promise<IteratorResult<T>> {
    await this.#stop(false);
    return DONE;
  }

  /** The consumer fails: the run ends as failed, with its error. */
  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.#stop(true);
    throw error;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  async #stop(failed: boolean): Promise<void> {
    // Not started: there is no run to end.
    if (this.#ended || this.#it === undefined) {
      this.#ended = true;
      return;
    }
    this.#ended = true;
    this.#items = [];
    const ctx = this.#ctx;
    // A source waiting for input lets go first.
    ctx.halt.abort();
    try {
      await this.#it.return?.(undefined);
    } finally {
      // After a break, dead letters are still open: they are committed
      // before the run counts as ended, and an error of theirs is the run's.
      await ctx.end(failed);
    }
  }
}

/**
 * Composes a source, stages and optionally a sink into a run.
 *
 * The source is {@linkcode readLines} or any iterable; each stage is a
 * built-in stage or a user's own `async function*` over an
 * `AsyncIterable`; the sink is {@linkcode writeLines} or a user's own async
 * function. Types flow through the whole chain. Pipeline options go last.
 *
 * - With a sink, `pipeline()` starts at once and resolves to the run's
 *   {@linkcode Summary} when the sink is done.
 * - Without one, it returns a {@linkcode Pipeline} to use with `for await`;
 *   the run starts with the iteration, and breaking out of the loop stops
 *   the reader and closes its file.
 *
 * The types take up to ten stages; {@linkcode compose} makes several stages
 * one, for longer pipelines.
 *
 * Built-in stages hand each other chunks of items, so a stage costs a few
 * nanoseconds per item; a user's own stage sees single items and hands them
 * on gathered into chunks again (of up to 128 items, or whatever arrived
 * when it waits for input or after 10 ms; from a source of your own, an
 * async iterable, whatever arrived when it waits). Nothing queues between
 * stages: each stage pulls from the one before it, so a slow sink stops the
 * reader.
 *
 * Any error stops the run, closes every file, and rejects (or throws from
 * the loop) with a {@linkcode StageError} naming the stage, the input path
 * and the line, with the original error as `cause`. An abort rejects with
 * the signal's reason: at once when the run is waiting (for input, for a
 * worker of {@linkcode parallel}, for your callback's promise, within 250
 * ms), but a callback of yours that computes without yielding (a loop, a
 * regular expression that backtracks for minutes) blocks the thread, and
 * with it the abort, Ctrl-C included, until it returns: JavaScript cannot
 * stop it from the same thread. Run such work with {@linkcode parallel},
 * whose workers an abort ends mid-item.
 *
 * @typeParam A The source's items, and so on down the chain.
 * @param source Where the items come from.
 * @param sink Where they go.
 * @param options A signal, a summary to fill, the memory sample interval.
 * @returns The run's summary (with a sink) or the iterable pipeline.
 * @throws {TypeError} When an argument is not a source, stage or sink.
 * @throws {StageError} When a stage fails.
 * @throws {CheckpointError} With `checkpoint`, when the checkpoint cannot be
 * resumed from (another pipeline, other inputs, an input that changed).
 *
 * @example A pipeline that ends in a sink
 * ```ts
 * import { filter, map, pipeline, writeLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const decoder = new TextDecoder();
 * let text = "";
 * const summary = await pipeline(
 *   ["GET /a 200", "GET /b 500", "POST /c 503"],
 *   filter((line) => line.endsWith("500") || line.endsWith("503")),
 *   map((line) => JSON.stringify({ path: line.split(" ")[1] })),
 *   writeLines(new WritableStream({ write: (c) => void (text += decoder.decode(c)) })),
 * );
 * assert.equal(summary.stages[3]!.itemsIn, 2);
 * assert.equal(text, '{"path":"/b"}\n{"path":"/c"}\n');
 * ```
 *
 * @example A user's own stage in the chain, iterated with for await
 * ```ts
 * import { filter, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * async function* lengths(lines: AsyncIterable<string>) {
 *   for await (const line of lines) yield line.length;
 * }
 * const run = pipeline(["a", "bbb", "cc"], lengths, filter((n) => n > 1));
 * const out: number[] = [];
 * for await (const n of run) out.push(n);
 * assert.deepEqual(out, [3, 2]);
 * assert.equal(run.summary.stages[1]!.name, "lengths#2");
 * ```
 */
export function pipeline<A>(
  source: Source<A>,
  sink: Sink<A>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 1 stage and a sink: resolves to the run's summary. */
export function pipeline<A, B>(
  source: Source<A>,
  s1: Stage<A, B>,
  sink: Sink<B>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 2 stages and a sink: resolves to the run's summary. */
export function pipeline<A, B, C>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  sink: Sink<C>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 3 stages and a sink: resolves to the run's summary. */
export function pipeline<A, B, C, D>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  sink: Sink<D>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 4 stages and a sink: resolves to the run's summary. */
export function pipeline<A, B, C, D, E>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  sink: Sink<E>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 5 stages and a sink: resolves to the run's summary. */
export function pipeline<A, B, C, D, E, F>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  sink: Sink<F>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 6 stages and a sink: resolves to the run's summary. */
export function pipeline<A, B, C, D, E, F, G>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  sink: Sink<G>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 7 stages and a sink: resolves to the run's summary. */
export function pipeline<A, B, C, D, E, F, G, H>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  sink: Sink<H>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 8 stages and a sink: resolves to the run's summary. */
export function pipeline<A, B, C, D, E, F, G, H, I>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
  sink: Sink<I>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 9 stages and a sink: resolves to the run's summary. */
export function pipeline<A, B, C, D, E, F, G, H, I, J>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
  s9: Stage<I, J>,
  sink: Sink<J>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 10 stages and a sink: resolves to the run's summary. */
export function pipeline<A, B, C, D, E, F, G, H, I, J, K>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
  s9: Stage<I, J>,
  s10: Stage<J, K>,
  sink: Sink<K>,
  options?: PipelineOptions,
): Promise<Summary>;
/** {@linkcode pipeline} with 0 stages and no sink: iterate it with `for await`. */
export function pipeline<A>(
  source: Source<A>,
  options?: PipelineOptions,
): Pipeline<A>;
/** {@linkcode pipeline} with 1 stage and no sink: iterate it with `for await`. */
export function pipeline<A, B>(
  source: Source<A>,
  s1: Stage<A, B>,
  options?: PipelineOptions,
): Pipeline<B>;
/** {@linkcode pipeline} with 2 stages and no sink: iterate it with `for await`. */
export function pipeline<A, B, C>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  options?: PipelineOptions,
): Pipeline<C>;
/** {@linkcode pipeline} with 3 stages and no sink: iterate it with `for await`. */
export function pipeline<A, B, C, D>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  options?: PipelineOptions,
): Pipeline<D>;
/** {@linkcode pipeline} with 4 stages and no sink: iterate it with `for await`. */
export function pipeline<A, B, C, D, E>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  options?: PipelineOptions,
): Pipeline<E>;
/** {@linkcode pipeline} with 5 stages and no sink: iterate it with `for await`. */
export function pipeline<A, B, C, D, E, F>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  options?: PipelineOptions,
): Pipeline<F>;
/** {@linkcode pipeline} with 6 stages and no sink: iterate it with `for await`. */
export function pipeline<A, B, C, D, E, F, G>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  options?: PipelineOptions,
): Pipeline<G>;
/** {@linkcode pipeline} with 7 stages and no sink: iterate it with `for await`. */
export function pipeline<A, B, C, D, E, F, G, H>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  options?: PipelineOptions,
): Pipeline<H>;
/** {@linkcode pipeline} with 8 stages and no sink: iterate it with `for await`. */
export function pipeline<A, B, C, D, E, F, G, H, I>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
  options?: PipelineOptions,
): Pipeline<I>;
/** {@linkcode pipeline} with 9 stages and no sink: iterate it with `for await`. */
export function pipeline<A, B, C, D, E, F, G, H, I, J>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
  s9: Stage<I, J>,
  options?: PipelineOptions,
): Pipeline<J>;
/** {@linkcode pipeline} with 10 stages and no sink: iterate it with `for await`. */
export function pipeline<A, B, C, D, E, F, G, H, I, J, K>(
  source: Source<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
  s9: Stage<I, J>,
  s10: Stage<J, K>,
  options?: PipelineOptions,
): Pipeline<K>;
export function pipeline(
  source: Source<unknown>,
  ...rest: unknown[]
): Pipeline<unknown> | Promise<Summary> {
  let options: PipelineOptions = {};
  const maybeOptions = rest.at(-1);
  if (
    rest.length > 0 && typeof maybeOptions === "object" &&
    maybeOptions !== null
  ) {
    options = rest.pop() as PipelineOptions;
  }
  // A composed stage runs as its parts, each with its row and fused.
  const plan = buildPlan(source, rest.flatMap(stagesOf), options);
  const run = runPlan(plan);
  return "done" in run ? run.done : new IterablePipeline(plan.ctx, run.chunks);
}
