// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../cli/main.ts"
import {
  closestName,
  toStderr,
  toStdout
} from "../../chunk-AJRTXXC2.js";
import {
  runScript
} from "../../chunk-ZDD752KH.js";
import "../../chunk-NNJCSJBK.js";
import "../../chunk-4W7FL7Y6.js";

// lib/cli/_commands.ts
var LOADERS = {
  grep: async () => (await import("../../grep-BCAYCEXB.js")).grep,
  count: async () => (await import("../../count-X6UA7ZFC.js")).count,
  head: async () => (await import("../../head-LVK2J4EE.js")).head,
  tail: async () => (await import("../../tail-H64EQZDB.js")).tail,
  sample: async () => (await import("../../sample-W6MJWTQA.js")).sample,
  fields: async () => (await import("../../fields-LX6AY2EK.js")).fields,
  split: async () => (await import("../../split-X4D42XWI.js")).split,
  sort: async () => (await import("../../sort-SZUJJFLP.js")).sort,
  group: async () => (await import("../../group-MLQVQB22.js")).group,
  distinct: async () => (await import("../../distinct-Z3FTMDRR.js")).distinct,
  merge: async () => (await import("../../merge-RCDUVLRE.js")).merge
};
var COMMAND_NAMES = Object.keys(LOADERS);
function loadCommand(name) {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]() : void 0;
}
function loadCommands() {
  return Promise.all(COMMAND_NAMES.map((name) => LOADERS[name]()));
}

// lib/cli/_version.ts
var VERSION = "0.1.0";

// lib/cli/main.ts
async function usage() {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((c) => c.synopsis.length)) + 3;
  return `Usage: sluice COMMAND [OPTION\u2026] [FILE\u2026]

Everyday jobs on huge logs, with flat memory.

Commands:
${commands.map((c) => `  ${c.synopsis.padEnd(width)}${c.summary}
`).join("")}
Run 'sluice COMMAND --help' for a command's options and examples,
'sluice --version' for the version of sluice and of Deno.
`;
}
function version() {
  return `sluice ${VERSION}
Deno ${Deno.version.deno}, V8 ${Deno.version.v8}, TypeScript ${Deno.version.typescript}
License MIT.
`;
}
async function main(args) {
  const [name, ...rest] = args;
  if (name === void 0) {
    await toStderr(await usage());
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    await toStdout(await usage()).catch(() => {
    });
    return 0;
  }
  if (name === "--version" || name === "-V") {
    await toStdout(version()).catch(() => {
    });
    return 0;
  }
  const loading = loadCommand(name);
  if (loading === void 0) {
    if (name.startsWith("-")) {
      await toStderr(`sluice: unknown option ${name} before a command
Try 'sluice --help'.
`);
      return 2;
    }
    const close = closestName(name, COMMAND_NAMES);
    await toStderr(`sluice: unknown command "${name}"${close === void 0 ? "" : `; did you mean "${close}"?`}
Try 'sluice --help'.
`);
    return 2;
  }
  const command = await loading;
  return await runScript(command.spec, command.run, {
    args: rest,
    positionals: command.positionals ?? 0,
    failureStatus: command.failureStatus ?? 1
  });
}
if (import.meta.main) Deno.exit(await main(Deno.args));
export {
  main
};

// The modules the workers run and load, named for `deno install` and
// `deno cache` (a Worker's URL is not an import): never called.
const _startedModules = () => [
  import("../stages/_grep_worker.js"),
  import("../parallel/_parallel_worker.js"),
  import("../parallel/_group_by_worker.js"),
  import("./_regex_worker.js"),
  import("./_group_spec.js"),
];
