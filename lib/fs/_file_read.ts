// Copyright 2026 the sluice authors. MIT license.
// Reads of a regular file, most of them synchronous.

/**
 * How long the reads of one file may go on without a turn of the event
 * loop, in milliseconds.
 */
const TURN_MS = 10;

/**
 * A read of a regular file that runs in the calling thread. Reading the 1
 * GiB bench corpus from the page cache with `readSync` took 0.15-0.23 s
 * whether 16 KiB or 256 KiB at a time (0.52-0.57 s at 512 KiB and 1 MiB,
 * buffers larger than the CPU's cache); with awaited `read`s, each handed to
 * Deno's I/O threads and back, 0.7 s at 1 MiB, 0.94 s at 128 KiB and 1.25 s
 * at 64 KiB (about 100 microseconds a read). A synchronous read never lets
 * the event loop turn, so timers, signals and messages from workers would
 * wait while a file is read: once `TURN_MS` have passed since the last
 * turn, the next read is asynchronous.
 */
export function fileRead(
  file: Pick<Deno.FsFile, "read" | "readSync">,
): (p: Uint8Array) => Promise<number | null> {
  let turned = Date.now();
  return (p) => {
    const now = Date.now();
    if (now - turned >= TURN_MS) {
      turned = now;
      return file.read(p);
    }
    try {
      return Promise.resolve(file.readSync(p));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
