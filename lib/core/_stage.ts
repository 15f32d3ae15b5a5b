// Copyright 2026 the sluice authors. MIT license.
// The internal protocol between built-in stages: they exchange chunks (an
// array of items plus where they came from) because one async hop per item
// costs ~20x more than one per array. Users only ever see single items.

import type { Checkpointer } from "./_checkpoint.ts";
import {
  type Chunk,
  consecutive,
  lineOf,
  numbered,
  positionOnly,
} from "./_chunk.ts";
import { CheckpointError } from "./checkpoint.ts";
import { StageError, TooManyErrorsError } from "./errors.ts";
import { estimateBytes, type StageStats, Summary } from "../summary/summary.ts";

export { type Chunk, lineOf };

/** What every stage of a run can see. */
export interface RunContext {
  path: string | undefined;
  unit: "line" | "item";
  signal: AbortSignal | undefined;
  summary: Summary;
  /** The run's checkpoint, when it has one (see pipeline's `checkpoint`). */
  checkpoint?: Checkpointer | undefined;
  /**
   * Fired when the run ends early (a stage failed, the consumer stopped), so
   * that a source waiting for input that may never come (a followed file)
   * lets go instead of holding up the cleanup.
   */
  halt?: AbortController | undefined;
  /**
   * What stages opened for the whole run (dead letters), closed by the run
   * when it ends, also when it fails.
   */
  resources?: Set<RunResource>;
}

/** Something a stage opened for the whole run, such as a dead-letter file. */
export interface RunResource {
  /** The stage that opened it, to blame when it cannot be closed. */
  stage: string | undefined;
  /** Makes it final; `failed` tells whether the run failed. */
  close(failed: boolean): Promise<void>;
}

/**
 * Closes the run's resources. Returns the first error of a close (when the
 * run did not already fail), so that the run can report it.
 */
export async function closeResources(
  ctx: RunContext,
  failed: boolean,
): Promise<{ error: unknown } | undefined> {
  const resources = ctx.resources;
  if (resources === undefined || resources.size === 0) return undefined;
  let first: { error: unknown } | undefined;
  for (const r of [...resources]) {
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
  resources.clear();
  return failed ? undefined : first;
}

/**
 * Hands on `chunks` and, once they are all through, closes the run's
 * resources: the dead letters are final before the sink commits its output,
 * and a dead letter that cannot be written fails the run instead.
 */
export async function* closingAtEnd<T>(
  chunks: AsyncIterable<Chunk<T>>,
  ctx: RunContext,
): AsyncGenerator<Chunk<T>> {
  yield* chunks;
  const closed = await closeResources(ctx, false);
  if (closed !== undefined) throw closed.error;
}

/** Where an item was, in words: `line 3 of "app.log"` or `item 3`. */
export function position(
  line: number | undefined,
  path: string | undefined,
  unit: "line" | "item",
): string {
  if (line === undefined) return path === undefined ? "" : `"${path}"`;
  return unit === "item"
    ? `item ${line}`
    : `line ${line}${path === undefined ? "" : ` of "${path}"`}`;
}

/** A built-in stage's chunk-level implementation. */
export interface StageImpl<I, O> {
  kind: string;
  name: string | undefined;
  bound: string;
  boundBytes?: number | undefined;
  /**
   * Set when the stage keeps exactly the lines that contain this literal, so
   * that a line source can do the filtering itself.
   */
  literal?: string | undefined;
  /**
   * Why a checkpointed run cannot resume with this stage, when it is one of
   * the per-line stages that otherwise could.
   */
  unresumable?: string | undefined;
  /**
   * Set by a stage that can read a file's byte ranges itself (parallel):
   * given the source's file, the run over ranges.
   */
  readsRanges?: (
    source: RangeSource,
    sourceStats: StageStats,
    stats: StageStats,
    ctx: RunContext,
  ) => AsyncIterable<Chunk<O>>;
  /**
   * For a stage that turns each batch into at most one batch on its own
   * (map, filter, grep, tap): makes that step for one run. Consecutive such
   * stages run fused in one loop over the batches, with no async hop between
   * them.
   */
  transformer?: (stats: StageStats, ctx: RunContext) => Transform<I, O>;
  run(
    input: AsyncIterable<Chunk<I>>,
    stats: StageStats,
    ctx: RunContext,
  ): AsyncIterable<Chunk<O>>;
}

/** One batch in, at most one batch out; a promise only when it must wait. */
export type Transform<I, O> = (
  chunk: Chunk<I>,
) => Chunk<O> | undefined | Promise<Chunk<O> | undefined>;

/** A transform stage: `run` is derived from `transformer`. */
export type TransformImpl<I, O> =
  & Omit<StageImpl<I, O>, "run" | "transformer">
  & Required<Pick<StageImpl<I, O>, "transformer">>;

/** Makes a full stage implementation from a per-batch transform. */
export function fromTransform<I, O>(
  impl: TransformImpl<I, O>,
): StageImpl<I, O> {
  return {
    ...impl,
    async *run(input, stats, ctx) {
      const transform = impl.transformer(stats, ctx);
      for await (const chunk of input) {
        let out = transform(chunk);
        if (out instanceof Promise) out = await out;
        if (out !== undefined && out.items.length > 0) yield out;
      }
    },
  };
}

/** One stage of a fused run. */
export interface FusedStep {
  impl: StageImpl<unknown, unknown>;
  stats: StageStats;
}

/**
 * Runs consecutive transform stages in one loop: each batch goes through all
 * of them before the next is pulled. Each stage's figures are kept as if it
 * ran alone.
 */
export async function* fused(
  steps: FusedStep[],
  input: AsyncIterable<Chunk<unknown>>,
  ctx: RunContext,
): AsyncGenerator<Chunk<unknown>> {
  const transforms = steps.map((s) => s.impl.transformer!(s.stats, ctx));
  for await (const chunk of input) {
    // In a checkpointed run the source's position must reach the sink even
    // when the stages keep nothing of the batch.
    const position = chunk.position;
    if (chunk.items.length === 0) {
      if (position !== undefined) yield chunk;
      continue;
    }
    let c: Chunk<unknown> | undefined = chunk;
    for (let k = 0; k < steps.length; k++) {
      const { stats } = steps[k]!;
      const n = c.items.length;
      stats.itemsIn += n;
      stats.hold(n, estimateBytes(c.items));
      const t = now();
      let out: Chunk<unknown> | undefined;
      try {
        const r = transforms[k]!(c);
        out = r instanceof Promise ? await r : r;
      } catch (error) {
        throw stageFailure(error, stats, ctx, {
          line: c.firstLine,
          path: c.path,
        });
      } finally {
        stats.busyMs += now() - t;
      }
      if (out === undefined || out.items.length === 0) {
        c = undefined;
        break;
      }
      stats.itemsOut += out.items.length;
      c = out;
    }
    if (position !== undefined) {
      if (c === undefined) {
        c = positionOnly(position, chunk.firstLine);
      }
      c.position = position;
    }
    if (c !== undefined) yield c;
  }
}

/** A built-in source's chunk-level implementation. */
export interface SourceImpl<T> {
  kind: string;
  name: string | undefined;
  path: string | undefined;
  unit: "line" | "item";
  bound: string;
  boundBytes?: number | undefined;
  /** Whether `chunks` can do a literal line filter itself. */
  fusesLiteral?: boolean;
  /**
   * Set when the source is one regular file read as lines: what a stage
   * needs to read byte ranges of it in workers instead.
   */
  ranges?: RangeSource | undefined;
  /**
   * Set when a checkpointed run can resume this source: the paths of its
   * inputs, all plain files. Otherwise the reason it cannot.
   */
  resumable?: { paths: string[] } | { refused: string };
  chunks(
    stats: StageStats,
    ctx: RunContext,
    fused?: FusedFilter,
  ): AsyncIterable<Chunk<T>>;
}

/** A file whose lines workers can read in byte ranges of their own. */
export interface RangeSource {
  path: string;
  maxLineBytes: number;
  onLongLine: "error" | "split" | "skip";
  fatal: boolean;
  readBytes: number;
}

/** A literal line filter done by the source, and the filter stage's row. */
export interface FusedFilter {
  literal: string;
  stats: StageStats;
}

/** A built-in sink's chunk-level implementation. */
export interface SinkImpl<T> {
  kind: string;
  name: string | undefined;
  bound: string;
  boundBytes?: number | undefined;
  /**
   * Set when a checkpointed run can resume this sink's output: the file it
   * writes. Otherwise the reason it cannot.
   */
  resumable?: { path: string } | { refused: string };
  consume(
    input: AsyncIterable<Chunk<T>>,
    stats: StageStats,
    ctx: RunContext,
  ): Promise<void>;
}

// deno-lint-ignore no-explicit-any
type AnyImpl = StageImpl<any, any> | SourceImpl<any> | SinkImpl<any>;
const registry = new WeakMap<object, AnyImpl>();

export function register<T extends object>(target: T, impl: AnyImpl): T {
  registry.set(target, impl);
  return target;
}

export function stageImpl(
  value: unknown,
): StageImpl<unknown, unknown> | undefined {
  const impl = typeof value === "function" ? registry.get(value) : undefined;
  return impl !== undefined && "run" in impl ? impl : undefined;
}

export function sinkImpl(value: unknown): SinkImpl<unknown> | undefined {
  const impl = typeof value === "function" ? registry.get(value) : undefined;
  return impl !== undefined && "consume" in impl ? impl : undefined;
}

export function sourceImpl(value: unknown): SourceImpl<unknown> | undefined {
  const impl = value !== null && typeof value === "object"
    ? registry.get(value)
    : undefined;
  return impl !== undefined && "chunks" in impl ? impl : undefined;
}

/** Where in the input a stage was when it failed. */
export interface Where {
  line: number | undefined;
  path: string | undefined;
}

/** Wraps an error a stage threw with the stage's name and `where`. */
export function stageFailure(
  error: unknown,
  stats: StageStats,
  ctx: RunContext,
  where: Where,
): unknown {
  // Not a stage's failure but the run's: it is reported as it is.
  ctx.halt?.abort();
  if (error instanceof StageError || error instanceof CheckpointError) {
    return error;
  }
  if (ctx.signal?.aborted && error === ctx.signal.reason) return error;
  // The error that stops the run counts as the stage's error (a limit of
  // errors reached was counted with each item).
  if (!(error instanceof TooManyErrorsError)) {
    const at = position(where.line, where.path ?? ctx.path, ctx.unit);
    const detail = error instanceof Error ? error.message : String(error);
    stats.noteError(at === "" ? detail : `${at}: ${detail}`);
  }
  return new StageError(
    stats.name,
    where.path ?? ctx.path,
    where.line,
    error,
    ctx.unit,
  );
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

function now(): number {
  return performance.now();
}

/** Timing and position shared by a stage's input and output meters. */
export class Meter {
  /** Milliseconds spent waiting on upstream during the current pull. */
  upstream = 0;
  /** Line of the first item of the last input chunk. */
  lastLine: number | undefined = undefined;
  /** Path of the last input chunk. */
  lastPath: string | undefined = undefined;

  /** Where the stage was: its last input chunk. */
  where = (): Where => ({ line: this.lastLine, path: this.lastPath });
}

/** Counts a stage's input: items in, the chunk it holds, upstream time. */
export function meteredInput<I>(
  input: AsyncIterable<Chunk<I>>,
  stats: StageStats,
  meter: Meter,
  countItems = true,
): AsyncIterable<Chunk<I>> {
  const it = input[Symbol.asyncIterator]();
  const iterator: AsyncIterator<Chunk<I>> = {
    async next() {
      const t = now();
      const r = await it.next();
      meter.upstream += now() - t;
      if (r.done !== true) {
        const items = r.value.items;
        if (countItems) stats.itemsIn += items.length;
        stats.hold(items.length, estimateBytes(items));
        meter.lastLine = r.value.firstLine;
        meter.lastPath = r.value.path;
      }
      return r;
    },
    async return() {
      await it.return?.(undefined);
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}

/**
 * Hands on a stage's output while counting items out and busy time (the
 * stage's own: upstream time excluded), and wraps its errors with the
 * stage's name and `line()`.
 */
export async function* meteredOutput<O>(
  output: AsyncIterable<Chunk<O>>,
  stats: StageStats,
  ctx: RunContext,
  meter: Meter,
  where: () => Where,
): AsyncGenerator<Chunk<O>> {
  const out = output[Symbol.asyncIterator]();
  try {
    while (true) {
      meter.upstream = 0;
      const t = now();
      const r = await out.next();
      // A user stage's input may have been pulled before this call began.
      stats.busyMs += Math.max(0, now() - t - meter.upstream);
      if (r.done === true) return;
      stats.itemsOut += r.value.items.length;
      yield r.value;
    }
  } catch (error) {
    throw stageFailure(error, stats, ctx, where());
  } finally {
    await out.return?.(undefined);
  }
}

/** Runs a built-in stage with its figures kept and its errors named. */
export function measured<I, O>(
  impl: StageImpl<I, O>,
  input: AsyncIterable<Chunk<I>>,
  stats: StageStats,
  ctx: RunContext,
): AsyncGenerator<Chunk<O>> {
  const meter = new Meter();
  const counted = meteredInput(input, stats, meter);
  return meteredOutput(
    impl.run(counted, stats, ctx),
    stats,
    ctx,
    meter,
    meter.where,
  );
}

/**
 * Item-level view of a chunk stream, for users' own stages and sinks and for
 * `for await` over a pipeline. Remembers the line of the last item handed out
 * and calls `onStarve` before it waits for the next chunk.
 */
export class Unbatcher<T> implements AsyncIterableIterator<T> {
  line: number | undefined = undefined;
  path: string | undefined = undefined;
  onStarve: (() => void) | undefined = undefined;
  #it: AsyncIterator<Chunk<T>>;
  #stats: StageStats | undefined;
  #chunk: Chunk<T> | undefined = undefined;
  #i = 0;
  #done = false;

  /**
   * @param source The chunks.
   * @param stats Where to count the items handed out, as a stage's items in.
   */
  constructor(source: AsyncIterable<Chunk<T>>, stats?: StageStats) {
    this.#it = source[Symbol.asyncIterator]();
    this.#stats = stats;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    const chunk = this.#chunk;
    if (chunk !== undefined && this.#i < chunk.items.length) {
      const i = this.#i++;
      this.line = lineOf(chunk, i);
      if (this.#stats !== undefined) this.#stats.itemsIn++;
      return Promise.resolve({ value: chunk.items[i]!, done: false });
    }
    return this.#pull();
  }

  async #pull(): Promise<IteratorResult<T>> {
    while (!this.#done) {
      this.#chunk = undefined;
      this.onStarve?.();
      const r = await this.#it.next();
      if (r.done === true) {
        this.#done = true;
        break;
      }
      if (r.value.items.length === 0) continue;
      this.#chunk = r.value;
      this.path = r.value.path;
      this.#i = 1;
      this.line = lineOf(r.value, 0);
      if (this.#stats !== undefined) this.#stats.itemsIn++;
      return { value: r.value.items[0]!, done: false };
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<T>> {
    this.#chunk = undefined;
    if (!this.#done) {
      this.#done = true;
      await this.#it.return?.(undefined);
    }
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }
}

const REBATCH_ITEMS = 1024;
const REBATCH_WAIT_MS = 10;

interface Waiter<T> {
  resolve(r: IteratorResult<Chunk<T>>): void;
  reject(e: unknown): void;
}

/**
 * Gathers the items a user's own stage yields back into chunks, so that the
 * stages after it still work on arrays. A chunk is handed on when it holds
 * 1024 items, when the user's stage waits for more input, after 10 ms, or at
 * the end.
 */
export class Rebatcher<T> implements AsyncIterator<Chunk<T>> {
  #it: AsyncIterator<T>;
  #input: Unbatcher<unknown> | undefined;
  #count = 0;
  #items: T[] = [];
  #lines: number[] = [];
  #path: string | undefined = undefined;
  #waiter: Waiter<T> | undefined = undefined;
  #pulling = false;
  #done = false;
  #error: { error: unknown } | undefined = undefined;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;

  /**
   * @param output The user's items.
   * @param input The user's stage's input, for line numbers and to hand on a
   * chunk when the stage waits for more input; without it items are numbered.
   */
  constructor(
    output: AsyncIterable<T>,
    input: Unbatcher<unknown> | undefined,
  ) {
    this.#it = output[Symbol.asyncIterator]();
    this.#input = input;
    if (input !== undefined) {
      input.onStarve = () => {
        if (this.#items.length > 0) this.#flush();
      };
    }
  }

  next(): Promise<IteratorResult<Chunk<T>>> {
    if (this.#error !== undefined && this.#items.length === 0) {
      return Promise.reject(this.#error.error);
    }
    if (this.#done && this.#items.length === 0) {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
      if (this.#done) {
        this.#flush();
      } else {
        if (this.#items.length > 0) this.#armTimer();
        this.#pump();
      }
    });
  }

  #armTimer(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#flush();
    }, REBATCH_WAIT_MS);
  }

  #pump(): void {
    if (this.#pulling) return;
    this.#pulling = true;
    this.#it.next().then(this.#onItem, this.#onError);
  }

  #onItem = (r: IteratorResult<T>): void => {
    this.#pulling = false;
    if (r.done === true) {
      this.#done = true;
      this.#flush();
      return;
    }
    if (this.#items.length === 0) this.#path = this.#input?.path;
    this.#items.push(r.value);
    this.#count++;
    this.#lines.push(
      this.#input === undefined ? this.#count : this.#input.line ?? 0,
    );
    if (this.#items.length >= REBATCH_ITEMS) {
      this.#flush();
    } else if (this.#waiter !== undefined) {
      this.#armTimer();
      this.#pump();
    }
  };

  #onError = (error: unknown): void => {
    this.#pulling = false;
    this.#done = true;
    this.#error = { error };
    // What the stage yielded before it failed is handed on first.
    if (this.#items.length > 0) {
      this.#flush();
      return;
    }
    this.#clearTimer();
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(error);
  };

  #clearTimer(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #flush(): void {
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    this.#clearTimer();
    this.#waiter = undefined;
    if (this.#items.length === 0) {
      waiter.resolve({ value: undefined, done: true });
      return;
    }
    const chunk = numbered(this.#items, this.#lines, this.#path);
    this.#items = [];
    this.#lines = [];
    waiter.resolve({ value: chunk, done: false });
  }

  async return(): Promise<IteratorResult<Chunk<T>>> {
    this.#clearTimer();
    this.#items = [];
    if (!this.#done) {
      this.#done = true;
      await this.#it.return?.(undefined);
    }
    await this.#input?.return();
    return { value: undefined, done: true };
  }
}

/** A chunk stream over any async or sync iterable of items. */
export function chunksOf<T>(
  source: AsyncIterable<T> | Iterable<T>,
): AsyncIterable<Chunk<T>> {
  if (Symbol.asyncIterator in source) {
    return {
      [Symbol.asyncIterator]: () => new Rebatcher(source, undefined),
    };
  }
  return syncChunks(source);
}

const SYNC_CHUNK_ITEMS = 1024;

async function* syncChunks<T>(source: Iterable<T>): AsyncGenerator<Chunk<T>> {
  let items: T[] = [];
  let first = 1;
  for (const item of source) {
    items.push(item);
    if (items.length === SYNC_CHUNK_ITEMS) {
      yield consecutive(items, first);
      first += items.length;
      items = [];
    }
  }
  if (items.length > 0) yield consecutive(items, first);
}

/** Whether `value` is a promise or other thenable that `await` would adopt. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null &&
    typeof (value as { then?: unknown }).then === "function";
}

/**
 * Makes the public function of a built-in stage: in a pipeline it runs on
 * chunks; called on its own it takes and yields single items.
 */
export function defineStage<I, O>(
  given: StageImpl<I, O> | TransformImpl<I, O>,
): (source: AsyncIterable<I>) => AsyncIterable<O> {
  const impl = "run" in given ? given : fromTransform(given);
  const standalone = (source: AsyncIterable<I>): AsyncIterable<O> => ({
    [Symbol.asyncIterator]() {
      const summary = new Summary();
      const stats = summary.addStage(
        impl.name ?? impl.kind,
        impl.kind,
        impl.bound,
      );
      const ctx: RunContext = {
        path: undefined,
        unit: "item",
        signal: undefined,
        summary,
        resources: new Set(),
      };
      return new Unbatcher(
        closing(measured(impl, chunksOf(source), stats, ctx), ctx),
      );
    },
  });
  return register(standalone, impl);
}

/** Closes the run's resources (dead letters) when `chunks` ends or stops. */
async function* closing<T>(
  chunks: AsyncIterable<Chunk<T>>,
  ctx: RunContext,
): AsyncGenerator<Chunk<T>> {
  try {
    yield* chunks;
    const closed = await closeResources(ctx, false);
    if (closed !== undefined) throw closed.error;
  } finally {
    // A failure or an early stop: the dead letters are committed all the same.
    await closeResources(ctx, true);
  }
}

/** Throws a TypeError naming the stage when a callback is not a function. */
export function requireFunction(kind: string, name: string, fn: unknown): void {
  if (typeof fn !== "function") {
    throw new TypeError(
      `Cannot create ${kind} stage: ${name} must be a function, got ${typeof fn}`,
    );
  }
}
