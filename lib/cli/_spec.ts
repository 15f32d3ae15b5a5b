// Copyright 2026 the sluice authors. MIT license.
// What a script is (name, help, options): the types runScript takes and the
// help text is made from, apart so that both import them.

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
