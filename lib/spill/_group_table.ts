// Copyright 2026 the sluice authors. MIT license.
// The table of groups behind groupBy() and parallelGroupBy(): accumulators
// per key, fed items or partial accumulators (from workers); spilled, sorted
// by key, beyond a budget; merged and put in key order at the end.

import { mergeAll, RunList, writeKeyedRun } from "./_external_sort.ts";
import { KeyIndex } from "./_key_index.ts";
import { defaultCompare, isMissingKey, numberJson } from "./_keys.ts";
import { type NamedReducers, namedReducers } from "./_named_reducers.ts";
import { RunWriter, type SpillDir } from "./_spill.ts";
import { OUTPUT_TURN_ITEMS } from "./_budget.ts";
import { withTurns } from "../fs/_turn.ts";
import { type Chunk, consecutive } from "../core/_chunk.ts";
import type { Reducer } from "./reducers.ts";
import type { StageStats } from "../summary/_record.ts";

/** Results handed on per chunk. */
// 256, not 1024: what a merge's scavenges find alive fell from ~150 to ~55
// KiB each (groupBy() by req, 16 MiB budget), so V8 grows its young
// generation later; 64, not 256, with the merge's OUT_BATCH (measured
// there): `sluice group --by req` with a 16 MiB budget over 256 MiB, 10 KiB
// alive at the median scavenge, and its semi-spaces stay at 8 MiB.
const OUT_CHUNK = 64;

/** Partial accumulators as they cross from a worker: keys and encoded accs. */
export interface EncodedPartial {
  keys: (string | number | null)[];
  accs: unknown[][];
  /** Items the worker added with a missing key since its last partial. */
  missing: number;
}

// What a group costs beyond its key's slot in the KeyIndex: a slot of each
// reducer's column (8 bytes as a number, COLUMN_SLOT in an array), and for an
// accumulator that is an object (without its own `bytes`), that object.
const COLUMN_SLOT = 12;
const OBJECT_ACC = 64;
/**
 * The slots a column of numbers starts with on its own (it doubles as it
 * fills); a table's start with as many as its index.
 */
const FIRST_SLOTS = 16;

/**
 * One reducer's accumulators (or their sizes) by slot. Numbers are kept in
 * a Float64Array, off V8's heap, until an accumulator is something else;
 * from then on in an array. An array that grows by `push` is copied into a
 * new one half again as big each time, and V8 moves every copy that lives
 * through two scavenges into its old generation: all those bytes count as
 * survivors, which make V8 grow its young generation. groupBy() by req
 * with a 64 MiB budget over the 1 GiB bench corpus (V8's defaults, trace of
 * its collections): the count column's copies, 0.18 to 3.1 MB each, were
 * most of what survived in the first 0.6 s, and the young generation grew
 * to 8 MiB semi-spaces then and to 16 MiB at 10.6 s.
 */
class Column {
  #nums: Float64Array | undefined;
  #values: unknown[] | undefined;
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
  get bytes(): number {
    return this.#nums !== undefined
      ? 8 * this.length
      : this.length * COLUMN_SLOT;
  }

  get(s: number): unknown {
    return this.#nums !== undefined ? this.#nums[s] : this.#values![s];
  }

  /** The column's numbers, while every accumulator is one, else undefined. */
  get numbers(): Float64Array | undefined {
    return this.#nums;
  }

  /**
   * Sets slot `s`, at most the column's length (slots come in order).
   * Numbers that need room grow to `room` slots (the table's index's), or
   * to twice theirs: as the index grows, straight to its size (see
   * SMALL_SLOTS in _key_index.ts). Returns how much
   * {@linkcode Column.bytes} grew.
   */
  set(s: number, value: unknown, room = 0): number {
    let nums = this.#nums;
    const was = this.bytes;
    if (nums !== undefined) {
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
      // Not a number: an array from now on, with the numbers so far.
      this.#values = Array.from(nums.subarray(0, this.length));
      this.#nums = undefined;
    }
    const values = this.#values!;
    if (s < values.length) values[s] = value;
    else values.push(value);
    if (s === this.length) this.length++;
    return this.length * COLUMN_SLOT - was;
  }

  /**
   * Zeros the first `n` slots: a column of counts stays numbers, and
   * accumulators that are objects are let go.
   */
  clear(n: number): void {
    if (this.#nums !== undefined) this.#nums.fill(0, 0, n);
    else this.#values!.fill(0, 0, n);
  }

  /** Empties the column, as new, freeing its numbers' memory now. */
  free(): void {
    (this.#nums?.buffer as ArrayBuffer | undefined)?.transfer(0);
    this.#nums = new Float64Array(FIRST_SLOTS);
    this.#values = undefined;
    this.length = 0;
  }
}

/**
 * Accumulators per key, in memory: the keys in a {@linkcode KeyIndex}, off
 * V8's heap, and one array per reducer indexed by the key's slot, so that a
 * count or a number is no object at all.
 */
export class GroupTable {
  readonly reducers: NamedReducers;
  #index: KeyIndex;
  readonly #cols: Column[];
  readonly #sizes: (Column | undefined)[];
  #accBytes = 0;
  /** What the columns take (see Column.bytes), kept as they grow. */
  #colBytes = 0;
  readonly #list: Reducer<unknown, unknown, unknown>[];
  readonly #m: number;
  readonly #sized: boolean[];
  /** Whether the reducers' accumulators go to JSON as they are (no encode). */
  readonly #asIs: boolean;
  /** Whether a reducer decodes its accumulator (see decode). */
  readonly #decodes: boolean;
  /** Items added with a missing key (undefined, null or NaN). */
  missing = 0;
  #emptied = 0;

  /**
   * @param reducers The reducers.
   * @param bytes What the table may grow to before it is cleared (see
   * {@linkcode KeyIndex}).
   */
  constructor(reducers: NamedReducers, bytes = 0) {
    this.reducers = reducers;
    this.#index = new KeyIndex(bytes);
    this.#list = reducers.list;
    this.#m = reducers.list.length;
    this.#sized = reducers.list.map((r) => typeof r.bytes === "function");
    this.#asIs = reducers.list.every((r) => r.encode === undefined);
    this.#decodes = reducers.list.some((r) => r.decode !== undefined);
    const slots = this.#index.capacity;
    this.#cols = this.#list.map(() => new Column(slots));
    this.#sizes = this.#sized.map((s) => s ? new Column(slots) : undefined);
    this.#colBytes = this.#columnBytes();
  }

  /** What the columns take now (see Column.bytes). */
  #columnBytes(): number {
    let bytes = 0;
    for (const col of [...this.#cols, ...this.#sizes]) bytes += col?.bytes ?? 0;
    return bytes;
  }

  /** How many groups. */
  get size(): number {
    return this.#index.size;
  }

  /** Estimated bytes the table holds. */
  get held(): number {
    return this.#index.bytes + this.#colBytes + this.#accBytes;
  }

  #slot(k: unknown, counted = true): number {
    if (typeof k !== "string" && !(typeof k === "number" && k === k)) {
      if (!isMissingKey(k)) {
        throw new TypeError(
          `Group key must be a string, a number, or missing (undefined, null or NaN), got ${typeof k}`,
        );
      }
      // Missing keys make one group, keyed null, which comes last.
      if (counted) this.missing++;
      return this.#index.add(null);
    }
    return this.#index.add(k);
  }

  /** Sets accumulator j of slot s, keeping the estimate. */
  #set(s: number, j: number, acc: unknown, fresh: boolean): void {
    const room = this.#index.capacity;
    this.#colBytes += this.#cols[j]!.set(s, acc, room);
    const sizes = this.#sizes[j];
    if (sizes !== undefined) {
      const b = this.#list[j]!.bytes!(acc);
      if (!fresh) this.#accBytes -= sizes.get(s) as number;
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
  add(k: unknown, item: unknown): number {
    const n = this.#index.size;
    const s = this.#slot(k);
    const fresh = s === n;
    const list = this.#list;
    const cols = this.#cols;
    for (let j = 0; j < this.#m; j++) {
      const r = list[j]!;
      this.#set(s, j, r.add(fresh ? r.init() : cols[j]!.get(s), item), fresh);
    }
    return s;
  }

  /** Adds an item to the group in slot `s` (see {@linkcode GroupTable.add}). */
  addAt(s: number, item: unknown): void {
    const list = this.#list;
    const cols = this.#cols;
    for (let j = 0; j < this.#m; j++) {
      this.#set(s, j, list[j]!.add(cols[j]!.get(s), item), false);
    }
  }

  /** Merges the encoded accumulators of a later part of the input into `k`. */
  mergeEncoded(k: unknown, data: unknown[]): void {
    const accs = this.decode(data);
    const n = this.#index.size;
    const s = this.#slot(k, false);
    const fresh = s === n;
    for (let j = 0; j < this.#m; j++) {
      this.#set(
        s,
        j,
        fresh ? accs[j] : this.#list[j]!.merge(this.#cols[j]!.get(s), accs[j]),
        fresh,
      );
    }
  }

  /** The accumulators as JSON values (see Reducer's encode). */
  encode(accs: unknown[]): unknown[] {
    return accs.map((a, j) => this.#list[j]!.encode?.(a) ?? a);
  }

  /**
   * Accumulators back from what `encode` made: `data` itself when no reducer
   * decodes (a count), not a copy per group merged.
   */
  decode(data: unknown[]): unknown[] {
    if (!this.#decodes) return data;
    return data.map((d, j) => {
      const r = this.#list[j]!;
      return r.decode === undefined ? d : r.decode(d);
    });
  }

  /** A group's result: `key` and one field per reducer. */
  resultOf(k: unknown, accs: unknown[]): Record<string, unknown> {
    const out: Record<string, unknown> = { key: k };
    const names = this.reducers.names;
    for (let j = 0; j < this.#m; j++) {
      out[names[j]!] = this.#list[j]!.result(accs[j]);
    }
    return out;
  }

  /** The key of slot `s`. */
  keyAt(s: number): string | number | null {
    return this.#index.keyAt(s);
  }

  /** The length of slot `s`'s string key (see KeyIndex's textLength). */
  textLength(s: number): number {
    return this.#index.textLength(s);
  }

  /** Writes slot `s`'s string key as UTF-8 (see KeyIndex's textInto). */
  textInto(s: number, buf: Uint8Array, p: number): number {
    return this.#index.textInto(s, buf, p);
  }

  /**
   * The most bytes {@linkcode GroupTable.jsonInto} writes for a slot when
   * every accumulator is a number in its column and goes to JSON as it is,
   * else -1 ({@linkcode GroupTable.jsonAt} then).
   */
  jsonBytes(): number {
    if (!this.#asIs) return -1;
    for (const col of this.#cols) if (col.numbers === undefined) return -1;
    // A number's JSON takes at most 25 bytes (-0.0000012345678901234567),
    // and a comma after it.
    return 1 + 26 * this.#m;
  }

  /**
   * Writes the JSON that {@linkcode GroupTable.jsonAt} makes of slot `s`
   * into `buf` at `p`, without making it a string, where
   * {@linkcode GroupTable.jsonBytes} allows; the bytes written.
   */
  jsonInto(s: number, buf: Uint8Array, p: number): number {
    let q = p;
    buf[q++] = 0x5b; // [
    for (let j = 0; j < this.#m; j++) {
      if (j > 0) buf[q++] = 0x2c; // ,
      q += numberJson(this.#cols[j]!.numbers![s]!, buf, q);
    }
    buf[q++] = 0x5d; // ]
    return q - p;
  }

  /** The accumulators of slot `s`. */
  accsAt(s: number): unknown[] {
    const accs = new Array<unknown>(this.#m);
    for (let j = 0; j < this.#m; j++) accs[j] = this.#cols[j]!.get(s);
    return accs;
  }

  /** The accumulators of slot `s` encoded as JSON text. */
  jsonAt(s: number): string {
    return JSON.stringify(this.encode(this.accsAt(s)));
  }

  /** The slots, in key order. */
  sortedSlots(): Uint32Array {
    return this.#index.sorted();
  }

  /** Empties the table, handing out its groups encoded, in table order. */
  takeEncoded(): EncodedPartial {
    const n = this.size;
    const keys: (string | number | null)[] = new Array(n);
    const accs: unknown[][] = new Array(n);
    for (let s = 0; s < n; s++) {
      keys[s] = this.keyAt(s);
      accs[s] = this.encode(this.accsAt(s));
    }
    const missing = this.missing;
    this.missing = 0;
    this.clear();
    return { keys, accs, missing };
  }

  /**
   * How many times the table was emptied: the slots that
   * {@linkcode GroupTable.add} gave hold while it stays the same.
   */
  get emptied(): number {
    return this.#emptied;
  }

  /** Empties the table; its arrays are kept for the next groups. */
  clear(): void {
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
  release(): Uint8Array {
    this.clear();
    for (const col of [...this.#cols, ...this.#sizes]) col?.free();
    this.#colBytes = this.#columnBytes();
    return this.#index.release();
  }
}

/** Where a grouping stage spills its table. */
export interface GroupSpill {
  budget: number;
  fanIn: number;
  spill: SpillDir;
  stats: StageStats;
  /**
   * The share of the budget for the table of groups (parallelGroupBy gives
   * its table more than its workers').
   * @default {TABLE_SHARE}
   */
  tableShare?: number;
}

/** The share of the budget for the table of groups of groupBy(). */
// 0.25 (groupBy() by req, peak RSS at 16/64 MiB budget): 109/121 MiB; 0.5:
// 115/139; 0.75: 121/205; 0.125: no lower (CLI group 114/129).
export const TABLE_SHARE = 0.25;
/** The write buffer of a run file. */
// 64 KiB: the same peak RSS and time as 256 KiB (109/121 MiB at 16/64 MiB).
const WRITE_BUFFER = 1 << 16;

/**
 * A table of groups within a budget: a share for the table, beyond which
 * its accumulators are sorted by key and written to a run file; the rest
 * for writing runs and, at the end, merging them. The runs are merged and
 * each key's parts combined in input order, so that the result is that of
 * a run in memory.
 */
export class SpillingGroups {
  readonly table: GroupTable;
  readonly #o: GroupSpill;
  readonly #tableBudget: number;
  readonly #runs: RunList;
  #writeBuffer: Uint8Array | undefined;

  /**
   * @param reducers The reducers of the groups.
   * @param options The budget and where to spill.
   */
  constructor(reducers: NamedReducers, options: GroupSpill) {
    this.#o = options;
    this.#runs = new RunList({
      budgetBytes: options.budget,
      spill: options.spill,
      fanIn: options.fanIn,
      stats: options.stats,
      keyed: true,
      compare: defaultCompare,
      reverse: false,
      wantKeys: true,
    });
    this.#tableBudget = Math.floor(
      options.budget * (options.tableShare ?? TABLE_SHARE),
    );
    this.table = new GroupTable(reducers, this.#tableBudget);
  }

  /** Whether the table is over its share of the budget: time to check(). */
  get full(): boolean {
    // A table with no group is never full, or a small budget would stall.
    return this.table.size > 0 && this.table.held >= this.#tableBudget;
  }

  /** Reports what is held and spills the table when it is over its share. */
  /**
   * Adds `items` to the table by `key`, spilling as soon as the table is
   * full, also in the middle of the items (a chunk of long kept items could
   * otherwise overshoot the budget many times). An item whose key or
   * reducers throw ends it with what `fail(error, index)` returns.
   */
  async addItems<T>(
    items: readonly T[],
    key: (item: T) => unknown,
    fail: (error: unknown, index: number) => unknown,
  ): Promise<void> {
    const table = this.table;
    let i = 0;
    while (i < items.length) {
      try {
        for (; i < items.length && !this.full; i++) {
          const item = items[i]!;
          table.add(key(item), item);
        }
      } catch (error) {
        throw fail(error, i);
      }
      await this.check();
    }
  }

  async check(): Promise<void> {
    const table = this.table;
    this.#o.stats.hold(table.size, table.held);
    if (table.missing > 0) {
      this.#o.stats.count("missingKeys", table.missing);
      table.missing = 0;
    }
    if (this.full) await this.#spillTable();
  }

  async #spillTable(): Promise<void> {
    const table = this.table;
    if (table.size === 0) return;
    const order = table.sortedSlots();
    const { spill, stats } = this.#o;
    const path = await spill.file();
    this.#writeBuffer ??= new Uint8Array(WRITE_BUFFER);
    const writer = await RunWriter.create(path, this.#writeBuffer);
    try {
      await writeKeyedRun(
        writer,
        order.length,
        (i) => table.keyAt(order[i]!),
        (i) => table.jsonAt(order[i]!),
        {
          keyLength: (i) => table.textLength(order[i]!),
          keyInto: (i, buf, p) => table.textInto(order[i]!, buf, p),
          jsonBytes: table.jsonBytes(),
          jsonInto: (i, buf, p) => table.jsonInto(order[i]!, buf, p),
        },
      );
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
  results(
    encoded = false,
  ): AsyncGenerator<Chunk<Record<string, unknown>>> {
    return encoded
      ? this.#results(true)
      : withTurns(this.#results(false), OUTPUT_TURN_ITEMS);
  }

  async *#results(
    encoded: boolean,
  ): AsyncGenerator<Chunk<Record<string, unknown>>> {
    const table = this.table;
    const out: Record<string, unknown>[] = [];
    const result = (k: unknown, accs: unknown[]) =>
      encoded
        ? [k, table.encode(accs)] as unknown as Record<string, unknown>
        : table.resultOf(k, accs);
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
        const s = order[i]!;
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
    let pendingKey: unknown = undefined;
    let pending: unknown[] | undefined;
    const { budget, fanIn, spill, stats } = this.#o;
    this.#writeBuffer = undefined;
    const merged = mergeAll(this.#runs.paths, {
      budgetBytes: budget - this.#tableBudget,
      spill,
      fanIn,
      stats,
      keyed: true,
      compare: defaultCompare,
      reverse: false,
      wantKeys: true,
    }, table.release());
    for await (const entries of merged) {
      for (let j = 0; j < entries.items.length; j++) {
        const k = entries.keys[j];
        const accs = table.decode(entries.items[j] as unknown[]);
        if (pending !== undefined && k === pendingKey) {
          for (let x = 0; x < m; x++) {
            pending[x] = list[x]!.merge(pending[x], accs[x]);
          }
        } else {
          if (pending !== undefined) {
            out.push(result(pendingKey, pending));
          }
          pendingKey = k;
          pending = accs;
        }
      }
      if (out.length >= OUT_CHUNK) yield full();
    }
    if (pending !== undefined) out.push(result(pendingKey, pending));
    if (out.length > 0) yield full();
  }
}

/** A grouping as a module exports it for parallelGroupBy(), checked. */
export interface LoadedSpec {
  /** Its keys are checked as they come (see GroupTable.add). */
  key: (item: unknown) => string | number | null | undefined;
  reducers: unknown;
  named: NamedReducers;
}

/**
 * Imports `module` and builds its grouping: the export `exportName` is
 * `{ key, reducers }`, or a function of `params` that returns it (or a
 * promise of it). Throws a TypeError naming the stage when it is neither.
 */
export async function loadGroupSpec(
  kind: string,
  module: string,
  exportName: string,
  params: unknown,
): Promise<LoadedSpec> {
  const mod = await import(module);
  let spec = mod[exportName];
  if (typeof spec === "function") spec = await spec(params);
  if (
    typeof spec !== "object" || spec === null ||
    typeof (spec as { key?: unknown }).key !== "function"
  ) {
    throw new TypeError(
      `Cannot create ${kind} stage: export "${exportName}" of ${module} must be { key, reducers } or a function that returns it, got ${
        spec === null ? "null" : typeof spec
      }`,
    );
  }
  const { key, reducers } = spec as {
    key: (item: unknown) => string | number | null | undefined;
    reducers: unknown;
  };
  return { key, reducers, named: namedReducers(kind, reducers) };
}
