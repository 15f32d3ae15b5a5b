// Copyright 2026 the sluice authors. MIT license.
/**
 * The `sluice` command line: everyday log jobs with the manners of a Unix
 * tool. Run it with `deno run -R -W jsr:@sluice/sluice/cli COMMAND …` (or
 * `deno task sluice COMMAND …` in the repository).
 *
 * Commands: `grep`, `count`, `head`, `tail`, `sample`, `fields`, `split`,
 * `sort`, `group`, `distinct`.
 * Every command reads several inputs (`-` for standard input, `.gz`
 * decompressed), writes `-o FILE` atomically or standard output, and takes
 * `--summary`, `--summary-json FILE`, `--progress`, `--quiet`, `--debug` and
 * `--help`.
 *
 * @example Counting the ERROR lines of two logs
 * ```sh
 * deno run -R jsr:@sluice/sluice/cli grep -c ERROR app.log app.log.1.gz
 * ```
 *
 * @module
 */
import { grep } from "../stages/grep.ts";
import { map } from "../stages/map.ts";
import { parseLogfmt } from "../parse/logfmt.ts";
import { pipeline } from "../core/pipeline.ts";
import { readLines } from "../io/read_lines.ts";
import { sample } from "../stages/sample.ts";
import {
  runScript,
  type ScriptContext,
  type ScriptOption,
  type ScriptSpec,
} from "./script.ts";
import {
  deadLetter,
  type ErrorPolicy,
  type ErrorPolicyOptions,
} from "../policy/dead_letter.ts";
import { toStderr, toStdout } from "./_util.ts";
import type { Summary } from "../summary/summary.ts";
import { tail } from "../stages/tail.ts";
import { take } from "../stages/take.ts";
import { writeLines } from "../io/write_lines.ts";
import { splitLines } from "./_split.ts";
import { sort } from "../spill/sort.ts";
import { groupBy } from "../spill/group_by.ts";
import { parallelGroupBy } from "../parallel/parallel_group_by.ts";
import groupSpec, { type GroupParams } from "./_group_spec.ts";
import { distinct } from "../spill/distinct.ts";
import type { Stage } from "../core/types.ts";
import { fieldGetter, leadingNumber, textOf, wordGetter } from "./_fields.ts";

function count(ctx: ScriptContext, name: string, min = 0): number {
  const text = ctx.values[name];
  const n = typeof text === "string" && /^\d+$/.test(text) ? Number(text) : NaN;
  if (typeof text !== "string" || !Number.isSafeInteger(n) || n < min) {
    ctx.usageError(
      `--${name} must be an integer of at least ${min}, got ${
        text === undefined ? "nothing" : `"${text}"`
      }`,
    );
  }
  return n;
}

/** The error policy of `--on-error`, `--dead-letter` and `--max-errors`. */
function errorOptions(ctx: ScriptContext): ErrorPolicyOptions {
  const given = ctx.values["on-error"];
  const file = ctx.values["dead-letter"];
  if (given !== undefined && given !== "skip" && given !== "fail") {
    ctx.usageError(`--on-error must be "skip" or "fail", got "${given}"`);
  }
  if (given === "fail" && file !== undefined) {
    ctx.usageError("--dead-letter needs --on-error skip (or no --on-error)");
  }
  const onError: ErrorPolicy = typeof file === "string"
    ? deadLetter(file)
    : given === "skip"
    ? "skip"
    : "fail";
  if (ctx.values["max-errors"] === undefined) return { onError };
  if (onError === "fail") {
    ctx.usageError("--max-errors needs --on-error skip or --dead-letter");
  }
  return { onError, maxErrors: count(ctx, "max-errors", 1) };
}

const ERROR_OPTIONS: Record<string, ScriptOption> = {
  "on-error": {
    type: "string",
    description:
      "what to do with a line that cannot be read or parsed: fail (default) or skip (counted; see --summary)",
    valueName: "fail|skip",
  },
  "dead-letter": {
    type: "string",
    description:
      "skip such lines and write them, with their error, path and line number, to FILE as JSON lines (atomically)",
    valueName: "FILE",
  },
  "max-errors": {
    type: "string",
    description: "stop after N such lines",
    valueName: "N",
  },
};

/** Tells on standard error how many lines a policy skipped, if any. */
async function reportSkipped(name: string, summary: Summary): Promise<void> {
  const failed = summary.stages.filter((s) => s.errors > 0);
  const n = failed.reduce((sum, s) => sum + s.errors, 0);
  if (n === 0) return;
  await toStderr(
    `${name}: ${n} line${n === 1 ? "" : "s"} skipped; the first: ${
      failed[0]!.firstErrors[0]
    }\n`,
  );
}

/** A line as a record: a JSON object, or the pairs of a logfmt line. */
function recordOf(line: string): Record<string, unknown> {
  if (line.startsWith("{")) {
    const value = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? value
      : {};
  }
  return parseLogfmt(line);
}

/** A record's own field (never one inherited from Object.prototype). */
function fieldOf(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A sink that counts items. */
function counter(into: { n: number }) {
  return async function count(items: AsyncIterable<unknown>) {
    for await (const _ of items) into.n++;
  };
}

interface Command {
  spec: ScriptSpec;
  positionals?: number;
  run(ctx: ScriptContext): Promise<number | void | Summary>;
}

const LINES_OPTION = {
  lines: {
    type: "string",
    short: "n",
    description: "how many lines (default 10)",
    valueName: "N",
  },
} as const;

/** head and tail: N lines through one stage. */
function lineCountCommand(
  name: string,
  description: string,
  examples: string[],
  stage: (
    n: number,
  ) => (source: AsyncIterable<string>) => AsyncIterable<string>,
): Command {
  return {
    spec: {
      name: `sluice ${name}`,
      usage: "[OPTION…] [FILE…]",
      description,
      examples,
      options: LINES_OPTION,
    },
    async run(ctx) {
      ctx.values.lines ??= "10";
      await pipeline(
        readLines(ctx.inputs),
        stage(count(ctx, "lines")),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      );
    },
  };
}

const SPILL_OPTIONS = {
  budget: {
    type: "string",
    description:
      "memory budget: bytes, or e.g. 64MB (10^6), 64MiB or 64M (2^20); default 64MiB",
    valueName: "SIZE",
  },
  "temp-dir": {
    type: "string",
    short: "T",
    description: "where to keep temporary files (default $TMPDIR or /tmp)",
    valueName: "DIR",
  },
} as const;

const KEY_OPTIONS = {
  key: {
    type: "string",
    short: "k",
    description: "the key is this logfmt or JSON field (missing: empty)",
    valueName: "FIELD",
  },
  word: {
    type: "string",
    short: "w",
    description: "the key is the N-th space-separated word (from 1)",
    valueName: "N",
  },
} as const;

/** The --budget and --temp-dir of a spilling command, checked. */
function spillOptions(
  ctx: ScriptContext,
): { budget?: string; tempDir?: string } {
  const out: { budget?: string; tempDir?: string } = {};
  if (typeof ctx.values.budget === "string") out.budget = ctx.values.budget;
  if (typeof ctx.values["temp-dir"] === "string") {
    out.tempDir = ctx.values["temp-dir"];
  }
  return out;
}

/** Makes a stage, turning a bad option value into a usage error. */
function stageOrUsage<S>(ctx: ScriptContext, make: () => S): S {
  try {
    return make();
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      ctx.usageError(
        error.message.replace(/^Cannot create \w+ stage: /, ""),
      );
    }
    throw error;
  }
}

/** The key of --key FIELD or --word N (undefined: the whole line). */
function keyGetter(
  ctx: ScriptContext,
  keyName = "key",
): ((line: string) => unknown) | undefined {
  const byName = ctx.values[keyName];
  if (byName !== undefined && ctx.values.word !== undefined) {
    ctx.usageError(`give --${keyName} or --word, not both`);
  }
  if (typeof byName === "string") {
    if (byName === "") ctx.usageError(`--${keyName} names no field`);
    return fieldGetter(byName);
  }
  if (ctx.values.word !== undefined) return wordGetter(count(ctx, "word", 1));
  return undefined;
}

/** The comma-separated field names of an option. */
function names(ctx: ScriptContext, option: string): string[] {
  const text = ctx.values[option];
  if (typeof text !== "string") return [];
  const list = text.split(",").map((k) => k.trim()).filter((k) => k !== "");
  if (list.length === 0) ctx.usageError(`--${option} names no field`);
  return list;
}

const AGGREGATES = ["sum", "mean", "min", "max", "p50", "p90", "p95", "p99"];

const commands: Record<string, Command> = {
  grep: {
    positionals: 1,
    spec: {
      name: "sluice grep",
      usage: "[OPTION…] PATTERN [FILE…]",
      description:
        "Print the lines that contain PATTERN (a literal string; a regular expression with --regex). Exit status 1 when no line matched, as grep does.",
      examples: [
        "sluice grep ' ERROR ' app.log",
        "sluice grep -c -i timeout app.log app.log.1.gz",
        "sluice grep --regex 'status=5\\d\\d' -o errors.log app.log",
        "sluice grep ERROR --checkpoint errors.ckpt -o errors.log huge.log",
      ],
      options: {
        regex: {
          type: "boolean",
          description: "PATTERN is a regular expression",
        },
        invert: {
          type: "boolean",
          short: "v",
          description: "print the lines that do not match",
        },
        "ignore-case": {
          type: "boolean",
          short: "i",
          description: "ignore case",
        },
        count: {
          type: "boolean",
          short: "c",
          description: "print only the number of matching lines",
        },
        checkpoint: {
          type: "string",
          description:
            "record progress in FILE (needs -o); the same command again resumes",
        },
      },
    },
    async run(ctx) {
      const text = ctx.positionals[0]!;
      let pattern: string | RegExp = text;
      if (ctx.values.regex) {
        try {
          pattern = new RegExp(text);
        } catch (error) {
          ctx.usageError(
            `invalid regular expression: ${(error as Error).message}`,
          );
        }
      }
      const stage = grep(pattern, {
        invert: ctx.values.invert === true,
        ignoreCase: ctx.values["ignore-case"] === true,
      });
      const matched = { n: 0 };
      const checkpoint = ctx.values.checkpoint;
      if (typeof checkpoint === "string") {
        if (ctx.values.count || ctx.output === "-") {
          ctx.usageError("--checkpoint needs -o FILE and no --count");
        }
        await pipeline(
          readLines(ctx.inputs),
          stage,
          writeLines(ctx.output),
          { ...ctx.pipelineOptions, checkpoint },
        );
        // A resumed run matched lines in earlier runs too: the output says.
        return (await Deno.stat(ctx.output)).size > 0 ? 0 : 1;
      }
      if (ctx.values.count) {
        await pipeline(
          readLines(ctx.inputs),
          stage,
          counter(matched),
          ctx.pipelineOptions,
        );
        await pipeline([String(matched.n)], writeLines(ctx.output));
      } else {
        await pipeline(
          readLines(ctx.inputs),
          stage,
          map((line: string) => {
            matched.n++;
            return line;
          }),
          writeLines(ctx.output),
          ctx.pipelineOptions,
        );
      }
      return matched.n > 0 ? 0 : 1;
    },
  },

  count: {
    spec: {
      name: "sluice count",
      usage: "[OPTION…] [FILE…]",
      description:
        "Count the lines and bytes of each input, with a total for several inputs. Prints lines, bytes (as stored: compressed, for .gz) and the input, tab-separated.",
      examples: ["sluice count app.log", "sluice count logs/*.gz"],
    },
    async run(ctx) {
      await pipeline(
        readLines(ctx.inputs),
        async (lines: AsyncIterable<string>) => {
          for await (const _ of lines);
        },
        ctx.pipelineOptions,
      );
      const rows: string[] = [];
      let totalLines = 0;
      let totalBytes = 0;
      // The summary has each input's lines and bytes as stored.
      for (const [k, input] of ctx.inputs.entries()) {
        const read = ctx.summary.inputs[k];
        const n = read?.lines ?? 0;
        const bytes = read?.bytesRead ?? 0;
        totalLines += n;
        totalBytes += bytes;
        rows.push(`${n}\t${bytes}\t${input}`);
      }
      if (ctx.inputs.length > 1) {
        rows.push(`${totalLines}\t${totalBytes}\ttotal`);
      }
      await pipeline(rows, writeLines(ctx.output));
    },
  },

  head: lineCountCommand(
    "head",
    "Print the first N lines, and stop reading there.",
    ["sluice head -n 20 app.log", "zcat big.gz | sluice head -n 5"],
    take,
  ),

  tail: lineCountCommand(
    "tail",
    "Print the last N lines, keeping only N lines in memory.",
    ["sluice tail -n 100 app.log"],
    tail,
  ),

  sample: {
    spec: {
      name: "sluice sample",
      usage: "[OPTION…] [FILE…]",
      description:
        "Print a uniform random sample of N lines (reservoir sampling), in input order.",
      examples: ["sluice sample -n 1000 --seed 42 app.log"],
      options: {
        lines: {
          type: "string",
          short: "n",
          description: "sample size (default 10)",
          valueName: "N",
        },
        seed: {
          type: "string",
          description: "seed for a reproducible sample",
          valueName: "S",
        },
      },
    },
    async run(ctx) {
      ctx.values.lines ??= "10";
      const n = count(ctx, "lines");
      const seed = ctx.values.seed === undefined
        ? undefined
        : count(ctx, "seed");
      await pipeline(
        readLines(ctx.inputs),
        sample(n, seed === undefined ? {} : { seed }),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      );
    },
  },

  fields: {
    spec: {
      name: "sluice fields",
      usage: "[OPTION…] [FILE…]",
      description:
        "Pull named fields out of logfmt (k=v) or JSON lines, as JSON lines or CSV. A line that starts with { is read as JSON; other lines as logfmt. Missing fields are null (JSON) or empty (CSV).",
      examples: [
        "sluice fields -k path,status,latency_ms app.log",
        "sluice fields -k path,latency_ms --csv -o latency.csv app.log",
        "sluice fields --dead-letter bad.jsonl --max-errors 100 app.jsonl",
      ],
      options: {
        keys: {
          type: "string",
          short: "k",
          description:
            "the fields to keep, comma-separated (default: all, JSON only)",
          valueName: "K1,K2",
        },
        csv: {
          type: "boolean",
          description: "write CSV with a header row instead of JSON lines",
        },
        ...ERROR_OPTIONS,
      },
    },
    async run(ctx) {
      const keys = typeof ctx.values.keys === "string"
        ? ctx.values.keys.split(",").map((k) => k.trim()).filter((k) =>
          k !== ""
        )
        : undefined;
      if (keys !== undefined && keys.length === 0) {
        ctx.usageError("--keys names no field");
      }
      if (ctx.values.csv && keys === undefined) {
        ctx.usageError("--csv needs --keys, to know the columns");
      }
      const record = recordOf;
      const get = fieldOf;
      const csvCell = (v: unknown): string => {
        if (v === undefined || v === null) return "";
        const s = typeof v === "string" ? v : JSON.stringify(v);
        return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
      };
      // A line that is too long, or not JSON, is an error of the policy's.
      const policy = errorOptions(ctx);
      const lines = readLines(ctx.inputs, policy);
      if (ctx.values.csv) {
        const cols = keys!;
        let header = true;
        await pipeline(
          lines,
          map((line: string) => {
            const r = record(line);
            const row = cols.map((k) => csvCell(get(r, k))).join(",");
            if (!header) return row;
            header = false;
            return [cols.map(csvCell).join(","), row];
          }, policy),
          writeLines(ctx.output),
          ctx.pipelineOptions,
        );
        await reportSkipped("sluice fields", ctx.summary);
        // Empty input: the header alone.
        if (header) {
          await pipeline([cols.map(csvCell).join(",")], writeLines(ctx.output));
        }
        return;
      }
      await pipeline(
        lines,
        map((line: string) => {
          const r = record(line);
          if (keys === undefined) return JSON.stringify(r);
          const picked: Record<string, unknown> = {};
          for (const k of keys) picked[k] = get(r, k) ?? null;
          return JSON.stringify(picked);
        }, policy),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      );
      await reportSkipped("sluice fields", ctx.summary);
    },
  },

  split: {
    spec: {
      name: "sluice split",
      usage: "[OPTION…] [FILE…]",
      description:
        "Split the input into files: every N lines (--lines), or by the value of a logfmt/JSON field or of the first characters of a line (--by). Parts are written to a temporary directory and moved into place only when the whole run succeeded.",
      examples: [
        "sluice split --lines 1000000 --prefix parts/app- app.log",
        "sluice split --by service --prefix by-service/ app.log",
        "sluice split --by-prefix 10 --prefix days/ app.log   # ISO dates",
      ],
      options: {
        lines: {
          type: "string",
          short: "l",
          description: "lines per part",
          valueName: "N",
        },
        by: {
          type: "string",
          description: "split by this field's value",
          valueName: "FIELD",
        },
        "by-prefix": {
          type: "string",
          description: "split by the first N characters of each line",
          valueName: "N",
        },
        prefix: {
          type: "string",
          short: "p",
          description: "path prefix of the parts (default split-)",
          valueName: "PREFIX",
        },
        suffix: {
          type: "string",
          description: "file name suffix (default .log)",
          valueName: "SUFFIX",
        },
        "max-open": {
          type: "string",
          description: "most part files open at once (default 64)",
          valueName: "N",
        },
      },
    },
    async run(ctx) {
      const modes = ["lines", "by", "by-prefix"].filter((k) =>
        ctx.values[k] !== undefined
      );
      if (modes.length !== 1) {
        ctx.usageError("give exactly one of --lines, --by and --by-prefix");
      }
      if (ctx.values.output !== undefined) {
        ctx.usageError(
          "split writes parts named by --prefix; -o does not apply",
        );
      }
      ctx.values["max-open"] ??= "64";
      const maxOpen = count(ctx, "max-open", 1);
      let keyOf: (line: string, index: number) => string;
      if (ctx.values.lines !== undefined) {
        const n = count(ctx, "lines", 1);
        keyOf = (_, i) => String(Math.floor(i / n)).padStart(5, "0");
      } else if (ctx.values.by !== undefined) {
        const field = String(ctx.values.by);
        keyOf = (line) => {
          const v = fieldOf(recordOf(line), field);
          return v === undefined || v === null
            ? "_none"
            : typeof v === "string"
            ? v
            : JSON.stringify(v);
        };
      } else {
        const n = count(ctx, "by-prefix", 1);
        keyOf = (line) => line.slice(0, n);
      }
      const written = await splitLines(readLines(ctx.inputs), keyOf, {
        prefix: typeof ctx.values.prefix === "string"
          ? ctx.values.prefix
          : "split-",
        suffix: typeof ctx.values.suffix === "string"
          ? ctx.values.suffix
          : ".log",
        maxOpen,
        pipelineOptions: ctx.pipelineOptions,
      });
      await toStdout(written.map((p) => `${p}\n`).join(""));
    },
  },
};

Object.assign(
  commands,
  {
    sort: {
      spec: {
        name: "sluice sort",
        usage: "[OPTION…] [FILE…]",
        description:
          "Sort lines, by the whole line or by a field, within a memory budget: beyond it, sorted runs go to temporary files that are merged at the end (and removed, also on failure or Ctrl-C). Stable: equal keys keep their input order, as sort -s. Strings compare by UTF-16 code units; with -n, keys compare as the number they start with (none is 0), as sort -n does.",
        examples: [
          "sluice sort -k latency_ms -n -r app.log | head",
          "sluice sort --word 1 --budget 256MB -o sorted.log app.log",
          "sluice sort -n -k latency_ms --summary app.log > by-latency.log",
        ],
        options: {
          ...KEY_OPTIONS,
          numeric: {
            type: "boolean",
            short: "n",
            description: "compare keys as numbers",
          },
          reverse: {
            type: "boolean",
            short: "r",
            description: "largest first (equal keys still in input order)",
          },
          ...SPILL_OPTIONS,
        },
      },
      async run(ctx: ScriptContext) {
        const get = keyGetter(ctx);
        const numeric = ctx.values.numeric === true;
        const key = get === undefined
          ? numeric ? (line: string) => leadingNumber(line) : undefined
          : numeric
          ? (line: string) => leadingNumber(get(line))
          : (line: string) => textOf(get(line));
        const stage = stageOrUsage(ctx, () =>
          sort<string, string | number>({
            ...(key === undefined ? {} : { key }),
            reverse: ctx.values.reverse === true,
            ...spillOptions(ctx),
          }));
        await pipeline(
          readLines(ctx.inputs),
          stage,
          writeLines(ctx.output),
          ctx.pipelineOptions,
        );
      },
    },

    group: {
      spec: {
        name: "sluice group",
        usage: "--by FIELD [AGGREGATE…] [OPTION…] [FILE…]",
        description:
          "Aggregate lines per value of a field, within a memory budget (partial results spill to temporary files and are merged exactly). Prints one JSON line (or CSV row) per group, in key order: the key, then the aggregates, named like count, sum_FIELD or p95_FIELD. Percentiles are exact (nearest rank) unless --approx. Values that are not numbers are left out. Without an aggregate: --count.",
        examples: [
          "sluice group --by service --count --p95 latency_ms app.log",
          "sluice group --by path --mean latency_ms --max latency_ms --csv app.log",
          "sluice group --by-word 3 --count --p99 latency_ms --approx app.log",
        ],
        options: {
          by: {
            type: "string",
            description: "group by this logfmt or JSON field (missing: empty)",
            valueName: "FIELD",
          },
          "by-word": {
            type: "string",
            description: "group by the N-th space-separated word (from 1)",
            valueName: "N",
          },
          count: {
            type: "boolean",
            short: "c",
            description: "lines per group",
          },
          sum: {
            type: "string",
            description: "sum of fields",
            valueName: "F1,F2",
          },
          mean: {
            type: "string",
            description: "mean of fields",
            valueName: "F",
          },
          min: {
            type: "string",
            description: "smallest value",
            valueName: "F",
          },
          max: { type: "string", description: "largest value", valueName: "F" },
          p50: { type: "string", description: "median", valueName: "F" },
          p90: {
            type: "string",
            description: "90th percentile",
            valueName: "F",
          },
          p95: {
            type: "string",
            description: "95th percentile",
            valueName: "F",
          },
          p99: {
            type: "string",
            description: "99th percentile",
            valueName: "F",
          },
          approx: {
            type: "boolean",
            description:
              "approximate percentiles (within 1% relative error) in little memory",
          },
          workers: {
            type: "string",
            description:
              "aggregate one plain file in N workers at once (default: the number of cores; 1: in one thread)",
            valueName: "N",
          },
          csv: {
            type: "boolean",
            description: "write CSV with a header row instead of JSON lines",
          },
          ...SPILL_OPTIONS,
        },
      },
      async run(ctx: ScriptContext) {
        if (
          ctx.values.by === undefined && ctx.values["by-word"] === undefined
        ) {
          ctx.usageError("give --by FIELD or --by-word N");
        }
        if (
          ctx.values.by !== undefined && ctx.values["by-word"] !== undefined
        ) {
          ctx.usageError("give --by or --by-word, not both");
        }
        const params: GroupParams = {
          ...(typeof ctx.values.by === "string"
            ? { by: ctx.values.by }
            : { byWord: count(ctx, "by-word", 1) }),
          aggregates: AGGREGATES.flatMap((agg) =>
            names(ctx, agg).map((field): [string, string] => [agg, field])
          ),
          count: ctx.values.count === true,
          approx: ctx.values.approx === true,
        };
        const keyName = params.by ?? `word${params.byWord}`;
        const spec = groupSpec(params);
        const columns = Object.keys(spec.reducers);
        ctx.values.workers ??= String(navigator.hardwareConcurrency);
        const workers = count(ctx, "workers", 1);
        // Workers pay off on one plain file (the stage falls back to this
        // thread anywhere else); one worker is this thread's groupBy.
        const stage: Stage<string, Record<string, unknown>> = stageOrUsage(
          ctx,
          () =>
            workers === 1
              ? groupBy(spec.key, spec.reducers, spillOptions(ctx))
              : parallelGroupBy<string>(
                new URL("./_group_spec.ts", import.meta.url),
                { ...spillOptions(ctx), params, workers },
              ),
        );
        const csvCell = (v: unknown): string => {
          const s = textOf(v);
          return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
        };
        const csv = ctx.values.csv === true;
        let header = csv;
        await pipeline(
          readLines(ctx.inputs),
          stage,
          map((g: Record<string, unknown>) => {
            if (!csv) {
              const row: Record<string, unknown> = { [keyName]: g.key };
              for (const c of columns) row[c] = g[c];
              return JSON.stringify(row);
            }
            const row = [g.key, ...columns.map((c) => g[c])].map(csvCell)
              .join(",");
            if (!header) return row;
            header = false;
            return [[keyName, ...columns].map(csvCell).join(","), row];
          }),
          writeLines(ctx.output),
          ctx.pipelineOptions,
        );
        if (header) {
          await pipeline(
            [[keyName, ...columns].map(csvCell).join(",")],
            writeLines(ctx.output),
          );
        }
      },
    },

    distinct: {
      spec: {
        name: "sluice distinct",
        usage: "[OPTION…] [FILE…]",
        description:
          "Print the first line of each distinct line (or key), in input order, dropping later duplicates: exact, within a memory budget (beyond it the keys seen go to temporary files, and the rest of the output comes at the end).",
        examples: [
          "sluice distinct app.log",
          "sluice distinct -k req --budget 16MB app.log",
          "sluice distinct --word 3 app.log",
        ],
        options: { ...KEY_OPTIONS, ...SPILL_OPTIONS },
      },
      async run(ctx: ScriptContext) {
        const get = keyGetter(ctx);
        const stage = stageOrUsage(ctx, () =>
          distinct<string>(
            get === undefined ? undefined : (line) => textOf(get(line)),
            spillOptions(ctx),
          ));
        await pipeline(
          readLines(ctx.inputs),
          stage,
          writeLines(ctx.output),
          ctx.pipelineOptions,
        );
      },
    },
  } satisfies Record<string, Command>,
);

const USAGE = `Usage: sluice COMMAND [OPTION…] [FILE…]

Everyday jobs on huge logs, with flat memory.

Commands:
  grep PATTERN   lines that contain PATTERN (--regex, -v, -i, -c)
  count          lines and bytes per input
  head -n N      the first N lines (stops reading)
  tail -n N      the last N lines (keeps only N)
  sample -n N    a uniform random sample of N lines (--seed)
  fields         named fields of logfmt or JSON lines, as JSON lines or CSV
  split          into files by N lines or by a field's value
  sort           sort by a field or the line (-n, -r), beyond memory
  group          count, sum, mean, min, max, percentiles per field value
  distinct       the first line of each distinct line or field value

Run 'sluice COMMAND --help' for a command's options and examples.
`;

/**
 * Runs the command line with `args` and returns the exit status.
 *
 * @param args The arguments, e.g. `["grep", "-c", "ERROR", "app.log"]`.
 * @returns The exit status: 0 success, 1 runtime error (or no match, for
 * grep), 2 usage error, 130 interrupted.
 *
 * @example Running a command from a script
 * ```ts ignore
 * import { main } from "jsr:@sluice/sluice/cli";
 *
 * const status = await main(["head", "-n", "5", "app.log"]);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined) {
    await toStderr(USAGE);
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    await toStdout(USAGE).catch(() => {});
    return 0;
  }
  const command = commands[name];
  if (command === undefined) {
    const known = Object.keys(commands);
    const close = known.find((k) => k.startsWith(name.slice(0, 2))) ?? known[0];
    await toStderr(
      `sluice: unknown command "${name}"; did you mean "${close}"?\n` +
        `Try 'sluice --help'.\n`,
    );
    return 2;
  }
  return await runScript(command.spec, command.run, {
    args: rest,
    positionals: command.positionals ?? 0,
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
