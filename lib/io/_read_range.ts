// Copyright 2026 the sluice authors. MIT license.
// A worker's read of one byte range of a file, cut at line boundaries.

import { LineSplitter } from "./_line_splitter.ts";
import type { RangeSource } from "../core/_registry.ts";
import { fileRead } from "../fs/_file_read.ts";

const LF = 10;
/**
 * Bytes of a read split into lines and handed to `apply` at a time: the
 * lines of a whole 256 KiB read, alive together while they are worked on,
 * survive V8's scavenges and grow the worker's young generation. Measured
 * at V8's defaults on the 256 MiB bench corpus, parallel() T1 with 2
 * workers (with the worker's compacted results): 64 KiB 124-147 MiB peak
 * RSS and fastest; 32 KiB 154-163; 16 KiB 201-212 and slower; 128 KiB
 * 144-153; 256 KiB (a whole read, as before) 158; `group --workers 2`
 * 96-98 MiB, was 141.
 */
const SPLIT_BYTES = 64 * 1024;

/**
 * The buffer a range's search for its first line leaves for the next range
 * read in the same thread, as the range's splitter leaves its line buffer
 * (see LineSplitter.release).
 */
const spare: { probe: Uint8Array | undefined } = { probe: undefined };

/**
 * What is done with each read's lines: `lines` holds their numbers (within
 * the range, from 1) when they are not consecutive from `firstLine`.
 */
export type LinesHandler = (
  items: string[],
  firstLine: number,
  lines: number[] | undefined,
) => Promise<void> | void;

/**
 * A reader of whole lines on their bytes, to which {@linkcode readRange}
 * hands a range's reads instead of splitting them into lines of text.
 */
export interface BytesReader {
  /** Where the reads go, from its start: at least two reads' bytes. */
  readonly buffer: Uint8Array;
  /**
   * Reads the lines of `buffer[0, n)` that end with an LF and start before
   * `limit`, up to a line of more than `maxLine` bytes; returns where it
   * stopped, the start of the first line it did not read.
   */
  read(n: number, limit: number, maxLine: number): number;
  /** How many lines the last `read` read. */
  readonly lines: number;
  /**
   * Set when the reader reads no more: the rest goes to `apply` as text,
   * from where its last `read` stopped.
   */
  readonly done: boolean;
}

/**
 * Reads the lines that start in `[start, end)` of the file and hands them to
 * `apply` a read at a time (so that they die young): a line that begins
 * before `start` belongs to the range before, and the last line runs on past
 * `end` to its LF. With `bytes`, the lines go to it as their bytes, as long
 * as it reads them: each without its LF, the file's BOM left out, a line
 * without an LF at the file's end given one. Returns how many lines the
 * range has.
 */
export async function readRange(
  source: RangeSource,
  start: number,
  end: number,
  apply: LinesHandler,
  bytes?: BytesReader,
): Promise<number> {
  const was = source.file;
  let opened: Deno.FsFile;
  try {
    opened = await Deno.open(source.path, { read: true });
  } catch (error) {
    // Gone since the ranges were cut: rotated (and not yet replaced) or
    // removed.
    if (was !== undefined && error instanceof Deno.errors.NotFound) {
      throw changed(source.path, was, undefined);
    }
    throw error;
  }
  using file = opened;
  // The file the ranges were cut from, not one rotated into its place.
  if (was !== undefined) {
    const problem = changed(source.path, was, await file.stat());
    if (problem instanceof Deno.errors.NotFound) throw problem;
  }
  // A read that ends before `end`: the file was cut shorter meanwhile.
  const cut = (at: number) =>
    new Deno.errors.UnexpectedEof(
      `"${source.path}" was truncated while it was read: it ended at byte ${at}, ${
        was?.size ?? end
      } bytes long when the run started`,
    );
  let pos = start;
  if (start > 0) {
    // Taken while in use: ranges read at once in one thread each have their
    // own.
    const probe = spare.probe ?? new Uint8Array(64 * 1024);
    spare.probe = undefined;
    try {
      await file.seek(start - 1, Deno.SeekMode.Start);
      let base = start - 1;
      while (true) {
        const n = await file.read(probe);
        if (n === null) {
          if (base < end) throw cut(base);
          return 0;
        }
        const i = probe.subarray(0, n).indexOf(LF);
        if (i !== -1) {
          pos = base + i + 1;
          break;
        }
        base += n;
      }
    } finally {
      spare.probe = probe;
    }
    if (pos >= end) return 0;
    await file.seek(pos, Deno.SeekMode.Start);
  }
  // Read in this thread, straight into the buffer (see fileRead): handing
  // each read to Deno's I/O threads cost more CPU than the reads, and the
  // workers use both cores.
  const read = fileRead(file);
  let before = 0;
  const first = pos;
  if (bytes !== undefined) {
    const past = await readBytes(bytes, read, source, pos, end, cut);
    if (!past.rest) return past.lines;
    // The rest as text, from the first line the reader did not read.
    before = past.lines;
    pos = past.at;
    if (pos >= end) return before;
    await file.seek(pos, Deno.SeekMode.Start);
  }
  const splitter = new LineSplitter({
    maxLineBytes: source.maxLineBytes,
    onLongLine: source.onLongLine,
    fatal: source.fatal,
    path: source.path,
    readBytes: source.readBytes,
    atStart: pos === 0,
    // After lines read on bytes, numbered on from them, and its offsets
    // (in errors) from the range's first line, as without them.
    line: before + 1,
    offset: pos - first,
  });
  const hand = async () => {
    const taken = splitter.take();
    if (taken.items.length > 0) {
      await apply(taken.items, taken.firstLine, taken.lines);
    }
  };
  let at = pos;
  let last = -1;
  while (at < end) {
    const space = splitter.space();
    const n = await read(space.subarray(0, Math.min(SPLIT_BYTES, end - at)));
    if (n === null) throw cut(at);
    at += n;
    last = space[n - 1]!;
    splitter.commit(n);
    await hand();
  }
  // The last line, unless it ended right at `end`, runs on to its LF.
  while (last !== LF) {
    const space = splitter.space();
    const n = await read(space.subarray(0, Math.min(space.length, 65536)));
    if (n === null) {
      // The file's end before the end it had when the ranges were cut: the
      // last line is not whole.
      if (was !== undefined && at < was.size) throw cut(at);
      break;
    }
    at += n;
    const i = space.subarray(0, n).indexOf(LF);
    if (i !== -1) {
      splitter.commit(i + 1);
      break;
    }
    splitter.commit(n);
  }
  splitter.end();
  await hand();
  // For the next range's splitter (see LineSplitter.release).
  splitter.release();
  return before + splitter.linesSeen;
}

const BOM = [0xef, 0xbb, 0xbf];
const CR = 13;

/**
 * Hands the lines from `pos` that start before `end` to `bytes`, until it
 * is done or they end: where it stopped (a line's start in the file), how
 * many lines it read, and whether the rest is the splitter's.
 */
async function readBytes(
  bytes: BytesReader,
  read: (p: Uint8Array) => Promise<number | null>,
  source: RangeSource,
  pos: number,
  end: number,
  cut: (at: number) => Error,
): Promise<{ at: number; lines: number; rest: boolean }> {
  const buf = bytes.buffer;
  const half = buf.length >>> 1;
  // The longest line the reader takes: a longer one goes to the splitter,
  // which applies the policy for long lines.
  const maxLine = Math.min(source.maxLineBytes, half) - 2;
  let lines = 0;
  // The file's offset of buf[0], and the bytes in buf.
  let base = pos;
  let have = 0;
  let bom = pos === 0;
  let ended = false;
  let rest = false;
  while (true) {
    const n = await read(buf.subarray(have, have + half));
    if (n === null) {
      // The file's end: before `end`, or before the end it had when the
      // ranges were cut, it was cut shorter meanwhile.
      if (base + have < Math.max(end, source.file?.size ?? 0)) {
        throw cut(base + have);
      }
      ended = true;
      if (have === 0) return { at: base, lines, rest: false };
      // A last line without its LF is given one, unless it ends with a CR,
      // which it keeps (the reader would leave it out): the splitter's.
      if (buf[have - 1] === CR) rest = true;
      else if (buf[have - 1] !== LF) buf[have++] = LF;
    } else {
      have += n;
    }
    if (bom) {
      if (have < 3 && !ended) continue;
      bom = false;
      if (have >= 3 && BOM.every((b, i) => buf[i] === b)) {
        buf.copyWithin(0, 3, have);
        have -= 3;
        base += 3;
      }
    }
    // The file's first line starts at 0, its BOM and all: before `end`.
    const next = bytes.read(have, Math.max(end - base, 1), maxLine);
    lines += bytes.lines;
    // Nothing read yet: from `pos` again (the splitter sees to a BOM).
    const at = next === 0 && lines === 0 ? pos : base + next;
    if (bytes.done || have - next >= half) return { at, lines, rest: true };
    if (at >= end || ended) return { at, lines, rest };
    // The unfinished line moves to the start (one too long for the
    // buffer's other half went to the splitter).
    buf.copyWithin(0, next, have);
    base += next;
    have -= next;
  }
}

/**
 * How the file at `path` differs from what a run started on, as the error
 * the sequential reader gives for it; undefined when it is still that file,
 * at least as long.
 */
export function changed(
  path: string,
  was: { dev: number; ino: number; size: number },
  now:
    | Deno.FileInfo
    | { dev: number; ino: number | null; size: number }
    | undefined,
): Error | undefined {
  if (now === undefined || now.dev !== was.dev || (now.ino ?? 0) !== was.ino) {
    return new Deno.errors.NotFound(
      `"${path}" was replaced while it was read (rotated or removed): the lines read are of the file that was there when the run started`,
    );
  }
  if (now.size < was.size) {
    return new Deno.errors.UnexpectedEof(
      `"${path}" was truncated while it was read: it has ${now.size} bytes now, ${was.size} when the run started`,
    );
  }
  return undefined;
}
