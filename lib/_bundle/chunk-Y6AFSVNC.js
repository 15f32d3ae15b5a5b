// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  estimateBytes
} from "./chunk-SEXDPIXC.js";
import {
  stageFailure
} from "./chunk-XSSWW4V7.js";
import {
  positionOnly
} from "./chunk-LTYBISTW.js";

// lib/core/_meter.ts
function fused(steps, input, ctx) {
  const loop = new FusedLoop(steps, input, ctx);
  return {
    [Symbol.asyncIterator]: () => loop
  };
}
var FusedLoop = class {
  #steps;
  // Made at the first pull, when the run starts (a dead letter opens then).
  #transforms = void 0;
  #it;
  #ctx;
  #done = false;
  constructor(steps, input, ctx) {
    this.#steps = steps;
    this.#it = input[Symbol.asyncIterator]();
    this.#ctx = ctx;
  }
  next() {
    if (this.#done) return Promise.resolve({
      value: void 0,
      done: true
    });
    try {
      this.#transforms ??= this.#steps.map((s) => s.impl.transformer(s.stats, this.#ctx));
      return this.#it.next().then(this.#took);
    } catch (error) {
      this.#done = true;
      return Promise.reject(error);
    }
  }
  async return() {
    if (!this.#done) {
      this.#done = true;
      await this.#it.return?.(void 0);
    }
    return {
      value: void 0,
      done: true
    };
  }
  #took = (r) => {
    const out = this.#process(r);
    if (out === void 0) return this.#skip();
    return out instanceof Promise ? out.then(this.#orSkip) : out;
  };
  #orSkip = (out) => out ?? this.#skip();
  /**
   * Pulls on past the chunks the stages keep nothing of, all in one promise.
   * Pulling again from inside a `then` (`return this.next()`) made each such
   * chunk a promise waiting on the next one, all of them alive until a chunk
   * was kept: a filter that kept nothing of 1 GiB held the whole chain,
   * 96.9 MiB peak RSS against 62.2 over 256 MiB (140.7 over 4 GiB).
   */
  async #skip() {
    while (!this.#done) {
      let pulled;
      try {
        pulled = this.#it.next();
      } catch (error) {
        this.#done = true;
        throw error;
      }
      const pending = this.#process(await pulled);
      const out = pending instanceof Promise ? await pending : pending;
      if (out !== void 0) return out;
    }
    return {
      value: void 0,
      done: true
    };
  }
  /**
   * What the stages make of the input's result `r`: a result to hand on, a
   * promise of one (or of undefined) when a stage waits, or undefined when
   * they keep nothing of it.
   */
  #process(r) {
    if (r.done === true) {
      this.#done = true;
      return r;
    }
    const chunk = r.value;
    if (chunk.items.length === 0) {
      return chunk.position !== void 0 ? r : void 0;
    }
    return this.#from(chunk, chunk, 0);
  }
  /** Runs the stages from the k-th on `c`, made of the source's `chunk`. */
  #from(chunk, c, k) {
    const steps = this.#steps;
    for (; k < steps.length; k++) {
      const { stats } = steps[k];
      const n = c.items.length;
      stats.itemsIn += n;
      stats.hold(n, estimateBytes(c.items));
      const t = now();
      let r;
      try {
        r = this.#transforms[k](c);
      } catch (error) {
        stats.busyMs += now() - t;
        return this.#failed(error, stats, c);
      }
      if (r instanceof Promise) {
        const at = c;
        const next = k + 1;
        return r.then((out) => {
          stats.busyMs += now() - t;
          return this.#kept(chunk, out, stats, next);
        }, (error) => {
          stats.busyMs += now() - t;
          return this.#failed(error, stats, at);
        });
      }
      stats.busyMs += now() - t;
      if (r === void 0 || r.items.length === 0) return this.#end(chunk);
      stats.itemsOut += r.items.length;
      c = r;
    }
    return this.#end(chunk, c);
  }
  /** Goes on after a stage that returned a promise. */
  #kept(chunk, out, stats, next) {
    if (out === void 0 || out.items.length === 0) return this.#end(chunk);
    stats.itemsOut += out.items.length;
    return this.#from(chunk, out, next);
  }
  /** What becomes of the source's `chunk`: `c`, or nothing. */
  #end(chunk, c) {
    const position = chunk.position;
    if (position !== void 0) {
      c ??= positionOnly(position, chunk.firstLine);
      c.position = position;
    }
    return c === void 0 ? void 0 : {
      value: c,
      done: false
    };
  }
  /** A stage failed on `c`: the input is closed, the error named. */
  async #failed(error, stats, c) {
    this.#done = true;
    try {
      await this.#it.return?.(void 0);
    } catch {
    }
    throw stageFailure(error, stats, this.#ctx, {
      line: c.firstLine,
      path: c.path
    });
  }
};
function now() {
  return performance.now();
}
var Meter = class {
  /** Milliseconds spent waiting on upstream during the current pull. */
  upstream = 0;
  /** When the pull from upstream under way began, if one is. */
  pullStart = void 0;
  /** Upstream time of the current pull so far, a pull under way included. */
  upstreamNow() {
    const start = this.pullStart;
    return this.upstream + (start === void 0 ? 0 : now() - start);
  }
  /** Line of the first item of the last input chunk. */
  lastLine = void 0;
  /** Path of the last input chunk. */
  lastPath = void 0;
  /** Place the stage was: its last input chunk. */
  place = () => ({
    line: this.lastLine,
    path: this.lastPath
  });
};
function meteredInput(input, stats, meter, countItems = true, heldBytes = true) {
  const it = input[Symbol.asyncIterator]();
  let t = 0;
  const pulled = () => {
    meter.upstream += now() - t;
    meter.pullStart = void 0;
  };
  const took = (r) => {
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
  const failed = (error) => {
    pulled();
    throw error;
  };
  const iterator = {
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
      await it.return?.(void 0);
      return {
        done: true,
        value: void 0
      };
    }
  };
  return {
    [Symbol.asyncIterator]: () => iterator
  };
}
function meteredOutput(output, stats, ctx, meter, place) {
  const it = new MeteredOutput(output, stats, ctx, meter, place);
  return {
    [Symbol.asyncIterator]: () => it
  };
}
var MeteredOutput = class {
  #output;
  #out = void 0;
  #stats;
  #ctx;
  #meter;
  #place;
  #untrack = void 0;
  #done = false;
  // The stage's own time in a pull, upstream time excluded; stopped when
  // the pull ends, or by the run's end when an abort or a failure cuts it
  // short (else the sink downstream would be charged with it).
  #t = void 0;
  #clock = {
    stop: () => {
      if (this.#t === void 0) return;
      this.#stats.busyMs += Math.max(0, now() - this.#t - this.#meter.upstreamNow());
      this.#t = void 0;
    }
  };
  constructor(output, stats, ctx, meter, place) {
    this.#output = output;
    this.#stats = stats;
    this.#ctx = ctx;
    this.#meter = meter;
    this.#place = place;
  }
  next() {
    if (this.#done) return Promise.resolve({
      value: void 0,
      done: true
    });
    try {
      if (this.#out === void 0) {
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
  async return() {
    if (!this.#done) {
      this.#done = true;
      this.#untrack?.();
      await this.#out?.return?.(void 0);
    }
    return {
      value: void 0,
      done: true
    };
  }
  #took = (r) => {
    this.#clock.stop();
    if (r.done === true) return this.return();
    this.#stats.itemsOut += r.value.items.length;
    return r;
  };
  #failed = async (error) => {
    this.#clock.stop();
    try {
      await this.return();
    } catch {
    }
    throw stageFailure(error, this.#stats, this.#ctx, this.#place());
  };
};
function measured(impl, input, stats, ctx, bytes = false) {
  const meter = new Meter();
  const counted = meteredInput(input, stats, meter, true, impl.boundBytes === void 0);
  return meteredOutput(impl.run(counted, stats, ctx, bytes), stats, ctx, meter, meter.place);
}

export {
  fused,
  Meter,
  meteredInput,
  meteredOutput,
  measured
};
