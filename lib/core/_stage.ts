// Copyright 2026 the sluice authors. MIT license.
// The internal protocol between built-in stages: they exchange chunks (an
// array of items plus where they came from) because one async hop per item
// costs ~20x more than one per array. Users only ever see single items.

import type { ResumePoint } from "./position.ts";

/**
 * A batch of items on its way between stages, with their line numbers. The
 * arrays belong to the stage that receives the chunk, which may reuse them
 * (map writes its results into `items`): a stage never keeps or reads a chunk
 * it has handed on.
 */
export interface Chunk<T> {
  items: T[];
  /** The input these items came from, when a source reads several. */
  path?: string | undefined;
  /** The index of that input among the source's inputs (set by the reader). */
  input?: number | undefined;
  /** Line (or item) number of `items[0]` when the numbers are consecutive. */
  firstLine: number;
  /** Explicit numbers, when they are not consecutive. */
  lines: number[] | undefined;
  /**
   * Where the source stands once every item of this chunk (and of all before
   * it) is handed on: set only in a checkpointed run, where a chunk may then
   * carry no items, only its position.
   */
  position?: ResumePoint | undefined;
}

/** The line number of `chunk.items[i]`. */
export function lineOf(chunk: Chunk<unknown>, i: number): number {
  return chunk.lines !== undefined
    ? chunk.lines[i] ?? chunk.firstLine
    : chunk.firstLine + i;
}
