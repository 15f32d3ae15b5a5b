// Copyright 2026 the sluice authors. MIT license.
// The worker side of parallel(): loads the user's module, and applies its
// function to each batch of items it is sent, or to the lines of each byte
// range of a file it is told to read, answering with the results.

/// <reference lib="deno.worker" />

import { packItems, unpackItems } from "./_pack.ts";
import { describeError, errorReply } from "./_pool.ts";
import { readRange } from "./_read_range.ts";
import { isThenable, type RangeSource } from "./_stage.ts";

type Message =
  | { type: "init"; module: string; exportName: string }
  | {
    type: "batch";
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
// Work may arrive before the module has loaded: it waits for it.
let loaded: Promise<boolean> = Promise.resolve(false);

// The task being worked on. Module state rather than a closure per task, so
// that the loop calling the user's function stays one optimised function.
let out: unknown[] = [];
// Where each result came from (a line of the range, or 1 + an index in the
// batch), when not simply 1, 2, 3, …: some were dropped or split.
let positions: number[] | undefined;
// Where a call failed: the item's index in the batch and its line.
let failedAt: { index: number; line: number } | undefined;

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
}

// Tasks run one after the other (a second one waits while the first reads
// its file), so the task state above belongs to one task at a time.
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<Message>) => {
  const message = event.data;
  if (message.type === "init") {
    loaded = (async () => {
      try {
        const mod = await import(message.module);
        const candidate = mod[message.exportName];
        if (typeof candidate !== "function") {
          throw new TypeError(
            `${message.module} has no function export "${message.exportName}", got ${typeof candidate}`,
          );
        }
        fn = candidate;
        return true;
      } catch (error) {
        self.postMessage({ type: "failed", error: describeError(error) });
        return false;
      }
    })();
    return;
  }
  queue = queue.then(() => work(message));
};

async function work(
  message: Exclude<Message, { type: "init" }>,
): Promise<void> {
  if (!(await loaded)) return;
  const seq = message.seq;
  out = [];
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
      heapUsed: Deno.memoryUsage().heapUsed,
    });
  } catch (error) {
    // failedAt was set by apply(), out of this function's sight.
    const failed = failedAt as { index: number; line: number } | undefined;
    self.postMessage(errorReply(seq, error, failed));
  }
}
