// Copyright 2026 the sluice authors. MIT license.
/**
 * `sort`, the stage that sorts all items within a memory budget, spilling to
 * temporary files beyond it. Exported by the package's root and by its own
 * subpath, `jsr:@sluice/sluice/sort`: a script that imports only the pieces it
 * runs loads less code, and so holds less memory (see the README's "Import
 * only what you use").
 *
 * @module
 */

import type { NumericKey } from "./_numeric.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { sortStage } from "./_sort_stage.ts";

export type { NumericKey };

/** Options every stage that spills to disk takes. */
export interface SpillOptions extends StageOptions {
  /**
   * The most memory the stage may hold, in bytes or as a size: `"64MB"`
   * (10^6 bytes), `"64MiB"` or `"64M"` (2^20 bytes). Held bytes are
   * estimated as V8 spends them: 2 bytes per character of a string plus
   * headers. Beyond the budget the stage writes to temporary files. At least
   * 4096 bytes, so that tests can spill small inputs; for real inputs give
   * at least 1 MiB (the command line's least `--budget`): below it a line
   * may not fit, each run file holds a few lines, and a merge reads fewer
   * runs at once (each run takes 3 blocks of at least 4 KiB: the full
   * fan-in of 256 takes 3 MiB).
   *
   * @default {"64MiB"}
   */
  budget?: number | string;
  /**
   * The directory where the stage makes its own temporary directory,
   * `sluice-spill-<pid>-...`. It is removed when the stage ends: on success,
   * on failure, when the consumer stops early and when the run is aborted
   * (the pipeline's `signal`, which {@linkcode runScript} aborts on Ctrl-C).
   * The stage installs no signal handler and never ends the process: a
   * script that does not abort its pipeline on SIGINT, killed by Ctrl-C (or
   * any process killed with `kill -9`), leaves its directory behind until
   * the next stage that spills in the same `tempDir` removes it. On Linux
   * that stage removes the directories of processes that are gone (of the
   * same user, boot and PID namespace), never one of a running process.
   *
   * @default {the system's temporary directory ($TMPDIR or /tmp)}
   */
  tempDir?: string;
  /**
   * The most run files merged at once, each open while it is merged; more
   * runs are merged in several passes, and each pass writes and reads
   * their bytes once more. At least 2.
   *
   * @default {256}
   */
  fanIn?: number;
}

/** Options for {@linkcode sort}. */
export interface SortOptions<T, K = T> extends SpillOptions {
  /**
   * The sort key of an item, as in `sort(key, options)`. Kept for the form
   * `sort({ key })` of earlier versions; the key as first argument, as for
   * {@linkcode groupBy} and {@linkcode distinct}, is the documented form.
   *
   * @default {undefined}
   */
  key?: (item: T) => K;
  /**
   * Compares two keys (or two items, without `key`): negative when `a` comes
   * first. The default puts numbers before strings, numbers by value and
   * strings by UTF-16 code units, and items whose key is missing
   * (`undefined`, `null` or `NaN`) after all others; it throws a TypeError
   * for other keys. A `compare` of your own is given every key, missing or
   * not.
   *
   * @default {undefined}
   */
  compare?: (a: K, b: K) => number;
  /**
   * Sorts by number as GNU `sort -n` does, exactly: each key (or item,
   * without `key`) is read as the number it starts with - blanks, an
   * optional minus, digits, an optional fraction, as text in the C locale -
   * or taken as it is when it is a number or a bigint. A key without a
   * number (text that starts otherwise, `undefined`, `null`, `NaN`, any
   * other value) is missing: those items come last. However many digits a
   * number has, keys compare by value: each is sorted as a double, and when
   * a key had more significant digits than a double keeps (more than 15,
   * beyond 2^53, or outside the range of doubles), the items whose keys
   * round to the same double are put in exact order once the input is
   * read. Not with `compare`.
   *
   * @default {false}
   */
  numeric?: boolean;
  /**
   * Sorts in descending order; items with equal keys still keep their input
   * order.
   *
   * @default {false}
   */
  reverse?: boolean;
}

/**
 * Sorts all items, within a memory budget: an external merge sort. Items are
 * buffered until their estimated heap size reaches the budget, sorted, and
 * written to a temporary run file; at the end the runs are merged k-way with
 * a bounded block per run. Runs are merged as they come, whenever `fanIn` of
 * them fill a level, so that the files on disk stay few (a tiny budget over a
 * big input makes a few levels, not a file per few kilobytes). When everything fits in the budget nothing touches the disk. The
 * sort is stable: items with equal keys keep their input order.
 *
 * Items are strings (lines) or JSON-serialisable values: objects are held
 * as JSON (which is what keeps the budget honest), so a sorted object comes
 * back as `JSON.parse(JSON.stringify(item))`, except in an in-memory sort
 * without `key`. Keys are strings
 * or numbers, compared as numbers before strings; with `compare`, any JSON
 * value. The summary row shows the peak held bytes against the budget and
 * counts `runsWritten`, `bytesSpilled`, `earlyMerges` and `mergePasses`.
 *
 * A missing key - `undefined`, `null` or `NaN`, as `Number()` gives for a
 * field a line does not have - is not an error (without `compare`): those
 * items come after all the others, in input order, whether or not
 * `reverse`, and the summary row counts them as `missingKeys`. `groupBy`
 * puts them in a last group keyed `null`, and the command line's `sort -k`
 * and `group` do the same with a missing field.
 *
 * Memory: the budget (the buffer while reading, the run blocks while
 * merging), plus the chunk in hand, plus 64 KiB of items without a key
 * (more go to a temporary file, read back at the end); with `numeric`, where
 * a key was rounded, up to 4,096 items whose keys are one double (a longer
 * run of them is sorted within the budget).
 *
 * The key comes first, as for {@linkcode groupBy} and {@linkcode distinct}:
 * `sort(key, options)`, or `sort(options)` to compare the items themselves.
 * The form `sort({ key, ... })` of earlier versions is still accepted.
 *
 * @typeParam T The items.
 * @typeParam K The keys.
 * @param key The sort key of an item: a string or a number, or any JSON value
 * when `compare` is given. Without it items are compared themselves.
 * @param options Compare, order, budget, temporary directory and fan-in, and
 * the stage's name.
 * @returns The stage.
 * @throws {RangeError} When the budget or fan-in is out of range.
 * @throws {TypeError} When `key` or `compare` is not a function; while
 * running, when a key is neither a string, a number nor missing (without
 * `compare`) or an item cannot be written as JSON.
 *
 * @example Requests by latency, slowest first
 * ```ts
 * import { pipeline, sort } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["a latency_ms=30", "b latency_ms=900", "c latency_ms=30"];
 * const out: string[] = [];
 * for await (
 *   const line of pipeline(
 *     lines,
 *     sort((l) => Number(l.split("=")[1]), { reverse: true, budget: "64MB" }),
 *   )
 * ) out.push(line);
 * assert.deepEqual(out, ["b latency_ms=900", "a latency_ms=30", "c latency_ms=30"]);
 * ```
 *
 * @example Lines without the key come last, in input order
 * ```ts
 * import { pipeline, sort } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["a ms=30", "b (no ms)", "c ms=900", "d (no ms)"];
 * const ms = (l: string) => Number(/ms=(\d+)/.exec(l)?.[1]); // NaN if none
 * const run = pipeline(lines, sort(ms, { reverse: true }));
 * const out: string[] = [];
 * for await (const line of run) out.push(line);
 * assert.deepEqual(out, ["c ms=900", "a ms=30", "b (no ms)", "d (no ms)"]);
 * assert.equal(run.summary.stages[1]!.counters.missingKeys, 2);
 * ```
 *
 * @example Numbers in text, exactly, as GNU sort -n reads them
 * ```ts
 * import { pipeline, sort } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * // Both ids are the double 2^53: only their digits order them.
 * const lines = ["id=9007199254740993 b", "id=10 c", "id=9007199254740992 a", "-"];
 * const id = (l: string) => l.slice(3);
 * const out: string[] = [];
 * for await (const line of pipeline(lines, sort(id, { numeric: true }))) {
 *   out.push(line);
 * }
 * assert.deepEqual(out, [
 *   "id=10 c",
 *   "id=9007199254740992 a",
 *   "id=9007199254740993 b",
 *   "-",
 * ]);
 * ```
 *
 * @example A custom comparator over objects, with a tiny budget
 * ```ts
 * import { pipeline, sort } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i, v: i % 7 }));
 * const run = pipeline(
 *   rows,
 *   sort({ compare: (a, b) => a.v - b.v || b.id - a.id, budget: 4096 }),
 * );
 * const out: { id: number; v: number }[] = [];
 * for await (const row of run) out.push(row);
 * assert.deepEqual(out[0], { id: 994, v: 0 });
 * assert.ok(run.summary.stages[1]!.counters.runsWritten! > 1);
 * ```
 */
export function sort<T, K = T>(
  key: (item: T) => K,
  options?: Omit<SortOptions<T, K>, "key">,
): Stage<T, T>;
/**
 * Sorts all items within a memory budget, comparing the items themselves
 * (or their `key`, in the form of earlier versions): see the form with a
 * key argument for the details.
 *
 * @typeParam T The items.
 * @typeParam K The keys.
 * @param options Compare, order, budget, temporary directory and fan-in,
 * and the stage's name.
 * @returns The stage.
 *
 * @example Lines in byte order
 * ```ts
 * import { pipeline, sort } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out: string[] = [];
 * for await (const l of pipeline(["b", "c", "a"], sort())) out.push(l);
 * assert.deepEqual(out, ["a", "b", "c"]);
 * ```
 */
export function sort<T, K = T>(options?: SortOptions<T, K>): Stage<T, T>;
export function sort<T, K = T>(
  keyOrOptions?: ((item: T) => K) | SortOptions<T, K>,
  rest: SortOptions<T, K> = {},
): Stage<T, T> {
  const options: SortOptions<T, K> =
    typeof keyOrOptions === "object" && keyOrOptions !== null
      ? keyOrOptions
      : keyOrOptions === undefined
      ? rest
      // A key that is not a function is refused below, naming the key.
      : { ...rest, key: keyOrOptions as (item: T) => K };
  return sortStage<T, K, T>(options, null);
}
