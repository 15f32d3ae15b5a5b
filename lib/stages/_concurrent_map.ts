// Copyright 2026 the sluice authors. MIT license.
// map() with several calls in flight. At most `concurrency` items are between
// being taken from the input and being handed on (in flight, or done and
// waiting for an earlier item in ordered mode), so the input is pulled only
// as fast as results leave: backpressure holds and memory stays bounded.

import { type Chunk, lineOf, numbered } from "../core/_chunk.ts";
import {
  checkAborted,
  type RunContext,
  stageFailure,
} from "../core/_context.ts";
import { isThenable } from "../core/_adapters.ts";
import type { StageStats } from "../summary/_record.ts";
import type { Failures } from "../policy/_policy.ts";

interface Slot<O> {
  line: number;
  path: string | undefined;
  /** The input item, kept only for an error policy's dead letter. */
  item?: unknown;
  state: "running" | "done" | "failed";
  value?: O;
  error?: unknown;
}

type Pulled<I> =
  | { result: IteratorResult<Chunk<I>> }
  | { error: unknown };

/** The chunk-level run of a concurrent map. */
export async function* concurrentMap<I, O>(
  input: AsyncIterable<Chunk<I>>,
  stats: StageStats,
  ctx: RunContext,
  fn: (item: I, index: number) => O | Promise<O>,
  concurrency: number,
  ordered: boolean,
  policy?: () => Failures | undefined,
): AsyncGenerator<Chunk<O>> {
  // The dead letter opens when the run starts (not when the pipeline is
  // built), before the first call.
  const failures = policy?.();
  if (failures?.ready !== undefined) await failures.ready;
  const it = input[Symbol.asyncIterator]();
  let chunk: Chunk<I> | undefined;
  let next = 0; // the next item of `chunk` to start
  let sourceDone = false;
  let pulling = false;
  let pulled: Pulled<I> | undefined;
  let pullSettled: Promise<unknown> = Promise.resolve();
  let index = 0;
  let stopped = false;
  // Ordered: every started item in input order, handed on from the front.
  // Unordered: finished items in the order they finished.
  const queue: Slot<O>[] = [];
  let running = 0;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const peak = (name: string, value: number) => {
    if (value > (stats.counters[name] ?? 0)) stats.counters[name] = value;
  };

  const start = (item: I, line: number, path: string | undefined) => {
    const slot: Slot<O> = { line, path, state: "running" };
    if (failures !== undefined) slot.item = item;
    if (ordered) queue.push(slot);
    running++;
    peak("inFlightPeak", running);
    const settle = () => {
      running--;
      if (!ordered) queue.push(slot);
      signal();
    };
    const done = (value: O) => {
      slot.state = "done";
      slot.value = value;
      slot.item = undefined;
      settle();
    };
    const failed = (error: unknown) => {
      slot.state = "failed";
      slot.error = error;
      settle();
    };
    let result: O | Promise<O>;
    try {
      result = fn(item, index++);
    } catch (error) {
      failed(error);
      return;
    }
    // One reaction per call: no extra promises for a call that is already
    // a promise, none at all for one that returned a plain value.
    if (result instanceof Promise) result.then(done, failed);
    else if (isThenable(result)) Promise.resolve(result).then(done, failed);
    else queueMicrotask(() => done(result as O));
  };

  const startPull = () => {
    pulling = true;
    const p = it.next();
    pullSettled = p.then(
      (result) => {
        pulled = { result };
      },
      (error) => {
        pulled = { error };
      },
    ).finally(() => {
      pulling = false;
      signal();
    });
  };

  // Items taken from the input and not yet handed on.
  const held = () => ordered ? queue.length : running + queue.length;

  // An abort wakes the loop, which then stops with the abort's reason.
  ctx.signal?.addEventListener("abort", signal);
  try {
    while (true) {
      checkAborted(ctx);
      if (pulled !== undefined) {
        const p = pulled;
        pulled = undefined;
        if ("error" in p) throw p.error;
        if (p.result.done === true) {
          sourceDone = true;
        } else {
          chunk = p.result.value;
          next = 0;
          stats.hold(chunk.items.length + held(), 0);
        }
      }
      // Start calls while there is room and input at hand.
      while (!stopped && held() < concurrency && !ctx.signal?.aborted) {
        if (chunk !== undefined && next < chunk.items.length) {
          start(chunk.items[next]!, lineOf(chunk, next), chunk.path);
          next++;
        } else {
          if (!sourceDone && !pulling) startPull();
          break;
        }
      }
      // Hand on what is ready.
      const out: O[] = [];
      const lines: number[] = [];
      let path: string | undefined;
      while (queue.length > 0 && queue[0]!.state !== "running") {
        const slot = queue.shift()!;
        if (slot.state === "failed" && failures !== undefined) {
          // Skipped or sent to the dead letter; the run goes on.
          const wait = failures.add(
            slot.error,
            slot.item,
            slot.line,
            slot.path,
          );
          if (wait !== undefined) await wait;
          continue;
        }
        if (slot.state === "failed") {
          stopped = true;
          // A failure of the input, if one is under way, is reported first;
          // the run ends, so an input waiting for more (a followed file)
          // lets go instead of holding this up.
          ctx.halt?.abort();
          await pullSettled;
          // (Set by the pull's callback while we waited.)
          const source = pulled as Pulled<I> | undefined;
          if (source !== undefined && "error" in source) throw source.error;
          checkAborted(ctx);
          throw stageFailure(slot.error, stats, ctx, {
            line: slot.line,
            path: slot.path,
          });
        }
        if (out.length === 0) path = slot.path;
        out.push(slot.value as O);
        lines.push(slot.line);
      }
      if (ordered) peak("reorderPeak", queue.length - running);
      if (out.length > 0) {
        yield numbered(out, lines, path);
        continue;
      }
      const inputLeft = chunk !== undefined && next < chunk.items.length;
      if (sourceDone && !inputLeft && held() === 0) return;
      // Nothing ready: wait until a call finishes or the input arrives.
      if (pulled === undefined) {
        await new Promise<void>((resolve) => wake = resolve);
      }
    }
  } finally {
    // No call starts after a stop; calls still running finish unseen.
    stopped = true;
    wake = undefined;
    ctx.signal?.removeEventListener("abort", signal);
    await it.return?.(undefined);
  }
}
