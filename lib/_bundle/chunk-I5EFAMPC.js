// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/core/_literal_trie.ts
var LF = 10;
var MANY_LITERALS = 20;
var LiteralTrie = class {
  /** Each byte's column in `#kids`: 0 for a byte no literal holds. */
  #column = new Uint8Array(256);
  #width;
  /** A node's child by column, as the child's row offset; 0 for none. */
  #kids;
  /** By row offset / width: 1 where a literal ends. */
  #ends;
  /**
   * By the first two bytes of a place, 1 when a literal may start there:
   * a literal's first two bytes, or its one byte followed by any.
   */
  #starts = new Uint8Array(65536);
  /** @param literals UTF-8 literals: at least one, none empty, none with an LF. */
  constructor(literals) {
    if (literals.length === 0) {
      throw new RangeError("Cannot search for no literals");
    }
    let width = 1;
    for (const l of literals) {
      if (l.length === 0 || l.includes(LF)) {
        throw new RangeError("Cannot search for an empty literal or one with a line feed");
      }
      for (const b of l) if (this.#column[b] === 0) this.#column[b] = width++;
    }
    this.#width = width;
    let kids = new Int32Array(16 * width);
    let ends = new Uint8Array(16);
    let nodes = 1;
    for (const l of literals) {
      if (l.length === 1) {
        this.#starts.fill(1, l[0] << 8, (l[0] << 8) + 256);
      } else this.#starts[l[0] << 8 | l[1]] = 1;
      let row = 0;
      for (const b of l) {
        const at = row + this.#column[b];
        if (kids[at] === 0) {
          if (nodes * width >= kids.length) {
            const more = new Int32Array(kids.length * 2);
            more.set(kids);
            kids = more;
            const flags = new Uint8Array(ends.length * 2);
            flags.set(ends);
            ends = flags;
          }
          kids[at] = nodes * width;
          nodes++;
        }
        row = kids[at];
      }
      ends[row / width] = 1;
    }
    this.#kids = kids.slice(0, nodes * width);
    this.#ends = ends.slice(0, nodes);
  }
  /** Bytes the search holds: its tables. */
  get memoryBytes() {
    return this.#kids.byteLength + this.#ends.byteLength + 65536 + 256;
  }
  /**
   * The lines of `bytes[start, end)` that hold any of the literals. Each
   * span's start and end are offsets in `bytes`, and its index counts the
   * region's lines from `firstIndex`; returns the index after the region's
   * last line.
   */
  lines(bytes, start, end, firstIndex, each) {
    let index = firstIndex;
    let counted = start;
    let p = start;
    while (p < end) {
      p = nextStart(bytes, this.#starts, p, end - 1);
      if (!this.#holds(bytes, p, end)) {
        p++;
        continue;
      }
      const from = Math.max(bytes.lastIndexOf(LF, p) + 1, counted);
      index += lineFeeds(bytes, counted, from);
      let to = bytes.indexOf(LF, p);
      if (to === -1 || to > end) to = end;
      each(from, to, index);
      index++;
      p = to + 1;
      counted = p;
    }
    if (counted >= end) return index;
    index += lineFeeds(bytes, counted, end);
    return bytes[end - 1] === LF ? index : index + 1;
  }
  /** Whether `bytes[start, end)` holds any of the literals. */
  holdsAny(bytes, start, end) {
    for (let p = start; p < end; p++) {
      p = nextStart(bytes, this.#starts, p, end - 1);
      if (this.#holds(bytes, p, end)) return true;
    }
    return false;
  }
  /** Whether a literal starts at `bytes[p]` and ends before `end`. */
  #holds(bytes, p, end) {
    const column = this.#column;
    const kids = this.#kids;
    const ends = this.#ends;
    const width = this.#width;
    let row = 0;
    for (; p < end; p++) {
      const c = column[bytes[p]];
      if (c === 0) return false;
      row = kids[row + c];
      if (row === 0) return false;
      if (ends[row / width] === 1) return true;
    }
    return false;
  }
};
function nextStart(bytes, starts, p, last) {
  while (p < last && starts[bytes[p] << 8 | bytes[p + 1]] === 0) p++;
  return p;
}
function lineFeeds(bytes, from, to) {
  let n = 0;
  for (let p = from; p < to; p++) if (bytes[p] === LF) n++;
  return n;
}

export {
  MANY_LITERALS,
  LiteralTrie
};
