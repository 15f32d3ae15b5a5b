// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  lineOf,
  numbered
} from "./chunk-LTYBISTW.js";

// lib/stages/sample.ts
function own(item) {
  return typeof item === "string" && item.length > 12 ? JSON.parse(JSON.stringify(item)) : item;
}
var encoder = new TextEncoder();
var decoder = new TextDecoder("utf-8", {
  ignoreBOM: true
});
function mix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2146121005);
  h ^= h >>> 15;
  h = Math.imul(h, 2221713035);
  h ^= h >>> 16;
  return h >>> 0;
}
function priorities(seed, path) {
  let a = (seed | 0) ^ 2654435769;
  let b = Math.imul(Math.floor(seed / 2 ** 32) | 0, 2246822507) ^ 3266489909;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 1540483477);
  }
  const pa = mix32(a);
  const pb = mix32(b ^ pa);
  return (line) => {
    const x = mix32(pa ^ line);
    const y = mix32(pb ^ Math.floor(line / 2 ** 32) ^ x);
    return x * 2 ** 21 + (y >>> 11);
  };
}
var FIRST_SLOTS = 1024;
var FIRST_STORE = 1 << 16;
var SAMPLE_BATCH = 256;
var BottomK = class {
  #count;
  #seq = 0;
  #n = 0;
  // The heap: the slot of each item kept, the root's the one to go first.
  // A slot keeps its item's priority, input order, line number and the item
  // itself: `#len` bytes at `#off` in the store, or with `#len` -1 the value
  // in `#objects`. An item replaced leaves its slot to the one replacing it.
  #heap = new Uint32Array(0);
  #priority = new Float64Array(0);
  #order = new Float64Array(0);
  #line = new Float64Array(0);
  #off = new Uint32Array(0);
  #len = new Int32Array(0);
  #objects = [];
  #store = new Uint8Array(0);
  #used = 0;
  /** The bytes in the store that no item kept holds. */
  #dead = 0;
  /** Slots, sorted by where their bytes lie (see #room). */
  #places = new Uint32Array(0);
  constructor(count) {
    this.#count = count;
  }
  /** How many items are kept. */
  get size() {
    return this.#n;
  }
  /** The bytes it holds: its arrays and its store. */
  get heldBytes() {
    return this.#store.length + 36 * this.#priority.length + this.#places.byteLength;
  }
  /** Whether the item in slot `a` goes before the one in slot `b`. */
  #worse(a, b) {
    const pa = this.#priority[a];
    const pb = this.#priority[b];
    return pa > pb || pa === pb && this.#order[a] > this.#order[b];
  }
  /** Room for one more item in the arrays. */
  #slot() {
    const size = this.#priority.length;
    if (this.#n < size) return;
    const grown = Math.min(this.#count, Math.max(FIRST_SLOTS, 2 * size));
    this.#priority = grownTo(this.#priority, new Float64Array(grown));
    this.#order = grownTo(this.#order, new Float64Array(grown));
    this.#line = grownTo(this.#line, new Float64Array(grown));
    this.#off = grownTo(this.#off, new Uint32Array(grown));
    this.#len = grownTo(this.#len, new Int32Array(grown));
    this.#heap = grownTo(this.#heap, new Uint32Array(grown));
  }
  /** Keeps `item` in slot `at`. */
  #put(at, item) {
    if (this.#len[at] === -1) this.#objects[at] = void 0;
    else this.#dead += this.#len[at];
    this.#len[at] = 0;
    if (typeof item !== "string" || !item.isWellFormed()) {
      this.#len[at] = -1;
      this.#objects[at] = own(item);
      return;
    }
    if (this.#used + 3 * item.length > this.#store.length) {
      this.#room(3 * item.length);
    }
    const written = encoder.encodeInto(item, this.#store.subarray(this.#used)).written;
    this.#off[at] = this.#used;
    this.#len[at] = written;
    this.#used += written;
  }
  /**
   * Room for `need` more bytes in the store: the bytes of the items kept
   * moved together, in place when half as many are dead as alive (and that
   * makes room), else into a store half as large again as they need, the
   * old one freed at once.
   */
  #room(need) {
    const live = this.#used - this.#dead;
    let store = this.#store;
    if (2 * this.#dead < live || live + need > store.length) {
      store = new Uint8Array(Math.max(FIRST_STORE, Math.ceil(1.5 * (live + need))));
    }
    const n = this.#n;
    if (this.#places.length < this.#priority.length) {
      this.#places = new Uint32Array(this.#priority.length);
    }
    let k = 0;
    for (let i = 0; i < n; i++) if (this.#len[i] !== -1) this.#places[k++] = i;
    const off = this.#off;
    const byPlace = this.#places.subarray(0, k).sort((a, b) => off[a] - off[b]);
    const old = this.#store;
    let at = 0;
    for (let j = 0; j < k; j++) {
      const i = byPlace[j];
      const from = off[i];
      const len = this.#len[i];
      if (store === old) store.copyWithin(at, from, from + len);
      else store.set(old.subarray(from, from + len), at);
      off[i] = at;
      at += len;
    }
    if (store !== old) old.buffer.transfer(0);
    this.#store = store;
    this.#used = at;
    this.#dead = 0;
  }
  /** Offers an item: kept when it is among the least so far. */
  add(item, priority, line) {
    const seq = this.#seq++;
    const heap = this.#heap;
    if (this.#n < this.#count) {
      this.#slot();
      const slot2 = this.#n;
      this.#priority[slot2] = priority;
      this.#order[slot2] = seq;
      this.#line[slot2] = line;
      this.#len[slot2] = 0;
      this.#put(slot2, item);
      const up = this.#heap;
      let i2 = this.#n++;
      while (i2 > 0) {
        const p = i2 - 1 >> 1;
        if (!this.#worse(slot2, up[p])) break;
        up[i2] = up[p];
        i2 = p;
      }
      up[i2] = slot2;
      return;
    }
    if (this.#n === 0) return;
    const slot = heap[0];
    if (!(priority < this.#priority[slot])) return;
    this.#priority[slot] = priority;
    this.#order[slot] = seq;
    this.#line[slot] = line;
    this.#put(slot, item);
    const n = this.#n;
    let i = 0;
    for (; ; ) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.#worse(heap[r], heap[l]) ? r : l;
      if (!this.#worse(heap[c], slot)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = slot;
  }
  /** The item in slot `at`. */
  #item(at) {
    const len = this.#len[at];
    if (len === -1) return this.#objects[at];
    const off = this.#off[at];
    return decoder.decode(this.#store.subarray(off, off + len));
  }
  /**
   * The kept items in the order they came, SAMPLE_BATCH at a time: only
   * a batch's strings are made at once.
   */
  *batches() {
    const n = this.#n;
    const seq = this.#order;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => seq[a] - seq[b]);
    for (let from = 0; from < n; from += SAMPLE_BATCH) {
      const batch = [];
      for (const i of order.subarray(from, from + SAMPLE_BATCH)) {
        batch.push({
          item: this.#item(i),
          priority: this.#priority[i],
          line: this.#line[i]
        });
      }
      yield batch;
    }
  }
};
function grownTo(a, grown) {
  grown.set(a);
  return grown;
}
function sampleStage(kind, count, options, out) {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`Cannot create ${kind} stage: count must be an integer of at least 0, got ${count}`);
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`Cannot create ${kind} stage: seed must be an integer, got ${seed}`);
  }
  return defineStage({
    kind,
    name: options.name,
    bound: `${count} items + 1 chunk`,
    async *run(input, stats, ctx) {
      const sampled = new BottomK(count);
      let path;
      let priority = priorities(seed, "");
      for await (const chunk of input) {
        const from = chunk.path ?? ctx.path ?? "";
        if (from !== path) {
          path = from;
          priority = priorities(seed, from);
        }
        const items = chunk.items;
        for (let i = 0; i < items.length; i++) {
          const line = lineOf(chunk, i);
          sampled.add(items[i], priority(line), line);
        }
        stats.hold(sampled.size, sampled.heldBytes);
      }
      for (const kept of sampled.batches()) {
        yield numbered(kept.map(out), kept.map((k) => k.line));
      }
    }
  });
}
function sample(count, options = {}) {
  return sampleStage("sample", count, options, (k) => k.item);
}

// lib/shard/sample_partial.ts
function samplePartial(count, options = {}) {
  return sampleStage("samplePartial", count, options, (k) => [
    k.priority,
    k.item
  ]);
}
function mergeSample(count) {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`Cannot create mergeSample stage: count must be an integer of at least 0, got ${count}`);
  }
  return defineStage({
    kind: "mergeSample",
    name: void 0,
    bound: `${count} items + 1 chunk`,
    async *run(input, stats) {
      const sampled = new BottomK(count);
      let seq = 0;
      for await (const chunk of input) {
        for (const [priority, item] of chunk.items) {
          sampled.add(item, priority, ++seq);
        }
        stats.hold(sampled.size, sampled.heldBytes);
      }
      for (const kept of sampled.batches()) {
        yield numbered(kept.map((k) => k.item), kept.map((k) => k.line));
      }
    }
  });
}

export {
  sample,
  samplePartial,
  mergeSample
};
