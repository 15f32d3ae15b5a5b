// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/core/errors.ts
function where(pos) {
  const input = pos.path === void 0 ? "the input" : `"${pos.path}"`;
  return pos.linesFrom === void 0 ? input : `${input} (counted from the shard's first line, at byte offset ${pos.linesFrom})`;
}
var LineTooLongError = class extends RangeError {
  /** The input's path, or `undefined` for streams. */
  path;
  /** The 1-based number of the line that is too long. */
  line;
  /** The byte offset at which the line starts. */
  offset;
  /** The limit that was exceeded, in bytes. */
  maxLineBytes;
  /**
   * Creates the error.
   *
   * @param pos Where the line starts.
   * @param maxLineBytes The limit that was exceeded.
   */
  constructor(pos, maxLineBytes) {
    super(`Line ${pos.line} of ${where(pos)} is longer than maxLineBytes (${maxLineBytes}) at byte offset ${pos.offset}: raise maxLineBytes or set onLongLine to "split" or "skip"`);
    this.name = "LineTooLongError";
    this.path = pos.path;
    this.line = pos.line;
    this.offset = pos.offset;
    this.maxLineBytes = maxLineBytes;
  }
};
var InvalidUtf8Error = class extends TypeError {
  /** The input's path, or `undefined` for streams. */
  path;
  /** The 1-based number of the line with the invalid byte. */
  line;
  /** The byte offset of the first invalid byte. */
  offset;
  /**
   * Creates the error.
   *
   * @param pos The line and the offset of the first invalid byte.
   */
  constructor(pos) {
    super(`Line ${pos.line} of ${where(pos)} is not valid UTF-8 at byte offset ${pos.offset}`);
    this.name = "InvalidUtf8Error";
    this.path = pos.path;
    this.line = pos.line;
    this.offset = pos.offset;
  }
};
var DecompressionError = class extends TypeError {
  /** The input's path, or `undefined` for streams. */
  path;
  /** The compression format: `"gzip"`, `"zstd"`, `"brotli"`, `"bzip2"`, `"xz"` or `"lz4"`. */
  format;
  /**
   * The offset in the compressed bytes where the problem was found: where
   * the data ended, for truncated data; where a frame or member could not
   * be read, for a damaged header; for damage inside compressed blocks, the
   * end of the bytes the decompressor had been given (at most 64 KiB past
   * the damage).
   */
  offset;
  /**
   * Creates the error.
   *
   * @param path The input's path, or `undefined` for streams.
   * @param format The compression format.
   * @param offset The offset in the compressed bytes.
   * @param problem What is wrong, to follow the input's name in the message.
   * @param cause The decompressor's own error, if any.
   */
  constructor(path, format, offset, problem, cause) {
    super(`Cannot decompress ${path === void 0 ? "the input" : path === "-" ? "standard input" : `"${path}"`} (${format}): ${problem}`, cause === void 0 ? void 0 : {
      cause
    });
    this.name = "DecompressionError";
    this.path = path;
    this.format = format;
    this.offset = offset;
  }
};
var StageError = class extends Error {
  /** The stage's name, e.g. `"map#2"`. */
  stage;
  /** The input's path, or `undefined` when the source is not a file. */
  path;
  /**
   * The 1-based line (for a line source) or item number (for other sources)
   * being processed, or `undefined` when it is not known.
   */
  line;
  /**
   * Creates the error.
   *
   * @param stage The stage's name.
   * @param path The input's path.
   * @param line The line or item number.
   * @param cause The error the stage threw.
   * @param unit What `line` counts: `"line"` or `"item"`.
   */
  constructor(stage, path, line, cause, unit = "line") {
    const at = line === void 0 ? "" : unit === "line" ? ` at line ${line}${path === void 0 ? "" : ` of "${path}"`}` : ` at item ${line}`;
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`Stage "${stage}" failed${at}: ${detail}`, {
      cause
    });
    this.name = "StageError";
    this.stage = stage;
    this.path = path;
    this.line = line;
  }
};
var TooManyErrorsError = class extends RangeError {
  /** The stage's name, e.g. `"map#2"`. */
  stage;
  /** The limit that was reached: how many items failed in the stage. */
  maxErrors;
  /**
   * Creates the error.
   *
   * @param stage The stage's name.
   * @param maxErrors The limit that was reached.
   * @param last The error of the last item that failed.
   */
  constructor(stage, maxErrors, last) {
    const detail = last instanceof Error ? last.message : String(last);
    super(`${maxErrors} ${maxErrors === 1 ? "item" : "items"} failed, the limit set by maxErrors; the last: ${detail}`, {
      cause: last
    });
    this.name = "TooManyErrorsError";
    this.stage = stage;
    this.maxErrors = maxErrors;
  }
};
var CheckpointError = class extends Error {
  /** The checkpoint file. */
  checkpoint;
  /**
   * Creates the error.
   *
   * @param checkpoint The checkpoint file.
   * @param reason Why it cannot be resumed from.
   */
  constructor(checkpoint, reason) {
    super(`Cannot resume from checkpoint "${checkpoint}": ${reason}; remove it to start over`);
    this.name = "CheckpointError";
    this.checkpoint = checkpoint;
  }
};
var UsageError = class extends Error {
  /**
   * Creates the error.
   *
   * @param message What is wrong with the command line.
   */
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};

export {
  LineTooLongError,
  InvalidUtf8Error,
  DecompressionError,
  StageError,
  TooManyErrorsError,
  CheckpointError,
  UsageError
};
