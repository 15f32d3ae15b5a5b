// Copyright 2026 the sluice authors. MIT license.
// Opening the inputs readLines accepts. One of the few files that touch Deno.

import { closeQuietly } from "./_close.ts";
import { pathOf } from "./_path.ts";

/** An input readLines can open. */
export type LineInput =
  | string
  | URL
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | { readonly readable: ReadableStream<Uint8Array> }
  | { read(p: Uint8Array): Promise<number | null> };

/** An opened input: either a reader into our buffer, or a chunk stream. */
export interface OpenedInput {
  read: ((p: Uint8Array) => Promise<number | null>) | undefined;
  chunks: AsyncIterator<Uint8Array> | undefined;
  /**
   * Whether the next read may start before the current one is used: only for
   * files sluice opened, where a read always completes soon. A read ahead on
   * standard input or a caller's handle could wait for input that never comes
   * after the consumer has stopped.
   */
  readAhead: boolean;
  /** Bytes read from the input as stored (compressed, for gzip). */
  readonly rawBytes: number;
  close(): Promise<void>;
}

/** Counts what a reader reads. */
function counted(
  read: (p: Uint8Array) => Promise<number | null>,
  count: { rawBytes: number },
): (p: Uint8Array) => Promise<number | null> {
  return async (p) => {
    const n = await read(p);
    if (n !== null) count.rawBytes += n;
    return n;
  };
}

const GZIP_READ_BYTES = 256 * 1024;

/** A stream over a caller's reader that never closes the reader. */
function readerStream(
  reader: { read(p: Uint8Array): Promise<number | null> },
): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const buf = new Uint8Array(GZIP_READ_BYTES);
      const n = await reader.read(buf);
      if (n === null) controller.close();
      else controller.enqueue(buf.subarray(0, n));
    },
  });
}

/** The path an input names, for messages: `"-"` for standard input. */
export function inputPath(input: LineInput): string | undefined {
  if (typeof input === "string" || input instanceof URL) return pathOf(input);
  return undefined;
}

/**
 * Whether `input` is read as gzip: as the `gzip` option says, or else when
 * its path ends in `.gz`. The one place that decides, for opening, resuming,
 * following and reading in ranges alike.
 */
export function isGzip(input: LineInput, gzip: boolean | undefined): boolean {
  if (gzip !== undefined) return gzip;
  return inputPath(input)?.endsWith(".gz") ?? false;
}

function streamInput(
  stream: ReadableStream<Uint8Array>,
  gzip: boolean,
  onClose?: () => void,
  label = "the input",
): OpenedInput {
  const opened = {
    rawBytes: 0,
  };
  const source = gzip
    ? stream
      .pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            opened.rawBytes += chunk.length;
            controller.enqueue(chunk);
          },
        }),
      )
      .pipeThrough(
        new DecompressionStream("gzip") as unknown as TransformStream<
          Uint8Array,
          Uint8Array
        >,
      )
    : stream;
  const reader = source.getReader();
  let done = false;
  return Object.assign(opened, {
    read: undefined,
    readAhead: false,
    chunks: {
      async next(): Promise<IteratorResult<Uint8Array>> {
        let r: ReadableStreamReadResult<Uint8Array>;
        try {
          r = await reader.read();
        } catch (error) {
          if (!gzip) throw error;
          throw new TypeError(
            `Cannot decompress ${label}: the gzip data is corrupt or truncated, or it is several gzip members one after another, which is not supported`,
            { cause: error },
          );
        }
        if (r.done) {
          done = true;
          return { done: true, value: undefined };
        }
        if (!gzip) opened.rawBytes += r.value.length;
        return { done: false, value: r.value };
      },
    },
    async close() {
      try {
        if (!done) await reader.cancel();
        reader.releaseLock();
      } finally {
        onClose?.();
      }
    },
  });
}

async function openPath(
  given: string | URL,
  gzip: boolean,
  offset: number,
): Promise<OpenedInput> {
  const path = pathOf(given);
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Cannot read "${path}": no such file`, {
        cause: error,
      });
    }
    throw error;
  }
  if (info.isDirectory) {
    throw new Deno.errors.IsADirectory(
      `Cannot read "${path}": it is a directory`,
    );
  }
  const file = await Deno.open(path, { read: true });
  if (gzip) {
    return streamInput(
      file.readable,
      true,
      () => closeQuietly(file),
      `"${path}"`,
    );
  }
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
  const read = async (p: Uint8Array): Promise<number | null> => {
    const n = await file.read(p);
    if (n === null && info.isFile && info.size > 0) {
      // A file cut shorter while we read it ends early: never a silently
      // short result. (One that grew is read up to the end seen here. A file
      // of /proc says 0 bytes whatever it holds: its size tells nothing.)
      const size = (await file.stat()).size;
      if (size < opened.rawBytes) {
        throw new Deno.errors.UnexpectedEof(
          `"${path}" was truncated while it was read: it has ${size} bytes now, after ${opened.rawBytes} were read`,
        );
      }
    }
    return n;
  };
  return Object.assign(opened, {
    read: counted(read, opened),
    // Only a regular file's reads always complete; a FIFO's may wait forever.
    readAhead: info.isFile,
    chunks: undefined,
    close() {
      closeQuietly(file);
      return Promise.resolve();
    },
  });
}

/**
 * Opens `input`. Paths are opened (and closed at the end); handles, streams
 * and iterables given by the caller are read but handles are not closed.
 */
export async function openInput(
  input: LineInput,
  gzip: boolean,
  offset = 0,
): Promise<OpenedInput> {
  if (input === "-") {
    if (gzip) {
      return streamInput(
        readerStream(Deno.stdin),
        true,
        undefined,
        "standard input",
      );
    }
    const opened = { rawBytes: 0 };
    return Object.assign(opened, {
      read: counted((p) => Deno.stdin.read(p), opened),
      readAhead: false,
      chunks: undefined,
      close: () => Promise.resolve(),
    });
  }
  if (typeof input === "string" || input instanceof URL) {
    return await openPath(input, gzip, offset);
  }
  if (input instanceof ReadableStream) return streamInput(input, gzip);
  if (typeof (input as { read?: unknown }).read === "function") {
    const reader = input as { read(p: Uint8Array): Promise<number | null> };
    if (gzip) return streamInput(readerStream(reader), true);
    const opened = { rawBytes: 0 };
    return Object.assign(opened, {
      read: counted((p) => reader.read(p), opened),
      readAhead: false,
      chunks: undefined,
      close: () => Promise.resolve(),
    });
  }
  const readable = (input as { readable?: unknown }).readable;
  if (readable instanceof ReadableStream) return streamInput(readable, gzip);
  if (Symbol.asyncIterator in (input as object)) {
    const iterable = input as AsyncIterable<Uint8Array>;
    return streamInput(ReadableStream.from(iterable), gzip);
  }
  throw new TypeError(
    `Cannot read lines from ${
      Object.prototype.toString.call(input)
    }: expected a path, a file, a ReadableStream or an async iterable of bytes`,
  );
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
  const info = await Deno.stat(path).catch((error) => {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Cannot read "${path}": no such file`, {
        cause: error,
      });
    }
    throw error;
  });
  if (!info.isFile) {
    throw new TypeError(
      `Cannot follow "${path}": only a regular file can be followed`,
    );
  }
  let file = await Deno.open(path, { read: true });
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
 * whose size says how long it is. A pipe, FIFO or device (`/dev/stdin`,
 * `<(…)`) has no size, and files of /proc say 0 whatever they hold: those
 * are streamed. A file that cannot be found is left to the reader to report.
 */
export function hasKnownSize(path: string): boolean {
  try {
    const info = Deno.statSync(path);
    return info.isFile && info.size > 0;
  } catch {
    return false;
  }
}
