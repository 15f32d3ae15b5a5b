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
import { type GroupScan, groupScanOf } from "./_group_scan.ts";
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
/**
 * The grouping read on the lines' bytes, when the spec can be read so: the
 * table's reducers are then made over the rows it gives, and the lines
 * read as text go to it too.
 */
let scan: GroupScan | undefined;
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

/** Over its share: the table goes now, as a part of this range. */
function sendPart(): void {
  postToParent({
    type: "part",
    seq,
    part: table!.takeEncoded(),
    ...heapFigures(),
  });
}

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
    if (scan !== undefined) {
      for (; i < items.length; i++) scan.addText(items[i]!);
      return;
    }
    for (; i < items.length; i++) {
      const item = items[i]!;
      t.add(key(item), item);
      if (t.held >= cap) sendPart();
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
  scan = groupScanOf(spec);
  const named = scan?.named ?? spec.named;
  table = new GroupTable(named);
  scan?.into(table, capBytes, sendPart);
  keeps = named.list.every(mergesInAnyOrder);
}

async function work(message: Range | Flush): Promise<void> {
  seq = message.seq;
  failedAt = undefined;
  const flush = message.type === "flush";
  if (!flush && !keeps) table!.clear();
  try {
    let count = 0;
    if (!flush) {
      // On bytes unless the lines must be valid UTF-8 (the splitter checks
      // them), or the grouping read's keys filled its table (see GroupScan).
      const bytes = scan !== undefined && !scan.full && !message.source.fatal
        ? scan
        : undefined;
      bytes?.start();
      try {
        count = await readRange(
          message.source,
          message.start,
          message.end,
          addLines,
          bytes,
        );
      } catch (error) {
        // A line read on bytes failed: its number, counted by the read.
        if (failedAt === undefined && bytes?.failed === true) {
          failedAt = { index: bytes.line - 1, line: bytes.line };
        }
        throw error;
      }
    }
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
