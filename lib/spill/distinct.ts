// Copyright 2026 the sluice authors. MIT license.
/**
 * `distinct`, the stage that keeps the first item of each key within a memory
 * budget. Exported by the package's root and by its own subpath,
 * `jsr:@sluice/sluice/distinct`: a script that imports only the pieces it runs
 * loads less code, and so holds less memory (see the README's "Import only
 * what you use").
 *
 * @module
 */

import type {
  Entries,
  ExternalSorter,
  SorterOptions,
} from "./_external_sort.ts";
import type { RunWriter } from "./_spill.ts";
import { defaultCompare, isPlainKey, jsonOf } from "./_keys.ts";
import { defineStage } from "../core/_define.ts";
import { failAt } from "../core/_context.ts";
import { requireFunction } from "../core/_registry.ts";
import {
  type Chunk,
  ChunkBuilder,
  giveBackBytes,
  lineOf,
  numbered,
} from "../core/_chunk.ts";
import { closeEarly } from "../core/_adapters.ts";
import { spillSettings } from "./_budget.ts";
import type { SpillOptions } from "./sort.ts";
import { formatBytes } from "../summary/summary.ts";
import type { Stage } from "../core/types.ts";

/** Options for {@linkcode distinct}. */
export type DistinctOptions = SpillOptions;

function defaultKey(item: unknown): unknown {
  return typeof item === "string" || typeof item === "number"
    ? item
    : jsonOf(item);
}

/**
 * Passes on the first item of each key, in input order, dropping later
 * items with a key already seen: exact deduplication within a memory
 * budget. Without `key`, strings and numbers are their own key and other
 * items are keyed by their JSON text.
 *
 * While the keys seen fit in a quarter of the budget, items are passed on
 * as they come. Beyond that the keys seen so far are spilled to disk, and
 * each later item that may be the first of its key is appended to a log on
 * disk (strings as UTF-8, other items as JSON), its key sorted in runs with
 * its place in the log; at the end the runs of keys are merged, and the
 * log is read back in order, passing on the items that came first of their
 * key: the output is exactly that of a run in memory, the later part
 * arriving at the end. The summary row counts `runsWritten`, `bytesSpilled`
 * and `mergePasses`.
 *
 * Memory: the budget, plus the chunk in hand.
 *
 * @typeParam T The items.
 * @param key The key of an item: a string or a number.
 * @param options The budget, temporary directory, fan-in and the stage's
 * name.
 * @returns The stage.
 * @throws {TypeError} When `key` is given and is not a function; while
 * running, when a key is not a string or a number, or an item cannot be
 * written as JSON once spilled.
 * @throws {RangeError} When the budget or fan-in is out of range.
 *
 * @example The first request of each user
 * ```ts
 * import { distinct, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["u1 /a", "u2 /b", "u1 /c", "u3 /d", "u2 /e"];
 * const out: string[] = [];
 * for await (
 *   const line of pipeline(lines, distinct((l) => l.split(" ")[0]!))
 * ) out.push(line);
 * assert.deepEqual(out, ["u1 /a", "u2 /b", "u3 /d"]);
 * ```
 */
export function distinct<T>(
  key?: (item: T) => string | number,
  options: DistinctOptions = {},
): Stage<T, T> {
  const { budget, fanIn } = spillSettings("distinct", options);
  if (key !== undefined) requireFunction("distinct", "key", key);
  const keyOf = (key ?? defaultKey) as (item: T) => unknown;
  // A quarter for the keys seen and for the sorter by key each, not half
  // (distinct() by req, peak RSS at 16/64 MiB budget: 148/191 -> 142/185 MiB).
  const quarter = Math.floor(budget / 4);
  // The log's write buffer (a small budget's records grow it as needed).
  const logBuffer = Math.max(1024, Math.min(1 << 18, quarter >> 2));
  return defineStage<T, T>({
    kind: "distinct",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    handsBytes: true,
    async *run(input, stats, ctx, bytes = false) {
      const {
        ExternalSorter,
        KeyIndex,
        readRun,
        RunWriter,
        SpillDir,
        writeNumbered,
      } = await import("./_sort_engine.ts");
      const spill = new SpillDir(options.tempDir);
      // How the key runs, the places and the log are sorted and read: in a
      // quarter of the budget each.
      const settings = {
        spill,
        fanIn,
        stats,
        compare: defaultCompare,
        plain: true,
        reverse: false,
        budgetBytes: quarter,
        keyed: true,
        wantKeys: true,
      };
      // The keys of later items, each with its place in the log (or null
      // for a key passed on before the spill began).
      const byKey = new ExternalSorter(settings);
      // The keys seen, off V8's heap (see KeyIndex), reused window after
      // window.
      const seen = new KeyIndex(quarter);
      // While spilling, a window of keys is half the room they have beside
      // the index's table, which a chunk may have grown past the quarter
      // (a small budget: a window of one key each, a run per item).
      let window = 0;
      const newWindow = () => {
        seen.clear();
        const table = seen.bytes;
        window = table + Math.max(quarter - table, quarter / 2) / 2;
      };
      // Once spilling, the items that may be first of their key, in input
      // order, with their line numbers.
      let log: RunWriter | undefined;
      let logPath = "";
      let logged = 0;
      // What the last scan left to await before the next item: a write to
      // the log, and whether the run of keys is full.
      let writing: Promise<void> | undefined;
      let full = false;
      // The items of a chunk from `from` on, until one leaves something to
      // await: returns the next item's index. A plain function and not the
      // generator's own loop, so that V8's optimizing compiler compiles the
      // generator small (see firstsOfLog): with both loops in it, its
      // compile took about 150 ms and up to 6.3 MB of the compiler's own
      // memory (`--turbo-stats`, 256 MiB bench corpus), with this one 5.2
      // MB, with neither under 2.3 MB. That memory comes on top of the
      // stage's own, early in a spilling run: V8's zone trace of the whole
      // run peaked at 8.1 MB before, 3.1 MB after.
      const scan = (
        chunk: Chunk<T>,
        kept: ChunkBuilder<T>,
        from: number,
      ): number => {
        const items = chunk.items;
        let i = from;
        try {
          for (; i < items.length; i++) {
            const item = items[i]!;
            const k = keyOf(item);
            if (!isPlainKey(k)) {
              throw new TypeError(
                `Distinct key must be a string or a number (not NaN), got ${
                  typeof k === "number" ? "NaN" : typeof k
                }`,
              );
            }
            // A key seen in this window has an earlier item, passed on or
            // in the log: this one is never first.
            const n = seen.size;
            if (seen.add(k) < n) continue;
            if (log === undefined) {
              kept.keep(chunk, i);
              continue;
            }
            writing = writeNumbered(log, lineOf(chunk, i), item);
            // The keys of this window are in the run: start a new one.
            full = byKey.add(k, logged++) || seen.bytes >= window;
            if (writing !== undefined || full) return i + 1;
          }
        } catch (error) {
          // A write begun for this item is not waited for: its own failure
          // would say less than this one.
          writing?.catch(() => {});
          throw failAt(error, stats, ctx, chunk, i);
        }
        return i;
      };
      // Chunk by chunk, holding none while the next comes (see eachChunk;
      // this loop yields, so it is written out): `for await` kept the last
      // chunk, and the decoded piece behind its lines, alive through the
      // reader's next decode while V8 still interpreted the loop.
      const it = input[Symbol.asyncIterator]();
      let open = true; // whether `it` is to be closed if the loop stops
      let failure: { error: unknown } | undefined;
      try {
        while (true) {
          let r: IteratorResult<Chunk<T>> | undefined;
          try {
            r = await it.next();
          } catch (error) {
            open = false;
            throw error;
          }
          if (r.done === true) {
            open = false;
            break;
          }
          let chunk: Chunk<T> | undefined = r.value;
          r = undefined;
          let kept: ChunkBuilder<T> | undefined = new ChunkBuilder<T>();
          let i = 0;
          while (
            (i = scan(chunk, kept, i)) < chunk.items.length ||
            writing !== undefined || full
          ) {
            try {
              if (writing !== undefined) await writing;
              writing = undefined;
              if (full) {
                full = false;
                await byKey.spill();
                newWindow();
              }
            } catch (error) {
              throw failAt(error, stats, ctx, chunk, i - 1);
            }
          }
          stats.hold(
            seen.size,
            seen.bytes + byKey.heldBytes + (log?.buffer.length ?? 0),
          );
          let out = kept.build(chunk);
          kept = undefined;
          if (out !== undefined) yield out;
          out = undefined;
          if (log === undefined && seen.bytes >= quarter) {
            // From here on: every key passed on goes to disk as such, and
            // later items to the log.
            for (let s = 0; s < seen.size; s++) {
              if (byKey.add(seen.keyAt(s), null)) await byKey.spill();
            }
            await byKey.spill();
            newWindow();
            logPath = await spill.file();
            log = await RunWriter.create(logPath, logBuffer);
          }
          chunk = undefined;
        }
        if (log === undefined) return;
        const logBytes = await log.close();
        stats.count("runsWritten");
        stats.count("bytesSpilled", logBytes);
        // The log's items to pass on: those first of their key. Marked in
        // a bitmap when it fits in a quarter of the budget (a 64 MiB budget:
        // 134 million items), else their places sorted on disk.
        const pool = seen.release();
        const firsts = firstPlaces(byKey, pool);
        const keep = Math.ceil(logged / 8) <= quarter
          ? await marked(firsts, logged)
          : await inOrder(firsts, settings);
        // The merge of the keys is done: its blocks' memory is freed now,
        // not at V8's next full collection, before the log is read back.
        (pool.buffer as ArrayBuffer).transfer(0);
        // To a writer that takes bytes, the log's lines go as they are in
        // it: never decoded nor encoded again.
        const reading = bytes ? { ...settings, bytes: true } : settings;
        yield* firstsOfLog<T>(readRun(logPath, reading), keep);
      } catch (error) {
        failure = { error };
        throw error;
      } finally {
        log?.abort();
        await spill.remove();
        // As `for await` would: a loop stopped by an error or by the
        // consumer closes its input (an error of closing it counts only
        // when none came before).
        if (open) {
          open = false;
          await closeEarly(it, failure);
        }
      }
    },
  });
}

/**
 * The items of the log that are first of their key, in its order. Apart
 * from the stage's generator, so that V8's optimizing compiler, which
 * compiles the generator once its first loop is hot, does not compile this
 * loop with it: the memory a compile takes grows with the function (see
 * `scan` in distinct()).
 */
async function* firstsOfLog<T>(
  log: AsyncIterable<Entries>,
  keep: Keep,
): AsyncGenerator<Chunk<T>> {
  let at = 0;
  for await (const entries of log) {
    const out: T[] = [];
    const lines: number[] = [];
    const { items, keys } = entries;
    const raw = entries.bytes;
    if (raw !== undefined) {
      // Each item is its UTF-8 and an LF: the kept ones are moved up
      // over the others, in the chunk's own buffer.
      let from = 0;
      let to = 0;
      for (let j = 0; j < items.length; j++, at++) {
        const end = raw.indexOf(10, from) + 1;
        const first = keep(at);
        if (first === true || (first !== false && await first)) {
          if (to !== from) raw.copyWithin(to, from, end);
          to += end - from;
          out.push(items[j] as T);
          lines.push(keys[j] as number);
        }
        from = end;
      }
      if (out.length > 0) {
        yield numbered(
          out,
          lines,
          undefined,
          undefined,
          raw.subarray(0, to),
        );
      } else giveBackBytes(raw);
      continue;
    }
    const wide: number[] = [];
    let w = 0;
    for (let j = 0; j < items.length; j++, at++) {
      const first = keep(at);
      if (first === false || (first !== true && !(await first))) {
        continue;
      }
      while (w < entries.wide.length && entries.wide[w]! < j) w++;
      if (entries.wide[w] === j) wide.push(out.length);
      out.push(items[j] as T);
      lines.push(keys[j] as number);
    }
    if (out.length > 0) yield numbered(out, lines, undefined, wide);
  }
}

/**
 * Of entries sorted by key, stably (each key's entries in the order added),
 * the places in the log of each key's first entry, unless that was passed
 * on before spilling (null).
 */
async function* firstPlaces(
  byKey: ExternalSorter,
  pool: Uint8Array,
): AsyncGenerator<number[]> {
  for await (const firsts of byKey.firsts(pool)) {
    const places: number[] = [];
    for (const at of firsts) if (at !== null) places.push(at as number);
    if (places.length > 0) yield places;
  }
}

/** Whether the item at a place in the log is to be passed on. */
type Keep = (at: number) => boolean | Promise<boolean>;

/** Keep as a bitmap of the `n` places of the log. */
async function marked(
  places: AsyncIterable<number[]>,
  n: number,
): Promise<Keep> {
  const bits = new Uint8Array(Math.ceil(n / 8));
  for await (const some of places) {
    for (const at of some) bits[at >>> 3] = bits[at >>> 3]! | (1 << (at & 7));
  }
  return (at) => ((bits[at >>> 3]! >>> (at & 7)) & 1) === 1;
}

/**
 * Keep from the places sorted on disk, for places asked in increasing
 * order.
 */
async function inOrder(
  places: AsyncIterable<number[]>,
  options: SorterOptions,
): Promise<Keep> {
  const { ExternalSorter } = await import("./_sort_engine.ts");
  const sorter = new ExternalSorter({
    ...options,
    keyed: false,
    wantKeys: false,
  });
  for await (const some of places) {
    for (const at of some) if (sorter.add(undefined, at)) await sorter.spill();
  }
  const sorted = sorter.sorted();
  let batch: unknown[] = [];
  let i = 0;
  let done = false;
  const keep = (at: number): boolean | Promise<boolean> => {
    if (i < batch.length) {
      if (batch[i] !== at) return false;
      i++;
      return true;
    }
    if (done) return false;
    return sorted.next().then((next) => {
      if (next.done) done = true;
      else batch = next.value.items;
      i = 0;
      return keep(at);
    });
  };
  return keep;
}
