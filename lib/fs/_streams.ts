// Copyright 2026 the sluice authors. MIT license.
// Telling a stream from another input or output without loading the
// runtime's streams: in Deno 2.9 the first use of the global ReadableStream
// or WritableStream loads their script, 3.75 ms and 1.5 MiB of peak RSS in a
// script that does nothing else (7 rounds in turns). A file handle, which
// `sluice tail` reads from its end, is no stream, and needs none of it: only
// what has a stream's method is asked `instanceof`.

/** Whether `x` is a ReadableStream (one with `getReader`, asked further). */
export function isReadableStream(
  x: unknown,
): x is ReadableStream<Uint8Array> {
  return typeof (x as { getReader?: unknown } | null)?.getReader ===
      "function" && x instanceof ReadableStream;
}

/** Whether `x` is a WritableStream (one with `getWriter`, asked further). */
export function isWritableStream(
  x: unknown,
): x is WritableStream<Uint8Array> {
  return typeof (x as { getWriter?: unknown } | null)?.getWriter ===
      "function" && x instanceof WritableStream;
}
