// Copyright 2026 the sluice authors. MIT license.
// What runScript (script.ts) does, loaded when a script runs.
import { UsageError } from "../core/errors.ts";
import { parseArguments, type ParsedArguments } from "./_args.ts";
import { StageError } from "../core/errors.ts";
import { clearedFor, ProgressLine, renderProgress } from "./_progress.ts";
import {
  causes,
  closestOption,
  grantAdvice,
  helpText,
  isBrokenPipe,
  toStderr,
  toStdout,
} from "./_util.ts";
import { parseBytes, Summary } from "../summary/summary.ts";
import { listInputs } from "../io/list_inputs.ts";
import { parseShard } from "./_shard.ts";
import type {
  RunScriptOptions,
  ScriptContext,
  ScriptOption,
  ScriptSpec,
} from "./_spec.ts";

const COMMON: Record<string, ScriptOption> = {
  output: {
    type: "string",
    description:
      "write to FILE (atomically) instead of standard output (changed: was also -o)",
    valueName: "FILE",
  },
  "in-place": {
    type: "boolean",
    description:
      "with --output, write FILE in place, not atomically (for a file with hard links or of another user, or in a directory you cannot write)",
  },
  summary: {
    type: "boolean",
    description: "print the per-stage memory summary to standard error",
  },
  "summary-json": {
    type: "string",
    description: "write the summary as JSON to FILE",
    valueName: "FILE",
  },
  "summary-html": {
    type: "string",
    description:
      "write the summary as a self-contained HTML page (memory chart) to FILE",
    valueName: "FILE",
  },
  progress: {
    type: "boolean",
    description:
      "show progress on standard error even when it is not a terminal (then as plain lines, one a second)",
  },
  shard: {
    type: "string",
    description:
      "read only shard K of N of the inputs (K from 0; env/N: K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID), plain files and URLs in byte ranges cut at line boundaries (a URL with Range requests), compressed ones whole",
    valueName: "K/N",
  },
  "max-line-bytes": {
    type: "string",
    description:
      "the longest line read, in bytes (e.g. 4MiB; default 1MiB); see --long-lines",
    valueName: "SIZE",
  },
  "long-lines": {
    type: "string",
    description:
      "what to do with a longer line: error (default), split (into pieces) or skip (counted in --summary)",
    valueName: "WHAT",
  },
  "merge-by-time": {
    type: "boolean",
    description:
      "merge the inputs (each in time order) into one stream in time order, by the time each line starts with or carries; a line without one stays with the line before it",
  },
  recursive: {
    type: "boolean",
    short: "r",
    description:
      "read the files under each directory given (rotated sets oldest first)",
  },
  "no-progress": {
    type: "boolean",
    description: "show no progress (changed: was -q, --quiet)",
  },
  debug: { type: "boolean", description: "print stack traces of errors" },
  help: {
    type: "boolean",
    description: "show this help (changed: -h is no longer short for it)",
  },
};

/**
 * Spellings the common options had, as the command line now answers them
 * where a script does not define them itself: GNU's meanings took them
 * (grep -o, -h and -q; head and tail -q), and a spelling that now means
 * something else in one command is an error in all the others rather than
 * quietly something else.
 */
const RETIRED: Readonly<Record<string, string>> = {
  "-o": "-o is no longer the output file; use --output FILE",
  "-h": "-h is no longer short for --help; use --help",
  "-q": "-q no longer means no progress; use --no-progress",
  "--quiet": "--quiet no longer means no progress; use --no-progress",
};

/**
 * A stage's error as the command line tells it: what went wrong and where
 * (file and line), without the stage's internal name.
 */
function stageMessage(error: StageError): string {
  const cause = error.cause;
  const detail = cause instanceof StageError
    ? stageMessage(cause)
    : cause instanceof Error
    ? cause.message
    : String(cause);
  if (error.line === undefined) return detail;
  const where = error.path !== undefined
    ? `line ${error.line} of "${error.path}"`
    : error.message.includes(` at item ${error.line}:`)
    ? `item ${error.line}`
    : `line ${error.line}`;
  // A line error names its place itself.
  return error.path !== undefined && detail.includes(`"${error.path}"`)
    ? detail
    : `${detail} (at ${where})`;
}

/** `--max-line-bytes` and `--long-lines`, checked. */
function lineOptions(
  values: Record<string, string | boolean | string[] | undefined>,
): ScriptContext["readOptions"] {
  const out: ScriptContext["readOptions"] = {};
  const max = values["max-line-bytes"];
  if (typeof max === "string") {
    const bytes = Math.floor(parseBytes(max));
    if (!Number.isSafeInteger(bytes) || bytes < 1) {
      throw new UsageError(
        `--max-line-bytes must be a size such as 65536, 4MiB or 4MB, got "${max}"`,
      );
    }
    out.maxLineBytes = bytes;
  }
  const long = values["long-lines"];
  if (typeof long === "string") {
    if (long !== "error" && long !== "split" && long !== "skip") {
      throw new UsageError(
        `--long-lines must be error, split or skip, got "${long}"`,
      );
    }
    out.onLongLine = long;
  }
  return out;
}

/** The signals that stop a run, as Ctrl-C does. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

/**
 * The common options a script takes: without --output for one with no
 * output, and without those the script defines itself (sort's --output
 * with -o, as GNU sort's).
 */
function commonOptions(spec: ScriptSpec): Record<string, ScriptOption> {
  let common = Object.fromEntries(
    Object.entries(COMMON).filter(([name]) =>
      !Object.hasOwn(spec.options ?? {}, name)
    ),
  );
  if (spec.output === false) {
    const { output: _o, "in-place": _i, ...rest } = common;
    common = rest;
  }
  if (spec.shard === false) {
    const { shard: _s, ...rest } = common;
    common = rest;
  }
  // -r is the script's own where it has one (sort -r is reverse, as in
  // GNU sort): --recursive stays.
  const own = Object.values(spec.options ?? {}).some((o) => o.short === "r");
  if (own && common.recursive !== undefined) {
    const { short: _r, ...recursive } = common.recursive;
    common = { ...common, recursive };
  }
  return common;
}

async function totalBytes(inputs: string[]): Promise<number | undefined> {
  let total = 0;
  for (const input of inputs) {
    if (input === "-") return undefined;
    try {
      const info = await Deno.stat(input);
      if (!info.isFile) return undefined;
      total += info.size;
    } catch {
      return undefined; // the run itself will report it
    }
  }
  return total;
}

/** What `runScript` (script.ts) does; see its documentation. */
export async function runScriptNow<
  const O extends Readonly<Record<string, ScriptOption>> = Record<
    never,
    never
  >,
>(
  spec: ScriptSpec<O>,
  body: (ctx: ScriptContext<O>) => Promise<number | void | Summary>,
  options: RunScriptOptions = {},
): Promise<number> {
  const common = commonOptions(spec);
  const all = { ...spec.options, ...common };
  let parsed: ParsedArguments;
  try {
    parsed = parseArguments(options.args ?? Deno.args, all);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const unknown = /^unknown option (\S+)$/.exec(error.message);
    // A script with no output never had -o.
    const retired = unknown === null ||
        (unknown[1] === "-o" && spec.output === false)
      ? undefined
      : RETIRED[unknown[1]!];
    const close = unknown === null || retired !== undefined
      ? undefined
      : closestOption(unknown[1]!, all);
    const shown = retired ??
      (close === undefined
        ? error.message
        : `${error.message}; did you mean ${close}?`);
    await toStderr(`${spec.name}: ${shown}\nTry '${spec.name} --help'.\n`);
    return 2;
  }
  const values = parsed.values;
  // As the types say: a flag not given is false, an option with a default
  // has it.
  for (const [name, option] of Object.entries(all)) {
    if (values[name] !== undefined) continue;
    if (option.type === "boolean") values[name] = false;
    else if (option.multiple) values[name] = [];
    else if (option.default !== undefined) values[name] = option.default;
  }
  if (values.help) {
    await toStdout(helpText(spec, common, options.failureStatus))
      .catch(() => {});
    return 0;
  }
  const skip = typeof options.positionals === "function"
    ? options.positionals(values)
    : options.positionals ?? 0;
  const positionals = parsed.positionals.slice(0, skip);
  const inputs = parsed.positionals.slice(skip);
  if (positionals.length < skip) {
    await toStderr(
      `${spec.name}: missing argument: usage: ${spec.name} ${spec.usage}\nTry '${spec.name} --help'.\n`,
    );
    return 2;
  }
  if (inputs.length === 0) inputs.push("-");
  // Globs given quoted (the shell expands the others) and, with -r,
  // directories become their files here, so that each command sees the
  // files one by one, in the order they are read.
  try {
    inputs.splice(
      0,
      inputs.length,
      ...await listInputs(inputs, { recursive: values.recursive === true }),
    );
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    await toStderr(`${spec.name}: ${error.message}\n`);
    return options.failureStatus ?? 1;
  }
  if (values.output === "") {
    await toStderr(
      `${spec.name}: --output needs a file name (or - for standard output)\nTry '${spec.name} --help'.\n`,
    );
    return 2;
  }
  let readOptions: ScriptContext["readOptions"];
  let shard: ScriptContext["shard"];
  try {
    readOptions = lineOptions(values);
    if (typeof values.shard === "string") {
      shard = parseShard(values.shard);
      // Every input must be a file (or URL) that can be divided: said now,
      // not after a partial run.
      try {
        // Loaded only for --shard, as readLines loads it for a shard.
        const { shardInputs } = await import("../io/shard_inputs.ts");
        await shardInputs(inputs, 0, 1);
      } catch (error) {
        if (error instanceof TypeError) {
          throw new UsageError(`--shard: ${error.message}`);
        }
        // A missing file, or a URL that cannot be asked for its size.
        if (
          !(error instanceof Deno.errors.NotFound ||
            error instanceof Deno.errors.Http ||
            error instanceof Deno.errors.TimedOut)
        ) throw error;
        await toStderr(`${spec.name}: ${error.message}\n`);
        return options.failureStatus ?? 1;
      }
      readOptions.shard = shard;
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await toStderr(
      `${spec.name}: ${error.message}\nTry '${spec.name} --help'.\n`,
    );
    return 2;
  }

  if (values["merge-by-time"] === true) {
    // Loaded only then: it reads times, and so lib/parse/'s time module.
    const { lineTime, referenceOf } = await import("./_line_time.ts");
    readOptions.mergeBy = lineTime(await referenceOf(inputs));
  }

  const controller = new AbortController();
  // Showing memory is worth node:v8's few MiB: the heap split by space.
  const summary = new Summary({
    heapSpaces: values.summary === true ||
      values["summary-json"] !== undefined ||
      values["summary-html"] !== undefined,
  });
  // The signal that stopped the run, if one did: Ctrl-C, or what timeout,
  // systemd, Docker, Kubernetes and a dropped ssh session send. Each ends
  // the run the same way: aborted, temporary output and spill removed.
  let interrupted: typeof STOP_SIGNALS[number] | undefined;
  // A second signal while something is blocked: stop waiting for the body.
  const givenUp = Promise.withResolvers<never>();
  givenUp.promise.catch(() => {});
  const listeners = STOP_SIGNALS.map((signal) => {
    const listener = () => {
      if (interrupted !== undefined) {
        givenUp.reject(controller.signal.reason);
        return;
      }
      interrupted = signal;
      controller.abort(
        new DOMException(
          signal === "SIGINT" ? "Interrupted" : `Stopped by ${signal}`,
          "AbortError",
        ),
      );
    };
    Deno.addSignalListener(signal, listener);
    return [signal, listener] as const;
  });

  const showProgress = !values["no-progress"] &&
    (values.progress === true || Deno.stderr.isTerminal());
  const total = showProgress ? await totalBytes(inputs) : undefined;
  // On a terminal, drawn in place and cleared around output; to a file or
  // pipe, plain lines.
  const progress = showProgress
    ? new ProgressLine(
      () => renderProgress(summary, total),
      Deno.stderr.isTerminal(),
    )
    : undefined;
  // Output on the terminal the progress line is drawn on: never on it.
  const sharedTerminal = progress !== undefined &&
    Deno.stderr.isTerminal() && Deno.stdout.isTerminal();
  const output = typeof values.output === "string" ? values.output : "-";

  const ctx: ScriptContext<O> = {
    readOptions,
    shard,
    optionOrder: parsed.order,
    writeOptions: sharedTerminal && output === "-"
      ? { atomic: values["in-place"] !== true, aroundWrite: clearedFor }
      : { atomic: values["in-place"] !== true },
    positionals,
    inputs,
    output,
    values: values as ScriptContext<O>["values"],
    signal: controller.signal,
    summary,
    pipelineOptions: { signal: controller.signal, summary },
    usageError(message: string): never {
      throw new UsageError(message);
    },
  };

  let status = 1;
  let usage = false;
  try {
    const result = await Promise.race([body(ctx), givenUp.promise]);
    status = typeof result === "number" ? result : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      usage = true;
      status = 2;
      await toStderr(
        `${spec.name}: ${error.message}\nTry '${spec.name} --help'.\n`,
      );
    } else if (interrupted !== undefined) {
      status = 128 + SIGNAL_NUMBERS[interrupted];
      // One line, not the AbortError's trace: the signal was the cause.
      await toStderr(
        `${spec.name}: ${
          interrupted === "SIGINT" ? "interrupted" : `stopped by ${interrupted}`
        }\n`,
      );
    } else if (isBrokenPipe(error)) {
      status = 0;
    } else {
      status = options.failureStatus ?? 1;
      let shown = (error instanceof StageError
        ? stageMessage(error)
        : error instanceof Error
        ? error.message
        : String(error))
        // The library's advice, in the command line's words.
        .replace(
          /raise maxLineBytes or set onLongLine to "split" or "skip"$/,
          "use --max-line-bytes SIZE, or --long-lines split or skip",
        )
        .replace(
          /\(not atomic: atomic: false, or (--in-place) on the command line\)/,
          "($1)",
        );
      shown = grantAdvice(shown);
      await toStderr(`${spec.name}: ${shown}\n`);
      if (values.debug && error instanceof Error) {
        await toStderr(`${error.stack ?? ""}\n`);
        for (const cause of causes(error).slice(1)) {
          await toStderr(
            `Caused by: ${(cause as Error).stack ?? String(cause)}\n`,
          );
        }
      }
    }
  } finally {
    for (const [signal, listener] of listeners) {
      Deno.removeSignalListener(signal, listener);
    }
    // The final figures on a line of their own, before anything else is
    // said; cleared instead where they would come after the output on the
    // same terminal.
    progress?.end(!usage && !sharedTerminal);
  }
  // A usage error ran nothing: no summary to show.
  if (usage) return status;
  if (values.summary) await toStderr(summary.format() + "\n");
  if (typeof values["summary-json"] === "string") {
    try {
      await Deno.writeTextFile(
        values["summary-json"],
        JSON.stringify(summary, null, 2) + "\n",
      );
    } catch (error) {
      await toStderr(
        `${spec.name}: cannot write the summary to "${
          values["summary-json"]
        }": ${grantAdvice((error as Error).message)}\n`,
      );
      if (status === 0) status = 1;
    }
  }
  if (typeof values["summary-html"] === "string") {
    try {
      await writeAtomically(values["summary-html"], summary.toHTML());
    } catch (error) {
      await toStderr(
        `${spec.name}: cannot write the summary page to "${
          values["summary-html"]
        }": ${(error as Error).message}\n`,
      );
      if (status === 0) status = 1;
    }
  }
  return status;
}

/**
 * Writes `text` to a temporary file next to `path` and renames it over
 * `path`: a reader never sees half a page.
 */
async function writeAtomically(path: string, text: string): Promise<void> {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const dir = slash === -1 ? "" : path.slice(0, slash + 1);
  const temp = `${dir}.${path.slice(slash + 1)}.${Deno.pid}-${
    crypto.randomUUID().slice(0, 8)
  }.tmp`;
  try {
    await Deno.writeTextFile(temp, text);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotCapable)) throw error;
    throw new Deno.errors.NotCapable(
      `it is written atomically through a temporary file beside it, so it needs write access to its directory: grant --allow-write=${
        dir === "" ? "." : dir.slice(0, -1) || "/"
      }`,
      { cause: error },
    );
  }
  try {
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
