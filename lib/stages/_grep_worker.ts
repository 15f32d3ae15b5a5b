// Copyright 2026 the sluice authors. MIT license.
// The worker of grep({ worker: true }): a regular expression applied to one
// chunk's lines off the calling thread, so that a pattern that backtracks
// for minutes does not keep that thread from hearing an abort (Ctrl-C).

import { type packItems, unpackItems } from "../core/_pack.ts";
import { matchLines } from "./_match_lines.ts";

/** One chunk's lines and how to match them. */
export interface MatchTask {
  /** The expression's source and flags (no `g`, `y`): compiled once. */
  source: string;
  flags: string;
  /** Keep the lines that do not match. */
  invert: boolean;
  /** Also send each kept line's non-empty matches (never with `invert`). */
  onlyMatching: boolean;
  /** Stop after this many kept lines (Infinity for none). */
  limit: number;
  /** The lines, packed by packItems(). */
  lines: ReturnType<typeof packItems>;
}

/** The answer: the kept lines' indices, or where matching failed. */
export type MatchReply =
  | {
    type: "kept";
    kept: number[];
    matches: string[][] | undefined;
    /** The worker's heap, committed, for the run's summary. */
    heapTotal: number;
  }
  | {
    type: "error";
    index: number;
    name: string;
    message: string;
    /** The lines kept before it, and their matches when asked. */
    kept: number[];
    matches: string[][] | undefined;
  };

/** The worker's global scope, as much of it as is used here. */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<MatchTask>) => void;
  postMessage(reply: MatchReply): void;
};

let compiled: { key: string; test: RegExp; global: RegExp } | undefined;

scope.onmessage = (event) => {
  const task = event.data;
  const key = `${task.flags}/${task.source}`;
  if (compiled?.key !== key) {
    compiled = {
      key,
      test: new RegExp(task.source, task.flags),
      global: new RegExp(task.source, task.flags + "g"),
    };
  }
  const { test, global } = compiled;
  const lines = unpackItems(task.lines) as string[];
  const result = matchLines(test, global, lines, task);
  const reply: MatchReply = result.type === "kept"
    ? { ...result, heapTotal: Deno.memoryUsage().heapTotal }
    : {
      type: "error",
      index: result.index,
      name: result.error.name,
      message: result.error.message,
      kept: result.kept,
      matches: result.matches,
    };
  scope.postMessage(reply);
};
