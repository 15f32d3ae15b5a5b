// Copyright 2026 the sluice authors. MIT license.
/**
 * `writeLines`, the sink of lines to a file (replaced whole, only after a run
 * that succeeded), standard output or a stream. Exported by the package's root
 * and by its own subpath, `jsr:@sluice/sluice/write-lines`: a script that
 * imports only the pieces it runs loads less code, and so holds less memory
 * (see the README's "Import only what you use").
 *
 * @module
 */

import { recordOf } from "../summary/_record.ts";
import type { LineTarget } from "../fs/_output.ts";
import { RunContext } from "../core/_context.ts";
import type { Chunk } from "../core/_chunk.ts";
import { chunksOf } from "../core/_adapters.ts";
import { register, type SinkImpl } from "../core/_registry.ts";
import { formatBytes, Summary } from "../summary/summary.ts";
import type { StageStats } from "../summary/_record.ts";
import { pathOf, targetName } from "../fs/_path.ts";
import { type OutputFormat, outputFormatByName } from "../fs/_compression.ts";
import type { Sink, StageOptions } from "../core/types.ts";
import type { LineItem, WriteSettings } from "./_write_engine.ts";

export type { LineTarget } from "../fs/_output.ts";
export type { LineItem } from "./_write_engine.ts";

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
  /**
   * A line written first, before the items, also when there are none: a
   * CSV file's header row, say. With `append`, it is written only when the
   * file is empty or new; a run resumed from a checkpoint does not write it
   * again.
   *
   * @default {undefined}
   */
  header?: string;
}

const MiB = 1024 * 1024;

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
 * The buffer is written out between chunks, a regular file in this thread
 * (as {@linkcode readLines} reads), so that no chunk of lines stays alive
 * while it is written; pipes, terminals, devices and standard output are
 * written by the runtime's threads, where a write may wait for its reader
 * while the event loop goes on.
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
  const header = options.header;
  if (header !== undefined) {
    if (typeof header !== "string") {
      throw new TypeError(
        `Cannot create writeLines stage: header must be a string, got ${typeof header}`,
      );
    }
    if (/[\r\n]/.test(header) || !header.isWellFormed()) {
      throw new RangeError(
        `Cannot create writeLines stage: header must be one line of well-formed text, got ${
          JSON.stringify(header)
        }`,
      );
    }
  }
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

  const settings: WriteSettings = {
    target,
    writeBytes,
    append,
    atomic,
    lossless,
    aroundWrite,
    name,
    format,
    header,
  };
  // The writer itself is loaded when the first run writes, not with the
  // library (README, "Layout").
  const consume = async (
    input: AsyncIterable<Chunk<LineItem>>,
    stats: StageStats,
    ctx: RunContext,
  ): Promise<void> => {
    const { writeAll } = await import("./_write_engine.ts");
    await writeAll(settings, input, stats, ctx);
  };

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
    writesLossless: lossless,
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
