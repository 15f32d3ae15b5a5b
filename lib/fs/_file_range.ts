// Copyright 2026 the sluice authors. MIT license.
// Opening a byte range of a plain file for readLines: the lines that start
// in [start, end), with offsets and line numbers true to the whole file.

import { closeQuietly } from "./_close.ts";
import { fileRead } from "./_file_read.ts";
import { statNamed } from "./_path.ts";

/**
 * What the division of a URL saw of it: a range read whose response has
 * another size, ETag or Last-Modified is of a changed resource, an error.
 */
export interface UrlValidators {
  /** Its size in bytes, as stored. */
  readonly size: number;
  /** Its ETag, `null` when the server sent none. */
  readonly etag: string | null;
  /** Its Last-Modified, `null` when the server sent none. */
  readonly lastModified: string | null;
}

/**
 * The lines of a plain file (or a plain-text `http:`/`https:` URL) that
 * start in the bytes `[start, end)`: a line that begins before `start`
 * belongs to the range before, and the last line runs on past `end` to its
 * LF. Ranges that meet cover each line once.
 */
export interface FileRange {
  /** The file's path, or the URL. */
  readonly path: string;
  /** The first byte of the range. */
  readonly start: number;
  /** The byte after the range's last. */
  readonly end: number;
  /**
   * For a URL: what the division saw of it (as `shardInputs` gives it),
   * checked against each response; without it, against the first.
   */
  readonly seen?: UrlValidators;
}

/** Whether `input` is a {@linkcode FileRange}. */
export function isFileRange(input: unknown): input is FileRange {
  return typeof input === "object" && input !== null &&
    typeof (input as FileRange).path === "string" &&
    typeof (input as FileRange).start === "number" &&
    typeof (input as FileRange).end === "number";
}

const LF = 10;
const SCAN_BYTES = 1 << 20;

/**
 * An opened range, in the shape of _input.ts's OpenedInput (declared here,
 * not imported, so that the two files do not import each other), with
 * where its first line starts in the file and that line's number.
 */
export interface OpenedRange {
  read: (p: Uint8Array) => Promise<number | null>;
  chunks: undefined;
  readAhead: boolean;
  readNow: (p: Uint8Array) => Promise<number | null>;
  readonly rawBytes: number;
  close(): Promise<void>;
  readonly startsAt: { offset: number; line: number };
}

/** Counts the LFs in `[from, to)` of `file`, leaving it positioned at `to`. */
async function countLines(
  file: Deno.FsFile,
  from: number,
  to: number,
  buf: Uint8Array,
): Promise<number> {
  await file.seek(from, Deno.SeekMode.Start);
  let n = 0;
  for (let at = from; at < to;) {
    const got = await file.read(buf.subarray(0, Math.min(buf.length, to - at)));
    if (got === null) break;
    const view = buf.subarray(0, got);
    for (let i = view.indexOf(LF); i !== -1; i = view.indexOf(LF, i + 1)) n++;
    at += got;
  }
  return n;
}

/**
 * Opens `range` to read the bytes of its lines. The bytes before the range
 * are read once, only to find its first line and count the lines before it
 * (so that line numbers in errors are those of the file): a cost of the
 * range's position, not of its length.
 */
export async function openRange(range: FileRange): Promise<OpenedRange> {
  const { path, start, end } = range;
  if (
    !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 ||
    end < start
  ) {
    throw new RangeError(
      `Cannot read "${path}" from byte ${start} to ${end}: a range needs 0 <= start <= end`,
    );
  }
  const info = await statNamed(path);
  if (!info.isFile) {
    throw new TypeError(
      `Cannot read "${path}" in byte ranges: it is not a regular file`,
    );
  }
  const file = await Deno.open(path, { read: true });
  let first = start;
  let line = 1;
  try {
    const buf = new Uint8Array(SCAN_BYTES);
    if (start > 0) {
      // The first line starts after the first LF at or after start - 1.
      line += await countLines(file, 0, start - 1, buf);
      first = -1;
      for (let at = start - 1; first === -1;) {
        const got = await file.read(buf.subarray(0, 64 * 1024));
        if (got === null) {
          first = at; // no LF: no line starts in the range
          break;
        }
        const i = buf.subarray(0, got).indexOf(LF);
        if (i !== -1) {
          first = at + i + 1;
          line++;
        }
        at += got;
      }
    }
    await file.seek(first, Deno.SeekMode.Start);
  } catch (error) {
    closeQuietly(file);
    throw error;
  }
  let pos = first;
  let done = first >= end;
  // The range's bytes through `readFile`: up to the end of its last line.
  const inRange =
    (readFile: (p: Uint8Array) => Promise<number | null>) =>
    async (p: Uint8Array): Promise<number | null> => {
      if (done) return null;
      let n = await readFile(p);
      if (n === null) {
        done = true;
        if (pos < end) {
          throw new Deno.errors.UnexpectedEof(
            `"${path}" was truncated while it was read: it ended at byte ${pos}, before the end of its range at byte ${end}`,
          );
        }
        return null;
      }
      // The range's last line ends at the first LF at or after end - 1.
      if (pos + n >= end) {
        const from = Math.max(0, end - 1 - pos);
        const i = p.subarray(from, n).indexOf(LF);
        if (i !== -1) {
          n = from + i + 1;
          done = true;
        }
      }
      pos += n;
      opened.rawBytes += n;
      return n;
    };
  const opened = {
    rawBytes: 0,
    startsAt: { offset: first, line },
    readAhead: true,
    chunks: undefined,
    read: inRange((p) => file.read(p)),
    readNow: inRange(fileRead(file)),
    close() {
      closeQuietly(file);
      return Promise.resolve();
    },
  };
  return opened;
}
