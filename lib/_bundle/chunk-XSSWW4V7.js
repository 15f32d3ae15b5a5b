// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  lineOf
} from "./chunk-LTYBISTW.js";
import {
  Summary,
  recordOf
} from "./chunk-NNJCSJBK.js";
import {
  CheckpointError,
  StageError,
  TooManyErrorsError
} from "./chunk-LHRNZXWF.js";

// lib/core/position.ts
function describePlace(place, unit) {
  const { line, path } = place;
  if (line === void 0) return path === void 0 ? "" : `"${path}"`;
  return unit === "item" ? `item ${line}` : `line ${line}${path === void 0 ? "" : ` of "${path}"`}`;
}

// lib/core/_context.ts
var RunContext = class {
  path;
  unit;
  signal;
  summary;
  /** Where the run writes its figures: the summary's own record. */
  record;
  checkpoint;
  /**
   * Fired when the run ends early (a stage failed, the consumer stopped), so
   * that a source waiting for input that may never come (a followed file)
   * lets go instead of holding up the cleanup.
   */
  halt = new AbortController();
  #resources = /* @__PURE__ */ new Set();
  #clocks = /* @__PURE__ */ new Set();
  #onEnd;
  constructor(init = {}) {
    this.path = init.path;
    this.unit = init.unit ?? "item";
    this.signal = init.signal;
    this.summary = init.summary ?? new Summary();
    this.record = recordOf(this.summary);
    this.checkpoint = init.checkpoint;
    this.#onEnd = init.onEnd;
  }
  /**
   * Keeps `clock` until `untrack` is called or the run ends, which stops it:
   * the time a stage spent in a pull that an abort or a failure cut short
   * is its own, not that of the stage downstream.
   */
  track(clock) {
    this.#clocks.add(clock);
    return () => this.#clocks.delete(clock);
  }
  /** Keeps `resource` open until the run ends. */
  open(resource) {
    this.#resources.add(resource);
  }
  /**
   * Closes what the stages opened. When the run has not failed, the first
   * error of a close is thrown, named after its stage; after a failure the
   * run's own error is the one reported.
   */
  async close(failed) {
    if (this.#resources.size === 0) return;
    let first;
    for (const r of [
      ...this.#resources
    ]) {
      try {
        await r.close(failed);
      } catch (error) {
        first ??= {
          error: new StageError(r.stage ?? "deadLetter", void 0, void 0, error)
        };
      }
    }
    this.#resources.clear();
    if (!failed && first !== void 0) throw first.error;
  }
  /**
   * Ends the run: closes what is still open and tells `onEnd` (once) whether
   * the run failed, also when a close fails, whose error is then thrown.
   */
  async end(failed) {
    for (const clock of this.#clocks) clock.stop();
    this.#clocks.clear();
    let closeFailed = true;
    try {
      await this.close(failed);
      closeFailed = false;
    } finally {
      const onEnd = this.#onEnd;
      this.#onEnd = void 0;
      onEnd?.(failed || closeFailed);
    }
  }
};
function closingAtEnd(chunks, ctx) {
  const it = chunks[Symbol.asyncIterator]();
  let closed = false;
  const took = (r) => {
    if (r.done !== true || closed) return r;
    closed = true;
    return ctx.close(false).then(() => r);
  };
  const iterator = {
    next() {
      try {
        return it.next().then(took);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async return() {
      closed = true;
      await it.return?.(void 0);
      return {
        value: void 0,
        done: true
      };
    }
  };
  return {
    [Symbol.asyncIterator]: () => iterator
  };
}
async function* ownRun(chunks, ctx) {
  let finished = false;
  try {
    yield* closingAtEnd(chunks, ctx);
    finished = true;
  } finally {
    await ctx.end(!finished);
  }
}
function stageFailure(error, stats, ctx, place) {
  ctx.halt.abort();
  if (error instanceof StageError || error instanceof CheckpointError) {
    return error;
  }
  if (ctx.signal?.aborted && error === ctx.signal.reason) return error;
  const path = place.path ?? ctx.path;
  if (!(error instanceof TooManyErrorsError)) {
    const at = describePlace({
      line: place.line,
      path
    }, ctx.unit);
    const detail = error instanceof Error ? error.message : String(error);
    stats.noteError(at === "" ? detail : `${at}: ${detail}`);
  }
  return new StageError(stats.name, path, place.line, error, ctx.unit);
}
function failAt(error, stats, ctx, chunk, i) {
  return stageFailure(error, stats, ctx, {
    line: lineOf(chunk, i),
    path: chunk.path
  });
}
function checkAborted(ctx) {
  if (ctx.signal?.aborted) throw ctx.signal.reason;
}
var ABORT_GRACE_MS = 250;
function untilAborted(promise, signal) {
  if (signal === void 0) return promise;
  return new Promise((resolve, reject) => {
    let timer;
    const onAbort = () => {
      timer = setTimeout(() => reject(signal.reason), ABORT_GRACE_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, {
      once: true
    });
    const settle = () => {
      signal.removeEventListener("abort", onAbort);
      if (timer !== void 0) clearTimeout(timer);
    };
    promise.then((value) => {
      settle();
      resolve(value);
    }, (error) => {
      settle();
      reject(error);
    });
  });
}
function unlessAborted(promise, signal) {
  if (signal === void 0) return promise;
  promise.catch(() => {
  });
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, {
      once: true
    });
    promise.then((value) => {
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    }, (error) => {
      signal.removeEventListener("abort", onAbort);
      reject(error);
    });
  });
}
function openUnlessAborted(opening, signal, release) {
  if (signal === void 0) return opening;
  return new Promise((resolve, reject) => {
    let abandoned = false;
    const onAbort = () => {
      abandoned = true;
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, {
      once: true
    });
    opening.then((file) => {
      signal.removeEventListener("abort", onAbort);
      if (abandoned) {
        Promise.resolve().then(() => release(file)).catch(() => {
        });
      } else resolve(file);
    }, (error) => {
      signal.removeEventListener("abort", onAbort);
      reject(error);
    });
  });
}

export {
  describePlace,
  RunContext,
  closingAtEnd,
  ownRun,
  stageFailure,
  failAt,
  checkAborted,
  untilAborted,
  unlessAborted,
  openUnlessAborted
};
