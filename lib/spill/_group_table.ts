// Copyright 2026 the sluice authors. MIT license.
// The table of groups behind groupBy() and parallelGroupBy(): accumulators
// per key, fed items or partial accumulators (from workers); spilled, sorted
// by key, beyond a budget; merged and put in key order at the end.

import {
  defaultCompare,
  ExternalSorter,
  heapCost,
  isPlainKey,
} from "./_external_sort.ts";
import type { SpillDir } from "./_spill.ts";
import { type Chunk, consecutive } from "../core/_chunk.ts";
import type { Reducer } from "./reducers.ts";
import type { StageStats } from "../summary/_record.ts";

/** Bytes per group beyond its key and accumulators: a Map entry, an array. */
const GROUP_OVERHEAD = 96;

/** Results handed on per chunk. */
const OUT_CHUNK = 1024;

/** Reducers by name, checked. */
export interface NamedReducers {
  names: string[];
  list: Reducer<unknown, unknown, unknown>[];
}

/**
 * Checks what a grouping stage was given as reducers: one reducer (named
 * `value`) or named ones. Throws a TypeError naming the stage otherwise.
 */
export function namedReducers(kind: string, reducers: unknown): NamedReducers {
  const single = typeof reducers === "object" && reducers !== null &&
    typeof (reducers as { add?: unknown }).add === "function";
  if (!single && (typeof reducers !== "object" || reducers === null)) {
    throw new TypeError(
      `Cannot create ${kind} stage: reducers must be a reducer or an object of named reducers, got ${
        reducers === null ? "null" : typeof reducers
      }`,
    );
  }
  const named = (single ? { value: reducers } : reducers) as Record<
    string,
    Reducer<unknown, unknown, unknown>
  >;
  const names = Object.keys(named);
  const list = names.map((n) => named[n]!);
  for (const [i, r] of list.entries()) {
    if (
      typeof r !== "object" || r === null || typeof r.init !== "function" ||
      typeof r.add !== "function" || typeof r.merge !== "function" ||
      typeof r.result !== "function"
    ) {
      throw new TypeError(
        `Cannot create ${kind} stage: reducer "${
          names[i]
        }" must have init, add, merge and result functions`,
      );
    }
  }
  if (names.includes("key")) {
    throw new TypeError(
      `Cannot create ${kind} stage: a reducer cannot be named "key"`,
    );
  }
  return { names, list };
}

interface Entry {
  accs: unknown[];
  sizes: number[] | undefined;
}

/** Partial accumulators as they cross from a worker: keys and encoded accs. */
export interface EncodedPartial {
  keys: (string | number)[];
  accs: unknown[][];
}

/** Accumulators per key, in memory. */
export class GroupTable {
  readonly reducers: NamedReducers;
  /** Estimated bytes the table holds. */
  held = 0;
  #map = new Map<unknown, Entry>();
  readonly #list: Reducer<unknown, unknown, unknown>[];
  readonly #m: number;
  readonly #sized: boolean[];
  readonly #anySized: boolean;

  constructor(reducers: NamedReducers) {
    this.reducers = reducers;
    this.#list = reducers.list;
    this.#m = reducers.list.length;
    this.#sized = reducers.list.map((r) => typeof r.bytes === "function");
    this.#anySized = this.#sized.some((s) => s);
  }

  /** How many groups. */
  get size(): number {
    return this.#map.size;
  }

  #entry(k: unknown, accs: unknown[]): Entry {
    const e: Entry = {
      accs,
      sizes: this.#anySized ? new Array(this.#m).fill(0) : undefined,
    };
    this.#map.set(k, e);
    this.held += heapCost(k) + GROUP_OVERHEAD + 16 * this.#m;
    return e;
  }

  #resize(e: Entry, j: number): void {
    const b = this.#list[j]!.bytes!(e.accs[j]);
    this.held += b - e.sizes![j]!;
    e.sizes![j] = b;
  }

  /** Adds an item to the group `k`. Throws a TypeError for a bad key. */
  add(k: unknown, item: unknown): void {
    let e = this.#map.get(k);
    const list = this.#list;
    const m = this.#m;
    if (e === undefined) {
      if (!isPlainKey(k)) {
        throw new TypeError(
          `Group key must be a string or a number (not NaN), got ${
            typeof k === "number" ? "NaN" : typeof k
          }`,
        );
      }
      const accs = new Array<unknown>(m);
      for (let j = 0; j < m; j++) accs[j] = list[j]!.init();
      e = this.#entry(k, accs);
    }
    const accs = e.accs;
    for (let j = 0; j < m; j++) {
      accs[j] = list[j]!.add(accs[j], item);
      if (this.#sized[j]) this.#resize(e, j);
    }
  }

  /** Merges the encoded accumulators of a later part of the input into `k`. */
  mergeEncoded(k: unknown, data: unknown[]): void {
    const accs = this.decode(data);
    const e = this.#map.get(k);
    if (e === undefined) {
      const fresh = this.#entry(k, accs);
      if (this.#anySized) {
        for (let j = 0; j < this.#m; j++) {
          if (this.#sized[j]) this.#resize(fresh, j);
        }
      }
      return;
    }
    for (let j = 0; j < this.#m; j++) {
      e.accs[j] = this.#list[j]!.merge(e.accs[j], accs[j]);
      if (this.#sized[j]) this.#resize(e, j);
    }
  }

  /** The accumulators as JSON values (see Reducer's encode). */
  encode(accs: unknown[]): unknown[] {
    return accs.map((a, j) => this.#list[j]!.encode?.(a) ?? a);
  }

  /** Accumulators back from what `encode` made. */
  decode(data: unknown[]): unknown[] {
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

  /** Empties the table, handing out its groups encoded, in table order. */
  takeEncoded(): EncodedPartial {
    const keys: (string | number)[] = [];
    const accs: unknown[][] = [];
    for (const [k, e] of this.#map) {
      keys.push(k as string | number);
      accs.push(this.encode(e.accs));
    }
    this.clear();
    return { keys, accs };
  }

  /** The groups, in table order. */
  entries(): IterableIterator<[unknown, { accs: unknown[] }]> {
    return this.#map.entries();
  }

  /** Takes group `k`'s accumulators out of the table. */
  take(k: unknown): unknown[] {
    const e = this.#map.get(k)!;
    this.#map.delete(k);
    return e.accs;
  }

  /** The keys, in key order. */
  sortedKeys(): unknown[] {
    return [...this.#map.keys()].sort(defaultCompare);
  }

  clear(): void {
    this.#map = new Map();
    this.held = 0;
  }
}

/** Where a grouping stage spills its table. */
export interface GroupSpill {
  budget: number;
  fanIn: number;
  spill: SpillDir;
  stats: StageStats;
}

/**
 * A table of groups within a budget: half for the table, beyond which its
 * accumulators are sorted by key and spilled to a run file; half for that
 * sorting. At the end the runs are merged and each key's parts combined in
 * input order, so that the result is that of a run in memory.
 */
export class SpillingGroups {
  readonly table: GroupTable;
  readonly #sorter: ExternalSorter;
  readonly #tableBudget: number;
  readonly #stats: StageStats;

  constructor(table: GroupTable, options: GroupSpill) {
    this.table = table;
    this.#stats = options.stats;
    this.#tableBudget = Math.floor(options.budget / 2);
    this.#sorter = new ExternalSorter({
      budgetBytes: options.budget - this.#tableBudget,
      spill: options.spill,
      fanIn: options.fanIn,
      stats: options.stats,
      keyed: true,
      compare: defaultCompare,
      plain: true,
      reverse: false,
      wantKeys: true,
    });
  }

  /** Whether the table is over its half of the budget: time to check(). */
  get full(): boolean {
    return this.table.held >= this.#tableBudget;
  }

  /** Reports what is held and spills the table when it is over its half. */
  async check(): Promise<void> {
    const table = this.table;
    this.#stats.hold(table.size, table.held + this.#sorter.heldBytes);
    if (table.held >= this.#tableBudget) await this.#spillTable();
  }

  async #spillTable(): Promise<void> {
    const sorter = this.#sorter;
    for (const [k, e] of this.table.entries()) {
      if (sorter.add(k, this.table.encode(e.accs))) await sorter.spill();
    }
    await sorter.spill();
    this.table.clear();
  }

  /** The results, in key order, in chunks. */
  async *results(): AsyncGenerator<Chunk<Record<string, unknown>>> {
    const table = this.table;
    const out: Record<string, unknown>[] = [];
    let line = 1;
    const full = () => {
      const n = out.length;
      const chunk = consecutive(out.splice(0), line);
      line += n;
      return chunk;
    };
    if (this.#sorter.runs.length === 0) {
      for (const k of table.sortedKeys()) {
        out.push(table.resultOf(k, table.take(k)));
        if (out.length === OUT_CHUNK) yield full();
      }
      if (out.length > 0) yield full();
      return;
    }
    await this.#spillTable();
    const list = table.reducers.list;
    const m = list.length;
    let pendingKey: unknown = undefined;
    let pending: unknown[] | undefined;
    for await (const entries of this.#sorter.sorted()) {
      for (let j = 0; j < entries.items.length; j++) {
        const k = entries.keys[j];
        const accs = table.decode(entries.items[j] as unknown[]);
        if (pending !== undefined && k === pendingKey) {
          for (let x = 0; x < m; x++) {
            pending[x] = list[x]!.merge(pending[x], accs[x]);
          }
        } else {
          if (pending !== undefined) {
            out.push(table.resultOf(pendingKey, pending));
          }
          pendingKey = k;
          pending = accs;
        }
      }
      if (out.length >= OUT_CHUNK) yield full();
    }
    if (pending !== undefined) out.push(table.resultOf(pendingKey, pending));
    if (out.length > 0) yield full();
  }
}

/** A grouping as a module exports it for parallelGroupBy(), checked. */
export interface LoadedSpec {
  /** Its keys are checked as they come (see GroupTable.add). */
  key: (item: unknown) => string | number;
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
    key: (item: unknown) => string | number;
    reducers: unknown;
  };
  return { key, reducers, named: namedReducers(kind, reducers) };
}
