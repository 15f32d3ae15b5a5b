// Copyright 2026 the sluice authors. MIT license.
// The chunk: what built-in stages hand each other (an array of items plus
// where they came from), because one async hop per item costs ~20x more
// than one per array. Users only ever see single items.
//
// Chunks are made only by the constructors below, never written out as
// literals: every chunk then has the same fields in the same order (one
// shape for the engine to optimise for), and a chunk made from another
// keeps its origin (`path`, `input`) without each stage having to remember
// to copy it. `position` is never copied: only the source sets it, and the
// fused loop hands it on (see `fused` in _meter.ts), since only they know
// when every item before it has gone through.

import type { ResumePoint } from "./position.ts";

/**
 * A chunk of items on its way between stages, with their line numbers. The
 * arrays belong to the stage that receives the chunk, which may reuse them
 * (map writes its results into `items`): a stage never keeps or reads a chunk
 * it has handed on.
 */
export interface Chunk<T> {
  items: T[];
  /** The input these items came from, when a source reads several. */
  path?: string | undefined;
  /** The index of that input among the source's inputs (set by the reader). */
  input?: number | undefined;
  /** Line (or item) number of `items[0]` when the numbers are consecutive. */
  firstLine: number;
  /** Explicit numbers, when they are not consecutive. */
  lines: number[] | undefined;
  /**
   * Where the source stands once every item of this chunk (and of all before
   * it) is handed on: set only in a checkpointed run, where a chunk may then
   * carry no items, only its position.
   */
  position?: ResumePoint | undefined;
  /**
   * A hint, from a stage that decoded the items: the indexes (ascending) of
   * the items that are not ASCII strings; the others are. Stages that pass
   * items on as they are (filters, ChunkBuilder.keep) keep it, a chunk of new
   * items does not; a wrong hint costs only speed. Text with any non-ASCII
   * character is encoded about 20 times slower than ASCII text, so a writer
   * encodes the ASCII items together and these apart.
   */
  wide?: number[] | undefined;
  /**
   * The items as bytes, from a stage that holds its lines as UTF-8 and was
   * asked for them (see StageImpl.handsBytes, and FusedFilter.bytes for a
   * reader): each item's UTF-8 followed by an LF (well-formed, but for a
   * sink that writes lines read losslessly as they were read, see
   * SinkImpl.writesLossless), and `items` only empty strings that stand for
   * them, one each (often a frozen array shared with other chunks of as many
   * lines: see {@linkcode standIns}). Set
   * only when a sink that takes bytes (SinkImpl.takesBytes) comes right
   * after that stage, or a stage that takes lines so (StageImpl.takesLineBytes)
   * right after the reader, so nothing else sees the stand-ins. A chunk made
   * from another does not keep it. The view starts its buffer, which is the
   * chunk's alone: a sink that has copied the bytes may give it back with
   * {@linkcode giveBackBytes}.
   */
  bytes?: Uint8Array | undefined;
}

/**
 * Buffers of Chunk.bytes given back by the sink that copied them, for the
 * stage that makes such chunks to take again (see {@linkcode spareBytes}).
 * A new buffer per chunk, left to the garbage collector, is external memory
 * that a scavenge frees only once the young generation fills, and these
 * chunks make little young garbage: sort() into writeLines over the 1 GiB
 * bench corpus with a 16 MiB budget peaked at 87.2 MiB RSS that way against
 * 82.7 with the lines decoded and encoded again, and at 81.8 against 83.5
 * with the buffers given back (medians of 3 in turns, V8's defaults).
 */
const spares: Uint8Array[] = [];
/** How many given-back buffers are kept: two are in use at a time. */
const SPARES = 4;
/** The largest buffer kept: one grown for a long line is let go. */
const SPARE_BYTES = 256 * 1024;

/** A buffer given back of at least `min` bytes, if there is one. */
export function spareBytes(min: number): Uint8Array | undefined {
  for (let i = spares.length - 1; i >= 0; i--) {
    if (spares[i]!.length >= min) {
      const found = spares[i]!;
      spares.splice(i, 1);
      return found;
    }
  }
  return undefined;
}

/**
 * Gives back the buffer of a chunk's {@linkcode Chunk.bytes}, once they are
 * copied: nothing may read them afterwards.
 */
export function giveBackBytes(bytes: Uint8Array): void {
  if (
    spares.length < SPARES && bytes.byteOffset === 0 &&
    bytes.buffer.byteLength <= SPARE_BYTES
  ) {
    spares.push(new Uint8Array(bytes.buffer));
  }
}

/**
 * Stand-in arrays (see {@linkcode Chunk.bytes}) kept for the next chunk of
 * as many lines, frozen so that nothing writes to one: a chunk of 64 KiB of
 * the bench corpus's lines carried a new array of about 485 empty strings,
 * some 3.9 KB of young garbage a chunk, alive while the chunk was worked on.
 */
const standInArrays = new Map<number, string[]>();
/**
 * How many lengths are kept (a reader's chunks vary by a few lines), the one
 * kept longest let go first.
 */
const STAND_IN_LENGTHS = 64;
/** The longest array kept (16 KiB of pointers); longer ones are made anew. */
const STAND_IN_MOST = 2048;

/**
 * An array of `n` empty strings standing for the lines of a chunk handed on
 * as bytes (see {@linkcode Chunk.bytes}), or of a chunk for a sink that only
 * counts them: up to STAND_IN_MOST, shared by the chunks of its length and
 * frozen; longer, new. A stage that adds to it must copy it first.
 */
export function standIns(n: number): string[] {
  const kept = standInArrays.get(n);
  if (kept !== undefined) return kept;
  const made = new Array<string>(n).fill("");
  if (n > STAND_IN_MOST) return made;
  if (standInArrays.size >= STAND_IN_LENGTHS) {
    // A Map keeps its keys in the order they came.
    standInArrays.delete(standInArrays.keys().next().value!);
  }
  Object.freeze(made);
  standInArrays.set(n, made);
  return made;
}

/** Where a chunk's items came from: what a chunk made from it keeps. */
export type Origin = Pick<Chunk<unknown>, "path" | "input">;

/** The line number of `chunk.items[i]`. */
export function lineOf(chunk: Chunk<unknown>, i: number): number {
  return chunk.lines !== undefined
    ? chunk.lines[i] ?? chunk.firstLine
    : chunk.firstLine + i;
}

/**
 * A line's number and a colon, as `grep -n` puts them before the line. The
 * digits come from toFixed, not `${n}` or String(n): V8 keeps the text of
 * each number those convert in a cache of its own, so each numbered line
 * left a string alive across scavenges. `grep(" ", { lineNumber: true })`
 * over 300 MB of the bench corpus (2.2 million lines, all kept): 32.9 MB
 * survived V8's scavenges and its young generation grew to 32 MiB; with
 * toFixed, 6.2 MB and 4 MiB.
 */
export function numberPrefix(n: number): string {
  return n.toFixed(0) + ":";
}

/**
 * The name of a line's input and a colon, as `grep -H` puts them before the
 * line: its path, or "(standard input)" for standard input and for an input
 * without a path (a stream, an array), as grep names what it reads from a
 * pipe.
 */
export function namePrefix(path: string | undefined): string {
  return (path === undefined || path === "-" ? "(standard input)" : path) +
    ":";
}

// The one place a chunk is written out: all fields, always in this order.
function make<T>(
  items: T[],
  path: string | undefined,
  input: number | undefined,
  firstLine: number,
  lines: number[] | undefined,
  position?: ResumePoint,
  wide?: number[],
  bytes?: Uint8Array,
): Chunk<T> {
  return { items, path, input, firstLine, lines, position, wide, bytes };
}

/**
 * A chunk whose items are numbered `firstLine`, `firstLine + 1`, ...; with
 * `bytes`, their UTF-8 (see Chunk.bytes).
 */
export function consecutive<T>(
  items: T[],
  firstLine: number,
  path?: string,
  wide?: number[],
  bytes?: Uint8Array,
): Chunk<T> {
  return make(
    items,
    path,
    undefined,
    firstLine,
    undefined,
    undefined,
    wide,
    bytes,
  );
}

/**
 * A chunk whose items are numbered by `lines`: one number per item, taken
 * over, not copied (a chunk of no items counts from 1); with `bytes`, their
 * UTF-8 (see Chunk.bytes).
 */
export function numbered<T>(
  items: T[],
  lines: number[],
  path?: string,
  wide?: number[],
  bytes?: Uint8Array,
): Chunk<T> {
  return make(
    items,
    path,
    undefined,
    lines[0] ?? 1,
    lines,
    undefined,
    wide,
    bytes,
  );
}

/**
 * `chunk` with other items, one for one: the same numbers and origin. `items`
 * may be `chunk.items` itself, rewritten in place. `wide` is the new items'
 * note of non-ASCII strings (see Chunk.wide), when known.
 */
export function withItems<T, U>(
  chunk: Chunk<T>,
  items: U[],
  wide?: number[],
): Chunk<U> {
  return make(
    items,
    chunk.path,
    chunk.input,
    chunk.firstLine,
    chunk.lines,
    undefined,
    wide,
  );
}

/** The first `count` items of `chunk`, with their numbers and origin. */
export function head<T>(chunk: Chunk<T>, count: number): Chunk<T> {
  return make(
    chunk.items.slice(0, count),
    chunk.path,
    chunk.input,
    chunk.firstLine,
    chunk.lines?.slice(0, count),
  );
}

/**
 * `chunk`'s items from `from` on, with their numbers and its origin (not
 * its position or bytes).
 */
export function tailFrom<T>(chunk: Chunk<T>, from: number): Chunk<T> {
  return make(
    chunk.items.slice(from),
    chunk.path,
    chunk.input,
    lineOf(chunk, from),
    chunk.lines?.slice(from),
  );
}

/**
 * A chunk with no items that only carries where the source stands, so that
 * a checkpointed run's position reaches the sink when a chunk keeps nothing.
 */
export function positionOnly<T>(
  position: ResumePoint,
  firstLine: number,
): Chunk<T> {
  return make<T>([], undefined, undefined, firstLine, undefined, position);
}

/**
 * Gathers some items, each with its line number (those of a chunk that a
 * stage keeps, or what it makes of them), into a chunk.
 */
export class ChunkBuilder<T> {
  #items: T[] = [];
  #lines: number[] = [];
  // Which gathered items are not ASCII (see Chunk.wide), while every item
  // came from a chunk that said.
  #wide: number[] = [];
  #wideKnown = true;
  // Where keep() is in the chunk it keeps from: its hint is read once, in
  // step with the indexes kept (they only grow within a chunk).
  #from: Chunk<T> | undefined;
  #fromAt = 0;
  #fromI = 0;

  /** How many items are gathered. */
  get length(): number {
    return this.#items.length;
  }

  /** Adds `item` with the line number `line`. */
  push(item: T, line: number): void {
    this.#wideKnown = false;
    this.#items.push(item);
    this.#lines.push(line);
  }

  /** Adds `chunk.items[i]` with its line number. */
  keep(chunk: Chunk<T>, i: number): void {
    if (this.#wideKnown) {
      const wide = chunk.wide;
      if (wide === undefined) {
        this.#wideKnown = false;
      } else {
        if (chunk !== this.#from || i < this.#fromI) {
          this.#from = chunk;
          this.#fromAt = 0;
        }
        let at = this.#fromAt;
        while (at < wide.length && wide[at]! < i) at++;
        if (wide[at] === i) this.#wide.push(this.#items.length);
        this.#fromAt = at;
        this.#fromI = i;
      }
    }
    this.#items.push(chunk.items[i]!);
    this.#lines.push(lineOf(chunk, i));
  }

  /** Adds the first `count` items of `chunk` with their line numbers. */
  keepHead(chunk: Chunk<T>, count: number): void {
    for (let i = 0; i < count; i++) this.keep(chunk, i);
  }

  /** Drops what was gathered after the first `length` items. */
  truncate(length: number): void {
    if (length >= this.#items.length) return;
    this.#items.length = length;
    this.#lines.length = length;
    while (this.#wide.length > 0 && this.#wide.at(-1)! >= length) {
      this.#wide.pop();
    }
  }

  /**
   * Hands over what is gathered as a chunk from `origin` (its path and input
   * are kept) and starts afresh; `undefined` when nothing is gathered.
   */
  build(origin: Origin): Chunk<T> | undefined {
    if (this.#items.length === 0) return undefined;
    const chunk = make(
      this.#items,
      origin.path,
      origin.input,
      this.#lines[0]!,
      this.#lines,
      undefined,
      this.#wideKnown ? this.#wide : undefined,
    );
    this.#items = [];
    this.#lines = [];
    this.#wide = [];
    this.#wideKnown = true;
    this.#from = undefined;
    return chunk;
  }
}

const encoder = new TextEncoder();

/**
 * Writes `items` joined by LFs into `out` as UTF-8, the runs of ASCII items
 * joined and encoded at once and each item listed in `wide` (ascending) on
 * its own: a string with one non-ASCII character is encoded about 20 times
 * slower than an ASCII one, all of it (32 MiB of the bench corpus in
 * batches of 256 lines: 70 ms joined, 18 ms so). Returns the bytes written;
 * `out` must have room for them. With `strict`, -1 instead when a listed
 * item is not well formed or an item not listed is not ASCII (the hint was
 * wrong): nothing is lost to U+FFFD. Then `out` needs room only for the
 * items not listed as ASCII and three bytes a code unit for the others.
 */
export function encodeApart(
  items: readonly string[],
  wide: readonly number[],
  out: Uint8Array,
  strict = false,
): number {
  let p = 0;
  let from = 0;
  const last = items.length - 1;
  for (let w = 0; w <= wide.length; w++) {
    const to = w < wide.length ? wide[w]! : items.length;
    if (to < from) continue; // listed twice
    if (to > from) {
      const run = to - from === 1
        ? items[from]!
        : items.slice(from, to).join("\n");
      const { read, written } = encoder.encodeInto(run, out.subarray(p));
      // Not ASCII, or more than the room for ASCII.
      if (strict && (read !== run.length || written !== run.length)) {
        return -1;
      }
      p += written;
      if (to - 1 < last) out[p++] = 10;
    }
    if (to < items.length) {
      if (strict && !items[to]!.isWellFormed()) return -1;
      p += encoder.encodeInto(items[to]!, out.subarray(p)).written;
      if (to < last) out[p++] = 10;
    }
    from = to + 1;
  }
  return p;
}
