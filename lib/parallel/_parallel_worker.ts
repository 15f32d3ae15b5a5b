// Copyright 2026 the sluice authors. MIT license.
// The worker side of parallel(): loads the user's module, and applies its
// function to each chunk of items it is sent, or to the lines of each byte
// range of a file it is told to read, answering with the results.

/// <reference lib="deno.worker" />

import { packItems, unpackItems } from "../core/_pack.ts";
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

// The task being worked on. Module state rather than a closure per task, so
// that the loop calling the user's function stays one optimised function.
let out: unknown[] = [];
// Where each result came from (a line of the range, or 1 + an index in the
// chunk), when not simply 1, 2, 3, …: some were dropped or split.
let positions: number[] | undefined;
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
 * defaults: peak RSS 154–163 MiB, was 228 (with 32 KiB handed at a time).
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
    if (positions === undefined && position !== out.length + 1) {
      positions = out.map((_, k) => k + 1);
    }
    out.push(r);
    positions?.push(position);
  }
  compact();
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
  const seq = message.seq;
  out = [];
  compacted = 0;
  positions = undefined;
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
    self.postMessage({
      ...packItems(out),
      type: "result",
      seq,
      lines: positions,
      count,
      ...heapFigures(),
    });
  } catch (error) {
    // failedAt was set by apply(), out of this function's sight.
    const failed = failedAt as { index: number; line: number } | undefined;
    self.postMessage(errorReply(seq, error, failed));
  }
}

serveTasks(load, work);
