// Copyright 2026 the sluice authors. MIT license.
// grep's context lines, as GNU grep's -B, -A and -C: each selected line
// with the lines before and after it, chunk by chunk, input by input.

import {
  type Chunk,
  ChunkBuilder,
  lineOf,
  namePrefix,
} from "../core/_chunk.ts";
import { failAt, type RunContext } from "../core/_context.ts";
import type { StageStats } from "../summary/_record.ts";
import { MatchFailure, type RegexWorker } from "./_grep_in_worker.ts";

/** The input before the first chunk's. */
const UNSET: unique symbol = Symbol("unset");

/** What a grep with context lines writes, and how it marks them. */
export interface ContextSettings {
  /** Lines written before each selected line, at most. */
  before: number;
  /** Lines written after each selected line, at most. */
  after: number;
  /** The item between groups that do not touch; undefined for none. */
  separator: string | undefined;
  /** Selected lines at most, over the run; then `after` lines, and the end. */
  maxCount: number;
  fileName: boolean;
  lineNumber: boolean;
}

/**
 * Which lines of a chunk are selected: a test in this thread (already
 * inverted when asked), or an expression's worker that answers which of
 * the lines sent match it. Then only the lines that hold `required` (a
 * literal that every match holds) are sent, until, after `trial` lines,
 * more than one line in `share` has held it: then every line.
 */
export type Selector =
  | { test: (line: string) => boolean }
  | {
    worker: () => RegexWorker;
    required: string | undefined;
    trial: number;
    share: number;
    invert: boolean;
    /** Chunks sent and not yet answered, at most. */
    inFlight: number;
  };

/**
 * The run of a grep stage with context lines. A selected line's name and
 * number end with ":", a context line's with "-" (as GNU grep marks them);
 * `separator` goes before a group that does not touch the group written
 * before it, in the same input or an earlier one. Line numbers are the
 * source's (a reader's, in each input). The state starts again with each
 * input of a reader that reads several, but `maxCount` counts over all.
 *
 * Memory: one chunk, and the `before` lines last read and not written;
 * with a worker, `inFlight` chunks, and the lines sent of them.
 */
export async function* contextRun(
  input: AsyncIterable<Chunk<string>>,
  stats: StageStats,
  ctx: RunContext,
  settings: ContextSettings,
  selector: Selector,
): AsyncGenerator<Chunk<string>> {
  if (settings.maxCount === 0) return;
  const step = contextStep(settings, ctx);
  if ("test" in selector) {
    const test = selector.test;
    for await (const chunk of input) {
      if (chunk.items.length === 0) continue;
      const items = chunk.items;
      let at = 0;
      let out;
      try {
        out = step(chunk, (i) => test(items[at = i]!));
      } catch (error) {
        throw failAt(error, stats, ctx, chunk, at);
      }
      stats.hold(out.held, 0);
      if (out.chunk !== undefined) yield out.chunk;
      if (out.done) return;
    }
    return;
  }
  const { invert, inFlight, trial, share } = selector;
  let required = selector.required;
  let seen = 0;
  let holding = 0;
  const worker = selector.worker();
  /** Which lines of `chunk` match (1) the worker's expression. */
  const matched = async (chunk: Chunk<string>): Promise<Uint8Array> => {
    const items = chunk.items;
    const hits = new Uint8Array(items.length);
    let sent = items;
    let from: number[] | undefined;
    if (required !== undefined) {
      sent = [];
      from = [];
      for (let i = 0; i < items.length; i++) {
        if (items[i]!.includes(required)) {
          sent.push(items[i]!);
          from.push(i);
        }
      }
      seen += items.length;
      holding += sent.length;
      if (seen >= trial && holding * share > seen) required = undefined;
      if (sent.length === 0) return hits;
    }
    try {
      const kept = (await worker.match(sent, Infinity)).kept;
      for (let k = 0; k < kept.length; k++) {
        hits[from?.[kept[k]!] ?? kept[k]!] = 1;
      }
    } catch (error) {
      if (!(error instanceof MatchFailure)) throw error;
      const i = from?.[error.index] ?? error.index;
      throw failAt(error.error, stats, ctx, chunk, i);
    }
    return hits;
  };
  const waiting: { chunk: Chunk<string>; hits: Promise<Uint8Array> }[] = [];
  const next = async () => {
    const { chunk, hits } = waiting.shift()!;
    const matches = await hits;
    return step(chunk, (i) => (matches[i] === 1) !== invert);
  };
  for await (const chunk of input) {
    if (chunk.items.length === 0) continue;
    const hits = matched(chunk);
    // Awaited in turn; a run that ends first leaves it unheard.
    hits.catch(() => {});
    waiting.push({ chunk, hits });
    if (waiting.length < inFlight) continue;
    const out = await next();
    stats.hold(out.held, 0);
    if (out.chunk !== undefined) yield out.chunk;
    if (out.done) return;
  }
  while (waiting.length > 0) {
    const out = await next();
    stats.hold(out.held, 0);
    if (out.chunk !== undefined) yield out.chunk;
    if (out.done) return;
  }
}

/** What one chunk's lines make: the chunk to hand on, and whether to end. */
interface Stepped {
  chunk: Chunk<string> | undefined;
  /** Whether `maxCount` lines and their context are out: the run ends. */
  done: boolean;
  /** Lines held for `before`. */
  held: number;
}

/**
 * The context's state over a run, and the step that takes one chunk's
 * lines in order, told which are selected.
 */
function contextStep(
  settings: ContextSettings,
  ctx: RunContext,
): (chunk: Chunk<string>, selected: (i: number) => boolean) => Stepped {
  const { before, after, separator, maxCount, fileName, lineNumber } = settings;
  // The last lines read and not written, for `before`: a ring.
  const ringText: string[] = new Array(before).fill("");
  const ringLine: number[] = new Array(before).fill(0);
  let start = 0;
  let held = 0;
  // This input's: which it is, its name before a line, the number of the
  // line last written (none: a group apart from any written before) and
  // how many lines after it are still context.
  let current: unknown = UNSET;
  let selectedName = "";
  let contextName = "";
  let last = -Infinity;
  let afterLeft = 0;
  // The run's: whether anything was written, how many lines selected.
  let written = false;
  let count = 0;
  const lead = (n: number, selected: boolean) =>
    (fileName ? selected ? selectedName : contextName : "") +
    (lineNumber ? n.toFixed(0) + (selected ? ":" : "-") : "");
  const plain = !fileName && !lineNumber;
  return (chunk, selected) => {
    const items = chunk.items;
    const which = chunk.input ?? chunk.path;
    if (which !== current) {
      current = which;
      held = 0;
      start = 0;
      ringText.fill("");
      last = -Infinity;
      afterLeft = 0;
      if (fileName) {
        selectedName = namePrefix(chunk.path ?? ctx.path);
        contextName = selectedName.slice(0, -1) + "-";
      }
    }
    const out = new ChunkBuilder<string>();
    let done = false;
    for (let i = 0; i < items.length; i++) {
      const text = items[i]!;
      const n = lineOf(chunk, i);
      if (count < maxCount && selected(i)) {
        count++;
        const first = held > 0 ? ringLine[start]! : n;
        if (written && first > last + 1 && separator !== undefined) {
          out.push(separator, first);
        }
        for (let k = 0; k < held; k++) {
          const at = (start + k) % before;
          const line = ringLine[at]!;
          out.push(
            plain ? ringText[at]! : lead(line, false) + ringText[at]!,
            line,
          );
          ringText[at] = "";
        }
        held = 0;
        start = 0;
        out.push(plain ? text : lead(n, true) + text, n);
        written = true;
        last = n;
        afterLeft = after;
        if (count >= maxCount && after === 0) {
          done = true;
          break;
        }
      } else if (afterLeft > 0) {
        out.push(plain ? text : lead(n, false) + text, n);
        last = n;
        afterLeft--;
        if (count >= maxCount && afterLeft === 0) {
          done = true;
          break;
        }
      } else if (before > 0) {
        if (held < before) {
          const at = (start + held++) % before;
          ringText[at] = text;
          ringLine[at] = n;
        } else {
          ringText[start] = text;
          ringLine[start] = n;
          start = (start + 1) % before;
        }
      }
    }
    return { chunk: out.build(chunk), done, held };
  };
}
