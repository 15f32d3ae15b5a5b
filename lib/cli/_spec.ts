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
}

/** What a script is: its name, help and options. */
export interface ScriptSpec {
  /** The name in messages and help, e.g. `"sluice grep"`. */
  name: string;
  /** The usage line after the name, e.g. `"PATTERN [FILE…]"`. */
  usage: string;
  /** What it does, in a sentence or two. */
  description: string;
  /** Example command lines for the help. */
  examples?: string[];
  /** Options of the script's own, besides the common ones. */
  options?: Record<string, ScriptOption>;
  /**
   * Whether the script writes one output (`-o FILE`, `--in-place`); `false`
   * for one that writes files of its own naming (split), whose help and
   * arguments then have no `-o`.
   *
   * @default {true}
   */
  output?: boolean;
}
