// Copyright 2026 the sluice authors. MIT license.

import { recordOf } from "../summary/_record.ts";
import {
  annotate,
  discardPartial,
  type LineTarget,
  openOutput,
  openPartialOutput,
  targetName,
} from "../fs/_output.ts";
import type { ResumePoint } from "../core/position.ts";
import { CheckpointError } from "../core/errors.ts";
import {
  checkAborted,
  failAt,
  openUnlessAborted,
  RunContext,
} from "../core/_context.ts";
import { type Chunk, encodeApart, giveBackBytes } from "../core/_chunk.ts";
import { chunksOf } from "../core/_adapters.ts";
import { register, type SinkImpl } from "../core/_registry.ts";
import { formatBytes, Summary } from "../summary/summary.ts";
import type { StageStats } from "../summary/_record.ts";
import { pathOf } from "../fs/_path.ts";
import {
  compressedOutput,
  type OutputFormat,
  outputFormatByName,
} from "./_compress.ts";
import type { Sink, StageOptions } from "../core/types.ts";
import { encodeLossless } from "./lossless.ts";

export type { LineTarget } from "../fs/_output.ts";

/** Options for {@linkcode writeLines}. */
export interface WriteLinesOptions extends StageOptions {
  /**
   * Append to the file instead of replacing it. Appending is not atomic: after
   * a failure, what was written so far stays in the file.
   *
   * @default {false}
   */
  append?: boolean;
  /**
   * Replace a file atomically: write a temporary file beside it, then rename
   * it over the target. `false` writes the file in place (truncated first):
   * for a file that must stay the same file (hard links, another owner) or
   * one in a directory this process cannot write; after a failure, what was
   * written so far stays in it.
   *
   * @default {true}
   */
  atomic?: boolean;
  /**
   * The size of the write buffer in bytes (at least 65536). Writes are made
   * when it is full and at the end.
   *
   * @default {1048576}
   */
  writeBytes?: number;
  /**
   * Compress the output: `"auto"` goes by the target's name (a path ending
   * in `.gz` is written as gzip, `.zst` as zstd, any case; anything else,
   * standard output and streams as they are); `"gzip"` or `"zstd"`
   * compresses whatever the target, `"none"` never. A compressed file is
   * still written atomically, and appending adds a gzip member or a zstd
   * frame, which readers of either format read as one.
   *
   * @default {"auto"}
   */
  compression?: "auto" | "none" | "gzip" | "zstd";
  /**
   * Write the bytes that `readLines` with `lossless: true` read: each lone
   * surrogate U+DC80-U+DCFF as the byte it stands for (see
   * {@linkcode encodeLossless}), and after a line that ends with
   * {@linkcode UNTERMINATED} no LF when it is the last line written (else
   * the mark is dropped and the LF written). Well-formed text is encoded as
   * without it, as fast.
   *
   * @default {false}
   */
  lossless?: boolean;
  /**
   * Called around each write to the target with the write to make and the
   * bytes it writes: for a program that draws on the same terminal (a
   * progress line on standard error), to clear its line before the output
   * and draw it again after. With it, each write ends with a whole line
   * (only a line longer than `writeBytes` goes in pieces). It must call
   * `write` once and wait for it.
   *
   * @default {undefined}
   */
  aroundWrite?: (
    write: () => Promise<void>,
    bytes: Uint8Array,
  ) => Promise<void>;
}

/** The items {@linkcode writeLines} accepts: a line, or an array of lines. */
export type LineItem = string | readonly string[];

/** Thrown inside the sink when standard output's reader has gone. */
const READER_GONE = new Error("Standard output's reader has gone");

const MiB = 1024 * 1024;

function badItem(item: unknown): TypeError {
  const shown = typeof item === "object"
    ? Object.prototype.toString.call(item)
    : typeof item;
  return new TypeError(
    `Cannot write ${shown}: writeLines takes strings or arrays of strings`,
  );
}

/** The text of a chunk: each string, or each string of each array, plus LF. */
/**
 * Writes strings as lines (each followed by LF) and arrays of strings (from
 * {@linkcode batch}) as one line per string. A string that contains LF
 * becomes several lines.
 *
 * Targets: a path, `"-"` for standard output, a `Deno.FsFile` (or anything
 * with a `write` method; it is not closed) or a `WritableStream<Uint8Array>`
 * (closed at the end, aborted on failure).
 *
 * When standard output's reader goes away (`script.ts | head`), the run ends
 * there, quietly and successfully, as GNU tools end on SIGPIPE: the stages
 * before it stop, and the summary row counts `readerGone`.
 *
 * A path is written atomically: to a temporary file in the same directory,
 * every write checked, then fsync and rename over the target. On any failure,
 * and when the run is aborted, the temporary file is removed and an existing
 * target is left untouched, so a failed run never leaves output that looks
 * complete. The target is respected: a symlink (also one that points to
 * nothing yet) is followed, the new file gets the old one's mode, owner and
 * group before a byte is written, and a file this process may not write is
 * refused ("Permission denied"), as is one whose replacement would not be
 * the same file (hard links; an owner it cannot give back) or that has no
 * writable directory to put a temporary file in: the error says to write it
 * in place with `atomic: false`. `append: true`, `atomic: false` and targets
 * that are not regular files (devices, pipes, also through `/dev/stdout`)
 * are written in place, not atomically, and so is a path that names an open
 * descriptor (`/dev/stdout`, `/dev/fd/N`) even when it leads to a regular
 * file (truncated first, as GNU `sort -o /dev/stdout` does). A path ending in `.gz` or `.zst` is compressed (see
 * `compression`), atomically all the same.
 *
 * Memory: the write buffer (`writeBytes`) plus at most as much again of text
 * being encoded: a chunk's lines are joined and encoded a piece at a time.
 *
 * @param target Where to write.
 * @param options `append`, `writeBytes` and the stage's name.
 * @returns The sink, to end a {@linkcode pipeline} with.
 * @throws {RangeError} When `writeBytes` is out of range.
 * @throws {TypeError} While running, when an item is not a string or an
 * array of strings.
 *
 * @example Writing to a stream
 * ```ts
 * import { map, pipeline, writeLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const decoder = new TextDecoder();
 * let text = "";
 * const stream = new WritableStream<Uint8Array>({
 *   write: (chunk) => void (text += decoder.decode(chunk)),
 * });
 * await pipeline([1, 2, 3], map((n) => `line ${n}`), writeLines(stream));
 * assert.equal(text, "line 1\nline 2\nline 3\n");
 * ```
 *
 * @example Writing back the bytes that were read
 * ```ts
 * import { pipeline, readLines, writeLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x6f, 0x6b, 0x0d, 0x0a, 0xff, 0x0a, 0x65, 0x6e, 0x64]);
 * const out: number[] = [];
 * await pipeline(
 *   readLines(ReadableStream.from([bytes]), { lossless: true, markUnterminated: true }),
 *   writeLines(new WritableStream({ write: (c) => void out.push(...c) }), { lossless: true }),
 * );
 * assert.deepEqual(new Uint8Array(out), bytes);
 * ```
 *
 * @example Writing gzip, by the target's name
 * ```ts
 * import { pipeline, readLines, writeLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await pipeline(["a", "b"], writeLines(`${dir}/out.log.gz`));
 * const lines: string[] = [];
 * for await (const line of readLines(`${dir}/out.log.gz`)) lines.push(line);
 * assert.deepEqual(lines, ["a", "b"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @example Writing a file atomically
 * ```ts ignore
 * import { filter, pipeline, readLines, writeLines } from "@sluice/sluice";
 *
 * await pipeline(
 *   readLines("app.log"),
 *   filter((line) => line.includes(" ERROR ")),
 *   writeLines("errors.log"),
 * );
 * ```
 */
export function writeLines(
  target: LineTarget,
  options: WriteLinesOptions = {},
): Sink<LineItem> {
  // 1 MiB: `bench/defaults.ts --only writeBytes` (a copy of the 256 MiB
  // corpus, V8's defaults, medians of 3): 67.2 MiB in 1.18 s; 64 KiB 80.6 MiB
  // in 1.87 s, 256 KiB 67.3 MiB in 1.40 s, 4 MiB 72.1 MiB in 1.43 s.
  const writeBytes = options.writeBytes ?? MiB;
  if (!Number.isSafeInteger(writeBytes) || writeBytes < 65536) {
    throw new RangeError(
      `Cannot create writeLines stage: writeBytes must be an integer of at least 65536, got ${writeBytes}`,
    );
  }
  // Characters of lines joined and encoded at once: a quarter of the buffer,
  // so that the joined text (at most 2 x PIECE characters, 2 bytes each)
  // never holds more than the buffer does.
  const PIECE = writeBytes >> 2;
  const append = options.append ?? false;
  const atomic = options.atomic ?? true;
  const lossless = options.lossless ?? false;
  const aroundWrite = options.aroundWrite;
  const name = targetName(target);
  const choice = options.compression ?? "auto";
  if (!["auto", "none", "gzip", "zstd"].includes(choice)) {
    throw new RangeError(
      `Cannot create writeLines stage: compression must be "auto", "none", "gzip" or "zstd", got "${choice}"`,
    );
  }
  const format: OutputFormat | undefined = choice === "auto"
    ? target !== "-" && (typeof target === "string" || target instanceof URL)
      ? outputFormatByName(pathOf(target))
      : undefined
    : choice === "none"
    ? undefined
    : choice;

  async function consume(
    input: AsyncIterable<Chunk<LineItem>>,
    stats: StageStats,
    ctx: RunContext,
  ): Promise<void> {
    const cp = ctx.checkpoint;
    const resumablePath = typeof target === "string" || target instanceof URL
      ? pathOf(target)
      : undefined;
    // Opening a FIFO waits for a reader: an abort does not.
    const opened = await openUnlessAborted(
      cp === undefined || resumablePath === undefined
        ? openOutput(target, append, atomic)
        : openPartialOutput(
          resumablePath,
          cp.resumed?.outputBytes,
          cp.resumed?.done ?? false,
          (reason) => new CheckpointError(cp.path, reason),
        ),
      ctx.signal,
      (opened) => opened.abort(ctx.signal?.reason),
    ).catch((error) => {
      if (ctx.signal?.aborted && error === ctx.signal.reason) throw error;
      throw error instanceof CheckpointError ? error : annotate(error, name);
    });
    let out = opened;
    if (aroundWrite !== undefined) {
      out = {
        write: (bytes) => aroundWrite(() => opened.write(bytes), bytes),
        commit: () => opened.commit(),
        abort: (reason) => opened.abort(reason),
      };
      if (opened.sync !== undefined) out.sync = () => opened.sync!();
    }
    if (format !== undefined) {
      try {
        out = await compressedOutput(opened, format);
      } catch (error) {
        await opened.abort(error);
        throw annotate(error, name);
      }
    }
    const buf = new Uint8Array(writeBytes);
    const encoder = new TextEncoder();
    let used = 0;
    // For checkpoints: the output's length and the source's position that
    // every byte of it accounts for.
    let outputBytes = cp?.resumed?.outputBytes ?? 0;
    let position: ResumePoint | undefined = cp?.resumed?.position;
    // Set while the output holds lines past `position` (a chunk that came
    // without one: the reader stopped on an error or is passing a long line).
    let ahead = false;
    let outputFailed = false;
    // `all`: every byte buffered. Else, with aroundWrite, whole lines
    // only (the rest stays for the next write), so that what is drawn
    // between writes (a terminal's progress line) lands between lines.
    const flush = async (all = false) => {
      if (used === 0) return;
      let n = used;
      if (!all && aroundWrite !== undefined && buf[used - 1] !== 10) {
        const lf = buf.lastIndexOf(10, used - 1);
        if (lf !== -1) n = lf + 1;
      }
      try {
        await out.write(buf.subarray(0, n));
      } catch (error) {
        outputFailed = true;
        if (target === "-" && error instanceof Deno.errors.BrokenPipe) {
          throw READER_GONE;
        }
        throw annotate(error, name);
      }
      ctx.summary.bytesWritten += n;
      stats.count("bytesWritten", n);
      outputBytes += n;
      if (n < used) buf.copyWithin(0, n, used);
      used -= n;
    };
    const checkpoint = async (done: boolean) => {
      await flush(true);
      try {
        await out.sync!();
      } catch (error) {
        outputFailed = true;
        throw annotate(error, name);
      }
      await cp!.save(
        position ?? { input: 0, offset: 0, line: 1 },
        outputBytes,
        done,
      );
    };
    // Encodes `text` and an LF. The LF goes in as a byte: `text + "\n"`
    // would be a cons string that encodeInto flattens, a second copy of the
    // text (garbage per 256-line chunk of sort's output on the bench corpus:
    // 83 KiB, was 141).
    const encodeLine = async (text: string) => {
      while (text.length > 0) {
        const r = encoder.encodeInto(text, buf.subarray(used));
        used += r.written;
        if (r.read === text.length) break;
        text = text.slice(r.read);
        await flush();
      }
      if (used === buf.length) await flush();
      buf[used++] = 10;
      if (used > writeBytes - 1024) await flush();
    };
    // Copies `bytes` into the buffer, flushing it as it fills.
    const put = async (bytes: Uint8Array) => {
      for (let at = 0; at < bytes.length;) {
        if (used === buf.length) await flush();
        const n = Math.min(bytes.length - at, buf.length - used);
        buf.set(bytes.subarray(at, at + n), used);
        used += n;
        at += n;
      }
    };
    // Lossless: the LF after a line marked UNTERMINATED is owed until
    // another line follows, and never written if none does.
    let owed = false;
    const encodeLineLossless = async (text: string) => {
      if (owed) {
        if (used === buf.length) await flush();
        buf[used++] = 10;
        owed = false;
      }
      const marked = text.charCodeAt(text.length - 1) === 0xdc0a;
      if (marked) text = text.slice(0, -1);
      if (text.isWellFormed()) {
        while (text.length > 0) {
          const r = encoder.encodeInto(text, buf.subarray(used));
          used += r.written;
          if (r.read === text.length) break;
          text = text.slice(r.read);
          await flush();
        }
      } else {
        // Lone surrogates: escaped bytes, and marks inside (lines joined
        // after a marked one) dropped.
        await put(encodeLossless(text));
      }
      if (marked) {
        owed = true;
        return;
      }
      if (used === buf.length) await flush();
      buf[used++] = 10;
      if (used > writeBytes - 1024) await flush();
    };
    const encode = lossless ? encodeLineLossless : encodeLine;
    const writeChunk = async (chunk: Chunk<LineItem>) => {
      const items = chunk.items;
      const bytes = chunk.bytes;
      if (bytes !== undefined) {
        // The lines as UTF-8 with their LFs (see Chunk.bytes): copied as
        // they are. They are well formed, so lossless or not they would
        // encode to these bytes; a line marked unterminated never comes so.
        stats.hold(items.length, used + bytes.length);
        if (owed && bytes.length > 0) {
          if (used === buf.length) await flush();
          buf[used++] = 10;
          owed = false;
        }
        await put(bytes);
        giveBackBytes(bytes);
        if (used > writeBytes - 1024) await flush();
        return;
      }
      // The usual chunk: strings, less text than a piece, joined at once.
      let chars = 0;
      for (let i = 0; i < items.length && chars < PIECE; i++) {
        const item = items[i];
        chars = typeof item === "string" ? chars + item.length + 1 : PIECE;
      }
      if (chars < PIECE) {
        // Strings, and which of them are not ASCII is known: the ASCII ones
        // are encoded in runs, the others apart (see encodeApart).
        // Lossless, only when every line is well formed and none is marked
        // unterminated (else -1: line by line, below).
        const wide = chunk.wide;
        if (wide !== undefined && wide.length > 0) {
          stats.hold(items.length, used + chars * 2);
          if (used + 3 * chars + 1 > buf.length) await flush();
          if (used + 3 * chars + 1 <= buf.length) {
            const lf = owed ? 1 : 0;
            const n = encodeApart(
              items as string[],
              wide,
              buf.subarray(used + lf),
              lossless,
            );
            if (n !== -1) {
              if (owed) buf[used] = 10;
              owed = false;
              used += lf + n;
              buf[used++] = 10;
              if (used > writeBytes - 1024) await flush();
              return;
            }
          }
        }
        const text = items.join("\n");
        stats.hold(items.length, used + text.length * 2);
        await encode(text);
        return;
      }
      // Else a piece at a time, a line longer than a piece on its own, so
      // that the text this sink makes stays under 2 x PIECE characters.
      let parts: string[] = [];
      let joined = 0;
      let held = 0;
      const encodeParts = async () => {
        if (parts.length === 0) return;
        const text = parts.join("\n");
        parts = [];
        joined = 0;
        held = Math.max(held, used + text.length * 2);
        await encode(text);
      };
      const line = async (text: string) => {
        if (text.length >= PIECE) {
          await encodeParts();
          held = Math.max(held, used);
          await encode(text);
          return;
        }
        parts.push(text);
        joined += text.length + 1;
        if (joined >= PIECE) await encodeParts();
      };
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (typeof item === "string") {
          await line(item);
        } else if (Array.isArray(item)) {
          for (const text of item) {
            if (typeof text !== "string") {
              throw failAt(badItem(text), stats, ctx, chunk, i);
            }
            await line(text);
          }
        } else {
          throw failAt(badItem(item), stats, ctx, chunk, i);
        }
      }
      await encodeParts();
      stats.hold(items.length, held);
    };
    const writeInput = async (input: AsyncIterable<Chunk<LineItem>>) => {
      for await (const chunk of input) {
        checkAborted(ctx);
        if (chunk.items.length > 0) await writeChunk(chunk);
        if (cp !== undefined) {
          if (chunk.position === undefined) {
            if (chunk.items.length > 0) ahead = true;
          } else {
            position = chunk.position;
            ahead = false;
            if (cp.due()) await checkpoint(false);
          }
        }
      }
      checkAborted(ctx);
      await flush(true);
      // The checkpoint says "complete" before the rename, so that a run
      // stopped between the two finds the output in place.
      if (cp !== undefined) await checkpoint(true);
      try {
        await out.commit();
      } catch (error) {
        throw annotate(error, name);
      }
    };
    let committed = false;
    try {
      try {
        await writeInput(input);
      } catch (error) {
        if (error !== READER_GONE) throw error;
        // Standard output's reader has gone (`... | head`): the run ends here,
        // quietly, as GNU tools end on SIGPIPE; the stages before stop.
        stats.count("readerGone", 1);
        committed = true;
        return;
      }
      committed = true;
      await cp?.remove();
    } finally {
      if (!committed) {
        // A run that stops (Ctrl-C, a failed stage) records where it stood,
        // unless its output is what failed or holds lines past the last
        // position known (the last checkpoint saved stays the one to resume).
        if (
          cp !== undefined && !outputFailed && !ahead && position !== undefined
        ) {
          await checkpoint(false).catch(() => {});
        }
        await out.abort(new Error("The run failed"));
        if (
          cp !== undefined && resumablePath !== undefined && cp.saves === 0 &&
          cp.resumed === undefined
        ) {
          await discardPartial(resumablePath);
        }
      }
    }
  }

  const impl: SinkImpl<LineItem> = {
    kind: "writeLines",
    name: options.name,
    bound: `${formatBytes(writeBytes)} buffer + as much text being encoded`,
    boundBytes: 2 * writeBytes,
    resumable: append
      ? { refused: "writeLines with append: true cannot be resumed" }
      : format !== undefined
      ? { refused: `writeLines of ${format} output cannot be resumed` }
      : !atomic
      ? { refused: "writeLines with atomic: false cannot be resumed" }
      : target === "-" ||
          !(typeof target === "string" || target instanceof URL)
      ? { refused: `writeLines to ${name} cannot be resumed, only to a file` }
      : { path: pathOf(target) },
    takesBytes: true,
    consume,
  };
  const sink = (source: AsyncIterable<LineItem>): Promise<void> => {
    const summary = new Summary();
    const stats = recordOf(summary).addStage(
      options.name ?? "writeLines",
      "writeLines",
      impl.bound,
    );
    return consume(chunksOf(source), stats, new RunContext({ summary }));
  };
  return register(sink, impl);
}
