// Copyright 2026 the sluice authors. MIT license.
// The lines of a byte region that contain a literal, found on bytes by the
// WebAssembly module of _literal.wat, one call per region: a line that does
// not match is never decoded. Per-call overhead in JavaScript (~77 ns for
// each Uint8Array indexOf here) made a search per candidate slower than
// decoding everything; the module does the whole region in one call.
//
// A line is the bytes up to an LF (not included); bytes after the region's
// last LF form one more line. A CR is part of its line, as in GNU grep: the
// caller strips it from the text when it wants to.

import { LITERAL_WASM_BASE64 } from "./_literal_wasm.ts";
import { LiteralTrie, MANY_LITERALS } from "../core/_literal_trie.ts";
import { base64Bytes } from "../core/_bytes.ts";

interface Exports {
  memory: WebAssembly.Memory;
  next: WebAssembly.Global;
  line: WebAssembly.Global;
  setNeedle(
    ptr: number,
    len: number,
    o1: number,
    o2: number,
    fold: number,
  ): void;
  scan(
    p: number,
    end: number,
    line: number,
    out: number,
    cap: number,
    invert: number,
  ): number;
  find(p: number, end: number, b: number): number;
}

let compiled: WebAssembly.Module | undefined;

function module(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(base64Bytes(LITERAL_WASM_BASE64));
  return compiled;
}

const LF = 10;
/** Spans stored per call; a region with more matching lines takes more calls. */
const SPAN_CAP = 4096;
const SPAN_BYTES = 12;
/** Where the literal is, after the spans. */
const NEEDLE_AT = SPAN_CAP * SPAN_BYTES;
const PAGE = 65536;
/** Bytes of the first region whose byte counts choose the probe bytes. */
const SAMPLE = 64 * 1024;
/** Bytes the module may read past a region's end, beyond the needle's length. */
const SLACK = 16;

/**
 * A search for one literal, or for any of several, in regions of bytes, line
 * by line. Holds its WebAssembly memory: the literals, one region (grown to
 * the largest region seen) and the spans of one call.
 */
export class LiteralSearch {
  /** Whether any line can match: a literal with an LF matches none. */
  readonly possible: boolean;
  readonly #exports: Exports;
  /** The longest literal's length: how far the module reads past a region. */
  readonly #needleLen: number;
  /** Where regions are copied to. */
  readonly #hay: number;
  readonly #out: number;
  /** The literals a line can hold (none with an LF), and where each is. */
  readonly #literals: Uint8Array[];
  readonly #at: number[];
  /** Each literal's probe offsets, once chosen. */
  readonly #probes: [number, number][] = [];
  /** The literal the module is set to search for. */
  #current = -1;
  #room = 0;
  /** Whether the probe bytes are chosen (from the first region, by default). */
  #probed = false;
  /** The literals' trie, when there are many (see MANY_LITERALS). */
  readonly #trie: LiteralTrie | undefined;
  /** Whether each literal's ASCII letters match in either case. */
  readonly #fold: boolean[];
  /** Whether the first literal given is the first of #literals (no LF). */
  readonly #firstHeld: boolean;
  /** The lines of a region that hold any literal (see #markAny). */
  #marks = new Int32Array(0);
  #spans = new Int32Array(0);
  #found = 0;
  /** Of #found, the lines the first literal found (marked first). */
  #foundFirst = 0;

  /**
   * @param literal The literal's bytes (UTF-8), at least one; or several
   * literals, of which a line holds any.
   * @param probes The offsets in a single `literal` of the two bytes looked
   * for first; by default each literal's two rarest (different) bytes in the
   * first region searched.
   * @param fold Whether a single ASCII `literal`'s letters match in either
   * case ("error" finds "ERROR" and "Error"); the caller sees to the rest
   * of case folding (the dotless i, the long s). Or one flag per literal:
   * then some of several may fold, each of those ASCII.
   */
  constructor(
    literal: Uint8Array | readonly Uint8Array[],
    probes?: readonly [number, number],
    fold: boolean | readonly boolean[] = false,
  ) {
    let all = literal instanceof Uint8Array ? [literal] : [...literal];
    if (all.length === 0 || all.some((l) => l.length === 0)) {
      throw new RangeError("Cannot search for an empty literal");
    }
    if (typeof fold === "boolean") {
      if (fold && all.length > 1) {
        throw new RangeError(
          "Cannot search for several literals in either case",
        );
      }
      fold = all.map(() => fold as boolean);
    } else if (fold.length !== all.length) {
      throw new RangeError(
        `Cannot search for ${all.length} literals with ${fold.length} flags of case`,
      );
    } else if (fold.includes(true) && all.length >= MANY_LITERALS) {
      throw new RangeError(
        `Cannot search for ${all.length} literals with some in either case`,
      );
    }
    const folds = [...fold];
    if (all.some((l, k) => folds[k] && l.some((b) => b >= 0x80))) {
      throw new RangeError(
        "Cannot search in either case for a literal that is not ASCII",
      );
    }
    // Letters in lower case, as the module compares them (see
    // _literal.wat).
    all = all.map((l, k) =>
      folds[k] ? l.map((b) => b >= 65 && b <= 90 ? b + 32 : b) : l
    );
    if (probes !== undefined && all.length > 1) {
      throw new RangeError(
        "Cannot search for several literals with the probes of one",
      );
    }
    this.#literals = all.filter((l) => !l.includes(LF));
    this.#fold = folds.filter((_, k) => !all[k]!.includes(LF));
    this.#firstHeld = !all[0]!.includes(LF);
    this.possible = this.#literals.length > 0;
    this.#trie = this.#literals.length >= MANY_LITERALS
      ? new LiteralTrie(this.#literals)
      : undefined;
    this.#exports = new WebAssembly.Instance(module())
      .exports as unknown as Exports;
    this.#needleLen = Math.max(...all.map((l) => l.length));
    this.#out = 0;
    this.#at = [];
    let at = NEEDLE_AT;
    for (const l of this.#literals) {
      this.#at.push(at);
      at += l.length;
    }
    this.#hay = align(at);
    this.#reserve(64 * 1024);
    const memory = new Uint8Array(this.#exports.memory.buffer);
    this.#literals.forEach((l, k) => memory.set(l, this.#at[k]!));
    if (probes !== undefined) {
      for (const o of probes) {
        if (!Number.isInteger(o) || o < 0 || o >= all[0]!.length) {
          throw new RangeError(
            `Cannot search for the literal: probe offset ${o} is not in 0..${
              all[0]!.length - 1
            }`,
          );
        }
      }
      if (this.possible) this.#probes.push([probes[0], probes[1]]);
      this.#probed = true;
    }
  }

  /** Sets the module to search for literal `k`. */
  #select(k: number): void {
    if (this.#current === k) return;
    const [o1, o2] = this.#probes[k]!;
    this.#exports.setNeedle(
      this.#at[k]!,
      this.#literals[k]!.length,
      o1,
      o2,
      this.#fold[k] ? 1 : 0,
    );
    this.#current = k;
  }

  /**
   * Picks each literal's probe bytes: its rarest byte in `sample`, and the
   * rarest of the others that differ from it (where both are rare, few
   * places are candidates, and the module crosses the rest 64 bytes at a
   * time). On the bench corpus, " ERROR " probed at its first and last
   * byte (spaces) was searched at 2.5 GB/s, at "E" and "O" at 9 GB/s.
   */
  #chooseProbes(sample: Uint8Array): void {
    const exact = new Uint32Array(256);
    for (let i = 0; i < sample.length; i++) exact[sample[i]!]!++;
    // A folded literal's letter is looked for in either case.
    const folded = exact.slice();
    for (let b = 97; b <= 122; b++) folded[b]! += folded[b - 32]!;
    for (const [j, lit] of this.#literals.entries()) {
      const seen = this.#fold[j] ? folded : exact;
      let o1 = 0;
      for (let k = 1; k < lit.length; k++) {
        if (seen[lit[k]!]! < seen[lit[o1]!]!) o1 = k;
      }
      let o2 = -1;
      for (let k = 0; k < lit.length; k++) {
        if (lit[k] === lit[o1]) continue;
        if (o2 === -1 || seen[lit[k]!]! < seen[lit[o2]!]!) o2 = k;
      }
      // A literal of one byte value: its first and last byte.
      if (o2 === -1) o2 = o1 === 0 ? lit.length - 1 : 0;
      this.#probes.push([o1, o2]);
    }
    this.#probed = true;
  }

  /**
   * A region of `length` bytes in the module's memory for the caller to
   * keep the bytes it searches in: a search of a region of it copies
   * nothing. Asking again for a longer one keeps the bytes (the memory
   * grows, and views of it made before, this one too, are detached).
   */
  region(length: number): Uint8Array {
    this.#reserve(length);
    return new Uint8Array(this.#exports.memory.buffer, this.#hay, length);
  }

  /** Bytes of WebAssembly memory the search holds. */
  get memoryBytes(): number {
    return this.#exports.memory.buffer.byteLength +
      (this.#trie?.memoryBytes ?? 0) + this.#marks.byteLength +
      this.#spans.byteLength;
  }

  /**
   * The lines of `bytes[start, end)` that contain the literal, or any of
   * the literals (or, when `invert`, that do not; not with several). Each
   * span's start and end are offsets in `bytes`, and its index counts the
   * region's lines from `firstIndex`; `first` says whether the line holds
   * the first literal (with many literals, searched by their trie, it is
   * always true). The spans are valid until the next call.
   */
  lines(
    bytes: Uint8Array,
    start: number,
    end: number,
    invert: boolean,
    firstIndex: number,
    each: (start: number, end: number, index: number, first: boolean) => void,
  ): number {
    const length = end - start;
    if (length === 0) return firstIndex;
    if (!this.possible) {
      return invert
        ? this.#complement(
          bytes,
          start,
          end,
          firstIndex,
          (s, e, i) => each(s, e, i, true),
        )
        : firstIndex + lineCount(bytes, start, end);
    }
    if (this.#trie !== undefined && !invert) {
      return this.#trie.lines(
        bytes,
        start,
        end,
        firstIndex,
        (s, e, i) => each(s, e, i, true),
      );
    }
    const at = this.#place(bytes, start, end);
    const shift = start - at;
    if (this.#literals.length === 1) {
      this.#select(0);
      return this.#scan(at, length, firstIndex, shift, invert, each);
    }
    if (invert) {
      throw new RangeError(
        "Cannot search for the lines without any of several literals",
      );
    }
    // Each literal's lines marked, then the marked lines in order.
    const lines = this.#markAny(at, at + length);
    const marks = this.#marks;
    const spans = this.#spans;
    // No line past the marks is marked.
    const marked = Math.min(lines, marks.length);
    let i = 0;
    try {
      for (; i < marked; i++) {
        const m = marks[i]!;
        if (m === 0) continue;
        marks[i] = 0;
        each(
          spans[2 * m - 2]! + shift,
          spans[2 * m - 1]! + shift,
          firstIndex + i,
          m <= this.#foundFirst,
        );
      }
    } finally {
      // A call that threw leaves no mark for the next search.
      if (i < marked) marks.fill(0, i, marked);
    }
    return firstIndex + lines;
  }

  /** One literal's lines of the region of `length` bytes at `at`. */
  #scan(
    at: number,
    length: number,
    firstIndex: number,
    shift: number,
    invert: boolean,
    each: (start: number, end: number, index: number, first: boolean) => void,
  ): number {
    const x = this.#exports;
    let p = at;
    const stop = at + length;
    let index = firstIndex;
    while (true) {
      const n = x.scan(p, stop, index, this.#out, SPAN_CAP, invert ? 1 : 0);
      const spans = new Int32Array(x.memory.buffer, this.#out, n * 3);
      for (let k = 0; k < n * 3; k += 3) {
        each(spans[k]! + shift, spans[k + 1]! + shift, spans[k + 2]!, true);
      }
      p = x.next.value as number;
      index = x.line.value as number;
      if (p >= stop) return index;
    }
  }

  /**
   * How many lines of `bytes[start, end)` contain the literal, or any of
   * the literals (or, when `invert`, do not), and how many lines the region
   * has.
   */
  count(
    bytes: Uint8Array,
    start: number,
    end: number,
    invert: boolean,
  ): { kept: number; lines: number } {
    if (end === start) return { kept: 0, lines: 0 };
    if (!this.possible) {
      const lines = lineCount(bytes, start, end);
      return { kept: invert ? lines : 0, lines };
    }
    if (this.#literals.length > 1) {
      let kept = 0;
      let lines: number;
      if (this.#trie === undefined) {
        const at = this.#place(bytes, start, end);
        lines = this.#markAny(at, at + end - start);
        kept = this.#found;
        this.#marks.fill(0, 0, lines);
      } else lines = this.lines(bytes, start, end, false, 0, () => kept++);
      return { kept: invert ? lines - kept : kept, lines };
    }
    const at = this.#place(bytes, start, end);
    this.#select(0);
    const x = this.#exports;
    const kept = x.scan(
      at,
      at + end - start,
      0,
      0,
      0,
      invert ? 1 : 0,
    );
    return { kept, lines: x.line.value as number };
  }

  /**
   * How many lines of `bytes[start, end)` contain the first literal, and
   * how many lines the region has; `each` gets, in order, the start and end
   * (without its LF) of every line that holds one of the other literals and
   * not the first: lines that the caller decides on itself. (`sluice grep
   * -c -i timeout` counts the lines that hold "timeout" in either case, and
   * tests those that hold a dotless i, which the folded bytes miss.)
   */
  countFirst(
    bytes: Uint8Array,
    start: number,
    end: number,
    each: (start: number, end: number) => void,
  ): { kept: number; lines: number } {
    if (!this.#firstHeld || this.#trie !== undefined) {
      throw new RangeError(
        "Cannot count the lines of a first literal with a line feed, or among many",
      );
    }
    if (end === start) return { kept: 0, lines: 0 };
    const at = this.#place(bytes, start, end);
    const x = this.#exports;
    this.#select(0);
    const kept = x.scan(at, at + end - start, 0, 0, 0, 0);
    const lines = x.line.value as number;
    if (this.#literals.length === 1) return { kept, lines };
    // The others' lines (few, as a rule), in order, each once.
    const others: [start: number, end: number, index: number][] = [];
    const stop = at + end - start;
    for (let k = 1; k < this.#literals.length; k++) {
      // Not scanned where its rarest byte is not: over 1 GiB without it,
      // about 0.1 s less.
      if (!this.#mayHold(k, at, stop)) continue;
      this.#select(k);
      this.#scan(at, end - start, 0, 0, false, (s, e, i) => {
        others.push([s, e, i]);
      });
    }
    if (this.#literals.length > 2) others.sort((a, b) => a[2] - b[2]);
    const shift = start - at;
    this.#select(0);
    for (let k = 0; k < others.length; k++) {
      const [s, e, i] = others[k]!;
      if (k > 0 && others[k - 1]![2] === i) continue;
      if (x.scan(s, e, 0, 0, 0, 0) === 0) each(s + shift, e + shift);
    }
    return { kept, lines };
  }

  /**
   * Whether literal `k` may be in the region [at, stop) of the module's
   * memory: false only where its rarest byte is not (unless that is a
   * letter it matches in either case).
   */
  #mayHold(k: number, at: number, stop: number): boolean {
    const b = this.#literals[k]![this.#probes[k]![0]]!;
    if (this.#fold[k] && b >= 97 && b <= 122) return true;
    return this.#exports.find(at, stop, b) !== stop;
  }

  /**
   * Marks the lines of the region of the module's memory [at, stop) that
   * hold any of the literals, and returns how many lines it has: the first
   * time a literal finds line `i` of the region, its start and end go in
   * #spans, as its #found-th, and `#marks[i]` is set to that number. The
   * literals' spans were merged in order before (`sluice grep -c -F -e
   * ERROR -e WARN` over the 1 GiB bench corpus spent some 370 ms of its
   * profile in the merge and its calls, against 141 ms in the module).
   */
  #markAny(at: number, stop: number): number {
    // #scan's loop, each span looked at where it lies, not passed to a call.
    const x = this.#exports;
    let marks = this.#marks;
    let spans = this.#spans;
    let found = 0;
    let lines = 0;
    for (let k = 0; k < this.#literals.length; k++) {
      this.#select(k);
      let p = at;
      let index = 0;
      while (true) {
        const n = x.scan(p, stop, index, this.#out, SPAN_CAP, 0);
        const view = new Int32Array(x.memory.buffer, this.#out, n * 3);
        for (let i = 0; i < n * 3; i += 3) {
          const line = view[i + 2]!;
          if (line >= marks.length) {
            marks = this.#marks = grown(marks, line + 1);
          }
          if (marks[line] !== 0) continue;
          if (2 * found + 2 > spans.length) {
            spans = this.#spans = grown(spans, 2 * found + 2);
          }
          spans[2 * found] = view[i]!;
          spans[2 * found + 1] = view[i + 1]!;
          marks[line] = ++found;
        }
        p = x.next.value as number;
        index = x.line.value as number;
        if (p >= stop) break;
      }
      lines = index;
      if (k === 0) this.#foundFirst = found;
    }
    this.#found = found;
    return lines;
  }

  /**
   * Where in the module's memory `bytes[start, end)` is: in place when
   * `bytes` is a view of {@linkcode LiteralSearch.region}, else copied.
   */
  #place(bytes: Uint8Array, start: number, end: number): number {
    if (!this.#probed) {
      this.#chooseProbes(bytes.subarray(start, Math.min(end, start + SAMPLE)));
    }
    if (bytes.buffer === this.#exports.memory.buffer) {
      return bytes.byteOffset + start;
    }
    this.#reserve(end - start);
    new Uint8Array(this.#exports.memory.buffer, this.#hay, end - start).set(
      bytes.subarray(start, end),
    );
    return this.#hay;
  }

  /** Makes room for a region of `length` bytes and what is read past it. */
  #reserve(length: number): void {
    if (length <= this.#room) return;
    const memory = this.#exports.memory;
    const need = this.#hay + length + this.#needleLen + SLACK;
    if (need > memory.buffer.byteLength) {
      memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
    }
    this.#room = memory.buffer.byteLength - this.#hay - this.#needleLen -
      SLACK;
  }

  /** Every line, for a literal that no line can contain. */
  #complement(
    bytes: Uint8Array,
    start: number,
    end: number,
    index: number,
    each: (start: number, end: number, index: number) => void,
  ): number {
    let s = start;
    while (s < end) {
      let e = bytes.indexOf(LF, s);
      if (e === -1 || e >= end) e = end;
      each(s, e, index++);
      s = e + 1;
    }
    return index;
  }
}

/** The lines of `bytes[start, end)` (one more after its last LF, if any bytes). */
function lineCount(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  let last = start - 1;
  for (let i = bytes.indexOf(LF, start); i !== -1 && i < end;) {
    n++;
    last = i;
    i = bytes.indexOf(LF, i + 1);
  }
  return last + 1 < end ? n + 1 : n;
}

/** `array` in a longer one, of at least `length`, twice as long or more. */
function grown(
  array: Int32Array<ArrayBuffer>,
  length: number,
): Int32Array<ArrayBuffer> {
  const longer = new Int32Array(Math.max(2 * array.length, length, 1024));
  longer.set(array);
  return longer;
}

function align(n: number): number {
  return (n + 15) & ~15;
}
