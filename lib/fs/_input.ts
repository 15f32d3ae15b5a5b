// Copyright 2026 the sluice authors. MIT license.
// Opening the inputs readLines accepts. One of the few files that touch Deno.

import { closeQuietly } from "./_close.ts";
import { isReadableStream } from "./_streams.ts";
import { fileRead } from "./_file_read.ts";
import {
  formatByContent,
  isCompressedFileSync,
  SIGNATURE_BYTES,
} from "./_compression.ts";
import { isHttpUrl, pathOf, statNamed, statNamedSync } from "./_path.ts";
import type { HttpOptions } from "./_http.ts";
import { type FileRange, isFileRange, openRange } from "./_file_range.ts";

export type { FileRange } from "./_file_range.ts";

/** An input readLines can open. */
export type LineInput =
  | string
  | URL
  | FileRange
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | { readonly readable: ReadableStream<Uint8Array> }
  | { read(p: Uint8Array): Promise<number | null> };

/** An opened input: either a reader into our buffer, or a chunk stream. */
export interface OpenedInput {
  read: ((p: Uint8Array) => Promise<number | null>) | undefined;
  /**
   * The chunks, each valid until the next call of `next()`: a decompressed
   * input hands out the same buffer each time.
   */
  chunks: AsyncIterator<Uint8Array> | undefined;
  /**
   * Whether the next read may start before the current one is used: only for
   * regular files, where a read always completes soon. A read ahead on
   * standard input or a pipe could wait for input that never comes after the
   * consumer has stopped.
   */
  readAhead: boolean;
  /**
   * For a regular file: reads in the calling thread (see
   * {@linkcode fileRead}), straight into the reader's line buffer. Such
   * reads are about 100 microseconds cheaper each than awaited ones.
   */
  readNow?: ((p: Uint8Array) => Promise<number | null>) | undefined;
  /** For a regular file: its bytes from where the reads start, when opened. */
  sizeBytes?: number | undefined;
  /** Bytes read from the input as stored (compressed, for compressed input). */
  readonly rawBytes: number;
  /** The compression format the bytes are decoded from, if any. */
  readonly format?: string;
  close(): Promise<void>;
}

/** Counts what a reader reads. */
function counted(
  read: (p: Uint8Array) => Promise<number | null>,
  count: { rawBytes: number },
  atEnd?: () => void,
): (p: Uint8Array) => Promise<number | null> {
  // A `then` with one callback, not an async function: each async function
  // between the read and the reader kept about 400 bytes alive across V8's
  // scavenges, which decides when V8 grows its young generation (see
  // bench/RESULTS.md, section G).
  const after = (n: number | null): number | null => {
    if (n !== null) {
      count.rawBytes += n;
      return n;
    }
    atEnd?.();
    return null;
  };
  return (p) => read(p).then(after);
}

/** Whether a handle reads a regular file (not a pipe, terminal or device). */
async function isRegularFile(
  handle: { stat(): Promise<Deno.FileInfo> },
): Promise<boolean> {
  try {
    return (await handle.stat()).isFile;
  } catch {
    return false;
  }
}

/** The path an input names, for messages: `"-"` for standard input. */
export function inputPath(input: LineInput): string | undefined {
  if (typeof input === "string") return input;
  if (isFileRange(input)) return input.path;
  if (input instanceof URL) {
    return isHttpUrl(input) ? input.href : pathOf(input);
  }
  return undefined;
}

/** An input read as a stream of chunks. */
function streamInput(
  stream: ReadableStream<Uint8Array>,
  onClose?: () => void,
): OpenedInput {
  const opened = { rawBytes: 0 };
  const reader = stream.getReader();
  let done = false;
  return Object.assign(opened, {
    read: undefined,
    readAhead: false,
    chunks: {
      async next(): Promise<IteratorResult<Uint8Array>> {
        const r = await reader.read();
        if (r.done) {
          done = true;
          return { done: true, value: undefined };
        }
        opened.rawBytes += r.value.length;
        return { done: false, value: r.value };
      },
    },
    async close() {
      try {
        // The stream may already have failed: that error, seen by the
        // reader, is the one to report, not the cancel's.
        if (!done) await reader.cancel().catch(() => {});
        reader.releaseLock();
      } finally {
        onClose?.();
      }
    },
  });
}

async function openPath(
  given: string | URL,
  offset: number,
): Promise<OpenedInput> {
  const path = pathOf(given);
  // A regular file is looked at and opened in this thread, as it is read
  // (see fileRead): each call handed to Deno's I/O threads and back took
  // longer than the system call, and a run over many files waited for them.
  // `sluice grep -c ERROR` over the 256 MiB bench corpus in 136 files, at
  // V8's defaults, medians of 5 in turns: 0.46 -> 0.40 s. Not another kind
  // of file: opening a FIFO waits for its writer.
  const info = statNamedSync(path);
  if (info.isDirectory) {
    throw new Deno.errors.IsADirectory(
      `Cannot read "${path}": it is a directory (to read the files in it, give recursive: true, or -r on the command line)`,
    );
  }
  const file = info.isFile
    ? Deno.openSync(path, { read: true })
    : await Deno.open(path, { read: true });
  // A resumed run starts in the middle: offsets stay those of the file.
  if (offset > 0) {
    try {
      await file.seek(offset, Deno.SeekMode.Start);
    } catch (error) {
      closeQuietly(file);
      throw error;
    }
  }
  const opened = { rawBytes: offset };
  // A file cut shorter while we read it ends early: never a silently short
  // result. (One that grew is read up to the end seen here. A file of /proc
  // says 0 bytes whatever it holds: its size tells nothing.)
  const atEnd = (): void => {
    if (!info.isFile || info.size === 0) return;
    const size = file.statSync().size;
    if (size < opened.rawBytes) {
      throw new Deno.errors.UnexpectedEof(
        `"${path}" was truncated while it was read: it has ${size} bytes now, after ${opened.rawBytes} were read`,
      );
    }
  };
  return Object.assign(opened, {
    read: counted((p) => file.read(p), opened, atEnd),
    readNow: info.isFile ? counted(fileRead(file), opened, atEnd) : undefined,
    sizeBytes: info.isFile ? Math.max(0, info.size - offset) : undefined,
    // Only a regular file's reads always complete; a FIFO's may wait forever.
    readAhead: info.isFile,
    chunks: undefined,
    close() {
      closeQuietly(file);
      return Promise.resolve();
    },
  });
}

/** An input read through a caller's `read`, never closed by sluice. */
function readerInput(
  reader: { read(p: Uint8Array): Promise<number | null> },
  regularFile = false,
): OpenedInput {
  const opened = { rawBytes: 0 };
  return Object.assign(opened, {
    read: counted((p) => reader.read(p), opened),
    readNow: regularFile
      ? counted(
        fileRead(reader as Pick<Deno.FsFile, "read" | "readSync">),
        opened,
      )
      : undefined,
    readAhead: false,
    chunks: undefined,
    close: () => Promise.resolve(),
  });
}

/**
 * Opens `input` to read its bytes as stored (see {@linkcode peekHead} and
 * the decompression of lib/io for the rest). Paths are opened (and closed at
 * the end); handles, streams and iterables given by the caller are read but
 * handles are not closed.
 */
export async function openInput(
  input: LineInput,
  offset = 0,
  http: HttpOptions = { retries: 3, retryDelayMs: 500, idleTimeoutMs: 30_000 },
): Promise<OpenedInput> {
  // Standard input is read as it comes: whether it is a file cannot be
  // told without all permissions (Deno guards /dev/stdin) or node:fs
  // (about 12 MiB more to every run).
  if (input === "-") return readerInput(Deno.stdin);
  if ((typeof input === "string" || input instanceof URL) && isHttpUrl(input)) {
    // Loaded only for a URL (a module loaded stays resident).
    const { openUrl } = await import("./_http.ts");
    return await openUrl(input, http);
  }
  if (typeof input === "string" || input instanceof URL) {
    return await openPath(input, offset);
  }
  if (isFileRange(input)) {
    if (!isHttpUrl(input.path)) return await openRange(input);
    const { openUrlRange } = await import("./_http.ts");
    return await openUrlRange(
      input.path,
      input.start,
      input.end,
      input.seen,
      http,
    );
  }
  if (isReadableStream(input)) return streamInput(input);
  // A handle of a regular file is read as a file is (see fileRead).
  if (typeof (input as { read?: unknown }).read === "function") {
    return readerInput(
      input as { read(p: Uint8Array): Promise<number | null> },
      input instanceof Deno.FsFile && await isRegularFile(input),
    );
  }
  const readable = (input as { readable?: unknown }).readable;
  if (isReadableStream(readable)) return streamInput(readable);
  if (Symbol.asyncIterator in (input as object)) {
    const iterable = input as AsyncIterable<Uint8Array>;
    return streamInput(ReadableStream.from(iterable));
  }
  throw new TypeError(
    `Cannot read lines from ${
      Object.prototype.toString.call(input)
    }: expected a path, a file, a ReadableStream or an async iterable of bytes`,
  );
}

/**
 * Reads the first bytes of `opened`, as many as it takes to tell whether
 * they start with a compression format's signature (one read, for most
 * text), and returns them with an input that reads them again first.
 */
export async function peekHead(
  opened: OpenedInput,
): Promise<{ head: Uint8Array; input: OpenedInput }> {
  let head = new Uint8Array(0);
  let ended = false;
  const append = (bytes: Uint8Array) => {
    const joined = new Uint8Array(head.length + bytes.length);
    joined.set(head);
    joined.set(bytes, head.length);
    head = joined;
  };
  // Each read asks only for the bytes still needed: what it returns is
  // handed on whole, and a read must not wait for more than a line typed on
  // a terminal.
  if (opened.read !== undefined) {
    const buf = new Uint8Array(SIGNATURE_BYTES);
    // A regular file's in this thread (see fileRead).
    const read = opened.readNow ?? opened.read;
    while (formatByContent(head) === undefined) {
      const n = await read(
        buf.subarray(0, SIGNATURE_BYTES - head.length),
      );
      if (n === null) {
        ended = true;
        break;
      }
      append(buf.subarray(0, n));
    }
  } else {
    while (formatByContent(head) === undefined) {
      const r = await opened.chunks!.next();
      if (r.done === true) {
        ended = true;
        break;
      }
      append(r.value);
    }
  }
  let rest: Uint8Array | undefined = head.length > 0 ? head : undefined;
  // A read that hands out the bytes peeked at first.
  const again =
    (read: (p: Uint8Array) => Promise<number | null>) =>
    (p: Uint8Array): Promise<number | null> => {
      if (rest === undefined) return ended ? Promise.resolve(null) : read(p);
      const n = Math.min(p.length, rest.length);
      p.set(rest.subarray(0, n));
      rest = n === rest.length ? undefined : rest.subarray(n);
      return Promise.resolve(n);
    };
  const input: OpenedInput = {
    get rawBytes() {
      return opened.rawBytes;
    },
    readAhead: opened.readAhead,
    sizeBytes: opened.sizeBytes,
    read: opened.read === undefined ? undefined : again(opened.read),
    readNow: opened.readNow === undefined ? undefined : again(opened.readNow),
    chunks: opened.chunks === undefined ? undefined : {
      next() {
        if (rest !== undefined) {
          const value = rest;
          rest = undefined;
          return Promise.resolve({ done: false, value });
        }
        return ended
          ? Promise.resolve({ done: true, value: undefined })
          : opened.chunks!.next();
      },
    },
    close: () => opened.close(),
  };
  return { head: head.slice(0, SIGNATURE_BYTES), input };
}

/** A file followed as it grows (`tail -F`). */
export interface FollowedInput extends OpenedInput {
  rawBytes: number;
  /**
   * After a read returned `null`: whether the path now names a new file (it
   * was rotated, or cut shorter in place) whose lines follow from offset 0,
   * rather than the end of following (the signal fired).
   */
  restarted: boolean;
}

/** Waits `ms`, or less when `signal` fires. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Opens `path` to follow it: a read at the end of the file waits (polling
 * every `pollMs`) for more bytes instead of ending. It returns `null` when
 * `stop` fires (the end), or with `restarted` set when the file was rotated
 * (the path names another file: the old one is read to its end first) or
 * cut shorter than what was read (copytruncate: read again from offset 0).
 */
export async function openFollowed(
  given: string | URL,
  pollMs: number,
  stop: AbortSignal | undefined,
): Promise<FollowedInput> {
  const path = pathOf(given);
  const info = await statNamed(path);
  if (!info.isFile) {
    throw new TypeError(
      `Cannot follow "${path}": only a regular file can be followed`,
    );
  }
  let file = await Deno.open(path, { read: true });
  // A compressed file cannot be followed: what is appended to it is not
  // lines, and rotation compresses the old file, not the live one.
  try {
    const head = new Uint8Array(SIGNATURE_BYTES);
    const n = await file.read(head) ?? 0;
    await file.seek(0, Deno.SeekMode.Start);
    const format = formatByContent(head.subarray(0, n), true);
    if (format !== null) {
      throw new TypeError(
        `Cannot follow "${path}": it is ${format} data, and only a plain text file can be followed`,
      );
    }
  } catch (error) {
    closeQuietly(file);
    throw error;
  }
  let offset = 0;
  let closed = false;
  const followed: FollowedInput = {
    rawBytes: 0,
    restarted: false,
    readAhead: false,
    chunks: undefined,
    async read(p: Uint8Array): Promise<number | null> {
      followed.restarted = false;
      while (true) {
        if (stop?.aborted) return null;
        const n = await file.read(p);
        if (n !== null && n > 0) {
          offset += n;
          followed.rawBytes += n;
          return n;
        }
        const open = await file.stat();
        if (open.size < offset) {
          // Cut shorter in place (copytruncate): the file starts over.
          await file.seek(0, Deno.SeekMode.Start);
          offset = 0;
          followed.restarted = true;
          return null;
        }
        let current: Deno.FileInfo | undefined;
        try {
          current = await Deno.stat(path);
        } catch (error) {
          // Renamed and not yet created again: keep reading the old file.
          if (!(error instanceof Deno.errors.NotFound)) throw error;
        }
        if (
          current !== undefined &&
          (current.ino !== open.ino || current.dev !== open.dev)
        ) {
          // Rotated: what was written to the old file before it is read
          // first, then the new file from its start.
          const last = await file.read(p);
          if (last !== null && last > 0) {
            offset += last;
            followed.rawBytes += last;
            return last;
          }
          const next = await Deno.open(path, { read: true });
          file.close();
          file = next;
          offset = 0;
          followed.restarted = true;
          return null;
        }
        await pause(pollMs, stop);
      }
    },
    close() {
      if (!closed) {
        closed = true;
        closeQuietly(file);
      }
      return Promise.resolve();
    },
  };
  return followed;
}

/**
 * Whether byte ranges can be cut from the file at `path`: a regular file
 * whose size says how long it is, and not compressed (by name or by its
 * first bytes). A pipe, FIFO or device (`/dev/stdin`, `<(...)`) has no size,
 * and files of /proc say 0 whatever they hold: those are streamed. A file
 * that cannot be found is left to the reader to report.
 */
export function readableInRanges(path: string): boolean {
  try {
    const info = Deno.statSync(path);
    return info.isFile && info.size > 0 && !isCompressedFileSync(path);
  } catch {
    return false;
  }
}
