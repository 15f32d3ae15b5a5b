// Copyright 2026 the sluice authors. MIT license.
// The worker side of parallel(): loads the user's module, and applies its
// function to each chunk of items it is sent, or to the lines of each byte
// range of a file it is told to read, answering with the results.

/// <reference lib="deno.worker" />

import {
  type PackedItems,
  packItems,
  transferOf,
  unpackItems,
} from "../core/_pack.ts";
import { errorReply, heapFigures, serveTasks } from "./_serve_tasks.ts";
import { readRange } from "../io/_read_range.ts";
import { isThenable } from "../core/_adapters.ts";
import type { RangeSource } from "../core/_registry.ts";

type Message =
  | { type: "init"; module: string; exportName: string }
  | {
    type: "chunk";
    seq: number;
    items?: unknown[];
    text?: string;
    lengths?: Uint32Array;
  }
  | {
    type: "range";
    seq: number;
    source: RangeSource;
    start: number;
    end: number;
  };

let fn: ((item: unknown) => unknown) | undefined;

/**
 * The results of a byte range go to the main thread in parts of about this
 * many characters (or PART_ITEMS results that are not strings), not all at
 * the range's end. Results kept in the worker survive its scavenges, and V8
 * grows a young generation by the bytes that survive: parallel() T1 with 2
 * workers over the 1 GiB bench corpus, at V8's defaults, kept a 4 MiB
 * range's ERROR lines until its end, about 100-250 KiB survived each
 * scavenge, and each worker's young generation grew to 16 MiB semi-spaces.
 */
const PART_CHARS = 32 * 1024;
const PART_ITEMS = 1024;

// The task being worked on. Module state rather than a closure per task, so
// that the loop calling the user's function stays one optimised function.
let seq = 0;
let out: unknown[] = [];
// Where each result came from (a line of the range, or 1 + an index in the
// chunk), when not simply first, first + 1, ...: some were dropped or split.
let positions: number[] | undefined;
// Where out[0] came from, when positions is undefined.
let first = 1;
// Whether results go in parts (a byte range's), and the characters of the
// string results not yet sent.
let inParts = false;
let chars = 0;
// Where a call failed: the item's index in the chunk and its line.
let failedAt: { index: number; line: number } | undefined;
// Results before this index are compacted (see compact()).
let compacted = 0;

/**
 * Copies the string results of the lines just handled out of the text they
 * were cut from. A kept line is a slice of its decoded block: one kept line
 * in a block held the whole block until the task ended, so every block of
 * a 4 MiB range survived V8's scavenges and each worker's young generation
 * grew to 60 MiB. Joined and cut again, they hold only their own text.
 * parallel() T1 with 2 workers on the 256 MiB bench corpus, at V8's
 * defaults: peak RSS 154-163 MiB, was 228 (with 32 KiB handed at a time).
 */
function compact(): void {
  const n = out.length;
  if (n - compacted < 1) return;
  for (let i = compacted; i < n; i++) {
    if (typeof out[i] !== "string") {
      compacted = n;
      return;
    }
  }
  const text = (out.slice(compacted) as string[]).join("");
  chars += text.length;
  let at = 0;
  for (let i = compacted; i < n; i++) {
    const length = (out[i] as string).length;
    out[i] = text.slice(at, at + length);
    at += length;
  }
  compacted = n;
}

async function apply(
  items: unknown[],
  firstLine: number,
  numbers: number[] | undefined,
): Promise<void> {
  const f = fn!;
  for (let i = 0; i < items.length; i++) {
    let r: unknown;
    try {
      r = f(items[i]);
      if (isThenable(r)) r = await r;
    } catch (error) {
      failedAt = { index: i, line: numbers?.[i] ?? firstLine + i };
      throw error;
    }
    if (r === undefined) continue; // dropped
    const position = numbers?.[i] ?? firstLine + i;
    if (positions === undefined && position !== first + out.length) {
      if (inParts && out.length === 0) first = position;
      else positions = out.map((_, k) => first + k);
    }
    out.push(r);
    positions?.push(position);
  }
  compact();
  if (inParts && (chars >= PART_CHARS || out.length >= PART_ITEMS)) {
    const part = batch();
    self.postMessage(
      { type: "part", seq, part, ...heapFigures() },
      transferOf(part),
    );
  }
}

/**
 * The results so far, packed to send (strings as bytes, see packItems), and
 * a fresh start for the next.
 */
function batch(): PackedItems & { first?: number; lines?: number[] } {
  const packed = {
    ...packItems(out, true),
    ...(positions === undefined ? { first } : { lines: positions }),
  };
  fresh();
  return packed;
}

/** No results yet. */
function fresh(): void {
  out = [];
  positions = undefined;
  first = 1;
  chars = 0;
  compacted = 0;
}

async function load(
  init: { module: string; exportName: string },
): Promise<void> {
  const mod = await import(init.module);
  const candidate = mod[init.exportName];
  if (typeof candidate !== "function") {
    throw new TypeError(
      `${init.module} has no function export "${init.exportName}", got ${typeof candidate}`,
    );
  }
  fn = candidate;
}

async function work(
  message: Exclude<Message, { type: "init" }>,
): Promise<void> {
  seq = message.seq;
  fresh();
  inParts = message.type === "range";
  failedAt = undefined;
  let count = 0;
  try {
    if (message.type === "range") {
      count = await readRange(
        message.source,
        message.start,
        message.end,
        apply,
      );
    } else {
      await apply(unpackItems(message), 1, undefined);
    }
    const packed = batch();
    self.postMessage(
      { ...packed, type: "result", seq, count, ...heapFigures() },
      transferOf(packed),
    );
  } catch (error) {
    // failedAt was set by apply(), out of this function's sight.
    const failed = failedAt as { index: number; line: number } | undefined;
    self.postMessage(errorReply(seq, error, failed));
  }
}

serveTasks(load, work);
