// Copyright 2026 the sluice authors. MIT license.
// A pipeline is built in two steps: the arguments become a plan (what reads
// the source, which stages run fused, the sink; one summary row each), then
// the plan runs. How the source is read is decided by named rules, tried in
// order.

import { Checkpointer } from "./_checkpoint.ts";
import { pathOf, sameFile } from "../fs/_path.ts";
import { readableInRanges } from "../fs/_input.ts";
import { chunksOf, isThenable, ItemView, Rechunker } from "./_adapters.ts";
import {
  checkAborted,
  closingAtEnd,
  RunContext,
  stageFailure,
  untilAborted,
} from "./_context.ts";
import {
  fused,
  type FusedStep,
  measured,
  Meter,
  meteredInput,
  meteredOutput,
} from "./_meter.ts";
import {
  type FusedMap,
  type FusedStop,
  type SinkImpl,
  sinkImpl,
  type SourceImpl,
  sourceImpl,
  type StageImpl,
  stageImpl,
  type Transform,
} from "./_registry.ts";
import {
  type Chunk,
  head,
  lineOf,
  namePrefix,
  numberPrefix,
  tailFrom,
  withItems,
} from "./_chunk.ts";
import type { CheckpointOptions } from "./checkpoint.ts";
import type { Place } from "./position.ts";
import { startSampler } from "../summary/_sampler.ts";
import type { Summary } from "../summary/summary.ts";
import { StageStats } from "../summary/_record.ts";
import { estimateBytes } from "../summary/_estimate.ts";
import { exportRun, watchRun } from "../summary/_otel.ts";

/** What a plan is made from: the pipeline's arguments and options. */
export interface PlanOptions {
  signal?: AbortSignal | undefined;
  summary?: Summary | undefined;
  memorySampleMs?: number | undefined;
  checkpoint?: string | URL | CheckpointOptions | undefined;
}

/** How the source is read, as a rule of the plan decided it. */
interface SourcePlan {
  /** The rule that decided it, for tests and debugging. */
  rule: string;
  /** Opens the source's chunks. */
  open: () => AsyncIterable<Chunk<unknown>>;
  /** The row whose items out are counted (the source's, or a fused stage's). */
  out: StageStats;
  /** How many of the stages after the source it does itself. */
  takes: number;
}

/** One step after the source. */
type StepPlan =
  | { kind: "fused"; steps: FusedStep[] }
  | {
    kind: "built-in";
    impl: StageImpl<unknown, unknown>;
    stats: StageStats;
    /** The stage hands its lines as bytes to the sink after it. */
    bytes: boolean;
  }
  | {
    kind: "own";
    fn: (input: unknown) => unknown;
    stats: StageStats;
    last: boolean;
  }
  | { kind: "sink"; impl: SinkImpl<unknown>; stats: StageStats };

/** A pipeline, ready to run. */
export interface Plan {
  ctx: RunContext;
  source: SourcePlan;
  /** The source's own row. */
  sourceStats: StageStats;
  /** Whether the source is a plain iterable, whose items the plan counts. */
  plainSource: boolean;
  steps: StepPlan[];
  /** Starts the run's clock and memory sampler; called when reading starts. */
  begin: () => void;
}

/**
 * A rule for reading the source: given the source and the stage after it,
 * a way to read it, or `undefined` when the rule does not apply.
 */
type SourceRule = (
  src: SourceImpl<unknown>,
  next: StageImpl<unknown, unknown> | undefined,
  stats: StageStats,
  ctx: RunContext,
  after: unknown,
) => SourcePlan | undefined;

/**
 * A stage that reads byte ranges itself (parallel) right after a reader of
 * one regular file reads that file's ranges in its workers.
 */
const workersReadRanges: SourceRule = (src, next, stats, ctx) => {
  const ranges = src.ranges;
  const readsRanges = next?.readsRanges;
  if (ranges === undefined || readsRanges === undefined) return undefined;
  if (!readableInRanges(ranges.path)) return undefined;
  const out = ctx.record.addStage(
    next!.name ?? `${next!.kind}#2`,
    next!.kind,
    `${next!.bound} (reads ${stats.name}'s file in ranges)`,
    next!.boundBytes,
  );
  return {
    rule: "workersReadRanges",
    open: () => readsRanges(ranges, stats, out, ctx),
    out,
    takes: 1,
  };
};

/** The summary's row of a stage that the reader (row `source`) runs. */
function fusedRow(
  ctx: RunContext,
  stage: StageImpl<unknown, unknown>,
  source: StageStats,
): StageStats {
  return ctx.record.addStage(
    stage.name ?? `${stage.kind}#2`,
    stage.kind,
    `${stage.bound} (fused into ${source.name})`,
  );
}

/**
 * A literal line filter right after a reader that can filter is done by it;
 * when only a counting sink follows, the reader need not decode the lines.
 *
 * So is a grep that ignores case, of one ASCII literal with "i" or "s" (see
 * StageImpl.foldedLiteral; inverted, only before a count): the reader keeps
 * the lines that hold the literal on bytes, its letters in either case, and
 * decodes and tests only the lines that hold a dotless i or long s and not
 * it so; not a fatal reader, which reports a line that is not UTF-8 where
 * the test would decode it. Over the 1 GiB bench corpus (7 rounds in turns,
 * medians): `sluice grep -c -i timeout` 0.89 -> 0.65 s, `grep -c -v -i
 * timeout` 2.07 -> 0.76 s (every line decoded and tested before); `sluice
 * grep -i timeout` into a file 1.29 -> 1.01 s (5 rounds; `grep timeout`
 * 0.91, GNU grep 1.47, ripgrep 0.86), its lines handed on as their bytes.
 */
const readerFiltersLiteral: SourceRule = (src, next, stats, ctx, after) => {
  const countOnly = sinkImpl(after)?.countsOnly === true;
  const folded = next?.literal === undefined && src.fatal !== true &&
      ctx.checkpoint === undefined &&
      (countOnly || next?.foldedLiteral?.invert === false)
    ? next?.foldedLiteral
    : undefined;
  const literal = next?.literal ?? folded?.literal;
  if (!src.fusesFilter || literal === undefined) return undefined;
  // The lines kept go to a sink that writes bytes: the reader may hand them
  // on as their bytes, never decoded nor encoded again.
  const sink = sinkImpl(after);
  const bytes = !countOnly && sink?.takesBytes === true;
  // The lines without the literal are most lines, as a rule: decoded, the
  // reader hands them on as fast without the search, and in fewer,
  // consecutive chunks (`sluice grep -v ERROR` over the 1 GiB bench corpus
  // took 3.87 s fused, 2.74 s not). Their number it finds faster, and
  // their bytes.
  if (
    next!.invert === true &&
    (typeof literal !== "string" || !(countOnly || bytes))
  ) return undefined;
  const out = fusedRow(ctx, next!, stats);
  const numbered = next!.numbered === true && !countOnly;
  const named = next!.named === true && !countOnly;
  const kind = folded === undefined ? "Literal" : "Folded";
  return {
    rule: countOnly
      ? `readerCounts${kind}`
      : bytes
      ? `readerFilters${kind}Bytes`
      : `readerFilters${kind}`,
    open: () => {
      const chunks = src.chunks(stats, ctx, {
        literal,
        invert: next!.invert,
        fold: next!.literalFolds === true || folded !== undefined,
        others: folded?.also,
        stats: out,
        countOnly,
        bytes,
        illFormedBytes: bytes && sink!.writesLossless === true,
        numbers: bytes && numbered,
        names: bytes && named,
      });
      return (numbered || named) && !bytes
        ? withLeads(chunks, named ? ctx.path : undefined, named, numbered)
        : chunks;
    },
    out,
    takes: 1,
  };
};

/**
 * A filter with no error policy (or a grep matched in this thread) right
 * after a reader that can filter: the reader calls its predicate on each
 * line as it cuts the lines out, and puts in its chunks only the lines kept.
 * Over the 1 GiB bench corpus, 7 rounds in turns, medians: T1 1.15 s
 * against 1.29 s, T2 1.34 against 1.44, a filter that keeps every line 1.22
 * against 1.33; peak RSS the same or lower (63.6 against 64.0 MiB for T1).
 */
const readerFiltersLines: SourceRule = (src, next, stats, ctx, after) => {
  const keeps = next?.keeps;
  if (!src.fusesFilter || keeps === undefined) return undefined;
  const out = fusedRow(ctx, next!, stats);
  const countOnly = sinkImpl(after)?.countsOnly === true;
  return {
    rule: "readerFiltersLines",
    open: () =>
      src.chunks(stats, ctx, { keep: keeps(out, ctx), stats: out, countOnly }),
    out,
    takes: 1,
  };
};

/**
 * readerFiltersLines for a stage with a sieve too (a grep of a regular
 * expression in this thread): the reader calls the test only on the lines
 * that hold the sieve's literal, found on bytes, while few do (`sluice grep
 * -c -E 'status=50[34]'` over the 1 GiB bench corpus, 3 rounds in turns:
 * 1.49 s every line decoded and tested, 0.51 s sieved). The byte search
 * is loaded only once the first 4,096 lines show the literal rare (see
 * LineSplitter's sieveLater): its module cost a grep whose literal most
 * lines hold (`'latency_ms=[0-9]{4}'`) some 4 MiB of RSS for nothing.
 */
const readerSievesFilteredLines: SourceRule = (
  src,
  next,
  stats,
  ctx,
  after,
) => {
  const keeps = next?.keeps;
  const sieve = next === undefined ? undefined : sieveOf(next, ctx);
  if (!src.fusesFilter || keeps === undefined || sieve === undefined) {
    return undefined;
  }
  const out = fusedRow(ctx, next!, stats);
  return {
    rule: "readerSievesFilteredLines",
    open: () =>
      src.chunks(stats, ctx, {
        keep: keeps(out, ctx),
        stats: out,
        literal: sieve,
        invert: false,
        sieve: true,
        fold: next!.sieveFolds === true,
        countOnly: sinkImpl(after)?.countsOnly === true,
      }),
    out,
    takes: 1,
  };
};

/**
 * The sieve of `stage` (see StageImpl.sieve) where a reader can use it: a
 * literal within one line, outside a checkpointed run.
 */
function sieveOf(
  stage: StageImpl<unknown, unknown>,
  ctx: RunContext,
): string | undefined {
  const sieve = stage.sieve;
  return sieve === undefined || sieve === "" || /[\r\n]/.test(sieve) ||
      ctx.checkpoint !== undefined
    ? undefined
    : sieve;
}

/**
 * A stage that maps each line on its bytes (see StageImpl.mapsLineBytes)
 * right after a reader that can filter and right before a sink that takes
 * bytes: the reader maps the lines' bytes as it cuts them out and hands on
 * the results' bytes, never decoding the lines (outside a checkpointed run,
 * whose chunks carry the reader's position).
 */
const readerMapsBytes: SourceRule = (src, next, stats, ctx, after) => {
  const maps = next?.mapsLineBytes;
  const transformer = next?.transformer;
  if (
    !src.fusesFilter || maps === undefined || transformer === undefined ||
    sinkImpl(after)?.takesBytes !== true || ctx.checkpoint !== undefined
  ) return undefined;
  const out = fusedRow(ctx, next!, stats);
  return {
    rule: "readerMapsBytes",
    open: () => {
      const map: FusedMap = {
        bytes: maps(),
        text: false,
        stoppedAt: undefined,
      };
      return mappedThen(
        src.chunks(stats, ctx, { map, stats: out }),
        map,
        transformer(out, ctx),
      );
    },
    out,
    takes: 1,
  };
};

/**
 * A stage that takes lines as bytes as well as text (see
 * StageImpl.takesLineBytes) right after a reader that can filter, outside a
 * checkpointed run: the reader hands it each line as its bytes, never
 * decoding it, until a line that must go as text (see FusedFilter.lines).
 */
const readerHandsLines: SourceRule = (src, next, stats, ctx) => {
  if (
    !src.fusesFilter || next?.takesLineBytes !== true ||
    ctx.checkpoint !== undefined
  ) return undefined;
  // No row is the filter's: the reader's counts the lines as they pass.
  const unused = new StageStats("lines", "lines", "");
  return {
    rule: "readerHandsLines",
    open: () => {
      const lines: FusedStop = { text: false, stoppedAt: undefined };
      return mappedThen(
        src.chunks(stats, ctx, { lines, stats: unused }),
        lines,
      );
    },
    out: stats,
    takes: 0,
  };
};

/**
 * The chunks of a source that hands on lines as bytes, a stage's map's
 * results (see FusedMap) or the lines themselves: as they come while it
 * does; once it has stopped, the lines before the first line of text as
 * they come, and the text after them in a chunk of its own, through the
 * stage's own step when it is given.
 */
async function* mappedThen(
  chunks: AsyncIterable<Chunk<unknown>>,
  map: FusedStop,
  transform?: Transform<unknown, unknown>,
): AsyncGenerator<Chunk<unknown>> {
  for await (let chunk of chunks) {
    if (!map.text) {
      yield chunk;
      continue;
    }
    const from = map.stoppedAt ?? 0;
    map.stoppedAt = undefined;
    if (from > 0) {
      const mapped = head(chunk, from);
      mapped.bytes = chunk.bytes;
      yield mapped;
      chunk = tailFrom(chunk, from);
    }
    if (transform === undefined) {
      if (chunk.items.length > 0) yield chunk;
      continue;
    }
    let out = transform(chunk);
    if (out instanceof Promise) out = await out;
    if (out !== undefined && out.items.length > 0) yield out;
  }
}

/**
 * A stage with a sieve (see StageImpl.sieve) right after a reader that can
 * filter, outside a checkpointed run: the reader hands on only the lines
 * that hold the sieve's literal, found on bytes, and the stage runs on
 * those (its row counts them as its items in). `grep(/status=5\d\d/u, {
 * worker: true })` over the 256 MiB bench corpus, every line decoded and
 * sent: 1.02 s and 94.6 MiB; sieved 0.42 s and 74.0 MiB (matched in this
 * thread 0.52 s, 55.6 MiB; 3 rounds in turns). Once most lines hold the
 * literal, the reader hands on every line (see LineSplitter's sieve).
 */
const readerSievesLiteral: SourceRule = (src, next, stats, ctx) => {
  const sieve = next === undefined ? undefined : sieveOf(next, ctx);
  if (!src.fusesFilter || sieve === undefined) return undefined;
  // The lines the reader sieves out are counted nowhere but in its own row.
  const sieved = new StageStats("sieve", "sieve", "");
  return {
    rule: "readerSievesLiteral",
    open: () =>
      src.chunks(stats, ctx, {
        literal: sieve,
        invert: false,
        sieve: true,
        fold: next!.sieveFolds === true,
        stats: sieved,
      }),
    out: stats,
    takes: 0,
  };
};

/**
 * Each line of `chunks` after its input's name and a colon (`named`: the
 * chunk's path, or `path`, the run's one input's), and its number and a
 * colon (`numbered`).
 */
async function* withLeads(
  chunks: AsyncIterable<Chunk<unknown>>,
  path: string | undefined,
  named: boolean,
  numbered: boolean,
): AsyncGenerator<Chunk<unknown>> {
  for await (const chunk of chunks) {
    const items = chunk.items as string[];
    const out = new Array<string>(items.length);
    const name = named ? namePrefix(chunk.path ?? path) : "";
    for (let i = 0; i < items.length; i++) {
      out[i] = numbered
        ? name + numberPrefix(lineOf(chunk, i)) + items[i]
        : name + items[i];
    }
    yield withItems(chunk, out);
  }
}

/**
 * A sink that only counts, right after a reader that can filter: the reader
 * hands on an empty string for each line and decodes none (`sluice count`).
 */
const readerCountsLines: SourceRule = (src, next, stats, ctx, after) => {
  if (!src.fusesFilter || next !== undefined) return undefined;
  if (sinkImpl(after)?.countsOnly !== true) return undefined;
  return {
    rule: "readerCountsLines",
    open: () => src.chunks(stats, ctx, undefined, true),
    out: stats,
    takes: 0,
  };
};

/** Otherwise the source hands on its chunks and the stages run after it. */
const sourceAlone: SourceRule = (src, _next, stats, ctx) => ({
  rule: "sourceAlone",
  open: () => src.chunks(stats, ctx),
  out: stats,
  takes: 0,
});

/** The rules for reading a built-in source, in the order they are tried. */
const SOURCE_RULES: readonly SourceRule[] = [
  workersReadRanges,
  readerFiltersLiteral,
  readerSievesFilteredLines,
  readerFiltersLines,
  readerSievesLiteral,
  readerMapsBytes,
  readerHandsLines,
  readerCountsLines,
  sourceAlone,
];

/**
 * Makes the plan of a pipeline from its arguments: checks them, adds one
 * summary row per stage, and decides how each part runs.
 *
 * @throws {TypeError} When an argument is not a source, stage or sink, or a
 * checkpointed pipeline cannot be resumed.
 */
export function buildPlan(
  source: unknown,
  args: unknown[],
  options: PlanOptions,
): Plan {
  checkSource(source);
  args.forEach((step, i) => {
    if (typeof step !== "function") {
      throw new TypeError(
        `Cannot build pipeline: argument ${
          i + 2
        } must be a stage or a sink function, got ${describe(step)}`,
      );
    }
  });
  const src = sourceImpl(source);
  let stopSampler: (() => void) | undefined;
  const signal = options.signal;
  const ctx: RunContext = new RunContext({
    path: src?.path,
    unit: src?.unit ?? "item",
    signal,
    ...(options.summary === undefined ? {} : { summary: options.summary }),
    checkpoint: options.checkpoint === undefined
      ? undefined
      : checkpointer(options.checkpoint, source, args),
    onEnd: (failed) => {
      stopSampler?.();
      stopSampler = undefined;
      ctx.record.finish(
        failed ? (signal?.aborted ? "aborted" : "failed") : "ok",
      );
      exportRun(ctx.summary);
    },
  });
  const summary = ctx.summary;
  const begin = () => {
    ctx.record.start();
    stopSampler ??= startSampler(summary, options.memorySampleMs ?? 50);
    watchRun(summary);
  };

  let sourcePlan: SourcePlan;
  let sourceStats: StageStats;
  if (src !== undefined) {
    sourceStats = addRow(ctx, src, 1);
    const next = stageImpl(args[0]);
    // What follows the first stage, or with none, the sink alone.
    const after = next !== undefined
      ? args[1]
      : args.length === 1
      ? args[0]
      : undefined;
    sourcePlan = firstRule(src, next, sourceStats, ctx, after);
  } else {
    sourceStats = ctx.record.addStage("source#1", "source", "1 chunk");
    sourcePlan = {
      rule: "iterable",
      open: () => chunksOf(source as AsyncIterable<unknown>, true),
      out: sourceStats,
      takes: 0,
    };
  }

  const steps: StepPlan[] = [];
  // Outside a checkpointed run, a stage that overlaps chunks runs alone.
  const fuses = (
    s: StageImpl<unknown, unknown> | undefined,
  ): s is StageImpl<unknown, unknown> =>
    s?.transformer !== undefined &&
    (s.overlaps !== true || ctx.checkpoint !== undefined);
  for (let i = sourcePlan.takes; i < args.length; i++) {
    const step = args[i] as (input: unknown) => unknown;
    const position = i + 2;
    const builtIn = stageImpl(step);
    const handsBytes = builtIn?.handsBytes === true;
    if (fuses(builtIn)) {
      // A run of per-chunk stages goes fused: one loop, no hops between.
      const run: FusedStep[] = [];
      let j = i;
      for (; j < args.length; j++) {
        const s = stageImpl(args[j]);
        if (!fuses(s)) break;
        run.push({ impl: s, stats: addRow(ctx, s, j + 2) });
      }
      steps.push({ kind: "fused", steps: run });
      i = j - 1;
      continue;
    }
    if (builtIn !== undefined) {
      // Lines as bytes straight into a sink that writes bytes: only
      // when it comes right after, so that no stage sees the stand-ins.
      const bytes = handsBytes && i === args.length - 2 &&
        sinkImpl(args[i + 1])?.takesBytes === true;
      steps.push({
        kind: "built-in",
        impl: builtIn,
        stats: addRow(ctx, builtIn, position),
        bytes,
      });
      continue;
    }
    const sink = sinkImpl(step);
    if (sink !== undefined) {
      if (i !== args.length - 1) {
        throw new TypeError(
          `Cannot build pipeline: the sink ${sink.kind} must come last, found at argument ${position}`,
        );
      }
      steps.push({
        kind: "sink",
        impl: sink,
        stats: addRow(ctx, sink, position),
      });
      continue;
    }
    steps.push({
      kind: "own",
      fn: step,
      stats: ctx.record.addStage(
        `${step.name || "stage"}#${position}`,
        "stage",
        "not declared",
      ),
      last: i === args.length - 1,
    });
  }
  return {
    ctx,
    source: sourcePlan,
    sourceStats,
    plainSource: src === undefined,
    steps,
    begin,
  };
}

function firstRule(
  src: SourceImpl<unknown>,
  next: StageImpl<unknown, unknown> | undefined,
  stats: StageStats,
  ctx: RunContext,
  after: unknown,
): SourcePlan {
  for (const rule of SOURCE_RULES) {
    const plan = rule(src, next, stats, ctx, after);
    if (plan !== undefined) return plan;
  }
  throw new Error("Cannot build pipeline: no rule reads the source");
}

function addRow(
  ctx: RunContext,
  impl: {
    name: string | undefined;
    kind: string;
    bound: string;
    boundBytes?: number | undefined;
  },
  position: number,
): StageStats {
  return ctx.record.addStage(
    impl.name ?? `${impl.kind}#${position}`,
    impl.kind,
    impl.bound,
    impl.boundBytes,
  );
}

/**
 * Runs a plan: composes its chunk streams and either runs the sink to the
 * end (a promise of the summary) or hands back the chunks for `for await`.
 *
 * @throws {TypeError} When a user's own stage does not return an async
 * iterable.
 */
export function runPlan(
  plan: Plan,
):
  | { chunks: AsyncIterable<Chunk<unknown>> }
  | { done: Promise<Summary> } {
  const { ctx } = plan;
  let chunks: AsyncIterable<Chunk<unknown>> = sourceChunks(plan);
  for (const step of plan.steps) {
    switch (step.kind) {
      case "fused":
        chunks = fused(step.steps, chunks, ctx);
        break;
      case "built-in":
        chunks = measured(step.impl, chunks, step.stats, ctx, step.bytes);
        break;
      case "sink": {
        const { impl, stats } = step;
        const meter = new Meter();
        const input = meteredInput(
          closingAtEnd(chunks, ctx),
          stats,
          meter,
          true,
          impl.boundBytes === undefined,
        );
        const run = () =>
          finish(
            () => impl.consume(input, stats, ctx),
            stats,
            ctx,
            meter,
            meter.place,
          );
        const cp = ctx.checkpoint;
        if (cp === undefined) return { done: run() };
        // A checkpoint that does not fit this run is refused before it starts.
        return {
          done: cp.load().then(run, async (error) => {
            await ctx.end(true);
            throw error;
          }),
        };
      }
      case "own": {
        const ran = runOwn(step, chunks, ctx);
        if ("done" in ran) return ran;
        chunks = ran.chunks;
        break;
      }
    }
  }
  return { chunks: closingAtEnd(chunks, ctx) };
}

/** A user's own stage or sink: it sees single items. */
function runOwn(
  step: Extract<StepPlan, { kind: "own" }>,
  chunks: AsyncIterable<Chunk<unknown>>,
  ctx: RunContext,
):
  | { chunks: AsyncIterable<Chunk<unknown>> }
  | { done: Promise<Summary> } {
  const { stats, last } = step;
  const meter = new Meter();
  // The stage's items in are those it actually took, not whole chunks.
  const items = new ItemView(
    meteredInput(chunks, stats, meter, false),
    stats,
  );
  const place = (): Place => ({ line: items.line, path: items.path });
  // A sink of the user's own starts pulling as soon as it is called: its
  // clock starts here, not when the run awaits it.
  const calledAt = performance.now();
  const output = step.fn(items);
  if (last && isThenable(output)) {
    return {
      done: finish(
        async () => {
          try {
            await output;
          } finally {
            await items.return();
          }
        },
        stats,
        ctx,
        meter,
        place,
        calledAt,
      ),
    };
  }
  if (
    output === null || typeof output !== "object" ||
    !(Symbol.asyncIterator in output)
  ) {
    // A sink in the middle has already started reading: stop it.
    if (isThenable(output)) Promise.resolve(output).catch(() => {});
    items.return().catch(() => {});
    throw new TypeError(
      `Cannot build pipeline: stage "${stats.name}" must return an async iterable${
        last ? " (or a promise, as a sink)" : ""
      }, got ${describe(output)}`,
    );
  }
  const rechunked: AsyncIterable<Chunk<unknown>> = {
    [Symbol.asyncIterator]: () =>
      new Rechunker(output as AsyncIterable<unknown>, items),
  };
  return { chunks: meteredOutput(rechunked, stats, ctx, meter, place) };
}

/**
 * The checkpoint of a run, after checking that the pipeline can be resumed:
 * a line source of files, per-line stages and a file sink.
 */
function checkpointer(
  given: string | URL | CheckpointOptions,
  source: unknown,
  args: unknown[],
): Checkpointer {
  const refuse = (why: string) =>
    new TypeError(`Cannot checkpoint pipeline: ${why}`);
  const options: CheckpointOptions = typeof given === "string" ||
      given instanceof URL
    ? { path: given }
    : given;
  const path = options.path instanceof URL
    ? pathOf(options.path)
    : options.path;
  if (typeof path !== "string" || path === "") {
    throw refuse(`checkpoint.path must be a path, got ${describe(path)}`);
  }
  const everyMs = options.everyMs ?? 1000;
  if (!Number.isFinite(everyMs) || everyMs < 0) {
    throw new RangeError(
      `Cannot checkpoint pipeline: everyMs must be a number of at least 0, got ${everyMs}`,
    );
  }
  const src = sourceImpl(source);
  if (src?.resumable === undefined) {
    throw refuse("the source must be readLines of files");
  }
  if ("refused" in src.resumable) throw refuse(src.resumable.refused);
  const kinds = [src.kind];
  for (let i = 0; i < args.length - 1; i++) {
    const stage = stageImpl(args[i]);
    if (stage?.unresumable !== undefined) {
      throw refuse(`argument ${i + 2} (${stage.kind}): ${stage.unresumable}`);
    }
    if (stage?.transformer === undefined) {
      const what = stage === undefined
        ? `argument ${i + 2} is a stage of your own`
        : `argument ${
          i + 2
        } (${stage.kind}) holds items from one chunk to the next`;
      throw refuse(
        `${what}; only map (without concurrency), filter, grep and tap can run between readLines and writeLines`,
      );
    }
    kinds.push(
      stage.settings === undefined
        ? stage.kind
        : `${stage.kind} ${stage.settings}`,
    );
  }
  const sink = sinkImpl(args.at(-1));
  if (sink?.resumable === undefined) {
    throw refuse("the last argument must be writeLines to a file");
  }
  if ("refused" in sink.resumable) throw refuse(sink.resumable.refused);
  // The checkpoint is removed when the run completes: were it the output or
  // an input, the run's work (or its input) would go with it.
  for (
    const [what, other] of [
      ["the output", sink.resumable.path],
      ...src.resumable.paths.map((p) => ["an input", p] as const),
    ] as const
  ) {
    if (sameFile(path, other)) {
      throw refuse(
        `the checkpoint file "${path}" is ${what}; give it a path of its own`,
      );
    }
  }
  kinds.push(sink.kind);
  const settings = options.settings === undefined
    ? ""
    : ` (settings: ${options.settings})`;
  return new Checkpointer(
    path,
    everyMs,
    kinds.join(" > ") + settings,
    src.resumable.paths,
    sink.resumable.path,
  );
}

/** A value in words, for the errors of a pipeline that cannot be built. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `the string "${value}"`;
  if (typeof value === "object") return Object.prototype.toString.call(value);
  return typeof value;
}

function checkSource(source: unknown): void {
  if (typeof source === "string") {
    throw new TypeError(
      `Cannot build pipeline: the source is ${
        describe(source)
      }; to read a file, pass readLines("${source}")`,
    );
  }
  if (
    source === null || typeof source !== "object" ||
    !(Symbol.asyncIterator in source || Symbol.iterator in source)
  ) {
    throw new TypeError(
      `Cannot build pipeline: the source must be iterable, got ${
        describe(source)
      }`,
    );
  }
}

/** The source's chunks, with its figures kept and the signal checked. */
function sourceChunks(plan: Plan): AsyncIterable<Chunk<unknown>> {
  const it = new SourceChunks(plan);
  return { [Symbol.asyncIterator]: () => it };
}

/**
 * The iterator of {@linkcode sourceChunks}, written with `then` rather than
 * as an async generator (see ItemView's #pull): it keeps less alive while it
 * waits.
 */
class SourceChunks implements AsyncIterator<Chunk<unknown>> {
  #plan: Plan;
  #it: AsyncIterator<Chunk<unknown>> | undefined = undefined;
  #done = false;
  #t = 0;

  constructor(plan: Plan) {
    this.#plan = plan;
  }

  next(): Promise<IteratorResult<Chunk<unknown>>> {
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    if (this.#it === undefined) {
      // The source opens, and the run's clock starts, at the first pull.
      try {
        this.#plan.begin();
        this.#it = this.#plan.source.open()[Symbol.asyncIterator]();
      } catch (error) {
        this.#done = true;
        return Promise.reject(error);
      }
    }
    try {
      checkAborted(this.#plan.ctx);
      this.#t = performance.now();
      return this.#it.next().then(this.#took, this.#failed);
    } catch (error) {
      return this.#failed(error);
    }
  }

  async return(): Promise<IteratorResult<Chunk<unknown>>> {
    if (!this.#done) {
      this.#done = true;
      await this.#it?.return?.(undefined);
    }
    return { value: undefined, done: true };
  }

  #took = (
    r: IteratorResult<Chunk<unknown>>,
  ):
    | IteratorResult<Chunk<unknown>>
    | Promise<IteratorResult<Chunk<unknown>>> => {
    const { sourceStats: stats, plainSource } = this.#plan;
    stats.busyMs += performance.now() - this.#t;
    this.#t = 0;
    if (r.done === true) return this.return();
    const items = r.value.items;
    this.#plan.source.out.itemsOut += items.length;
    if (plainSource) stats.hold(items.length, estimateBytes(items));
    return r;
  };

  #failed = async (error: unknown): Promise<never> => {
    const { sourceStats: stats, ctx } = this.#plan;
    if (this.#t !== 0) stats.busyMs += performance.now() - this.#t;
    this.#t = 0;
    const at = typeof error === "object" && error !== null
      ? error as { line?: unknown; path?: unknown }
      : {};
    try {
      await this.return();
    } catch {
      // The source's error is the one to report.
    }
    throw stageFailure(error, stats, ctx, {
      line: typeof at.line === "number" ? at.line : undefined,
      path: typeof at.path === "string" ? at.path : undefined,
    });
  };
}

/** Runs a sink to the end of the run and settles with the summary. */
async function finish(
  consume: () => Promise<void>,
  stats: StageStats,
  ctx: RunContext,
  meter: Meter,
  place: () => Place,
  t: number = performance.now(),
): Promise<Summary> {
  // Upstream time is counted from when the sink started, so its own time is
  // what is left; never below zero, whatever the timer's resolution.
  // A pull under way when an abort or a failure ends the run is upstream
  // time too.
  const busy = () => {
    stats.busyMs += Math.max(0, performance.now() - t - meter.upstreamNow());
  };
  try {
    // Once the sink has committed its output the run has succeeded: an abort
    // that comes later does not undo it. One that comes before ends the run
    // even when a part of the user's never returns.
    await untilAborted(consume(), ctx.signal);
  } catch (error) {
    busy();
    // Dead letters are diagnostics: committed also when the run fails.
    await ctx.end(true);
    throw stageFailure(error, stats, ctx, place());
  }
  busy();
  await ctx.end(false);
  return ctx.summary;
}
