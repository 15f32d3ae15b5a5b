// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  changed,
  readRange
} from "./chunk-ZUK3RJMQ.js";
import {
  PER_WORKER
} from "./chunk-BHVBMKKE.js";
import "./chunk-JEJGDMZV.js";
import "./chunk-R3JU4EVG.js";
import "./chunk-R7VB6IFH.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import {
  stageFailure
} from "./chunk-XSSWW4V7.js";
import "./chunk-LTYBISTW.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";

// lib/parallel/_pool.ts
function remoteError(error, worker) {
  const e = new Error(`worker ${worker}: ${error.message}`);
  e.name = error.name;
  if (error.stack !== void 0) e.stack = error.stack;
  return e;
}
var Pool = class {
  #workers = [];
  #done = /* @__PURE__ */ new Map();
  #parts = /* @__PURE__ */ new Map();
  #failure;
  #wake;
  #stats;
  #count;
  #script;
  #init;
  /**
   * @param count How many workers, at most.
   * @param script The worker's module.
   * @param init The first message to each worker.
   * @param stats Where to keep each worker's peak heap.
   */
  constructor(count, script, init, stats) {
    this.#stats = stats;
    this.#count = count;
    this.#script = script;
    this.#init = init;
    this.#start();
  }
  /** Starts one more worker. */
  #start() {
    const stats = this.#stats;
    const state = {
      worker: new Worker(this.#script, {
        type: "module"
      }),
      number: this.#workers.length + 1,
      busy: 0
    };
    state.worker.onmessage = (event) => {
      const reply = event.data;
      if (reply.type === "failed") {
        this.#failure ??= remoteError(reply.error, state.number);
      } else {
        if (reply.type === "part") {
          const parts = this.#parts.get(reply.seq);
          if (parts === void 0) this.#parts.set(reply.seq, [
            reply.part
          ]);
          else parts.push(reply.part);
        } else {
          state.busy--;
          this.#done.set(reply.seq, {
            worker: state.number,
            reply
          });
        }
        if (reply.type !== "error") {
          const key = `worker${state.number}HeapPeak`;
          if (reply.heapUsed > (stats.counters[key] ?? 0)) {
            stats.counters[key] = reply.heapUsed;
          }
          stats.workerHeap(state.number, reply.heapTotal);
        }
      }
      this.#signal();
    };
    state.worker.onerror = (event) => {
      event.preventDefault();
      this.#failure ??= new Error(`worker ${state.number}: ${event.message}`);
      this.#signal();
    };
    state.worker.postMessage(this.#init);
    this.#workers.push(state);
    return state;
  }
  #signal() {
    const w = this.#wake;
    this.#wake = void 0;
    w?.();
  }
  /** A failure of a worker itself (its module would not load, it crashed). */
  get failure() {
    return this.#failure;
  }
  /** Whether a worker, started or not yet, has room for another task. */
  get hasRoom() {
    return this.#workers.length < this.#count || this.#workers.some((w) => w.busy < PER_WORKER);
  }
  /**
   * Sends a task to the least busy worker: one started now when every
   * started worker has a task and there may be more.
   */
  send(message) {
    let w = this.#workers.reduce((a, b) => b.busy < a.busy ? b : a);
    if (w.busy > 0 && this.#workers.length < this.#count) w = this.#start();
    w.busy++;
    w.worker.postMessage(message);
  }
  /**
   * Sends a task to every worker started, whatever it has in hand:
   * `message(k)` for the k-th, from 0. Each answers after the tasks it was
   * sent before.
   */
  sendToEach(message) {
    for (const [k, w] of this.#workers.entries()) {
      w.busy++;
      w.worker.postMessage(message(k));
    }
  }
  /** Takes the final answer to task `seq`, if it has come. */
  take(seq) {
    const done = this.#done.get(seq);
    if (done !== void 0) this.#done.delete(seq);
    return done;
  }
  /** Takes the parts of task `seq` that have come so far, in order. */
  takeParts(seq) {
    const parts = this.#parts.get(seq);
    if (parts !== void 0) this.#parts.delete(seq);
    return parts;
  }
  /**
   * Waits for the next answer from any worker, or rejects with the abort's
   * reason as soon as `signal` fires: a worker busy with one long item (a
   * regular expression backtracking for minutes, say) must not hold up a
   * Ctrl-C. The caller then closes the pool, which ends the workers.
   */
  wait(signal) {
    if (signal === void 0) {
      return new Promise((resolve) => this.#wake = resolve);
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, {
        once: true
      });
      this.#wake = () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
    });
  }
  /** How many workers have started. */
  get size() {
    return this.#workers.length;
  }
  /** How many workers there may be, started or not. */
  get capacity() {
    return this.#count;
  }
  close() {
    for (const w of this.#workers) {
      w.worker.terminate();
      this.#stats.workerHeap(w.number, 0);
    }
  }
};
async function* rangeAnswers(source, sourceStats, stats, ctx, pool, rangeSize) {
  const info = await Deno.stat(source.path);
  const size = info.size;
  const file = {
    dev: info.dev,
    ino: info.ino ?? 0,
    size
  };
  const ranged = {
    ...source,
    file
  };
  const rangeBytes = typeof rangeSize === "number" ? rangeSize : rangeSize(size);
  const ranges = Math.max(1, Math.ceil(size / rangeBytes));
  let sent = 0;
  let nextOut = 0;
  let linesBefore = 0;
  while (nextOut < ranges) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    if (pool.failure !== void 0) {
      throw stageFailure(pool.failure, stats, ctx, {
        line: void 0,
        path: source.path
      });
    }
    const parts = pool.takeParts(nextOut);
    if (parts !== void 0) {
      for (const part of parts) yield {
        part,
        linesBefore
      };
      continue;
    }
    const done = pool.take(nextOut);
    if (done !== void 0) {
      for (const part of pool.takeParts(nextOut) ?? []) {
        yield {
          part,
          linesBefore
        };
      }
      nextOut++;
      ctx.summary.bytesRead = Math.min(size, nextOut * rangeBytes);
      const reply = done.reply;
      if (reply.type === "error") {
        const local = reply.line;
        const row = reply.index === -1 ? sourceStats : stats;
        throw stageFailure(remoteError(reply.error, done.worker), row, ctx, {
          line: local === void 0 ? void 0 : linesBefore + local,
          path: source.path
        });
      }
      yield {
        result: reply,
        linesBefore
      };
      const count = reply.count;
      linesBefore += count;
      sourceStats.itemsOut += count;
      stats.itemsIn += count;
      continue;
    }
    if (pool.hasRoom && sent < ranges && sent - nextOut < pool.capacity * PER_WORKER) {
      pool.send({
        type: "range",
        seq: sent,
        source: ranged,
        start: sent * rangeBytes,
        end: Math.min(size, (sent + 1) * rangeBytes)
      });
      sent++;
      continue;
    }
    await pool.wait(ctx.signal);
  }
  const now = await Deno.stat(source.path).catch(() => void 0);
  const problem = changed(source.path, file, now);
  if (problem !== void 0) {
    throw stageFailure(problem, sourceStats, ctx, {
      line: void 0,
      path: source.path
    });
  }
}
export {
  Pool,
  rangeAnswers,
  readRange,
  remoteError
};
