// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  DEAD_LETTER_RESUME,
  Failures
} from "./chunk-W7PSUR2W.js";
import {
  checkAborted,
  failAt
} from "./chunk-XSSWW4V7.js";
import {
  isThenable
} from "./chunk-FFM2QZVY.js";
import {
  ChunkBuilder,
  lineOf,
  withItems
} from "./chunk-LTYBISTW.js";

// lib/stages/_per_item.ts
var MAX_OUT = 8192;
function perItemStage(spec) {
  const { kind, name, policy } = spec;
  const unresumable = policy?.writer === void 0 ? void 0 : DEAD_LETTER_RESUME;
  const calls = (stats, ctx) => new Calls(spec.fn, spec.outcome, policy && new Failures(policy, stats, ctx), stats, ctx);
  if (spec.outcome === "expand") {
    return defineStage({
      kind,
      name,
      bound: `1 chunk + ${MAX_OUT} results`,
      unresumable,
      run: (input, stats, ctx) => expanded(calls(stats, ctx), input)
    });
  }
  const loop = spec.outcome === "replace" ? replacing : spec.outcome === "keep" ? keeping : passing;
  return defineStage({
    kind,
    name,
    bound: "1 chunk",
    unresumable,
    // A filter with no policy: a line source may call its predicate as it
    // cuts the lines out, the lines it drops never put in a chunk.
    keeps: spec.outcome === "keep" && policy === void 0 ? (stats, ctx) => keepCalls(spec.fn, stats, ctx) : void 0,
    mapsLineBytes: spec.outcome === "replace" ? spec.mapsLineBytes : void 0,
    transformer(stats, ctx) {
      const run = calls(stats, ctx);
      const transform = loop(run);
      const failures = run.failures;
      if (failures === void 0) return transform;
      return (chunk) => failures.ready === void 0 ? transform(chunk) : failures.ready.then(() => transform(chunk));
    }
  });
}
var Calls = class {
  /** The index of the next call. */
  index = 0;
  fn;
  outcome;
  failures;
  stats;
  ctx;
  constructor(fn, outcome, failures, stats, ctx) {
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
  fail(chunk, i, error) {
    if (this.failures === void 0) {
      throw failAt(error, this.stats, this.ctx, chunk, i);
    }
    return this.failures.add(error, chunk.items[i], lineOf(chunk, i), chunk.path);
  }
  /**
   * Goes on with `chunk` from item `from`, whose call returned `result`
   * (a promise, or the error it threw when `failed`), one call at a time.
   * The items before `from` are done: in `kept` or, without it, in place
   * ("replace" wrote its results into `chunk.items`; "pass" left them).
   */
  async slow(chunk, from, result, failed, kept) {
    const items = chunk.items;
    const n = items.length;
    const fn = this.fn;
    let r = result;
    for (let i = from; i < n; i++) {
      if (i > from) {
        checkAborted(this.ctx);
        try {
          r = fn(items[i], this.index++);
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
      const wait = this.fail(chunk, i, r);
      if (kept === void 0) {
        kept = new ChunkBuilder();
        kept.keepHead(chunk, i);
      }
      if (wait !== void 0) await wait;
    }
    if (kept !== void 0) return kept.build(chunk);
    return this.outcome === "replace" ? withItems(chunk, items) : chunk;
  }
  /** What becomes of item `i` given its result `r`, off the fast path. */
  #take(chunk, i, r, kept) {
    switch (this.outcome) {
      case "replace":
        if (kept === void 0) chunk.items[i] = r;
        else kept.push(r, lineOf(chunk, i));
        return;
      case "keep":
        if (r) kept.keep(chunk, i);
        return;
      case "pass":
        kept?.keep(chunk, i);
        return;
    }
  }
};
function keepCalls(fn, stats, ctx) {
  return new KeepCalls(fn, stats, ctx);
}
var KeepCalls = class extends Calls {
  transform = keeping(this);
  constructor(fn, stats, ctx) {
    super(fn, "keep", void 0, stats, ctx);
  }
  resume(chunk, from, result, failed) {
    const kept = new ChunkBuilder();
    kept.keepHead(chunk, from);
    return this.slow(chunk, from, result, failed, kept);
  }
};
function replacing(run) {
  const fn = run.fn;
  return (chunk) => {
    const items = chunk.items;
    const n = items.length;
    const base = run.index;
    let same = chunk.wide !== void 0;
    let i = 0;
    try {
      for (; i < n; i++) {
        const r = fn(items[i], base + i);
        if (typeof r === "object" && r !== null && typeof r.then === "function") {
          run.index = base + i + 1;
          return run.slow(chunk, i, r, false, void 0);
        }
        if (same && r !== items[i]) same = false;
        items[i] = r;
      }
    } catch (error) {
      run.index = base + i + 1;
      return run.slow(chunk, i, error, true, void 0);
    }
    run.index = base + n;
    return withItems(chunk, items, same ? chunk.wide : void 0);
  };
}
function keeping(run) {
  const fn = run.fn;
  return (chunk) => {
    const items = chunk.items;
    const n = items.length;
    const kept = new ChunkBuilder();
    const base = run.index;
    let i = 0;
    try {
      for (; i < n; i++) {
        const r = fn(items[i], base + i);
        if (typeof r === "object" && r !== null && typeof r.then === "function") {
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
    return kept.build(chunk);
  };
}
function passing(run) {
  const fn = run.fn;
  return (chunk) => {
    const items = chunk.items;
    const n = items.length;
    const base = run.index;
    let i = 0;
    try {
      for (; i < n; i++) {
        const r = fn(items[i], base + i);
        if (typeof r === "object" && r !== null && typeof r.then === "function") {
          run.index = base + i + 1;
          return run.slow(chunk, i, r, false, void 0);
        }
      }
    } catch (error) {
      run.index = base + i + 1;
      return run.slow(chunk, i, error, true, void 0);
    }
    run.index = base + n;
    return chunk;
  };
}
async function* expanded(run, input) {
  const { fn, stats, failures } = run;
  if (failures?.ready !== void 0) await failures.ready;
  let index = 0;
  let awaited = false;
  const out = new ChunkBuilder();
  for await (const chunk of input) {
    const items = chunk.items;
    for (let i = 0; i < items.length; i++) {
      if (awaited) {
        awaited = false;
        checkAborted(run.ctx);
      }
      let start = out.length;
      try {
        let r = fn(items[i], index++);
        if (isThenable(r)) {
          awaited = true;
          r = await r;
        }
        const line = lineOf(chunk, i);
        for (const o of r) {
          out.push(o, line);
          if (out.length >= MAX_OUT) {
            stats.hold(items.length + out.length, 0);
            yield out.build(chunk);
            start = 0;
          }
        }
      } catch (error) {
        const wait = run.fail(chunk, i, error);
        out.truncate(start);
        if (wait !== void 0) await wait;
      }
    }
    if (out.length > 0) {
      stats.hold(items.length + out.length, 0);
      yield out.build(chunk);
    }
  }
}

export {
  perItemStage,
  keepCalls
};
