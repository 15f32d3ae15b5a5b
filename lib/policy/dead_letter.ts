// Copyright 2026 the sluice authors. MIT license.

import { DeadLetterWriter, registerDeadLetter } from "./_policy.ts";
import type { DeadLetter, DeadLetterTarget } from "./error_policy.ts";

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
