// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  targetName
} from "./chunk-65U4WM43.js";
import {
  describePlace,
  stageFailure
} from "./chunk-XSSWW4V7.js";
import {
  isThenable
} from "./chunk-FFM2QZVY.js";
import {
  TooManyErrorsError
} from "./chunk-LHRNZXWF.js";

// lib/policy/_policy.ts
var DEAD_LETTER_RESUME = "a dead letter cannot be resumed: it would hold only the items that failed after the checkpoint";
var FLUSH_CHARS = 64 * 1024;
var writers = /* @__PURE__ */ new WeakMap();
function registerDeadLetter(handle, writer) {
  writers.set(handle, writer);
  return handle;
}
function jsonLine(f) {
  const head = {
    stage: f.stage,
    path: f.path ?? null,
    line: f.line ?? null,
    ...f.offset === void 0 ? {} : {
      offset: f.offset
    },
    error: f.error
  };
  let item;
  try {
    item = JSON.stringify(f.item);
  } catch {
  }
  item ??= JSON.stringify(String(f.item));
  return `${JSON.stringify(head).slice(0, -1)},"item":${item}}
`;
}
var DeadLetterWriter = class {
  name;
  /** The first stage of the run that uses it. */
  stage = void 0;
  #target;
  #fn;
  #out = void 0;
  #output = void 0;
  #opening = void 0;
  #parts = [];
  #chars = 0;
  #writing = Promise.resolve();
  constructor(target) {
    if (typeof target === "function") {
      this.#fn = target;
      this.name = "a function";
    } else {
      this.#target = target;
      this.name = targetName(target);
    }
  }
  /** Opens the output for this run, once. */
  open() {
    if (this.#fn !== void 0) return Promise.resolve();
    this.#opening ??= import("./_output-HL55Y6OL.js").then((output) => {
      this.#output = output;
      return output.openOutput(this.#target, false).then((out) => void (this.#out = out), (error) => {
        throw output.annotate(output.withoutInPlace(error), `the dead letter ${this.name}`);
      });
    });
    return this.#opening;
  }
  /** Takes one record; a promise when the caller must wait for a write. */
  put(failed) {
    if (this.#fn !== void 0) {
      const r = this.#fn(failed);
      return isThenable(r) ? Promise.resolve(r) : void 0;
    }
    const line = jsonLine(failed);
    this.#parts.push(line);
    this.#chars += line.length;
    return this.#chars >= FLUSH_CHARS ? this.#flush() : void 0;
  }
  #flush() {
    const text = this.#parts.join("");
    this.#parts = [];
    this.#chars = 0;
    this.#writing = this.#writing.then(async () => {
      await this.open();
      if (text === "") return;
      try {
        await this.#out.write(new TextEncoder().encode(text));
      } catch (error) {
        throw this.#output.annotate(error, `the dead letter ${this.name}`);
      }
    });
    return this.#writing;
  }
  /** Writes what is left and commits, whether the run failed or not. */
  async close(_failed) {
    if (this.#fn !== void 0) return;
    try {
      await this.#flush();
      try {
        await this.#out.commit();
      } catch (error) {
        throw this.#output.annotate(error, `the dead letter ${this.name}`);
      }
    } catch (error) {
      await this.#out?.abort(error);
      throw error;
    } finally {
      this.stage = void 0;
      this.#out = void 0;
      this.#opening = void 0;
      this.#parts = [];
      this.#chars = 0;
      this.#writing = Promise.resolve();
    }
  }
};
function policyOf(kind, options) {
  const { onError = "fail", maxErrors = Infinity } = options;
  if (maxErrors !== Infinity && (!Number.isSafeInteger(maxErrors) || maxErrors < 1)) {
    throw new RangeError(`Cannot create ${kind} stage: maxErrors must be a positive integer or Infinity, got ${maxErrors}`);
  }
  if (onError === "fail") return void 0;
  if (onError === "skip") return {
    writer: void 0,
    maxErrors
  };
  const writer = typeof onError === "object" && onError !== null ? writers.get(onError) : void 0;
  if (writer === void 0) {
    throw new TypeError(`Cannot create ${kind} stage: onError must be "fail", "skip" or a dead letter made by deadLetter(), got ${typeof onError === "string" ? `"${onError}"` : typeof onError}`);
  }
  return {
    writer,
    maxErrors
  };
}
var Failures = class {
  /** Set until the dead letter is open: wait for it before the first item. */
  ready;
  #policy;
  #stats;
  #ctx;
  #count = 0;
  constructor(policy, stats, ctx) {
    this.#policy = policy;
    this.#stats = stats;
    this.#ctx = ctx;
    const writer = policy.writer;
    if (writer !== void 0) {
      ctx.open(writer);
      writer.stage ??= stats.name;
      this.ready = writer.open().then(() => void (this.ready = void 0));
      this.ready.catch(() => {
      });
    }
  }
  /**
   * Records that `item` failed with `error`. Returns a promise when the
   * caller must wait (a dead-letter write); throws (or rejects) with a
   * StageError once `maxErrors` items have failed.
   */
  add(error, item, line, path, offset) {
    const ctx = this.#ctx;
    const stats = this.#stats;
    const where = path ?? ctx.path;
    const message = error instanceof Error ? error.message : String(error);
    const at = describePlace({
      line,
      path: where
    }, ctx.unit);
    stats.noteError(at === "" ? message : `${at}: ${message}`);
    this.#count++;
    const wait = this.#policy.writer?.put({
      item,
      error: message,
      stage: stats.name,
      path: where,
      line,
      ...offset === void 0 ? {} : {
        offset
      }
    });
    if (this.#count < this.#policy.maxErrors) return wait;
    const stop = stageFailure(new TooManyErrorsError(stats.name, this.#policy.maxErrors, error), stats, ctx, {
      line,
      path: where
    });
    if (wait === void 0) throw stop;
    return wait.then(() => {
      throw stop;
    });
  }
};

export {
  DEAD_LETTER_RESUME,
  registerDeadLetter,
  DeadLetterWriter,
  policyOf,
  Failures
};
