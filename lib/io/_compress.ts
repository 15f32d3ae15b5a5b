// Copyright 2026 the sluice authors. MIT license.
// Compressing an output on its way to the file: gzip through the platform's
// CompressionStream, zstd through node:zlib (loaded only then). Whatever the
// compressor hands on is written through the output's own checked writes,
// so an atomic file stays atomic: committed only once the compressor has
// handed on its last bytes.

import type { OpenedOutput } from "../fs/_output.ts";
import { unlessAborted } from "../core/_context.ts";
import { syncHandle } from "./_zlib_handle.ts";
import type { OutputFormat } from "../fs/_compression.ts";

/** A compressor's two ends. */
interface Compressor {
  /** Resolves once the compressor has taken `bytes` in. */
  write(bytes: Uint8Array): Promise<void>;
  end(): Promise<void>;
  output: AsyncIterable<Uint8Array>;
  destroy(reason: unknown): void;
}

async function compressor(format: OutputFormat): Promise<Compressor> {
  if (format === "gzip") {
    const stream = new CompressionStream("gzip") as unknown as TransformStream<
      Uint8Array,
      Uint8Array
    >;
    const writer = stream.writable.getWriter();
    return {
      write: (bytes) => writer.write(bytes),
      end: () => writer.close(),
      output: stream.readable,
      destroy(reason) {
        writer.abort(reason).catch(() => {});
      },
    };
  }
  const z = await import("node:zlib");
  const stream = z.createZstdCompress({ chunkSize: 64 * 1024 });
  return {
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        stream.write(bytes, (error) => error ? reject(error) : resolve());
      }),
    end: () =>
      new Promise<void>((resolve) => {
        stream.end(() => resolve());
      }),
    output: stream as unknown as AsyncIterable<Uint8Array>,
    destroy(reason) {
      stream.destroy(reason instanceof Error ? reason : undefined);
    },
  };
}

/** How many compressed bytes are handed to the file at a time. */
const OUT_BYTES = 64 * 1024;

/** A compressor written to a call at a time, into one output buffer. */
interface SyncCompressor {
  /** What `bytes` compress to so far, 64 KiB at a time. */
  write(bytes: Uint8Array): Generator<Uint8Array>;
  /** The last compressed bytes. */
  finish(): Generator<Uint8Array>;
  close(): void;
}

/**
 * Node:zlib's gzip or zstd compressor driven through its handle (see
 * _zlib_handle.ts), or undefined where the handle is not there (another
 * Deno). The platform's CompressionStream and node:zlib's streams hand on
 * each piece in a new buffer: `pipeline(readLines, writeLines("out.gz"))`
 * over the 256 MiB corpus peaked at 75.2 MiB, 67.0 from one buffer
 * (medians of 3 in turns), 61.1 to an uncompressed file.
 */
async function syncCompressor(
  format: OutputFormat,
): Promise<SyncCompressor | undefined> {
  const z = await import("node:zlib");
  const handle = syncHandle(
    format === "gzip" ? z.createGzip() : z.createZstdCompress(),
    OUT_BYTES,
  );
  if (handle === undefined) return undefined;
  const [going, ending] = format === "gzip"
    ? [z.constants.Z_NO_FLUSH, z.constants.Z_FINISH]
    : [z.constants.ZSTD_e_continue, z.constants.ZSTD_e_end];
  const failing = function* (pieces: Generator<Uint8Array>) {
    try {
      yield* pieces;
    } catch (error) {
      throw new Error(
        `Cannot compress the output (${format}): ${
          error instanceof Error ? error.message : String(error)
        }`,
        { cause: error },
      );
    }
  };
  return {
    write: (bytes) => failing(handle.run(bytes, going)),
    finish: () => failing(handle.run(new Uint8Array(0), ending)),
    close: () => handle.close(),
  };
}

/**
 * `out`, with what is written to it compressed in `format`. Holds what the
 * compressor holds (its window: 32 KiB for gzip, a few MiB for zstd at its
 * default level) and one piece of output being written.
 */
export async function compressedOutput(
  out: OpenedOutput,
  format: OutputFormat,
): Promise<OpenedOutput> {
  const sync = await syncCompressor(format);
  if (sync !== undefined) {
    // A failed write to the file, or of the compressor, is the error every
    // later call reports. What the compressor hands on is written before it
    // is given more: one buffer, used again.
    let failed: { error: unknown } | undefined;
    const pour = async (pieces: Generator<Uint8Array>) => {
      if (failed !== undefined) throw failed.error;
      try {
        for (const piece of pieces) await out.write(piece);
      } catch (error) {
        failed = { error };
        throw error;
      }
    };
    let closed = false;
    const close = () => {
      if (!closed) sync.close();
      closed = true;
    };
    return {
      write: (bytes) => pour(sync.write(bytes)),
      async commit() {
        await pour(sync.finish());
        close();
        await out.commit();
      },
      async abort(reason) {
        close();
        await out.abort(reason);
      },
    };
  }
  const c = await compressor(format);
  // Written to the file as the compressor hands it on; a failed write
  // stops the compressor and is the error every later call reports.
  let failed: { error: unknown } | undefined;
  // Aborted with the error when a write to the file fails: the write (or
  // end) under way stops waiting then (see unlessAborted: not a race
  // against one promise, which would keep a reaction per write).
  const failure = new AbortController();
  const drained = (async () => {
    for await (const piece of c.output) await out.write(piece);
  })();
  drained.catch((error) => {
    failed ??= { error };
    c.destroy(error);
    failure.abort(error);
  });
  // The compressor fails too when its output stops being read (with no
  // reason of its own): the write that failed is the error to report.
  const reported = async (error: unknown): Promise<never> => {
    await drained.catch(() => {});
    throw failed !== undefined ? failed.error : error;
  };
  return {
    async write(bytes) {
      if (failed !== undefined) throw failed.error;
      // A copy: the caller reuses its buffer as soon as this resolves, and
      // the compressor may still hold the bytes then.
      await unlessAborted(c.write(bytes.slice()), failure.signal).catch(
        reported,
      );
    },
    async commit() {
      if (failed !== undefined) throw failed.error;
      await unlessAborted(c.end(), failure.signal).catch(reported);
      await drained;
      await out.commit();
    },
    async abort(reason) {
      c.destroy(reason);
      await drained.catch(() => {});
      await out.abort(reason);
    },
  };
}
