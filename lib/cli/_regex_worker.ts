// Copyright 2026 the sluice authors. MIT license.
// What parallel() runs in its worker for `grep --regex`: a user's regular
// expression applied to a batch of lines off the main thread, so that the
// main thread still hears Ctrl-C however long the expression backtracks
// (see _regex.ts).

import { pipeline } from "../core/pipeline.ts";
import { grep } from "../stages/grep.ts";
import type { Stage } from "../core/types.ts";

/** A batch of lines, and the expression and flags of grep to keep them by. */
export interface GrepBatch {
  /** The expression's source. */
  source: string;
  /** The expression's flags. */
  flags: string;
  /** Keep the lines that do not match. */
  invert: boolean;
  /** Match regardless of case, by grep's rule. */
  ignoreCase: boolean;
  /** The lines. */
  lines: string[];
}

// One run's expression comes with every batch: it is compiled once.
let cached: { key: string; stage: Stage<string, string> } | undefined;

/** The lines of `batch` that grep keeps, in order. */
export async function grepBatch(batch: GrepBatch): Promise<string[]> {
  const key = JSON.stringify([
    batch.source,
    batch.flags,
    batch.invert,
    batch.ignoreCase,
  ]);
  if (cached?.key !== key) {
    cached = {
      key,
      stage: grep(new RegExp(batch.source, batch.flags), {
        invert: batch.invert,
        ignoreCase: batch.ignoreCase,
      }),
    };
  }
  const kept: string[] = [];
  for await (const line of pipeline(batch.lines, cached.stage)) kept.push(line);
  return kept;
}

/**
 * The function parallel() calls on each line for `--format regex:PATTERN`:
 * the expression's named groups (`null` for one that took no part), or the
 * line itself when the expression does not match it, for the main thread
 * to report as parse does.
 */
export function regexRecords(
  source: string,
  flags: string,
): (line: string) => Record<string, string | null> | string {
  const re = new RegExp(source, flags.replace(/[gy]/g, ""));
  return (line) => {
    const groups = re.exec(line)?.groups;
    if (groups === undefined) return line;
    const out: Record<string, string | null> = {};
    for (const name in groups) out[name] = groups[name] ?? null;
    return out;
  };
}
