// Copyright 2026 the sluice authors. MIT license.
// The command line's arguments, read the way GNU getopt_long reads them:
// `--name value`, `--name=value`, `-x value`, `-xvalue`, grouped flags (`-cv`),
// options before or after operands, `--` ending the options, `-` an operand,
// and `-NUM` for the one option that takes it (head -5, grep -2).
// Our own, not node:util's parseArgs: loading Deno's Node layer for it costs
// 2-3 MiB of resident memory in every command (measured: an empty script
// 32.5 MiB, the same script calling node:util's parseArgs 34.3-35.3 MiB).

import { UsageError } from "../core/errors.ts";
import type { ScriptOption } from "./_spec.ts";

/** What {@linkcode parseArguments} found. */
export interface ParsedArguments {
  /**
   * Each option given, by its long name: its value, `true` for a flag, or
   * every value given of a `multiple` option.
   */
  values: Record<string, string | boolean | string[] | undefined>;
  /** The operands, in order. */
  positionals: string[];
  /** The options' long names, in the order given (once per time given). */
  order: string[];
}

/**
 * Reads `args` against `options` (by long name; `short` is a one-letter
 * alias). A value given twice keeps the last, as GNU tools do, except of a
 * `multiple` option, which keeps them all.
 *
 * @throws {UsageError} For an unknown option (the message is exactly
 * `unknown option --name` or `unknown option -x`), a missing value, or a
 * value given to a flag.
 */
export function parseArguments(
  args: readonly string[],
  options: Record<string, ScriptOption>,
): ParsedArguments {
  const byShort = new Map<string, string>();
  // The option that digits among the short options give (GNU's -NUM).
  let digits: string | undefined;
  for (const [name, o] of Object.entries(options)) {
    if (o.short !== undefined) byShort.set(o.short, name);
    if (o.digits === true) digits = name;
  }
  const values: ParsedArguments["values"] = {};
  const positionals: string[] = [];
  const order: string[] = [];
  const set = (name: string, value: string) => {
    if (options[name]!.multiple) {
      const list = values[name];
      if (Array.isArray(list)) list.push(value);
      else values[name] = [value];
    } else {
      values[name] = value;
    }
    order.push(name);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const option = Object.hasOwn(options, name) ? options[name] : undefined;
      if (option === undefined) {
        throw new UsageError(`unknown option --${name}`);
      }
      if (option.type === "boolean") {
        if (eq !== -1) {
          throw new UsageError(`option '--${name}' doesn't allow an argument`);
        }
        values[name] = true;
        order.push(name);
      } else if (eq !== -1) {
        set(name, arg.slice(eq + 1));
      } else if (i + 1 < args.length) {
        set(name, args[++i]!);
      } else {
        throw new UsageError(`option '--${name}' requires an argument`);
      }
      continue;
    }
    if (arg.length < 2 || arg[0] !== "-") {
      positionals.push(arg);
      continue;
    }
    // One or more short options: flags, then perhaps one that takes a value
    // (the rest of this argument, else the next one).
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (digits !== undefined && letter >= "0" && letter <= "9") {
        // -NUM: the run of digits is the value (-5, -2n, -n2 is -n's).
        let end = j + 1;
        while (end < arg.length && arg[end]! >= "0" && arg[end]! <= "9") end++;
        set(digits, arg.slice(j, end));
        j = end - 1;
        continue;
      }
      // A one-letter option's own name serves as its short one (-n for n).
      const name = byShort.get(letter) ??
        (Object.hasOwn(options, letter) ? letter : undefined);
      if (name === undefined) {
        throw new UsageError(`unknown option -${letter}`);
      }
      if (options[name]!.type === "boolean") {
        values[name] = true;
        order.push(name);
        continue;
      }
      if (j + 1 < arg.length) {
        set(name, arg.slice(j + 1));
      } else if (i + 1 < args.length) {
        set(name, args[++i]!);
      } else {
        throw new UsageError(`option requires an argument -- '${letter}'`);
      }
      break;
    }
  }
  return { values, positionals, order };
}
