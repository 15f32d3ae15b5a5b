// Copyright 2026 the sluice authors. MIT license.
// What the pipeline wraps around each stage: its figures (items in and out,
// what it holds, busy time without upstream time), its errors named with the
// stage and place, and the fused loop for consecutive per-chunk stages.

import { type Chunk, positionOnly } from "./_chunk.ts";
import { type RunContext, stageFailure } from "./_context.ts";
import type { Place } from "./position.ts";
import type { StageImpl, Transform } from "./_registry.ts";
import type { StageStats } from "../summary/_record.ts";
import { estimateBytes } from "../summary/_estimate.ts";

/** One stage of a fused run. */
export interface FusedStep {
  impl: StageImpl<unknown, unknown>;
  stats: StageStats;
}

/**
 * Runs consecutive transform stages in one loop: each chunk goes through all
 * of them before the next is pulled. Each stage's figures are kept as if it
 * ran alone.
 */
export function fused(
  steps: FusedStep[],
  input: AsyncIterable<Chunk<unknown>>,
  ctx: RunContext,
): AsyncIterable<Chunk<unknown>> {
  const loop = new FusedLoop(steps, input, ctx);
  return { [Symbol.asyncIterator]: () => loop };
}

/**
 * What the fused stages make of a chunk: a result to hand on, undefined when
 * they keep nothing of it, or a promise of either when a stage waits.
 */
type Pending =
  | IteratorResult<Chunk<unknown>>
  | undefined
  | Promise<IteratorResult<Chunk<unknown>> | undefined>;

/**
 * The loop of {@linkcode fused}, written with `then` rather than as an async
 * generator (see ItemView's #pull): it keeps less alive while it waits.
 */
class FusedLoop implements AsyncIterator<Chunk<unknown>> {
  #steps: FusedStep[];
  // Made at the first pull, when the run starts (a dead letter opens then).
  #transforms: Transform<unknown, unknown>[] | undefined = undefined;
  #it: AsyncIterator<Chunk<unknown>>;
  #ctx: RunContext;
  #done = false;

  constructor(
    steps: FusedStep[],
    input: AsyncIterable<Chunk<unknown>>,
    ctx: RunContext,
  ) {
    this.#steps = steps;
    this.#it = input[Symbol.asyncIterator]();
    this.#ctx = ctx;
  }

  next(): Promise<IteratorResult<Chunk<unknown>>> {
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    try {
      this.#transforms ??= this.#steps.map((s) =>
        s.impl.transformer!(s.stats, this.#ctx)
      );
      return this.#it.next().then(this.#took);
    } catch (error) {
      this.#done = true;
      return Promise.reject(error);
    }
  }

  async return(): Promise<IteratorResult<Chunk<unknown>>> {
    if (!this.#done) {
      this.#done = true;
      await this.#it.return?.(undefined);
    }
    return { value: undefined, done: true };
  }

  #took = (
    r: IteratorResult<Chunk<unknown>>,
  ):
    | IteratorResult<Chunk<unknown>>
    | Promise<IteratorResult<Chunk<unknown>>> => {
    const out = this.#process(r);
    if (out === undefined) return this.#skip();
    return out instanceof Promise ? out.then(this.#orSkip) : out;
  };

  #orSkip = (
    out: IteratorResult<Chunk<unknown>> | undefined,
  ):
    | IteratorResult<Chunk<unknown>>
    | Promise<IteratorResult<Chunk<unknown>>> => out ?? this.#skip();

  /**
   * Pulls on past the chunks the stages keep nothing of, all in one promise.
   * Pulling again from inside a `then` (`return this.next()`) made each such
   * chunk a promise waiting on the next one, all of them alive until a chunk
   * was kept: a filter that kept nothing of 1 GiB held the whole chain,
   * 96.9 MiB peak RSS against 62.2 over 256 MiB (140.7 over 4 GiB).
   */
  async #skip(): Promise<IteratorResult<Chunk<unknown>>> {
    while (!this.#done) {
      let pulled: Promise<IteratorResult<Chunk<unknown>>>;
      try {
        pulled = this.#it.next();
      } catch (error) {
        this.#done = true;
        throw error;
      }
      const pending = this.#process(await pulled);
      const out = pending instanceof Promise ? await pending : pending;
      if (out !== undefined) return out;
    }
    return { value: undefined, done: true };
  }

  /**
   * What the stages make of the input's result `r`: a result to hand on, a
   * promise of one (or of undefined) when a stage waits, or undefined when
   * they keep nothing of it.
   */
  #process(r: IteratorResult<Chunk<unknown>>): Pending {
    if (r.done === true) {
      this.#done = true;
      return r;
    }
    const chunk = r.value;
    if (chunk.items.length === 0) {
      // In a checkpointed run the source's position must reach the sink
      // even when the stages keep nothing of the chunk.
      return chunk.position !== undefined ? r : undefined;
    }
    return this.#from(chunk, chunk, 0);
  }

  /** Runs the stages from the k-th on `c`, made of the source's `chunk`. */
  #from(
    chunk: Chunk<unknown>,
    c: Chunk<unknown>,
    k: number,
  ): Pending {
    const steps = this.#steps;
    for (; k < steps.length; k++) {
      const { stats } = steps[k]!;
      const n = c.items.length;
      stats.itemsIn += n;
      stats.hold(n, estimateBytes(c.items));
      const t = now();
      let r: Chunk<unknown> | undefined | Promise<Chunk<unknown> | undefined>;
      try {
        r = this.#transforms![k]!(c);
      } catch (error) {
        stats.busyMs += now() - t;
        return this.#failed(error, stats, c);
      }
      if (r instanceof Promise) {
        const at = c;
        const next = k + 1;
        return r.then(
          (out) => {
            stats.busyMs += now() - t;
            return this.#kept(chunk, out, stats, next);
          },
          (error) => {
            stats.busyMs += now() - t;
            return this.#failed(error, stats, at);
          },
        );
      }
      stats.busyMs += now() - t;
      if (r === undefined || r.items.length === 0) return this.#end(chunk);
      stats.itemsOut += r.items.length;
      c = r;
    }
    return this.#end(chunk, c);
  }

  /** Goes on after a stage that returned a promise. */
  #kept(
    chunk: Chunk<unknown>,
    out: Chunk<unknown> | undefined,
    stats: StageStats,
    next: number,
  ): Pending {
    if (out === undefined || out.items.length === 0) return this.#end(chunk);
    stats.itemsOut += out.items.length;
    return this.#from(chunk, out, next);
  }

  /** What becomes of the source's `chunk`: `c`, or nothing. */
  #end(
    chunk: Chunk<unknown>,
    c?: Chunk<unknown>,
  ): IteratorResult<Chunk<unknown>> | undefined {
    const position = chunk.position;
    if (position !== undefined) {
      c ??= positionOnly(position, chunk.firstLine);
      c.position = position;
    }
    return c === undefined ? undefined : { value: c, done: false };
  }

  /** A stage failed on `c`: the input is closed, the error named. */
  async #failed(
    error: unknown,
    stats: StageStats,
    c: Chunk<unknown>,
  ): Promise<never> {
    this.#done = true;
    try {
      await this.#it.return?.(undefined);
    } catch {
      // The stage's error is the one to report.
    }
    throw stageFailure(error, stats, this.#ctx, {
      line: c.firstLine,
      path: c.path,
    });
  }
}

function now(): number {
  return performance.now();
}

/** Timing and position shared by a stage's input and output meters. */
export class Meter {
  /** Milliseconds spent waiting on upstream during the current pull. */
  upstream = 0;
  /** When the pull from upstream under way began, if one is. */
  pullStart: number | undefined = undefined;

  /** Upstream time of the current pull so far, a pull under way included. */
  upstreamNow(): number {
    const start = this.pullStart;
    return this.upstream + (start === undefined ? 0 : now() - start);
  }
  /** Line of the first item of the last input chunk. */
  lastLine: number | undefined = undefined;
  /** Path of the last input chunk. */
  lastPath: string | undefined = undefined;

  /** Place the stage was: its last input chunk. */
  place = (): Place => ({ line: this.lastLine, path: this.lastPath });
}

/**
 * Counts a stage's input: items in, the chunk it holds, upstream time. A
 * stage that declares its bound in bytes reports what it holds itself
 * (`heldBytes: false`): the chunk it is handed is its upstream's.
 */
export function meteredInput<I>(
  input: AsyncIterable<Chunk<I>>,
  stats: StageStats,
  meter: Meter,
  countItems = true,
  heldBytes = true,
): AsyncIterable<Chunk<I>> {
  const it = input[Symbol.asyncIterator]();
  // A `then`, not an async function (see ItemView's #pull).
  let t = 0;
  const pulled = () => {
    meter.upstream += now() - t;
    meter.pullStart = undefined;
  };
  const took = (r: IteratorResult<Chunk<I>>): IteratorResult<Chunk<I>> => {
    pulled();
    if (r.done !== true) {
      const items = r.value.items;
      if (countItems) stats.itemsIn += items.length;
      stats.hold(items.length, heldBytes ? estimateBytes(items) : 0);
      meter.lastLine = r.value.firstLine;
      meter.lastPath = r.value.path;
    }
    return r;
  };
  // Also when the pull fails: that time was upstream's.
  const failed = (error: unknown): never => {
    pulled();
    throw error;
  };
  const iterator: AsyncIterator<Chunk<I>> = {
    next() {
      t = now();
      meter.pullStart = t;
      try {
        return it.next().then(took, failed);
      } catch (error) {
        pulled();
        return Promise.reject(error);
      }
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
export function meteredOutput<O>(
  output: AsyncIterable<Chunk<O>>,
  stats: StageStats,
  ctx: RunContext,
  meter: Meter,
  place: () => Place,
): AsyncIterable<Chunk<O>> {
  const it = new MeteredOutput(output, stats, ctx, meter, place);
  return { [Symbol.asyncIterator]: () => it };
}

/**
 * The iterator of {@linkcode meteredOutput}, written with `then` rather than
 * as an async generator (see ItemView's #pull).
 */
class MeteredOutput<O> implements AsyncIterator<Chunk<O>> {
  #output: AsyncIterable<Chunk<O>>;
  #out: AsyncIterator<Chunk<O>> | undefined = undefined;
  #stats: StageStats;
  #ctx: RunContext;
  #meter: Meter;
  #place: () => Place;
  #untrack: (() => void) | undefined = undefined;
  #done = false;
  // The stage's own time in a pull, upstream time excluded; stopped when
  // the pull ends, or by the run's end when an abort or a failure cuts it
  // short (else the sink downstream would be charged with it).
  #t: number | undefined = undefined;
  #clock = {
    stop: () => {
      if (this.#t === undefined) return;
      // A user stage's input may have been pulled before this call began.
      this.#stats.busyMs += Math.max(
        0,
        now() - this.#t - this.#meter.upstreamNow(),
      );
      this.#t = undefined;
    },
  };

  constructor(
    output: AsyncIterable<Chunk<O>>,
    stats: StageStats,
    ctx: RunContext,
    meter: Meter,
    place: () => Place,
  ) {
    this.#output = output;
    this.#stats = stats;
    this.#ctx = ctx;
    this.#meter = meter;
    this.#place = place;
  }

  next(): Promise<IteratorResult<Chunk<O>>> {
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    try {
      if (this.#out === undefined) {
        this.#out = this.#output[Symbol.asyncIterator]();
        this.#untrack = this.#ctx.track(this.#clock);
      }
      this.#meter.upstream = 0;
      this.#t = now();
      return this.#out.next().then(this.#took, this.#failed);
    } catch (error) {
      return this.#failed(error);
    }
  }

  async return(): Promise<IteratorResult<Chunk<O>>> {
    if (!this.#done) {
      this.#done = true;
      this.#untrack?.();
      await this.#out?.return?.(undefined);
    }
    return { value: undefined, done: true };
  }

  #took = (
    r: IteratorResult<Chunk<O>>,
  ): IteratorResult<Chunk<O>> | Promise<IteratorResult<Chunk<O>>> => {
    this.#clock.stop();
    if (r.done === true) return this.return();
    this.#stats.itemsOut += r.value.items.length;
    return r;
  };

  #failed = async (error: unknown): Promise<never> => {
    this.#clock.stop();
    try {
      await this.return();
    } catch {
      // The stage's error is the one to report.
    }
    throw stageFailure(error, this.#stats, this.#ctx, this.#place());
  };
}

/** Runs a built-in stage with its figures kept and its errors named. */
export function measured<I, O>(
  impl: StageImpl<I, O>,
  input: AsyncIterable<Chunk<I>>,
  stats: StageStats,
  ctx: RunContext,
  bytes = false,
): AsyncIterable<Chunk<O>> {
  const meter = new Meter();
  const counted = meteredInput(
    input,
    stats,
    meter,
    true,
    impl.boundBytes === undefined,
  );
  return meteredOutput(
    impl.run(counted, stats, ctx, bytes),
    stats,
    ctx,
    meter,
    meter.place,
  );
}
