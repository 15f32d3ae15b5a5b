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
 * Reads the lines that start in `[start, end)` of the file and hands them to
 * `apply` a read at a time (so that they die young): a line that begins
 * before `start` belongs to the range before, and the last line runs on past
 * `end` to its LF. Returns how many lines the range has.
 */
export async function readRange(
  source: RangeSource,
  start: number,
  end: number,
  apply: LinesHandler,
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
  const splitter = new LineSplitter({
    maxLineBytes: source.maxLineBytes,
    onLongLine: source.onLongLine,
    fatal: source.fatal,
    path: source.path,
    readBytes: source.readBytes,
    atStart: pos === 0,
  });
  const hand = async () => {
    const taken = splitter.take();
    if (taken.items.length > 0) {
      await apply(taken.items, taken.firstLine, taken.lines);
    }
  };
  let at = pos;
  let last = -1;
  // Read in this thread, straight into the splitter's buffer (see
  // fileRead): handing each read to Deno's I/O threads cost more CPU than
  // the reads, and the workers use both cores.
  const read = fileRead(file);
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
  return splitter.linesSeen;
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
