// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  measured
} from "./chunk-Y6AFSVNC.js";
import {
  RunContext,
  ownRun
} from "./chunk-XSSWW4V7.js";
import {
  ItemView,
  chunksOf
} from "./chunk-FFM2QZVY.js";
import {
  fromTransform,
  register,
  sourceImpl
} from "./chunk-RJWQ7O3S.js";
import {
  Summary,
  recordOf
} from "./chunk-NNJCSJBK.js";

// lib/core/_define.ts
var given = /* @__PURE__ */ new WeakMap();
function defineStage(declared) {
  const impl = "run" in declared ? declared : fromTransform(declared);
  const standalone = (source) => {
    const under = given.get(source);
    const origin = under?.origin ?? source;
    const stages = [
      ...under?.stages ?? [],
      standalone
    ];
    const output = {
      [Symbol.asyncIterator]() {
        if (stages.length > 1 || sourceImpl(origin) !== void 0) {
          return new PipelineRun(origin, stages);
        }
        const summary = new Summary();
        const stats = recordOf(summary).addStage(impl.name ?? impl.kind, impl.kind, impl.bound);
        const ctx = new RunContext({
          summary
        });
        return new ItemView(ownRun(measured(impl, chunksOf(source), stats, ctx), ctx));
      }
    };
    given.set(output, {
      origin,
      stages
    });
    return output;
  };
  return register(standalone, impl);
}
var PipelineRun = class {
  #origin;
  #stages;
  #it = void 0;
  #opening = void 0;
  constructor(origin, stages) {
    this.#origin = origin;
    this.#stages = stages;
  }
  #open() {
    return this.#opening ??= import("./lib/core/pipeline.js").then(({ pipeline }) => {
      const run = pipeline(this.#origin, ...this.#stages);
      return this.#it = run[Symbol.asyncIterator]();
    });
  }
  next() {
    return this.#it !== void 0 ? this.#it.next() : this.#open().then((it) => it.next());
  }
  async return(value) {
    if (this.#opening === void 0) return {
      value: void 0,
      done: true
    };
    const it = await this.#opening;
    return await it.return?.(value) ?? {
      value: void 0,
      done: true
    };
  }
  async throw(error) {
    await this.return();
    throw error;
  }
};

export {
  defineStage
};
