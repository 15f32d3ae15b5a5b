// Copyright 2026 the sluice authors. MIT license.
// A worker's grouping read on the lines' bytes: when the key is lineWord's
// and each reducer is count() or reads one and the same field with
// lineField's `number`, the WebAssembly module of _group_scan.wat reads each
// line's word and number where the line is plain, and no string is made for
// it; the other lines are decoded and read by the getters, as ever. The
// reducers are made again over a row of the line's number (see
// spill/_number_reducers.ts), which both kinds of line give them.
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
    name: number,
    nameLen: number,
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
/** Lines' results per call of `scan`. */
const CAP = 4096;
// The table of keys (as _group_scan.wat sizes it).
const KEY_SLOTS = 4096;
const MAX_KEYS = 2048;
const KEY_BYTES = 65536;
const PAGE = 65536;

let compiled: WebAssembly.Module | undefined;

/** A line's number as the reducers made over rows read it. */
type Row = [number | undefined];

/**
 * The grouping read of `spec` on the lines' bytes, or undefined when its
 * key or one of its reducers cannot be read there.
 */
export function groupScanOf(spec: LoadedSpec): GroupScan | undefined {
  const key = lineReadingOf(spec.key);
  if (key === undefined || !("word" in key)) return undefined;
  let field: ((line: string) => unknown) | undefined;
  let name: string | undefined;
  const list: Reducer<unknown, unknown, unknown>[] = [];
  for (const reducer of spec.named.list) {
    const reading = numberReadingOf(reducer);
    if (reading === undefined) return undefined;
    if (reading.field !== undefined) {
      const got = lineReadingOf(reading.field);
      if (got === undefined || !("numberField" in got)) return undefined;
      // One field: the module reads one.
      if (name !== undefined && got.numberField !== name) return undefined;
      if (!plainName(got.numberField)) return undefined;
      name = got.numberField;
      field = reading.field as (line: string) => unknown;
    }
    list.push(
      reading.remake((row: Row) => row[0]) as Reducer<
        unknown,
        unknown,
        unknown
      >,
    );
  }
  return new GroupScan(
    spec.key as (line: string) => unknown,
    // The module's word is an i32: no line it reads has 2^30 words.
    Math.min(key.word, 1 << 30),
    field,
    name,
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
  readonly #field: ((line: string) => unknown) | undefined;
  readonly #ids: Int32Array;
  readonly #vals: Float64Array;
  readonly #ends: Int32Array;
  /** Each key's text, by its id, once it is decoded. */
  readonly #texts: string[] = [];
  /** Each id's slot in the table + 1 (0 for none yet), while it holds. */
  readonly #slots = new Int32Array(MAX_KEYS);
  #emptied = -1;
  readonly #row: Row = [undefined];
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  #table: GroupTable | undefined;
  #over: (() => void) | undefined;
  #cap = Infinity;
  /** The number of the line being read, within the range, from 1. */
  line = 0;

  constructor(
    key: (line: string) => unknown,
    word: number,
    field: ((line: string) => unknown) | undefined,
    name: string | undefined,
    named: NamedReducers,
  ) {
    this.#key = key;
    this.#field = field;
    this.named = named;
    compiled ??= new WebAssembly.Module(base64Bytes(GROUP_SCAN_WASM_BASE64));
    const ids = BUFFER_BYTES + SLACK;
    const vals = ids + 4 * CAP;
    const ends = vals + 8 * CAP;
    const nameAt = ends + 4 * CAP;
    const table = nameAt + MAX_NAME + SLACK;
    const size = table + 4 * KEY_SLOTS + 8 * MAX_KEYS + KEY_BYTES + SLACK;
    this.#ex = new WebAssembly.Instance(compiled).exports as unknown as Exports;
    // Grown once, here: the views made below hold.
    const grow = Math.ceil(size / PAGE) -
      this.#ex.memory.buffer.byteLength / PAGE;
    if (grow > 0) this.#ex.memory.grow(grow);
    const all = new Uint8Array(this.#ex.memory.buffer);
    this.buffer = all.subarray(0, BUFFER_BYTES);
    const utf8 = new TextEncoder().encode(name ?? "");
    all.set(utf8, nameAt);
    this.#ex.init(ids, vals, ends, nameAt, utf8.length, word, table);
    this.#ids = new Int32Array(all.buffer, ids, CAP);
    this.#vals = new Float64Array(all.buffer, vals, CAP);
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
    row[0] = this.#field?.(line) as number | undefined;
    this.#table!.add(this.#key(line), row);
    if (this.#table!.held >= this.#cap) this.#over!();
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
        if (table.emptied !== this.#emptied) {
          slots.fill(0);
          this.#emptied = table.emptied;
        }
        const v = vals[i]!;
        row[0] = v === v ? v : undefined;
        const slot = slots[id]! - 1;
        if (slot >= 0) table.addAt(slot, row);
        else slots[id] = table.add(this.#keyText(id), row) + 1;
        if (table.held >= this.#cap) this.#over!();
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
