// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  matchLines
} from "./chunk-57NEC6SS.js";
import {
  packItems
} from "./chunk-DCQUZAZK.js";
import {
  SHORT_LINE
} from "./chunk-UFWFZGQU.js";

// lib/stages/_grep_in_worker.ts
var WORKER = new URL("./lib/stages/_grep_worker.js", import.meta.url);
var BATCH_LINES = 4096;
function canStartWorker() {
  if (WORKER.protocol !== "file:") return true;
  try {
    return Deno.permissions.querySync({
      name: "read",
      path: new URL("../../", WORKER)
    }).state === "granted";
  } catch {
    return false;
  }
}
var MatchFailure = class {
  index;
  error;
  kept;
  matches;
  /**
   * @param index The line's index.
   * @param error What was thrown.
   * @param kept The lines kept before it (indices), as the worker said.
   * @param matches Their matches, when asked.
   */
  constructor(index, error, kept = [], matches) {
    this.index = index;
    this.error = error;
    this.kept = kept;
    this.matches = matches;
  }
};
var RegexWorker = class {
  #task;
  #ctx;
  #stats;
  #worker;
  // The answers awaited, in the order the chunks were sent.
  #pending = [];
  #stopped;
  #unwatch;
  // Chunks' lines waiting to go in one message (see #send).
  #batch = [];
  #batchLines = 0;
  #timer;
  #window;
  // With `short`, the expression and its global twin for this thread.
  #here;
  /**
   * @param re The expression.
   * @param options Keep the lines that do not match; send the matches;
   * match the lines of up to {@linkcode SHORT_LINE} code units in this
   * thread (`short`, for an expression whose work grows with the square of
   * a line's length: see _backtracking.ts), the longer ones in the worker,
   * which starts with the first of them.
   * @param ctx The run.
   * @param stats The stage's row.
   * @param window How many chunks the caller has out at once at most, now:
   * a quarter of them go in one message.
   */
  constructor(re, options, ctx, stats, window = () => 1) {
    this.#window = window;
    this.#here = options.short === true ? {
      test: re,
      global: new RegExp(re.source, re.flags + "g")
    } : void 0;
    this.#task = {
      source: re.source,
      flags: re.flags,
      invert: options.invert,
      onlyMatching: options.onlyMatching
    };
    this.#ctx = ctx;
    this.#stats = stats;
    ctx.open({
      stage: stats.name,
      close: () => Promise.resolve(this.close())
    });
  }
  /**
   * The indices of the `lines` kept (at most `limit`), and their matches
   * when asked; rejects with a {@linkcode MatchFailure} when the expression
   * throws on a line.
   */
  match(lines, limit) {
    if (this.#here === void 0) return this.#send(lines, limit);
    let long = false;
    for (let i = 0; i < lines.length && !long; i++) {
      long = lines[i].length > SHORT_LINE;
    }
    if (!long) {
      const result = this.#matchHere(lines, limit);
      return result.type === "kept" ? Promise.resolve({
        ...result,
        heapTotal: 0
      }) : Promise.reject(new MatchFailure(result.index, result.error, result.kept, result.matches));
    }
    return this.#matchMixed(lines, limit);
  }
  /** `lines` matched in this thread. */
  #matchHere(lines, limit) {
    const { test, global } = this.#here;
    return matchLines(test, global, lines, {
      ...this.#task,
      limit
    });
  }
  /**
   * `lines` in runs of short lines, matched here, and of long ones, sent to
   * the worker, one run after another: the kept lines in order, the limit
   * and a failure's index as one match of all of them would give.
   */
  async #matchMixed(lines, limit) {
    const kept = [];
    const matches = this.#task.onlyMatching && !this.#task.invert ? [] : void 0;
    const add = (part, from) => {
      for (const i of part.kept) kept.push(from + i);
      if (matches !== void 0) matches.push(...part.matches ?? []);
    };
    for (let from = 0; from < lines.length && kept.length < limit; ) {
      const isLong = lines[from].length > SHORT_LINE;
      let to = from + 1;
      while (to < lines.length && lines[to].length > SHORT_LINE === isLong) to++;
      const run = lines.slice(from, to);
      const left = limit - kept.length;
      if (!isLong) {
        const result = this.#matchHere(run, left);
        add(result, from);
        if (result.type === "error") {
          throw new MatchFailure(from + result.index, result.error, kept, matches);
        }
      } else {
        try {
          add(await this.#send(run, left), from);
        } catch (error) {
          if (!(error instanceof MatchFailure)) throw error;
          add(error, from);
          throw new MatchFailure(from + error.index, error.error, kept, matches);
        }
      }
      from = to;
    }
    return {
      type: "kept",
      kept,
      matches,
      heapTotal: 0
    };
  }
  /**
   * Matches `lines` in the worker; the answer numbers them from 0. Without a
   * limit, the lines of several chunks go in one message: a quarter of the
   * chunks the caller may have out (see `window`), or BATCH_LINES lines, or
   * what came by the next turn of the event loop (a followed file's last
   * lines must not wait). A message per chunk left both threads idle most
   * of the time, each waiting for the other (a round trip took 0.3-0.4 ms
   * here).
   */
  #send(lines, limit) {
    if (limit !== Infinity || this.#stopped !== void 0) {
      return this.#post(lines, limit);
    }
    return new Promise((resolve, reject) => {
      this.#batch.push({
        lines,
        resolve,
        reject
      });
      this.#batchLines += lines.length;
      if (this.#batchLines >= BATCH_LINES || 4 * this.#batch.length >= this.#window()) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), 0);
    });
  }
  /** Sends the waiting chunks' lines in one message, and shares the answer. */
  #flush() {
    if (this.#timer !== void 0) clearTimeout(this.#timer);
    this.#timer = void 0;
    const batch = this.#batch;
    this.#batch = [];
    this.#batchLines = 0;
    if (batch.length === 0) return;
    const all = batch.flatMap((b) => b.lines);
    this.#post(all, Infinity).then((reply) => {
      let k = 0;
      let from = 0;
      for (const b of batch) {
        const to = from + b.lines.length;
        const start = k;
        while (k < reply.kept.length && reply.kept[k] < to) k++;
        b.resolve({
          type: "kept",
          kept: reply.kept.slice(start, k).map((i) => i - from),
          matches: reply.matches?.slice(start, k),
          heapTotal: reply.heapTotal
        });
        from = to;
      }
    }, (error) => {
      let from = 0;
      for (const b of batch) {
        const to = from + b.lines.length;
        if (error instanceof MatchFailure && error.index >= to) {
          const kept = error.kept;
          let start = 0;
          while (start < kept.length && kept[start] < from) start++;
          let end = start;
          while (end < kept.length && kept[end] < to) end++;
          b.resolve({
            type: "kept",
            kept: kept.slice(start, end).map((i) => i - from),
            matches: error.matches?.slice(start, end),
            heapTotal: 0
          });
        } else if (error instanceof MatchFailure && error.index >= from) {
          b.reject(new MatchFailure(error.index - from, error.error));
        } else {
          b.reject(error);
        }
        from = to;
      }
    });
  }
  /** Sends `lines` to the worker in one message. */
  #post(lines, limit) {
    if (this.#stopped === void 0 && this.#worker === void 0) {
      this.#start();
    }
    const worker = this.#worker;
    if (this.#stopped !== void 0 || worker === void 0) {
      return Promise.reject(this.#stopped?.reason);
    }
    return new Promise((resolve, reject) => {
      this.#pending.push({
        resolve,
        reject
      });
      const task = {
        ...this.#task,
        limit,
        lines: packItems(lines)
      };
      worker.postMessage(task);
    });
  }
  /** Ends the worker; the matches under way reject. */
  close() {
    this.#stop(new Error("Cannot match: the grep stage's run has ended"));
  }
  #start() {
    const worker = new Worker(WORKER, {
      type: "module"
    });
    worker.onmessage = (event) => {
      const reply = event.data;
      const pending = this.#pending.shift();
      if (reply.type === "kept") {
        this.#stats.workerHeap(1, reply.heapTotal);
        pending?.resolve(reply);
      } else {
        const error = new Error(reply.message);
        error.name = reply.name;
        pending?.reject(new MatchFailure(reply.index, error, reply.kept, reply.matches));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#stop(new Error(`The grep stage's worker failed: ${event.message}`));
    };
    this.#worker = worker;
    const signals = [
      this.#ctx.signal,
      this.#ctx.halt.signal
    ];
    const watching = signals.map((signal) => {
      const onAbort = () => this.#stop(signal.reason);
      signal?.addEventListener("abort", onAbort, {
        once: true
      });
      return () => signal?.removeEventListener("abort", onAbort);
    });
    this.#unwatch = () => watching.forEach((unwatch) => unwatch());
    const fired = signals.find((s) => s?.aborted);
    if (fired !== void 0) this.#stop(fired.reason);
  }
  #stop(reason) {
    this.#stopped ??= {
      reason
    };
    if (this.#worker !== void 0) {
      this.#worker.terminate();
      this.#stats.workerHeap(1, 0);
    }
    this.#worker = void 0;
    this.#unwatch?.();
    this.#unwatch = void 0;
    if (this.#timer !== void 0) clearTimeout(this.#timer);
    this.#timer = void 0;
    const pending = [
      ...this.#pending,
      ...this.#batch
    ];
    this.#pending = [];
    this.#batch = [];
    this.#batchLines = 0;
    for (const p of pending) p.reject(reason);
  }
};
async function* overlapped(input, step, inFlight) {
  const most = typeof inFlight === "number" ? () => inFlight : inFlight;
  const it = input[Symbol.asyncIterator]();
  const started = [];
  let pull;
  let done = false;
  try {
    while (true) {
      if (!done && pull === void 0 && started.length < most()) {
        pull = it.next();
      }
      const head = started[0];
      if (head === void 0 && pull === void 0) return;
      const next = head === void 0 ? {
        pulled: await pull
      } : pull === void 0 ? {
        out: await head
      } : await Promise.race([
        pull.then((pulled) => ({
          pulled
        })),
        head.then((out) => ({
          out
        }))
      ]);
      if ("pulled" in next) {
        pull = void 0;
        if (next.pulled.done === true) done = true;
        else if (next.pulled.value.items.length > 0) {
          const result = step(next.pulled.value);
          result.catch(() => {
          });
          started.push(result);
        }
        continue;
      }
      started.shift();
      if (next.out !== void 0 && next.out.items.length > 0) yield next.out;
    }
  } finally {
    if (pull === void 0) await it.return?.();
    else pull.then(() => it.return?.(), () => {
    }).catch(() => {
    });
  }
}

export {
  canStartWorker,
  MatchFailure,
  RegexWorker,
  overlapped
};
