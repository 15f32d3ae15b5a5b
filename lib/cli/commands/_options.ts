// Copyright 2026 the sluice authors. MIT license.
// Options that several commands share (error policy, memory budget, key),
// reading option values, where a bad one is a usage error, and writing a
// short result.

import { pipeline, type PipelineOptions } from "../../core/pipeline.ts";
import type { Sink, Stage } from "../../core/types.ts";
import { deadLetter } from "../../policy/dead_letter.ts";
import type {
  ErrorPolicy,
  ErrorPolicyOptions,
} from "../../policy/error_policy.ts";
import {
  formatBytes,
  parseBytes,
  type Summary,
} from "../../summary/summary.ts";
import type { ScriptContext, ScriptOption } from "../script.ts";
import { isBrokenPipe, toStderr, toStdout } from "../_util.ts";
import type { ReadLinesOptions } from "../../io/read_lines.ts";
import { writeLines, type WriteLinesOptions } from "../../io/write_lines.ts";

/**
 * Writes a command's result of a few lines (a count, a row a file): straight
 * to standard output, or through `writeLines` to the file of `--output`. A
 * pipeline and a writer made for a line or two were a twelfth of a short
 * run: `sluice grep -c ERROR` of an empty file took 83.2 ms, and 77.2 with
 * its line written straight (medians of 31 in turns, V8's defaults). As
 * with `writeLines`, a reader of standard output that has gone ends the
 * writing quietly (the command keeps its status), and another failure names
 * standard output.
 */
export async function writeShort(
  ctx: ScriptContext,
  lines: readonly string[],
  options: WriteLinesOptions = ctx.writeOptions,
): Promise<void> {
  if (ctx.output !== "-") {
    await pipeline(lines, writeLines(ctx.output, options));
  } else if (lines.length > 0) {
    try {
      await toStdout(lines.join("\n") + "\n");
    } catch (error) {
      if (isBrokenPipe(error)) return;
      throw namingStdout(error);
    }
  }
}

/** `error` again, of its class, its message saying where it happened. */
function namingStdout(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const Ctor = error.constructor as new (
    message: string,
    options: ErrorOptions,
  ) => Error;
  try {
    const named = new Ctor(`Cannot write standard output: ${error.message}`, {
      cause: error,
    });
    named.name = error.name;
    return named;
  } catch {
    return error;
  }
}

/** The value of option `name` as an integer of at least `min`. */
export function integer(ctx: ScriptContext, name: string, min = 0): number {
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
export function errorOptions(ctx: ScriptContext): ErrorPolicyOptions {
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
  return { onError, maxErrors: integer(ctx, "max-errors", 1) };
}

export const ERROR_OPTIONS: Record<string, ScriptOption> = {
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
export async function reportSkipped(
  name: string,
  summary: Summary,
): Promise<void> {
  const failed = summary.stages.filter((s) => s.errors > 0);
  const n = failed.reduce((sum, s) => sum + s.errors, 0);
  if (n === 0) return;
  await toStderr(
    `${name}: ${n} line${n === 1 ? "" : "s"} skipped; the first: ${
      failed[0]!.firstErrors[0]
    }\n`,
  );
}

export const SPILL_OPTIONS = {
  budget: {
    type: "string",
    description:
      "memory budget: bytes, or e.g. 64MB (10^6), 64MiB or 64M (2^20); at least 1MiB, default 64MiB",
    valueName: "SIZE",
  },
  "temp-dir": {
    type: "string",
    short: "T",
    description: "where to keep temporary files (default $TMPDIR or /tmp)",
    valueName: "DIR",
  },
} as const;

export const KEY_OPTIONS = {
  key: {
    type: "string",
    short: "k",
    description:
      "the key is this field: of logfmt or JSON lines, or of --format's records (missing: empty)",
    valueName: "FIELD",
  },
  word: {
    type: "string",
    short: "w",
    description:
      "the key is the N-th word (from 1), words split on runs of blanks as awk (changed: was each single space)",
    valueName: "N",
  },
} as const;

/**
 * The least `--budget` of the command line: 1 MiB. Below it a run does not
 * get to its own bounds: one line may take 1 MiB (the default
 * `--max-line-bytes`), and a merge reads 85 runs at once with 3 blocks of 4
 * KiB each (its full fan-in of 256 from 3 MiB); a smaller budget spills a
 * run file per few lines and merges them a few at a time, which turns 100 MB
 * into hundreds of thousands of files and passes. (The library takes 4 KiB,
 * for tests that spill small inputs.)
 */
export const MIN_BUDGET = 1024 * 1024;

/**
 * The least budget for the commands' own tests: the test suite spills small
 * inputs in a few KiB. Read only where the environment variable may be read
 * (a test run's -A): an installed command never asks for it.
 */
function leastBudget(): number {
  const name = "SLUICE_TEST_MIN_BUDGET";
  const granted =
    Deno.permissions.querySync({ name: "env", variable: name }).state ===
      "granted";
  const given = granted ? Number(Deno.env.get(name)) : NaN;
  return Number.isSafeInteger(given) && given > 0 ? given : MIN_BUDGET;
}

/** `bytes` as the command line writes sizes: 1MiB, or bytes. */
function sizeText(bytes: number): string {
  const MiB = 1024 * 1024;
  return bytes % MiB === 0 ? `${bytes / MiB}MiB` : `${bytes} bytes`;
}

/**
 * Checks `--budget`: a size from {@linkcode MIN_BUDGET} to the JavaScript
 * heap's limit (a budget the heap cannot hold ends in an out-of-memory
 * crash, not a spill). Called first by each spilling command; node:v8 is
 * loaded only when a budget is given.
 */
export async function checkBudget(ctx: ScriptContext): Promise<void> {
  const text = ctx.values.budget;
  if (typeof text !== "string") return;
  const bytes = Math.floor(parseBytes(text));
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    ctx.usageError(
      `--budget must be a size such as 65536, 64MB (10^6) or 64MiB (2^20), got "${text}"`,
    );
  }
  const least = leastBudget();
  if (bytes < least) {
    ctx.usageError(
      `--budget must be at least ${
        sizeText(least)
      } (room for the longest line and for a merge's blocks), got "${text}"`,
    );
  }
  const { getHeapStatistics } = await import("node:v8");
  const most = getHeapStatistics().heap_size_limit;
  if (bytes > most) {
    ctx.usageError(
      `--budget must be at most ${
        formatBytes(most)
      }, the JavaScript heap's limit here (deno run --v8-flags=--max-old-space-size=MIB raises it), got "${text}"`,
    );
  }
}

/** The --budget (see {@linkcode checkBudget}) and --temp-dir of a spilling command. */
export function spillOptions(
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
export function stageOrUsage<S>(ctx: ScriptContext, make: () => S): S {
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

/** The comma-separated field names of an option. */
export function names(ctx: ScriptContext, option: string): string[] {
  const text = ctx.values[option];
  if (typeof text !== "string") return [];
  const list = text.split(",").map((k) => k.trim()).filter((k) => k !== "");
  if (list.length === 0) ctx.usageError(`--${option} names no field`);
  return list;
}

/**
 * pipeline() over stages chosen at run time (`undefined` for one left
 * out): the types of the stages in between are the caller's to match.
 */
export function runStages(
  source: AsyncIterable<unknown>,
  stages: (Stage<never, unknown> | undefined)[],
  sink: Sink<never>,
  options: PipelineOptions,
): Promise<Summary> {
  return (pipeline as unknown as (...args: unknown[]) => Promise<Summary>)(
    source,
    ...stages.filter((s) => s !== undefined),
    sink,
    options,
  );
}

/** The options that keep each line's bytes, and the binary inputs met. */
export interface KeptBytes {
  read: ReadLinesOptions;
  write: WriteLinesOptions;
  /** The binary inputs read so far, by name (standard input as GNU names it). */
  binary: string[];
}

/**
 * Read and write options under which lines pass through byte for byte (CRLF
 * and invalid UTF-8 kept; with `mark`, a missing last LF stays missing, as
 * GNU head, tail and split keep it), noting binary inputs.
 */
export function keepBytes(ctx: ScriptContext, mark = false): KeptBytes {
  const binary: string[] = [];
  return {
    read: {
      ...ctx.readOptions,
      lossless: true,
      markUnterminated: mark,
      onBinary: (path) =>
        void binary.push(
          path === undefined || path === "-" ? "(standard input)" : path,
        ),
    },
    write: { ...ctx.writeOptions, lossless: true },
    binary,
  };
}

/** Tells on standard error, once each, of the binary inputs read. */
export async function reportBinary(
  name: string,
  binary: readonly string[],
  what = "binary file, its lines written as they are",
): Promise<void> {
  for (const path of new Set(binary)) {
    await toStderr(`${name}: ${path}: ${what}\n`);
  }
}

/**
 * A line as keys see it: without the CR of a CRLF line or the mark of a
 * last line without LF, which lossless reading keeps for writing.
 */
export function lineText(line: string): string {
  let end = line.length;
  if (line.charCodeAt(end - 1) === 0xdc0a) end--;
  if (line.charCodeAt(end - 1) === 0x0d) end--;
  return end === line.length ? line : line.slice(0, end);
}

/**
 * pipeline() over stages chosen at run time, without a sink: the items, to
 * iterate.
 */
export function pipeStages(
  source: AsyncIterable<unknown>,
  stages: (Stage<never, unknown> | undefined)[],
  options: PipelineOptions,
): AsyncIterable<unknown> {
  return (pipeline as unknown as (
    ...args: unknown[]
  ) => AsyncIterable<unknown>)(
    source,
    ...stages.filter((s) => s !== undefined),
    options,
  );
}

/**
 * What reads a format's records and times (_format.ts, and with it
 * lib/parse/'s formats), loaded only when `--format` or `--columns` asks for
 * it, or `byTime` (a command's `--by-time`); undefined otherwise. A sort of
 * lines loaded 111 modules, 1.0 MB of source, 22 of them for that alone.
 */
export async function formatReaders(
  ctx: ScriptContext,
  byTime = false,
): Promise<typeof import("../_format.ts") | undefined> {
  return byTime || ctx.values.format !== undefined ||
      ctx.values.columns !== undefined
    ? await import("../_format.ts")
    : undefined;
}
