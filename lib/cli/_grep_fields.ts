// Copyright 2026 the sluice authors. MIT license.
// `sluice grep [--format NAME] -k FIELD PATTERN`: the records whose field
// matches, each written as the lines it was read from, byte for byte. The
// lines are kept beside the parse stage (which yields only records) and
// paired with its records in order: a line format gives one record per
// line, CSV and TSV one per record whose lines this module finds itself,
// by the reader's rules; the records the parse stage skips are told by its
// dead letter.

import { countItems } from "../core/count_items.ts";
import { pipeline } from "../core/pipeline.ts";
import type { Sink, Stage } from "../core/types.ts";
import { readLines } from "../io/read_lines.ts";
import { deadLetter } from "../policy/dead_letter.ts";
import type { FailedItem } from "../policy/error_policy.ts";
import { filter } from "../stages/filter.ts";
import { map } from "../stages/map.ts";
import { take } from "../stages/take.ts";
import { textMatcher } from "../stages/text_matcher.ts";
import { fieldTestInWorker, matchesInWorker } from "./_regex.ts";
import { keyText } from "./_fields.ts";
import { lineField } from "../parse/line_field.ts";
import {
  type Format,
  formatOf,
  parseStage,
  recordField,
  skipOptions,
} from "./_format.ts";
import type { ScriptContext } from "./script.ts";
import { readableOrSaid } from "./commands/_unreadable.ts";
import {
  type KeptBytes,
  lineText,
  pipeStages,
  reportBinary,
  reportSkipped,
  runStages,
} from "./commands/_options.ts";

/** What grep has read of its other options. */
export interface FieldGrepSettings {
  pattern: string | RegExp;
  invert: boolean;
  ignoreCase: boolean;
  withName: boolean;
  maxCount: number | undefined;
  quiet: boolean;
  files: boolean;
  count: boolean;
  lineNumber: boolean;
  /** The --partial file, if any. */
  partial: string | undefined;
  /** The sink of the lines: the output, or the partial. */
  out: () => Promise<Sink<string>>;
  kept: KeptBytes;
}

/** The most UTF-8 bytes of a CSV record: the parse stage's default. */
const MAX_RECORD_BYTES = 1 << 20;

/** The lines of one record (or header), and the number of its first. */
interface Entry {
  lines: string[];
  n: number;
  /** Its first line's text, as the parse stage saw it. */
  text: string;
}

/**
 * Where the CSV (or TSV) reader's records start and end, found by its own
 * rules on the same text: a quoted field may span lines, a quote in an
 * unquoted field is a character, a quoted field followed by other text or
 * a record beyond {@linkcode MAX_RECORD_BYTES} fails and ends there.
 */
export class CsvBounds {
  #open = false;
  #bytes = 0;
  readonly #sep: string;

  constructor(separator: string) {
    this.#sep = separator;
  }

  get open(): boolean {
    return this.#open;
  }

  /** Takes a line: whether a record (or a failure) ends with it. */
  line(text: string): boolean {
    if (!this.#open) {
      const bytes = utf8Length(text);
      if (bytes > MAX_RECORD_BYTES || text.indexOf('"') === -1) return true;
      this.#scan(text, 0, false);
      this.#bytes = bytes;
      return !this.#open;
    }
    this.#bytes += 1 + utf8Length(text);
    if (this.#bytes > MAX_RECORD_BYTES) {
      this.#open = false;
      return true;
    }
    this.#scan(text, 0, true);
    return !this.#open;
  }

  /** Scans fields from `i`; `quoted` when inside a quoted field. */
  #scan(text: string, from: number, quoted: boolean): void {
    const sep = this.#sep;
    const n = text.length;
    let i = from;
    this.#open = false;
    for (;;) {
      if (quoted || text.charCodeAt(i) === 34) {
        if (!quoted) i++;
        quoted = false;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            this.#open = true;
            return;
          }
          if (text.charCodeAt(q + 1) === 34) {
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        // A separator, the end, or other text: an error that ends it.
        if (i >= n || text[i] !== sep) return;
        i++;
        if (i === n) return;
        continue;
      }
      const end = text.indexOf(sep, i);
      if (end === -1) return;
      i = end + 1;
      if (i === n) return;
    }
  }
}

/** The UTF-8 length of `text`, as the CSV reader counts it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return bytes;
}

/**
 * The lines read, grouped as the parse stage reads them into records, in
 * order; each record the parse stage yields takes the next group that did
 * not fail. A failure is told by the stage's dead letter, before the
 * records after it come: in a line format by its text (a line with the
 * same text fails the same way, and in a shard the reader's line numbers
 * are not this count's), in CSV and TSV, which are not read in shards, by
 * its first line's number (a record's first line may be another's too).
 */
class Groups {
  #groups: Entry[] = [];
  #head = 0;
  #failedLines = new Set<number>();
  #failedTexts: string[] = [];
  #failedHead = 0;
  #open: Entry | undefined;
  readonly #csv: CsvBounds | undefined;
  /** CSV and TSV with a header row: the header, once met. */
  #wantHeader: boolean;
  header: Entry | undefined;

  constructor(csv: CsvBounds | undefined, header: boolean) {
    this.#csv = csv;
    this.#wantHeader = header;
  }

  /** Takes line `n`: `raw` as read, `text` as the parse stage sees it. */
  add(raw: string, text: string, n: number): void {
    if (this.#csv === undefined) {
      this.#groups.push({ lines: [raw], n, text });
      return;
    }
    if (this.#open === undefined) {
      // A blank line between records is none.
      if (text === "") return;
      this.#open = { lines: [raw], n, text };
    } else this.#open.lines.push(raw);
    if (this.#csv.line(text)) {
      this.#groups.push(this.#open);
      this.#open = undefined;
    }
  }

  /** The parse stage passed over `failed`. */
  fail(failed: FailedItem): void {
    if (this.#csv === undefined) {
      this.#failedTexts.push(failed.item as string);
    } else if (failed.line !== undefined) this.#failedLines.add(failed.line);
  }

  /** The lines of the next record. */
  next(): Entry {
    for (;;) {
      const entry = this.#take();
      if (this.#failed(entry)) continue;
      if (this.#wantHeader) {
        this.#wantHeader = false;
        this.header = entry;
        continue;
      }
      return entry;
    }
  }

  /** Whether `entry` is the next that failed (and forgets it if so). */
  #failed(entry: Entry): boolean {
    if (this.#csv !== undefined) return this.#failedLines.delete(entry.n);
    if (this.#failedTexts[this.#failedHead] !== entry.text) return false;
    this.#failedHead++;
    if (this.#failedHead === this.#failedTexts.length) {
      this.#failedTexts = [];
      this.#failedHead = 0;
    }
    return true;
  }

  #take(): Entry {
    const entry = this.#groups[this.#head];
    if (entry === undefined) {
      throw new Error("grep --format: a record came without its lines");
    }
    this.#groups[this.#head++] = undefined as unknown as Entry;
    // Dropped from the front once half is used: the queue stays as long as
    // the lines in flight between the stages.
    if (this.#head > 1024 && this.#head * 2 > this.#groups.length) {
      this.#groups = this.#groups.slice(this.#head);
      this.#head = 0;
    }
    return entry;
  }
}

/** The refusals and checks of grep's field options. */
function checkOptions(
  ctx: ScriptContext,
): { format: Format | undefined; key: string } {
  const format = formatOf(ctx);
  const key = ctx.values.key;
  if (format === undefined) {
    for (const name of ["on-error", "max-errors"]) {
      if (ctx.values[name] !== undefined) {
        ctx.usageError(`--${name} needs --format NAME`);
      }
    }
  }
  if (typeof key !== "string") {
    ctx.usageError(
      "--format needs -k FIELD: grep matches PATTERN against that field of each record",
    );
  }
  if (key === "") ctx.usageError("-k (--key) names no field");
  if (format === "auto") {
    ctx.usageError(
      "--format auto is not taken by grep, whose records are written as their lines: name the format (combined, json, csv, \u2026)",
    );
  }
  if (ctx.values["only-matching"] === true) {
    ctx.usageError("-k FIELD takes no -o: it selects whole records");
  }
  if (ctx.values.checkpoint !== undefined) {
    ctx.usageError("-k FIELD takes no --checkpoint");
  }
  // -n and CSV's records count the lines, which these would drop or split.
  const long = ctx.readOptions.onLongLine;
  if (
    long !== undefined && long !== "error" &&
    (ctx.values["line-number"] === true || format === "csv" ||
      format === "tsv")
  ) {
    ctx.usageError(
      `-k FIELD takes no --long-lines ${long} with -n or --format ${
        format === "csv" || format === "tsv" ? format : "NAME"
      }: records are numbered by their lines`,
    );
  }
  return { format, key };
}

/**
 * Runs `grep --format NAME -k FIELD PATTERN FILE...`: file by file (names,
 * counts, -l, -q and -m are per file), each record's lines written as
 * read. Returns the exit status.
 */
export async function grepFields(
  ctx: ScriptContext,
  settings: FieldGrepSettings,
): Promise<number> {
  const { format, key } = checkOptions(ctx);
  // Without --format, as sort and group read fields: of a JSON line (one
  // starting with {) or a logfmt line, and a line is never in error.
  const get = format === undefined
    ? lineField(key) as (record: unknown) => unknown
    : recordField(ctx, format, key);
  const skip = skipOptions(ctx);
  const test = textMatcher(settings.pattern, {
    ignoreCase: settings.ignoreCase,
  });
  const { invert, withName, quiet, files, count, lineNumber, kept } = settings;
  // In a worker, Ctrl-C is heard while an expression backtracks (see
  // matchesInWorker).
  const inWorker = settings.pattern instanceof RegExp &&
    matchesInWorker(settings.pattern, settings.ignoreCase);
  // Missing (absent or null) never matches: -v selects it.
  const selects = (record: unknown): boolean => {
    const text = keyText(get(record));
    return (text !== undefined && test(text)) !== invert;
  };
  // Without a format, in this thread: a line is a record, and a filter
  // right after the reader tests each line as the reader cuts it out. Only
  // the lines it keeps are handed on, as the reader hands them (a line given
  // to the filter may hold the text of many lines); with -n their numbers go
  // to `numbers`, in order.
  const keeps = format === undefined && !inWorker;
  const keepOf = (numbers: number[]): Stage<string, string> =>
    filter((raw: string, index: number) => {
      let text = lineText(raw);
      if (index === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (!selects(text)) return false;
      if (lineNumber) numbers.push(index + 1);
      return true;
    }, { name: "match" });
  const shown = !count && !files && !quiet;
  const limit = quiet || files ? 1 : settings.maxCount;
  const separator: string = format === "csv"
    ? ","
    : format === "tsv"
    ? "\t"
    : "";
  const header = separator !== "" && ctx.values.columns === undefined;
  const nameOf = (input: string) => input === "-" ? "(standard input)" : input;
  let selected = false;
  let skipped = 0;
  const matchedBinary: string[] = [];
  // As GNU grep: an input that cannot be read is reported and skipped, the
  // others are searched, and the exit status is 2 at the end.
  let trouble = false;
  const readable = async (input: string) => {
    if (
      await readableOrSaid(
        "sluice grep",
        input,
        ctx.values["no-messages"] === true,
      )
    ) return true;
    trouble = true;
    return false;
  };

  async function* results(): AsyncGenerator<string> {
    for (const input of ctx.inputs) {
      if (!await readable(input)) continue;
      const groups = new Groups(
        separator === "" ? undefined : new CsvBounds(separator),
        header,
      );
      let n = 0;
      let binary = false;
      const tag: Stage<string, string> = map((raw: string) => {
        // Kept as read; parsed without a CRLF's CR, and without a BOM.
        let text = lineText(raw);
        if (++n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        groups.add(raw, text, n);
        return text;
      }, { name: "lines" });
      const numbers: number[] = [];
      const keep = keeps ? keepOf(numbers) : undefined;
      // In a worker, one answer per record, in order. Then only the
      // records selected go on: the loop below takes no turn for the others.
      const pick: Stage<never, unknown>[] = [
        ...(inWorker
          ? [
            map((record: unknown) => keyText(get(record)) ?? null, {
              name: "field",
            }),
            fieldTestInWorker(settings.pattern as RegExp, settings.ignoreCase),
            map((hit: boolean) => {
              const entry = groups.next();
              return hit !== invert ? entry : undefined;
            }, { name: "select" }),
          ] as Stage<never, unknown>[]
          : [
            map((record: unknown) => {
              const entry = groups.next();
              return selects(record) ? entry : undefined;
            }, { name: "match" }) as Stage<never, unknown>,
          ]),
        filter((entry: Entry | undefined) => entry !== undefined, {
          name: "selected",
        }) as Stage<never, unknown>,
      ];
      const read = () =>
        readLines(input, {
          ...kept.read,
          onBinary: () => void (binary = true),
        });
      const name = nameOf(input);
      // Only counted (without -m): the lines the filter keeps go to a count,
      // and the reader hands on none of them.
      if (keep !== undefined && count && limit === undefined) {
        const counted = { n: 0 };
        await runStages(
          read(),
          [keep as Stage<never, unknown>],
          countItems(counted),
          ctx.pipelineOptions,
        );
        if (counted.n > 0) selected = true;
        yield withName ? `${name}:${counted.n}` : String(counted.n);
        continue;
      }
      const records = pipeStages(
        read(),
        keep !== undefined
          ? [
            keep,
            map((raw: string): Entry => ({
              lines: [raw],
              n: lineNumber ? numbers.shift()! : 0,
              text: raw,
            }), { name: "lines" }),
          ]
          : format === undefined
          ? [tag, ...pick]
          : [
            tag,
            parseStage(
              ctx,
              format,
              skip && {
                // --max-errors counts over all the inputs, as one run would.
                ...(skip.maxErrors === undefined
                  ? {}
                  : { maxErrors: skip.maxErrors - skipped }),
                onError: deadLetter((failed) => {
                  skipped++;
                  groups.fail(failed);
                }),
              },
              [key],
            ),
            ...pick,
          ] as Stage<never, unknown>[],
        ctx.pipelineOptions,
      ) as AsyncIterable<Entry | undefined>;
      let found = 0;
      let headerDone = false;
      for await (const entry of records) {
        if (entry === undefined) continue;
        found++;
        selected = true;
        if (quiet) return;
        if (files) {
          yield name;
          break;
        }
        if (shown) {
          if (!headerDone && groups.header !== undefined) {
            yield* lines(groups.header, name);
          }
          headerDone = true;
          yield* lines(entry, name, true);
        }
        if (found === limit) break;
      }
      if (count) yield withName ? `${name}:${found}` : String(found);
      if (binary && shown && found > 0) matchedBinary.push(name);
    }
  }

  /**
   * A record's lines, prefixed as grep prefixes a selected line (`FILE:`,
   * `N:`) on its first, and as GNU marks a context line (`FILE-`, `N-`) on
   * the others and on a CSV header. A number's digits come from toFixed:
   * V8 keeps the text of each number a template or String() converts in a
   * cache of its own, alive across scavenges (see the one-file run below).
   */
  function* lines(
    entry: Entry,
    name: string,
    chosen = false,
  ): Generator<string> {
    for (let i = 0; i < entry.lines.length; i++) {
      const mark = chosen && i === 0 ? ":" : "-";
      yield `${withName ? name + mark : ""}${
        lineNumber ? (entry.n + i).toFixed(0) + mark : ""
      }${entry.lines[i]}`;
    }
  }

  if (keeps && shown && ctx.inputs.length === 1) {
    // One file: one run, from the reader to the output, the selected lines
    // handed on a chunk at a time (`sluice grep -n -E -k status '^50[34]$'`
    // over the 1 GiB bench corpus, each line through the loop below: 2.49 s
    // and 94.6 MiB, medians of 3 in turns). Whether one was selected, from
    // the lines the writer took in (its row, the run's last). Numbered by
    // toFixed: numbers converted by a template kept 7.7 KB alive across the
    // median scavenge over 1 GiB, 1.6 KB without them.
    const input = ctx.inputs[0]!;
    if (!await readable(input)) return 2;
    const numbers: number[] = [];
    const prefix = withName ? `${nameOf(input)}:` : "";
    let binary = false;
    const prefixed = prefix !== "" || lineNumber
      ? map((raw: string) => {
        const n = lineNumber ? numbers.shift()!.toFixed(0) + ":" : "";
        return prefix + n + raw;
      }, { name: "lines" })
      : undefined;
    await runStages(
      readLines(input, { ...kept.read, onBinary: () => void (binary = true) }),
      [
        keepOf(numbers),
        prefixed,
        limit === undefined ? undefined : take(limit),
      ] as (Stage<never, unknown> | undefined)[],
      await settings.out(),
      ctx.pipelineOptions,
    );
    selected = ctx.summary.stages.at(-1)!.itemsIn > 0;
    if (binary && selected) {
      await reportBinary("sluice grep", [nameOf(input)], "binary file matches");
    }
    return selected || settings.partial !== undefined ? 0 : 1;
  }
  if (quiet) {
    for await (const _ of results()) { /* nothing is printed */ }
    return selected ? 0 : trouble ? 2 : 1;
  }
  await pipeline(results(), await settings.out(), ctx.pipelineOptions);
  await reportBinary("sluice grep", matchedBinary, "binary file matches");
  await reportSkipped("sluice grep", ctx.summary);
  return trouble ? 2 : selected || settings.partial !== undefined ? 0 : 1;
}
