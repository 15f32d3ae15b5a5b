// Copyright 2026 the sluice authors. MIT license.
// The worker side of parallel(): loads the user's module, and applies its
// function to each batch of items it is sent, or to the lines of each byte
// range of a file it is told to read, answering with the results.

/// <reference lib="deno.worker" />

import { LineSplitter } from "./_line_splitter.ts";
import { packItems, unpackItems } from "./_pack.ts";
import type { RangeSource } from "./_stage.ts";

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

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null &&
    typeof (value as { then?: unknown }).then === "function";
}

function describe(
  error: unknown,
): { name: string; message: string; stack?: string } {
  return error instanceof Error
    ? {
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
    }
    : { name: "Error", message: String(error) };
}

const LF = 10;

// The two read buffers, kept from one range to the next: allocating (and
// zeroing) them per range cost more than the reads of a small range.
let spare: Uint8Array[] = [];

/**
 * Reads the lines that start in `[start, end)` of the file and hands them to
 * `apply` a read at a time (so that they die young): a line that begins
 * before `start` belongs to the range before, and the last line runs on past
 * `end` to its LF. Returns how many lines the range has.
 */
async function readRange(
  source: RangeSource,
  start: number,
  end: number,
): Promise<number> {
  using file = await Deno.open(source.path, { read: true });
  let pos = start;
  if (start > 0) {
    const probe = new Uint8Array(64 * 1024);
    await file.seek(start - 1, Deno.SeekMode.Start);
    let base = start - 1;
    while (true) {
      const n = await file.read(probe);
      if (n === null) return 0;
      const i = probe.subarray(0, n).indexOf(LF);
      if (i !== -1) {
        pos = base + i + 1;
        break;
      }
      base += n;
    }
    if (pos >= end) return 0;
    await file.seek(pos, Deno.SeekMode.Start);
  }
  const splitter = new LineSplitter({
    maxLineBytes: source.maxLineBytes,
    onLongLine: source.onLongLine,
    fatal: source.fatal,
    path: source.path,
    readBytes: source.readBytes,
    atStart: pos === 0,
  });
  const hand = async () => {
    const taken = splitter.take();
    if (taken.items.length > 0) {
      await apply(taken.items, taken.firstLine, taken.lines);
    }
  };
  let at = pos;
  let last = -1;
  let ended = false;
  // One read ahead: the next read runs while this one's lines are worked on.
  if (spare[0]?.length !== source.readBytes) {
    spare = [
      new Uint8Array(source.readBytes),
      new Uint8Array(source.readBytes),
    ];
  }
  const buffers = spare;
  let turn = 0;
  const readNext = (from: number) =>
    from < end
      ? file.read(
        buffers[turn]!.subarray(0, Math.min(source.readBytes, end - from)),
      )
      : Promise.resolve(0);
  let ahead = readNext(at);
  try {
    while (at < end) {
      const n = await ahead;
      if (n === null) {
        ended = true;
        break;
      }
      const filled = buffers[turn]!.subarray(0, n);
      at += n;
      turn ^= 1;
      ahead = readNext(at);
      last = filled[n - 1]!;
      splitter.write(filled);
      await hand();
    }
  } finally {
    await ahead.catch(() => null);
  }
  // The last line, unless it ended right at `end`, runs on to its LF.
  while (!ended && last !== LF) {
    const space = splitter.space();
    const n = await file.read(space.subarray(0, Math.min(space.length, 65536)));
    if (n === null) break;
    const i = space.subarray(0, n).indexOf(LF);
    if (i !== -1) {
      splitter.commit(i + 1);
      break;
    }
    splitter.commit(n);
  }
  splitter.end();
  await hand();
  return splitter.linesSeen;
}

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
        self.postMessage({ type: "failed", error: describe(error) });
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
    // A reading error (a line too long, invalid UTF-8) carries its own line.
    const own = (error as { line?: unknown }).line;
    const failed = failedAt as { index: number; line: number } | undefined;
    const reading = typeof own === "number" &&
      (error instanceof RangeError || error instanceof TypeError) &&
      /Line \d+ of/.test((error as Error).message);
    self.postMessage({
      type: "error",
      seq,
      index: reading ? -1 : failed?.index ?? 0,
      line: reading ? own : failed?.line,
      error: describe(error),
    });
  }
}
