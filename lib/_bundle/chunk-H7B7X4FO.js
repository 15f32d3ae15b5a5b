// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  KeyIndex,
  RunList,
  RunWriter,
  mergeAll,
  writeKeyedRun
} from "./chunk-GB27EYZX.js";
import {
  namedReducers
} from "./chunk-DIWDEBFX.js";
import {
  defaultCompare,
  isMissingKey,
  numberJson
} from "./chunk-HIO6RDNE.js";
import {
  OUTPUT_TURN_ITEMS
} from "./chunk-7IW3YWLL.js";
import {
  withTurns
} from "./chunk-Z7NS7ZUO.js";
import {
  consecutive
} from "./chunk-LTYBISTW.js";

// lib/spill/_group_table.ts
var OUT_CHUNK = 64;
var COLUMN_SLOT = 12;
var OBJECT_ACC = 64;
var FIRST_SLOTS = 16;
var Column = class {
  #nums;
  #values;
  /** The slots set since the column was made (clear() keeps them). */
  length = 0;
  /**
   * @param slots The slots its numbers start with: as many as the table's
   * index holds before it grows (see {@linkcode Column.set}).
   */
  constructor(slots = FIRST_SLOTS) {
    this.#nums = new Float64Array(slots);
  }
  /**
   * Bytes the column takes: the slots set. Spare numbers are memory the
   * kernel maps only once they are written.
   */
  get bytes() {
    return this.#nums !== void 0 ? 8 * this.length : this.length * COLUMN_SLOT;
  }
  get(s) {
    return this.#nums !== void 0 ? this.#nums[s] : this.#values[s];
  }
  /** The column's numbers, while every accumulator is one, else undefined. */
  get numbers() {
    return this.#nums;
  }
  /**
   * Sets slot `s`, at most the column's length (slots come in order).
   * Numbers that need room grow to `room` slots (the table's index's), or
   * to twice theirs: as the index grows, straight to its size (see
   * SMALL_SLOTS in _key_index.ts). Returns how much
   * {@linkcode Column.bytes} grew.
   */
  set(s, value, room = 0) {
    let nums = this.#nums;
    const was = this.bytes;
    if (nums !== void 0) {
      if (typeof value === "number") {
        if (s >= nums.length) {
          const more = new Float64Array(Math.max(2 * nums.length, room));
          more.set(nums);
          this.#nums = nums = more;
        }
        nums[s] = value;
        if (s === this.length) this.length++;
        return this.bytes - was;
      }
      this.#values = Array.from(nums.subarray(0, this.length));
      this.#nums = void 0;
    }
    const values = this.#values;
    if (s < values.length) values[s] = value;
    else values.push(value);
    if (s === this.length) this.length++;
    return this.length * COLUMN_SLOT - was;
  }
  /**
   * Zeros the first `n` slots: a column of counts stays numbers, and
   * accumulators that are objects are let go.
   */
  clear(n) {
    if (this.#nums !== void 0) this.#nums.fill(0, 0, n);
    else this.#values.fill(0, 0, n);
  }
  /** Empties the column, as new, freeing its numbers' memory now. */
  free() {
    this.#nums?.buffer?.transfer(0);
    this.#nums = new Float64Array(FIRST_SLOTS);
    this.#values = void 0;
    this.length = 0;
  }
};
var GroupTable = class {
  reducers;
  #index;
  #cols;
  #sizes;
  #accBytes = 0;
  /** What the columns take (see Column.bytes), kept as they grow. */
  #colBytes = 0;
  #list;
  #m;
  #sized;
  /** Whether the reducers' accumulators go to JSON as they are (no encode). */
  #asIs;
  /** Whether a reducer decodes its accumulator (see decode). */
  #decodes;
  /** Items added with a missing key (undefined, null or NaN). */
  missing = 0;
  #emptied = 0;
  /**
   * @param reducers The reducers.
   * @param bytes What the table may grow to before it is cleared (see
   * {@linkcode KeyIndex}).
   */
  constructor(reducers, bytes = 0) {
    this.reducers = reducers;
    this.#index = new KeyIndex(bytes);
    this.#list = reducers.list;
    this.#m = reducers.list.length;
    this.#sized = reducers.list.map((r) => typeof r.bytes === "function");
    this.#asIs = reducers.list.every((r) => r.encode === void 0);
    this.#decodes = reducers.list.some((r) => r.decode !== void 0);
    const slots = this.#index.capacity;
    this.#cols = this.#list.map(() => new Column(slots));
    this.#sizes = this.#sized.map((s) => s ? new Column(slots) : void 0);
    this.#colBytes = this.#columnBytes();
  }
  /** What the columns take now (see Column.bytes). */
  #columnBytes() {
    let bytes = 0;
    for (const col of [
      ...this.#cols,
      ...this.#sizes
    ]) bytes += col?.bytes ?? 0;
    return bytes;
  }
  /** How many groups. */
  get size() {
    return this.#index.size;
  }
  /** Estimated bytes the table holds. */
  get held() {
    return this.#index.bytes + this.#colBytes + this.#accBytes;
  }
  #slot(k, counted = true) {
    if (typeof k !== "string" && !(typeof k === "number" && k === k)) {
      if (!isMissingKey(k)) {
        throw new TypeError(`Group key must be a string, a number, or missing (undefined, null or NaN), got ${typeof k}`);
      }
      if (counted) this.missing++;
      return this.#index.add(null);
    }
    return this.#index.add(k);
  }
  /** Sets accumulator j of slot s, keeping the estimate. */
  #set(s, j, acc, fresh) {
    const room = this.#index.capacity;
    this.#colBytes += this.#cols[j].set(s, acc, room);
    const sizes = this.#sizes[j];
    if (sizes !== void 0) {
      const b = this.#list[j].bytes(acc);
      if (!fresh) this.#accBytes -= sizes.get(s);
      this.#accBytes += b;
      this.#colBytes += sizes.set(s, b, room);
    } else if (fresh && typeof acc === "object" && acc !== null) {
      this.#accBytes += OBJECT_ACC;
    }
  }
  /**
   * Adds an item to the group `k`, and returns the group's slot, which
   * {@linkcode GroupTable.addAt} takes until the table is emptied (see
   * {@linkcode GroupTable.emptied}). Throws a TypeError for a bad key.
   */
  add(k, item) {
    const n = this.#index.size;
    const s = this.#slot(k);
    const fresh = s === n;
    const list = this.#list;
    const cols = this.#cols;
    for (let j = 0; j < this.#m; j++) {
      const r = list[j];
      this.#set(s, j, r.add(fresh ? r.init() : cols[j].get(s), item), fresh);
    }
    return s;
  }
  /** Adds an item to the group in slot `s` (see {@linkcode GroupTable.add}). */
  addAt(s, item) {
    const list = this.#list;
    const cols = this.#cols;
    for (let j = 0; j < this.#m; j++) {
      this.#set(s, j, list[j].add(cols[j].get(s), item), false);
    }
  }
  /** Merges the encoded accumulators of a later part of the input into `k`. */
  mergeEncoded(k, data) {
    const accs = this.decode(data);
    const n = this.#index.size;
    const s = this.#slot(k, false);
    const fresh = s === n;
    for (let j = 0; j < this.#m; j++) {
      this.#set(s, j, fresh ? accs[j] : this.#list[j].merge(this.#cols[j].get(s), accs[j]), fresh);
    }
  }
  /** The accumulators as JSON values (see Reducer's encode). */
  encode(accs) {
    return accs.map((a, j) => this.#list[j].encode?.(a) ?? a);
  }
  /**
   * Accumulators back from what `encode` made: `data` itself when no reducer
   * decodes (a count), not a copy per group merged.
   */
  decode(data) {
    if (!this.#decodes) return data;
    return data.map((d, j) => {
      const r = this.#list[j];
      return r.decode === void 0 ? d : r.decode(d);
    });
  }
  /** A group's result: `key` and one field per reducer. */
  resultOf(k, accs) {
    const out = {
      key: k
    };
    const names = this.reducers.names;
    for (let j = 0; j < this.#m; j++) {
      out[names[j]] = this.#list[j].result(accs[j]);
    }
    return out;
  }
  /** The key of slot `s`. */
  keyAt(s) {
    return this.#index.keyAt(s);
  }
  /** The length of slot `s`'s string key (see KeyIndex's textLength). */
  textLength(s) {
    return this.#index.textLength(s);
  }
  /** Writes slot `s`'s string key as UTF-8 (see KeyIndex's textInto). */
  textInto(s, buf, p) {
    return this.#index.textInto(s, buf, p);
  }
  /**
   * The most bytes {@linkcode GroupTable.jsonInto} writes for a slot when
   * every accumulator is a number in its column and goes to JSON as it is,
   * else -1 ({@linkcode GroupTable.jsonAt} then).
   */
  jsonBytes() {
    if (!this.#asIs) return -1;
    for (const col of this.#cols) if (col.numbers === void 0) return -1;
    return 1 + 26 * this.#m;
  }
  /**
   * Writes the JSON that {@linkcode GroupTable.jsonAt} makes of slot `s`
   * into `buf` at `p`, without making it a string, where
   * {@linkcode GroupTable.jsonBytes} allows; the bytes written.
   */
  jsonInto(s, buf, p) {
    let q = p;
    buf[q++] = 91;
    for (let j = 0; j < this.#m; j++) {
      if (j > 0) buf[q++] = 44;
      q += numberJson(this.#cols[j].numbers[s], buf, q);
    }
    buf[q++] = 93;
    return q - p;
  }
  /** The accumulators of slot `s`. */
  accsAt(s) {
    const accs = new Array(this.#m);
    for (let j = 0; j < this.#m; j++) accs[j] = this.#cols[j].get(s);
    return accs;
  }
  /** The accumulators of slot `s` encoded as JSON text. */
  jsonAt(s) {
    return JSON.stringify(this.encode(this.accsAt(s)));
  }
  /** The slots, in key order. */
  sortedSlots() {
    return this.#index.sorted();
  }
  /** Empties the table, handing out its groups encoded, in table order. */
  takeEncoded() {
    const n = this.size;
    const keys = new Array(n);
    const accs = new Array(n);
    for (let s = 0; s < n; s++) {
      keys[s] = this.keyAt(s);
      accs[s] = this.encode(this.accsAt(s));
    }
    const missing = this.missing;
    this.missing = 0;
    this.clear();
    return {
      keys,
      accs,
      missing
    };
  }
  /**
   * How many times the table was emptied: the slots that
   * {@linkcode GroupTable.add} gave hold while it stays the same.
   */
  get emptied() {
    return this.#emptied;
  }
  /** Empties the table; its arrays are kept for the next groups. */
  clear() {
    this.#emptied++;
    const n = this.#index.size;
    this.#index.clear();
    for (const col of this.#cols) col.clear(n);
    this.#accBytes = 0;
  }
  /**
   * Empties the table and hands out the memory of its keys, for reading
   * runs back; the table takes no more groups. Its other arrays are freed
   * now (see KeyIndex.release), as are its columns' numbers: their pages
   * stayed resident through the merge that follows (`groupBy()` by req
   * with a 16 MiB budget over the 1 GiB bench corpus, with
   * KeyIndex.release: peak RSS 80.6 -> 78.4 MiB, medians of 3).
   */
  release() {
    this.clear();
    for (const col of [
      ...this.#cols,
      ...this.#sizes
    ]) col?.free();
    this.#colBytes = this.#columnBytes();
    return this.#index.release();
  }
};
var TABLE_SHARE = 0.25;
var WRITE_BUFFER = 1 << 16;
var SpillingGroups = class {
  table;
  #o;
  #tableBudget;
  #runs;
  #writeBuffer;
  /**
   * @param reducers The reducers of the groups.
   * @param options The budget and where to spill.
   */
  constructor(reducers, options) {
    this.#o = options;
    this.#runs = new RunList({
      budgetBytes: options.budget,
      spill: options.spill,
      fanIn: options.fanIn,
      stats: options.stats,
      keyed: true,
      compare: defaultCompare,
      reverse: false,
      wantKeys: true
    });
    this.#tableBudget = Math.floor(options.budget * (options.tableShare ?? TABLE_SHARE));
    this.table = new GroupTable(reducers, this.#tableBudget);
  }
  /** Whether the table is over its share of the budget: time to check(). */
  get full() {
    return this.table.size > 0 && this.table.held >= this.#tableBudget;
  }
  /** Reports what is held and spills the table when it is over its share. */
  /**
  * Adds `items` to the table by `key`, spilling as soon as the table is
  * full, also in the middle of the items (a chunk of long kept items could
  * otherwise overshoot the budget many times). An item whose key or
  * reducers throw ends it with what `fail(error, index)` returns.
  */
  async addItems(items, key, fail) {
    const table = this.table;
    let i = 0;
    while (i < items.length) {
      try {
        for (; i < items.length && !this.full; i++) {
          const item = items[i];
          table.add(key(item), item);
        }
      } catch (error) {
        throw fail(error, i);
      }
      await this.check();
    }
  }
  async check() {
    const table = this.table;
    this.#o.stats.hold(table.size, table.held);
    if (table.missing > 0) {
      this.#o.stats.count("missingKeys", table.missing);
      table.missing = 0;
    }
    if (this.full) await this.#spillTable();
  }
  async #spillTable() {
    const table = this.table;
    if (table.size === 0) return;
    const order = table.sortedSlots();
    const { spill, stats } = this.#o;
    const path = await spill.file();
    this.#writeBuffer ??= new Uint8Array(WRITE_BUFFER);
    const writer = await RunWriter.create(path, this.#writeBuffer);
    try {
      await writeKeyedRun(writer, order.length, (i) => table.keyAt(order[i]), (i) => table.jsonAt(order[i]), {
        keyLength: (i) => table.textLength(order[i]),
        keyInto: (i, buf, p) => table.textInto(order[i], buf, p),
        jsonBytes: table.jsonBytes(),
        jsonInto: (i, buf, p) => table.jsonInto(order[i], buf, p)
      });
      const bytes = await writer.close();
      stats.count("runsWritten");
      stats.count("bytesSpilled", bytes);
    } catch (error) {
      writer.abort();
      throw error;
    }
    table.clear();
    await this.#runs.add(path);
  }
  /**
   * The results, in key order, in chunks; with `encoded`, each group as
   * `[key, encoded accumulators]` instead (a partial result, to merge later).
   * The results are handed on with a turn of the event loop after every
   * OUTPUT_TURN_ITEMS of them, from memory or merged; partials, for a
   * worker's reply, without.
   */
  results(encoded = false) {
    return encoded ? this.#results(true) : withTurns(this.#results(false), OUTPUT_TURN_ITEMS);
  }
  async *#results(encoded) {
    const table = this.table;
    const out = [];
    const result = (k, accs) => encoded ? [
      k,
      table.encode(accs)
    ] : table.resultOf(k, accs);
    let line = 1;
    const full = () => {
      const n = out.length;
      const chunk = consecutive(out.splice(0), line);
      line += n;
      return chunk;
    };
    if (this.#runs.length === 0) {
      const order = table.sortedSlots();
      for (let i = 0; i < order.length; i++) {
        const s = order[i];
        out.push(result(table.keyAt(s), table.accsAt(s)));
        if (out.length === OUT_CHUNK) yield full();
      }
      table.clear();
      if (out.length > 0) yield full();
      return;
    }
    await this.#spillTable();
    const list = table.reducers.list;
    const m = list.length;
    let pendingKey = void 0;
    let pending;
    const { budget, fanIn, spill, stats } = this.#o;
    this.#writeBuffer = void 0;
    const merged = mergeAll(this.#runs.paths, {
      budgetBytes: budget - this.#tableBudget,
      spill,
      fanIn,
      stats,
      keyed: true,
      compare: defaultCompare,
      reverse: false,
      wantKeys: true
    }, table.release());
    for await (const entries of merged) {
      for (let j = 0; j < entries.items.length; j++) {
        const k = entries.keys[j];
        const accs = table.decode(entries.items[j]);
        if (pending !== void 0 && k === pendingKey) {
          for (let x = 0; x < m; x++) {
            pending[x] = list[x].merge(pending[x], accs[x]);
          }
        } else {
          if (pending !== void 0) {
            out.push(result(pendingKey, pending));
          }
          pendingKey = k;
          pending = accs;
        }
      }
      if (out.length >= OUT_CHUNK) yield full();
    }
    if (pending !== void 0) out.push(result(pendingKey, pending));
    if (out.length > 0) yield full();
  }
};
async function loadGroupSpec(kind, module, exportName, params) {
  const mod = await import(module);
  let spec = mod[exportName];
  if (typeof spec === "function") spec = await spec(params);
  if (typeof spec !== "object" || spec === null || typeof spec.key !== "function") {
    throw new TypeError(`Cannot create ${kind} stage: export "${exportName}" of ${module} must be { key, reducers } or a function that returns it, got ${spec === null ? "null" : typeof spec}`);
  }
  const { key, reducers } = spec;
  return {
    key,
    reducers,
    named: namedReducers(kind, reducers)
  };
}

export {
  GroupTable,
  SpillingGroups,
  loadGroupSpec
};
