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
import { checkAborted, failAt, RunContext } from "../core/_context.ts";
import type { Chunk } from "../core/_chunk.ts";
import { chunksOf } from "../core/_adapters.ts";
import { register, type SinkImpl } from "../core/_registry.ts";
import { formatBytes, Summary } from "../summary/summary.ts";
import type { StageStats } from "../summary/_record.ts";
import { pathOf } from "../fs/_path.ts";
import type { Sink, StageOptions } from "../core/types.ts";

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
   * The size of the write buffer in bytes (at least 65536). Writes are made
   * when it is full and at the end.
   *
   * @default {1048576}
   */
  writeBytes?: number;
}

/** The items {@linkcode writeLines} accepts: a line, or an array of lines. */
export type LineItem = string | readonly string[];

const MiB = 1024 * 1024;

function badItem(item: unknown): TypeError {
  const shown = typeof item === "object"
    ? Object.prototype.toString.call(item)
    : typeof item;
  return new TypeError(
    `Cannot write ${shown}: writeLines takes strings or arrays of strings`,
  );
}

/**
 * The text of a chunk: each string, or each string of each array, joined by
 * LF (the last LF is the caller's); undefined when there are no lines.
 */
function textOf(items: readonly LineItem[]): string | undefined {
  let allStrings = true;
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== "string") {
      allStrings = false;
      break;
    }
  }
  if (allStrings) return items.join("\n");
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item === "string") {
      parts.push(item);
    } else if (Array.isArray(item)) {
      for (const line of item) {
        if (typeof line !== "string") throw Object.assign(badItem(line), { i });
        parts.push(line);
      }
    } else {
      throw Object.assign(badItem(item), { i });
    }
  }
  return parts.length === 0 ? undefined : parts.join("\n");
}

/**
 * Writes strings as lines (each followed by LF) and arrays of strings (from
 * {@linkcode batch}) as one line per string. A string that contains LF
 * becomes several lines.
 *
 * Targets: a path, `"-"` for standard output, a `Deno.FsFile` (or anything
 * with a `write` method; it is not closed) or a `WritableStream<Uint8Array>`
 * (closed at the end, aborted on failure).
 *
 * A path is written atomically: to a temporary file in the same directory,
 * every write checked, then fsync and rename over the target. On any failure,
 * and when the run is aborted, the temporary file is removed and an existing
 * target is left untouched, so a failed run never leaves output that looks
 * complete. `append: true` and targets that are not regular files (devices,
 * pipes) are written in place, not atomically.
 *
 * Memory: the write buffer (`writeBytes`) plus the text of one chunk.
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
  const writeBytes = options.writeBytes ?? MiB;
  if (!Number.isSafeInteger(writeBytes) || writeBytes < 65536) {
    throw new RangeError(
      `Cannot create writeLines stage: writeBytes must be an integer of at least 65536, got ${writeBytes}`,
    );
  }
  const append = options.append ?? false;
  const name = targetName(target);

  async function consume(
    input: AsyncIterable<Chunk<LineItem>>,
    stats: StageStats,
    ctx: RunContext,
  ): Promise<void> {
    const cp = ctx.checkpoint;
    const resumablePath = typeof target === "string" || target instanceof URL
      ? pathOf(target)
      : undefined;
    const out =
      await (cp === undefined || resumablePath === undefined
        ? openOutput(target, append)
        : openPartialOutput(
          resumablePath,
          cp.resumed?.outputBytes,
          cp.resumed?.done ?? false,
          (reason) => new CheckpointError(cp.path, reason),
        )).catch((error) => {
          throw error instanceof CheckpointError
            ? error
            : annotate(error, name);
        });
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
    const flush = async () => {
      if (used === 0) return;
      try {
        await out.write(buf.subarray(0, used));
      } catch (error) {
        outputFailed = true;
        throw annotate(error, name);
      }
      ctx.summary.bytesWritten += used;
      stats.count("bytesWritten", used);
      outputBytes += used;
      used = 0;
    };
    const checkpoint = async (done: boolean) => {
      await flush();
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
    let committed = false;
    try {
      for await (const chunk of input) {
        checkAborted(ctx);
        if (chunk.items.length > 0) {
          let text: string | undefined;
          try {
            text = textOf(chunk.items);
          } catch (error) {
            const i = (error as { i?: number }).i ?? 0;
            throw failAt(error, stats, ctx, chunk, i);
          }
          if (text !== undefined) {
            stats.hold(chunk.items.length, used + text.length * 2);
            while (text.length > 0) {
              const r = encoder.encodeInto(text, buf.subarray(used));
              used += r.written;
              if (r.read === text.length) break;
              text = text.slice(r.read);
              await flush();
            }
            // The last line's LF as a byte: `text + "\n"` would be a cons
            // string that encodeInto flattens, a second copy of the chunk
            // (garbage per 256-line chunk of sort's output on the bench
            // corpus: 83 KiB, was 141).
            if (used === buf.length) await flush();
            buf[used++] = 10;
          }
          if (used > writeBytes - 1024) await flush();
        }
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
      await flush();
      // The checkpoint says "complete" before the rename, so that a run
      // stopped between the two finds the output in place.
      if (cp !== undefined) await checkpoint(true);
      try {
        await out.commit();
      } catch (error) {
        throw annotate(error, name);
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
    bound: `${formatBytes(writeBytes)} buffer + 1 chunk`,
    boundBytes: writeBytes,
    resumable: append
      ? { refused: "writeLines with append: true cannot be resumed" }
      : target === "-" ||
          !(typeof target === "string" || target instanceof URL)
      ? { refused: `writeLines to ${name} cannot be resumed, only to a file` }
      : { path: pathOf(target) },
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
