// Copyright 2026 the sluice authors. MIT license.
// The engine of the stages that call a function once per item (map, filter,
// tap, flatMap). A stage says only what becomes of a call's result (its
// outcome); the engine calls, numbers the items (the running `index`),
// switches to awaiting when a call returns a promise, and applies the error
// policy.
//
// The common case, a synchronous callback and nothing failing, is a plain
// `for` loop per outcome with no await, no closure and no dispatch per
// item. The rest of a chunk leaves that loop for one slow path, shared by
// all outcomes: once a call returns a promise (then each later call is
// awaited in turn) or once an item fails under a skip or dead-letter policy
// (then the output goes into a new array).

import { type Chunk, ChunkBuilder, lineOf, withItems } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import { checkAborted, failAt, type RunContext } from "../core/_context.ts";
import { isThenable } from "../core/_adapters.ts";
import type { FusedKeep, LineBytesMap, Transform } from "../core/_registry.ts";
import type { Stage } from "../core/types.ts";
import {
  DEAD_LETTER_RESUME,
  Failures,
  type Policy,
} from "../policy/_policy.ts";
import type { StageStats } from "../summary/_record.ts";

/**
 * What becomes of an item given its call's result: the result replaces it
 * (`map`), it stays when the result is truthy (`filter`), it passes on
 * whatever the result (`tap`), or the result's elements replace it
 * (`flatMap`).
 */
export type Outcome = "replace" | "keep" | "pass" | "expand";

/** What a per-item stage is made of. */
export type PerItemSpec<I, O> =
  & {
    kind: string;
    name: string | undefined;
    /** Undefined for the default policy, "fail". */
    policy?: Policy | undefined;
    /**
     * With the outcome "replace": the same map on a line's UTF-8, which a
     * line source may run as it cuts the lines out (see
     * StageImpl.mapsLineBytes).
     */
    mapsLineBytes?: (() => LineBytesMap) | undefined;
  }
  & (
    | { outcome: "replace"; fn: (item: I, index: number) => O | Promise<O> }
    | { outcome: "keep" | "pass"; fn: (item: I, index: number) => unknown }
    | {
      outcome: "expand";
      fn: (item: I, index: number) => Iterable<O> | Promise<Iterable<O>>;
    }
  );

// An expanding stage hands on its results in chunks of at most this many
// items, so that an item that expands to many (or to an endless iterable)
// does not make one huge chunk.
// 8192: `bench/defaults.ts --only MAX_OUT` (flatMap of every word of the 256
// MiB corpus, V8's defaults, medians of 3): 114.5 MiB in 2.77 s; 2048: 115.1
// MiB in 2.75 s, 32768: 113.9 MiB in 2.66 s (no difference above noise).
const MAX_OUT = 8192;

/**
 * Makes a stage that calls `spec.fn` on every item, with the item and its
 * 0-based index, and does with each result what `spec.outcome` says.
 *
 * Memory: one chunk in flight; an expanding stage, one input chunk plus at
 * most 8192 results, plus what one call returns. An expanding stage is not
 * fused with its neighbours, since one item may have to be handed on in
 * several chunks.
 */
export function perItemStage<I, O>(spec: PerItemSpec<I, O>): Stage<I, O> {
  const { kind, name, policy } = spec;
  const unresumable = policy?.writer === undefined
    ? undefined
    : DEAD_LETTER_RESUME;
  const calls = (stats: StageStats, ctx: RunContext) =>
    new Calls<I, O>(
      spec.fn,
      spec.outcome,
      policy && new Failures(policy, stats, ctx),
      stats,
      ctx,
    );
  if (spec.outcome === "expand") {
    return defineStage<I, O>({
      kind,
      name,
      bound: `1 chunk + ${MAX_OUT} results`,
      unresumable,
      run: (input, stats, ctx) => expanded(calls(stats, ctx), input),
    });
  }
  const loop = spec.outcome === "replace"
    ? replacing
    : spec.outcome === "keep"
    ? keeping
    : passing;
  return defineStage<I, O>({
    kind,
    name,
    bound: "1 chunk",
    unresumable,
    // A filter with no policy: a line source may call its predicate as it
    // cuts the lines out, the lines it drops never put in a chunk.
    keeps: spec.outcome === "keep" && policy === undefined
      ? (stats, ctx) =>
        keepCalls(
          spec.fn as (line: string, index: number) => unknown,
          stats,
          ctx,
        )
      : undefined,
    mapsLineBytes: spec.outcome === "replace" ? spec.mapsLineBytes : undefined,
    transformer(stats, ctx) {
      const run = calls(stats, ctx);
      const transform = loop(run);
      const failures = run.failures;
      if (failures === undefined) return transform;
      // The dead letter opens when the run starts; the first chunk waits.
      return (chunk) =>
        failures.ready === undefined
          ? transform(chunk)
          : failures.ready.then(() => transform(chunk));
    },
  });
}

/** One run of a per-item stage: its calls, their count, their failures. */
class Calls<I, O> {
  /** The index of the next call. */
  index = 0;
  readonly fn: (item: I, index: number) => unknown;
  readonly outcome: Outcome;
  readonly failures: Failures | undefined;
  readonly stats: StageStats;
  readonly ctx: RunContext;

  constructor(
    fn: (item: I, index: number) => unknown,
    outcome: Outcome,
    failures: Failures | undefined,
    stats: StageStats,
    ctx: RunContext,
  ) {
    this.fn = fn;
    this.outcome = outcome;
    this.failures = failures;
    this.stats = stats;
    this.ctx = ctx;
  }

  /**
   * Item `i` of `chunk` failed with `error`: throws the stage's error, or,
   * under a policy, records the failure and returns a promise when the
   * caller must wait (a dead-letter write).
   */
  fail(
    chunk: Chunk<I>,
    i: number,
    error: unknown,
  ): Promise<void> | undefined {
    if (this.failures === undefined) {
      throw failAt(error, this.stats, this.ctx, chunk, i);
    }
    return this.failures.add(
      error,
      chunk.items[i],
      lineOf(chunk, i),
      chunk.path,
    );
  }

  /**
   * Goes on with `chunk` from item `from`, whose call returned `result`
   * (a promise, or the error it threw when `failed`), one call at a time.
   * The items before `from` are done: in `kept` or, without it, in place
   * ("replace" wrote its results into `chunk.items`; "pass" left them).
   */
  async slow(
    chunk: Chunk<I>,
    from: number,
    result: unknown,
    failed: boolean,
    kept: ChunkBuilder<unknown> | undefined,
  ): Promise<Chunk<O> | undefined> {
    const items = chunk.items;
    const n = items.length;
    const fn = this.fn;
    let r = result;
    for (let i = from; i < n; i++) {
      if (i > from) {
        // An abort that came while the last call awaited ends the chunk
        // here: no more calls of a callback that takes its time.
        checkAborted(this.ctx);
        try {
          r = fn(items[i]!, this.index++);
          failed = false;
        } catch (error) {
          r = error;
          failed = true;
        }
      }
      if (!failed) {
        try {
          if (isThenable(r)) r = await r;
          this.#take(chunk, i, r, kept);
          continue;
        } catch (error) {
          r = error;
        }
      }
      // Throws without a policy.
      const wait = this.fail(chunk, i, r);
      // From an item that failed on, the output goes into a new array,
      // starting with what is done in place (map's results or tap's items).
      if (kept === undefined) {
        kept = new ChunkBuilder();
        kept.keepHead(chunk, i);
      }
      // Awaited only when the dead letter must write.
      if (wait !== undefined) await wait;
    }
    if (kept !== undefined) return kept.build(chunk) as Chunk<O> | undefined;
    return this.outcome === "replace"
      ? withItems(chunk, items as unknown[] as O[])
      : chunk as unknown as Chunk<O>;
  }

  /** What becomes of item `i` given its result `r`, off the fast path. */
  #take(
    chunk: Chunk<I>,
    i: number,
    r: unknown,
    kept: ChunkBuilder<unknown> | undefined,
  ): void {
    switch (this.outcome) {
      case "replace":
        if (kept === undefined) (chunk.items as unknown[])[i] = r;
        else kept.push(r, lineOf(chunk, i));
        return;
      case "keep":
        if (r) kept!.keep(chunk, i);
        return;
      case "pass":
        kept?.keep(chunk, i);
        return;
    }
  }
}

/**
 * The calls of `fn` in one run, as a filter with no error policy makes them,
 * for a line source to make as it cuts the lines out (see FusedKeep); a call
 * that fails is reported as the failure of the stage whose row is `stats`.
 */
export function keepCalls(
  fn: (line: string, index: number) => unknown,
  stats: StageStats,
  ctx: RunContext,
): FusedKeep {
  return new KeepCalls(fn, stats, ctx);
}

/**
 * A filter's calls in one run as a line source makes them (see FusedKeep):
 * the source counts up `index` with each call, so that the calls the stage
 * makes itself after a promise or an error go on from there.
 */
class KeepCalls extends Calls<string, string> implements FusedKeep {
  readonly transform: Transform<string, string> = keeping(this);

  constructor(
    fn: (line: string, index: number) => unknown,
    stats: StageStats,
    ctx: RunContext,
  ) {
    super(fn, "keep", undefined, stats, ctx);
  }

  resume(
    chunk: Chunk<string>,
    from: number,
    result: unknown,
    failed: boolean,
  ): Promise<Chunk<string> | undefined> {
    const kept = new ChunkBuilder<unknown>();
    kept.keepHead(chunk, from);
    return this.slow(chunk, from, result, failed, kept);
  }
}

// The fast loops, one per outcome so that each call site stays monomorphic.
// Each keeps the running index in a local (a field or closure variable
// written per item costs) and tests for a promise inline: `isThenable`'s
// one `.then` load would see the results of every stage of the program.

/** map: the results replace the items in the chunk's own array. */
function replacing<I, O>(run: Calls<I, O>): Transform<I, O> {
  const fn = run.fn;
  return (chunk) => {
    const items = chunk.items as unknown[];
    const n = items.length;
    const base = run.index;
    // Whether every result is its item (a map that hands some lines on as
    // they are, or counts them): then the chunk's note of non-ASCII lines
    // still holds. Compared up to the first result that is not.
    let same = chunk.wide !== undefined;
    let i = 0;
    try {
      for (; i < n; i++) {
        const r = fn(items[i] as I, base + i);
        if (
          typeof r === "object" && r !== null &&
          typeof (r as { then?: unknown }).then === "function"
        ) {
          run.index = base + i + 1;
          return run.slow(chunk, i, r, false, undefined);
        }
        if (same && r !== items[i]) same = false;
        // A chunk belongs to the stage that receives it: this saves an array.
        items[i] = r;
      }
    } catch (error) {
      run.index = base + i + 1;
      return run.slow(chunk, i, error, true, undefined);
    }
    run.index = base + n;
    return withItems(chunk, items as O[], same ? chunk.wide : undefined);
  };
}

/** filter: the items whose result is truthy, with their line numbers. */
function keeping<I, O>(run: Calls<I, O>): Transform<I, O> {
  const fn = run.fn;
  return (chunk) => {
    const items = chunk.items;
    const n = items.length;
    const kept = new ChunkBuilder<unknown>();
    const base = run.index;
    let i = 0;
    try {
      for (; i < n; i++) {
        const r = fn(items[i]!, base + i);
        if (
          typeof r === "object" && r !== null &&
          typeof (r as { then?: unknown }).then === "function"
        ) {
          run.index = base + i + 1;
          return run.slow(chunk, i, r, false, kept);
        }
        if (r) kept.keep(chunk, i);
      }
    } catch (error) {
      run.index = base + i + 1;
      return run.slow(chunk, i, error, true, kept);
    }
    run.index = base + n;
    return kept.build(chunk) as Chunk<O> | undefined;
  };
}

/** tap: the chunk goes on as it came. */
function passing<I, O>(run: Calls<I, O>): Transform<I, O> {
  const fn = run.fn;
  return (chunk) => {
    const items = chunk.items;
    const n = items.length;
    const base = run.index;
    let i = 0;
    try {
      for (; i < n; i++) {
        const r = fn(items[i]!, base + i);
        if (
          typeof r === "object" && r !== null &&
          typeof (r as { then?: unknown }).then === "function"
        ) {
          run.index = base + i + 1;
          return run.slow(chunk, i, r, false, undefined);
        }
      }
    } catch (error) {
      run.index = base + i + 1;
      return run.slow(chunk, i, error, true, undefined);
    }
    run.index = base + n;
    return chunk as unknown as Chunk<O>;
  };
}

/**
 * flatMap: the elements of each result, handed on part-way whenever 8192
 * are gathered, so that one item that expands to many stays within the
 * bound. A run of its own, not a transform: a transform hands on at most
 * one chunk per chunk.
 */
async function* expanded<I, O>(
  run: Calls<I, O>,
  input: AsyncIterable<Chunk<I>>,
): AsyncGenerator<Chunk<O>> {
  const { fn, stats, failures } = run;
  // The dead letter opens when the run starts; the first chunk waits.
  if (failures?.ready !== undefined) await failures.ready;
  let index = 0;
  let awaited = false;
  const out = new ChunkBuilder<O>();
  for await (const chunk of input) {
    const items = chunk.items;
    for (let i = 0; i < items.length; i++) {
      // An abort that came while the last call awaited: no more calls.
      if (awaited) {
        awaited = false;
        checkAborted(run.ctx);
      }
      // Where this item's elements start in `out`, to drop them if it fails.
      let start = out.length;
      try {
        let r = fn(items[i]!, index++);
        if (isThenable(r)) {
          awaited = true;
          r = await r;
        }
        const line = lineOf(chunk, i);
        // for...of closes the iterable if the run stops part-way.
        for (const o of r as Iterable<O>) {
          out.push(o, line);
          if (out.length >= MAX_OUT) {
            stats.hold(items.length + out.length, 0);
            yield out.build(chunk)!;
            start = 0;
          }
        }
      } catch (error) {
        // Throws without a policy; with one, the item's elements not handed
        // on yet go with it.
        const wait = run.fail(chunk, i, error);
        out.truncate(start);
        if (wait !== undefined) await wait;
      }
    }
    if (out.length > 0) {
      stats.hold(items.length + out.length, 0);
      yield out.build(chunk)!;
    }
  }
}
