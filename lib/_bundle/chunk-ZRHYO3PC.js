// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  writeLines
} from "./chunk-NSMWYBW2.js";

// lib/cli/commands/_partial.ts
var PARTIAL_OPTIONS = {
  partial: {
    type: "string",
    description: "write this run's partial result to FILE (atomically) instead of the output, for 'sluice merge' (with --shard: of this shard)",
    valueName: "FILE"
  }
};
var NOT_SHAPING = /* @__PURE__ */ new Set([
  "output",
  "in-place",
  "summary",
  "summary-json",
  "summary-html",
  "progress",
  "no-progress",
  "quiet",
  "debug",
  "help",
  "shard",
  "partial",
  "budget",
  "temp-dir",
  "workers",
  "recursive",
  "dead-letter"
]);
function partialPath(ctx) {
  const path = ctx.values.partial;
  if (path === void 0) return void 0;
  if (typeof path !== "string" || path === "" || path === "-") {
    ctx.usageError("--partial needs a file name");
  }
  if (ctx.values.output !== void 0) {
    ctx.usageError("give --output or --partial, not both: 'sluice merge --output FILE' writes the output of the partials");
  }
  return path;
}
async function sizeOf(name) {
  if (/^https?:\/\//i.test(name)) {
    const { shardInputs } = await import("./shard_inputs-3AVHUSYK.js");
    const [part] = await shardInputs(name, 0, 1);
    return typeof part === "object" ? part.end : null;
  }
  return await Deno.stat(name).then((info) => info.isFile ? info.size : null, () => null);
}
async function partialSink(ctx, path, command, plan = {}) {
  const values = {};
  for (const name of Object.keys(ctx.values).sort()) {
    const value = ctx.values[name];
    if (NOT_SHAPING.has(name) || value === void 0 || value === false) {
      continue;
    }
    values[name] = value;
  }
  if (ctx.positionals.length > 0) values.operands = ctx.positionals;
  const inputs = await Promise.all(ctx.inputs.map(async (name) => ({
    name,
    size: name === "-" ? null : await sizeOf(name)
  })));
  const { writePartial } = await import("./partial_file-U22YYZDK.js");
  return writePartial(path, {
    command,
    options: {
      ...values,
      ...plan
    },
    shard: ctx.shard ?? {
      index: 0,
      count: 1
    },
    inputs
  });
}
async function* flat(items) {
  for await (const item of items) {
    if (typeof item === "string") yield item;
    else yield* item;
  }
}
async function linesOut(ctx, command) {
  const path = partialPath(ctx);
  if (path === void 0) {
    return writeLines(ctx.output, {
      ...ctx.writeOptions,
      lossless: true
    });
  }
  const sink = await partialSink(ctx, path, command);
  return (items) => sink(flat(items));
}

export {
  PARTIAL_OPTIONS,
  partialPath,
  partialSink,
  linesOut
};
