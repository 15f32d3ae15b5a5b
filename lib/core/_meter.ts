// Copyright 2026 the sluice authors. MIT license.
// What the pipeline wraps around each stage: its figures (items in and out,
// what it holds, busy time without upstream time), its errors named with the
// stage and place, and the fused loop for consecutive per-chunk stages.

import { type Chunk, positionOnly } from "./_chunk.ts";
import { type RunContext, stageFailure } from "./_context.ts";
import type { Place } from "./position.ts";
import type { StageImpl } from "./_registry.ts";
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
export async function* fused(
  steps: FusedStep[],
  input: AsyncIterable<Chunk<unknown>>,
  ctx: RunContext,
): AsyncGenerator<Chunk<unknown>> {
  const transforms = steps.map((s) => s.impl.transformer!(s.stats, ctx));
  for await (const chunk of input) {
    // In a checkpointed run the source's position must reach the sink even
    // when the stages keep nothing of the chunk.
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
  const iterator: AsyncIterator<Chunk<I>> = {
    async next() {
      const t = now();
      meter.pullStart = t;
      let r: IteratorResult<Chunk<I>>;
      try {
        r = await it.next();
      } finally {
        // Also when the pull fails: that time was upstream's.
        meter.upstream += now() - t;
        meter.pullStart = undefined;
      }
      if (r.done !== true) {
        const items = r.value.items;
        if (countItems) stats.itemsIn += items.length;
        stats.hold(items.length, heldBytes ? estimateBytes(items) : 0);
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
  place: () => Place,
): AsyncGenerator<Chunk<O>> {
  const out = output[Symbol.asyncIterator]();
  // The stage's own time in a pull, upstream time excluded; stopped when
  // the pull ends, or by the run's end when an abort or a failure cuts it
  // short (else the sink downstream would be charged with it).
  let t: number | undefined;
  const clock = {
    stop() {
      if (t === undefined) return;
      // A user stage's input may have been pulled before this call began.
      stats.busyMs += Math.max(0, now() - t - meter.upstreamNow());
      t = undefined;
    },
  };
  const untrack = ctx.track(clock);
  try {
    while (true) {
      meter.upstream = 0;
      t = now();
      let r: IteratorResult<Chunk<O>>;
      try {
        r = await out.next();
      } finally {
        clock.stop();
      }
      if (r.done === true) return;
      stats.itemsOut += r.value.items.length;
      yield r.value;
    }
  } catch (error) {
    throw stageFailure(error, stats, ctx, place());
  } finally {
    untrack();
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
  const counted = meteredInput(
    input,
    stats,
    meter,
    true,
    impl.boundBytes === undefined,
  );
  return meteredOutput(
    impl.run(counted, stats, ctx),
    stats,
    ctx,
    meter,
    meter.place,
  );
}
