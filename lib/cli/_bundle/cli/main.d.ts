// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
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

/**
 * Runs the command line with `args` and returns the exit status.
 *
 * The `./cli` subpath is the command line bundled into JavaScript, the
 * library's modules with it: a program that imports `main` from it and the
 * library from `mod.ts` or a subpath holds both copies, which share no state.
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
export declare function main(args: string[]): Promise<number>;
