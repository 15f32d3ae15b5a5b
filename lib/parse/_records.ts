// Copyright 2026 the sluice authors. MIT license.
// The runs of the parse stages that cannot take one line at a time: CSV and
// TSV, whose records may span lines, and `auto`, which reads the first lines
// before it knows the format. Failures go through the same error policy as
// every per-item stage (policy/_policy.ts); a format chosen by `auto` that
// reads one line at a time runs on the per-item engine itself.

import { type Chunk, ChunkBuilder, lineOf } from "../core/_chunk.ts";
import { type RunContext, stageFailure } from "../core/_context.ts";
import { stageImpl } from "../core/_registry.ts";
import type { Stage } from "../core/types.ts";
import { Failures, type Policy } from "../policy/_policy.ts";
import type { StageStats } from "../summary/_record.ts";
import { type AutoChoice, chooseFormat, SAMPLE_LINES } from "./_auto.ts";
import { CsvReader, headerNames } from "./_csv.ts";
import { quote } from "./_quote.ts";

/** How a CSV or TSV run reads records. */
export interface CsvSettings {
  separator: string;
  maxRecordBytes: number;
  /** The names given, or undefined to take them from the header. */
  columns: string[] | undefined;
  /** Whether each input's first record is a header row. */
  header: boolean;
  /** What becomes of a record once it has its names (its time field). */
  finish: ((record: Record<string, unknown>) => unknown) | undefined;
  /** Ends the errors (auto: how the format was chosen). */
  note: string;
}

/** The stage's failures, under its policy or not. */
class Failing {
  readonly #failures: Failures | undefined;
  readonly #stats: StageStats;
  readonly #ctx: RunContext;

  constructor(policy: Policy | undefined, stats: StageStats, ctx: RunContext) {
    this.#failures = policy && new Failures(policy, stats, ctx);
    this.#stats = stats;
    this.#ctx = ctx;
  }

  /** Set until the dead letter is open. */
  get ready(): Promise<void> | undefined {
    return this.#failures?.ready;
  }

  /**
   * `item` at `line` of `path` failed: throws the stage's error, or under a
   * policy returns what to wait for, if anything.
   */
  fail(
    error: unknown,
    item: unknown,
    line: number,
    path: string | undefined,
  ): Promise<void> | undefined {
    if (this.#failures === undefined) {
      throw stageFailure(error, this.#stats, this.#ctx, { line, path });
    }
    return this.#failures.add(error, item, line, path);
  }
}

/** Records of CSV or TSV lines, each numbered by its first line. */
export async function* csvRecords(
  input: AsyncIterable<Chunk<unknown>>,
  settings: CsvSettings,
  failing: Failing,
): AsyncGenerator<Chunk<unknown>> {
  if (failing.ready !== undefined) await failing.ready;
  const reader = new CsvReader(settings.separator, settings.maxRecordBytes);
  const { columns, header, finish, note } = settings;
  let names = columns;
  let skipHeader = header;
  // Where the open record started (its first line, for the dead letter),
  // and its input.
  let start = 0;
  let startText = "";
  let path: string | undefined;
  let inputOf: number | undefined = -1;
  const unclosed = () =>
    new SyntaxError(
      `Record ends inside a quoted field at the end of the input${note}`,
    );
  for await (const chunk of input) {
    const items = chunk.items;
    const out = new ChunkBuilder<unknown>();
    if (chunk.input !== inputOf || chunk.path !== path) {
      // A new input: a record does not go on across files, and each file
      // has its header.
      if (inputOf !== -1 && reader.open) {
        reader.reset();
        const wait = failing.fail(unclosed(), startText, start, path);
        if (wait !== undefined) await wait;
      }
      if (inputOf !== -1 && header) {
        names = columns;
        skipHeader = true;
      }
      inputOf = chunk.input;
      path = chunk.path;
    }
    for (let i = 0; i < items.length; i++) {
      const text = items[i];
      if (!reader.open) {
        start = lineOf(chunk, i);
        startText = typeof text === "string" ? text : "";
      }
      let record: unknown;
      try {
        if (typeof text !== "string") throw notText(text);
        const fields = reader.line(text);
        if (fields === undefined) continue;
        if (skipHeader) {
          skipHeader = false;
          names ??= headerNames(fields);
          continue;
        }
        if (names === undefined) record = fields;
        else {
          if (fields.length !== names.length) {
            throw new RangeError(
              `Record has ${fields.length} ${
                fields.length === 1 ? "field" : "fields"
              } where the ${
                columns === undefined ? "header has" : "columns are"
              } ${names.length}${note}: ${quote(String(text))}`,
            );
          }
          const o: Record<string, unknown> = {};
          for (let k = 0; k < names.length; k++) o[names[k]!] = fields[k];
          record = finish === undefined ? o : finish(o);
        }
      } catch (error) {
        const wait = failing.fail(error, text, start, chunk.path);
        if (wait !== undefined) await wait;
        continue;
      }
      out.push(record, start);
    }
    const built = out.build(chunk);
    if (built !== undefined) yield built;
  }
  if (reader.open) {
    reader.reset();
    const wait = failing.fail(unclosed(), startText, start, path);
    if (wait !== undefined) await wait;
  }
}

/** The TypeError for an item that is not a line. */
export function notText(item: unknown): TypeError {
  return new TypeError(
    `parse takes lines (strings), got ${item === null ? "null" : typeof item}`,
  );
}

/** What `auto` runs once it has chosen. */
export interface AutoSettings {
  /** The stage of a per-line format, with `note` in its errors. */
  lineStage(choice: AutoChoice, note: string): Stage<string, unknown>;
  /** The settings of CSV or TSV, with `note` in its errors. */
  csv(choice: "csv" | "tsv", note: string): CsvSettings;
}

/**
 * `auto`: the first chunk with a non-blank line decides from its first
 * lines (up to 20); the choice is counted in the summary (`auto chose
 * combined`), and named in the errors of lines that do not fit it.
 */
export async function* autoRecords(
  input: AsyncIterable<Chunk<unknown>>,
  settings: AutoSettings,
  policy: Policy | undefined,
  stats: StageStats,
  ctx: RunContext,
): AsyncGenerator<Chunk<unknown>> {
  const it = input[Symbol.asyncIterator]();
  const held: Chunk<unknown>[] = [];
  let sample: string[] = [];
  while (sample.length === 0) {
    const next = await it.next();
    if (next.done === true) break;
    held.push(next.value);
    sample = next.value.items
      .filter((l): l is string => typeof l === "string" && l.trim() !== "")
      .slice(0, SAMPLE_LINES);
  }
  if (sample.length === 0 && held.length === 0) return;
  const choice = chooseFormat(sample);
  stats.count(`auto chose ${choice}`);
  const note = ` (the format auto chose from the first ${sample.length} ${
    sample.length === 1 ? "line" : "lines"
  })`;
  async function* rest(): AsyncGenerator<Chunk<unknown>> {
    yield* held;
    held.length = 0;
    for (;;) {
      const next = await it.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  try {
    if (choice === "csv" || choice === "tsv") {
      yield* csvRecords(
        rest(),
        settings.csv(choice, note),
        new Failing(policy, stats, ctx),
      );
      return;
    }
    const impl = stageImpl(settings.lineStage(choice, note))!;
    const transform = impl.transformer!(stats, ctx);
    for await (const chunk of rest()) {
      let out = transform(chunk as Chunk<never>);
      if (out instanceof Promise) out = await out;
      if (out !== undefined && out.items.length > 0) yield out;
    }
  } finally {
    await it.return?.();
  }
}

export { Failing };
