// Copyright 2026 the sluice authors. MIT license.
// --partial FILE: a shard's partial result, for `sluice merge`.

import type { Sink } from "../../core/types.ts";
import { writeLines } from "../../io/write_lines.ts";
import type { ScriptContext } from "../script.ts";

export const PARTIAL_OPTIONS = {
  partial: {
    type: "string",
    description:
      "write this run's partial result to FILE (atomically) instead of the output, for 'sluice merge' (with --shard: of this shard)",
    valueName: "FILE",
  },
} as const;

/** Options that do not change a command's answer, left out of a partial's. */
const NOT_SHAPING = new Set([
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
  "dead-letter",
]);

/** The path of `--partial`, checked, or undefined without it. */
export function partialPath(ctx: ScriptContext): string | undefined {
  const path = ctx.values.partial;
  if (path === undefined) return undefined;
  if (typeof path !== "string" || path === "" || path === "-") {
    ctx.usageError("--partial needs a file name");
  }
  if (ctx.values.output !== undefined) {
    ctx.usageError(
      "give --output or --partial, not both: 'sluice merge --output FILE' writes the output of the partials",
    );
  }
  return path;
}

/**
 * The size of a file, or of a plain-text URL as its shards divide it (so
 * that merge refuses shards that saw it at different sizes); `null` when
 * not known.
 */
async function sizeOf(name: string): Promise<number | null> {
  if (/^https?:\/\//i.test(name)) {
    const { shardInputs } = await import("../../io/shard_inputs.ts");
    const [part] = await shardInputs(name, 0, 1);
    return typeof part === "object" ? part.end : null;
  }
  return await Deno.stat(name).then(
    (info) => info.isFile ? info.size : null,
    () => null,
  );
}

/**
 * The sink that writes the partial of `command` to `path`: its header names
 * the options that shape the answer (with `plan`, what merge needs that
 * they do not say), the shard, and every input's name and size.
 */
export async function partialSink(
  ctx: ScriptContext,
  path: string,
  command: string,
  plan: Record<string, unknown> = {},
): Promise<Sink<unknown>> {
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(ctx.values).sort()) {
    const value = ctx.values[name];
    if (NOT_SHAPING.has(name) || value === undefined || value === false) {
      continue;
    }
    values[name] = value;
  }
  // Operands that are not inputs shape the answer too (grep's PATTERN).
  if (ctx.positionals.length > 0) values.operands = ctx.positionals;
  const inputs = await Promise.all(ctx.inputs.map(async (name) => ({
    name,
    size: name === "-" ? null : await sizeOf(name),
  })));
  // Loaded only with --partial.
  const { writePartial } = await import("../../shard/partial_file.ts");
  return writePartial(path, {
    command,
    options: { ...values, ...plan },
    shard: ctx.shard ?? { index: 0, count: 1 },
    inputs,
  });
}

/** Lines one at a time: a mapped item may be several (a CSV header and row). */
async function* flat(
  items: AsyncIterable<string | readonly string[]>,
): AsyncGenerator<string> {
  for await (const item of items) {
    if (typeof item === "string") yield item;
    else yield* item;
  }
}

/**
 * Where a command whose output concatenates writes its lines: the output,
 * or with `--partial` a partial holding the lines, for `merge` to join.
 */
export async function linesOut(
  ctx: ScriptContext,
  command: string,
): Promise<Sink<string | readonly string[]>> {
  const path = partialPath(ctx);
  // Lines read losslessly are written back so (see keepBytes).
  if (path === undefined) {
    return writeLines(ctx.output, { ...ctx.writeOptions, lossless: true });
  }
  const sink = await partialSink(ctx, path, command);
  return (items) => sink(flat(items));
}
