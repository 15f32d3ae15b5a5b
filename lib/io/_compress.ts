// Copyright 2026 the sluice authors. MIT license.
// Compressing an output on its way to the file: gzip through the platform's
// CompressionStream, zstd through node:zlib (loaded only then). Whatever the
// compressor hands on is written through the output's own checked writes,
// so an atomic file stays atomic: committed only once the compressor has
// handed on its last bytes.

import type { OpenedOutput } from "../fs/_output.ts";
import { unlessAborted } from "../core/_context.ts";

/** The formats an output can be compressed in. */
export type OutputFormat = "gzip" | "zstd";

/** The compression a target's name asks for, any case. */
export function outputFormatByName(path: string): OutputFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".gz")) return "gzip";
  if (lower.endsWith(".zst")) return "zstd";
  return undefined;
}

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

/**
 * `out`, with what is written to it compressed in `format`. Holds what the
 * compressor holds (its window: 32 KiB for gzip, a few MiB for zstd at its
 * default level) and one piece of output being written.
 */
export async function compressedOutput(
  out: OpenedOutput,
  format: OutputFormat,
): Promise<OpenedOutput> {
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
