// Copyright 2026 the sluice authors. MIT license.
// The worker side of parallel(): loads the user's module, and applies its
// function to each chunk of items it is sent, or to the lines of each byte
// range of a file it is told to read, answering with the results.

import {
  type PackedItems,
  packItems,
  transferOf,
  unpackItems,
} from "../core/_pack.ts";
import {
  errorReply,
  heapFigures,
  postToParent,
  serveTasks,
} from "./_serve_tasks.ts";
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

/** Room for a part's results as UTF-8 at first: a part and a block over. */
const ENCODED_BYTES = 256 * 1024;

const encoder = new TextEncoder();

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
 * A byte range's string results, as UTF-8 in `encoded` (their lengths in
 * UTF-16 code units in `sizes`) from the moment they are compacted until
 * their part is sent; each stands in `out` as a 0. Held as strings, the
 * results of the lines handled since the last part (about 1.6 MiB of the
 * bench corpus for T1's 32 K characters of ERROR lines) survived the
 * scavenges in between, and were promoted: parallel() T1 with 2 workers at
 * V8's defaults, the median bytes surviving or promoted in a scavenge in
 * the second half of a run over 64 MiB 34 -> 8-9 KiB; peak RSS over 4 GiB
 * 157.1 -> 135.9 MiB, over 1 GiB 126.9 -> 120.0, over 256 MiB 103.9 ->
 * 100.9, the same time (3 rounds in turns).
 * Strings go back to `out` when a result that is not a string, or one that
 * UTF-8 cannot carry (a lone surrogate), joins the part.
 */
let asBytes = true;
let encoded = new Uint8Array(ENCODED_BYTES);
let encodedBytes = 0;
let sizes = new Uint32Array(PART_ITEMS);

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
      if (asBytes) asStrings();
      compacted = n;
      return;
    }
  }
  const text = (out.slice(compacted) as string[]).join("");
  chars += text.length;
  if (asBytes && inParts && text.isWellFormed()) {
    encode(text, n);
    return;
  }
  if (asBytes) asStrings();
  let at = 0;
  for (let i = compacted; i < n; i++) {
    const length = (out[i] as string).length;
    out[i] = text.slice(at, at + length);
    at += length;
  }
  compacted = n;
}

/** Adds the compacted results up to `n`, joined in `text`, to `encoded`. */
function encode(text: string, n: number): void {
  if (encoded.length - encodedBytes < text.length * 3) {
    const grown = new Uint8Array(
      Math.max(encoded.length * 2, encodedBytes + text.length * 3),
    );
    grown.set(encoded.subarray(0, encodedBytes));
    encoded = grown;
  }
  if (sizes.length < n) {
    const grown = new Uint32Array(Math.max(sizes.length * 2, n));
    grown.set(sizes.subarray(0, compacted));
    sizes = grown;
  }
  encodedBytes += encoder.encodeInto(text, encoded.subarray(encodedBytes))
    .written;
  for (let i = compacted; i < n; i++) {
    sizes[i] = (out[i] as string).length;
    out[i] = 0;
  }
  compacted = n;
}

/** The encoded results back in `out` as strings; no more encoding this part. */
function asStrings(): void {
  asBytes = false;
  if (compacted === 0) return;
  const strings = unpackItems({
    bytes: encoded.subarray(0, encodedBytes),
    lengths: sizes.subarray(0, compacted),
  });
  for (let i = 0; i < compacted; i++) out[i] = strings[i];
  encodedBytes = 0;
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
    postToParent(
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
    ...(asBytes && compacted > 0 && compacted === out.length
      ? {
        bytes: encoded.slice(0, encodedBytes),
        lengths: sizes.slice(0, compacted),
      }
      : packItems(out, true)),
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
  asBytes = true;
  encodedBytes = 0;
  // Not one grown for a part of long results: that one goes.
  if (encoded.length > ENCODED_BYTES) encoded = new Uint8Array(ENCODED_BYTES);
  if (sizes.length > PART_ITEMS) sizes = new Uint32Array(PART_ITEMS);
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
    postToParent(
      { ...packed, type: "result", seq, count, ...heapFigures() },
      transferOf(packed),
    );
  } catch (error) {
    // failedAt was set by apply(), out of this function's sight.
    const failed = failedAt as { index: number; line: number } | undefined;
    postToParent(errorReply(seq, error, failed));
  }
}

serveTasks(load, work);
