// Copyright 2026 the sluice authors. MIT license.
/**
 * `readLines`, the source of lines from files, standard input, streams and
 * URLs. Exported by the package's root and by its own subpath,
 * `jsr:@sluice/sluice/read-lines`: a script that imports only the pieces it
 * runs loads less code, and so holds less memory (see the README's "Import
 * only what you use").
 *
 * @module
 */

import {
  type FollowedInput,
  inputPath,
  type LineInput,
  type OpenedInput,
  openFollowed,
  openInput,
  peekHead,
} from "../fs/_input.ts";
import {
  chooseFormat,
  type CompressionChoice,
  formatByName,
} from "../fs/_compression.ts";
import { isGlob, isHttpUrl } from "../fs/_path.ts";
import { LineSplitter, type LongLinePolicy } from "./_line_splitter.ts";
import { ReadAhead } from "./_read_ahead.ts";
import {
  type Chunk,
  consecutive,
  lineOf,
  namePrefix,
  numbered,
} from "../core/_chunk.ts";
import { Deferred, InTurn, ItemView } from "../core/_adapters.ts";
import {
  openUnlessAborted,
  RunContext,
  unlessAborted,
} from "../core/_context.ts";
import { type FusedFilter, register } from "../core/_registry.ts";
import { formatBytes } from "../summary/summary.ts";
import { type InputCount, StageStats } from "../summary/_record.ts";
import type { StageOptions } from "../core/types.ts";
import {
  DEAD_LETTER_RESUME,
  Failures,
  type Policy,
  policyOf,
} from "../policy/_policy.ts";
import { isFileRange } from "../fs/_file_range.ts";
import { eventLoopTurn } from "../fs/_turn.ts";
import { TURN_BYTES } from "../fs/_file_read.ts";
import type { ErrorPolicyOptions } from "../policy/error_policy.ts";

export type { LineInput } from "../fs/_input.ts";
export type { LongLinePolicy } from "./_line_splitter.ts";

/**
 * Options for {@linkcode readLines}. Its `onError` policy applies to the
 * lines that are errors: longer than `maxLineBytes` with `onLongLine:
 * "error"`, or invalid UTF-8 with `fatal: true`. With `"skip"` or a dead
 * letter such a line is dropped (the dead letter gets its text, invalid
 * bytes as U+FFFD, or of a long line its first `maxLineBytes` bytes but at
 * most 4096, never cutting a character, with its line number and byte
 * offset) and reading goes on.
 */
export interface ReadLinesOptions extends StageOptions, ErrorPolicyOptions {
  /**
   * The longest line, in bytes without its line ending, that is passed on
   * whole. Must be an integer of at least 4.
   *
   * @default {1048576}
   */
  maxLineBytes?: number;
  /**
   * What to do with a longer line: `"error"` throws a
   * {@linkcode LineTooLongError}; `"split"` emits it as pieces of at most
   * `maxLineBytes` bytes, never cutting a UTF-8 character (all pieces carry
   * the same line number); `"skip"` drops it. Split and skipped lines are
   * counted in the summary.
   *
   * @default {"error"}
   */
  onLongLine?: LongLinePolicy;
  /**
   * Throw an {@linkcode InvalidUtf8Error} (with line and byte offset) on
   * invalid UTF-8 instead of replacing it with U+FFFD. With a literal
   * {@linkcode grep} fused into the reader, only the lines that contain the
   * literal are decoded, so only they can throw.
   *
   * @default {false}
   */
  fatal?: boolean;
  /**
   * Keep every byte, so that {@linkcode writeLines} with `lossless: true`
   * writes each line back as it was read: a byte that is not part of valid
   * UTF-8 becomes a lone surrogate (byte `0x80 + k` is U+DC80 + k, as
   * Python's "surrogateescape"; see {@linkcode decodeLossless}), the CR of
   * a CRLF stays at the end of its line, and a BOM stays at the start as
   * U+FEFF. Valid UTF-8 is decoded as without it, as fast. Keys and
   * patterns see the text: a CRLF line ends in `"\r"` (as to GNU tools).
   * Not with `fatal` (no byte is invalid then).
   *
   * @default {false}
   */
  lossless?: boolean;
  /**
   * With `lossless`: end the last line of an input that has no LF with
   * {@linkcode UNTERMINATED} (U+DC0A), so that {@linkcode writeLines} with
   * `lossless: true` leaves its LF out too when it is the last line written,
   * as `head` and `tail` do. Keys see the mark: leave it off where lines are
   * compared or sorted (GNU's sort and grep add the LF).
   *
   * @default {false}
   */
  markUnterminated?: boolean;
  /**
   * Called once for each input whose first block read holds a NUL byte:
   * a binary file, by GNU grep's test. Its lines are read all the same. Gets
   * the input's path (`undefined` for a stream or handle) and its index
   * among the inputs.
   *
   * @default {undefined}
   */
  onBinary?: (path: string | undefined, index: number) => void;
  /**
   * How to tell compressed input. `"auto"` goes by content: input that
   * starts with gzip's or zstd's signature is decompressed, whatever its
   * name, and so is a path ending in `.br` (any case: brotli has no
   * signature); a path ending in `.gz`, `.zst` or `.br` that is not what
   * its name says is an error, and bzip2, xz and lz4 input is refused with
   * the command to pipe it through. `"none"` reads the bytes as they are;
   * `"gzip"`, `"zstd"` or `"brotli"` decompresses every input as that.
   * Every member of a concatenated gzip file, and every frame of a zstd
   * file, is read, as `gzip -dc` and `zstd -dc` do.
   *
   * @default {"auto"}
   */
  compression?: CompressionChoice;
  /**
   * `true` is `compression: "gzip"`, `false` is `compression: "none"`.
   *
   * @deprecated Use `compression`.
   * @default {undefined}
   */
  gzip?: boolean;
  /**
   * Read the files under a directory given as input (and under directories
   * a glob matches), depth first, each directory's files by name but
   * rotated sets oldest first (see below). Without it a directory is an
   * error, as in `grep`. Symbolic links met inside a directory are not
   * followed into directories.
   *
   * @default {false}
   */
  recursive?: boolean;
  /**
   * How URLs (`http:` and `https:`, read with `fetch`) are read. A body
   * that fails part way (a dropped connection) is asked for again from the
   * byte it stopped at (a `Range` request, with `If-Range`), after
   * `retryDelayMs`, doubled for each next try, up to `retries` tries in a
   * row; the server must answer 206 from that byte, with the same ETag
   * (or Last-Modified) and length, or it is an error naming the URL and
   * the byte offset. `headers` go with every request. A server that sends
   * no headers, or no byte of the body, for `idleTimeoutMs` counts as a
   * dropped connection (resumed as above).
   *
   * @default {{ retries: 3, retryDelayMs: 500, idleTimeoutMs: 30000 }}
   */
  http?: {
    retries?: number;
    retryDelayMs?: number;
    idleTimeoutMs?: number;
    headers?: HeadersInit;
  };
  /**
   * Merge several inputs by time (or any order): the key of a line, or
   * `undefined` for a line that continues the one before it (a stack
   * trace's lines). Each input's records, a line with a key and the lines
   * without one that follow it, are handed on in order of their keys
   * (numbers, strings, bigints or Dates, compared with `<`), all inputs
   * together: a k-way merge, so each input must be in order already. Equal
   * keys keep the order of the inputs; lines without a key at the start of
   * an input come first. The result is that of reading the inputs one
   * after another and sorting their records stably by key, holding the
   * chunk each input is read in and at most 128 merged lines, a long record
   * handed on in pieces.
   *
   * @default {undefined}
   */
  mergeBy?: (line: string) => MergeKey | undefined;
  /**
   * How many bytes to read at a time, at most: the size of the line buffer.
   * A regular file (a path, or a handle of one) is read in the calling
   * thread, straight into the line buffer: a synchronous read from the page
   * cache takes about 20 microseconds for 128 KiB, where an awaited read
   * costs a hand-off to Deno's I/O threads, about 100 microseconds here.
   * Such a file is read 512 KiB at a time, or `readBytes` if that is less (a
   * count or a literal `grep` fused with the reader: `readBytes`). A reader
   * that hands on every line splits what it read 16 KiB at a time, so that
   * few lines are alive at once (64 KiB at a time while a `filter` fused
   * with the reader keeps few lines); a literal `grep` fused with the
   * reader, which decodes only the lines it keeps, and a count of lines take
   * whole reads. Standard input, FIFOs and other handles are read up to
   * `readBytes` at a time.
   *
   * @default {524288}
   */
  readBytes?: number;
  /**
   * Follow the file as it grows, as `tail -F` does: at the end of the file,
   * wait for more lines (checking every `pollMs` milliseconds, default 250)
   * instead of ending. A rotated file (the path now names another file) is
   * read to its end and then the new file from its start; a file cut
   * shorter than what was read (copytruncate) is read again from its start.
   * Line numbers start at 1 in each new file. A line without its LF yet is
   * held until the LF arrives; when its file ends (rotation, truncation, or
   * the end of following) it is handed on as it is, like the last line of
   * any input. Following ends only when `signal` (or the pipeline's)
   * fires. One file path only, not compressed.
   *
   * @default {false}
   */
  follow?: boolean | { pollMs?: number };
  /**
   * With `follow`: ends following when it fires. The lines read so far are
   * the whole input and iteration ends normally (a pipeline's sink then
   * completes); aborting the pipeline's own signal instead rejects the run
   * with the signal's reason. Without `follow` it is not used.
   *
   * @default {undefined}
   */
  signal?: AbortSignal;
  /**
   * Read only shard `index` (from 0) of `count`: the part of the inputs
   * that {@linkcode shardInputs} gives, plain files and URLs in byte ranges
   * cut at line boundaries (a URL's asked for with Range requests),
   * compressed ones whole. Every shard computes the same division from the
   * inputs' names and sizes; shards 0 to `count - 1` together read every
   * line once. Paths, globs and URLs only (not standard input or streams);
   * chunks then always name their input. A URL's range numbers its lines
   * from 1 at its first line (the bytes before it are not downloaded), and
   * errors say so; byte offsets are true.
   *
   * @default {undefined}
   */
  shard?: { index: number; count: number };
}

/**
 * The lines of one input: an async iterable of strings, and a source for
 * {@linkcode pipeline}. Each iteration reads the input anew (streams can only
 * be read once).
 */
export interface LineSource extends AsyncIterable<string> {
  /**
   * The input's path, or `undefined` for streams, handles and several
   * inputs (errors then name each line's own input).
   */
  readonly path: string | undefined;
}

const MiB = 1024 * 1024;

/** What `mergeBy` returns for a line: anything `<` orders. */
export type MergeKey = number | string | bigint | Date;

/** An input being merged: the chunk its next record starts in, and where. */
interface MergeCursor {
  chunks: AsyncGenerator<Chunk<string>>;
  /** The chunk, with a line at `at`; undefined once the input has ended. */
  chunk: Chunk<string> | undefined;
  at: number;
  /** The key of the line at `at`: undefined only at the input's start. */
  key: MergeKey | undefined;
}

/**
 * How many lines a merged chunk holds at most. What a chunk holds survives
 * V8's scavenges while it is filled and handed on, and V8 grows its young
 * generation when much survives. `sluice count --merge-by-time` of the two
 * halves of the 256 MiB bench corpus at V8's defaults (medians of 3 in
 * turns): 1,024 lines 112.2 MiB in 2.31 s; 256 lines 74.2 MiB in 1.72 s;
 * 128 lines 74.8 MiB in 1.58 s; 64 lines 71.6 MiB in 2.05 s (before, with
 * an object for each line and a record whole in a chunk: 116.9 MiB).
 */
const MERGE_CHUNK = 128;

/**
 * The lines of `inputs` (each a reader's chunks, in order) merged by key: a
 * record (a line with a key and the lines without one after it) at a time
 * from the input whose record has the least key, the earliest input on a
 * tie; lines without a key at an input's start come first. Chunks hand on
 * consecutive lines of one input. Each line's key is read once, and a line
 * is held only as an item of the chunk being filled.
 */
async function* readMerged(
  inputs: AsyncGenerator<Chunk<string>>[],
  keyOf: (line: string) => MergeKey | undefined,
): AsyncGenerator<Chunk<string>> {
  const cursors: MergeCursor[] = inputs.map((chunks) => ({
    chunks,
    chunk: undefined,
    at: 0,
    key: undefined,
  }));
  /** Moves `c` to the first line of its next chunk that has one. */
  const nextChunk = async (c: MergeCursor): Promise<void> => {
    while (true) {
      const r = await c.chunks.next();
      if (r.done === true) {
        c.chunk = undefined;
        return;
      }
      if (r.value.items.length > 0) {
        c.chunk = r.value;
        c.at = 0;
        return;
      }
    }
  };
  let items: string[] = [];
  let lines: number[] = [];
  let path: string | undefined;
  let input: number | undefined;
  const flush = (): Chunk<string> => {
    const chunk = numbered(items, lines, path);
    chunk.input = input;
    items = [];
    lines = [];
    return chunk;
  };
  try {
    for (const c of cursors) {
      await nextChunk(c);
      if (c.chunk !== undefined) c.key = keyOf(c.chunk.items[0]!);
    }
    let from: MergeCursor | undefined;
    while (true) {
      let least: MergeCursor | undefined;
      for (const c of cursors) {
        if (c.chunk === undefined) continue;
        if (
          least === undefined ||
          (c.key === undefined
            ? least.key !== undefined
            : least.key !== undefined && c.key < least.key)
        ) least = c;
      }
      if (least === undefined) break;
      if (from !== least && items.length > 0) yield flush();
      from = least;
      // The record's first line, then each line after it up to the next
      // with a key, whose key is kept for the next choice.
      let chunk = least.chunk!;
      let i = least.at;
      while (true) {
        path = chunk.path;
        input = chunk.input;
        items.push(chunk.items[i]!);
        lines.push(lineOf(chunk, i));
        if (items.length >= MERGE_CHUNK) yield flush();
        if (++i === chunk.items.length) {
          await nextChunk(least);
          if (least.chunk === undefined) break;
          chunk = least.chunk;
          i = 0;
        }
        const key = keyOf(chunk.items[i]!);
        if (key !== undefined) {
          least.at = i;
          least.key = key;
          break;
        }
      }
    }
    if (items.length > 0) yield flush();
  } finally {
    for (const c of cursors) await c.chunks.return(undefined);
  }
}

/**
 * How many bytes of a read are split into lines at a time. What one chunk of
 * lines holds survives V8's scavenges while it travels down the pipeline,
 * and V8 grows its young generation when much survives: at V8's defaults, a
 * whole 256 KiB read split at once peaked at about 110 MiB RSS on T1 (the
 * 256 MiB bench corpus). `deno run -A bench/defaults.ts --only SPLIT_BYTES
 * --runs 5` (T1, medians): 16 KiB 58.1 MiB in 0.50 s, 32 KiB 62.9 MiB in
 * 0.49 s, 64 KiB 64.1 MiB, 128 KiB 76.5 MiB and slower. Again with reads of
 * READ_AHEAD, over 1 GiB (`--size 1GiB`): 16 KiB 62.3 MiB in 1.37 s, 8 KiB
 * 63.9 MiB in 1.54 s, 32 KiB 60.2 MiB in 1.39 s, 64 KiB 60.2 MiB in 1.34 s.
 * T1 alone does not decide it: a stage that allocates while a chunk is alive
 * keeps the chunk's lines through scavenges (`groupBy()` by request id, 16
 * MiB budget, 1 GiB: 8 KiB slices peaked at 90-93 MiB, 16 KiB at 104-109).
 */
const SPLIT_BYTES = 16 * 1024;
/**
 * How many bytes a read in this thread takes at least; they are split
 * SPLIT_BYTES at a time. Reading the 1 GiB bench corpus from the page cache
 * with `readSync`, in one process (two runs each): 8 KiB reads 311-341 ms,
 * 16 KiB 187-191 ms, 64 KiB 85-88 ms, 1 MiB 48-52 ms. T1 over 1 GiB,
 * `deno run -A bench/defaults.ts --only READ_AHEAD --size 1GiB` (medians of
 * 3): 64 KiB 1.40 s, 16 KiB 1.59 s, 32 KiB 1.46 s, 128 KiB 1.37 s, 256 KiB
 * 1.43 s; peak RSS 61.7-62.9 MiB for all. Later, with a fused filter's
 * slices of 128 KiB (then; see FILTER_SPLIT_BYTES) and a turn of the event
 * loop every TURN_BYTES split (see below), 512 KiB against 64 KiB (whole
 * processes over 1 GiB in turns, medians of 5): T1 1.02 s against 1.08, T2
 * 1.16 against 1.19, T1 with a `map` before its filter (every line through
 * the pipeline) 1.22 against 1.27; peak RSS within 0.7 MiB. At 256 KiB, T1
 * took 1.05 s. With 64 KiB slices, T1 1.08 s against 1.19 for the code
 * before both changes, T2 1.18 against 1.35 (medians of 7 and 5).
 */
const READ_AHEAD = 512 * 1024;
/**
 * A count of the lines of a regular file (all, or those that hold a
 * literal) reads it AHEAD_READS times `readBytes` at a time on Deno's I/O
 * threads, each read started before the last one's bytes are split (see
 * ReadAhead), with a gap of AHEAD_GAP for the start of a line carried
 * over; only where the buffer stays within the reader's bound. `sluice grep
 * -c ERROR` over the 1 GiB bench corpus: see ReadAhead.
 */
const AHEAD_READS = 3;
const AHEAD_GAP = 64 * 1024;
/**
 * A file read ahead holds at least AHEAD_MIN reads of it: the first read is
 * awaited whole, and a file of a read or two gains nothing. The bench
 * corpus of 256 MiB in 136 files of 2 MB, `sluice grep -c -r ERROR` (7
 * rounds in turns, medians): 0.32 s and 68.0 MiB peak RSS read ahead,
 * 0.29 s and 66.6 MiB read in this thread.
 */
const AHEAD_MIN = 4;
/** Besides the buffer, a fused search's memory: its spans and literals. */
const SEARCH_BYTES = 128 * 1024;
/**
 * How many bytes of a read a filter fused into the reader takes at a time
 * while it keeps few of their lines (see FEW_LINES), instead of SPLIT_BYTES.
 * Larger slices are faster but keep more lines alive at once: the kept lines
 * of a slice travel together, copied out of the text they were cut from (see
 * LineSplitter.copyKept). T1 over 1 GiB (`deno run -A bench/defaults.ts
 * --only FILTER_SPLIT_BYTES --size 1GiB --runs 5`, medians, in turns): 16
 * KiB 1.15 s, 64 KiB 1.07 s, 128 KiB 1.03 s, 256 KiB 1.01 s, 512 KiB 0.98 s,
 * peak RSS 60.7-61.9 MiB for all. But alive at the mean scavenge
 * (`--trace-gc-nvp`, one run each): 64 KiB 2,066 bytes, 128 KiB 2,520, 256
 * KiB 4,756 and 512 KiB 10,730 (16 KiB, the code before: 2,162), so V8 grew
 * its young generation to 4 MiB semi-spaces after 798, 617, 148 and 70 of
 * about 850 scavenges (16 KiB: 718), and would grow it again sooner on
 * longer inputs: over 4 GiB, 64 KiB and 128 KiB grew it once (1,937 and
 * 2,096 bytes at the mean scavenge, 66,840 KB peak RSS each), and 256 KiB
 * would have grown it again. 128 KiB was faster (in turns over 1 GiB, medians
 * of 7: T1 1.08 s against 1.12 at 64 KiB, T2 1.18 against 1.23), but on the
 * log of tests/core/scavenges_test.ts, where one line in 50 is kept, evenly,
 * 5,768 bytes survived its median scavenge against at most 2,400 at 64 KiB.
 * T2 took 1.45 s with 16 KiB slices, the code before.
 */
const FILTER_SPLIT_BYTES = 64 * 1024;
/**
 * Lines a fused grep or filter may keep from one slice before the next
 * slices are SPLIT_BYTES again: about as many as such a slice holds.
 */
const FEW_LINES = 128;

/**
 * What the reader's loop holds once it has handed a chunk on. Until V8
 * optimizes the loop, its interpreted frame keeps whatever its variables
 * last held, and the chunk just handed on would stay alive, with the
 * decoded piece its lines are cut from, while the next piece is decoded:
 * over the first 100 MB of the bench corpus, `for await` straight over
 * readLines kept 23-25 KB alive across each of its first 20-odd scavenges
 * and 1-4 KB after; with the chunk let go, 1-4 KB from the start
 * (`--trace-gc-nvp`). What survives adds up to when V8 grows its young
 * generation (see eventLoopTurn).
 */
const HANDED_ON: Chunk<string> = consecutive([], 1);

/** What a chunk's lines hold: two bytes a character, counted, not sampled. */
function textBytes(items: readonly string[]): number {
  let chars = 0;
  for (let i = 0; i < items.length; i++) chars += items[i]!.length;
  return 2 * chars;
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(
      `Cannot read lines: ${name} must be an integer of at least ${min}, got ${value}`,
    );
  }
}

/** Whether `input` is read compressed, as far as its name tells. */
function compressedByName(
  input: LineInput,
  choice: CompressionChoice,
): boolean {
  if (choice !== "auto") return choice !== "none";
  const path = inputPath(input);
  return path !== undefined && formatByName(path) !== undefined;
}

/** Whether a checkpointed run can resume these inputs: plain files only. */
function resumable(
  inputs: readonly LineInput[],
  choice: CompressionChoice,
  follow: boolean,
): { paths: string[] } | { refused: string } {
  const paths: string[] = [];
  for (const one of inputs) {
    const path = inputPath(one);
    if (isFileRange(one)) {
      return { refused: "readLines of a byte range cannot be resumed" };
    }
    if (path === undefined || path === "-" || isHttpUrl(path)) {
      return {
        refused: `readLines of ${
          path === "-"
            ? "standard input"
            : path === undefined
            ? "a stream or handle"
            : `a URL ("${path}")`
        } cannot be resumed, only of files`,
      };
    }
    if (follow) {
      return { refused: "readLines with follow cannot be resumed" };
    }
    if (compressedByName(one, choice)) {
      return {
        refused: `readLines of compressed input ("${path}") cannot be resumed`,
      };
    }
    paths.push(path);
  }
  return { paths };
}

/** What every input of one reading shares. */
interface ReadRun {
  stats: StageStats | undefined;
  ctx: RunContext | undefined;
  fused: FusedFilter | undefined;
  /** Whether only the number of lines matters (see LineSplitter). */
  countsLines: boolean;
  /** Figures of the inputs already read, for the summary. */
  done: {
    rawBytes: number;
    textBytes: number;
    lines: number;
    skipped: number;
    split: number;
    compressed: boolean;
  };
  failures: Failures | undefined;
  /** Whether there are several inputs (once globs are expanded). */
  several: boolean;
  /**
   * Set once a fused filter's call returned a promise or threw: from then
   * on the filter's own step takes every line (see FusedKeep).
   */
  filterSteps: boolean;
}

/** One input of a reading, and where in it to start. */
interface InputAt {
  one: LineInput;
  /** Its index among the inputs. */
  index: number;
  /** Where a resumed run starts in it. */
  start: { offset: number; line: number } | undefined;
  /** Its entry in the summary's inputs. */
  count: InputCount | undefined;
}

/**
 * Reads the lines of a file, standard input (`"-"`), a `Deno.FsFile` (or
 * anything with a `read` method or a `readable`), a `ReadableStream` of bytes
 * or an async iterable of bytes, an `http:` or `https:` URL (see `http`),
 * a byte range of a plain file or URL (a {@linkcode FileRange}: the lines
 * that start in it, numbered as in the whole file, a URL's from 1 at its
 * first line; see {@linkcode shardInputs}), or of several of these in turn
 * (pass an array): line numbers then start at 1 in each input, and errors name the
 * input. Compressed input is decompressed (gzip and zstd by content, brotli
 * by name). A path with `*`, `?` or `[` is a glob, read as the files it
 * matches when reading starts (an error naming the pattern if none), in
 * the order of {@linkcode listInputs}: a rotated set oldest first, the live
 * file last.
 *
 * The line rule, the same for any chunking of the input: lines are split on
 * LF only; exactly one CR right before an LF is removed and every other CR is
 * kept (a CR at the end of the input too; with `lossless` every CR is kept,
 * and so are the BOM and invalid bytes); one UTF-8 BOM at offset 0 is
 * removed; invalid or truncated UTF-8 becomes U+FFFD as with `TextDecoder`
 * (or throws with `fatal: true`); a last line without LF is a line; empty
 * input has no lines, and a trailing LF adds no empty line.
 *
 * Memory: the reader holds its line buffer (`readBytes`, growing to at most
 * `readBytes + maxLineBytes + 1` while a long line is pending; see
 * `readBytes`) and two buffers of 32 KiB in which a slice's lines are
 * gathered to be decoded, plus the lines of one slice: what is read is
 * split and handed on 16 KiB at a time, so that few lines are alive at
 * once (64 KiB at a time while a filter right after the reader keeps few of
 * them, each kept line copied out of the text it was cut from). Reads in
 * the calling thread let the event loop turn at least every 128 KiB split
 * and 10 milliseconds, so that timers, signals and workers' messages
 * are not held up, and because less then survives V8's collections of its
 * young generation (which keeps it small; see the README's "V8's young
 * generation"). Paths it opens are closed at the end, on error and when the
 * consumer stops early; handles and streams passed in are read but handles
 * are not closed.
 *
 * Compressed input is decompressed (see `compression`): gzip and zstd
 * recognised by their first bytes, brotli by a name ending in `.br`; all
 * members of a concatenated gzip file and all frames of a zstd file are
 * read. Byte offsets of lines count bytes of the decompressed input; a
 * {@linkcode DecompressionError} for corrupt or truncated data names the
 * offset in the compressed bytes. Decompression adds a 64 KiB slice of
 * compressed bytes (and the next), 64 KiB of decompressed bytes and the
 * decoder's window (32 KiB for gzip, at most 16 MiB for brotli, for zstd
 * what the writer chose: 8 MiB or less at the usual levels).
 *
 * A file that grows while it is read is read until a read finds no more
 * bytes: what was appended before that read is included, what comes after
 * is not (the read runs ahead of the lines being handed on by at most one
 * read of `readBytes`). If a writer was in the middle of a line at that
 * moment, the part written so far is the last line, like any last line
 * without LF. A file cut shorter than what was already read fails with
 * `Deno.errors.UnexpectedEof`, never a silently short result. To keep
 * reading as the file grows, through rotation, use `follow`.
 *
 * @param input What to read, or an array of inputs to read one after another.
 * @param options How to read it.
 * @returns The lines, as an async iterable and pipeline source.
 * A line that is too long (with `onLongLine: "error"`) or not valid UTF-8
 * (with `fatal: true`) stops the reading, unless `onError` is `"skip"` or a
 * {@linkcode deadLetter}: then it is dropped, counted as an error in the
 * summary, and reading goes on (until `maxErrors`).
 *
 * @throws {RangeError} When an option is out of range.
 * @throws {TypeError} When `follow` is given anything but one file path.
 * @throws {TypeError} When `lossless` is given with `fatal`, or
 * `markUnterminated` without `lossless`.
 * @throws {TypeError} When `onError` is not a policy.
 * @throws {LineTooLongError} When a line is longer than `maxLineBytes` and
 * `onLongLine` is `"error"` (while iterating; not with an `onError` policy).
 * @throws {InvalidUtf8Error} On invalid UTF-8 with `fatal: true` (while
 * iterating; not with an `onError` policy).
 * @throws {Deno.errors.NotFound} When the path does not exist (while
 * iterating).
 * @throws {Deno.errors.IsADirectory} When the path is a directory (while
 * iterating).
 * @throws {DecompressionError} When compressed input is corrupt, truncated,
 * or in a format that cannot be decoded here (while iterating).
 *
 * @example Reading lines from a stream
 * ```ts
 * import { readLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const bytes = new TextEncoder().encode("\uFEFFfirst\r\nsecond\rstill second\nlast");
 * const lines: string[] = [];
 * for await (const line of readLines(ReadableStream.from([bytes]))) lines.push(line);
 * assert.deepEqual(lines, ["first", "second\rstill second", "last"]);
 * ```
 *
 * @example Following a file as it grows, until a signal
 * ```ts
 * import { readLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "started\n");
 * const stop = new AbortController();
 * const lines: string[] = [];
 * for await (const line of readLines(path, { follow: { pollMs: 10 }, signal: stop.signal })) {
 *   lines.push(line);
 *   if (line === "started") await Deno.writeTextFile(path, "working\ndone\n", { append: true });
 *   if (line === "done") stop.abort(); // ends the loop normally
 * }
 * assert.deepEqual(lines, ["started", "working", "done"]);
 * await Deno.remove(path);
 * ```
 *
 * @example Setting aside the lines that are not valid UTF-8
 * ```ts
 * import { deadLetter, type FailedItem, pipeline, readLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0xff, 0x0a, 0x63, 0x0a]);
 * const failed: FailedItem[] = [];
 * const run = pipeline(readLines(ReadableStream.from([bytes]), {
 *   fatal: true,
 *   onError: deadLetter((f) => void failed.push(f)),
 * }));
 * const lines: string[] = [];
 * for await (const line of run) lines.push(line);
 * assert.deepEqual(lines, ["a", "c"]);
 * assert.deepEqual(
 *   failed.map((f) => [f.item, f.line, f.offset]),
 *   [["b\uFFFD", 2, 3]],
 * );
 * assert.equal(run.summary.stages[0]!.errors, 1);
 * ```
 *
 * @example Keeping the bytes: CRLF and invalid UTF-8 written back as read
 * ```ts
 * import { pipeline, readLines, writeLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x61, 0x0d, 0x0a, 0xe9, 0x0a, 0x62]); // "a\r\n", a Latin-1 e acute, "b"
 * const lines: string[] = [];
 * const read = { lossless: true, markUnterminated: true };
 * for await (const l of readLines(ReadableStream.from([bytes]), read)) lines.push(l);
 * assert.deepEqual(lines, ["a\r", "\uDCE9", "b\uDC0A"]);
 *
 * const out: number[] = [];
 * const stream = new WritableStream<Uint8Array>({ write: (c) => void out.push(...c) });
 * await pipeline(
 *   readLines(ReadableStream.from([bytes]), read),
 *   writeLines(stream, { lossless: true }),
 * );
 * assert.deepEqual(new Uint8Array(out), bytes);
 * ```
 *
 * @example Reading one shard of a job (of files or URLs alike)
 * ```ts
 * import { readLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "a\nbb\nccc\ndddd\n");
 * const shards: string[][] = [];
 * for (const index of [0, 1, 2]) {
 *   const lines: string[] = [];
 *   for await (const line of readLines(path, { shard: { index, count: 3 } })) {
 *     lines.push(line);
 *   }
 *   shards.push(lines);
 * }
 * // Bytes 0-4, 4-9 and 9-14: each line read by the shard it starts in.
 * assert.deepEqual(shards, [["a", "bb"], ["ccc"], ["dddd"]]);
 * await Deno.remove(path);
 * ```
 *
 * @example Reading a file
 * ```ts ignore
 * import { readLines } from "@sluice/sluice";
 *
 * for await (const line of readLines("app.log.gz", { maxLineBytes: 65536 })) {
 *   if (line.includes(" ERROR ")) console.log(line);
 * }
 * ```
 */
export function readLines(
  input: LineInput | readonly LineInput[],
  options: ReadLinesOptions = {},
): LineSource {
  const maxLineBytes = options.maxLineBytes ?? MiB;
  // 512 KiB, what a fused literal grep reads at a time (other reads of a
  // file take SPLIT_BYTES). With reads in this thread, `grep -c " ERROR "`
  // over the 1 GiB bench corpus at V8's defaults (3 runs in turns, medians,
  // 2026-12-01): 512 KiB 0.64 s, 67.0 MiB; 256 KiB 0.61 s, 70.5 MiB; 128
  // KiB 0.69 s, 72.1 MiB; 64 KiB 0.74 s, 82.4 MiB. The library's grep():
  // 0.66, 0.73, 0.77 and 0.75 s, 66-67 MiB each.
  const readBytes = options.readBytes ?? 512 * 1024;
  const onLongLine = options.onLongLine ?? "error";
  checkInteger("maxLineBytes", maxLineBytes, 4);
  checkInteger("readBytes", readBytes, 1);
  if (!["error", "split", "skip"].includes(onLongLine)) {
    throw new RangeError(
      `Cannot read lines: onLongLine must be "error", "split" or "skip", got "${onLongLine}"`,
    );
  }
  const choice: CompressionChoice = options.compression ??
    (options.gzip === undefined ? "auto" : options.gzip ? "gzip" : "none");
  if (!["auto", "none", "gzip", "zstd", "brotli"].includes(choice)) {
    throw new RangeError(
      `Cannot read lines: compression must be "auto", "none", "gzip", "zstd" or "brotli", got "${choice}"`,
    );
  }
  const lossless = options.lossless ?? false;
  const markUnterminated = options.markUnterminated ?? false;
  if (lossless && options.fatal === true) {
    throw new TypeError(
      "Cannot read lines: lossless and fatal exclude each other (lossless keeps invalid bytes)",
    );
  }
  if (markUnterminated && !lossless) {
    throw new TypeError(
      "Cannot read lines: markUnterminated needs lossless",
    );
  }
  const onBinary = options.onBinary;
  const policy = policyOf("readLines", options);
  const inputs: readonly LineInput[] = Array.isArray(input)
    ? input
    : [input as LineInput];
  const recursive = options.recursive ?? false;
  const mergeBy = options.mergeBy;
  if (mergeBy !== undefined && typeof mergeBy !== "function") {
    throw new TypeError(
      `Cannot read lines: mergeBy must be a function, got ${typeof mergeBy}`,
    );
  }
  const http = {
    retries: options.http?.retries ?? 3,
    retryDelayMs: options.http?.retryDelayMs ?? 500,
    idleTimeoutMs: options.http?.idleTimeoutMs ?? 30_000,
    headers: options.http?.headers,
  };
  checkInteger("http.retries", http.retries, 0);
  checkInteger("http.retryDelayMs", http.retryDelayMs, 0);
  checkInteger("http.idleTimeoutMs", http.idleTimeoutMs, 1);
  // Globs (and directories, with recursive) become their files when the
  // reading starts: the list is only known then.
  const expands = recursive ||
    inputs.some((one) => typeof one === "string" && isGlob(one));
  const path = inputs.length === 1 && !expands
    ? inputPath(inputs[0]!)
    : undefined;
  const follow = options.follow ?? false;
  const pollMs = typeof follow === "object" ? follow.pollMs ?? 250 : 250;
  if (follow !== false) {
    checkInteger("follow.pollMs", pollMs, 1);
    if (
      inputs.length !== 1 || path === undefined || path === "-" ||
      isHttpUrl(path) || isFileRange(inputs[0]) ||
      compressedByName(inputs[0]!, choice)
    ) {
      throw new TypeError(
        `Cannot read lines: follow needs one file path (not standard input, a stream or compressed), got ${
          inputs.length === 1
            ? expands
              ? `"${inputPath(inputs[0]!)}" to expand`
              : path === undefined
              ? "a stream or handle"
              : `"${path}"`
            : `${inputs.length} inputs`
        }`,
      );
    }
  }
  // The splitter's buffer, and the lines of one split: the bytes split at
  // once (a slice, or a whole read of standard input or a handle) and a line
  // carried over from before them, at most two bytes a character. (A fused
  // grep keeps the buffer in its WebAssembly memory, with the literal and
  // what one search stores, and decodes only the lines it keeps.)
  const bufferBytes = LineSplitter.heldBytesBound(readBytes, maxLineBytes);
  const boundBytes = bufferBytes +
    2 * (Math.max(readBytes, SPLIT_BYTES) + maxLineBytes + 1);
  // A count's reads ahead hand on no text: their buffer may take the room
  // of the lines.
  const aheadBytes = ReadAhead.bufferBytes(AHEAD_READS * readBytes, AHEAD_GAP) +
    SEARCH_BYTES;
  const aheadFits = maxLineBytes < AHEAD_READS * readBytes &&
    aheadBytes <= boundBytes;

  /**
   * Opens one input and, when it is compressed, its decompression. The
   * first bytes are looked at only at the start of an input: a resumed run
   * goes on only in a plain file.
   */
  async function openDecoded(
    one: LineInput,
    onePath: string | undefined,
    startOffset: number,
    ctx: RunContext | undefined,
  ): Promise<OpenedInput> {
    const raw = await openInput(one, startOffset, http);
    // A range is of a plain file (shardInputs reads compressed ones whole).
    if (choice === "none" || startOffset > 0 || isFileRange(one)) return raw;
    let peeked: Awaited<ReturnType<typeof peekHead>>;
    try {
      peeked = await peekHead(raw);
    } catch (error) {
      await raw.close().catch(() => {});
      throw error;
    }
    const format = chooseFormat(choice, onePath, peeked.head);
    if (format === undefined) return peeked.input;
    if (ctx?.checkpoint !== undefined) {
      await raw.close().catch(() => {});
      throw new TypeError(
        `Cannot checkpoint pipeline: readLines of compressed input (${
          onePath === undefined ? "a stream" : `"${onePath}"`
        }, ${format}) cannot be resumed`,
      );
    }
    // Loaded only for compressed input (a module loaded stays resident).
    const { decompressed } = await import("./_decompress.ts");
    return await decompressed(peeked.input, format, onePath, peeked.head);
  }

  function chunks(
    stats: StageStats | undefined,
    ctx: RunContext | undefined,
    fused?: FusedFilter,
    countsLines = false,
  ): AsyncIterable<Chunk<string>> {
    // Made at the first pull, as are the figures it starts from.
    const newRun = (): ReadRun => ({
      stats,
      ctx,
      fused,
      countsLines,
      // Figures of the inputs already read, for the summary; bytes read
      // add to those of readers before this one in the run (grep reads
      // file by file, a reader each).
      done: {
        rawBytes: ctx?.summary.bytesRead ?? 0,
        textBytes: 0,
        lines: 0,
        skipped: 0,
        split: 0,
        compressed: false,
      },
      failures: undefined,
      several: inputs.length > 1,
      filterSteps: false,
    });
    if (policy === undefined) return readAll(newRun);
    return withPolicy(newRun, policy, stats, ctx);
  }

  /** The chunks of a reader with an error policy: it may own its run. */
  async function* withPolicy(
    newRun: () => ReadRun,
    policy: Policy,
    stats: StageStats | undefined,
    ctx: RunContext | undefined,
  ): AsyncGenerator<Chunk<string>> {
    // Iterated on its own, the reader is its own run: it closes its dead
    // letter itself.
    const own = ctx ?? new RunContext({ path, unit: "line" });
    const run = newRun();
    run.failures = new Failures(
      policy,
      stats ?? new StageStats(options.name ?? "readLines", "readLines", ""),
      own,
    );
    let finished = false;
    try {
      if (run.failures.ready !== undefined) await run.failures.ready;
      yield* readAll(() => run);
      finished = true;
    } finally {
      // Iterated on its own, the reader's run ends here: its dead letter is
      // committed also after a failure or an early stop.
      if (ctx === undefined) await own.end(!finished);
    }
  }

  /**
   * Reads the inputs in turn, from where a resumed run starts. Neither this
   * nor `chunks` is an async generator: each generator's `yield*` between the
   * reader and the consumer kept about 290 bytes alive across every V8
   * scavenge (see ItemView's #pull).
   */
  function readAll(newRun: () => ReadRun): AsyncIterable<Chunk<string>> {
    const inputsOf = async (): Promise<AsyncIterator<Chunk<string>>> => {
      const run = newRun();
      const from = run.ctx?.checkpoint?.resumed?.position;
      const shard = options.shard;
      const list = shard !== undefined
        ? await (await import("./shard_inputs.ts")).shardInputs(
          inputs as readonly (string | URL)[],
          shard.index,
          shard.count,
          {
            recursive,
            compression: choice,
            http: { idleTimeoutMs: http.idleTimeoutMs, headers: http.headers },
          },
        )
        : expands
        ? await (await import("../fs/_glob.ts")).expandInputs(
          inputs,
          recursive,
        )
        : inputs;
      // A shard's chunks name their input whatever its part of the inputs,
      // and so do those of a glob, whatever it matched: the same as in a
      // reading of them all (sample chooses by input and line).
      run.several = list.length > 1 || shard !== undefined || expands;
      // What is read of each input, for the summary: all listed from the
      // start.
      const counts = run.ctx === undefined
        ? undefined
        : list.map((one) => run.ctx!.record.addInput(inputPath(one)));
      if (mergeBy !== undefined && list.length > 1) {
        return readMerged(
          list.map((one, k) =>
            readOne(run, {
              one,
              index: k,
              start: undefined,
              count: counts?.[k],
            })
          ),
          mergeBy,
        );
      }
      const first = from?.input ?? 0;
      return new InTurn(
        list.length - first,
        (k) =>
          readOne(run, {
            one: list[first + k]!,
            index: first + k,
            start: k === 0 ? from : undefined,
            count: counts?.[first + k],
          }),
      );
    };
    const it = new Deferred(inputsOf);
    return { [Symbol.asyncIterator]: () => it };
  }

  async function* readOne(
    run: ReadRun,
    input: InputAt,
  ): AsyncGenerator<Chunk<string>> {
    const { stats, ctx, fused, countsLines, done, failures } = run;
    const { one, index, start, count } = input;
    const onePath = inputPath(one);
    // Dead-letter writes (or a limit of errors reached) the reader must wait
    // for before it reads on: all of them, each marked handled at once so
    // that one failing while an earlier one is awaited does not go unhandled.
    let waits: Promise<void>[] = [];
    // The byte search of a fused grep, loaded for one only (before the input
    // opens, which nothing may leave open). A sieve before a fused filter
    // loads it only once the splitter finds the literal rare (sieveLater).
    const sieveLater = fused?.keep !== undefined && fused.sieve === true;
    const search = fused?.literal === undefined || sieveLater
      ? undefined
      : (await import("./_literal_search.ts")).LiteralSearch;
    const startOffset = start?.offset ?? 0;
    // Following ends when the reader's signal or the pipeline's fires.
    const stops = [options.signal, ctx?.signal, ctx?.halt?.signal].filter((
      s,
    ) => s !== undefined);
    const followed: FollowedInput | undefined = follow === false
      ? undefined
      : await openFollowed(
        one as string | URL,
        pollMs,
        stops.length > 1 ? AbortSignal.any(stops) : stops[0],
      );
    const opened = followed ??
      await openUnlessAborted(
        openDecoded(one, onePath, startOffset, ctx),
        ctx?.signal,
        (file) => file.close(),
      );
    const compressed = opened.format !== undefined;
    const checkpointed = ctx?.checkpoint !== undefined;
    const newSplitter = (
      at?: { offset: number; line: number; linesFrom?: number },
    ) =>
      new LineSplitter({
        maxLineBytes,
        onLongLine,
        fatal: options.fatal ?? false,
        path: onePath,
        readBytes,
        match: fused?.literal,
        search,
        invert: fused?.invert,
        sieve: fused?.sieve,
        fold: fused?.fold,
        others: fused?.others,
        sieveLater,
        keep: run.filterSteps ? undefined : fused?.keep,
        mapBytes: run.filterSteps ? undefined : fused?.map?.bytes,
        handsLines: !run.filterSteps && fused?.lines !== undefined,
        countOnly: fused === undefined ? countsLines : fused.countOnly,
        handsBytes: fused?.bytes,
        illFormedBytes: fused?.illFormedBytes,
        numberBytes: fused?.numbers,
        prefixBytes: fused?.names === true
          ? new TextEncoder().encode(namePrefix(onePath))
          : undefined,
        offset: at?.offset ?? 0,
        line: at?.line ?? 1,
        linesFrom: at?.linesFrom,
        lossless,
        markUnterminated,
        onBadLine: failures === undefined ? undefined : (error, text) => {
          const w = failures.add(
            error,
            text,
            error.line,
            onePath,
            error.offset,
          );
          if (w !== undefined) {
            w.catch(() => {});
            waits.push(w);
          }
        },
      });
    // A range starts at its first line, numbered as in the whole file (a
    // URL's: from 1 there, linesFrom says).
    let splitter = newSplitter(
      start ??
        (opened as {
          startsAt?: { offset: number; line: number; linesFrom?: number };
        }).startsAt,
    );
    // Lines of the files a followed input was before it restarted.
    let linesBefore = 0;
    const read = opened.read;
    // A regular file is read in this thread, straight into the line buffer,
    // a slice at a time (see fileRead): `grep -c` over 1 GiB, 1.1 -> 0.6 s.
    // Read ahead on Deno's I/O threads into two buffers of `readBytes` and
    // copied into the line buffer, as before, T1 over 1 GiB took 3.06 s of
    // CPU against 2.62 (2.39 and 2.47 s of wall time on two cores, 65.2 and
    // 63.4 MiB peak RSS; medians of 7, in turns).
    const readNow = opened.readNow;
    let reading: Promise<number | null> | undefined;
    // A count of the lines of a regular file, all of them or those that
    // hold a literal: reads ahead on Deno's I/O threads (see ReadAhead).
    // `sluice count` over the 1 GiB bench corpus (7 rounds in turns): 0.57
    // -> 0.46 s, 59.3 -> 58.4 MiB peak RSS (`wc -l` 0.17 s). Not for
    // several literals: the search marks the lines of a slice that hold
    // any of them in arrays as long as the slice has lines, which take the
    // room of the lines in the reader's bound (8 MB of "A" lines, `grep -c
    // -F -e A -e B`: 6.5 MB held against a bound of 4.8).
    const ahead = (search !== undefined && fused?.countOnly === true &&
          fused.keep === undefined && typeof fused.literal === "string" ||
        fused === undefined && countsLines) &&
        !(options.fatal ?? false) &&
        readNow !== undefined && opened.readAhead && !compressed &&
        followed === undefined && aheadFits &&
        (opened.sizeBytes ?? 0) >= AHEAD_MIN * AHEAD_READS * readBytes
      ? new ReadAhead(
        opened.read!,
        () => opened.rawBytes,
        AHEAD_READS * readBytes,
        AHEAD_GAP,
      )
      : undefined;
    // Its buffer takes the room of the lines, which a count never holds.
    if (ahead !== undefined && stats !== undefined) {
      stats.bound = `${
        formatBytes(aheadBytes)
      } buffer (a count's reads ahead) + the lines of one read`;
    }
    // Bytes split since the event loop last turned: a read of READ_AHEAD is
    // split with a turn every TURN_BYTES, as reads of TURN_BYTES would have
    // it (see fileRead). With a turn only before each read of 512 KiB, more
    // survived V8's scavenges: T2 over 1 GiB kept 3,182 bytes alive at the
    // mean scavenge and grew its young generation at the 353rd, against
    // 2,143 and the 623rd with these turns (`--trace-gc-nvp`, one run each).
    let sinceTurn = 0;
    const report = (items: string[], bytes?: Uint8Array) => {
      if (stats === undefined || ctx === undefined) return;
      const buffers = splitter.bufferBytes;
      const text = bytes?.length ?? textBytes(items);
      stats.hold(items.length, buffers + text);
      ctx.summary.bytesRead = done.rawBytes + opened.rawBytes - startOffset;
      // With compressed input, bytes read (as stored) and bytes of text
      // differ.
      if (compressed || done.compressed) {
        stats.counters.textBytes = done.textBytes + splitter.bytesIn;
      }
      if (done.skipped + splitter.skipped > 0) {
        stats.counters.skippedLines = done.skipped + splitter.skipped;
      }
      if (done.split + splitter.splitLines > 0) {
        stats.counters.splitLines = done.split + splitter.splitLines;
      }
      // Lines handed on as bytes are counted as the chunks pass, as when the
      // reader filters nothing (a line split in two is two).
      if (fused !== undefined && fused.lines === undefined) {
        // The reader's row counts the lines it read; the filter's row what
        // it took in and kept (counted as the chunks pass).
        stats.itemsOut = done.lines + splitter.linesSeen;
        fused.stats.itemsIn = done.lines + splitter.linesSeen;
        fused.stats.hold(items.length, text);
      }
    };
    // An abort must not wait for a read that may never complete (standard
    // input, a pipe): such a read races the signal. A read of a regular
    // file completes soon; the abort stops the reader before the next one.
    const signal = ctx?.signal;
    // What a read in this thread takes, or a read's bytes split at once (the
    // rest waits): a slice at a time, so that the lines alive at once stay
    // few (see SPLIT_BYTES).
    // A fused grep decodes only the lines it keeps: a whole read at a time,
    // one search and one chunk for it, while it keeps few lines. Counted
    // lines are decoded not at all.
    // A fused grep starts with a slice of SPLIT_BYTES too, to learn how
    // many lines it keeps before it takes whole reads.
    // A fused grep before a count (not fatal) hands on an empty string for
    // each line it keeps, however many (see LineSplitter's countOnly): it
    // takes whole reads too. In slices of SPLIT_BYTES once it kept many,
    // over the 1 GiB bench corpus (5 rounds in turns, medians), `sluice grep
    // -c -v ERROR` took 0.53 s and 66.9 MiB against 0.39 s and 64.1, `sluice
    // grep -c -i timeout` 0.66 s and 66.7 MiB against 0.47 s and 63.5; over
    // 256 MiB, 24 and 16 scavenges against 12 and 5. (A filter's test,
    // or a sieve's, before a count keeps the slices: whole reads of lines
    // decoded for its calls peaked at 69.8 MiB for `grep -c -E
    // 'method=PU[T]'`, 66.6 in slices.)
    const counted = fused?.countOnly === true && fused.keep === undefined &&
      !(options.fatal ?? false);
    let slice = countsLines || counted ? readBytes : SPLIT_BYTES;
    let pending: Uint8Array | undefined;
    // GNU grep's test for a binary file: a NUL byte in the first block.
    let sniffed = onBinary === undefined || startOffset > 0;
    const sniff = (bytes: Uint8Array) => {
      sniffed = true;
      if (bytes.indexOf(0) !== -1) onBinary!(onePath, index);
    };
    // A fused grep takes whole reads while it keeps few lines: while a whole
    // read would keep no more than FEW_LINES at the rate of the slice just
    // split. (Judged by the lines kept alone, a grep that keeps every line
    // went back to whole reads after each slice of SPLIT_BYTES, which keeps
    // fewer: every other chunk held a whole read's lines, 3,868 of the bench
    // corpus, and `sluice grep " "` over 1 GiB peaked at 98.3 MiB; 73.2
    // after, in the same time.)
    // A fused filter (called on each line) takes slices of
    // FILTER_SPLIT_BYTES by the same rule, and SPLIT_BYTES once its own step
    // takes the lines; the lines it keeps from the larger slices are copied
    // out of the text they were cut from (see LineSplitter.copyKept).
    // (A filter's sieve as a filter.)
    const wide = fused?.literal !== undefined && fused.keep === undefined
      ? readBytes
      : Math.min(readBytes, FILTER_SPLIT_BYTES);
    const resize = (split: number) => {
      // A short split (the first bytes, read alone to tell a compressed
      // file) tells nothing.
      // Lines handed on as bytes are copied out at once, none decoded: the
      // slice decides only how many chunks there are. `sluice sort --budget
      // 16MiB` over the 1 GiB bench corpus (2 rounds in turns, medians):
      // 16 KiB 4.76 s and 75.5 MiB, 64 KiB 4.68 s and 76.1 MiB; over 256
      // MiB (3 rounds) 1.45 s and 75.0 against 1.41 s and 73.6; 256 KiB
      // (before lines were checked from their first byte that is not
      // ASCII) 77.5 MiB against 72.8 for 64 KiB.
      // (A splitter that cannot hand them so, fatal or marking a last line
      // without LF, decodes them: they take the slices of decoded lines.)
      if (
        fused?.lines !== undefined && !run.filterSteps &&
        !(options.fatal ?? false) && !markUnterminated
      ) {
        slice = FILTER_SPLIT_BYTES;
      } else if (fused !== undefined && !counted && split >= SPLIT_BYTES) {
        slice = run.filterSteps ||
            splitter.items.length * wide > FEW_LINES * split
          ? SPLIT_BYTES
          : wide;
        splitter.copyKept = slice !== SPLIT_BYTES;
      }
    };
    const splitSome = (bytes: Uint8Array) => {
      if (!sniffed) sniff(bytes);
      const more = bytes.length > slice;
      pending = more ? bytes.subarray(slice) : undefined;
      splitter.write(more ? bytes.subarray(0, slice) : bytes);
      resize(Math.min(slice, bytes.length));
    };
    try {
      while (true) {
        let ended = false;
        let failure: { error: unknown } | undefined;
        try {
          if (pending !== undefined) {
            splitSome(pending);
          } else if (splitter.ahead > 0) {
            // A read in flight turns the event loop as it is awaited.
            if (sinceTurn >= TURN_BYTES && ahead?.reading === undefined) {
              sinceTurn = 0;
              await eventLoopTurn();
            }
            const n = splitter.commitAhead(slice);
            sinceTurn += n;
            resize(n);
          } else if (ahead !== undefined && !ahead.stopped) {
            signal?.throwIfAborted();
            const bytes = await ahead.next(splitter);
            if (bytes === null) ended = true;
            else {
              if (!sniffed) sniff(bytes);
              sinceTurn = splitter.commitAhead(slice);
              resize(sinceTurn);
            }
          } else if (read !== undefined) {
            // Reads in this thread take READ_AHEAD (or a larger slice) at a
            // time, straight into the line buffer, and split a slice at a
            // time; standard input's and a pipe's return what is there,
            // whole.
            const space = readNow !== undefined
              ? splitter.space(opened.rawBytes).subarray(
                0,
                Math.max(slice, READ_AHEAD),
              )
              : splitter.space();
            let n: number | null;
            if (readNow !== undefined) {
              signal?.throwIfAborted();
              reading = readNow(space);
              n = await reading;
            } else {
              reading = read(space);
              n = await unlessAborted(reading, signal);
            }
            reading = undefined;
            if (n === null) ended = true;
            else {
              if (!sniffed) sniff(space.subarray(0, n));
              splitter.readAhead(n);
              // Across reads, the reads see to the turns (fileRead's, or
              // an awaited read's own).
              sinceTurn = splitter.commitAhead(slice);
              resize(sinceTurn);
            }
          } else {
            const r = await unlessAborted(opened.chunks!.next(), signal);
            if (r.done === true) ended = true;
            else splitSome(r.value);
          }
          if (ended) splitter.end();
        } catch (error) {
          failure = { error };
        }
        // The lines before a bad one are handed on before its error.
        const settled = splitter.settled;
        const mapSettled = splitter.mapSettled;
        let chunk: Chunk<string> = splitter.take();
        if (run.several) {
          chunk.path = onePath;
          chunk.input = index;
        }
        // A fused filter whose call returned a promise or threw goes on as
        // the stage itself, from that line on.
        const keep = fused?.keep;
        if (keep !== undefined && (run.filterSteps || settled !== undefined)) {
          run.filterSteps = true;
          try {
            chunk = await (settled === undefined
              ? keep.transform(chunk)
              : keep.resume(
                chunk,
                settled.at,
                settled.result,
                settled.failed,
              )) ?? consecutive([], chunk.firstLine);
          } catch (error) {
            // Its line comes before any the reader failed at: as a stage,
            // the filter would have failed first.
            failure = { error };
            chunk = consecutive([], chunk.firstLine);
          }
        }
        // A fused map (or lines handed on as bytes) that stopped: from that
        // line on, the lines are text (the reader's caller hands them to the
        // stage itself).
        if (mapSettled !== undefined) {
          run.filterSteps = true;
          const stop = (fused!.map ?? fused!.lines)!;
          stop.text = true;
          stop.stoppedAt = mapSettled;
        }
        if (count !== undefined) {
          count.lines = linesBefore + splitter.linesSeen;
          count.bytesRead = opened.rawBytes - startOffset;
        }
        report(chunk.items, chunk.bytes);
        if (waits.length > 0) {
          const pending = waits;
          waits = [];
          try {
            await Promise.all(pending);
          } catch (error) {
            failure ??= { error };
          }
        }
        // A checkpointed run hands on where the reader stands, lines or not.
        const at = checkpointed && failure === undefined
          ? splitter.resumePoint
          : undefined;
        if (at !== undefined) {
          chunk.position = { input: index, offset: at.offset, line: at.line };
        }
        if (chunk.items.length > 0 || at !== undefined) yield chunk;
        chunk = HANDED_ON;
        if (failure !== undefined) throw failure.error;
        if (splitter.wantsSearch) {
          splitter.startSearch(
            (await import("./_literal_search.ts")).LiteralSearch,
          );
        }
        if (ended) {
          done.textBytes += splitter.bytesIn;
          done.lines += splitter.linesSeen;
          done.skipped += splitter.skipped;
          done.split += splitter.splitLines;
          if (followed?.restarted) {
            // Followed into a new file (or the same one cut shorter).
            linesBefore += splitter.linesSeen;
            splitter = newSplitter();
            continue;
          }
          done.rawBytes += opened.rawBytes - startOffset;
          done.compressed ||= compressed;
          // Read to its end, no read in flight: the next input's splitter
          // may take over its buffer (see LineSplitter.release).
          splitter.release();
          return;
        }
      }
    } finally {
      // Let a file's read still in flight (left by an abort) finish before
      // the file is closed.
      if (opened.readAhead && reading !== undefined) {
        await reading.catch(() => null);
      }
      await ahead?.settle();
      await opened.close();
    }
  }

  const source: LineSource = {
    path,
    // Not an async generator's `yield*`: that costs several promises an
    // item (a `for await` straight over readLines allocated about 880 bytes
    // a line, five times the garbage of the same loop in a pipeline).
    [Symbol.asyncIterator]: () => new ItemView(chunks(undefined, undefined)),
  };
  return register(source, {
    kind: "readLines",
    name: options.name,
    path,
    unit: "line",
    bound: `${formatBytes(bufferBytes)} buffer + the lines of one read`,
    boundBytes,
    // A filter fused into the reader would drop continuation lines before
    // the merge groups them with their line.
    fusesFilter: mergeBy === undefined,
    fatal: options.fatal === true,
    resumable: options.shard !== undefined
      ? { refused: "readLines of a shard cannot be resumed" }
      : policy?.writer !== undefined
      ? { refused: `readLines with ${DEAD_LETTER_RESUME}` }
      : mergeBy !== undefined
      ? { refused: "readLines with mergeBy cannot be resumed" }
      : expands
      ? {
        refused:
          "readLines of a glob or with recursive cannot be resumed: list the files",
      }
      : resumable(inputs, choice, follow !== false),
    // One plain file (not standard input, not compressed): workers may read
    // it in byte ranges of their own (the plan checks its content too).
    // Not with an error policy (workers have no dead letter), nor when
    // following the file (the ranges are cut once, from its size).
    // Workers decode their ranges as text, not losslessly.
    ranges: policy === undefined && follow === false && inputs.length === 1 &&
        !lossless &&
        options.shard === undefined &&
        !expands && mergeBy === undefined &&
        !isHttpUrl(inputPath(inputs[0]!) ?? "") &&
        typeof inputs[0] === "string" && inputs[0] !== "-" &&
        !compressedByName(inputs[0], choice)
      ? {
        path: inputs[0],
        maxLineBytes,
        onLongLine,
        fatal: options.fatal ?? false,
        readBytes,
      }
      : undefined,
    chunks,
  });
}
