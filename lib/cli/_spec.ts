// Copyright 2026 the sluice authors. MIT license.
// What a script is (name, help, options) and what its body gets: the types
// runScript takes and the help text is made from, apart so that script.ts,
// _run_script.ts and the help import them. script.ts re-exports them.

import type { Summary } from "../summary/summary.ts";
import type { ReadLinesOptions } from "../io/read_lines.ts";
import type { WriteLinesOptions } from "../io/write_lines.ts";

/** One option of a script: its kind, a short alias and its help text. */
export interface ScriptOption {
  /** `"string"` for an option with a value, `"boolean"` for a flag. */
  type: "string" | "boolean";
  /** A one-letter alias. */
  short?: string;
  /** The help text. */
  description: string;
  /** The value's name in the help, e.g. `"N"`. */
  valueName?: string;
  /**
   * The value of a `"string"` option that is not given: with one, the
   * option's value is a `string`, never `undefined`.
   *
   * @default {undefined}
   */
  default?: string;
  /**
   * Whether a `"string"` option may be given more than once (grep's
   * `-e PATTERN`): its value is then every value given, in order (`[]` when
   * none was), not the last one.
   *
   * @default {false}
   */
  multiple?: boolean;
  /**
   * Whether a `"string"` option is also given as digits among the short
   * options (GNU's `-NUM`: `head -5` for `head -n 5`, `grep -2` for
   * `grep -C 2`): the run of digits is its value. At most one option of a
   * command has it.
   *
   * @default {false}
   */
  digits?: boolean;
}

/**
 * The values a script's options take, by long name, typed from its spec: a
 * `"boolean"` option is a `boolean` (`false` when not given), a `"string"`
 * option given `multiple: true` a `string[]` (empty when not given), another
 * `"string"` option a `string`, or `string | undefined` when it has no
 * `default`.
 *
 * @typeParam O The script's own options.
 */
export type ScriptValues<O> = {
  -readonly [K in keyof O]: O[K] extends { type: "boolean" } ? boolean
    : O[K] extends { multiple: true } ? string[]
    : O[K] extends { default: string } ? string
    : string | undefined;
};

/**
 * What a script is: its name, help and options.
 *
 * @typeParam O Its own options, by long name.
 */
export interface ScriptSpec<
  O extends Readonly<Record<string, ScriptOption>> = Readonly<
    Record<string, ScriptOption>
  >,
> {
  /** The name in messages and help, e.g. `"sluice grep"`. */
  name: string;
  /** The usage line after the name, e.g. `"PATTERN [FILE...]"`. */
  usage: string;
  /** What it does, in a sentence or two. */
  description: string;
  /** Example command lines for the help. */
  examples?: readonly string[];
  /** Options of the script's own, besides the common ones. */
  options?: O;
  /**
   * Whether the script writes one output (`--output FILE`, `--in-place`);
   * `false` for one that writes files of its own naming (split), whose help
   * and arguments then have no `--output`.
   *
   * @default {true}
   */
  output?: boolean;
  /**
   * Whether the script can read one shard of its inputs (`--shard K/N`);
   * `false` for one whose shards could not be combined (split, merge).
   *
   * @default {true}
   */
  shard?: boolean;
}

/**
 * What the script's body gets.
 *
 * `values` is typed from the options of the spec given to
 * {@linkcode runScript}. `usageError` ends the body; for TypeScript to
 * narrow after it (no `return` needed), declare the context's type, as
 * TypeScript narrows only on calls through names whose types are written
 * out: `(ctx: ScriptContext<typeof options>) => ...`.
 *
 * @typeParam O The script's own options, by long name.
 */
export interface ScriptContext<
  O extends Readonly<Record<string, ScriptOption>> = Readonly<
    Record<string, ScriptOption>
  >,
> {
  /** Positional arguments that are not inputs (as declared by `inputsFrom`). */
  positionals: string[];
  /** The input paths; `["-"]` (standard input) when none were given. */
  inputs: string[];
  /** The output: the `--output` path, or `"-"` for standard output. */
  output: string;
  /**
   * The values of the options, by long name: of the script's own, typed from
   * its spec (see {@linkcode ScriptValues}); the common ones are there too.
   */
  values: string extends keyof O
    ? Record<string, string | boolean | string[] | undefined>
    : ScriptValues<O>;
  /**
   * The options given, by long name, in the order given (once per time
   * given): for output that follows the command line's order.
   */
  optionOrder: readonly string[];
  /** Aborted on Ctrl-C: pass it to {@linkcode pipeline}. */
  signal: AbortSignal;
  /** The run's summary: pass it to {@linkcode pipeline}. */
  summary: Summary;
  /** `{ signal, summary }`, ready to be given to {@linkcode pipeline}. */
  pipelineOptions: { signal: AbortSignal; summary: Summary };
  /**
   * What `--max-line-bytes` and `--long-lines` ask of
   * {@linkcode readLines}: pass it to `readLines(ctx.inputs, ctx.readOptions)`.
   */
  readOptions: Pick<
    ReadLinesOptions,
    "maxLineBytes" | "onLongLine" | "mergeBy" | "shard"
  >;
  /**
   * The shard of the inputs this run reads (`--shard K/N`), or `undefined`
   * for all of them. `readOptions` reads only that shard.
   */
  shard: { index: number; count: number } | undefined;
  /**
   * What `--in-place` asks of {@linkcode writeLines}, and, while progress
   * is shown on the terminal that standard output also goes to, the
   * `aroundWrite` that clears the progress line before each write: pass it
   * to `writeLines(ctx.output, ctx.writeOptions)`.
   */
  writeOptions: Pick<WriteLinesOptions, "aroundWrite"> & { atomic: boolean };
  /**
   * Throws a usage error: `runScript` prints the message with a hint to try
   * `--help`, and returns 2.
   */
  usageError(message: string): never;
}

/** How {@linkcode runScript} reads its arguments and environment. */
export interface RunScriptOptions {
  /**
   * The arguments.
   *
   * @default {Deno.args}
   */
  args?: string[];
  /**
   * How many leading positional arguments are not inputs (e.g. 1 for a
   * grep pattern), or a function of the options given that tells (0 for
   * grep given its patterns with `-e`).
   *
   * @default {0}
   */
  positionals?:
    | number
    | ((
      values: Record<string, string | boolean | string[] | undefined>,
    ) => number);
  /**
   * The exit status when the run fails. GNU's grep and sort use 2, since 1
   * means "no match" or "out of order" to them.
   *
   * @default {1}
   */
  failureStatus?: number;
}
