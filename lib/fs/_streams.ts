// Copyright 2026 the sluice authors. MIT license.
// Telling a stream from another input or output without loading the
// runtime's streams: in Deno 2.9 the first use of the global ReadableStream
// or WritableStream loads their script, 3.75 ms and 1.5 MiB of peak RSS in a
// script that does nothing else (7 rounds in turns). A file handle, which
// `sluice tail` reads from its end, is no stream, and needs none of it.

/** Whether `x` is a ReadableStream (its tag first: no streams loaded). */
export function isReadableStream(
  x: unknown,
): x is ReadableStream<Uint8Array> {
  return tagOf(x) === "[object ReadableStream]" && x instanceof ReadableStream;
}

/** Whether `x` is a WritableStream (its tag first: no streams loaded). */
export function isWritableStream(
  x: unknown,
): x is WritableStream<Uint8Array> {
  return tagOf(x) === "[object WritableStream]" && x instanceof WritableStream;
}

function tagOf(x: unknown): string | undefined {
  return typeof x === "object" && x !== null
    ? Object.prototype.toString.call(x)
    : undefined;
}
