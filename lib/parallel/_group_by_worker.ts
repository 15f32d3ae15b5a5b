// Copyright 2026 the sluice authors. MIT license.
// The worker side of parallelGroupBy(): loads the user's grouping, reads the
// byte ranges of a file it is sent, and answers each with the range's
// partial table of groups, encoded (in several parts when a table outgrows
// its share of the budget).

import {
  GroupTable,
  type LoadedSpec,
  loadGroupSpec,
} from "../spill/_group_table.ts";
import {
  errorReply,
  heapFigures,
  postToParent,
  serveTasks,
} from "./_serve_tasks.ts";
import { readRange } from "../io/_read_range.ts";
import { mergesInAnyOrder } from "../spill/_order_free.ts";
import type { RangeSource } from "../core/_registry.ts";

interface Init {
  type: "init";
  module: string;
  exportName: string;
  params: unknown;
  capBytes: number;
}

interface Range {
  type: "range";
  seq: number;
  source: RangeSource;
  start: number;
  end: number;
}

/** After the last range: the table kept across ranges, please. */
interface Flush {
  type: "flush";
  seq: number;
}

let spec: LoadedSpec | undefined;
let table: GroupTable | undefined;
let capBytes = Infinity;
/**
 * Whether the table is kept across ranges: when every reducer merges its
 * parts in any order alike, a range's groups need not reach the main
 * thread before the next range's, and one table for all of a worker's
 * ranges sends far less (`sluice group --by-word 3 --count --p95
 * latency_ms --workers 2` over 4 GiB: 2 partials instead of 257, one for
 * each 16 MiB range; 155 MiB peak RSS instead of 170, medians of 3). It is
 * sent when it outgrows its share, as ever, and when the main thread asks
 * (Flush).
 */
let keeps = false;

// The task being worked on (tasks run one after the other).
let seq = 0;
// Where the key function or a reducer failed: the line's index and number.
let failedAt: { index: number; line: number } | undefined;

function addLines(
  items: string[],
  firstLine: number,
  numbers: number[] | undefined,
): void {
  const key = spec!.key;
  const t = table!;
  const cap = capBytes;
  let i = 0;
  try {
    for (; i < items.length; i++) {
      const item = items[i]!;
      t.add(key(item), item);
      // Over its share: the table goes now, as a part of this range.
      if (t.held >= cap) {
        postToParent({
          type: "part",
          seq,
          part: t.takeEncoded(),
          ...heapFigures(),
        });
      }
    }
  } catch (error) {
    failedAt = { index: i, line: numbers?.[i] ?? firstLine + i };
    throw error;
  }
}

async function load(init: Init): Promise<void> {
  capBytes = init.capBytes;
  spec = await loadGroupSpec(
    "parallelGroupBy",
    init.module,
    init.exportName,
    init.params,
  );
  table = new GroupTable(spec.named);
  keeps = spec.named.list.every(mergesInAnyOrder);
}

async function work(message: Range | Flush): Promise<void> {
  seq = message.seq;
  failedAt = undefined;
  const flush = message.type === "flush";
  if (!flush && !keeps) table!.clear();
  try {
    const count = flush ? 0 : await readRange(
      message.source,
      message.start,
      message.end,
      addLines,
    );
    postToParent({
      type: "result",
      seq,
      count,
      partial: flush || !keeps ? table!.takeEncoded() : undefined,
      ...heapFigures(),
    });
  } catch (error) {
    // failedAt was set by addLines(), out of this function's sight.
    const failed = failedAt as { index: number; line: number } | undefined;
    postToParent(errorReply(seq, error, failed));
  }
}

serveTasks(load, work);
