// Copyright 2026 the sluice authors. MIT license.

import type { EncodedPartial, LoadedSpec } from "../spill/_group_table.ts";
import { spillSettings } from "../spill/_budget.ts";
import type { RangeSource } from "../core/_registry.ts";
import type { RunContext } from "../core/_context.ts";
import type { StageStats } from "../summary/_record.ts";
import { moduleHref, requirePositive } from "./_settings.ts";
import type { Chunk } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import { stageFailure } from "../core/_context.ts";
import { stageImpl } from "../core/_registry.ts";
import { groupBy, type Reducers } from "../spill/group_by.ts";
import type { Reducer } from "../spill/reducers.ts";
import type { SpillOptions } from "../spill/sort.ts";
import { formatBytes } from "../summary/summary.ts";
import type { Stage } from "../core/types.ts";

/**
 * What a module exports for {@linkcode parallelGroupBy}: the key of an item
 * and the reducers, as {@linkcode groupBy} takes them. Write it with
 * `satisfies GroupSpec<string>` to keep the reducers' own types.
 *
 * @typeParam T The items.
 *
 * @example A module's grouping: count and p95 latency per service
 * ```ts
 * import { count, type GroupSpec, percentile } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const latency = (line: string) => Number(line.split(" ")[1]);
 * // In by_service.ts: export default { ... } satisfies GroupSpec<string>;
 * const spec = {
 *   key: (line: string) => line.split(" ")[0]!,
 *   reducers: { n: count(), p95: percentile(95, latency) },
 * } satisfies GroupSpec<string>;
 * assert.equal(spec.key("api 12"), "api");
 * ```
 */
export interface GroupSpec<T> {
  /**
   * The group of an item: a string or a number; a missing key (`undefined`,
   * `null` or `NaN`) groups the item under `null`, last, as in
   * {@linkcode groupBy}.
   */
  key: (item: T) => string | number | null | undefined;
  /** One reducer (each group comes out as `{ key, value }`), or named ones. */
  reducers: Reducer<T, unknown, unknown> | Reducers<T>;
}

/** Options for {@linkcode parallelGroupBy}. */
export interface ParallelGroupByOptions extends SpillOptions {
  /**
   * The module's export: a {@linkcode GroupSpec}, or a function of `params`
   * that returns one (or a promise of one).
   *
   * @default {"default"}
   */
  export?: string;
  /**
   * What the export, when it is a function, is called with, in each worker
   * and in this thread: a value that can be cloned to a worker (JSON, say).
   *
   * @default {undefined}
   */
  params?: unknown;
  /**
   * How many workers to start.
   *
   * @default {navigator.hardwareConcurrency}
   */
  workers?: number;
  /**
   * The size of the byte ranges that workers read and aggregate. By default
   * 16 MiB, less for a file smaller than 64 MiB per worker, so that each
   * worker gets at least 4 ranges (each range costs about half a
   * millisecond to open and cut, and holds nothing but its table).
   *
   * @default {16777216}
   */
  rangeBytes?: number;
}

/**
 * The most a worker's table holds before it is sent on as a part. A part
 * crosses to this thread as JavaScript arrays, several times its estimate;
 * `group --by req --p99 latency_ms` (1.7 million groups, 64 MiB budget, two
 * workers) peaked at 515 MiB RSS with parts of 8 MiB and 457 MiB with 1 MiB,
 * the workers' heaps at 38 MiB each instead of 140, in 15.9 s against 20.1.
 */
const PART_BYTES = 1 << 20;

/**
 * How much of a file's start is read to tell a key that takes a new value
 * on most lines, and the files too small to ask (read in workers as ever).
 */
const SAMPLE_BYTES = 4 * 1024 * 1024;

/**
 * Whether the key takes a new value on more than half of the lines that
 * start in the file's first {@linkcode SAMPLE_BYTES} (a request id, a
 * trace id). Then every worker's table is nearly as large as its lines, and
 * all of it crosses to this thread to be merged again: workers double the
 * memory for little time (`group --by req --p99 latency_ms` on 256 MiB:
 * 457 MiB RSS in 9.7 s with two workers, 132 MiB in 12.7 s in one thread,
 * under load), so such a key is grouped in this thread.
 */
async function denseKey(
  source: RangeSource,
  key: (item: unknown) => unknown,
): Promise<boolean> {
  const { readRange } = await import("./_engine.ts");
  const seen = new Set<unknown>();
  let lines = 0;
  await readRange(source, 0, SAMPLE_BYTES, (items) => {
    for (const item of items) {
      lines++;
      let k: unknown;
      try {
        k = key(item);
      } catch {
        continue; // the run itself reports it, with its line
      }
      if (k !== undefined && k !== null && k === k) seen.add(k);
    }
  });
  return lines >= 1000 && seen.size > lines / 2;
}

/**
 * groupBy's loop in this thread over the lines of the whole file, read as
 * a range (so that the file is checked as the workers check theirs).
 */
async function* inThread(
  source: RangeSource,
  info: Deno.FileInfo,
  spec: LoadedSpec,
  settings: { budget: number; fanIn: number },
  tempDir: string | undefined,
  sourceStats: StageStats,
  stats: StageStats,
  ctx: RunContext,
): AsyncGenerator<Chunk<Record<string, unknown>>> {
  const file = { dev: info.dev, ino: info.ino ?? 0, size: info.size };
  const { SpillDir, SpillingGroups } = await import(
    "../spill/_group_engine.ts"
  );
  const { readRange } = await import("./_engine.ts");
  const spill = new SpillDir(tempDir);
  try {
    const groups = new SpillingGroups(spec.named, {
      ...settings,
      spill,
      stats,
    });
    const key = spec.key;
    let read = 0;
    await readRange(
      { ...source, file },
      0,
      info.size,
      async (items, firstLine, lines) => {
        if (ctx.signal?.aborted) throw ctx.signal.reason;
        sourceStats.itemsOut += items.length;
        stats.itemsIn += items.length;
        for (const item of items) read += item.length + 1;
        await groups.addItems(
          items,
          key,
          (error, i) =>
            stageFailure(error, stats, ctx, {
              line: lines?.[i] ?? firstLine + i,
              path: source.path,
            }),
        );
        ctx.summary.bytesRead = Math.min(info.size, read);
      },
    ).catch((error) => {
      throw stageFailure(error, sourceStats, ctx, {
        line: undefined,
        path: source.path,
      });
    });
    ctx.summary.bytesRead = info.size;
    yield* groups.results();
  } finally {
    await spill.remove();
  }
}

/** What a worker answers for a range: its lines and its last partial. */
interface RangeResult {
  count: number;
  /** Absent when the worker keeps its table across ranges (see Flush). */
  partial: EncodedPartial | undefined;
}

/** The default range: large, since a range costs an open, seeks and a cut. */
const RANGE_BYTES = 16 * 1024 * 1024;

const WORKER = new URL("./_group_by_worker.ts", import.meta.url);

/** Names the worker's module for `deno install` (see parallel/README.md). */
export const workerImport = (): Promise<unknown> =>
  import("./_group_by_worker.ts");

/**
 * {@linkcode groupBy} on every core: right after `readLines` of one plain
 * file, Web Workers read byte ranges of the file (cut at line boundaries),
 * each aggregates its range into a partial table of groups, and this thread
 * merges the partials, in file order, with the reducers' `merge`. The result
 * is exactly that of `groupBy` in memory: the groups in key order, the same
 * values. The grouping comes from a module, loaded in each worker and in
 * this thread: its export is a {@linkcode GroupSpec} `{ key, reducers }`, or
 * a function of `params` that returns one (so that one module serves many
 * groupings).
 *
 * Anywhere else (items from an array, from another stage, several files or
 * standard input), it runs in this thread as `groupBy` does, with no workers.
 * So does a file of at least 8 MiB whose key takes a new value on more than
 * half of the lines of its first 4 MiB (an id per request): there each
 * worker's table would be nearly as large as its lines, merged here again,
 * for twice the memory and little time (the summary row counts `inThread`).
 *
 * With the key {@linkcode lineWord} or {@linkcode lineField} and reducers
 * that are `count()` or read fields with {@linkcode lineField}'s `number`
 * (`mean`, `percentile`, `sum`, `min`, `max`), up to 4 names in all, the
 * workers read each line's key and numbers on its bytes, in a small
 * WebAssembly module, and decode only the lines it cannot read so (a tab, a
 * CR, JSON, a quote before a pair, a number that is not plain digits): the
 * result is the same, in less than half the time (`sluice group --by-word 3
 * --count --p95 latency_ms` over a 1 GiB log: 1.16 s against 2.49).
 *
 * Partials cross from the workers encoded (each reducer's `encode`; the
 * summary row counts them as `partials`): one for each range, merged in
 * file order; or, when every reducer merges its parts in any order alike
 * (`count`, `sum`, `mean`, `min`, `max` and `percentile`; not `first`,
 * `last` or a reducer of your own), one from each worker, whose table
 * holds all its ranges, sent after the last. Beyond the budget this thread
 * spills, merges and counts (`runsWritten`, `bytesSpilled`, `mergePasses`)
 * as `groupBy` does. An error
 * in a worker (the key function or a reducer throwing) stops the run with a
 * {@linkcode StageError} naming the worker, the stage, the input path and
 * the line.
 *
 * Memory: in this thread, the budget (half for the table of groups, half for
 * sorting what is spilled) plus the partials in flight, at most 2 per
 * worker; in each worker, its table (of its range, or of all its ranges),
 * sent on as a part of its own once it outgrows a quarter of the budget
 * shared among the workers, or 1 MiB, whichever is less. The summary shows
 * each worker's peak heap.
 *
 * @typeParam T The items (lines, when it reads a file).
 * @typeParam G The groups it yields.
 * @param module The module to load: a URL (e.g.
 * `new URL("./by_service.ts", import.meta.url)`) or a path.
 * @param options `export`, `params`, `workers`, `rangeBytes`, the budget,
 * temporary directory, fan-in and the stage's name.
 * @returns The stage.
 * @throws {RangeError} When a number option or the budget is out of range.
 * @throws {TypeError} While running, when the export is not a grouping, a
 * reducer is not one, or a key is not a string or a number.
 *
 * @example Count per service, from a module (here a data: URL)
 * ```ts
 * import { parallelGroupBy, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const spec = `export default {
 *   key: (line) => line.split(" ")[0],
 *   reducers: {
 *     n: { init: () => 0, add: (n) => n + 1, merge: (a, b) => a + b, result: (n) => n },
 *   },
 * };`;
 * const module = `data:text/javascript,${encodeURIComponent(spec)}`;
 * const out = [];
 * for await (
 *   const g of pipeline(["api 12", "auth 40", "api 30"], parallelGroupBy(module))
 * ) out.push(g);
 * assert.deepEqual(out, [{ key: "api", n: 2 }, { key: "auth", n: 1 }]);
 * ```
 *
 * @example Count and p95 latency per service of a big log, on every core
 * ```ts ignore
 * import { parallelGroupBy, pipeline, readLines } from "jsr:@sluice/sluice";
 *
 * // by_service.ts (its fields read on the lines' bytes):
 * //   import { count, type GroupSpec, lineField, lineWord, percentile }
 * //     from "jsr:@sluice/sluice";
 * //   const latency = lineField("latency_ms", { number: true });
 * //   export default {
 * //     key: lineWord(3),
 * //     reducers: { n: count(), p95: percentile(95, latency) },
 * //   } satisfies GroupSpec<string>;
 * for await (
 *   const g of pipeline(
 *     readLines("app.log"),
 *     parallelGroupBy(new URL("./by_service.ts", import.meta.url)),
 *   )
 * ) console.log(g);
 * ```
 */
export function parallelGroupBy<
  T = string,
  G extends { key: string | number | null } = {
    key: string | number | null;
    [name: string]: unknown;
  },
>(
  module: string | URL,
  options: ParallelGroupByOptions = {},
): Stage<T, G> {
  const kind = "parallelGroupBy";
  const { budget } = spillSettings(kind, options);
  const workers = options.workers ?? navigator.hardwareConcurrency;
  const rangeBytes = options.rangeBytes ??
    ((size: number) =>
      Math.max(
        64 * 1024,
        Math.min(RANGE_BYTES, Math.ceil(size / 4 / workers)),
      ));
  requirePositive(kind, {
    workers,
    rangeBytes: options.rangeBytes ?? RANGE_BYTES,
  });
  const url = moduleHref(module);
  const exportName = options.export ?? "default";
  const load = async () =>
    (await import("../spill/_group_engine.ts")).loadGroupSpec(
      kind,
      url,
      exportName,
      options.params,
    );
  const stage = defineStage<T, Record<string, unknown>>({
    kind,
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk; ${workers} workers`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      // Not a file's lines: groupBy in this thread.
      const spec = await load();
      const inThread = stageImpl(
        groupBy(spec.key, spec.reducers as Reducers<unknown>, options),
      )!;
      yield* inThread.run(input, stats, ctx) as AsyncIterable<
        Chunk<Record<string, unknown>>
      >;
    },
    async *readsRanges(source, sourceStats, stats, ctx) {
      const info = await Deno.stat(source.path);
      if (info.size >= 2 * SAMPLE_BYTES) {
        const spec = await load();
        if (await denseKey(source, spec.key)) {
          stats.count("inThread", 1);
          yield* inThread(
            source,
            info,
            spec,
            spillSettings(kind, options),
            options.tempDir,
            sourceStats,
            stats,
            ctx,
          );
          return;
        }
      }
      // The workers load the module while this thread does.
      const { Pool, rangeAnswers, remoteError } = await import(
        "./_engine.ts"
      );
      const pool = new Pool<RangeResult, EncodedPartial>(workers, WORKER, {
        type: "init",
        module: url,
        exportName,
        params: options.params,
        capBytes: Math.max(
          1,
          Math.min(PART_BYTES, Math.floor(budget / 4 / workers)),
        ),
      }, stats);
      const { SpillDir, SpillingGroups } = await import(
        "../spill/_group_engine.ts"
      );
      const spill = new SpillDir(options.tempDir);
      try {
        const spec = await load();
        const groups = new SpillingGroups(spec.named, {
          ...spillSettings(kind, options),
          spill,
          stats,
          // Half, as its doc says: more than a worker's share, so that a
          // range that outgrows a worker's table fits in this one.
          tableShare: 0.5,
        });
        const table = groups.table;
        // A failure of the merge or of a worker's table, at no line.
        const failed = (error: unknown) =>
          stageFailure(error, stats, ctx, {
            line: undefined,
            path: source.path,
          });
        const merge = async (partial: EncodedPartial) => {
          try {
            for (let i = 0; i < partial.keys.length; i++) {
              table.mergeEncoded(partial.keys[i], partial.accs[i]!);
            }
            if (partial.missing > 0) {
              stats.count("missingKeys", partial.missing);
            }
          } catch (error) {
            throw failed(error);
          }
          stats.counters.partials = (stats.counters.partials ?? 0) + 1;
          await groups.check();
        };
        const answers = rangeAnswers(
          source,
          sourceStats,
          stats,
          ctx,
          pool,
          rangeBytes,
        );
        let kept = false;
        for await (const answer of answers) {
          const partial = "part" in answer
            ? answer.part
            : answer.result.partial;
          if (partial === undefined) kept = true;
          else await merge(partial);
        }
        if (kept) {
          // The workers kept their tables across ranges (their reducers
          // merge in any order): each sends its table now, one after the
          // other. Their numbers are below the ranges'.
          pool.sendToEach((k) => ({ type: "flush", seq: -1 - k }));
          for (let k = 0; k < pool.size; k++) {
            let done;
            while ((done = pool.take(-1 - k)) === undefined) {
              if (pool.failure !== undefined) throw failed(pool.failure);
              await pool.wait(ctx.signal);
            }
            const reply = done.reply;
            if (reply.type === "error") {
              throw failed(remoteError(reply.error, done.worker));
            }
            await merge(reply.partial!);
          }
        }
        pool.close();
        yield* groups.results();
      } finally {
        pool.close();
        await spill.remove();
      }
    },
  });
  return stage as Stage<T, G>;
}
