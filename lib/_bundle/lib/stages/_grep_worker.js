// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  matchLines
} from "../../chunk-57NEC6SS.js";
import {
  unpackItems
} from "../../chunk-DCQUZAZK.js";

// lib/stages/_grep_worker.ts
var scope = self;
var compiled;
scope.onmessage = (event) => {
  const task = event.data;
  const key = `${task.flags}/${task.source}`;
  if (compiled?.key !== key) {
    compiled = {
      key,
      test: new RegExp(task.source, task.flags),
      global: new RegExp(task.source, task.flags + "g")
    };
  }
  const { test, global } = compiled;
  const lines = unpackItems(task.lines);
  const result = matchLines(test, global, lines, task);
  const reply = result.type === "kept" ? {
    ...result,
    heapTotal: Deno.memoryUsage().heapTotal
  } : {
    type: "error",
    index: result.index,
    name: result.error.name,
    message: result.error.message,
    kept: result.kept,
    matches: result.matches
  };
  scope.postMessage(reply);
};
