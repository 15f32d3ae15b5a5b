// Copyright 2026 the sluice authors. MIT license.
// What a command of `sluice` is: its line in `sluice --help`, its own help
// and options (a script spec), and its body, which runScript runs.

import type { RunScriptOptions, ScriptContext, ScriptSpec } from "../script.ts";
import type { Summary } from "../../summary/summary.ts";

/** A command of `sluice`, as the table in `_commands.ts` lists it. */
export interface Command {
  /** The word after `sluice`, e.g. `"grep"`. */
  name: string;
  /** The command as `sluice --help` lists it, e.g. `"grep PATTERN"`. */
  synopsis: string;
  /** What it does, in a few words, for `sluice --help`. */
  summary: string;
  /** Its help, usage and own options. */
  spec: ScriptSpec;
  /**
   * How many leading positional arguments are not inputs (default 0), or a
   * function of the options given that tells (grep: none when given -e).
   */
  positionals?: RunScriptOptions["positionals"];
  /** The exit status of a failed run, where GNU's command has one (grep: 2). */
  failureStatus?: number;
  /** The work; returns the exit status, or nothing for 0. */
  run(ctx: ScriptContext): Promise<number | void | Summary>;
}
