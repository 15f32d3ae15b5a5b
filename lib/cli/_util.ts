// Copyright 2026 the sluice authors. MIT license.
// Helpers of the command line and the script helper: help text, "did you
// mean", standard streams that never lose a write, broken pipes.

import type { ScriptOption, ScriptSpec } from "./_spec.ts";
import { clearedFor } from "./_progress.ts";

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = d[j]!;
      d[j] = Math.min(
        d[j]! + 1,
        d[j - 1]! + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = keep;
    }
  }
  return d[b.length]!;
}

/**
 * The valid option closest to `given`, for "did you mean": a long option for
 * `--name`, a short one for `-x`; undefined when none is close (at most a
 * third of the name's letters differ).
 */
export function closestOption(
  given: string,
  options: Record<string, ScriptOption>,
): string | undefined {
  const long = given.startsWith("--");
  const bare = given.replace(/^-+/, "").split("=")[0]!;
  if (!long) {
    // Any two letters are one edit apart: a short option is close only in
    // the other case (-C for -c).
    const other = bare === bare.toLowerCase()
      ? bare.toUpperCase()
      : bare.toLowerCase();
    const hit = Object.values(options).find((o) => o.short === other);
    return hit === undefined ? undefined : `-${other}`;
  }
  const best = closestName(bare, Object.keys(options));
  return best === undefined ? undefined : `--${best}`;
}

/**
 * The name of `names` closest to `given` (the first of equally close ones),
 * for "did you mean"; undefined when none is close: more than two edits
 * apart, and more than a third of `given`'s letters.
 */
export function closestName(
  given: string,
  names: readonly string[],
): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = distance(given, name);
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return bestDistance > Math.max(2, Math.floor(given.length / 3))
    ? undefined
    : best;
}

/** The help text of a script. */
export function helpText(
  spec: ScriptSpec,
  common: Record<string, ScriptOption>,
  failureStatus = 1,
): string {
  const all = { ...spec.options, ...common };
  const rows = Object.entries(all).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${
      o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : ""
    }`;
    const description = o.default === undefined
      ? o.description
      : `${o.description} (default: ${o.default})`;
    return [flag, description] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  const lines = [
    `Usage: ${spec.name} ${spec.usage}`,
    "",
    spec.description,
    "",
    "Options:",
    ...rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    "",
    "With no FILE, or when FILE is -, read standard input. FILE may be gzip or zstd",
    "(by content) or brotli (.br), a quoted glob ('logs/*.log'), a directory",
    "with -r, or an http(s) URL (with --allow-net); rotated sets are read oldest",
    "first. An output FILE ending in .gz or .zst is compressed.",
    failureStatus === 2
      ? "Exit status: 0 success, 1 nothing found, 2 runtime or usage error, 130 interrupted (143 by SIGTERM, 129 by SIGHUP)."
      : "Exit status: 0 success, 1 runtime error, 2 usage error, 130 interrupted (143 by SIGTERM, 129 by SIGHUP).",
  ];
  if (spec.examples && spec.examples.length > 0) {
    lines.push("", "Examples:", ...spec.examples.map((e) => `  ${e}`));
  }
  return lines.join("\n") + "\n";
}

const encoder = new TextEncoder();

/** Writes all of `text` to standard error, ignoring a closed stderr. */
export async function toStderr(text: string): Promise<void> {
  const bytes = encoder.encode(text);
  try {
    await clearedFor(async () => {
      for (let at = 0; at < bytes.length;) {
        at += await Deno.stderr.write(bytes.subarray(at));
      }
    }, bytes);
  } catch {
    // Nowhere left to report to.
  }
}

/** Writes all of `text` to standard output. */
export async function toStdout(text: string): Promise<void> {
  const bytes = encoder.encode(text);
  await clearedFor(async () => {
    for (let at = 0; at < bytes.length;) {
      at += await Deno.stdout.write(bytes.subarray(at));
    }
  }, bytes);
}

export function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  let e: unknown = error;
  while (e !== undefined && e !== null && out.length < 10) {
    out.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

/** Whether `error` (or one of its causes) is a broken pipe. */
export function isBrokenPipe(error: unknown): boolean {
  return causes(error).some((e) => e instanceof Deno.errors.BrokenPipe);
}

/**
 * Deno's refusal for want of a permission, said as the narrowest grant:
 * `Requires read access to "app.log", run again with the --allow-read
 * flag` becomes `needs read access to "app.log": grant
 * --allow-read=app.log`. Other messages are left as they are.
 */
export function grantAdvice(message: string): string {
  return message.replace(
    /Requires (\w+) access to "([^"]+)", run again with the (--allow-[\w-]+) flag/g,
    (_, kind: string, what: string, flag: string) =>
      `needs ${kind} access to "${what}": grant ${flag}=${what}`,
  );
}
