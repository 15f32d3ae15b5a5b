// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  ProgressLine,
  causes,
  clearedFor,
  closestOption,
  grantAdvice,
  helpText,
  isBrokenPipe,
  renderProgress,
  toStderr,
  toStdout
} from "./chunk-AJRTXXC2.js";
import {
  listInputs
} from "./chunk-EFLJ7DJH.js";
import {
  Summary
} from "./chunk-NNJCSJBK.js";
import {
  parseBytes
} from "./chunk-4W7FL7Y6.js";
import {
  StageError,
  UsageError
} from "./chunk-LHRNZXWF.js";

// lib/cli/_args.ts
function parseArguments(args, options) {
  const byShort = /* @__PURE__ */ new Map();
  let digits;
  for (const [name, o] of Object.entries(options)) {
    if (o.short !== void 0) byShort.set(o.short, name);
    if (o.digits === true) digits = name;
  }
  const values = {};
  const positionals = [];
  const order = [];
  const set = (name, value) => {
    if (options[name].multiple) {
      const list = values[name];
      if (Array.isArray(list)) list.push(value);
      else values[name] = [
        value
      ];
    } else {
      values[name] = value;
    }
    order.push(name);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const option = Object.hasOwn(options, name) ? options[name] : void 0;
      if (option === void 0) {
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
        set(name, args[++i]);
      } else {
        throw new UsageError(`option '--${name}' requires an argument`);
      }
      continue;
    }
    if (arg.length < 2 || arg[0] !== "-") {
      positionals.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j];
      if (digits !== void 0 && letter >= "0" && letter <= "9") {
        let end = j + 1;
        while (end < arg.length && arg[end] >= "0" && arg[end] <= "9") end++;
        set(digits, arg.slice(j, end));
        j = end - 1;
        continue;
      }
      const name = byShort.get(letter) ?? (Object.hasOwn(options, letter) ? letter : void 0);
      if (name === void 0) {
        throw new UsageError(`unknown option -${letter}`);
      }
      if (options[name].type === "boolean") {
        values[name] = true;
        order.push(name);
        continue;
      }
      if (j + 1 < arg.length) {
        set(name, arg.slice(j + 1));
      } else if (i + 1 < args.length) {
        set(name, args[++i]);
      } else {
        throw new UsageError(`option requires an argument -- '${letter}'`);
      }
      break;
    }
  }
  return {
    values,
    positionals,
    order
  };
}

// lib/cli/_shard.ts
var SHARD_VARIABLES = [
  "JOB_COMPLETION_INDEX",
  "SLURM_ARRAY_TASK_ID"
];
function variable(name) {
  try {
    return Deno.env.get(name);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      throw new UsageError(`--shard env/N reads ${SHARD_VARIABLES.join(" or ")}: allow it with --allow-env=${SHARD_VARIABLES.join(",")}`);
    }
    throw error;
  }
}
function parseShard(text) {
  const m = /^(\d+|env)\/(\d+)$/.exec(text);
  const count = m === null ? NaN : Number(m[2]);
  if (m === null || !Number.isSafeInteger(count) || count < 1) {
    throw new UsageError(`--shard must be K/N (shard K of N, K from 0) or env/N, got "${text}"`);
  }
  let given = m[1];
  let from = "";
  if (given === "env") {
    const found = SHARD_VARIABLES.map((name) => [
      name,
      variable(name)
    ]).find(([, value]) => value !== void 0 && value !== "");
    if (found === void 0) {
      throw new UsageError(`--shard env/${count} needs ${SHARD_VARIABLES.join(" or ")} set (a Kubernetes Indexed Job or a Slurm job array sets it)`);
    }
    from = ` (from ${found[0]})`;
    given = found[1];
  }
  const index = /^\d+$/.test(given) ? Number(given) : NaN;
  if (!Number.isSafeInteger(index) || index >= count) {
    throw new UsageError(`--shard: the shard must be an integer from 0 to ${count - 1}, got "${given}"${from}`);
  }
  return {
    index,
    count
  };
}

// lib/cli/_run_script.ts
var COMMON = {
  output: {
    type: "string",
    description: "write to FILE (atomically) instead of standard output (changed: was also -o)",
    valueName: "FILE"
  },
  "in-place": {
    type: "boolean",
    description: "with --output, write FILE in place, not atomically (for a file with hard links or of another user, or in a directory you cannot write)"
  },
  summary: {
    type: "boolean",
    description: "print the per-stage memory summary to standard error"
  },
  "summary-json": {
    type: "string",
    description: "write the summary as JSON to FILE",
    valueName: "FILE"
  },
  "summary-html": {
    type: "string",
    description: "write the summary as a self-contained HTML page (memory chart) to FILE",
    valueName: "FILE"
  },
  progress: {
    type: "boolean",
    description: "show progress on standard error even when it is not a terminal (then as plain lines, one a second)"
  },
  shard: {
    type: "string",
    description: "read only shard K of N of the inputs (K from 0; env/N: K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID), plain files and URLs in byte ranges cut at line boundaries (a URL with Range requests), compressed ones whole",
    valueName: "K/N"
  },
  "max-line-bytes": {
    type: "string",
    description: "the longest line read, in bytes (e.g. 4MiB; default 1MiB); see --long-lines",
    valueName: "SIZE"
  },
  "long-lines": {
    type: "string",
    description: "what to do with a longer line: error (default), split (into pieces) or skip (counted in --summary)",
    valueName: "WHAT"
  },
  "merge-by-time": {
    type: "boolean",
    description: "merge the inputs (each in time order) into one stream in time order, by the time each line starts with or carries; a line without one stays with the line before it"
  },
  recursive: {
    type: "boolean",
    short: "r",
    description: "read the files under each directory given (rotated sets oldest first)"
  },
  "no-progress": {
    type: "boolean",
    description: "show no progress (changed: was -q, --quiet)"
  },
  debug: {
    type: "boolean",
    description: "print stack traces of errors"
  },
  help: {
    type: "boolean",
    description: "show this help (changed: -h is no longer short for it)"
  }
};
var RETIRED = {
  "-o": "-o is no longer the output file; use --output FILE",
  "-h": "-h is no longer short for --help; use --help",
  "-q": "-q no longer means no progress; use --no-progress",
  "--quiet": "--quiet no longer means no progress; use --no-progress"
};
function stageMessage(error) {
  const cause = error.cause;
  const detail = cause instanceof StageError ? stageMessage(cause) : cause instanceof Error ? cause.message : String(cause);
  if (error.line === void 0) return detail;
  const where = error.path !== void 0 ? `line ${error.line} of "${error.path}"` : error.message.includes(` at item ${error.line}:`) ? `item ${error.line}` : `line ${error.line}`;
  return error.path !== void 0 && detail.includes(`"${error.path}"`) ? detail : `${detail} (at ${where})`;
}
function lineOptions(values) {
  const out = {};
  const max = values["max-line-bytes"];
  if (typeof max === "string") {
    const bytes = Math.floor(parseBytes(max));
    if (!Number.isSafeInteger(bytes) || bytes < 1) {
      throw new UsageError(`--max-line-bytes must be a size such as 65536, 4MiB or 4MB, got "${max}"`);
    }
    out.maxLineBytes = bytes;
  }
  const long = values["long-lines"];
  if (typeof long === "string") {
    if (long !== "error" && long !== "split" && long !== "skip") {
      throw new UsageError(`--long-lines must be error, split or skip, got "${long}"`);
    }
    out.onLongLine = long;
  }
  return out;
}
var STOP_SIGNALS = [
  "SIGINT",
  "SIGTERM",
  "SIGHUP"
];
var SIGNAL_NUMBERS = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGTERM: 15
};
function commonOptions(spec) {
  let common = Object.fromEntries(Object.entries(COMMON).filter(([name]) => !Object.hasOwn(spec.options ?? {}, name)));
  if (spec.output === false) {
    const { output: _o, "in-place": _i, ...rest } = common;
    common = rest;
  }
  if (spec.shard === false) {
    const { shard: _s, ...rest } = common;
    common = rest;
  }
  const own = Object.values(spec.options ?? {}).some((o) => o.short === "r");
  if (own && common.recursive !== void 0) {
    const { short: _r, ...recursive } = common.recursive;
    common = {
      ...common,
      recursive
    };
  }
  return common;
}
async function totalBytes(inputs) {
  let total = 0;
  for (const input of inputs) {
    if (input === "-") return void 0;
    try {
      const info = await Deno.stat(input);
      if (!info.isFile) return void 0;
      total += info.size;
    } catch {
      return void 0;
    }
  }
  return total;
}
async function runScriptNow(spec, body, options = {}) {
  const common = commonOptions(spec);
  const all = {
    ...spec.options,
    ...common
  };
  let parsed;
  try {
    parsed = parseArguments(options.args ?? Deno.args, all);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const unknown = /^unknown option (\S+)$/.exec(error.message);
    const retired = unknown === null || unknown[1] === "-o" && spec.output === false ? void 0 : RETIRED[unknown[1]];
    const close = unknown === null || retired !== void 0 ? void 0 : closestOption(unknown[1], all);
    const shown = retired ?? (close === void 0 ? error.message : `${error.message}; did you mean ${close}?`);
    await toStderr(`${spec.name}: ${shown}
Try '${spec.name} --help'.
`);
    return 2;
  }
  const values = parsed.values;
  for (const [name, option] of Object.entries(all)) {
    if (values[name] !== void 0) continue;
    if (option.type === "boolean") values[name] = false;
    else if (option.multiple) values[name] = [];
    else if (option.default !== void 0) values[name] = option.default;
  }
  if (values.help) {
    await toStdout(helpText(spec, common, options.failureStatus)).catch(() => {
    });
    return 0;
  }
  const skip = typeof options.positionals === "function" ? options.positionals(values) : options.positionals ?? 0;
  const positionals = parsed.positionals.slice(0, skip);
  const inputs = parsed.positionals.slice(skip);
  if (positionals.length < skip) {
    await toStderr(`${spec.name}: missing argument: usage: ${spec.name} ${spec.usage}
Try '${spec.name} --help'.
`);
    return 2;
  }
  if (inputs.length === 0) inputs.push("-");
  try {
    inputs.splice(0, inputs.length, ...await listInputs(inputs, {
      recursive: values.recursive === true
    }));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    await toStderr(`${spec.name}: ${error.message}
`);
    return options.failureStatus ?? 1;
  }
  if (values.output === "") {
    await toStderr(`${spec.name}: --output needs a file name (or - for standard output)
Try '${spec.name} --help'.
`);
    return 2;
  }
  let readOptions;
  let shard;
  try {
    readOptions = lineOptions(values);
    if (typeof values.shard === "string") {
      shard = parseShard(values.shard);
      try {
        const { shardInputs } = await import("./shard_inputs-3AVHUSYK.js");
        await shardInputs(inputs, 0, 1);
      } catch (error) {
        if (error instanceof TypeError) {
          throw new UsageError(`--shard: ${error.message}`);
        }
        if (!(error instanceof Deno.errors.NotFound || error instanceof Deno.errors.Http || error instanceof Deno.errors.TimedOut)) throw error;
        await toStderr(`${spec.name}: ${error.message}
`);
        return options.failureStatus ?? 1;
      }
      readOptions.shard = shard;
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await toStderr(`${spec.name}: ${error.message}
Try '${spec.name} --help'.
`);
    return 2;
  }
  if (values["merge-by-time"] === true) {
    const { lineTime, referenceOf } = await import("./_line_time-2OYNDNHL.js");
    readOptions.mergeBy = lineTime(await referenceOf(inputs));
  }
  const controller = new AbortController();
  const summary = new Summary({
    heapSpaces: values.summary === true || values["summary-json"] !== void 0 || values["summary-html"] !== void 0
  });
  let interrupted;
  const givenUp = Promise.withResolvers();
  givenUp.promise.catch(() => {
  });
  const listeners = STOP_SIGNALS.map((signal) => {
    const listener = () => {
      if (interrupted !== void 0) {
        givenUp.reject(controller.signal.reason);
        return;
      }
      interrupted = signal;
      controller.abort(new DOMException(signal === "SIGINT" ? "Interrupted" : `Stopped by ${signal}`, "AbortError"));
    };
    Deno.addSignalListener(signal, listener);
    return [
      signal,
      listener
    ];
  });
  const showProgress = !values["no-progress"] && (values.progress === true || Deno.stderr.isTerminal());
  const total = showProgress ? await totalBytes(inputs) : void 0;
  const progress = showProgress ? new ProgressLine(() => renderProgress(summary, total), Deno.stderr.isTerminal()) : void 0;
  const sharedTerminal = progress !== void 0 && Deno.stderr.isTerminal() && Deno.stdout.isTerminal();
  const output = typeof values.output === "string" ? values.output : "-";
  const ctx = {
    readOptions,
    shard,
    optionOrder: parsed.order,
    writeOptions: sharedTerminal && output === "-" ? {
      atomic: values["in-place"] !== true,
      aroundWrite: clearedFor
    } : {
      atomic: values["in-place"] !== true
    },
    positionals,
    inputs,
    output,
    values,
    signal: controller.signal,
    summary,
    pipelineOptions: {
      signal: controller.signal,
      summary
    },
    usageError(message) {
      throw new UsageError(message);
    }
  };
  let status = 1;
  let usage = false;
  try {
    const result = await Promise.race([
      body(ctx),
      givenUp.promise
    ]);
    status = typeof result === "number" ? result : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      usage = true;
      status = 2;
      await toStderr(`${spec.name}: ${error.message}
Try '${spec.name} --help'.
`);
    } else if (interrupted !== void 0) {
      status = 128 + SIGNAL_NUMBERS[interrupted];
      await toStderr(`${spec.name}: ${interrupted === "SIGINT" ? "interrupted" : `stopped by ${interrupted}`}
`);
    } else if (isBrokenPipe(error)) {
      status = 0;
    } else {
      status = options.failureStatus ?? 1;
      let shown = (error instanceof StageError ? stageMessage(error) : error instanceof Error ? error.message : String(error)).replace(/raise maxLineBytes or set onLongLine to "split" or "skip"$/, "use --max-line-bytes SIZE, or --long-lines split or skip").replace(/\(not atomic: atomic: false, or (--in-place) on the command line\)/, "($1)");
      shown = grantAdvice(shown);
      await toStderr(`${spec.name}: ${shown}
`);
      if (values.debug && error instanceof Error) {
        await toStderr(`${error.stack ?? ""}
`);
        for (const cause of causes(error).slice(1)) {
          await toStderr(`Caused by: ${cause.stack ?? String(cause)}
`);
        }
      }
    }
  } finally {
    for (const [signal, listener] of listeners) {
      Deno.removeSignalListener(signal, listener);
    }
    progress?.end(!usage && !sharedTerminal);
  }
  if (usage) return status;
  if (values.summary) await toStderr(summary.format() + "\n");
  if (typeof values["summary-json"] === "string") {
    try {
      await Deno.writeTextFile(values["summary-json"], JSON.stringify(summary, null, 2) + "\n");
    } catch (error) {
      await toStderr(`${spec.name}: cannot write the summary to "${values["summary-json"]}": ${grantAdvice(error.message)}
`);
      if (status === 0) status = 1;
    }
  }
  if (typeof values["summary-html"] === "string") {
    try {
      await writeAtomically(values["summary-html"], summary.toHTML());
    } catch (error) {
      await toStderr(`${spec.name}: cannot write the summary page to "${values["summary-html"]}": ${error.message}
`);
      if (status === 0) status = 1;
    }
  }
  return status;
}
async function writeAtomically(path, text) {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const dir = slash === -1 ? "" : path.slice(0, slash + 1);
  const temp = `${dir}.${path.slice(slash + 1)}.${Deno.pid}-${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    await Deno.writeTextFile(temp, text);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotCapable)) throw error;
    throw new Deno.errors.NotCapable(`it is written atomically through a temporary file beside it, so it needs write access to its directory: grant --allow-write=${dir === "" ? "." : dir.slice(0, -1) || "/"}`, {
      cause: error
    });
  }
  try {
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {
    });
    throw error;
  }
}
export {
  runScriptNow
};
