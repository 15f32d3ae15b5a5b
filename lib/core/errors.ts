// Copyright 2026 the sluice authors. MIT license.
/**
 * The error classes sluice throws, each carrying where it happened.
 *
 * @module
 */

import type { LinePosition } from "./position.ts";

function where(pos: LinePosition): string {
  const input = pos.path === undefined ? "the input" : `"${pos.path}"`;
  return pos.linesFrom === undefined
    ? input
    : `${input} (counted from the shard's first line, at byte offset ${pos.linesFrom})`;
}

/**
 * Thrown by {@linkcode readLines} when a line is longer than `maxLineBytes`
 * and the policy is `"error"`.
 *
 * @example Catching a line that is too long
 * ```ts
 * import { LineTooLongError, readLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const input = ReadableStream.from([new TextEncoder().encode("ok\n0123456789\n")]);
 * const lines: string[] = [];
 * try {
 *   for await (const line of readLines(input, { maxLineBytes: 8 })) lines.push(line);
 * } catch (error) {
 *   assert.ok(error instanceof LineTooLongError);
 *   assert.equal(error.line, 2);
 *   assert.equal(error.offset, 3);
 * }
 * assert.deepEqual(lines, ["ok"]);
 * ```
 */
export class LineTooLongError extends RangeError implements LinePosition {
  /** The input's path, or `undefined` for streams. */
  readonly path: string | undefined;
  /** The 1-based number of the line that is too long. */
  readonly line: number;
  /** The byte offset at which the line starts. */
  readonly offset: number;
  /** The limit that was exceeded, in bytes. */
  readonly maxLineBytes: number;

  /**
   * Creates the error.
   *
   * @param pos Where the line starts.
   * @param maxLineBytes The limit that was exceeded.
   */
  constructor(pos: LinePosition, maxLineBytes: number) {
    super(
      `Line ${pos.line} of ${
        where(pos)
      } is longer than maxLineBytes (${maxLineBytes}) at byte offset ${pos.offset}: raise maxLineBytes or set onLongLine to "split" or "skip"`,
    );
    this.name = "LineTooLongError";
    this.path = pos.path;
    this.line = pos.line;
    this.offset = pos.offset;
    this.maxLineBytes = maxLineBytes;
  }
}

/**
 * Thrown by {@linkcode readLines} with `fatal: true` when the input is not
 * valid UTF-8. `offset` is the offset of the first invalid byte.
 *
 * @example Rejecting invalid UTF-8
 * ```ts
 * import { InvalidUtf8Error, readLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const input = ReadableStream.from([new Uint8Array([0x61, 0x0a, 0x62, 0xff])]);
 * await assert.rejects(
 *   async () => {
 *     for await (const _ of readLines(input, { fatal: true }));
 *   },
 *   (error) => error instanceof InvalidUtf8Error && error.line === 2 && error.offset === 3,
 * );
 * ```
 */
export class InvalidUtf8Error extends TypeError implements LinePosition {
  /** The input's path, or `undefined` for streams. */
  readonly path: string | undefined;
  /** The 1-based number of the line with the invalid byte. */
  readonly line: number;
  /** The byte offset of the first invalid byte. */
  readonly offset: number;

  /**
   * Creates the error.
   *
   * @param pos The line and the offset of the first invalid byte.
   */
  constructor(pos: LinePosition) {
    super(
      `Line ${pos.line} of ${
        where(pos)
      } is not valid UTF-8 at byte offset ${pos.offset}`,
    );
    this.name = "InvalidUtf8Error";
    this.path = pos.path;
    this.line = pos.line;
    this.offset = pos.offset;
  }
}

/**
 * Thrown by {@linkcode readLines} when compressed input cannot be
 * decompressed: the data is corrupt or truncated, or it is in a format that
 * sluice cannot decode (bzip2, xz, lz4: the message says which command to
 * pipe it through instead). It names the input and the offset in the
 * compressed bytes; the decompressor's own error, if any, is `cause`.
 *
 * @example Reading a truncated gzip stream
 * ```ts
 * import { DecompressionError, readLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const text = new TextEncoder().encode("one\ntwo\n");
 * const packed = await new Response(
 *   ReadableStream.from([text]).pipeThrough(new CompressionStream("gzip")),
 * ).bytes();
 * const cut = packed.subarray(0, packed.length - 4);
 * await assert.rejects(
 *   async () => {
 *     for await (const _ of readLines(ReadableStream.from([cut])));
 *   },
 *   (error) =>
 *     error instanceof DecompressionError && error.format === "gzip" &&
 *     error.offset === cut.length,
 * );
 * ```
 */
export class DecompressionError extends TypeError {
  /** The input's path, or `undefined` for streams. */
  readonly path: string | undefined;
  /** The compression format: `"gzip"`, `"zstd"`, `"brotli"`, `"bzip2"`, `"xz"` or `"lz4"`. */
  readonly format: string;
  /**
   * The offset in the compressed bytes where the problem was found: where
   * the data ended, for truncated data; where a frame or member could not
   * be read, for a damaged header; for damage inside compressed blocks, the
   * end of the bytes the decompressor had been given (at most 64 KiB past
   * the damage).
   */
  readonly offset: number;

  /**
   * Creates the error.
   *
   * @param path The input's path, or `undefined` for streams.
   * @param format The compression format.
   * @param offset The offset in the compressed bytes.
   * @param problem What is wrong, to follow the input's name in the message.
   * @param cause The decompressor's own error, if any.
   */
  constructor(
    path: string | undefined,
    format: string,
    offset: number,
    problem: string,
    cause?: unknown,
  ) {
    super(
      `Cannot decompress ${
        path === undefined
          ? "the input"
          : path === "-"
          ? "standard input"
          : `"${path}"`
      } (${format}): ${problem}`,
      cause === undefined ? undefined : { cause },
    );
    this.name = "DecompressionError";
    this.path = path;
    this.format = format;
    this.offset = offset;
  }
}

/**
 * The error a {@linkcode pipeline} rejects with when a stage throws. It names
 * the stage, the input path and the line (or item) being processed; the
 * original error is kept as `cause`.
 *
 * For a built-in stage, `line` is the input line the failing item came from.
 * For a user's own stage it is the last line handed to that stage.
 *
 * @example Finding the line that broke a map callback
 * ```ts
 * import { map, pipeline, StageError } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const run = pipeline(["1", "2", "x"], map((s) => {
 *   if (Number.isNaN(Number(s))) throw new SyntaxError(`not a number: ${s}`);
 *   return Number(s);
 * }));
 * await assert.rejects(async () => {
 *   for await (const _ of run);
 * }, (error) => error instanceof StageError && error.stage === "map#2" && error.line === 3);
 * ```
 */
export class StageError extends Error {
  /** The stage's name, e.g. `"map#2"`. */
  readonly stage: string;
  /** The input's path, or `undefined` when the source is not a file. */
  readonly path: string | undefined;
  /**
   * The 1-based line (for a line source) or item number (for other sources)
   * being processed, or `undefined` when it is not known.
   */
  readonly line: number | undefined;

  /**
   * Creates the error.
   *
   * @param stage The stage's name.
   * @param path The input's path.
   * @param line The line or item number.
   * @param cause The error the stage threw.
   * @param unit What `line` counts: `"line"` or `"item"`.
   */
  constructor(
    stage: string,
    path: string | undefined,
    line: number | undefined,
    cause: unknown,
    unit: "line" | "item" = "line",
  ) {
    const at = line === undefined
      ? ""
      : unit === "line"
      ? ` at line ${line}${path === undefined ? "" : ` of "${path}"`}`
      : ` at item ${line}`;
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`Stage "${stage}" failed${at}: ${detail}`, { cause });
    this.name = "StageError";
    this.stage = stage;
    this.path = path;
    this.line = line;
  }
}

/**
 * The cause of the {@linkcode StageError} that stops a run when a stage with
 * an `onError` policy of `"skip"` or a dead letter has seen `maxErrors`
 * items fail. The last item's error is kept as `cause`.
 *
 * @example Stopping after too many bad lines
 * ```ts
 * import { map, pipeline, StageError, TooManyErrorsError } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const run = pipeline(["1", "x", "2", "y"], map((s) => {
 *   if (Number.isNaN(Number(s))) throw new SyntaxError(`not a number: ${s}`);
 *   return Number(s);
 * }, { onError: "skip", maxErrors: 2 }));
 * await assert.rejects(async () => {
 *   for await (const _ of run);
 * }, (error) =>
 *   error instanceof StageError && error.line === 4 &&
 *   error.cause instanceof TooManyErrorsError && error.cause.maxErrors === 2);
 * ```
 */
export class TooManyErrorsError extends RangeError {
  /** The stage's name, e.g. `"map#2"`. */
  readonly stage: string;
  /** The limit that was reached: how many items failed in the stage. */
  readonly maxErrors: number;

  /**
   * Creates the error.
   *
   * @param stage The stage's name.
   * @param maxErrors The limit that was reached.
   * @param last The error of the last item that failed.
   */
  constructor(stage: string, maxErrors: number, last: unknown) {
    const detail = last instanceof Error ? last.message : String(last);
    super(
      `${maxErrors} ${
        maxErrors === 1 ? "item" : "items"
      } failed, the limit set by maxErrors; the last: ${detail}`,
      { cause: last },
    );
    this.name = "TooManyErrorsError";
    this.stage = stage;
    this.maxErrors = maxErrors;
  }
}

/**
 * Thrown by a {@linkcode pipeline} with a checkpoint when the checkpoint
 * cannot be resumed from: it was written by another pipeline, for other
 * inputs or another output, an input changed since (it is smaller than it
 * was, or its first 64 KiB differ), or the partial output is missing or
 * shorter than recorded. Remove the checkpoint file to start over.
 *
 * @example Refusing an input that changed since the checkpoint
 * ```ts ignore
 * import { CheckpointError, pipeline, readLines, writeLines } from "@sluice/sluice";
 *
 * try {
 *   await pipeline(readLines("app.log"), writeLines("out.log"), {
 *     checkpoint: "out.checkpoint",
 *   });
 * } catch (error) {
 *   if (!(error instanceof CheckpointError)) throw error;
 *   console.error(error.message); // names the file that changed
 * }
 * ```
 */
export class CheckpointError extends Error {
  /** The checkpoint file. */
  readonly checkpoint: string;

  /**
   * Creates the error.
   *
   * @param checkpoint The checkpoint file.
   * @param reason Why it cannot be resumed from.
   */
  constructor(checkpoint: string, reason: string) {
    super(
      `Cannot resume from checkpoint "${checkpoint}": ${reason}; remove it to start over`,
    );
    this.name = "CheckpointError";
    this.checkpoint = checkpoint;
  }
}

/**
 * What a script's {@linkcode ScriptContext.usageError} throws: the command
 * line was wrong. {@linkcode runScript} prints the message with a pointer to
 * `--help` and ends with exit status 2; thrown from elsewhere, it is an
 * ordinary error.
 *
 * @example Refusing a bad option value
 * ```ts
 * import { runScript, UsageError } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * let caught: unknown;
 * const status = await runScript(
 *   {
 *     name: "demo",
 *     usage: "[-n N]",
 *     description: "Shows a usage error.",
 *     options: { n: { type: "string", description: "how many" } },
 *   },
 *   async (ctx) => {
 *     try {
 *       ctx.usageError("-n must be a number");
 *     } catch (error) {
 *       caught = error;
 *       throw error;
 *     }
 *   },
 *   { args: ["-n", "x"] },
 * );
 * assert.equal(status, 2);
 * assert.ok(caught instanceof UsageError);
 * ```
 */
export class UsageError extends Error {
  /**
   * Creates the error.
   *
   * @param message What is wrong with the command line.
   */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
