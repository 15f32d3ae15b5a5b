// Copyright 2026 the sluice authors. MIT license.

import { Checkpointer } from "./_checkpoint.ts";
import { pathOf } from "../fs/_path.ts";
import { startSampler } from "../summary/_sampler.ts";
import type { CheckpointOptions } from "./checkpoint.ts";
import {
  checkAborted,
  type Chunk,
  chunksOf,
  closeResources,
  closingAtEnd,
  fused,
  type FusedStep,
  isThenable,
  measured,
  Meter,
  meteredInput,
  meteredOutput,
  Rebatcher,
  type RunContext,
  sinkImpl,
  sourceImpl,
  stageFailure,
  stageImpl,
  Unbatcher,
  type Where,
} from "./_stage.ts";
import { estimateBytes, type StageStats, Summary } from "../summary/summary.ts";
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
   * A checkpoint is recorded between batches, at most every `everyMs`, and
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
 * iteration ends. A pipeline can be iterated once.
 *
 * @typeParam T The items it yields.
 */
export class Pipeline<T> implements AsyncIterable<T> {
  /** The run's summary: one row per stage, and the run's figures. */
  readonly summary: Summary;
  #chunks: AsyncIterable<Chunk<T>> | undefined;
  #stop: (failed: boolean) => void;
  #close: (failed: boolean) => Promise<{ error: unknown } | undefined>;
  #halt: () => void;

  /**
   * Made by {@linkcode pipeline}; not meant to be called directly.
   *
   * @param summary The summary to fill.
   * @param chunks The run's output, in batches.
   * @param stop Ends the run: failed or not.
   * @param close Closes what stages opened for the run (dead letters).
   * @param halt Tells the stages that the run ends early.
   */
  constructor(
    summary: Summary,
    chunks: AsyncIterable<Chunk<T>>,
    stop: (failed: boolean) => void,
    close: (failed: boolean) => Promise<{ error: unknown } | undefined> = () =>
      Promise.resolve(undefined),
    halt: () => void = () => {},
  ) {
    this.summary = summary;
    this.#chunks = chunks;
    this.#stop = stop;
    this.#close = close;
    this.#halt = halt;
  }

  /**
   * Starts the run and yields its items one at a time.
   *
   * @returns The iterator.
   * @throws {TypeError} When the pipeline was iterated before.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    const chunks = this.#chunks;
    if (chunks === undefined) {
      throw new TypeError("Cannot iterate a pipeline twice: build a new one");
    }
    this.#chunks = undefined;
    const stop = this.#stop;
    // A consumer that stops early (break) ends the run as "ok".
    let failed = false;
    let done = false;
    const it = chunks[Symbol.asyncIterator]();
    try {
      while (true) {
        let r: IteratorResult<Chunk<T>>;
        try {
          r = await it.next();
        } catch (error) {
          done = true; // the chain has ended itself
          throw error;
        }
        if (r.done === true) {
          done = true;
          break;
        }
        yield* r.value.items;
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      if (!done) {
        // The consumer stopped: a source waiting for input lets go first.
        this.#halt();
        await it.return?.(undefined);
      }
      // After a break, dead letters are still open: they are committed
      // before the run counts as ended. (After a failure they are committed
      // too, but their own errors give way to the run's.)
      const closed = await this.#close(failed);
      stop(failed || closed !== undefined);
      // Set only when the loop did not fail: no error is hidden.
      // deno-lint-ignore no-unsafe-finally
      if (closed !== undefined) throw closed.error;
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
 * Built-in stages hand each other batches of items, so a stage costs a few
 * nanoseconds per item; a user's own stage sees single items and hands them
 * on gathered into batches again (of up to 1024 items, or whatever arrived
 * when it waits for input or after 10 ms). Nothing queues between stages:
 * each stage pulls from the one before it, so a slow sink stops the reader.
 *
 * Any error stops the run, closes every file, and rejects (or throws from
 * the loop) with a {@linkcode StageError} naming the stage, the input path
 * and the line, with the original error as `cause`. An abort rejects with
 * the signal's reason.
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
  checkSource(source);
  rest.forEach((step, i) => {
    if (typeof step !== "function") {
      throw new TypeError(
        `Cannot build pipeline: argument ${
          i + 2
        } must be a stage or a sink function, got ${describe(step)}`,
      );
    }
  });
  const summary = options.summary ?? new Summary();
  const signal = options.signal;
  const src = sourceImpl(source);
  const ctx: RunContext = {
    path: src?.path,
    unit: src?.unit ?? "item",
    signal,
    summary,
    checkpoint: options.checkpoint === undefined
      ? undefined
      : checkpointer(options.checkpoint, source, rest),
    resources: new Set(),
    halt: new AbortController(),
  };
  let stopSampler: (() => void) | undefined;
  const begin = () => {
    summary.start();
    stopSampler ??= startSampler(summary, options.memorySampleMs ?? 50);
  };
  const stop = (failed: boolean) => {
    stopSampler?.();
    stopSampler = undefined;
    summary.finish(failed ? (signal?.aborted ? "aborted" : "failed") : "ok");
  };

  let chunks: AsyncIterable<Chunk<unknown>>;
  let first = 0;
  if (src !== undefined) {
    const stats = summary.addStage(
      src.name ?? `${src.kind}#1`,
      src.kind,
      src.bound,
      src.boundBytes,
    );
    // A literal line filter right after the reader is done by the reader;
    // a parallel stage right after it reads the file in ranges itself.
    const next = stageImpl(rest[0]);
    if (src.ranges !== undefined && next?.readsRanges !== undefined) {
      const stageStats = summary.addStage(
        next.name ?? `${next.kind}#2`,
        next.kind,
        `${next.bound} (reads ${stats.name}'s file in ranges)`,
      );
      const ranges = src.ranges;
      const readsRanges = next.readsRanges;
      chunks = sourceChunks(
        () => readsRanges(ranges, stats, stageStats, ctx),
        stats,
        ctx,
        begin,
        false,
        stageStats,
      );
      first = 1;
    } else if (src.fusesLiteral && next?.literal !== undefined) {
      const filterStats = summary.addStage(
        next.name ?? `${next.kind}#2`,
        next.kind,
        `${next.bound} (fused into ${stats.name})`,
      );
      const fused = { literal: next.literal, stats: filterStats };
      chunks = sourceChunks(
        () => src.chunks(stats, ctx, fused),
        stats,
        ctx,
        begin,
        false,
        filterStats,
      );
      first = 1;
    } else {
      chunks = sourceChunks(
        () => src.chunks(stats, ctx),
        stats,
        ctx,
        begin,
        false,
      );
    }
  } else {
    const stats = summary.addStage("source#1", "source", "1 batch");
    chunks = sourceChunks(() => chunksOf(source), stats, ctx, begin, true);
  }

  for (let i = first; i < rest.length; i++) {
    const step = rest[i] as (input: unknown) => unknown;
    const position = i + 2;
    const isLast = i === rest.length - 1;
    const builtIn = stageImpl(step);
    if (builtIn?.transformer !== undefined) {
      // A run of per-batch stages goes fused: one loop, no hops between.
      const steps: FusedStep[] = [];
      let j = i;
      for (; j < rest.length; j++) {
        const s = stageImpl(rest[j]);
        if (s?.transformer === undefined) break;
        steps.push({
          impl: s,
          stats: summary.addStage(
            s.name ?? `${s.kind}#${j + 2}`,
            s.kind,
            s.bound,
            s.boundBytes,
          ),
        });
      }
      chunks = fused(steps, chunks, ctx);
      i = j - 1;
      continue;
    }
    if (builtIn !== undefined) {
      const stats = summary.addStage(
        builtIn.name ?? `${builtIn.kind}#${position}`,
        builtIn.kind,
        builtIn.bound,
        builtIn.boundBytes,
      );
      chunks = measured(builtIn, chunks, stats, ctx);
      continue;
    }
    const sink = sinkImpl(step);
    if (sink !== undefined) {
      if (!isLast) {
        throw new TypeError(
          `Cannot build pipeline: the sink ${sink.kind} must come last, found at argument ${position}`,
        );
      }
      const stats = summary.addStage(
        sink.name ?? `${sink.kind}#${position}`,
        sink.kind,
        sink.bound,
        sink.boundBytes,
      );
      const meter = new Meter();
      const input = meteredInput(closingAtEnd(chunks, ctx), stats, meter);
      const run = () =>
        finish(
          () => sink.consume(input, stats, ctx),
          stats,
          ctx,
          meter,
          meter.where,
          stop,
        );
      const cp = ctx.checkpoint;
      if (cp === undefined) return run();
      // A checkpoint that does not fit this run is refused before it starts.
      return cp.load().then(run, (error) => {
        stop(true);
        throw error;
      });
    }
    // A user's own stage or sink: it sees single items.
    const stats = summary.addStage(
      `${step.name || "stage"}#${position}`,
      "stage",
      "not declared",
    );
    const meter = new Meter();
    // The stage's items in are those it actually took, not whole batches.
    const items = new Unbatcher(
      meteredInput(chunks, stats, meter, false),
      stats,
    );
    const output = step(items);
    if (isLast && isThenable(output)) {
      return finish(
        async () => {
          try {
            await output;
          } finally {
            await items.return();
          }
        },
        stats,
        ctx,
        meter,
        () => ({ line: items.line, path: items.path }),
        stop,
      );
    }
    if (
      output === null || typeof output !== "object" ||
      !(Symbol.asyncIterator in output)
    ) {
      // A sink in the middle has already started reading: stop it.
      if (isThenable(output)) Promise.resolve(output).catch(() => {});
      items.return().catch(() => {});
      throw new TypeError(
        `Cannot build pipeline: stage "${stats.name}" must return an async iterable${
          isLast ? " (or a promise, as a sink)" : ""
        }, got ${describe(output)}`,
      );
    }
    const rebatched: AsyncIterable<Chunk<unknown>> = {
      [Symbol.asyncIterator]: () =>
        new Rebatcher(output as AsyncIterable<unknown>, items),
    };
    chunks = meteredOutput(
      rebatched,
      stats,
      ctx,
      meter,
      () => ({ line: items.line, path: items.path }),
    );
  }
  return new Pipeline(
    summary,
    closingAtEnd(chunks, ctx),
    stop,
    (failed) => closeResources(ctx, failed),
    () => ctx.halt?.abort(),
  );
}

/**
 * The checkpoint of a run, after checking that the pipeline can be resumed:
 * a line source of files, per-line stages and a file sink.
 */
function checkpointer(
  given: string | URL | CheckpointOptions,
  source: unknown,
  rest: unknown[],
): Checkpointer {
  const refuse = (why: string) =>
    new TypeError(`Cannot checkpoint pipeline: ${why}`);
  const options: CheckpointOptions = typeof given === "string" ||
      given instanceof URL
    ? { path: given }
    : given;
  const path = options.path instanceof URL
    ? pathOf(options.path)
    : options.path;
  if (typeof path !== "string" || path === "") {
    throw refuse(`checkpoint.path must be a path, got ${describe(path)}`);
  }
  const everyMs = options.everyMs ?? 1000;
  if (!Number.isFinite(everyMs) || everyMs < 0) {
    throw new RangeError(
      `Cannot checkpoint pipeline: everyMs must be a number of at least 0, got ${everyMs}`,
    );
  }
  const src = sourceImpl(source);
  if (src?.resumable === undefined) {
    throw refuse("the source must be readLines of files");
  }
  if ("refused" in src.resumable) throw refuse(src.resumable.refused);
  const kinds = [src.kind];
  for (let i = 0; i < rest.length - 1; i++) {
    const stage = stageImpl(rest[i]);
    if (stage?.transformer === undefined) {
      const what = stage === undefined
        ? `argument ${i + 2} is a stage of your own`
        : `argument ${
          i + 2
        } (${stage.kind}) holds items from one batch to the next`;
      throw refuse(
        `${what}; only map (without concurrency), filter, grep and tap can run between readLines and writeLines`,
      );
    }
    if (stage.unresumable !== undefined) {
      throw refuse(`argument ${i + 2} (${stage.kind}): ${stage.unresumable}`);
    }
    kinds.push(stage.kind);
  }
  const sink = sinkImpl(rest.at(-1));
  if (sink?.resumable === undefined) {
    throw refuse("the last argument must be writeLines to a file");
  }
  if ("refused" in sink.resumable) throw refuse(sink.resumable.refused);
  kinds.push(sink.kind);
  return new Checkpointer(
    path,
    everyMs,
    kinds.join(" > "),
    src.resumable.paths,
    sink.resumable.path,
  );
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `the string "${value}"`;
  if (typeof value === "object") return Object.prototype.toString.call(value);
  return typeof value;
}

function checkSource(source: unknown): void {
  if (typeof source === "string") {
    throw new TypeError(
      `Cannot build pipeline: the source is ${
        describe(source)
      }; to read a file, pass readLines("${source}")`,
    );
  }
  if (
    source === null || typeof source !== "object" ||
    !(Symbol.asyncIterator in source || Symbol.iterator in source)
  ) {
    throw new TypeError(
      `Cannot build pipeline: the source must be iterable, got ${
        describe(source)
      }`,
    );
  }
}

/** The source's chunks, with its figures kept and the signal checked. */
async function* sourceChunks(
  open: () => AsyncIterable<Chunk<unknown>>,
  stats: StageStats,
  ctx: RunContext,
  begin: () => void,
  estimate: boolean,
  outStats: StageStats = stats,
): AsyncGenerator<Chunk<unknown>> {
  begin();
  const it = open()[Symbol.asyncIterator]();
  try {
    while (true) {
      checkAborted(ctx);
      const t = performance.now();
      const r = await it.next();
      stats.busyMs += performance.now() - t;
      if (r.done === true) return;
      const items = r.value.items;
      outStats.itemsOut += items.length;
      if (estimate) stats.hold(items.length, estimateBytes(items));
      yield r.value;
    }
  } catch (error) {
    const at = typeof error === "object" && error !== null
      ? error as { line?: unknown; path?: unknown }
      : {};
    throw stageFailure(error, stats, ctx, {
      line: typeof at.line === "number" ? at.line : undefined,
      path: typeof at.path === "string" ? at.path : undefined,
    });
  } finally {
    await it.return?.(undefined);
  }
}

/** Runs a sink to the end of the run and settles with the summary. */
async function finish(
  consume: () => Promise<void>,
  stats: StageStats,
  ctx: RunContext,
  meter: Meter,
  where: () => Where,
  stop: (failed: boolean) => void,
): Promise<Summary> {
  const t = performance.now();
  try {
    // Once the sink has committed its output the run has succeeded: an abort
    // that comes later does not undo it.
    await consume();
  } catch (error) {
    stats.busyMs += performance.now() - t - meter.upstream;
    // Dead letters are diagnostics: committed also when the run fails.
    await closeResources(ctx, true);
    stop(true);
    throw stageFailure(error, stats, ctx, where());
  }
  stats.busyMs += performance.now() - t - meter.upstream;
  const closed = await closeResources(ctx, false);
  stop(closed !== undefined);
  if (closed !== undefined) throw closed.error;
  return ctx.summary;
}
