// Copyright 2026 the sluice authors. MIT license.
// A node:zlib compressor or decompressor driven a call at a time through its
// handle's synchronous write, into one output buffer, for lib/io's
// compressed input and output.
//
// Node:zlib's streams, and the platform's (De)CompressionStream, hand on
// each piece of output in a new buffer, which stays allocated until V8 next
// collects: a run that splits lines into its own buffer, or counts them on
// their bytes, seldom makes it collect (`sluice grep -c ERROR` over the 1
// GiB corpus compressed with gzip peaked at 112.3 MiB, 66.0 from one
// buffer; medians of 3 in turns).

/** A node:zlib transform, as far as its handle is used here. */
interface HandleStream {
  _handle?: {
    writeSync?: unknown;
    onerror?: (message: string, errno: number) => void;
  };
  _writeState?: Uint32Array;
  close(): void;
}

/** A transform written to a call at a time. */
export interface SyncHandle {
  /**
   * What `input` gives with `flush`, as views of one output buffer, each
   * used up before the next is asked for. Throws what the handle reports
   * (its message).
   */
  run(input: Uint8Array, flush: number): Generator<Uint8Array>;
  close(): void;
}

/**
 * `stream`'s handle, written to synchronously with `outBytes` of room at a
 * time, or undefined (and `stream` closed) where this Deno has no such
 * handle: then the stream itself is the way.
 */
export function syncHandle(
  stream: unknown,
  outBytes: number,
): SyncHandle | undefined {
  const transform = stream as HandleStream;
  const handle = transform._handle;
  const state = transform._writeState;
  const write = handle?.writeSync;
  if (
    handle === undefined || typeof write !== "function" ||
    !(state instanceof Uint32Array)
  ) {
    transform.close();
    return undefined;
  }
  const writeSync = write as (...args: unknown[]) => void;
  const writeState: Uint32Array = state;
  // Gzip's handle says what is wrong through onerror; zstd's throws.
  let failed: string | undefined;
  handle.onerror = (message) => {
    failed = message;
  };
  const out = new Uint8Array(outBytes);
  return {
    *run(input, flush) {
      let at = 0;
      while (true) {
        writeSync.call(
          handle,
          flush,
          input,
          at,
          input.length - at,
          out,
          0,
          out.length,
        );
        if (failed !== undefined) throw new Error(failed);
        const [room, left] = [writeState[0]!, writeState[1]!];
        at = input.length - left;
        if (room < out.length) yield out.subarray(0, out.length - room);
        // Room left over: all taken in, and all it can give for now handed on.
        if (room > 0 && left === 0) return;
      }
    },
    close: () => transform.close(),
  };
}
