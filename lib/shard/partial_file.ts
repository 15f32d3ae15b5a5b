// Copyright 2026 the sluice authors. MIT license.

import { readLines } from "../io/read_lines.ts";
import { pipeline } from "../core/pipeline.ts";
import { writeLines } from "../io/write_lines.ts";
import type { Sink } from "../core/types.ts";
import type { Chunk } from "../core/_chunk.ts";
import { consecutive, lineOf, numbered, withItems } from "../core/_chunk.ts";
import type { RunContext } from "../core/_context.ts";
import { register, sinkImpl, sourceImpl } from "../core/_registry.ts";
import type { StageStats } from "../summary/_record.ts";

/**
 * The version of the partial format this sluice writes and reads. 2: the
 * records of `sort -n` are keyed by doubles (with the exact key where a
 * double rounds it), not by exact keys as text.
 */
const VERSION = 2;
const FORMAT = "sluice-partial";
/** A record may be a line written as JSON: up to 6 bytes per byte. */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

/**
 * What a partial result says about itself: what made it, from which part of
 * which inputs. Partials merge only when all but `shard.index` are equal.
 */
export interface PartialHeader {
  /** What made it: a command's name, or a name of your own. */
  command: string;
  /** The options that shape the result (JSON values). */
  options: Record<string, unknown>;
  /** Which shard of how many. */
  shard: { index: number; count: number };
  /** The inputs of the whole job, in order: names and sizes (null: unknown). */
  inputs: { name: string; size: number | null }[];
}

/**
 * A record as one line of JSON; bigints as `{"$bigint": "..."}`, infinite
 * numbers as `{"$number": "Infinity"}`.
 */
export function encodeRecord(record: unknown): string {
  return JSON.stringify(
    record,
    (_, v) =>
      typeof v === "bigint"
        ? { $bigint: v.toString() }
        : v === Infinity || v === -Infinity
        ? { $number: String(v) }
        : v,
  );
}

/**
 * A record back from {@linkcode encodeRecord}'s line. A line without a
 * string that starts with `$` (written as such or as `\u0024`) holds no
 * `{"$bigint": ...}` or `{"$number": ...}`: it is parsed without a reviver,
 * which V8 calls for every value. `sluice merge` of four partials of
 * `group --by req --count` over the 256 MiB bench corpus (1.74 million
 * records), at V8's defaults: 4.70 -> 3.26 s (medians of 3 in turns).
 */
export function decodeRecord(line: string): unknown {
  if (!line.includes('"$') && !line.includes("\\u0024")) {
    return cutKey(line) ?? JSON.parse(line);
  }
  return JSON.parse(line, (_, v) => {
    if (
      typeof v !== "object" || v === null || Array.isArray(v) ||
      Object.keys(v).length !== 1
    ) return v;
    if (typeof v.$bigint === "string") return BigInt(v.$bigint);
    if (typeof v.$number === "string") return Number(v.$number);
    return v;
  });
}

const BRACKET = 0x5b;
const CLOSING_BRACKET = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** V8's JSON.parse makes each string value shorter than this internalized. */
const INTERNALIZED_BELOW = 10;

/**
 * A record whose line starts `["` and whose first element is a string of
 * fewer than INTERNALIZED_BELOW characters without an escape: that string
 * cut from the line, the rest parsed; otherwise undefined. V8's JSON.parse
 * makes such a short string an internalized one, which V8 puts in its old
 * generation, where the keys of a merge of `group` or `distinct` partials
 * (one per record) die: over the four `group --by req --count` partials of
 * the 256 MiB bench corpus, 8.0 and 20.5 MB of dead keys at its two
 * mark-compacts, which grew the young generation to 8 MiB semi-spaces, and
 * whose freed pages V8 kept. At V8's defaults, medians of 5 in turns: 170.0
 * -> 119.2 MiB peak RSS, 4.00 -> 3.47 s.
 */
function cutKey(line: string): unknown[] | undefined {
  if (line.charCodeAt(0) !== BRACKET || line.charCodeAt(1) !== QUOTE) {
    return undefined;
  }
  const end = Math.min(line.length, 2 + INTERNALIZED_BELOW);
  let q = 2;
  for (; q < end; q++) {
    const c = line.charCodeAt(q);
    if (c === QUOTE) break;
    if (c === BACKSLASH || c < 0x20) return undefined;
  }
  if (q === end) return undefined;
  const key = line.slice(2, q);
  const after = line.charCodeAt(q + 1);
  if (after === CLOSING_BRACKET && q + 2 === line.length) return [key];
  if (after !== COMMA) return undefined;
  let rest: unknown[];
  try {
    rest = JSON.parse(`[${line.slice(q + 2)}`);
  } catch {
    return undefined;
  }
  // None: the line ends in a comma, which JSON.parse refuses.
  if (rest.length === 0) return undefined;
  rest.unshift(key);
  return rest;
}

/**
 * A sink that writes a partial result to `path`: a header line (the format,
 * its version and `header`), then each record as a line of JSON (bigints
 * kept exact), atomically, as {@linkcode writeLines} writes (a path ending
 * in `.gz` or `.zst` is compressed). Read it back with
 * {@linkcode readPartials}. Memory: that of `writeLines` (its write buffer
 * and the text being encoded); in a pipeline it encodes the records a chunk
 * at a time, and its summary row is `writePartial`.
 *
 * @param path Where to write it.
 * @param header What the partial is: command, options, shard and inputs.
 * @returns The sink.
 *
 * @example Saving and reading back a partial
 * ```ts
 * import { pipeline, readPartials, writePartial } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile({ suffix: ".partial" });
 * const header = {
 *   command: "demo",
 *   options: {},
 *   shard: { index: 0, count: 1 },
 *   inputs: [{ name: "app.log", size: 12 }],
 * };
 * await pipeline([["a", 1], ["b", 2n]], writePartial(path, header));
 * const { partials } = await readPartials([path]);
 * const records = [];
 * for await (const r of partials[0]!) records.push(r);
 * assert.deepEqual(records, [["a", 1], ["b", 2n]]);
 * await Deno.remove(path);
 * ```
 */
export function writePartial(
  path: string,
  header: PartialHeader,
): Sink<unknown> {
  const sink = writeLines(path, { atomic: true });
  const first = JSON.stringify({ format: FORMAT, version: VERSION, ...header });
  // On its own, a line per record (writeLines gathers items into chunks of
  // up to 128: with 1024, batches of lines as items made chunks of 262,144
  // lines of a sort partial, which V8 promoted). In a pipeline, chunk by
  // chunk.
  const standalone: Sink<unknown> = (records) => {
    async function* lines(): AsyncGenerator<string> {
      yield first;
      for await (const record of records) yield encodeRecord(record);
    }
    return sink(lines());
  };
  const inner = sinkImpl(sink)!;
  return register(standalone, {
    ...inner,
    name: "writePartial",
    resumable: { refused: "a partial result cannot be resumed" },
    consume: (input, stats, ctx) =>
      inner.consume(encoded(first, input), stats, ctx),
  });
}

/** The header line, then each chunk's records as lines of JSON. */
async function* encoded(
  first: string,
  input: AsyncIterable<Chunk<unknown>>,
): AsyncGenerator<Chunk<string>> {
  yield consecutive([first], 1);
  for await (const chunk of input) {
    const items = chunk.items;
    const lines = new Array<string>(items.length);
    for (let i = 0; i < items.length; i++) lines[i] = encodeRecord(items[i]);
    yield withItems(chunk, lines);
  }
}

/** The header of the partial at `path`, checked. */
async function readHeader(path: string): Promise<PartialHeader> {
  let first: string | undefined;
  for await (
    const line of readLines(path, { maxLineBytes: MAX_RECORD_BYTES })
  ) {
    first = line;
    break;
  }
  let header: Record<string, unknown> | undefined;
  try {
    header = first === undefined ? undefined : JSON.parse(first);
  } catch {
    header = undefined;
  }
  if (header?.format !== FORMAT) {
    throw new TypeError(
      `Cannot merge "${path}": it is not a partial result (written with --partial)`,
    );
  }
  if (header.version !== VERSION) {
    throw new TypeError(
      `Cannot merge "${path}": it is a partial of version ${
        JSON.stringify(header.version)
      }, and this sluice reads version ${VERSION}: make the partials again with this sluice`,
    );
  }
  const { format: _f, version: _v, ...rest } = header;
  return rest as unknown as PartialHeader;
}

/** How a partial's lines are read. */
const READ = { maxLineBytes: MAX_RECORD_BYTES, readBytes: 64 * 1024 };

/** The record of line `line` of the partial at `path`. */
function recordAt(path: string, line: number, text: string): unknown {
  try {
    return decodeRecord(text);
  } catch (error) {
    throw new SyntaxError(
      `Cannot merge "${path}": line ${line} is not a record: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * The records of the partials at `paths`, one after another, after their
 * headers: as a pipeline's source, a chunk of a partial's lines at a time,
 * decoded where they are read; iterated on its own, through a pipeline of
 * it. Through a generator that yielded each record of a partial (itself
 * over readLines), `sluice merge` of four `grep ' INFO '` partials of the
 * 256 MiB bench corpus took 2.94 s and peaked at 94.5 MiB; with each
 * partial a pipeline (readLines, a filter dropping the header, a map
 * decoding the records) joined by a generator, 2.08 s and 80.4 MiB; so,
 * 1.83 s and 69.8 MiB (V8's defaults, medians of 3 or 5 in turns). Merges
 * of `sort -k latency_ms -n` partials 5.06 s and 128.0 MiB, then 4.34 s and
 * 123.8; of `group --by req --count` partials 5.70 s and 176.5 MiB, then
 * 4.46 s and 163.5.
 */
function joined(
  paths: readonly string[],
  head = 0,
): AsyncIterable<unknown> {
  const source: AsyncIterable<unknown> = {
    [Symbol.asyncIterator]: () => pipeline(source)[Symbol.asyncIterator](),
  };
  return register(source, {
    kind: "readPartials",
    name: undefined,
    path: undefined,
    unit: "item",
    bound:
      `the lines of one read, ${RECORDS_PER_CHUNK} of its records at a time`,
    resumable: { refused: "partial results cannot be resumed" },
    chunks: (stats, ctx) => joinedChunks(paths, head, stats, ctx),
  });
}

/**
 * The most records of a read that go on in one chunk. The records of a
 * chunk live until the stage after has taken them all, and the scavenges in
 * between (the decoding of the next ones among them) keep them: a read's
 * worth of records (64 KiB of a partial's lines, some 1,100 records of
 * `group`), and V8 grew its young generation to 16 MiB semi-spaces.
 * `sluice merge` of four `group --by req --count` partials of the 256 MiB
 * bench corpus, at V8's defaults, medians of 3 in turns: 119.4 -> 98.5 MiB
 * peak RSS, 2.42 -> 2.33 s (with reads of 16 KiB as well, 98.8 MiB).
 */
const RECORDS_PER_CHUNK = 128;

/**
 * The chunks of {@linkcode joined}: each partial's lines, decoded, but the
 * first `head` records of each partial after the first.
 */
async function* joinedChunks(
  paths: readonly string[],
  head: number,
  stats: StageStats,
  ctx: RunContext,
): AsyncGenerator<Chunk<unknown>> {
  for (const [k, path] of paths.entries()) {
    const reader = sourceImpl(readLines(path, READ))!;
    // Records are lines 2 on: the head of a partial after the first ends
    // at line head + 1.
    const lastDropped = k === 0 ? 1 : head + 1;
    for await (const chunk of reader.chunks(stats, ctx)) {
      const lines = chunk.items;
      let records: unknown[] = [];
      let numbers: number[] = [];
      for (let i = 0; i < lines.length; i++) {
        const line = lineOf(chunk, i);
        // The header, read by readPartials, and a head kept once.
        if (line <= lastDropped) continue;
        records.push(recordAt(path, line, lines[i] as string));
        numbers.push(line);
        if (records.length === RECORDS_PER_CHUNK) {
          yield numbered(records, numbers, path);
          records = [];
          numbers = [];
        }
      }
      if (records.length > 0) yield numbered(records, numbers, path);
    }
  }
}

/** The first difference between two JSON values, as a path and two texts. */
function difference(
  a: unknown,
  b: unknown,
): string | undefined {
  const ta = JSON.stringify(a);
  const tb = JSON.stringify(b);
  if (ta === tb) return undefined;
  if (
    typeof a === "object" && a !== null && typeof b === "object" &&
    b !== null && !Array.isArray(a) && !Array.isArray(b)
  ) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const va = (a as Record<string, unknown>)[k];
      const vb = (b as Record<string, unknown>)[k];
      if (JSON.stringify(va) !== JSON.stringify(vb)) {
        const show = (v: unknown) =>
          v === undefined ? "not given" : JSON.stringify(v);
        return `${k} ${show(vb)}, not ${show(va)}`;
      }
    }
  }
  return `${tb}, not ${ta}`;
}

/** What {@linkcode readPartials} found: the job, and each shard's records. */
export interface Partials {
  /** The header the partials share (`shard.index` is 0's). */
  header: PartialHeader;
  /** Each shard's records, in shard order: each read when iterated. */
  partials: AsyncIterable<unknown>[];
  /**
   * Every shard's records, one shard after another, read when iterated: as
   * a pipeline's source, a chunk at a time.
   */
  records: AsyncIterable<unknown>;
  /**
   * Every shard's records as {@linkcode Partials.records} gives them, but
   * the first `n` of each partial after the first: a head that every shard
   * writes alike (the header row of CSV output), kept once.
   */
  recordsWithHeadOnce(n: number): AsyncIterable<unknown>;
}

/**
 * Reads the partial results of one job, written by {@linkcode writePartial}
 * (or `--partial` on the command line), and checks that they merge: the same
 * command, options and inputs (names and sizes), and every shard of the job
 * exactly once. Only the headers are read here; each shard's records are
 * read when its iterable is, a chunk at a time.
 *
 * @param paths The partials' paths, in any order.
 * @returns The shared header and the shards' records, in shard order: each
 * shard's own (for a merge of sorted runs), and all of them joined (for a
 * merge that takes them one after another, as `mergeGroups`
 * does), which a pipeline reads a chunk at a time.
 * @throws {TypeError} For a file that is not a partial (or of another
 * version), or partials of different commands, options or inputs; the
 * message names the files and the difference.
 * @throws {RangeError} For a shard given twice or missing.
 *
 * @example Refusing a shard given twice
 * ```ts
 * import { pipeline, readPartials, writePartial } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const header = (index: number) => ({
 *   command: "demo",
 *   options: {},
 *   shard: { index, count: 2 },
 *   inputs: [],
 * });
 * await pipeline([], writePartial(`${dir}/0`, header(0)));
 * await pipeline([], writePartial(`${dir}/1`, header(0)));
 * await assert.rejects(
 *   readPartials([`${dir}/0`, `${dir}/1`]),
 *   /shard 0 of 2 is given twice/,
 * );
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @example A header row that every shard writes, kept once
 * ```ts
 * import { pipeline, readPartials, writePartial } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * for (const index of [0, 1]) {
 *   await pipeline(
 *     ["service,status", `api,${200 + index}`],
 *     writePartial(`${dir}/${index}`, {
 *       command: "demo",
 *       options: {},
 *       shard: { index, count: 2 },
 *       inputs: [],
 *     }),
 *   );
 * }
 * const partials = await readPartials([`${dir}/0`, `${dir}/1`]);
 * const rows: unknown[] = [];
 * for await (const row of pipeline(partials.recordsWithHeadOnce(1))) {
 *   rows.push(row);
 * }
 * assert.deepEqual(rows, ["service,status", "api,200", "api,201"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @example Every shard's records, one shard after another
 * ```ts
 * import { pipeline, readPartials, writePartial } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * for (const index of [0, 1]) {
 *   await pipeline(
 *     [`a${index}`, `b${index}`],
 *     writePartial(`${dir}/${index}`, {
 *       command: "demo",
 *       options: {},
 *       shard: { index, count: 2 },
 *       inputs: [],
 *     }),
 *   );
 * }
 * const { records } = await readPartials([`${dir}/1`, `${dir}/0`]);
 * const joined: unknown[] = [];
 * for await (const record of pipeline(records)) joined.push(record);
 * assert.deepEqual(joined, ["a0", "b0", "a1", "b1"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function readPartials(
  paths: readonly string[],
): Promise<Partials> {
  if (paths.length === 0) {
    throw new RangeError("Cannot merge: no partial results given");
  }
  const headers: PartialHeader[] = [];
  for (const path of paths) headers.push(await readHeader(path));
  const first = headers[0]!;
  const p0 = paths[0]!;
  for (const [i, h] of headers.entries()) {
    const p = paths[i]!;
    if (h.command !== first.command) {
      throw new TypeError(
        `Cannot merge: "${p}" is a partial of "${h.command}", "${p0}" of "${first.command}"`,
      );
    }
    const options = difference(first.options, h.options);
    if (options !== undefined) {
      throw new TypeError(
        `Cannot merge: "${p}" was made with other options than "${p0}": ${options}`,
      );
    }
    const inputs = difference(
      first.inputs.map((x) => `${x.name} (${x.size ?? "?"} bytes)`),
      h.inputs.map((x) => `${x.name} (${x.size ?? "?"} bytes)`),
    );
    if (inputs !== undefined) {
      throw new TypeError(
        `Cannot merge: "${p}" read other inputs than "${p0}": ${inputs}`,
      );
    }
    if (h.shard.count !== first.shard.count) {
      throw new TypeError(
        `Cannot merge: "${p}" is shard ${h.shard.index} of ${h.shard.count}, "${p0}" one of ${first.shard.count}`,
      );
    }
  }
  const count = first.shard.count;
  const byShard = new Array<string | undefined>(count);
  for (const [i, h] of headers.entries()) {
    const k = h.shard.index;
    if (byShard[k] !== undefined) {
      throw new RangeError(
        `Cannot merge: shard ${k} of ${count} is given twice: "${
          byShard[k]
        }" and "${paths[i]}"`,
      );
    }
    byShard[k] = paths[i]!;
  }
  const missing = [...byShard.keys()].filter((k) => byShard[k] === undefined);
  if (missing.length > 0) {
    const list = missing.length === 1
      ? `shard ${missing[0]} of ${count} is`
      : `shards ${missing.slice(0, -1).join(", ")} and ${
        missing.at(-1)
      } of ${count} are`;
    throw new RangeError(`Cannot merge: ${list} missing`);
  }
  return {
    header: headers[paths.indexOf(byShard[0]!)]!,
    partials: byShard.map((path) => joined([path!])),
    records: joined(byShard as string[]),
    recordsWithHeadOnce: (n) => {
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new RangeError(
          `A head of records must be a whole number from 0, got ${n}`,
        );
      }
      return joined(byShard as string[], n);
    },
  };
}
