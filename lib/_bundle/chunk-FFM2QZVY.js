// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  consecutive,
  lineOf,
  numbered
} from "./chunk-LTYBISTW.js";

// lib/core/_adapters.ts
var ItemView = class {
  line = void 0;
  path = void 0;
  onStarve = void 0;
  #it;
  #stats;
  #chunk = void 0;
  #i = 0;
  #done = false;
  // Where wideOf() is in the chunk's list of non-ASCII items.
  #wideAt = 0;
  /**
   * @param source The chunks.
   * @param stats Where to count the items handed out, as a stage's items in.
   */
  constructor(source, stats) {
    this.#it = source[Symbol.asyncIterator]();
    this.#stats = stats;
  }
  [Symbol.asyncIterator]() {
    return this;
  }
  next() {
    const chunk = this.#chunk;
    if (chunk !== void 0 && this.#i < chunk.items.length) {
      const i = this.#i++;
      this.line = lineOf(chunk, i);
      if (this.#stats !== void 0) this.#stats.itemsIn++;
      return Promise.resolve({
        value: chunk.items[i],
        done: false
      });
    }
    return this.#pull();
  }
  // Not an async function: each awaiting level between the reader and the
  // consumer keeps a few hundred bytes alive across V8's scavenges, and what
  // survives them decides when V8 grows its young generation (see
  // bench/RESULTS.md, section G). A `then` keeps about a quarter of that.
  #pull() {
    if (this.#done) return Promise.resolve({
      value: void 0,
      done: true
    });
    this.#chunk = void 0;
    try {
      this.onStarve?.();
      return this.#it.next().then(this.#took);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  #took = (r) => {
    if (r.done === true) {
      this.#done = true;
      return {
        value: void 0,
        done: true
      };
    }
    if (r.value.items.length === 0) return this.#pull();
    this.#chunk = r.value;
    this.path = r.value.path;
    this.#i = 1;
    this.#wideAt = 0;
    this.line = lineOf(r.value, 0);
    if (this.#stats !== void 0) this.#stats.itemsIn++;
    return {
      value: r.value.items[0],
      done: false
    };
  };
  /**
   * Whether `value`, when it is the item last handed out, is a string that
   * is not ASCII, as its chunk noted (see Chunk.wide); undefined when it is
   * another value or the chunk has no note. Asked once per item yielded by
   * the stage reading this view, in order.
   */
  wideOf(value) {
    const chunk = this.#chunk;
    if (chunk === void 0) return void 0;
    const i = this.#i - 1;
    const wide = chunk.wide;
    if (wide === void 0 || chunk.items[i] !== value) return void 0;
    let at = this.#wideAt;
    while (at < wide.length && wide[at] < i) at++;
    this.#wideAt = at;
    return wide[at] === i;
  }
  async return() {
    this.#chunk = void 0;
    if (!this.#done) {
      this.#done = true;
      await this.#it.return?.(void 0);
    }
    return {
      value: void 0,
      done: true
    };
  }
  async throw(error) {
    await this.return();
    throw error;
  }
};
var REBATCH_ITEMS = 128;
var REBATCH_WAIT_MS = 10;
var SOURCE_WAIT_MS = 0;
var SLOW_SOURCE_MS = 1;
var Rechunker = class {
  #it;
  #input;
  #count = 0;
  #items = [];
  #lines = [];
  // Which of #items are not ASCII, while every one of them is an item of
  // the input handed straight on (a stage that passes or drops lines): then
  // the chunk keeps the note that a lossless writeLines encodes by.
  #wide = [];
  #path = void 0;
  #waiter = void 0;
  #pulling = false;
  #done = false;
  #error = void 0;
  #timer = void 0;
  #waitMs;
  // When the pull for a chunk's first item began, or the last chunk went on
  // while it was under way (a source's; see SLOW_SOURCE_MS).
  #pulledAt = 0;
  // A slow source's item waits for the consumer's next call (no timer).
  #slowWaiting = false;
  /**
   * @param output The user's items.
   * @param input The user's stage's input, for line numbers and to hand on a
   * chunk when the stage waits for more input; without it items are numbered.
   */
  constructor(output, input, waitMs = REBATCH_WAIT_MS) {
    this.#it = output[Symbol.asyncIterator]();
    this.#input = input;
    this.#waitMs = waitMs;
    if (input !== void 0) {
      input.onStarve = () => {
        if (this.#items.length > 0) this.#flush();
      };
    }
  }
  next() {
    if (this.#error !== void 0 && this.#items.length === 0) {
      return Promise.reject(this.#error.error);
    }
    if (this.#done && this.#items.length === 0) {
      return Promise.resolve({
        value: void 0,
        done: true
      });
    }
    return new Promise((resolve, reject) => {
      this.#waiter = {
        resolve,
        reject
      };
      if (this.#done) {
        this.#flush();
      } else if (this.#slowWaiting) {
        this.#flush();
        this.#pump();
      } else {
        if (this.#items.length > 0) this.#armTimer();
        this.#pump();
      }
    });
  }
  // One timer at a time, left set when a chunk goes on before it fires: then
  // it hands on what waits when it fires, if anything. A timer set and
  // cleared for each chunk cost `sluice sort -k latency_ms -n -r` over the 1
  // GiB bench corpus (a stage of its own after the sort) about 0.3 s of its
  // 8.7 s of CPU time (three runs each: 8.55-8.73 s, then 8.40-8.88).
  #armTimer() {
    this.#timer ??= setTimeout(this.#onTimer, this.#waitMs);
  }
  #onTimer = () => {
    this.#timer = void 0;
    if (this.#items.length > 0) this.#flush();
  };
  #pump() {
    if (this.#pulling) return;
    this.#pulling = true;
    if (this.#waitMs === SOURCE_WAIT_MS && this.#items.length === 0) {
      this.#pulledAt = performance.now();
    }
    this.#it.next().then(this.#onItem, this.#onError);
  }
  #onItem = (r) => {
    this.#pulling = false;
    if (r.done === true) {
      this.#done = true;
      this.#flush();
      return;
    }
    if (this.#items.length === 0) this.#path = this.#input?.path;
    if (this.#wide !== void 0) {
      const wide = this.#input?.wideOf(r.value);
      if (wide === void 0) this.#wide = void 0;
      else if (wide) this.#wide.push(this.#items.length);
    }
    this.#items.push(r.value);
    this.#count++;
    this.#lines.push(this.#input === void 0 ? this.#count : this.#input.line ?? 0);
    if (this.#items.length === 1 && this.#waitMs === SOURCE_WAIT_MS && performance.now() - this.#pulledAt >= SLOW_SOURCE_MS) {
      if (this.#waiter === void 0) {
        this.#slowWaiting = true;
      } else {
        this.#flush();
        this.#pump();
      }
    } else if (this.#items.length >= REBATCH_ITEMS) {
      this.#flush();
    } else if (this.#waiter !== void 0) {
      this.#armTimer();
      this.#pump();
    }
  };
  #onError = (error) => {
    this.#pulling = false;
    this.#done = true;
    this.#error = {
      error
    };
    if (this.#items.length > 0) {
      this.#flush();
      return;
    }
    this.#clearTimer();
    const waiter = this.#waiter;
    this.#waiter = void 0;
    waiter?.reject(error);
  };
  #clearTimer() {
    if (this.#timer !== void 0) {
      clearTimeout(this.#timer);
      this.#timer = void 0;
    }
  }
  #flush() {
    const waiter = this.#waiter;
    if (waiter === void 0) return;
    if (this.#done) this.#clearTimer();
    this.#waiter = void 0;
    if (this.#items.length === 0) {
      waiter.resolve({
        value: void 0,
        done: true
      });
      return;
    }
    const chunk = numbered(this.#items, this.#lines, this.#path, this.#wide);
    this.#items = [];
    this.#lines = [];
    this.#wide = [];
    this.#slowWaiting = false;
    if (this.#pulling && this.#waitMs === SOURCE_WAIT_MS) {
      this.#pulledAt = performance.now();
    }
    waiter.resolve({
      value: chunk,
      done: false
    });
  }
  async return() {
    this.#clearTimer();
    this.#items = [];
    this.#slowWaiting = false;
    if (!this.#done) {
      this.#done = true;
      await this.#it.return?.(void 0);
    }
    await this.#input?.return();
    return {
      value: void 0,
      done: true
    };
  }
};
function chunksOf(items, source = false) {
  if (Symbol.asyncIterator in items) {
    return {
      [Symbol.asyncIterator]: () => new Rechunker(items, void 0, source ? SOURCE_WAIT_MS : REBATCH_WAIT_MS)
    };
  }
  return syncChunks(items);
}
var SYNC_CHUNK_ITEMS = 1024;
async function* syncChunks(source) {
  let items = [];
  let first = 1;
  for (const item of source) {
    items.push(item);
    if (items.length === SYNC_CHUNK_ITEMS) {
      yield consecutive(items, first);
      first += items.length;
      items = [];
    }
  }
  if (items.length > 0) yield consecutive(items, first);
}
async function eachChunk(input, each) {
  const it = input[Symbol.asyncIterator]();
  while (true) {
    let r = await it.next();
    if (r.done === true) return;
    let chunk = r.value;
    r = void 0;
    try {
      const done = each(chunk);
      chunk = void 0;
      if (done !== void 0) await done;
    } catch (error) {
      await closeEarly(it, {
        error
      });
      throw error;
    }
  }
}
async function closeEarly(it, failure) {
  try {
    await it.return?.();
  } catch (error) {
    if (failure === void 0) throw error;
  }
}
function isThenable(value) {
  return typeof value === "object" && value !== null && typeof value.then === "function";
}
var DONE = Object.freeze({
  value: void 0,
  done: true
});
var Deferred = class {
  #open;
  #opening = void 0;
  #it = void 0;
  /** @param open Makes the iterator, at the first pull. */
  constructor(open) {
    this.#open = open;
  }
  next() {
    const it = this.#it;
    if (it !== void 0) return it.next();
    if (this.#opening === void 0) {
      const open = this.#open;
      if (open === void 0) return Promise.resolve(DONE);
      this.#open = void 0;
      this.#opening = Promise.resolve().then(open);
    }
    return this.#opening.then((made) => {
      this.#it = made;
      return made.next();
    });
  }
  async return() {
    this.#open = void 0;
    const opening = this.#opening;
    if (opening === void 0) return DONE;
    let it;
    try {
      it = await opening;
    } catch {
      return DONE;
    }
    await it.return?.(void 0);
    return DONE;
  }
};
var InTurn = class {
  #count;
  #make;
  #k = -1;
  #it = void 0;
  /**
   * @param count How many iterators.
   * @param make Makes the k-th, from 0.
   */
  constructor(count, make) {
    this.#count = count;
    this.#make = make;
  }
  next() {
    let it = this.#it;
    if (it === void 0) {
      if (this.#k + 1 >= this.#count) return Promise.resolve(DONE);
      try {
        it = this.#it = this.#make(++this.#k);
      } catch (error) {
        this.#k = this.#count;
        return Promise.reject(error);
      }
    }
    if (this.#k === this.#count - 1) return it.next();
    return it.next().then(this.#took);
  }
  async return() {
    const it = this.#it;
    this.#it = void 0;
    this.#k = this.#count;
    await it?.return?.(void 0);
    return DONE;
  }
  #took = (r) => {
    if (r.done !== true) return r;
    this.#it = void 0;
    return this.next();
  };
};

export {
  ItemView,
  Rechunker,
  chunksOf,
  eachChunk,
  closeEarly,
  isThenable,
  DONE,
  Deferred,
  InTurn
};
