// Copyright 2026 the sluice authors. MIT license.
// The registry of built-in stages: a stage function, a source object or a
// sink function is looked up here for its chunk-level implementation, which
// the pipeline runs. A user's own function has none and sees single items.

import type { Chunk } from "./_chunk.ts";
import type { RunContext } from "./_context.ts";
import type { StageStats } from "../summary/_record.ts";

/** A built-in stage's chunk-level implementation. */
export interface StageImpl<I, O> {
  kind: string;
  name: string | undefined;
  bound: string;
  boundBytes?: number | undefined;
  /**
   * Set when the stage keeps exactly the lines that contain this literal (or
   * any of these), so that a line source can do the filtering itself.
   */
  literal?: string | readonly string[] | undefined;
  /** With one `literal`: the stage keeps the lines that do not contain it. */
  invert?: boolean | undefined;
  /**
   * Set by a stage that keeps the items its predicate returns a truthy value
   * for, with no error policy (filter, and grep matching whole lines in this
   * thread): makes the run's calls of it, so that a line source can call it
   * on each line as it cuts the lines out.
   */
  keeps?: ((stats: StageStats, ctx: RunContext) => FusedKeep) | undefined;
  /**
   * Set by a stage that turns each line into one line and can do so on the
   * line's UTF-8: right after a reader that can filter and before a sink
   * that takes bytes, the reader maps each line's bytes to its result's and
   * hands those on (Chunk.bytes), never decoding the lines; from a line the
   * map cannot do, the stage's own step (`transformer`) takes the lines as
   * text.
   */
  mapsLineBytes?: (() => LineBytesMap) | undefined;
  /**
   * Set by a stage that takes lines as their UTF-8 (Chunk.bytes, an empty
   * string standing for each in `items`) as well as text, and would only
   * encode them again: right after a reader that can filter, outside a
   * checkpointed run, the reader hands it every line so that it can (see
   * FusedFilter.lines), never decoding it.
   */
  takesLineBytes?: boolean | undefined;
  /**
   * With `literal`: the stage hands on each line it keeps as its number, a
   * colon and the line (`grep -n`).
   */
  numbered?: boolean | undefined;
  /**
   * With `literal`: the stage puts the name of each kept line's input and a
   * colon before it, and before its number (`grep -H`; see namePrefix).
   */
  named?: boolean | undefined;
  /**
   * A literal that every line the stage keeps holds (a grep of an
   * expression in a worker, not inverted): a reader right before it may
   * hand on only the lines that hold it, found on their bytes, and decode
   * no other.
   */
  sieve?: string | undefined;
  /**
   * Whether the sieve's ASCII letters match in either case (a grep that
   * ignores case; see foldsBytes in core/_bytes.ts).
   */
  sieveFolds?: boolean | undefined;
  /**
   * Whether `literal`'s ASCII letters match in either case (a grep that
   * ignores case; see foldsBytes in core/_bytes.ts).
   */
  literalFolds?: boolean | undefined;
  /**
   * A grep of one ASCII literal that ignores case and holds "i" or "s"
   * (which the dotless i and the long s match too), keeping whole lines: a
   * reader right before it may keep (or, before a count, count) the lines
   * that hold it on bytes, its letters in either case, and test with
   * `also.holds` only the lines that hold one of `also.literals` and not it
   * so; inverted, only before a count.
   */
  foldedLiteral?: FoldedLiteral | undefined;
  /**
   * Why a checkpointed run cannot resume with this stage, when it is one of
   * the per-line stages that otherwise could (or, as grep with context
   * lines, is one of their kinds).
   */
  unresumable?: string | undefined;
  /**
   * What the stage's output depends on besides its kind (grep: its pattern
   * and flags), in words: a checkpoint records it, and a run with other
   * settings does not resume from it.
   */
  settings?: string | undefined;
  /**
   * Set by a stage that can read a file's byte ranges itself (parallel):
   * given the source's file, the run over ranges.
   */
  readsRanges?: (
    source: RangeSource,
    sourceStats: StageStats,
    stats: StageStats,
    ctx: RunContext,
  ) => AsyncIterable<Chunk<O>>;
  /**
   * For a stage that turns each chunk into at most one chunk on its own
   * (map, filter, grep, tap): makes that step for one run. Consecutive such
   * stages run fused in one loop over the chunks, with no async hop between
   * them.
   */
  transformer?: (stats: StageStats, ctx: RunContext) => Transform<I, O>;
  /**
   * Set by a stage with a `transformer` whose `run` keeps more than one
   * chunk in flight (grep in a worker reads the next chunk while the worker
   * matches one): outside a checkpointed run, which needs the transformer,
   * the pipeline runs it by `run`, not fused with its neighbours.
   */
  overlaps?: boolean;
  /**
   * Set by a stage that holds its output lines as UTF-8 (sort between its
   * spill files and the sink, distinct as it reads back its log): when a
   * sink that `takesBytes` follows it directly, `run` is called with
   * `bytes` and may hand on chunks with {@linkcode Chunk.bytes}, the lines
   * never decoded nor encoded again.
   */
  handsBytes?: boolean;
  run(
    input: AsyncIterable<Chunk<I>>,
    stats: StageStats,
    ctx: RunContext,
    bytes?: boolean,
  ): AsyncIterable<Chunk<O>>;
}

/** One chunk in, at most one chunk out; a promise only when it must wait. */
export type Transform<I, O> = (
  chunk: Chunk<I>,
) => Chunk<O> | undefined | Promise<Chunk<O> | undefined>;

/** A transform stage: `run` is derived from `transformer`. */
export type TransformImpl<I, O> =
  & Omit<StageImpl<I, O>, "run" | "transformer">
  & Required<Pick<StageImpl<I, O>, "transformer">>;

/** Makes a full stage implementation from a per-chunk transform. */
export function fromTransform<I, O>(
  impl: TransformImpl<I, O>,
): StageImpl<I, O> {
  return {
    ...impl,
    async *run(input, stats, ctx) {
      const transform = impl.transformer(stats, ctx);
      for await (const chunk of input) {
        let out = transform(chunk);
        if (out instanceof Promise) out = await out;
        if (out !== undefined && out.items.length > 0) yield out;
      }
    },
  };
}

/** A built-in source's chunk-level implementation. */
export interface SourceImpl<T> {
  kind: string;
  name: string | undefined;
  path: string | undefined;
  unit: "line" | "item";
  bound: string;
  boundBytes?: number | undefined;
  /** Whether `chunks` can do a line filter itself (see FusedFilter). */
  fusesFilter?: boolean;
  /**
   * Whether a line that is not UTF-8 fails the source (readLines with
   * `fatal`): then it decodes every line it hands on, and a filter it does
   * must not skip a line a test would have decoded.
   */
  fatal?: boolean;
  /**
   * Set when the source is one regular file read as lines: what a stage
   * needs to read byte ranges of it in workers instead.
   */
  ranges?: RangeSource | undefined;
  /**
   * Set when a checkpointed run can resume this source: the paths of its
   * inputs, all plain files. Otherwise the reason it cannot.
   */
  resumable?: { paths: string[] } | { refused: string };
  /**
   * Reads the source. With `fused`, it also does the stage's line filter;
   * with `countsLines` (a source that `fusesFilter`), a sink that
   * only counts follows it directly, and an empty string may stand for each
   * line.
   */
  chunks(
    stats: StageStats,
    ctx: RunContext,
    fused?: FusedFilter,
    countsLines?: boolean,
  ): AsyncIterable<Chunk<T>>;
}

/** A file whose lines workers can read in byte ranges of their own. */
export interface RangeSource {
  path: string;
  /**
   * The file as it was when the ranges were cut (device, inode, size): a
   * reader of a range checks that it still reads that file, as long.
   */
  file?: { dev: number; ino: number; size: number } | undefined;
  maxLineBytes: number;
  onLongLine: "error" | "split" | "skip";
  fatal: boolean;
  readBytes: number;
}

/** See StageImpl.foldedLiteral. */
export interface FoldedLiteral {
  literal: string;
  invert: boolean;
  also: {
    /** The characters outside ASCII that the literal's letters match. */
    literals: readonly string[];
    /** The grep's test of a line: whether it keeps it. It cannot throw. */
    holds: (line: string) => boolean;
  };
}

/**
 * A line filter done by the source, and the filter stage's row: a literal
 * (grep) or a predicate (filter), one of the two.
 */
export interface FusedFilter {
  literal?: string | readonly string[] | undefined;
  /**
   * A map of each line's bytes (see StageImpl.mapsLineBytes), whose results
   * go on as bytes: with neither `literal` nor `keep`.
   */
  map?: FusedMap | undefined;
  /**
   * Every line goes on as its bytes, for a stage that takes them (see
   * StageImpl.takesLineBytes), until a line that must go as text: with
   * neither `literal`, `keep` nor `map`.
   */
  lines?: FusedStop | undefined;
  /** The predicate of a filter, called by the source on each line. */
  keep?: FusedKeep | undefined;
  /** Keep the lines that do not contain `literal`. */
  invert?: boolean | undefined;
  /**
   * With `literal`: a sieve for the stage after it, which matches the lines
   * itself: once most lines hold the literal, every line may go on.
   */
  sieve?: boolean | undefined;
  /**
   * With one `literal`: its ASCII letters match in either case (see
   * foldsBytes in core/_bytes.ts).
   */
  fold?: boolean | undefined;
  /**
   * With one `literal` that folds: the literal may hold "i" or "s", and the
   * lines that hold one of `literals` (the dotless i, the long s) and not
   * it on bytes are kept (or counted) when `holds` keeps them (see
   * StageImpl.foldedLiteral).
   */
  others?: FoldedLiteral["also"] | undefined;
  stats: StageStats;
  /**
   * Set when only the number of kept lines matters (a counting sink
   * follows): the source may hand on an empty string for each kept line and
   * decode none (with `keep`, none but those it calls `keep` on).
   */
  countOnly?: boolean;
  /**
   * Set when a sink that takes bytes (SinkImpl.takesBytes) follows: the
   * source may hand on the kept lines as their UTF-8 in Chunk.bytes, an
   * empty string standing for each, instead of decoding them.
   */
  bytes?: boolean;
  /**
   * With `bytes`: the sink writes lines read losslessly as their bytes (see
   * SinkImpl.writesLossless), so those may be handed on as they were read.
   */
  illFormedBytes?: boolean;
  /**
   * With `bytes`: each kept line goes out after its number and a colon, as
   * `grep -n` writes it.
   */
  numbers?: boolean;
  /**
   * With `bytes`: each kept line goes out after its input's name and a
   * colon, before its number (see namePrefix).
   */
  names?: boolean;
}

/**
 * The calls of a filter's predicate in one run, for a line source that makes
 * them itself as it cuts the lines out (see {@linkcode StageImpl.keeps}): it
 * puts in its chunks only the lines whose call returned a truthy value.
 */
export interface FusedKeep {
  /** The predicate. */
  readonly fn: (line: string, index: number) => unknown;
  /** The index of the next call: the caller counts it up with each call. */
  index: number;
  /**
   * The filter's own work on `chunk` from item `from` on, whose call
   * returned `result` (a promise; with `failed`, the error it threw): the
   * items before `from` were called and kept, those after it not called
   * yet. Rejects as the stage fails.
   */
  resume(
    chunk: Chunk<string>,
    from: number,
    result: unknown,
    failed: boolean,
  ): Promise<Chunk<string> | undefined>;
  /**
   * The filter's own step, for the chunks after one that needed
   * {@linkcode FusedKeep.resume}: none of their lines called yet.
   */
  readonly transform: Transform<string, string>;
}

/**
 * A stage's map of a line's UTF-8 to its result's (see
 * StageImpl.mapsLineBytes).
 */
export interface LineBytesMap {
  /** The most bytes the result of a line of `n` bytes takes, its LF too. */
  room(n: number): number;
  /**
   * Writes the result of the line that starts at `buf[start]` and ends at
   * the next LF (which there is; a CR before it is not the line's) into
   * `out` from `at` on, without its LF, sets `next` to the index after that
   * LF and returns where the result ends. Returns -1, nothing written, when
   * the line must go to the stage as text; -2, nothing written but `next`
   * set, when `out` has less room from `at` than `room` of the line's length.
   */
  line(buf: Uint8Array, start: number, out: Uint8Array, at: number): number;
  /** Where the line last given to `line` ends: the index after its LF. */
  next: number;
}

/**
 * Where a source that hands on lines as bytes (a map's results, or the lines
 * themselves) stopped doing so: from then on it hands on text.
 */
export interface FusedStop {
  /**
   * Set by the source once it has stopped (at a line it cannot hand on as
   * bytes, or one the line-length policy takes, or a last line without
   * LF): every line it hands on from there is text.
   */
  text: boolean;
  /**
   * Set by the source on the chunk in which it stopped: the index of its
   * first line of text, the lines before it bytes. Cleared by whoever takes
   * that chunk.
   */
  stoppedAt: number | undefined;
}

/**
 * A map of lines' bytes that a source runs (see FusedFilter.map), and where
 * it stopped: from then on the source hands on text, for the stage's own
 * step.
 */
export interface FusedMap extends FusedStop {
  readonly bytes: LineBytesMap;
}

/** A built-in sink's chunk-level implementation. */
export interface SinkImpl<T> {
  kind: string;
  name: string | undefined;
  bound: string;
  boundBytes?: number | undefined;
  /**
   * Set when a checkpointed run can resume this sink's output: the file it
   * writes. Otherwise the reason it cannot.
   */
  resumable?: { path: string } | { refused: string };
  /**
   * Set by a sink that only counts its items: a reader that filters lines
   * itself may then hand on placeholders (see {@linkcode FusedFilter}).
   */
  countsOnly?: boolean;
  /**
   * Set by a sink that writes each item as its UTF-8 and an LF, as
   * {@linkcode Chunk.bytes} holds them: a stage before it that `handsBytes`
   * may then hand on its lines so.
   */
  takesBytes?: boolean;
  /**
   * Set by a sink that takes bytes and writes lines read losslessly back to
   * their bytes: it may be handed bytes that are not well-formed UTF-8 (the
   * lines of such a reader, as they were read), where another sink is
   * handed only well-formed UTF-8.
   */
  writesLossless?: boolean;
  consume(
    input: AsyncIterable<Chunk<T>>,
    stats: StageStats,
    ctx: RunContext,
  ): Promise<void>;
}

// deno-lint-ignore no-explicit-any
type AnyImpl = StageImpl<any, any> | SourceImpl<any> | SinkImpl<any>;
const registry = new WeakMap<object, AnyImpl>();

export function register<T extends object>(target: T, impl: AnyImpl): T {
  registry.set(target, impl);
  return target;
}

export function stageImpl(
  value: unknown,
): StageImpl<unknown, unknown> | undefined {
  const impl = typeof value === "function" ? registry.get(value) : undefined;
  return impl !== undefined && "run" in impl ? impl : undefined;
}

export function sinkImpl(value: unknown): SinkImpl<unknown> | undefined {
  const impl = typeof value === "function" ? registry.get(value) : undefined;
  return impl !== undefined && "consume" in impl ? impl : undefined;
}

export function sourceImpl(value: unknown): SourceImpl<unknown> | undefined {
  const impl = value !== null && typeof value === "object"
    ? registry.get(value)
    : undefined;
  return impl !== undefined && "chunks" in impl ? impl : undefined;
}

/**
 * Finds a key's text in a line's UTF-8, for a key function that can be read
 * so (see {@linkcode keyReaderOf}): a stage that takes lines as bytes reads
 * each line's key there, and calls the function on the line's text only
 * where the reader cannot tell.
 */
export interface LineKeyReader {
  /**
   * Where the key's text starts in the line that starts at `bytes[start]`
   * and ends at its LF, `bytes[end]`, and sets {@linkcode LineKeyReader.end}
   * to where that text ends; -1 when the line has no key (the function would
   * return undefined), -2 when only the function, on the line's text, can
   * tell.
   */
  find(bytes: Uint8Array, start: number, end: number): number;
  /** Where the text found last ends. */
  end: number;
  /**
   * Whether the text found last is an integer's that the function gives as
   * a number, not as text (a JSON line's number, where the function is not
   * lineField's `text`): a key read as text must then come from the function.
   */
  number?: boolean;
}

const keyReaders = new WeakMap<object, () => LineKeyReader>();

/**
 * Notes that `getter` (a function of a line's text) can be read on the
 * line's UTF-8 by the readers `make` makes, one a run.
 */
export function readsOnBytes<T extends object>(
  getter: T,
  make: () => LineKeyReader,
): T {
  keyReaders.set(getter, make);
  return getter;
}

/** What makes readers of `getter` on a line's UTF-8, when it has one. */
export function keyReaderOf(
  getter: unknown,
): (() => LineKeyReader) | undefined {
  return typeof getter === "function" ? keyReaders.get(getter) : undefined;
}

/**
 * What a getter of a line reads, for a reader of the line's bytes that knows
 * it by name: the `word`-th word (lineWord), the value of the field `field`
 * (lineField), or its number (`numberField`, lineField's `number`).
 * parallelGroupBy()'s workers read these on the lines' bytes (see
 * parallel/_group_scan.ts).
 */
export type LineReading =
  | { word: number }
  | { field: string }
  | { numberField: string };

const lineReadings = new WeakMap<object, LineReading>();

/** Notes what `getter` reads of a line (see {@linkcode LineReading}). */
export function readsLine<T extends object>(
  getter: T,
  reading: LineReading,
): T {
  lineReadings.set(getter, reading);
  return getter;
}

/** What `getter` reads of a line, when it is noted. */
export function lineReadingOf(getter: unknown): LineReading | undefined {
  return typeof getter === "function" ? lineReadings.get(getter) : undefined;
}

/** Throws a TypeError naming the stage when a callback is not a function. */
export function requireFunction(kind: string, name: string, fn: unknown): void {
  if (typeof fn !== "function") {
    throw new TypeError(
      `Cannot create ${kind} stage: ${name} must be a function, got ${typeof fn}`,
    );
  }
}
