// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  isBrokenPipe,
  toStderr,
  toStdout
} from "./chunk-AJRTXXC2.js";
import {
  deadLetter
} from "./chunk-G2M2G3YN.js";
import {
  pipeline
} from "./chunk-X2CPFFEF.js";
import {
  writeLines
} from "./chunk-NSMWYBW2.js";
import {
  formatBytes,
  parseBytes
} from "./chunk-4W7FL7Y6.js";

// lib/cli/commands/_options.ts
async function writeShort(ctx, lines, options = ctx.writeOptions) {
  if (ctx.output !== "-") {
    await pipeline(lines, writeLines(ctx.output, options));
  } else if (lines.length > 0) {
    try {
      await toStdout(lines.join("\n") + "\n");
    } catch (error) {
      if (isBrokenPipe(error)) return;
      throw namingStdout(error);
    }
  }
}
function namingStdout(error) {
  if (!(error instanceof Error)) return error;
  const Ctor = error.constructor;
  try {
    const named = new Ctor(`Cannot write standard output: ${error.message}`, {
      cause: error
    });
    named.name = error.name;
    return named;
  } catch {
    return error;
  }
}
function integer(ctx, name, min = 0) {
  const text = ctx.values[name];
  const n = typeof text === "string" && /^\d+$/.test(text) ? Number(text) : NaN;
  if (typeof text !== "string" || !Number.isSafeInteger(n) || n < min) {
    ctx.usageError(`--${name} must be an integer of at least ${min}, got ${text === void 0 ? "nothing" : `"${text}"`}`);
  }
  return n;
}
function errorOptions(ctx) {
  const given = ctx.values["on-error"];
  const file = ctx.values["dead-letter"];
  if (given !== void 0 && given !== "skip" && given !== "fail") {
    ctx.usageError(`--on-error must be "skip" or "fail", got "${given}"`);
  }
  if (given === "fail" && file !== void 0) {
    ctx.usageError("--dead-letter needs --on-error skip (or no --on-error)");
  }
  const onError = typeof file === "string" ? deadLetter(file) : given === "skip" ? "skip" : "fail";
  if (ctx.values["max-errors"] === void 0) return {
    onError
  };
  if (onError === "fail") {
    ctx.usageError("--max-errors needs --on-error skip or --dead-letter");
  }
  return {
    onError,
    maxErrors: integer(ctx, "max-errors", 1)
  };
}
var ERROR_OPTIONS = {
  "on-error": {
    type: "string",
    description: "what to do with a line that cannot be read or parsed: fail (default) or skip (counted; see --summary)",
    valueName: "fail|skip"
  },
  "dead-letter": {
    type: "string",
    description: "skip such lines and write them, with their error, path and line number, to FILE as JSON lines (atomically)",
    valueName: "FILE"
  },
  "max-errors": {
    type: "string",
    description: "stop after N such lines",
    valueName: "N"
  }
};
async function reportSkipped(name, summary) {
  const failed = summary.stages.filter((s) => s.errors > 0);
  const n = failed.reduce((sum, s) => sum + s.errors, 0);
  if (n === 0) return;
  await toStderr(`${name}: ${n} line${n === 1 ? "" : "s"} skipped; the first: ${failed[0].firstErrors[0]}
`);
}
var SPILL_OPTIONS = {
  budget: {
    type: "string",
    description: "memory budget: bytes, or e.g. 64MB (10^6), 64MiB or 64M (2^20); at least 1MiB, default 64MiB",
    valueName: "SIZE"
  },
  "temp-dir": {
    type: "string",
    short: "T",
    description: "where to keep temporary files (default $TMPDIR or /tmp)",
    valueName: "DIR"
  }
};
var KEY_OPTIONS = {
  key: {
    type: "string",
    short: "k",
    description: "the key is this field: of logfmt or JSON lines, or of --format's records (missing: empty)",
    valueName: "FIELD"
  },
  word: {
    type: "string",
    short: "w",
    description: "the key is the N-th word (from 1), words split on runs of blanks as awk (changed: was each single space)",
    valueName: "N"
  }
};
var MIN_BUDGET = 1024 * 1024;
function leastBudget() {
  const name = "SLUICE_TEST_MIN_BUDGET";
  const granted = Deno.permissions.querySync({
    name: "env",
    variable: name
  }).state === "granted";
  const given = granted ? Number(Deno.env.get(name)) : NaN;
  return Number.isSafeInteger(given) && given > 0 ? given : MIN_BUDGET;
}
function sizeText(bytes) {
  const MiB = 1024 * 1024;
  return bytes % MiB === 0 ? `${bytes / MiB}MiB` : `${bytes} bytes`;
}
async function checkBudget(ctx) {
  const text = ctx.values.budget;
  if (typeof text !== "string") return;
  const bytes = Math.floor(parseBytes(text));
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    ctx.usageError(`--budget must be a size such as 65536, 64MB (10^6) or 64MiB (2^20), got "${text}"`);
  }
  const least = leastBudget();
  if (bytes < least) {
    ctx.usageError(`--budget must be at least ${sizeText(least)} (room for the longest line and for a merge's blocks), got "${text}"`);
  }
  const { getHeapStatistics } = await import("node:v8");
  const most = getHeapStatistics().heap_size_limit;
  if (bytes > most) {
    ctx.usageError(`--budget must be at most ${formatBytes(most)}, the JavaScript heap's limit here (deno run --v8-flags=--max-old-space-size=MIB raises it), got "${text}"`);
  }
}
function spillOptions(ctx) {
  const out = {};
  if (typeof ctx.values.budget === "string") out.budget = ctx.values.budget;
  if (typeof ctx.values["temp-dir"] === "string") {
    out.tempDir = ctx.values["temp-dir"];
  }
  return out;
}
function stageOrUsage(ctx, make) {
  try {
    return make();
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      ctx.usageError(error.message.replace(/^Cannot create \w+ stage: /, ""));
    }
    throw error;
  }
}
function names(ctx, option) {
  const text = ctx.values[option];
  if (typeof text !== "string") return [];
  const list = text.split(",").map((k) => k.trim()).filter((k) => k !== "");
  if (list.length === 0) ctx.usageError(`--${option} names no field`);
  return list;
}
function runStages(source, stages, sink, options) {
  return pipeline(source, ...stages.filter((s) => s !== void 0), sink, options);
}
function keepBytes(ctx, mark = false) {
  const binary = [];
  return {
    read: {
      ...ctx.readOptions,
      lossless: true,
      markUnterminated: mark,
      onBinary: (path) => void binary.push(path === void 0 || path === "-" ? "(standard input)" : path)
    },
    write: {
      ...ctx.writeOptions,
      lossless: true
    },
    binary
  };
}
async function reportBinary(name, binary, what = "binary file, its lines written as they are") {
  for (const path of new Set(binary)) {
    await toStderr(`${name}: ${path}: ${what}
`);
  }
}
function lineText(line) {
  let end = line.length;
  if (line.charCodeAt(end - 1) === 56330) end--;
  if (line.charCodeAt(end - 1) === 13) end--;
  return end === line.length ? line : line.slice(0, end);
}
function pipeStages(source, stages, options) {
  return pipeline(source, ...stages.filter((s) => s !== void 0), options);
}
async function formatReaders(ctx, byTime = false) {
  return byTime || ctx.values.format !== void 0 || ctx.values.columns !== void 0 ? await import("./_format-P3VU5SQP.js") : void 0;
}

export {
  writeShort,
  integer,
  errorOptions,
  ERROR_OPTIONS,
  reportSkipped,
  SPILL_OPTIONS,
  KEY_OPTIONS,
  checkBudget,
  spillOptions,
  stageOrUsage,
  names,
  runStages,
  keepBytes,
  reportBinary,
  lineText,
  pipeStages,
  formatReaders
};
