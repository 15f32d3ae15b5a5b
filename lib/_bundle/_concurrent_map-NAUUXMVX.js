// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  checkAborted,
  stageFailure
} from "./chunk-XSSWW4V7.js";
import {
  isThenable
} from "./chunk-FFM2QZVY.js";
import {
  lineOf,
  numbered
} from "./chunk-LTYBISTW.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";

// lib/stages/_concurrent_map.ts
async function* concurrentMap(input, stats, ctx, fn, concurrency, ordered, policy) {
  const failures = policy?.();
  if (failures?.ready !== void 0) await failures.ready;
  const it = input[Symbol.asyncIterator]();
  let chunk;
  let next = 0;
  let sourceDone = false;
  let pulling = false;
  let pulled;
  let pullSettled = Promise.resolve();
  let index = 0;
  let stopped = false;
  const queue = [];
  let running = 0;
  let wake;
  const signal = () => {
    const w = wake;
    wake = void 0;
    w?.();
  };
  const peak = (name, value) => {
    if (value > (stats.counters[name] ?? 0)) stats.counters[name] = value;
  };
  const start = (item, line, path) => {
    const slot = {
      line,
      path,
      state: "running"
    };
    if (failures !== void 0) slot.item = item;
    if (ordered) queue.push(slot);
    running++;
    peak("inFlightPeak", running);
    const settle = () => {
      running--;
      if (!ordered) queue.push(slot);
      signal();
    };
    const done = (value) => {
      slot.state = "done";
      slot.value = value;
      slot.item = void 0;
      settle();
    };
    const failed = (error) => {
      slot.state = "failed";
      slot.error = error;
      settle();
    };
    let result;
    try {
      result = fn(item, index++);
    } catch (error) {
      failed(error);
      return;
    }
    if (result instanceof Promise) result.then(done, failed);
    else if (isThenable(result)) Promise.resolve(result).then(done, failed);
    else queueMicrotask(() => done(result));
  };
  const startPull = () => {
    pulling = true;
    const p = it.next();
    pullSettled = p.then((result) => {
      pulled = {
        result
      };
    }, (error) => {
      pulled = {
        error
      };
    }).finally(() => {
      pulling = false;
      signal();
    });
  };
  const held = () => ordered ? queue.length : running + queue.length;
  ctx.signal?.addEventListener("abort", signal);
  try {
    while (true) {
      checkAborted(ctx);
      if (pulled !== void 0) {
        const p = pulled;
        pulled = void 0;
        if ("error" in p) throw p.error;
        if (p.result.done === true) {
          sourceDone = true;
        } else {
          chunk = p.result.value;
          next = 0;
          stats.hold(chunk.items.length + held(), 0);
        }
      }
      while (!stopped && held() < concurrency && !ctx.signal?.aborted) {
        if (chunk !== void 0 && next < chunk.items.length) {
          start(chunk.items[next], lineOf(chunk, next), chunk.path);
          next++;
        } else {
          if (!sourceDone && !pulling) startPull();
          break;
        }
      }
      const out = [];
      const lines = [];
      let path;
      while (queue.length > 0 && queue[0].state !== "running") {
        const slot = queue.shift();
        if (slot.state === "failed" && failures !== void 0) {
          const wait = failures.add(slot.error, slot.item, slot.line, slot.path);
          if (wait !== void 0) await wait;
          continue;
        }
        if (slot.state === "failed") {
          stopped = true;
          ctx.halt?.abort();
          await pullSettled;
          const source = pulled;
          if (source !== void 0 && "error" in source) throw source.error;
          checkAborted(ctx);
          throw stageFailure(slot.error, stats, ctx, {
            line: slot.line,
            path: slot.path
          });
        }
        if (out.length === 0) path = slot.path;
        out.push(slot.value);
        lines.push(slot.line);
      }
      if (ordered) peak("reorderPeak", queue.length - running);
      if (out.length > 0) {
        yield numbered(out, lines, path);
        continue;
      }
      const inputLeft = chunk !== void 0 && next < chunk.items.length;
      if (sourceDone && !inputLeft && held() === 0) return;
      if (pulled === void 0) {
        await new Promise((resolve) => wake = resolve);
      }
    }
  } finally {
    stopped = true;
    wake = void 0;
    ctx.signal?.removeEventListener("abort", signal);
    await it.return?.(void 0);
  }
}
export {
  concurrentMap
};
