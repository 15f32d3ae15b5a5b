// Copyright 2026 the sluice authors. MIT license.

import { type Chunk, consecutive, lineOf, numbered } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import type { RangeSource } from "../core/_registry.ts";
import { type RunContext, stageFailure } from "../core/_context.ts";
import type { StageStats } from "../summary/_record.ts";
import { estimateBytes } from "../summary/_estimate.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { packItems, unpackItems } from "../core/_pack.ts";
import type { Pool } from "./_pool.ts";
import { moduleHref, PER_WORKER, requirePositive } from "./_settings.ts";

const WORKER = new URL("./_parallel_worker.ts", import.meta.url);

/** Names the worker's module for `deno install` (see parallel/README.md). */
export const workerImport = (): Promise<unknown> =>
  import("./_parallel_worker.ts");

/** Options for {@linkcode parallel}. */
export interface ParallelOptions extends StageOptions {
  /**
   * The module's export to call on each item.
   *
   * @default {"default"}
   */
  export?: string;
  /**
   * How many workers to start.
   *
   * @default {navigator.hardwareConcurrency}
   */
  workers?: number;
  /**
   * Items per message to a worker: larger chunks cost less per item.
   *
   * @default {1024}
   */
  batchSize?: number;
  /**
   * Right after `readLines` of one plain file, the size of the byte ranges
   * that workers read themselves.
   *
   * @default {4194304}
   */
  rangeBytes?: number;
}

/** Results as a worker sends them: for a byte range, in parts and then a last one. */
interface Batch {
  items?: unknown[];
  text?: string;
  lengths?: Uint32Array;
  /** Where each result came from, when they are not consecutive. */
  lines?: number[];
  /** Where the first result came from, when they are: 1 unless sent. */
  first?: number;
}

/** A worker's last answer to a task: its results and the lines it read. */
interface Results extends Batch {
  count: number;
}

/** Items from the main thread, in chunks, to the workers and back. */
async function* runBatches<I, O>(
  input: AsyncIterable<Chunk<I>>,
  stats: StageStats,
  ctx: RunContext,
  pool: Pool<Results, Batch>,
  batchSize: number,
): AsyncGenerator<Chunk<O>> {
  const { remoteError } = await import("./_engine.ts");
  const it = input[Symbol.asyncIterator]();
  const meta = new Map<
    number,
    { firstLine: number; lines?: number[]; path?: string }
  >();
  let chunk: Chunk<I> | undefined;
  let at = 0;
  let sourceDone = false;
  let sent = 0;
  let nextOut = 0;
  try {
    while (true) {
      if (pool.failure !== undefined) {
        throw stageFailure(pool.failure, stats, ctx, {
          line: undefined,
          path: undefined,
        });
      }
      const done = pool.take(nextOut);
      if (done !== undefined) {
        const m = meta.get(nextOut)!;
        meta.delete(nextOut);
        nextOut++;
        if (done.reply.type === "error") {
          throw stageFailure(
            remoteError(done.reply.error, done.worker),
            stats,
            ctx,
            {
              line: m.lines?.[done.reply.index] ??
                m.firstLine + done.reply.index,
              path: m.path,
            },
          );
        }
        const items = unpackItems(done.reply) as O[];
        // Some items were dropped: number the results that are left.
        const positions = done.reply.lines;
        const lines = positions === undefined
          ? m.lines
          : positions.map((p) => m.lines?.[p - 1] ?? m.firstLine + p - 1);
        if (items.length > 0) {
          yield lines === undefined
            ? consecutive(items, m.firstLine, m.path)
            : numbered(items, lines, m.path);
        }
        continue;
      }
      // Send work while a worker has room and the tasks out stay bounded,
      // however slow the worker with the next one in order.
      if (
        pool.hasRoom && sent - nextOut < pool.capacity * PER_WORKER &&
        !sourceDone
      ) {
        if (chunk === undefined || at >= chunk.items.length) {
          const r = await it.next();
          if (r.done === true) sourceDone = true;
          else {
            chunk = r.value;
            at = 0;
            stats.hold(chunk.items.length, estimateBytes(chunk.items));
          }
          continue;
        }
        const end = Math.min(chunk.items.length, at + batchSize);
        meta.set(sent, {
          firstLine: lineOf(chunk, at),
          ...(chunk.lines ? { lines: chunk.lines.slice(at, end) } : {}),
          ...(chunk.path ? { path: chunk.path } : {}),
        });
        pool.send({
          ...packItems(chunk.items.slice(at, end)),
          type: "chunk",
          seq: sent,
        });
        at = end;
        sent++;
        continue;
      }
      if (sourceDone && nextOut === sent) return;
      await pool.wait(ctx.signal);
    }
  } finally {
    await it.return?.(undefined);
  }
}

/** One plain file, read by the workers themselves in byte ranges. */
async function* runRanges<O>(
  source: RangeSource,
  sourceStats: StageStats,
  stats: StageStats,
  ctx: RunContext,
  pool: Pool<Results, Batch>,
  rangeBytes: number,
): AsyncGenerator<Chunk<O>> {
  const { rangeAnswers } = await import("./_engine.ts");
  const answers = rangeAnswers(
    source,
    sourceStats,
    stats,
    ctx,
    pool,
    rangeBytes,
  );
  for await (const answer of answers) {
    const batch = "part" in answer ? answer.part : answer.result;
    const linesBefore = answer.linesBefore;
    const items = unpackItems(batch) as O[];
    const lines = batch.lines?.map((n) => linesBefore + n);
    stats.hold(items.length, estimateBytes(items));
    if (items.length > 0) {
      yield lines === undefined
        ? consecutive(items, linesBefore + (batch.first ?? 1), source.path)
        : numbered(items, lines, source.path);
    }
  }
}

/**
 * Runs a function from your own module on every item, in Web Workers, so
 * that CPU-heavy work (JSON parsing, regular expressions) uses several
 * cores. Results come back in input order. The function gets the item; it
 * may be async, and it may return `undefined` to drop the item (a filter and
 * a map in one pass, so that dropped items never cross back). Items and
 * results cross to the workers by structured clone (strings in one joined
 * copy per chunk), so they must be cloneable.
 *
 * Right after `readLines` of one plain file, the workers read the file
 * themselves, each a byte range of `rangeBytes` cut at line boundaries, so
 * that the main thread neither splits nor copies the lines: it only puts the
 * results in order. Line numbers stay exact.
 *
 * Workers inherit the program's permissions; they start with the run and
 * end when it ends, fails or is stopped early. An error in a worker stops
 * the run with a {@linkcode StageError} naming the worker, the stage, the
 * input path and the line.
 *
 * Memory: at most 2 tasks per worker out at once (a chunk of `batchSize`
 * items, or a range of `rangeBytes`), counting the ones done and waiting to
 * be handed on in order. The summary shows each worker's peak heap.
 *
 * The types of items in and out come from the module's when its type is
 * given: `parallel<typeof import("./parse.ts")>(url)` takes what the
 * default export takes and yields what it returns (awaited, `undefined`
 * left out); for another export give its type,
 * `parallel<typeof import("./parse.ts")["name"]>(url, { export: "name" })`.
 * Or give them yourself: `parallel<string, string>(url)`.
 *
 * @typeParam I The items taken.
 * @typeParam O The items yielded.
 * @param module The module to load in each worker: a URL (e.g.
 * `new URL("./parse.ts", import.meta.url)`) or a path.
 * @param options `export`, `workers`, `batchSize`, `rangeBytes` and the
 * stage's name.
 * @returns The stage.
 * @throws {RangeError} When a number option is out of range.
 *
 * @example Parsing JSON lines on every core
 * ```ts ignore
 * import { parallel, pipeline, readLines, writeLines } from "jsr:@sluice/sluice";
 *
 * // parse.ts: export default (line: string) => JSON.parse(line).user as string;
 * await pipeline(
 *   readLines("events.jsonl"),
 *   // Stage<string, string>, from parse.ts's default export
 *   parallel<typeof import("./parse.ts")>(new URL("./parse.ts", import.meta.url)),
 *   writeLines("users.txt"),
 * );
 * ```
 */
export function parallel<I, O>(
  module: string | URL,
  options?: ParallelOptions,
): Stage<I, O>;
/**
 * {@linkcode parallel} typed from the module's own type: the stage takes
 * what the function takes and yields what it returns, awaited, without
 * `undefined` (the items it drops). Give the module's type for its default
 * export, `parallel<typeof import("./parse.ts")>(url)`, or the type of the
 * function called, `parallel<typeof import("./parse.ts")["status"]>(url,
 * { export: "status" })`.
 *
 * @typeParam F The module's type (for its default export), or the type of
 * the exported function called.
 * @param module The module to load in each worker.
 * @param options `export`, `workers`, `batchSize`, `rangeBytes` and the
 * stage's name.
 * @returns The stage.
 *
 * @example Types from the module
 * ```ts ignore
 * import { parallel, pipeline, readLines } from "jsr:@sluice/sluice";
 *
 * // parse.ts: export function status(line: string): number | undefined
 * const run = pipeline(
 *   readLines("app.log"),
 *   parallel<typeof import("./parse.ts")["status"]>(
 *     new URL("./parse.ts", import.meta.url),
 *     { export: "status" },
 *   ),
 * );
 * for await (const status of run) console.log(status + 1); // a number
 * ```
 */
export function parallel<F>(
  module: string | URL,
  options?: ParallelOptions,
): F extends (item: infer I) => infer R
  ? Stage<I, Exclude<Awaited<R>, undefined>>
  : F extends { default: (item: infer I) => infer R }
    ? Stage<I, Exclude<Awaited<R>, undefined>>
  : never;
export function parallel<I, O>(
  module: string | URL,
  options: ParallelOptions = {},
): Stage<I, O> {
  const workers = options.workers ?? navigator.hardwareConcurrency;
  const batchSize = options.batchSize ?? 1024;
  const rangeBytes = options.rangeBytes ?? 4 * 1024 * 1024;
  requirePositive("parallel", { workers, batchSize, rangeBytes });
  const url = moduleHref(module);
  const exportName = options.export ?? "default";
  const start = async (stats: StageStats) => {
    const { Pool } = await import("./_engine.ts");
    return new Pool<Results, Batch>(workers, WORKER, {
      type: "init",
      module: url,
      exportName,
    }, stats);
  };
  return defineStage<I, O>({
    kind: "parallel",
    name: options.name,
    bound: `${workers} workers \u00d7 ${PER_WORKER} tasks + 1 chunk`,
    async *run(input, stats, ctx) {
      const pool = await start(stats);
      try {
        yield* runBatches<I, O>(input, stats, ctx, pool, batchSize);
      } finally {
        pool.close();
      }
    },
    async *readsRanges(source, sourceStats, stats, ctx) {
      const pool = await start(stats);
      try {
        yield* runRanges<O>(source, sourceStats, stats, ctx, pool, rangeBytes);
      } finally {
        pool.close();
      }
    },
  });
}
