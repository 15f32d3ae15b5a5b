// Copyright 2026 the sluice authors. MIT license.
// Reads of a regular file, most of them synchronous.

import { eventLoopTurn } from "./_turn.ts";

/**
 * How long the reads of one file may go on without a turn of the event
 * loop, in milliseconds.
 */
const TURN_MS = 10;

/**
 * How many bytes the reads of one file may bring without a turn of the event
 * loop. Much less survives V8's scavenges when the pipeline returns to the
 * event loop now and then (see eventLoopTurn), and V8 grows the young
 * generation once the bytes that survived add up to its size, so what
 * survives decides the peak. T1 over the 1 GiB bench corpus (16 KiB reads,
 * trace of V8's collections): with a turn every 10 ms, 9 KiB survived the
 * median scavenge and the young generation grew to 8 MiB semi-spaces, 70.3
 * MiB peak RSS; with a turn every 128 KiB, 4 KiB survived each and it stayed
 * at 4 MiB, 63.6 MiB (64.5 every 256 KiB). A
 * turn alone costs about 1.5 microseconds; the 8,192 turns of T1 over 1 GiB
 * took 110-140 ms with what they let run (scavenges among it).
 */
export const TURN_BYTES = 128 * 1024;

/**
 * A read of a regular file that runs in the calling thread. Reading the 1
 * GiB bench corpus from the page cache with `readSync` took 0.12-0.23 s at
 * 16 KiB to 256 KiB a read (0.52-0.68 s at 512 KiB and 1 MiB, buffers larger
 * than the CPU's cache); with awaited `read`s, each handed to Deno's I/O
 * threads and back, 0.7 s at 1 MiB, 0.94 s at 128 KiB and 1.25 s at 64 KiB
 * (about 100 microseconds a read). A synchronous read never lets the event
 * loop turn, so timers, signals and messages from workers would wait while a
 * file is read: after `TURN_BYTES` or `TURN_MS`, whichever comes first, the
 * next read waits for a turn of the event loop (see TURN_BYTES).
 */
export function fileRead(
  file: Pick<Deno.FsFile, "readSync">,
): (p: Uint8Array) => Promise<number | null> {
  let turned = Date.now();
  let bytes = 0;
  const readNow = (p: Uint8Array): Promise<number | null> => {
    try {
      const n = file.readSync(p);
      if (n !== null) bytes += n;
      return Promise.resolve(n);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return (p) => {
    const now = Date.now();
    if (bytes < TURN_BYTES && now - turned < TURN_MS) return readNow(p);
    turned = now;
    bytes = 0;
    return eventLoopTurn().then(() => readNow(p));
  };
}
