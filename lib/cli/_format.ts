// Copyright 2026 the sluice authors. MIT license.
// `--format NAME` of the commands that read fields: the library's parse
// stage, fields named by path, time fields, and, for the commands that
// write lines back (sort, distinct, split), each record paired with its
// text.

export { referenceOf } from "./_line_time.ts";
import type { Stage } from "../core/types.ts";
import { bucket } from "../parse/bucket.ts";
import { field } from "../parse/field.ts";
import { parse, PARSE_FORMATS, type ParseFormat } from "../parse/parse.ts";
import { parseTime } from "../parse/time.ts";
import type { TimeReading } from "./_fields.ts";
import { referenceOf } from "./_line_time.ts";
import { deadLetter } from "../policy/dead_letter.ts";
import type { ErrorPolicyOptions } from "../policy/error_policy.ts";
import { map } from "../stages/map.ts";
import type { Summary } from "../summary/summary.ts";
import type { ScriptContext } from "./script.ts";
import { matchesInWorker, parseInWorker } from "./_regex.ts";
import { dialectProblem } from "./_dialect.ts";

/** A format: a name, or a regular expression with named groups. */
export type Format = ParseFormat | RegExp;

/** What `--on-error skip` and `--max-errors` ask, or undefined to fail. */
export function skipOptions(
  ctx: ScriptContext,
): { maxErrors?: number } | undefined {
  const given = ctx.values["on-error"];
  const max = ctx.values["max-errors"];
  if (given !== undefined && given !== "skip" && given !== "fail") {
    ctx.usageError(`--on-error must be "skip" or "fail", got "${given}"`);
  }
  if (given !== "skip") {
    if (max !== undefined) ctx.usageError("--max-errors needs --on-error skip");
    return undefined;
  }
  if (max === undefined) return {};
  const n = typeof max === "string" && /^\d+$/.test(max) ? Number(max) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    ctx.usageError(
      `--max-errors must be an integer of at least 1, got "${max}"`,
    );
  }
  return { maxErrors: n };
}

/**
 * How `--by-time` reads times: `--zone` and `--year`, checked, and when the
 * inputs were written at the latest.
 */
export async function timeReading(ctx: ScriptContext): Promise<TimeReading> {
  const time: TimeReading = { reference: await referenceOf(ctx.inputs) };
  const zone = ctx.values.zone;
  if (typeof zone === "string") {
    try {
      parseTime("2000-01-01T00:00:00", { zone });
    } catch {
      ctx.usageError(
        `--zone must be UTC, an offset such as +02:00 or a zone name such as Europe/Berlin, got "${zone}"`,
      );
    }
    time.zone = zone;
  }
  const year = ctx.values.year;
  if (typeof year === "string") {
    if (!/^\d{4}$/.test(year)) {
      ctx.usageError(`--year must be a year such as 2024, got "${year}"`);
    }
    time.year = Number(year);
  }
  return time;
}

/** The format of `--format`, checked; undefined without one. */
export function formatOf(ctx: ScriptContext): Format | undefined {
  const text = ctx.values.format;
  const columns = ctx.values.columns;
  if (typeof text !== "string") {
    if (columns !== undefined) {
      ctx.usageError("--columns needs --format csv or tsv");
    }
    return undefined;
  }
  if (columns !== undefined && text !== "csv" && text !== "tsv") {
    ctx.usageError(`--columns needs --format csv or tsv, got "${text}"`);
  }
  if (text.startsWith("regex:")) {
    const source = text.slice("regex:".length);
    const problem = dialectProblem(source);
    if (problem !== undefined) {
      ctx.usageError(`--format regex:PATTERN ${problem}`);
    }
    let re: RegExp;
    try {
      // Unicode mode, as grep --regex: "." is a character, not half of one.
      re = new RegExp(source, "u");
    } catch (error) {
      ctx.usageError(
        `--format regex: invalid regular expression: ${
          (error as Error).message.replace(/^Invalid regular expression: /, "")
        }`,
      );
    }
    if (!/\(\?<[^=!]/.test(source)) {
      ctx.usageError(
        `--format regex:PATTERN needs a named group, such as (?<ip>\\S+), to name the fields, got "${source}"`,
      );
    }
    return re;
  }
  if (!(PARSE_FORMATS as readonly string[]).includes(text)) {
    ctx.usageError(
      `--format must be ${
        PARSE_FORMATS.join(", ")
      } or regex:PATTERN, got "${text}"`,
    );
  }
  // A CSV header is read only by the shard that starts the file, a record
  // may span lines, and auto decides from the first lines: none of them
  // divides.
  if (
    (text === "csv" || text === "tsv" || text === "auto") &&
    (ctx.shard !== undefined || ctx.values.partial !== undefined)
  ) {
    ctx.usageError(
      `--format ${text} cannot be read in shards (--shard, --partial): its header and records span the lines of a file; give a line format (json, logfmt, combined, \u2026)`,
    );
  }
  return text as ParseFormat;
}

/** The parse stage of `format`, with `--columns` and an error policy. */
export function parseStage(
  ctx: ScriptContext,
  format: Format,
  policy: ErrorPolicyOptions = {},
  names?: readonly string[],
): Stage<string, unknown> {
  const columns = typeof ctx.values.columns === "string"
    ? ctx.values.columns.split(",").map((c) => c.trim())
    : undefined;
  if (columns !== undefined && columns.some((c) => c === "")) {
    ctx.usageError(`--columns names an empty field: "${ctx.values.columns}"`);
  }
  const keys = format === "json" && names !== undefined
    ? topLevelKeys(names)
    : undefined;
  const options = {
    ...policy,
    ...(columns === undefined ? {} : { columns }),
    ...(keys === undefined ? {} : { keys }),
  };
  // In a worker, Ctrl-C stops even an expression that backtracks for
  // minutes (see matchesInWorker).
  return format instanceof RegExp && matchesInWorker(format)
    ? parseInWorker(format, policy)
    : format instanceof RegExp
    ? parse(format, options)
    : parse(format, options) as Stage<string, unknown>;
}

/**
 * The top-level keys of a JSON record that the fields at `paths` read (see
 * field): a path's first name, and the whole path, which field reads as a
 * key of its own where the path leads nowhere; undefined, every key, when a
 * path starts with a bracket. Given to parse as its `keys`, only they are
 * parsed of each line: `JSON.parse` of the whole line made each of its
 * short strings, request ids among them, an internalized string kept in
 * V8's old generation.
 */
function topLevelKeys(paths: readonly string[]): string[] | undefined {
  const keys: string[] = [];
  for (const path of paths) {
    const end = path.search(/[.[]/);
    if (end === 0) return undefined;
    if (end === -1) {
      keys.push(path);
    } else {
      keys.push(path.slice(0, end), path);
    }
  }
  return keys;
}

/**
 * A getter of the field `name` of a record of `format`: a path (`req.ip`,
 * `items[0].id`), or for words the N-th word (from 1, as awk's `$N`).
 */
export function recordField(
  ctx: ScriptContext,
  format: Format,
  name: string,
): (record: unknown) => unknown {
  if (format === "words") {
    if (!/^\d+$/.test(name) || Number(name) < 1) {
      ctx.usageError(
        `the fields of --format words are numbers from 1, as awk's $1, got "${name}"`,
      );
    }
    const index = Number(name) - 1;
    return (record) => (record as string[])[index];
  }
  try {
    return field(name);
  } catch (error) {
    ctx.usageError((error as Error).message);
  }
}

/** The bucket size of `option` (`--by-time`), checked. */
export function bucketSize(ctx: ScriptContext, option: string): string {
  const size = String(ctx.values[option]);
  try {
    bucket(0, size);
  } catch {
    ctx.usageError(
      `--${option} must be a size such as 500ms, 10s, 5m, 1h, 1d or 1w, got "${size}"`,
    );
  }
  return size;
}

/** The time field of a format that has its own. */
const OWN_TIME: Partial<Record<string, string>> = {
  combined: "time_local",
  common: "time_local",
  syslog: "timestamp",
};

/**
 * The name of the time field: `--time-field`, else the format's own; a
 * usage error for a format without one.
 */
export function timeFieldName(
  ctx: ScriptContext,
  format: Format | undefined,
  option: string,
): string {
  const given = ctx.values["time-field"];
  if (typeof given === "string") {
    if (given === "") ctx.usageError("--time-field names no field");
    return given;
  }
  const own = typeof format === "string" ? OWN_TIME[format] : undefined;
  if (own === undefined) {
    ctx.usageError(
      `${option} needs --time-field F${
        format === undefined || format === "auto"
          ? ""
          : `: the ${
            format instanceof RegExp ? "regex" : format
          } format has no time field of its own`
      }`,
    );
  }
  return own;
}

/** A record's key and its text, as sort, distinct and split pass them on. */
export interface Keyed<K> {
  /** The key. */
  k: K;
  /** The text written out: the line, or a CSV or TSV record. */
  t: string;
}

/** Lines waiting for their record, oldest first. */
class LineQueue {
  #lines: string[] = [];
  #head = 0;
  // Lines the parse stage skipped, oldest first, not yet passed.
  #failed: string[] = [];
  on = true;

  push(line: string): void {
    if (this.on) this.#lines.push(line);
  }

  /** The parse stage skipped `line` (it comes before any later record's). */
  failed(line: string): void {
    if (this.on) this.#failed.push(line);
  }

  shift(): string {
    // A skipped line at the head has no record: passed over. A line with
    // the same text as a skipped one would fail too, so the text tells.
    while (
      this.#failed.length > 0 && this.#lines[this.#head] === this.#failed[0]
    ) {
      this.#failed.shift();
      this.#lines[this.#head++] = "";
    }
    const line = this.#lines[this.#head]!;
    this.#lines[this.#head++] = "";
    // Dropped from the front once half is used: the queue stays as long as
    // the lines in flight between the stages.
    if (this.#head > 1024 && this.#head * 2 > this.#lines.length) {
      this.#lines = this.#lines.slice(this.#head);
      this.#head = 0;
    }
    return line;
  }

  clear(): void {
    this.on = false;
    this.#lines = [];
    this.#failed = [];
    this.#head = 0;
  }
}

/** A CSV or TSV cell, quoted when it must be (RFC 4180). */
function cell(value: unknown, separator: string): string {
  const s = value === undefined || value === null ? "" : String(value);
  return s.includes(separator) || /["\r\n]/.test(s)
    ? `"${s.replaceAll('"', '""')}"`
    : s;
}

/** How a run with `--format` writes records back as text. */
export interface RecordText<K> {
  /** The stages from lines to keyed texts, for pipeline(). */
  stages: [
    Stage<string, string>,
    Stage<string, unknown>,
    Stage<unknown, Keyed<K>>,
  ];
  /**
   * The header row to write first (CSV and TSV: the fields' names), once
   * the first record has come; undefined for lines.
   */
  header(): string | undefined;
}

/**
 * The stages that parse lines in `format` and pass each record on as its
 * key and text: the line itself for the formats that read one line at a
 * time (each line gives one record, or fails the run), the record written
 * back as CSV or TSV for those (whose records may span lines). For `auto`,
 * the parse stage's count of its choice tells which. `names` are the fields
 * `keyOf` reads: of JSON lines, only they are parsed (see topLevelKeys);
 * undefined, all of each line.
 */
export function keyedRecords<K>(
  ctx: ScriptContext,
  format: Format,
  keyOf: (record: unknown) => K,
  names?: readonly string[],
): RecordText<K> {
  const queue = new LineQueue();
  const skip = skipOptions(ctx);
  let separator: string | undefined = format === "csv"
    ? ","
    : format === "tsv"
    ? "\t"
    : undefined;
  if (separator !== undefined) queue.clear();
  let decided = format !== "auto";
  let header: string | undefined;
  const tag = map((line: string) => {
    queue.push(line);
    return line;
  }, { name: "lines" });
  const pair = map((record: unknown): Keyed<K> => {
    if (!decided) {
      decided = true;
      const chose = autoChoice(ctx.summary);
      if (chose === "csv" || chose === "tsv") {
        separator = chose === "csv" ? "," : "\t";
        queue.clear();
      }
    }
    if (separator === undefined) return { k: keyOf(record), t: queue.shift() };
    const values = Object.values(record as Record<string, unknown>);
    header ??= Object.keys(record as Record<string, unknown>)
      .map((name) => cell(name, separator!)).join(separator);
    return {
      k: keyOf(record),
      t: values.map((v) => cell(v, separator!)).join(separator),
    };
  }, { name: "keys" });
  return {
    stages: [
      tag,
      parseStage(
        ctx,
        format,
        skip && {
          ...skip,
          // The skipped lines are told to the queue, which passes them over.
          onError: deadLetter((failed) => queue.failed(failed.item as string)),
        },
        names,
      ),
      pair,
    ],
    header: () => header,
  };
}

/** What `parse("auto")` chose, as its summary row counts it. */
function autoChoice(summary: Summary): string | undefined {
  for (const stage of summary.stages) {
    for (const name of Object.keys(stage.counters)) {
      if (name.startsWith("auto chose ")) {
        return name.slice("auto chose ".length);
      }
    }
  }
  return undefined;
}

/** The texts of keyed records, after the header row when there is one. */
export function texts<K>(
  header: () => string | undefined,
): Stage<Keyed<K>, string | string[]> {
  let first = true;
  return map((item: Keyed<K>) => {
    if (!first) return item.t;
    first = false;
    const h = header();
    return h === undefined ? item.t : [h, item.t];
  }, { name: "text" });
}
