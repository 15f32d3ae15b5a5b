// Copyright 2026 the sluice authors. MIT license.
/**
 * The manners of a well-made Unix tool for a user's own script: inputs from
 * the arguments or standard input, `--output FILE` written atomically, `--summary`,
 * progress on a terminal, quiet broken pipes, Ctrl-C handling and exit
 * codes. The `sluice` command line is built on it.
 *
 * @module
 */
import type { Summary } from "../summary/summary.ts";
import type {
  RunScriptOptions,
  ScriptContext,
  ScriptOption,
  ScriptSpec,
} from "./_spec.ts";
export type {
  RunScriptOptions,
  ScriptContext,
  ScriptOption,
  ScriptSpec,
  ScriptValues,
} from "./_spec.ts";

/**
 * Runs `body` as a command-line program and returns its exit status: parses
 * the arguments (strictly: an unknown option is a usage error that names the
 * closest valid one), prints help for `--help`, shows progress on standard
 * error when it is a terminal (or with `--progress`), stops the run on
 * Ctrl-C, SIGTERM or SIGHUP (status 130, 143 or 129, temporary output and
 * spill removed, the summary so far printed with `--summary`), turns a broken pipe into a quiet success, and turns an
 * error into a one-line message (status 1; a stack trace with `--debug`).
 *
 * Progress on a terminal is redrawn in place at most four times a second
 * and cleared before anything is written to standard output or error, so
 * that output never lands on it (`ctx.writeOptions` does this for
 * `writeLines` to standard output); at the end its final figures stay on a
 * line of their own, or, when standard output is a terminal too, the line
 * is cleared. With `--progress` to a file or pipe, it is plain lines, one a
 * second and one at the end.
 *
 * Inputs are expanded first: a quoted glob becomes the files it matches
 * (no match is an error that names it) and, with `-r`/`--recursive`, a
 * directory the files under it, rotated sets oldest first (see
 * {@linkcode listInputs}); `ctx.inputs` holds the files.
 *
 * With `--shard K/N` (K from 0; `env/N` takes K from `JOB_COMPLETION_INDEX`
 * or `SLURM_ARRAY_TASK_ID`), `ctx.readOptions` reads only that shard of the
 * inputs (see {@linkcode shardInputs}), and `ctx.shard` says which; inputs
 * that cannot be divided (standard input, a pipe, a plain-text URL whose
 * server ignores Range requests or gives no size) are a usage error.
 * A spec with `shard: false` has no `--shard`.
 *
 * Common options: `--output FILE`, `--in-place`, `-r`/`--recursive`, `--shard K/N`,
 * `--summary`, `--summary-json FILE`, `--summary-html FILE`, `--progress`,
 * `--no-progress`, `--debug`, `--help`, long options only but for `-r`, so
 * that the short letters keep the meanings GNU's tools give them; a script
 * may define one of them itself (e.g. `output` with `short: "o"`), and its
 * own then replaces the common one. The old spellings `-o`, `-h`, `-q` and
 * `--quiet` are, where a script does not define them, usage errors that say
 * what to write instead. The summary splits V8's heap by space (the
 * `heapSpaces` option of {@linkcode Summary}) when one of the `--summary`
 * options is given, and only then. The body returns its own status (e.g. 1 for "nothing
 * matched") or nothing for 0. The summary's files are written once the body
 * has stopped, also after a failure or Ctrl-C; the HTML page atomically
 * (a temporary file next to it, renamed over it).
 *
 * Ctrl-C aborts `ctx.signal`, and so do SIGTERM and SIGHUP (what `timeout`,
 * systemd, Docker and a dropped ssh session send); once the body has
 * stopped, `runScript` says so in one line on standard error
 * (`NAME: interrupted`, or `NAME: stopped by SIGTERM`) and returns 128 + the
 * signal's number (130, 143, 129). A
 * second signal returns at once, without waiting any longer for a body that
 * does not stop. `runScript` never exits the process itself, and removes its
 * signal listeners before it returns: hand the status to `Deno.exit`, which
 * also removes the temporary files of runs still under way. A signal is
 * heard only when the thread is free: a callback of the body's that
 * computes for long without yielding (a regular expression that backtracks,
 * say) holds Ctrl-C until it returns; give such work to
 * {@linkcode parallel}, whose workers the abort ends (as `sluice grep
 * --regex` does).
 *
 * @param spec The script's name, help and own options.
 * @param body The work: usually one {@linkcode pipeline} call given
 * `ctx.pipelineOptions`.
 * @param options The arguments (default `Deno.args`) and how many leading
 * positionals are not inputs.
 * @returns The exit status, for `Deno.exit`.
 *
 * @example A ten-line script with the manners of the command line
 * ```ts ignore
 * import { filter, map, pipeline, readLines, runScript, writeLines } from "jsr:@sluice/sluice";
 *
 * Deno.exit(await runScript(
 *   { name: "errors", usage: "[FILE...]", description: "ERROR lines as JSON." },
 *   (ctx) => pipeline(
 *     readLines(ctx.inputs),
 *     filter((line) => line.includes(" ERROR ")),
 *     map((line) => JSON.stringify({ line })),
 *     writeLines(ctx.output),
 *     ctx.pipelineOptions,
 *   ),
 * ));
 * ```
 */
export async function runScript<
  const O extends Readonly<Record<string, ScriptOption>> = Record<
    never,
    never
  >,
>(
  spec: ScriptSpec<O>,
  body: (ctx: ScriptContext<O>) => Promise<number | void | Summary>,
  options: RunScriptOptions = {},
): Promise<number> {
  // What runs a script is loaded when one runs, not with the library: a
  // module loaded stays resident for the whole run.
  const { runScriptNow } = await import("./_run_script.ts");
  return await runScriptNow(spec, body, options);
}
