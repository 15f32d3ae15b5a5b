// Copyright 2026 the sluice authors. MIT license.
// `grep -A N`, `-B N` and `-C N`: the selected lines with the lines around
// them, as GNU grep prints them. Loaded only when one of them is given.

import { readLines } from "../io/read_lines.ts";
import { writeLines } from "../io/write_lines.ts";
import { pipeline } from "../core/pipeline.ts";
import { grep } from "../stages/grep.ts";
import type { ScriptContext } from "./script.ts";
import {
  type KeptBytes,
  pipeStages,
  reportBinary,
  runStages,
} from "./commands/_options.ts";
import { readableOrSaid } from "./commands/_unreadable.ts";

/** What `grep` with context lines was asked for. */
export interface ContextSettings {
  /** One literal or several, or a RegExp (-w, -x, or the user's own). */
  pattern: string | string[] | RegExp;
  /** Whether the RegExp is the user's: then matched in a worker. */
  userRegex: boolean;
  invert: boolean;
  ignoreCase: boolean;
  /** Lines before each selected line (-B) and after it (-A). */
  before: number;
  after: number;
  /** What stands between groups apart; false for nothing. */
  separator: string | false;
  /** Selected lines per file at most (-m); undefined for no limit. */
  maxCount: number | undefined;
  withName: boolean;
  lineNumber: boolean;
  kept: KeptBytes;
  /** Whether a line of the file at `path` is selected (for a binary one). */
  anyMatch: (path: string) => Promise<boolean>;
}

/**
 * Writes each input's selected lines with up to `before` lines before and
 * `after` lines after each, as GNU grep does, through the grep stage's
 * `before` and `after`: a selected line's prefixes end with ":", a context
 * line's with "-", and the separator ("--" unless asked otherwise) stands
 * between groups that do not touch, within a file and from one file to the
 * next. With -m, the lines after the last
 * selected one are context, matching or not, and the file is read no
 * further. Returns the exit status: 0 when a line was selected, 1 when none
 * was, 2 when an input could not be read.
 *
 * Memory: a chunk, and the `before` lines last read (and, with an
 * expression matched in a worker, the chunk's copy there).
 */
export async function grepContext(
  ctx: ScriptContext,
  settings: ContextSettings,
): Promise<number> {
  const { before, after, withName, lineNumber, kept } = settings;
  const silent = ctx.values["no-messages"] === true;
  const inputs: string[] = [];
  let trouble = false;
  for (const input of ctx.inputs) {
    if (await readableOrSaid("sluice grep", input, silent)) inputs.push(input);
    else trouble = true;
  }
  if (inputs.length === 0) return 2;
  const stage = (maxCount: number | undefined) =>
    grep(settings.pattern, {
      invert: settings.invert,
      ignoreCase: settings.ignoreCase,
      before,
      after,
      separator: settings.separator,
      fileName: withName,
      lineNumber,
      worker: settings.userRegex,
      ...(maxCount === undefined ? {} : { maxCount }),
    });
  const nameOf = (input: string) => input === "-" ? "(standard input)" : input;

  // All inputs as one run from the reader to the writer, the lines written
  // chunk by chunk (`grep -C2 status=503` over two halves of the 256 MiB
  // bench corpus: 0.91 s and 94.3 MiB with the lines gathered one by one
  // from a run per file, as -m with several files still is below; 0.70 s
  // and 66.6 MiB so; 3 rounds in turns). Only selected lines bring others,
  // so the lines written tell whether one was.
  if (settings.maxCount === undefined || inputs.length === 1) {
    await runStages(
      readLines(inputs, kept.read),
      [stage(settings.maxCount)],
      writeLines(ctx.output, kept.write),
      ctx.pipelineOptions,
    );
    const selected = ctx.summary.stages.at(-1)!.itemsIn > 0;
    const matching: string[] = [];
    for (const path of new Set(kept.binary)) {
      if (
        selected &&
        (inputs.length === 1 || path === "(standard input)" ||
          await settings.anyMatch(path))
      ) matching.push(path);
    }
    await reportBinary("sluice grep", matching, "binary file matches");
    return trouble ? 2 : selected ? 0 : 1;
  }

  // -m with several files: each file's run stops at its own limit; the
  // separator between files is put here.
  let written = false;
  const matchedBinary: string[] = [];
  async function* results(): AsyncGenerator<string> {
    for (const input of inputs) {
      let binary = false;
      let first = true;
      const lines = readLines(input, {
        ...kept.read,
        onBinary: () => void (binary = true),
      });
      for await (
        const out of pipeStages(
          lines,
          [stage(settings.maxCount)],
          ctx.pipelineOptions,
        )
      ) {
        if (first) {
          if (written && settings.separator !== false) {
            yield settings.separator;
          }
          first = false;
          written = true;
        }
        yield out as string;
      }
      if (binary && !first) matchedBinary.push(nameOf(input));
    }
  }
  await pipeline(
    results(),
    writeLines(ctx.output, kept.write),
    ctx.pipelineOptions,
  );
  await reportBinary("sluice grep", matchedBinary, "binary file matches");
  return trouble ? 2 : written ? 0 : 1;
}
