// Copyright 2026 the sluice authors. MIT license.
// The lines of a byte region that hold any of many literals (`grep -F -f`
// with a list of them): at each place whose first two bytes start some
// literal, the literals' trie is walked from there. Looking for each
// literal on its own costs a pass over the region per literal; this one
// pass costs about as much as the search for ten.
//
// A line is the bytes up to an LF (not included); bytes after the region's
// last LF form one more line. No literal holds an LF, so none is found
// across lines.

const LF = 10;

/**
 * From this many literals on, a search for any of them goes through a
 * {@linkcode LiteralTrie}, not a pass for each. `sluice grep -c` of k request
 * ids (`-e req=...`, each line has a place to walk the trie from) over the
 * 256 MiB bench corpus, medians of 3: each in its own pass 0.26 s for 2,
 * 0.41 for 8, 0.60 for 16, 0.81 for 24, 0.96 for 32; together 0.67-0.69 s
 * for any k, 0.71 for 1,000 (GNU `grep -c -F -f` 0.30, ripgrep 0.28).
 */
export const MANY_LITERALS = 20;

/** Any of several literals, found line by line in regions of bytes. */
export class LiteralTrie {
  /** Each byte's column in `#kids`: 0 for a byte no literal holds. */
  readonly #column = new Uint8Array(256);
  readonly #width: number;
  /** A node's child by column, as the child's row offset; 0 for none. */
  readonly #kids: Int32Array;
  /** By row offset / width: 1 where a literal ends. */
  readonly #ends: Uint8Array;
  /**
   * By the first two bytes of a place, 1 when a literal may start there:
   * a literal's first two bytes, or its one byte followed by any.
   */
  readonly #starts = new Uint8Array(65536);

  /** @param literals UTF-8 literals: at least one, none empty, none with an LF. */
  constructor(literals: readonly Uint8Array[]) {
    if (literals.length === 0) {
      throw new RangeError("Cannot search for no literals");
    }
    let width = 1;
    for (const l of literals) {
      if (l.length === 0 || l.includes(LF)) {
        throw new RangeError(
          "Cannot search for an empty literal or one with a line feed",
        );
      }
      for (const b of l) if (this.#column[b] === 0) this.#column[b] = width++;
    }
    this.#width = width;
    // Rows of `width` columns, grown as nodes are added.
    let kids = new Int32Array(16 * width);
    let ends = new Uint8Array(16);
    let nodes = 1;
    for (const l of literals) {
      if (l.length === 1) {
        this.#starts.fill(1, l[0]! << 8, (l[0]! << 8) + 256);
      } else this.#starts[(l[0]! << 8) | l[1]!] = 1;
      let row = 0;
      for (const b of l) {
        const at = row + this.#column[b]!;
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
        row = kids[at]!;
      }
      ends[row / width] = 1;
    }
    this.#kids = kids.slice(0, nodes * width);
    this.#ends = ends.slice(0, nodes);
  }

  /** Bytes the search holds: its tables. */
  get memoryBytes(): number {
    return this.#kids.byteLength + this.#ends.byteLength + 65536 + 256;
  }

  /**
   * The lines of `bytes[start, end)` that hold any of the literals. Each
   * span's start and end are offsets in `bytes`, and its index counts the
   * region's lines from `firstIndex`; returns the index after the region's
   * last line.
   */
  lines(
    bytes: Uint8Array,
    start: number,
    end: number,
    firstIndex: number,
    each: (start: number, end: number, index: number) => void,
  ): number {
    let index = firstIndex;
    // The lines before `counted` are counted in `index`.
    let counted = start;
    let p = start;
    while (p < end) {
      // At the last byte, only a literal of one byte can start.
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
  holdsAny(bytes: Uint8Array, start: number, end: number): boolean {
    for (let p = start; p < end; p++) {
      p = nextStart(bytes, this.#starts, p, end - 1);
      if (this.#holds(bytes, p, end)) return true;
    }
    return false;
  }

  /** Whether a literal starts at `bytes[p]` and ends before `end`. */
  #holds(bytes: Uint8Array, p: number, end: number): boolean {
    const column = this.#column;
    const kids = this.#kids;
    const ends = this.#ends;
    const width = this.#width;
    let row = 0;
    for (; p < end; p++) {
      const c = column[bytes[p]!]!;
      if (c === 0) return false;
      row = kids[row + c]!;
      if (row === 0) return false;
      if (ends[row / width] === 1) return true;
    }
    return false;
  }
}

/**
 * The first place from `p` before `last` whose two bytes may start a
 * literal, or `last`. A loop of its own: inlined into the caller's, the
 * same search ran at a third of the speed.
 */
function nextStart(
  bytes: Uint8Array,
  starts: Uint8Array,
  p: number,
  last: number,
): number {
  while (p < last && starts[(bytes[p]! << 8) | bytes[p + 1]!] === 0) p++;
  return p;
}

/** The LFs in `bytes[from, to)`. */
function lineFeeds(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let p = from; p < to; p++) if (bytes[p] === LF) n++;
  return n;
}
