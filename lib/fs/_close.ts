// Copyright 2026 the sluice authors. MIT license.

/**
 * Closes `file`, ignoring a failure: for a file its readable may have closed
 * already (at the end of the stream, or on cancel), or one closed while
 * cleaning up after an earlier error, which is the one to report. (Deno's
 * close only fails for a handle that is already closed.)
 */
export function closeQuietly(file: { close(): void }): void {
  try {
    file.close();
  } catch {
    // Closed already, or closing after the error that matters.
  }
}
