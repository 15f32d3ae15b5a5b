// Copyright 2026 the sluice authors. MIT license.
// The writer behind writeLines: one buffer, filled with each chunk's lines
// (or its bytes) and written through the output's checked writes; the
// checkpoints of a resumable run. Loaded when a run first writes, not with
// the library (README, "Layout").

import {
  annotate,
  discardPartial,
  type LineTarget,
  openOutput,
  openPartialOutput,
} from "../fs/_output.ts";
import type { ResumePoint } from "../core/position.ts";
import { CheckpointError } from "../core/errors.ts";
import {
  checkAborted,
  failAt,
  openUnlessAborted,
  type RunContext,
} from "../core/_context.ts";
import { type Chunk, encodeApart, giveBackBytes } from "../core/_chunk.ts";
import type { StageStats } from "../summary/_record.ts";
import { pathOf } from "../fs/_path.ts";
import type { OutputFormat } from "../fs/_compression.ts";
import { encodeLossless } from "./lossless.ts";

/** The items {@linkcode writeLines} accepts: a line, or an array of lines. */
export type LineItem = string | readonly string[];

/** What a writeLines sink was made with, for its writer. */
export interface WriteSettings {
  target: LineTarget;
  writeBytes: number;
  append: boolean;
  atomic: boolean;
  lossless: boolean;
  aroundWrite:
    | ((write: () => Promise<void>, bytes: Uint8Array) => Promise<void>)
    | undefined;
  name: string;
  format: OutputFormat | undefined;
  /** A line to write before the items (see WriteLinesOptions.header). */
  header: string | undefined;
}

/** Thrown inside the sink when standard output's reader has gone. */
const READER_GONE = new Error("Standard output's reader has gone");

function badItem(item: unknown): TypeError {
  const shown = typeof item === "object"
    ? Object.prototype.toString.call(item)
    : typeof item;
  return new TypeError(
    `Cannot write ${shown}: writeLines takes strings or arrays of strings`,
  );
}

/** Writes the lines of `input` to the target of `settings`, then commits. */
export async function writeAll(
  settings: WriteSettings,
  input: AsyncIterable<Chunk<LineItem>>,
  stats: StageStats,
  ctx: RunContext,
): Promise<void> {
  const {
    target,
    writeBytes,
    append,
    atomic,
    lossless,
    aroundWrite,
    name,
    format,
    header,
  } = settings;
  // Characters of lines joined and encoded at once: a quarter of the buffer,
  // so that the joined text (at most 2 x PIECE characters, 2 bytes each)
  // never holds more than the buffer does.
  const PIECE = writeBytes >> 2;
  const cp = ctx.checkpoint;
  const resumablePath = typeof target === "string" || target instanceof URL
    ? pathOf(target)
    : undefined;
  // The header goes first: not into a file appended to that has lines, nor
  // after a checkpoint, which resumes past it.
  let headerDue = header !== undefined && !(cp?.resumed?.outputBytes);
  if (headerDue && append && resumablePath !== undefined) {
    const size = await Deno.stat(resumablePath).then(
      (info) => info.size,
      (error) => {
        if (error instanceof Deno.errors.NotFound) return 0;
        throw annotate(error, name);
      },
    );
    headerDue = size === 0;
  }
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
      // The compressors load only for a compressed output.
      const { compressedOutput } = await import("./_compress.ts");
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
  // Encodes `text` (well formed) into the buffer, flushing it as it fills.
  const encodeText = async (text: string) => {
    while (text.length > 0) {
      const r = encoder.encodeInto(text, buf.subarray(used));
      used += r.written;
      if (r.read === text.length) break;
      text = text.slice(r.read);
      await flush();
    }
  };
  const encodeLine = async (text: string) => {
    await encodeText(text);
    if (used === buf.length) await flush();
    buf[used++] = 10;
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
      await encodeText(text);
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
  };
  const encode = lossless ? encodeLineLossless : encodeLine;
  // Lines whose non-ASCII ones are known (`wide`), encoded into the buffer,
  // which has room for 3 bytes a character: the ASCII ones in runs, the
  // others apart (see encodeApart). False when encodeApart cannot (lossless,
  // a line not well formed or marked unterminated), and nothing was written.
  const putApart = (items: string[], wide: number[]): boolean => {
    const lf = owed ? 1 : 0;
    const n = encodeApart(items, wide, buf.subarray(used + lf), lossless);
    if (n === -1) return false;
    if (owed) buf[used] = 10;
    owed = false;
    used += lf + n;
    buf[used++] = 10;
    return true;
  };
  const writeChunk = async (chunk: Chunk<LineItem>) => {
    const items = chunk.items;
    const bytes = chunk.bytes;
    if (bytes !== undefined) {
      // The lines as UTF-8 with their LFs (see Chunk.bytes): copied as
      // they are. They are well formed, so lossless or not they would
      // encode to these bytes, or, for a lossless writer only, a lossless
      // reader's bytes as read (see SinkImpl.writesLossless); a line marked
      // unterminated never comes so.
      stats.hold(items.length, used + bytes.length);
      if (owed && bytes.length > 0) {
        if (used === buf.length) await flush();
        buf[used++] = 10;
        owed = false;
      }
      await put(bytes);
      giveBackBytes(bytes);
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
        if (
          used + 3 * chars + 1 <= buf.length &&
          putApart(items as string[], wide)
        ) {
          return;
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
  // writeChunk's usual cases, in this function when the chunk surely fits
  // in the buffer (see writeInput); false when they do not apply, and
  // nothing was written.
  const writeNow = (chunk: Chunk<LineItem>): boolean => {
    const items = chunk.items;
    const bytes = chunk.bytes;
    if (bytes !== undefined) {
      if (used + bytes.length + 1 > buf.length) return false;
      stats.hold(items.length, used + bytes.length);
      if (owed && bytes.length > 0) {
        buf[used++] = 10;
        owed = false;
      }
      buf.set(bytes, used);
      used += bytes.length;
      giveBackBytes(bytes);
      return true;
    }
    let chars = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== "string") return false;
      chars += item.length + 1;
      if (chars >= PIECE) return false;
    }
    if (used + 3 * chars + 1 > buf.length) return false;
    const wide = chunk.wide;
    if (wide !== undefined && wide.length > 0) {
      stats.hold(items.length, used + chars * 2);
      return putApart(items as string[], wide);
    }
    if (lossless) return false;
    const text = items.join("\n");
    stats.hold(items.length, used + text.length * 2);
    used += encoder.encodeInto(text, buf.subarray(used)).written;
    buf[used++] = 10;
    return true;
  };
  // What the last chunk added to the output, to know whether the next one
  // like it would fit in the buffer.
  let lastBytes = 0;
  // After a chunk written from `before` on: whether a checkpoint is due.
  const settle = (chunk: Chunk<LineItem>, before: number): boolean => {
    lastBytes = outputBytes + used - before;
    if (cp === undefined) return false;
    if (chunk.position === undefined) {
      if (chunk.items.length > 0) ahead = true;
      return false;
    }
    position = chunk.position;
    ahead = false;
    return cp.due();
  };
  // writeChunk, and settle, for a chunk that writeNow did not take.
  const writeLater = async (
    chunk: Chunk<LineItem>,
    before: number,
  ): Promise<boolean> => {
    await writeChunk(chunk);
    return settle(chunk, before);
  };
  // The buffer is written out between chunks, when the next chunk like the
  // last would not fit, rather than when a chunk's text fills it, and the
  // loop lets go of each chunk before it awaits anything, so that no chunk
  // is alive while the write is under way (and, on the runtime's threads,
  // the stages before go on allocating; see writerOf) or while the next is
  // made. A copy of the 256 MiB bench corpus (`readLines` to `writeLines`)
  // found a chunk alive (its lines, and the text they are slices of: about
  // 25 KB) at a tenth of V8's scavenges, the mean survivor 6.1 KB against a
  // median of 1.6; after this and writes in this thread, none. V8 grows its
  // young generation once the survivors add up to its size.
  const writeInput = async (input: AsyncIterable<Chunk<LineItem>>) => {
    const chunks = input[Symbol.asyncIterator]();
    let step: IteratorResult<Chunk<LineItem>> | undefined;
    // Set when the input itself failed: then, as with `for await`, it is
    // not closed.
    let inputFailed = false;
    try {
      if (headerDue) await encodeLine(header!);
      while (true) {
        try {
          step = await chunks.next();
        } catch (error) {
          inputFailed = true;
          throw error;
        }
        if (step.done) break;
        checkAborted(ctx);
        const before = outputBytes + used;
        const due = step.value.items.length === 0 || writeNow(step.value)
          ? settle(step.value, before)
          : await writeLater(step.value, before);
        step = undefined;
        if (used > 0 && used + Math.max(lastBytes, 1024) > buf.length) {
          await flush();
        }
        if (due) await checkpoint(false);
      }
    } catch (error) {
      step = undefined;
      // As `for await` does: the input is closed (unless it failed itself),
      // and the error stands.
      if (inputFailed) throw error;
      try {
        await chunks.return?.();
      } catch {
        // The first error is the one to report.
      }
      throw error;
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
