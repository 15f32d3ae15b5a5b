// Copyright 2026 the sluice authors. MIT license.
/**
 * The error policy options of the per-item stages and of
 * {@linkcode readLines}, and the shapes of a dead letter.
 *
 * @module
 */

import type { LineTarget } from "../fs/_output.ts";

/**
 * An item that failed in a stage with a dead-letter `onError` policy, as the
 * dead letter receives it. In a file, each is one JSON line with these keys
 * (`path` and `line` are `null` when unknown; `offset` only from
 * {@linkcode readLines}).
 */
export interface FailedItem {
  /**
   * The item that failed. From {@linkcode readLines}: the line's text, with
   * invalid UTF-8 replaced by U+FFFD, or for a line longer than
   * `maxLineBytes` its first `maxLineBytes` bytes (at most 4096, never
   * cutting a character). In a file, an item that JSON cannot represent is
   * written as `String(item)`.
   */
  item: unknown;
  /** The error's message. */
  error: string;
  /** The stage's name, e.g. `"map#2"`. */
  stage: string;
  /** The input's path, or `undefined` when the source is not a file. */
  path: string | undefined;
  /** The 1-based line (or item) number, when known. */
  line: number | undefined;
  /** From {@linkcode readLines}: the byte offset of the bad byte or line. */
  offset?: number;
}

/**
 * Where a dead letter sends failed items: a path (written atomically, like
 * {@linkcode writeLines}), `"-"` for standard output, a `Deno.FsFile` or
 * `WritableStream<Uint8Array>` (JSON lines), or a function called with each
 * {@linkcode FailedItem} (awaited when it returns a promise).
 */
export type DeadLetterTarget =
  | LineTarget
  | ((failed: FailedItem) => void | Promise<void>);

/** A dead-letter sink made by {@linkcode deadLetter}, for an `onError` option. */
export interface DeadLetter {
  /** The target, in words: a quoted path, `"the stream"`, `"a function"`. */
  readonly target: string;
}

/**
 * What a stage does with an item that fails: `"fail"` stops the run with a
 * {@linkcode StageError}; `"skip"` drops the item and counts it; a
 * {@linkcode DeadLetter} drops it, counts it and sends it to the dead letter
 * with its error, stage, path and line.
 */
export type ErrorPolicy = "fail" | "skip" | DeadLetter;

/** The error policy options of {@linkcode map}, {@linkcode filter} and {@linkcode readLines}. */
export interface ErrorPolicyOptions {
  /**
   * What to do with an item whose callback throws or rejects (for
   * `readLines`: a line longer than `maxLineBytes` with `onLongLine:
   * "error"`, or invalid UTF-8 with `fatal: true`). With `"skip"` or a dead
   * letter the item is dropped and the run goes on; the summary counts the
   * stage's errors and keeps the first five messages.
   *
   * @default {"fail"}
   */
  onError?: ErrorPolicy;
  /**
   * With `onError` `"skip"` or a dead letter: stop the run with a
   * {@linkcode TooManyErrorsError} (as the `cause` of a
   * {@linkcode StageError}) when this many items have failed in this stage.
   * Counted per stage, not per run. The item that reaches the limit is still
   * sent to the dead letter.
   *
   * @default {Infinity}
   */
  maxErrors?: number;
}
