// Copyright 2026 the sluice authors. MIT license.
// Reads of a regular file on Deno's I/O threads, each started before the
// bytes of the last one are split, for a reader that counts lines: the
// kernel's copy from the page cache runs beside the search or the count.

import type { LineSplitter } from "./_line_splitter.ts";

/** The size of a page of memory, and of the page cache's pages. */
const PAGE = 4096;

/**
 * Reads a regular file in turns into two regions of a splitter's line
 * buffer ("halves"), each behind a gap for the start of a line carried
 * over from the other: while the splitter processes the bytes of one read,
 * the next one fills the other half.
 *
 * Why, and why this large: `sluice grep -c ERROR` over the 1 GiB bench
 * corpus spent about 0.12 s in `readSync`s of 512 KiB and 0.11 s searching,
 * one after the other. An awaited read costs about 100 microseconds more
 * than a read in this thread (the hand-over to an I/O thread and back), so
 * the reads must be large for the overlap to win. Reading and searching
 * the 1 GiB in one process: 0.16-0.18 s with a read of 2 MiB in flight
 * while the last one was searched, 0.22-0.26 s with `readSync`s of 2 MiB,
 * 0.30-0.33 s with halves of 512 KiB. Whole processes of `sluice grep -c
 * ERROR` (9 rounds in turns, medians): halves of 1.5 MiB 0.29 s and 63.4
 * MiB peak RSS, of 2 MiB 0.29 s and 65.2 MiB (over the bound of 64 MiB for
 * `grep -c`), reads of 512 KiB in this thread 0.35 s and 63.9 MiB.
 *
 * A line longer than the gap cannot be placed before a half: the reads
 * then go on in this thread, as without a ReadAhead (see next).
 */
export class ReadAhead {
  readonly #read: (p: Uint8Array) => Promise<number | null>;
  readonly #offset: () => number;
  readonly #readBytes: number;
  readonly #gapBytes: number;
  /** Which half the read in flight fills (0 or 1). */
  #half = 0;
  /** Where in the buffer the read in flight lands. */
  #at = 0;
  #reading: Promise<number | null> | undefined;
  #stopped = false;

  /**
   * @param read An awaited read of the file (its I/O threads').
   * @param offset The file offset the next read starts at.
   * @param readBytes The bytes of each read.
   * @param gapBytes The longest start of a line carried to the next half.
   */
  constructor(
    read: (p: Uint8Array) => Promise<number | null>,
    offset: () => number,
    readBytes: number,
    gapBytes: number,
  ) {
    this.#read = read;
    this.#offset = offset;
    this.#readBytes = readBytes;
    this.#gapBytes = gapBytes;
  }

  /** The line buffer's size for reads of `readBytes` and gaps of `gapBytes`. */
  static bufferBytes(readBytes: number, gapBytes: number): number {
    return 2 * (gapBytes + readBytes + PAGE);
  }

  /** Whether the reads went back to the caller's (see next). */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** The read in flight, if any. */
  get reading(): Promise<number | null> | undefined {
    return this.#reading;
  }

  /** Where half `k` starts (its gap before it). */
  #halfAt(k: number): number {
    return k * (this.#gapBytes + this.#readBytes + PAGE) + this.#gapBytes;
  }

  /** Starts a read into half `k` of `splitter`'s buffer. */
  #start(splitter: LineSplitter, k: number): void {
    const root = splitter.buffer;
    this.#half = k;
    this.#at = splitter.readStart(this.#halfAt(k), this.#offset());
    this.#reading = this.#read(
      root.subarray(this.#at, this.#at + this.#readBytes),
    );
    // Settled by next() or settle(); never an unhandled rejection between.
    this.#reading.catch(() => {});
  }

  /**
   * The next read's bytes, read ahead into `splitter` (see
   * LineSplitter.readAhead) after the bytes it holds, with the read after
   * them started; `null` at the end of the file. When the bytes held are
   * longer than a gap, they are handed in through `splitter.space()`
   * (copied) and the ReadAhead stops: the caller reads on itself.
   */
  async next(splitter: LineSplitter): Promise<Uint8Array | null> {
    if (this.#reading === undefined) {
      splitter.reserve(ReadAhead.bufferBytes(this.#readBytes, this.#gapBytes));
      this.#start(splitter, 0);
    }
    const n = await this.#reading!;
    this.#reading = undefined;
    if (n === null) return null;
    const root = splitter.buffer;
    const bytes = root.subarray(this.#at, this.#at + n);
    if (splitter.heldBytes > this.#gapBytes) {
      this.#stopped = true;
      const copy = bytes.slice();
      for (let k = 0; k < n;) {
        const space = splitter.space();
        const m = Math.min(space.length, n - k);
        if (m === 0) throw new RangeError("Cannot read ahead: no room left");
        space.set(copy.subarray(k, k + m));
        splitter.readAhead(m);
        k += m;
      }
      return copy;
    }
    splitter.placeHeld(this.#at);
    this.#start(splitter, 1 - this.#half);
    splitter.readAhead(n);
    return bytes;
  }

  /** Waits for a read in flight to end, before the file is closed. */
  async settle(): Promise<void> {
    const reading = this.#reading;
    this.#reading = undefined;
    if (reading !== undefined) await reading.catch(() => null);
  }
}
