// Copyright 2026 the sluice authors. MIT license.
// `grep -A N`, `-B N` and `-C N`: the selected lines with the lines around
// them, as GNU grep prints them. Loaded only when one of them is given.

import { readLines } from "../io/read_lines.ts";
import { writeLines } from "../io/write_lines.ts";
import { pipeline } from "../core/pipeline.ts";
import type { Stage } from "../core/types.ts";
import { flatMap } from "../stages/flat_map.ts";
import { tap } from "../stages/tap.ts";
import { textMatcher } from "../stages/text_matcher.ts";
import type { ScriptContext } from "./script.ts";
import { canMatchInWorker, fieldTestInWorker } from "./_regex.ts";
import {
  type KeptBytes,
  pipeStages,
  reportBinary,
  runStages,
} from "./commands/_options.ts";
import { readableOrSaid } from "./commands/_unreadable.ts";

/** What `grep` with context lines was asked for. */
export interface ContextSettings {
  /** One literal, or a RegExp (of several literals, or the user's own). */
  pattern: string | RegExp;
  /** Whether the RegExp is the user's: then matched in a worker. */
  userRegex: boolean;
  invert: boolean;
  ignoreCase: boolean;
  /** Lines before each selected line (-B) and after it (-A). */
  before: number;
  after: number;
  /** Selected lines per file at most (-m); undefined for no limit. */
  maxCount: number | undefined;
  withName: boolean;
  lineNumber: boolean;
  kept: KeptBytes;
}

/** Where GNU grep separates groups of lines that do not touch. */
const SEPARATOR = "--";

/** What a file's step hands on once it needs no more of the file (-m). */
const DONE: unique symbol = Symbol("done");

/**
 * Writes each input's selected lines with up to `before` lines before and
 * `after` lines after each, as GNU grep does: a selected line's prefixes
 * end with ":", a context line's with "-", and "--" stands between groups
 * that do not touch, within a file and from one file to the next. With -m,
 * the lines after the last selected one are context, matching or not, and
 * the file is read no further. Returns the exit status: 0 when a line was
 * selected, 1 when none was, 2 when an input could not be read.
 *
 * Each line is looked at in a synchronous step of a `flatMap`, chunk by
 * chunk: only the lines written go on one at a time.
 *
 * Memory: the `before` lines last read (and, with an expression matched in
 * a worker, the lines of the chunks in flight to it).
 */
export async function grepContext(
  ctx: ScriptContext,
  settings: ContextSettings,
): Promise<number> {
  const { invert, before, after, withName, lineNumber, kept } = settings;
  const limit = settings.maxCount ?? Infinity;
  const silent = ctx.values["no-messages"] === true;
  const inWorker = settings.userRegex && settings.pattern instanceof RegExp &&
    canMatchInWorker();
  const test = textMatcher(settings.pattern, {
    ignoreCase: settings.ignoreCase,
  });
  let selected = false;
  let trouble = false;
  // Whether a group has been written, in any file: the next one that does
  // not touch it gets a separator first.
  let written = false;
  const matchedBinary: string[] = [];

  /**
   * The step for one file's lines, in order: what to write for each (its
   * separator and the lines before it first), DONE once -m is satisfied.
   */
  function stepper(name: string) {
    // Each line written in a string of its own: a line is a view of the
    // text it was decoded in, and the lines waiting to be written (the
    // writer takes them by the thousand) kept those texts alive through
    // V8's scavenges, whose young generation grew to 16 MiB semi-spaces
    // (`grep -C2 ERROR` over the 256 MiB bench corpus, the lines gathered
    // one by one: 119.9 -> 93.2 MiB peak RSS with the copies, one run each).
    // V8 copies `" " + text` into one flat string when it is sliced.
    const line = (n: number, mark: string, text: string) =>
      (` ${withName ? name + mark : ""}${lineNumber ? `${n}${mark}` : ""}` +
        text).slice(1);
    // The last lines read and not written, for -B: a ring of `before`.
    const recent: string[] = new Array(before);
    let start = 0;
    let held = 0;
    // The number of the last line written of this file (none yet: a group
    // apart from what an input before wrote), how many more after it are
    // context, how many were selected, and the line's number.
    let last = -Infinity;
    let afterLeft = 0;
    let count = 0;
    let n = 0;
    const none: (string | typeof DONE)[] = [];
    return {
      get count() {
        return count;
      },
      step(text: string, hit: boolean): (string | typeof DONE)[] {
        n++;
        if (count < limit && hit !== invert) {
          count++;
          selected = true;
          const out: (string | typeof DONE)[] = [];
          if (written && n - held > last + 1) out.push(SEPARATOR);
          for (let i = 0; i < held; i++) {
            const k = (start + i) % before;
            out.push(line(n - held + i, "-", recent[k]!));
            recent[k] = "";
          }
          held = 0;
          out.push(line(n, ":", text));
          written = true;
          last = n;
          afterLeft = after;
          if (count >= limit && after === 0) out.push(DONE);
          return out;
        }
        if (afterLeft > 0) {
          last = n;
          afterLeft--;
          const out: (string | typeof DONE)[] = [line(n, "-", text)];
          if (count >= limit && afterLeft === 0) out.push(DONE);
          return out;
        }
        if (before > 0) {
          if (held < before) recent[(start + held++) % before] = text;
          else {
            recent[start] = text;
            start = (start + 1) % before;
          }
        }
        return none;
      },
    };
  }

  /** The stages that turn `file`'s lines into what is written of them. */
  function stagesFor(
    file: ReturnType<typeof stepper>,
  ): Stage<never, unknown>[] {
    if (!inWorker) {
      return [
        flatMap((line: string) => file.step(line, test(line)), {
          name: "context",
        }) as Stage<never, unknown>,
      ];
    }
    // An expression is matched in a worker (Ctrl-C is heard while it
    // backtracks), one answer per line, in order; the lines wait here.
    const waiting: string[] = [];
    let next = 0;
    return [
      tap((line: string) => void waiting.push(line), { name: "lines" }),
      fieldTestInWorker(settings.pattern as RegExp, settings.ignoreCase),
      flatMap((hit: boolean) => {
        const line = waiting[next]!;
        waiting[next++] = "";
        if (next === waiting.length || next >= 4096) {
          waiting.splice(0, next);
          next = 0;
        }
        return file.step(line, hit);
      }, { name: "context" }),
    ] as Stage<never, unknown>[];
  }

  const nameOf = (input: string) => input === "-" ? "(standard input)" : input;
  // One input, read to its end: one run from the reader to the writer, the
  // lines written chunk by chunk. Gathered again one by one, as below for
  // several inputs or -m (whose reading stops), up to a thousand of them
  // wait to be written and V8's young generation grows: `grep -C2 ERROR`
  // over the 256 MiB bench corpus peaked at 93.8 MiB that way, 68.6 in one
  // run (0.95 s; `grep ERROR` 63.4 MiB and 0.34 s; 3 rounds in turns).
  if (ctx.inputs.length === 1 && limit === Infinity) {
    const input = ctx.inputs[0]!;
    if (!await readableOrSaid("sluice grep", input, silent)) return 2;
    const file = stepper(nameOf(input));
    let binary = false;
    await runStages(
      readLines(input, { ...kept.read, onBinary: () => void (binary = true) }),
      stagesFor(file),
      writeLines(ctx.output, kept.write),
      ctx.pipelineOptions,
    );
    if (binary && file.count > 0) {
      await reportBinary("sluice grep", [nameOf(input)], "binary file matches");
    }
    return selected ? 0 : 1;
  }

  async function* results(): AsyncGenerator<string> {
    for (const input of ctx.inputs) {
      if (!await readableOrSaid("sluice grep", input, silent)) {
        trouble = true;
        continue;
      }
      // -m 0: nothing is selected, and nothing need be read.
      if (limit === 0) continue;
      const name = nameOf(input);
      const file = stepper(name);
      let binary = false;
      const lines = readLines(input, {
        ...kept.read,
        onBinary: () => void (binary = true),
      });
      const stages = stagesFor(file);
      for await (const out of pipeStages(lines, stages, ctx.pipelineOptions)) {
        if (out === DONE) break;
        yield out as string;
      }
      if (binary && file.count > 0) matchedBinary.push(name);
    }
  }

  await pipeline(
    results(),
    writeLines(ctx.output, kept.write),
    ctx.pipelineOptions,
  );
  await reportBinary("sluice grep", matchedBinary, "binary file matches");
  return trouble ? 2 : selected ? 0 : 1;
}
