// Copyright 2026 the sluice authors. MIT license.
// The commands of `sluice`, one module each under commands/, in the order
// `sluice --help` lists them. The help and "did you mean" come from here.
// Like all of lib/cli/, the commands take from other folders only modules
// and names that mod.ts exports (tests/cli/public_api_test.ts checks).
//
// A command's module is loaded only when it runs (or for the help): every
// module loaded costs resident memory for the whole run, about 2 MiB for
// the nine commands a run does not use. Deno reads (and holds) the source
// of every module an import() names before the run starts, unless it runs
// with --unstable-lazy-dynamic-imports, as the README installs sluice:
// about 2 MiB and 7 ms more a run without it (bench/RESULTS.md, BR).

import type { Command } from "./commands/_command.ts";

export type { Command } from "./commands/_command.ts";

const LOADERS: Readonly<Record<string, () => Promise<Command>>> = {
  grep: async () => (await import("./commands/grep.ts")).grep,
  count: async () => (await import("./commands/count.ts")).count,
  head: async () => (await import("./commands/head.ts")).head,
  tail: async () => (await import("./commands/tail.ts")).tail,
  sample: async () => (await import("./commands/sample.ts")).sample,
  fields: async () => (await import("./commands/fields.ts")).fields,
  split: async () => (await import("./commands/split.ts")).split,
  sort: async () => (await import("./commands/sort.ts")).sort,
  group: async () => (await import("./commands/group.ts")).group,
  distinct: async () => (await import("./commands/distinct.ts")).distinct,
  merge: async () => (await import("./commands/merge.ts")).merge,
};

/** The commands' names, in the order of the help. */
export const COMMAND_NAMES: readonly string[] = Object.keys(LOADERS);

/** The command named `name`, or `undefined` when there is none. */
export function loadCommand(name: string): Promise<Command> | undefined {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]!() : undefined;
}

/** Every command, in the order of the help. */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(COMMAND_NAMES.map((name) => LOADERS[name]!()));
}
