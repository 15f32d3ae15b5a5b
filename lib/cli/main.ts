// Copyright 2026 the sluice authors. MIT license.
/**
 * The `sluice` command line: everyday log jobs with the manners of a Unix
 * tool. Run it with `deno run -R -W jsr:@sluice/sluice/cli COMMAND ...` (or
 * `deno task sluice COMMAND ...` in the repository); Deno's
 * `--unstable-lazy-dynamic-imports` has it read only the modules of the
 * command that runs, about 2 MiB less memory.
 *
 * Commands: `grep`, `count`, `head`, `tail`, `sample`, `fields`, `split`,
 * `sort`, `group`, `distinct`, and `merge`, which combines the partial
 * results of a job's shards (`--shard K/N --partial FILE`) into the output
 * of one run.
 * Every command reads several inputs (`-` for standard input; gzip, zstd
 * and brotli decompressed; quoted globs, directories with `-r`, and URLs),
 * writes `--output FILE` atomically (compressed for `.gz` and `.zst`) or
 * standard output, and takes `--summary`, `--summary-json FILE`,
 * `--summary-html FILE`, `--progress`, `--no-progress`, `--debug` and
 * `--help`; `sluice --version` prints the version. Short options mean what
 * GNU's tools of the same name mean (grep's `-o` is only-matching, head's
 * `-q` omits the headers; `sort -o FILE` is the output, as in GNU sort).
 *
 * @example Counting the ERROR lines of two logs
 * ```sh
 * deno run -R jsr:@sluice/sluice/cli grep -c ERROR app.log app.log.1.gz
 * ```
 *
 * @module
 */
import { COMMAND_NAMES, loadCommand, loadCommands } from "./_commands.ts";
import { runScript } from "./script.ts";
import { closestName, toStderr, toStdout } from "./_util.ts";
import { VERSION } from "./_version.ts";

/** `sluice --help`: the commands as the table lists them. */
async function usage(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((c) => c.synopsis.length)) + 3;
  return `Usage: sluice COMMAND [OPTION\u2026] [FILE\u2026]

Everyday jobs on huge logs, with flat memory.

Commands:
${commands.map((c) => `  ${c.synopsis.padEnd(width)}${c.summary}\n`).join("")}
Run 'sluice COMMAND --help' for a command's options and examples,
'sluice --version' for the version of sluice and of Deno.
`;
}

/** `sluice --version`: sluice's version, and the runtime's for bug reports. */
function version(): string {
  return `sluice ${VERSION}
Deno ${Deno.version.deno}, V8 ${Deno.version.v8}, TypeScript ${Deno.version.typescript}
License MIT.
`;
}

/**
 * Runs the command line with `args` and returns the exit status.
 *
 * @param args The arguments, e.g. `["grep", "-c", "ERROR", "app.log"]`.
 * @returns The exit status: 0 success, 1 runtime error (for grep: no match,
 * and 2 a runtime error, as GNU grep), 2 usage error, 130 interrupted.
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
    await toStderr(await usage());
    return 2;
  }
  // Before a command, -h can mean nothing else: it stays short for help.
  if (name === "--help" || name === "-h" || name === "help") {
    await toStdout(await usage()).catch(() => {});
    return 0;
  }
  if (name === "--version" || name === "-V") {
    await toStdout(version()).catch(() => {});
    return 0;
  }
  const loading = loadCommand(name);
  if (loading === undefined) {
    // Options come after the command; before it, only --help and --version.
    if (name.startsWith("-")) {
      await toStderr(
        `sluice: unknown option ${name} before a command\n` +
          `Try 'sluice --help'.\n`,
      );
      return 2;
    }
    const close = closestName(name, COMMAND_NAMES);
    await toStderr(
      `sluice: unknown command "${name}"${
        close === undefined ? "" : `; did you mean "${close}"?`
      }\nTry 'sluice --help'.\n`,
    );
    return 2;
  }
  const command = await loading;
  return await runScript(command.spec, command.run, {
    args: rest,
    positionals: command.positionals ?? 0,
    failureStatus: command.failureStatus ?? 1,
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
