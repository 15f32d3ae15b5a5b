// Copyright 2026 the sluice authors. MIT license.

import type { LineTarget } from "../fs/_output.ts";
import { DeadLetterWriter, registerDeadLetter } from "./_policy.ts";

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

/**
 * Makes a dead letter: a sink for the items that fail in a stage, for the
 * `onError` option of {@linkcode map}, {@linkcode filter} and
 * {@linkcode readLines}. Several stages may share one dead letter (make one
 * and pass it to each: two dead letters to the same path would replace each
 * other's file).
 *
 * To a path, the failed items are written as JSON lines (see
 * {@linkcode FailedItem}) like any other output: to a temporary file in the
 * same directory, every write checked, then fsync and rename when the run
 * ends. The file is opened when the run starts (so a bad path fails at
 * once) and is written even when no item failed (then empty), replacing an
 * older one. Dead letters are diagnostics: they are committed also when the
 * run fails or is aborted, holding the items that failed before the stop;
 * the run's rejection (and the summary's status) tells that the run did not
 * finish. If writing the dead letter itself fails, its temporary file is
 * removed and the run fails.
 *
 * Memory: up to 64 Ki characters of records waiting to be written, plus the
 * record at hand.
 *
 * @param target Where the failed items go.
 * @returns The dead letter, for an `onError` option.
 *
 * @example Collecting the lines a parser could not read
 * ```ts
 * import { deadLetter, type FailedItem, map, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const failed: FailedItem[] = [];
 * const summary = await pipeline(
 *   ['{"a":1}', "oops", '{"a":2}'],
 *   map((line) => JSON.parse(line).a as number, {
 *     onError: deadLetter((f) => void failed.push(f)),
 *   }),
 *   async (numbers) => {
 *     for await (const n of numbers) assert.ok(n > 0);
 *   },
 * );
 * assert.equal(failed.length, 1);
 * assert.equal(failed[0]!.item, "oops");
 * assert.equal(failed[0]!.line, 2);
 * assert.equal(failed[0]!.stage, "map#2");
 * assert.equal(summary.stages[1]!.errors, 1);
 * ```
 *
 * @example Writing failed lines to a file
 * ```ts ignore
 * import { deadLetter, map, pipeline, readLines, writeLines } from "@sluice/sluice";
 *
 * const bad = deadLetter("bad.jsonl"); // one dead letter for both stages
 * await pipeline(
 *   readLines("app.jsonl", { fatal: true, onError: bad }),
 *   map((line) => JSON.stringify(JSON.parse(line).msg), {
 *     onError: bad,
 *     maxErrors: 1000,
 *   }),
 *   writeLines("messages.jsonl"),
 * );
 * ```
 */
export function deadLetter(target: DeadLetterTarget): DeadLetter {
  const writer = new DeadLetterWriter(target);
  return registerDeadLetter({ target: writer.name }, writer);
}
