// Copyright 2026 the sluice authors. MIT license.
// Spill files of sort, groupBy and distinct. One of the few files that touch
// Deno. Each run of a stage gets a private directory, removed on success, on
// failure, on early stop and on abort; one left by a process killed outright
// is removed by the next stage that spills beside it. Run files hold one
// text record per line, written in large explicit writes and read back in
// bounded blocks.

import { closeQuietly } from "../fs/_close.ts";
import { makeOwnedDir, sweepOrphans } from "../fs/_owned_dir.ts";
import { isNotCapable, needsGrant } from "../fs/_permission.ts";
import { trackTemp, untrackTemp, writeAllSync } from "../fs/_output.ts";

/** What the names of spill directories start with. */
const SPILL_PREFIX = "sluice-spill-";

/**
 * Below this many bytes, {@linkcode copyBytes} copies by a loop. A line of
 * 120-270 bytes took 165-285 ns by the loop and 34-36 ns by `set` (one
 * process, the bytes in the CPU's cache). With 256 here, `sort()` of the
 * 1 GiB bench corpus (64 MiB budget) spent 13% of its time copying the
 * merge's lines in the loop; with 64, 8.56 s became 7.13 (medians of 5 in
 * turns), its peak RSS 94.6 and 94.4 MiB, and the 16 MiB rows of CLI
 * `group` and `distinct()` peaked within 0.3 MiB of their figures before.
 */
const COPY_BY_SET = 64;

/** Whether a word's first byte is its lowest, as on every machine Deno runs on. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The buffers last copied from and to, and views of them four bytes a word. */
let fromBuffer: ArrayBufferLike | undefined;
let fromWords: Uint32Array = new Uint32Array(0);
let toBuffer: ArrayBufferLike | undefined;
let toWords: Uint32Array = new Uint32Array(0);

/** A view of all of `buffer`'s whole words. */
function wordsOf(buffer: ArrayBufferLike): Uint32Array {
  return new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
}

/**
 * Copies `len` bytes of `from` at `start` into `to` at `at`, with no object
 * made for it: a short run (a key) by a loop, a longer one (a line) four
 * bytes at a time, each word of the target made of the two words of the
 * source it straddles. The views of whole buffers this reads through are
 * made once per buffer; `set`, as fast, needs a view of the bytes to copy,
 * made per call: young garbage of about 100 bytes a line, half of what
 * `sort()` of whole lines into writeLines allocated (the rest of it mostly
 * the chunks' arrays), and the more often V8 scavenges, the sooner what
 * survives makes it grow its young generation.
 */
export function copyBytes(
  from: Uint8Array,
  start: number,
  len: number,
  to: Uint8Array,
  at: number,
): void {
  if (len < COPY_BY_SET) {
    for (let i = 0; i < len; i++) to[at + i] = from[start + i]!;
    return;
  }
  if (!LITTLE_ENDIAN) {
    to.set(from.subarray(start, start + len), at);
    return;
  }
  const fb = from.buffer;
  if (fb !== fromBuffer) {
    fromBuffer = fb;
    fromWords = wordsOf(fb);
  }
  const tb = to.buffer;
  if (tb !== toBuffer) {
    toBuffer = tb;
    toWords = wordsOf(tb);
  }
  const fw = fromWords;
  const tw = toWords;
  // Bytes one by one until the target is at a word.
  const head = (4 - ((to.byteOffset + at) & 3)) & 3;
  for (let i = 0; i < head; i++) to[at + i] = from[start + i]!;
  const s = from.byteOffset + start + head;
  const d = (to.byteOffset + at + head) >>> 2;
  const shift = (s & 3) * 8;
  const w = s >>> 2;
  // Whole words, each read within the source's buffer: off a word, the
  // last one also reads the word after its last byte.
  let n = (len - head) >>> 2;
  if (shift !== 0 && w + n >= fw.length) n--;
  if (shift === 0) {
    for (let k = 0; k < n; k++) tw[d + k] = fw[w + k]!;
  } else {
    const back = 32 - shift;
    let word = fw[w]!;
    for (let k = 0; k < n; k++) {
      const next = fw[w + k + 1]!;
      tw[d + k] = (word >>> shift) | (next << back);
      word = next;
    }
  }
  for (let i = head + 4 * Math.max(n, 0); i < len; i++) {
    to[at + i] = from[start + i]!;
  }
}

/**
 * A stage's spill directory, made on first use as
 * `sluice-spill-<pid>-<start>-<machine>-<random>` (see `fs/_owned_dir.ts`).
 * Making it first removes the spill directories beside it whose process is
 * gone. It installs no signal handler: the run's abort removes it.
 */
export class SpillDir {
  #parent: string | undefined;
  #dir: string | undefined = undefined;
  #n = 0;

  /**
   * @param parent Where to make the directory (default: the system's temp
   * directory).
   */
  constructor(parent: string | undefined) {
    this.#parent = parent;
  }

  /** The directory, if it was made. */
  get path(): string | undefined {
    return this.#dir;
  }

  /** A new file name in the directory (the directory is made if needed). */
  async file(): Promise<string> {
    if (this.#dir === undefined) {
      try {
        this.#dir = await makeOwnedDir(this.#parent, SPILL_PREFIX);
      } catch (error) {
        const where = this.#parent === undefined
          ? `the temp directory ("${tempDirectory()}")`
          : `"${this.#parent}"`;
        if (isNotCapable(error)) {
          throw needsGrant(
            error,
            `Cannot make a spill directory in ${where}: it needs write access there`,
            {
              flag: "--allow-write",
              path: this.#parent ?? tempDirectory(),
              otherwise: this.#parent === undefined
                ? "choose another directory (tempDir, or -T DIR on the command line; $TMPDIR is read only with --allow-env=TMPDIR)"
                : "choose another directory (tempDir, or -T DIR on the command line)",
            },
          );
        }
        throw new (error instanceof Error
          ? error.constructor as ErrorConstructor
          : Error)(
          `Cannot make a spill directory in ${where}: ${
            error instanceof Error ? error.message : String(error)
          }`,
          { cause: error },
        );
      }
      trackTemp(this.#dir);
      await sweepOrphans(this.#dir, SPILL_PREFIX);
    }
    return `${this.#dir}/run-${this.#n++}`;
  }

  /** Removes a file of the directory that is no longer needed. */
  async discard(path: string): Promise<void> {
    await Deno.remove(path);
  }

  /** Removes the directory and everything in it; never throws. */
  async remove(): Promise<void> {
    const dir = this.#dir;
    if (dir === undefined) return;
    this.#dir = undefined;
    try {
      await Deno.remove(dir, { recursive: true });
    } catch {
      // Gone already; the run's own outcome is what to report.
    }
    untrackTemp(dir);
  }
}

/**
 * Room for the UTF-8 of one text beside a writer's own buffer (see
 * {@linkcode RunWriter.putText}): texts of up to a third of it in code units.
 */
const TEXT_ROOM = 1 << 12;
const encoder = new TextEncoder();

/** Writes bytes to a new file in large writes. */
export class RunWriter {
  #file: Deno.FsFile;
  #buf: Uint8Array;
  #view: DataView;
  #at = 0;
  #closed = false;
  /** Whether the buffer is this writer's own (made, not given). */
  #owned: boolean;
  /**
   * A writer's own buffer and, after it, TEXT_ROOM bytes to encode into (in
   * one ArrayBuffer, so that the text is moved with copyWithin); else
   * undefined.
   */
  #whole: Uint8Array | undefined;
  #room: Uint8Array | undefined;
  /** Bytes written so far (flushed). */
  bytes = 0;

  /**
   * @param file The file.
   * @param buffer The write buffer, or its size: a buffer given is reused,
   * so that writing many runs frees no buffers.
   */
  #path: string | undefined;

  constructor(
    file: Deno.FsFile,
    buffer: number | Uint8Array,
    path?: string,
  ) {
    this.#file = file;
    this.#path = path;
    this.#owned = typeof buffer === "number";
    this.#buf = this.#owned
      ? this.#ownBuffer(buffer as number)
      : buffer as Uint8Array;
    this.#view = new DataView(this.#buf.buffer);
  }

  /** A buffer of the writer's own of `size` bytes, with its text room. */
  #ownBuffer(size: number): Uint8Array {
    const whole = new Uint8Array(size + TEXT_ROOM);
    this.#whole = whole;
    this.#room = whole.subarray(size);
    return whole.subarray(0, size);
  }

  /** Creates the file `path` (which must not exist). */
  static async create(
    path: string,
    buffer: number | Uint8Array = 1 << 20,
  ): Promise<RunWriter> {
    return new RunWriter(
      await Deno.open(path, { write: true, createNew: true }),
      buffer,
      path,
    );
  }

  /**
   * Makes room for `n` more bytes (flushing, or growing the buffer for a
   * record larger than it) and returns where to write them.
   */
  async reserve(n: number): Promise<number> {
    if (this.#at + n > this.#buf.length) {
      await this.flush();
      if (n > this.#buf.length) {
        if (this.#owned) (this.#whole!.buffer as ArrayBuffer).transfer(0);
        this.#buf = this.#ownBuffer(n);
        this.#view = new DataView(this.#buf.buffer);
        this.#owned = true;
      }
    }
    const at = this.#at;
    this.#at += n;
    return at;
  }

  /**
   * Writes `text` as UTF-8 at `at` of {@linkcode RunWriter.buffer}, where
   * there must be room for 3 bytes per code unit; returns the bytes
   * written. A short text is encoded into room beside a buffer of the
   * writer's own and moved in place: no view is made per text (a view a
   * line was 166 of the 1,208 MB `distinct()` by req allocated over the 256
   * MiB bench corpus).
   */
  putText(text: string, at: number): number {
    const room = this.#room;
    if (room !== undefined && 3 * text.length <= TEXT_ROOM) {
      const { written } = encoder.encodeInto(text, room);
      const from = this.#buf.length;
      this.#whole!.copyWithin(at, from, from + written);
      return written;
    }
    return encoder.encodeInto(
      text,
      this.#buf.subarray(at, at + 3 * text.length),
    ).written;
  }

  /** Whether `n` more bytes fit without a flush. */
  fits(n: number): boolean {
    return this.#at + n <= this.#buf.length;
  }

  /** Takes `n` bytes that {@linkcode RunWriter.fits}; returns where. */
  take(n: number): number {
    const at = this.#at;
    this.#at += n;
    return at;
  }

  /** Gives back the last `n` bytes taken or reserved, unwritten. */
  unreserve(n: number): void {
    this.#at -= n;
  }

  /** The buffer to write reserved bytes into (valid until the next call). */
  get buffer(): Uint8Array {
    return this.#buf;
  }

  /** A DataView of {@linkcode RunWriter.buffer}. */
  get view(): DataView {
    return this.#view;
  }

  /** Writes the buffered bytes, then `bytes`. */
  async write(bytes: Uint8Array): Promise<void> {
    await this.flush();
    this.#writeAll(bytes);
    this.bytes += bytes.length;
  }

  /** Writes the buffered bytes. */
  // Async though it writes in this thread: a failed write rejects.
  // deno-lint-ignore require-await
  async flush(): Promise<void> {
    if (this.#at === 0) return;
    this.#writeAll(this.#buf.subarray(0, this.#at));
    this.bytes += this.#at;
    this.#at = 0;
  }

  /**
   * Writes all of `bytes`; a full disk is said in words that help.
   *
   * In this thread (`writeSync`), as {@linkcode RunReader} reads: a spill
   * file is written to the page cache, a copy that an async write only
   * moved to another thread. Over the 1 GiB bench corpus with a 16 MiB
   * budget, V8's defaults, six runs each in turns: `distinct()` by request
   * id 17.54-19.03 s against 18.40-20.80 s with async writes, `groupBy()`
   * 12.88-14.39 s against 13.19-17.27 s; peak RSS the same.
   */
  #writeAll(bytes: Uint8Array): void {
    try {
      writeAllSync(this.#file, bytes);
    } catch (error) {
      if (error instanceof Error && /os error 28\b/.test(error.message)) {
        const dir = this.#path?.slice(0, this.#path.lastIndexOf("/"));
        throw new (error.constructor as ErrorConstructor)(
          `Cannot spill to "${dir}": no space left on the device; give spill files a place with more room with tempDir (-T DIR on the command line), or a larger budget`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  /**
   * Flushes and closes; returns the bytes written. A buffer of the writer's
   * own is freed now (detached), not at V8's next full collection: the
   * closed log of `distinct()` kept its 256 KiB resident through the whole
   * read-back.
   */
  async close(): Promise<number> {
    await this.flush();
    this.#closed = true;
    this.#file.close();
    if (this.#owned) {
      (this.#buf.buffer as ArrayBuffer).transfer(0);
      this.#buf = new Uint8Array(0);
      this.#view = new DataView(this.#buf.buffer);
      this.#whole = this.#room = undefined;
    }
    return this.bytes;
  }

  /** Closes after a failure; never throws. */
  abort(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeQuietly(this.#file);
  }
}

/**
 * Reads a file through a bounded buffer: `buffer[start, end)` holds unread
 * bytes; {@linkcode RunReader.more} keeps the unread tail, reads on, and
 * grows the buffer only when a record is larger than it.
 *
 * The reads run in this thread (`readSync`), never turning the event loop:
 * a merge's turn at each read of a run came in the middle of the chunk it
 * was making, which then survived V8's scavenges and grew its young
 * generation. `sort()` by latency with a 16 MiB budget over the 1 GiB bench
 * corpus, V8's defaults, 3 rounds in turns: 12.5 s and 87.8 MiB peak RSS
 * before (with 64 runs merged at once), 10.2 s and 86.8 MiB with these
 * reads and 256 (with 256 and awaited reads, 93.6 MiB: 26.5 MiB of young
 * generation at the end of the merge of 154 runs, 14.5 with these). A
 * merge turns the event loop itself between the chunks it hands on, and an
 * early merge after each write of its output (see Merger.copyTo).
 */
export class RunReader {
  buffer: Uint8Array;
  view: DataView;
  start = 0;
  end = 0;
  #path: string;
  #file: Deno.FsFile | undefined = undefined;
  #eof = false;
  #closed = false;

  /**
   * @param path The file.
   * @param block The read buffer, or its size.
   */
  constructor(path: string, block: number | Uint8Array) {
    this.#path = path;
    this.buffer = typeof block === "number" ? new Uint8Array(block) : block;
    this.view = new DataView(
      this.buffer.buffer,
      this.buffer.byteOffset,
      this.buffer.byteLength,
    );
  }

  /**
   * Reads more, keeping the unread bytes, so that at least `need` unread
   * bytes are there; false when the file ends first.
   */
  async more(need: number): Promise<boolean> {
    this.#file ??= await Deno.open(this.#path, { read: true });
    const left = this.end - this.start;
    if (need > this.buffer.length) {
      const grown = new Uint8Array(need);
      grown.set(this.buffer.subarray(this.start, this.end));
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    } else if (this.start > 0) {
      this.buffer.copyWithin(0, this.start, this.end);
    }
    this.start = 0;
    this.end = left;
    while (this.end < need) {
      if (this.#eof) return false;
      const n = this.#file.readSync(this.buffer.subarray(this.end));
      if (n === null) {
        this.#eof = true;
        this.close();
      } else {
        this.end += n;
      }
    }
    return true;
  }

  /** Closes the file; never throws. */
  close(): void {
    const file = this.#file;
    this.#eof = true;
    if (file === undefined || this.#closed) return;
    this.#closed = true;
    closeQuietly(file);
  }
}

/**
 * The directory temporary files go to by default: $TMPDIR where it may be
 * read without asking, else /tmp.
 */
function tempDirectory(): string {
  try {
    const env = Deno.permissions.querySync({ name: "env", variable: "TMPDIR" });
    if (env.state === "granted") return Deno.env.get("TMPDIR") || "/tmp";
  } catch {
    // No way to ask: the default.
  }
  return "/tmp";
}
