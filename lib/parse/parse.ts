// Copyright 2026 the sluice authors. MIT license.
/**
 * `parse`, the stage that turns log lines into records. Exported by the
 * package's root and by its own subpath, `jsr:@sluice/sluice/parse`: a script
 * that imports only the pieces it runs loads less code, and so holds less
 * memory (see the README's "Import only what you use").
 *
 * @module
 */

import { defineStage } from "../core/_define.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { type Policy, policyOf } from "../policy/_policy.ts";
import type { ErrorPolicyOptions } from "../policy/error_policy.ts";
import { perItemStage } from "../stages/_per_item.ts";
import {
  accessParser,
  type CombinedLogRecord,
  type CommonLogRecord,
} from "./_access.ts";
import type { AutoChoice } from "./_auto.ts";
import { jsonParser } from "./_json.ts";
import { jsonKeysParser } from "./_json_field.ts";
import { logfmtParser, regexParser, words } from "./_line_parsers.ts";
import {
  autoRecords,
  csvRecords,
  type CsvSettings,
  Failing,
  notText,
} from "./_records.ts";
import { syslogParser, type SyslogRecord } from "./_syslog.ts";
import { epochMs, type TimeContext, type TimeFormat } from "./_time.ts";
import { quote } from "./_quote.ts";
import { timeContext } from "./time.ts";

export type { CombinedLogRecord, CommonLogRecord } from "./_access.ts";
export type { SyslogRecord } from "./_syslog.ts";

/** The formats {@linkcode parse} reads by name. */
export type ParseFormat =
  | "combined"
  | "common"
  | "syslog"
  | "json"
  | "logfmt"
  | "csv"
  | "tsv"
  | "words"
  | "auto";

/**
 * The formats {@linkcode parse} knows by name, in the order the command
 * line's `--format` lists them.
 *
 * @example
 * ```ts
 * import { PARSE_FORMATS } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * assert.ok(PARSE_FORMATS.includes("combined"));
 * ```
 */
export const PARSE_FORMATS: readonly ParseFormat[] = Object.freeze([
  "combined",
  "common",
  "syslog",
  "json",
  "logfmt",
  "csv",
  "tsv",
  "words",
  "auto",
]);

const FORMATS: ReadonlySet<string> = new Set<string>(PARSE_FORMATS);

/** Options for {@linkcode parse}. */
export interface ParseOptions extends StageOptions, ErrorPolicyOptions {
  /**
   * CSV and TSV: the names of the fields. Without `header: true`, the first
   * line is then a record like the others.
   *
   * @default {undefined} the names of each input's header row
   */
  columns?: string[];
  /**
   * CSV and TSV: whether each input's first record is a header row (with
   * `columns`, it is skipped).
   *
   * @default {true} without `columns`, `false` with them
   */
  header?: boolean;
  /**
   * CSV and TSV: the most UTF-8 bytes of one record, which may span lines
   * (a quote left open would otherwise read the rest of the file as one
   * record). A longer record is an error; reading goes on at the next line.
   *
   * @default {1048576}
   */
  maxRecordBytes?: number;
  /**
   * Read the time field into a `Date`, in place: `true` for the format's
   * own (`time_local` of access logs, `timestamp` of syslog), or the name of
   * a top-level field (`"ts"`) in any format. A time that cannot be read is
   * the line's error; a missing field too, a `null` one stays `null`.
   *
   * @default {false}
   */
  time?: boolean | string;
  /**
   * JSON: the top-level keys to keep of each line. A record holds those of
   * them its line has, in the order given, and no other. Each is read from
   * the line's text and only its value is parsed; the rest of the line is
   * still checked to be JSON, and a line that is not is an error as
   * without `keys`. `JSON.parse` makes each string of fewer than 10
   * characters in a line (request ids, levels, methods) an internalized
   * string, which V8 keeps in its old generation until a full collection:
   * `sluice fields --format json -k req,status` over 256 MiB of JSON lines
   * peaked at 125.9 MiB without `keys`, 75.6 with them (medians of 3 in
   * turns, V8's defaults). With `time` as a name, that key is kept too.
   *
   * @default {undefined} every key
   */
  keys?: readonly string[];
  /**
   * With `time`: the zone of times without an offset, as
   * {@linkcode parseTime} takes it.
   *
   * @default {"UTC"}
   */
  zone?: string;
  /**
   * With `time`: the year of syslog times, as {@linkcode parseTime} takes it.
   *
   * @default {undefined} the year of `reference`, rolled back across New Year
   */
  year?: number;
  /**
   * With `time`: when the log was written at the latest (the file's
   * modification time), for syslog times without `year`.
   *
   * @default {new Date()}
   */
  reference?: Date | number;
}

/** What each format of {@linkcode parse} makes of a line, by its name. */
export interface ParsedRecords {
  /** An access log line in the combined format. */
  combined: CombinedLogRecord;
  /** An access log line in the Common Log Format. */
  common: CommonLogRecord;
  /** A syslog line. */
  syslog: SyslogRecord;
  /** A JSON object; integers beyond 2^53 are bigints. */
  json: Record<string, unknown>;
  /** The pairs of a logfmt line. */
  logfmt: Record<string, string>;
  /** A CSV record by the header's names (an array without names). */
  csv: Record<string, string>;
  /** A TSV record by the header's names (an array without names). */
  tsv: Record<string, string>;
  /** The words of a line. */
  words: string[];
  /** What the chosen format makes of a line. */
  auto: Record<string, unknown> | string[];
}

/** The time field and format of the formats that have one. */
const OWN_TIME: Partial<Record<string, [string, TimeFormat | undefined]>> = {
  combined: ["time_local", "access"],
  common: ["time_local", "access"],
  syslog: ["timestamp", undefined],
};

/**
 * Turns each line into a record of its fields, in one of the formats logs
 * come in. A line that is not in the format is an error, with its line
 * number (through the stage's `onError` policy, as in {@linkcode map}),
 * never an empty record.
 *
 * - `"combined"` and `"common"`: access logs (Apache's and nginx's
 *   `combined`, the Common Log Format) as a {@linkcode CombinedLogRecord}
 *   or {@linkcode CommonLogRecord}: `remote_addr`, `remote_user`,
 *   `time_local`, `request`, `method`, `path`, `protocol`, `status`,
 *   `body_bytes_sent`, and for `combined` `http_referer` and
 *   `http_user_agent`. `-` is `null`, but `body_bytes_sent` is 0 for `-`
 *   (what `%b` writes for no bytes); `status` and `body_bytes_sent` are
 *   numbers. In quoted fields, `\"` and `\\` read as `"` and `\`; other
 *   escapes (`\x22`) stay as written.
 * - `"syslog"`: RFC 5424 and RFC 3164 (with or without a priority `<34>`
 *   and a `[pid]`; an RFC 3339 time in place of `Jun 14 15:16:01` too),
 *   told apart per line, as a {@linkcode SyslogRecord}.
 * - `"json"`: a JSON object per line (blanks around it allowed). Integers
 *   beyond `Number.MAX_SAFE_INTEGER` are bigints, exact (lines without a
 *   run of 16 digits go straight through `JSON.parse`). Read nested fields
 *   with {@linkcode field}.
 * - `"logfmt"`: the pairs {@linkcode parseLogfmt} reads; a line without
 *   any is an error.
 * - `"csv"` and `"tsv"`: RFC 4180 records (quoted fields, `""` for a quote,
 *   line breaks inside quotes, read as `\n`), separated by commas or tabs,
 *   named by each input's header row or `columns`; a record spanning lines
 *   is numbered by its first line. Blank lines are skipped. A record whose
 *   number of fields is not the header's is an error.
 * - `"words"`: the words of the line, split on runs of spaces and tabs as
 *   awk splits them (an array; an empty line has none).
 * - a `RegExp` with named groups: the groups (`null` for one that took no
 *   part); a line it does not match is an error.
 * - `"auto"`: the first non-blank lines (up to 20, of the first chunk that
 *   has any) decide among the formats above (not a RegExp): the first of
 *   json, combined, common, syslog and logfmt that reads three in four of
 *   them or more, else tsv or csv if every line has the same two fields or
 *   more, else words. The summary counts the choice (`auto chose
 *   combined`), and the error of a line that does not fit names it.
 *
 * Memory: one chunk in flight; CSV and TSV also the record being read, at
 * most `maxRecordBytes`.
 *
 * @typeParam F The format.
 * @param format The format's name, or a regular expression with named
 * groups.
 * @param options The stage's name, error policy, CSV settings and time.
 * @returns The stage.
 * @throws {StageError} In a pipeline, when a line is not in the format
 * (with the default `onError: "fail"`) or `maxErrors` lines have failed; the
 * error names the stage and the line, with a `SyntaxError` quoting the line
 * (or a `RangeError` for a CSV record too long or of the wrong width) as
 * `cause`.
 * @throws {TypeError} When the format is unknown, a RegExp has no named
 * group, or `onError` is not a policy.
 * @throws {RangeError} When an option is out of range, or `time: true` is
 * given for a format without a time field.
 *
 * @example Fields of an access log
 * ```ts
 * import { parse, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const line = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "-" "curl/8.0"';
 * for await (const r of pipeline([line], parse("combined"))) {
 *   assert.equal(r.remote_addr, "127.0.0.1");
 *   assert.equal(r.path, "/a.gif");
 *   assert.equal(r.status, 200);
 *   assert.equal(r.http_referer, null);
 * }
 * ```
 *
 * @example Skipping lines that are not JSON, big integers kept exact
 * ```ts
 * import { parse, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const run = pipeline(
 *   ['{"ts":1700000000123456789}', "oops", '  {"ts":1}'],
 *   parse("json", { onError: "skip" }),
 * );
 * const ts: unknown[] = [];
 * for await (const r of run) ts.push(r.ts);
 * assert.deepEqual(ts, [1700000000123456789n, 1]);
 * assert.match(run.summary.stages[1]!.firstErrors[0]!, /^item 2: Not a JSON line/);
 * ```
 *
 * @example Only the keys a run reads, of JSON lines
 * ```ts
 * import { parse, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = [
 *   '{"req":"a1","status":200,"msg":"ok","user":{"id":7}}',
 *   '{"status":503,"msg":"down"}',
 * ];
 * const records = await Array.fromAsync(
 *   pipeline(lines, parse("json", { keys: ["status", "req"] })),
 * );
 * assert.deepEqual(records, [{ status: 200, req: "a1" }, { status: 503 }]);
 * ```
 *
 * @example CSV with a record over two lines
 * ```ts
 * import { parse, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const out: Record<string, string>[] = [];
 * const lines = ["id,note", '1,"say ""hi""', 'twice"', "2,plain"];
 * for await (const r of pipeline(lines, parse("csv"))) out.push(r);
 * assert.deepEqual(out, [{ id: "1", note: 'say "hi"\ntwice' }, { id: "2", note: "plain" }]);
 * ```
 *
 * @example A regular expression's named groups
 * ```ts
 * import { parse, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const re = /^(?<level>[A-Z]+) (?<msg>.*)$/;
 * for await (const r of pipeline(["WARN disk 91%"], parse(re))) {
 *   assert.deepEqual(r, { level: "WARN", msg: "disk 91%" });
 * }
 * ```
 */
export function parse<F extends ParseFormat>(
  format: F,
  options?: ParseOptions,
): Stage<string, ParsedRecords[F]>;
/**
 * {@linkcode parse} with a regular expression: each line becomes the
 * expression's named groups (`null` for a group that took no part in the
 * match); a line it does not match is an error.
 *
 * @param format A regular expression with named groups, such as
 * `/^(?<ip>\S+) /`.
 * @param options The stage's name, error policy and time.
 * @returns The stage.
 *
 * @example Client addresses
 * ```ts
 * import { parse, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const ips: (string | null)[] = [];
 * for await (const r of pipeline(["10.0.0.1 GET /", "10.0.0.2 GET /"], parse(/^(?<ip>\S+) /))) {
 *   ips.push(r.ip!);
 * }
 * assert.deepEqual(ips, ["10.0.0.1", "10.0.0.2"]);
 * ```
 */
export function parse(
  format: RegExp,
  options?: ParseOptions,
): Stage<string, Record<string, string | null>>;
export function parse(
  format: ParseFormat | RegExp,
  options: ParseOptions = {},
): Stage<string, unknown> {
  if (!(format instanceof RegExp) && !FORMATS.has(format)) {
    throw new TypeError(
      `Cannot create parse stage: unknown format ${
        typeof format === "string" ? JSON.stringify(format) : typeof format
      }; the formats are ${[...FORMATS].join(", ")} or a RegExp`,
    );
  }
  const policy = policyOf("parse", options);
  const maxRecordBytes = options.maxRecordBytes ?? 1 << 20;
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes < 1) {
    throw new RangeError(
      `Cannot create parse stage: maxRecordBytes must be a positive integer, got ${maxRecordBytes}`,
    );
  }
  const { columns, time } = options;
  if (
    columns !== undefined &&
    (!Array.isArray(columns) || columns.some((c) => typeof c !== "string"))
  ) {
    throw new TypeError(
      "Cannot create parse stage: columns must be an array of strings",
    );
  }
  const keys = keysOf(format, options);
  const header = options.header ?? columns === undefined;
  const times = time === undefined || time === false
    ? undefined
    : timeContext(options);
  const name = options.name;
  if (format instanceof RegExp) {
    return lineStage(regexParser(format), "regex", name, policy, times, time);
  }
  const csv = (choice: "csv" | "tsv", note: string): CsvSettings => ({
    separator: choice === "csv" ? "," : "\t",
    maxRecordBytes,
    columns,
    header,
    finish: times && timed(choice, time as true | string, times),
    note,
  });
  const line = (choice: AutoChoice, note: string) =>
    lineStage(
      choice === "json" && keys !== undefined
        ? jsonKeysParser(note, keys)
        : lineParser(choice, note),
      choice,
      name,
      policy,
      times,
      time,
    );
  if (format === "csv" || format === "tsv") {
    // Checked now rather than at the first record.
    if (time === true) timed(format, time, times!);
    return defineStage<unknown, unknown>({
      kind: "parse",
      name,
      bound: `1 chunk + 1 record of ${maxRecordBytes} bytes`,
      run: (input, stats, ctx) =>
        csvRecords(input, csv(format, ""), new Failing(policy, stats, ctx)),
    }) as Stage<string, unknown>;
  }
  if (format === "auto") {
    return defineStage<unknown, unknown>({
      kind: "parse",
      name,
      bound: `1 chunk (CSV: + 1 record of ${maxRecordBytes} bytes)`,
      run: (input, stats, ctx) =>
        autoRecords(input, { lineStage: line, csv }, policy, stats, ctx),
    }) as Stage<string, unknown>;
  }
  return line(format, "");
}

/**
 * The keys to keep of JSON lines (parse's `keys`), without repeats and with
 * `time`'s name; undefined for every key.
 *
 * @throws {TypeError} When `keys` is not an array of strings.
 * @throws {RangeError} When `keys` is given with a format other than json.
 */
function keysOf(
  format: ParseFormat | RegExp,
  options: ParseOptions,
): readonly string[] | undefined {
  const { keys, time } = options;
  if (keys === undefined) return undefined;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== "string")) {
    throw new TypeError(
      "Cannot create parse stage: keys must be an array of strings",
    );
  }
  if (format !== "json") {
    throw new RangeError(
      `Cannot create parse stage: keys are the top-level keys of JSON lines, but the format is ${
        format instanceof RegExp ? "a RegExp" : JSON.stringify(format)
      }`,
    );
  }
  return [...new Set(typeof time === "string" ? [...keys, time] : keys)];
}

/** The parser of a format that reads one line at a time. */
function lineParser(
  format: AutoChoice,
  note: string,
): (line: string) => unknown {
  switch (format) {
    case "combined":
      return accessParser(true, note);
    case "common":
      return accessParser(false, note);
    case "syslog":
      return syslogParser(note);
    case "json":
      return jsonParser(note);
    case "logfmt":
      return logfmtParser(note);
    default:
      return words;
  }
}

/**
 * What turns a record's time field into a Date, for `time` in `format`.
 *
 * @throws {RangeError} When `time` is `true` and the format has no time field.
 */
function timed(
  format: string,
  time: true | string,
  ctx: TimeContext,
): (record: Record<string, unknown>) => unknown {
  const own = OWN_TIME[format];
  if (time === true && own === undefined) {
    throw new RangeError(
      `Cannot create parse stage: the ${format} format has no time field of its own; name the field, as in { time: "ts" }`,
    );
  }
  const [name, timeFormat] = time === true ? own! : [time, undefined];
  return (record) => {
    const value = record[name];
    if (value === null) return record;
    if (
      typeof value !== "string" && typeof value !== "number" &&
      typeof value !== "bigint"
    ) {
      throw new SyntaxError(
        value === undefined
          ? `No time field ${quote(name)}`
          : `The time field ${quote(name)} is not text or a number`,
      );
    }
    record[name] = new Date(epochMs(value, timeFormat, ctx));
    return record;
  };
}

/** The stage of a format that reads one line at a time: the per-item engine. */
function lineStage(
  parser: (line: string) => unknown,
  format: string,
  name: string | undefined,
  policy: Policy | undefined,
  times: TimeContext | undefined,
  time: boolean | string | undefined,
): Stage<string, unknown> {
  const finish = times && timed(format, time as true | string, times);
  const fn = finish === undefined
    ? (line: unknown) => {
      if (typeof line !== "string") throw notText(line);
      return parser(line);
    }
    : (line: unknown) => {
      if (typeof line !== "string") throw notText(line);
      return finish(parser(line) as Record<string, unknown>);
    };
  return perItemStage<unknown, unknown>({
    kind: "parse",
    name,
    policy,
    outcome: "replace",
    fn,
  }) as Stage<string, unknown>;
}
