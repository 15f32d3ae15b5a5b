// Copyright 2026 the sluice authors. MIT license.
// A worker's grouping read on the lines' bytes: when the key is lineWord's
// or lineField's, and each reducer is count() or reads a field with
// lineField's `number` (up to MAX_NAMES fields in all, the key's too), the
// WebAssembly module of _group_scan.wat reads each line's key and numbers
// where the line is plain, and no string is made for it; the other lines
// are decoded and read by the getters, as ever. The reducers are made again
// over a row of the line's numbers (see spill/_number_reducers.ts), which
// both kinds of line give them.
//
// In one thread over the 256 MiB bench corpus (`group --by-word 3 --count
// --p95 latency_ms`), the module's read took about 0.2 s where the lines'
// text took 0.97 s to read, split and group.

import { lineReadingOf } from "../core/_registry.ts";
import { base64Bytes } from "../core/_bytes.ts";
import type { BytesReader } from "../io/_read_range.ts";
import type { GroupTable, LoadedSpec } from "../spill/_group_table.ts";
import type { NamedReducers } from "../spill/_named_reducers.ts";
import { numberReadingOf } from "../spill/_number_reducers.ts";
import type { Reducer } from "../spill/reducers.ts";
import { GROUP_SCAN_WASM_BASE64 } from "./_group_scan_wasm.ts";

interface Exports {
  memory: WebAssembly.Memory;
  keys: WebAssembly.Global;
  full: WebAssembly.Global;
  next: WebAssembly.Global;
  long: WebAssembly.Global;
  init(
    ids: number,
    vals: number,
    ends: number,
    names: number,
    count: number,
    keyField: number,
    word: number,
    table: number,
  ): void;
  keyOffsets(): number;
  keyLengths(): number;
  keyBytes(): number;
  scan(
    p: number,
    end: number,
    limit: number,
    cap: number,
    maxLine: number,
  ): number;
}

/**
 * Bytes a read takes: `readSync` of the page cache was fastest at 16 to 256
 * KiB a read (see fs/_file_read.ts).
 */
const SCAN_READ_BYTES = 128 * 1024;
/** The buffer: a read, and the unfinished line before it, up to a read. */
const BUFFER_BYTES = 2 * SCAN_READ_BYTES;
/** Room past the buffer that the module may read (see _group_scan.wat). */
const SLACK = 128;
/** The longest name of a field read here. */
const MAX_NAME = 64;
/** The most names looked for (as _group_scan.wat sizes them). */
const MAX_NAMES = 4;
/** A name's entry: its first byte splat, where it is, its length, a flag. */
const NAME_ENTRY = 32;
/** Lines' results per call of `scan`. */
const CAP = 4096;
// The table of keys (as _group_scan.wat sizes it).
const KEY_SLOTS = 4096;
const MAX_KEYS = 2048;
const KEY_BYTES = 65536;
const PAGE = 65536;

let compiled: WebAssembly.Module | undefined;

/**
 * A line's numbers, by their names' index, as the reducers made over rows
 * read them.
 */
type Row = (number | undefined)[];

/**
 * The grouping read of `spec` on the lines' bytes, or undefined when its
 * key or one of its reducers cannot be read there.
 */
export function groupScanOf(spec: LoadedSpec): GroupScan | undefined {
  const key = lineReadingOf(spec.key);
  if (key === undefined) return undefined;
  const names: string[] = [];
  // The getter of each name whose value is a number, by its index.
  const fields: (((line: string) => unknown) | undefined)[] = [];
  const indexOf = (name: string) => {
    let k = names.indexOf(name);
    if (k === -1) {
      k = names.length;
      names.push(name);
      fields.push(undefined);
    }
    return k;
  };
  let word = 0;
  let keyField = -1;
  if ("word" in key) {
    // The module's word is an i32: no line it reads has 2^30 words.
    word = Math.min(key.word, 1 << 30);
  } else if ("field" in key && plainName(key.field)) {
    keyField = indexOf(key.field);
  } else return undefined;
  const list: Reducer<unknown, unknown, unknown>[] = [];
  for (const reducer of spec.named.list) {
    const reading = numberReadingOf(reducer);
    if (reading === undefined) return undefined;
    let k = -1;
    if (reading.field !== undefined) {
      const got = lineReadingOf(reading.field);
      if (got === undefined || !("numberField" in got)) return undefined;
      if (!plainName(got.numberField)) return undefined;
      k = indexOf(got.numberField);
      fields[k] = reading.field as (line: string) => unknown;
    }
    const at = k;
    list.push(
      reading.remake((row: Row) => at === -1 ? undefined : row[at]) as Reducer<
        unknown,
        unknown,
        unknown
      >,
    );
  }
  if (names.length > MAX_NAMES) return undefined;
  return new GroupScan(
    spec.key as (line: string) => unknown,
    word,
    keyField,
    names,
    fields,
    { names: spec.named.names, list },
  );
}

/**
 * Whether the module can look for `name=`: printable ASCII but a quote, of
 * at most MAX_NAME bytes (a logfmt name has no space or "=").
 */
function plainName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c <= 32 || c >= 127 || c === 34 || c === 61) return false;
  }
  return true;
}

/** See {@linkcode groupScanOf}. */
export class GroupScan implements BytesReader {
  /** The reducers, made over each line's row. */
  readonly named: NamedReducers;
  readonly buffer: Uint8Array;
  lines = 0;
  /** Set when a range's read gives up (see start and read). */
  done = false;
  /** Set when a line read here failed: the error's line is `line`. */
  failed = false;
  readonly #ex: Exports;
  readonly #key: (line: string) => unknown;
  /** The getter of each name whose value is a number, by its index. */
  readonly #fields: (((line: string) => unknown) | undefined)[];
  /** The indexes of those names. */
  readonly #numbers: number[];
  readonly #ids: Int32Array;
  readonly #vals: Float64Array;
  readonly #ends: Int32Array;
  /** Each key's text, by its id, once it is decoded. */
  readonly #texts: string[] = [];
  /** Each id's slot in the table + 1 (0 for none yet), while it holds. */
  readonly #slots = new Int32Array(MAX_KEYS);
  #emptied = -1;
  readonly #row: Row;
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  #table: GroupTable | undefined;
  #over: (() => void) | undefined;
  #cap = Infinity;
  /** The number of the line being read, within the range, from 1. */
  line = 0;

  constructor(
    key: (line: string) => unknown,
    word: number,
    keyField: number,
    names: string[],
    fields: (((line: string) => unknown) | undefined)[],
    named: NamedReducers,
  ) {
    this.#key = key;
    this.#fields = fields;
    this.#numbers = [];
    for (let k = 0; k < fields.length; k++) {
      if (fields[k] !== undefined) this.#numbers.push(k);
    }
    this.#row = new Array(names.length).fill(undefined);
    this.named = named;
    compiled ??= new WebAssembly.Module(base64Bytes(GROUP_SCAN_WASM_BASE64));
    const ids = BUFFER_BYTES + SLACK;
    const vals = ids + 4 * CAP;
    const ends = vals + 8 * MAX_NAMES * CAP;
    // The names' entries, then their last `name=` in a line (see the module).
    const entries = ends + 4 * CAP;
    const bytes = entries + NAME_ENTRY * MAX_NAMES + 4 * MAX_NAMES;
    const table = bytes + MAX_NAME * MAX_NAMES + SLACK;
    const size = table + 4 * KEY_SLOTS + 8 * MAX_KEYS + KEY_BYTES + SLACK;
    this.#ex = new WebAssembly.Instance(compiled).exports as unknown as Exports;
    // Grown once, here: the views made below hold.
    const grow = Math.ceil(size / PAGE) -
      this.#ex.memory.buffer.byteLength / PAGE;
    if (grow > 0) this.#ex.memory.grow(grow);
    const all = new Uint8Array(this.#ex.memory.buffer);
    const words = new Int32Array(all.buffer);
    this.buffer = all.subarray(0, BUFFER_BYTES);
    const encoder = new TextEncoder();
    for (let k = 0; k < names.length; k++) {
      const at = bytes + MAX_NAME * k;
      const utf8 = encoder.encode(names[k]!);
      all.set(utf8, at);
      const entry = (entries + NAME_ENTRY * k) >>> 2;
      words[entry + 4] = at;
      words[entry + 5] = utf8.length;
      words[entry + 6] = fields[k] === undefined ? 0 : 1;
    }
    this.#ex.init(
      ids,
      vals,
      ends,
      entries,
      names.length,
      keyField,
      word,
      table,
    );
    this.#ids = new Int32Array(all.buffer, ids, CAP);
    this.#vals = new Float64Array(all.buffer, vals, MAX_NAMES * CAP);
    this.#ends = new Int32Array(all.buffer, ends, CAP);
  }

  /**
   * Where the lines go: `table`, and `over` is called when it holds `cap`
   * bytes or more (it may empty the table).
   */
  into(table: GroupTable, cap: number, over: () => void): void {
    this.#table = table;
    this.#emptied = -1;
    this.#cap = cap;
    this.#over = over;
  }

  /**
   * Whether the table of keys filled up: new keys are read as text from
   * then on, and so are the ranges after this one.
   */
  get full(): boolean {
    return this.#ex.full.value !== 0;
  }

  /** Before a range: its lines are numbered from 1. */
  start(): void {
    this.line = 0;
    this.done = false;
    this.failed = false;
  }

  /** Lines read as text, decoded here or given so (see addText). */
  textLines = 0;

  /** Adds a line given as text, as the getters read it. */
  addText(line: string): void {
    this.textLines++;
    const row = this.#row;
    const fields = this.#fields;
    for (const k of this.#numbers) {
      row[k] = fields[k]!(line) as number | undefined;
    }
    this.#table!.add(this.#key(line), row);
    if (this.#table!.held >= this.#cap) this.#hand();
  }

  /**
   * Hands the table on (see into), which empties it: the ids' slots are
   * forgotten.
   */
  #hand(): void {
    this.#over!();
    this.#forget();
  }

  /** Forgets the ids' slots when the table was emptied since they were had. */
  #forget(): void {
    const emptied = this.#table!.emptied;
    if (emptied !== this.#emptied) {
      this.#slots.fill(0);
      this.#emptied = emptied;
    }
  }

  read(n: number, limit: number, maxLine: number): number {
    this.lines = 0;
    let p = 0;
    try {
      p = this.#read(n, limit, maxLine);
    } catch (error) {
      this.failed = true;
      throw error;
    }
    return p;
  }

  #read(n: number, limit: number, maxLine: number): number {
    const ex = this.#ex;
    const ids = this.#ids;
    const vals = this.#vals;
    const ends = this.#ends;
    const buf = this.buffer;
    const table = this.#table!;
    const row = this.#row;
    const slots = this.#slots;
    const numbers = this.#numbers;
    // The numbers of a line in the module's results (one a name).
    const width = row.length;
    // Emptied between ranges, or by the caller: else only by #hand.
    this.#forget();
    let p = 0;
    while (true) {
      const count = ex.scan(p, n, limit, CAP, maxLine);
      let s = p;
      for (let i = 0; i < count; i++) {
        this.line++;
        const e = ends[i]!;
        const id = ids[i]!;
        if (id < 0) {
          // Read as text, without the CR before the LF (as the splitter).
          this.addText(
            this.#decoder.decode(
              buf.subarray(s, e > s && buf[e - 1] === 13 ? e - 1 : e),
            ),
          );
          s = e + 1;
          continue;
        }
        s = e + 1;
        for (let j = 0; j < numbers.length; j++) {
          const k = numbers[j]!;
          const v = vals[i * width + k]!;
          row[k] = v === v ? v : undefined;
        }
        const slot = slots[id]! - 1;
        if (slot >= 0) table.addAt(slot, row);
        else slots[id] = table.add(this.#keyText(id), row) + 1;
        if (table.held >= this.#cap) this.#hand();
      }
      this.lines += count;
      p = ex.next.value as number;
      // A line too long for the module, or a table of keys full: the rest
      // of the range goes as text (see readRange).
      if (ex.long.value !== 0 || ex.full.value !== 0) {
        this.done = true;
        return p;
      }
      if (count < CAP) return p;
    }
  }

  /** The text of key `id`, decoded once. */
  #keyText(id: number): string {
    let text = this.#texts[id];
    if (text === undefined) {
      const ex = this.#ex;
      const all = new Uint8Array(ex.memory.buffer);
      const off = new Int32Array(ex.memory.buffer, ex.keyOffsets(), MAX_KEYS);
      const len = new Int32Array(ex.memory.buffer, ex.keyLengths(), MAX_KEYS);
      const at = ex.keyBytes() + off[id]!;
      text = this.#decoder.decode(all.subarray(at, at + len[id]!));
      this.#texts[id] = text;
    }
    return text;
  }
}
