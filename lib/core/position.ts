// Copyright 2026 the sluice authors. MIT license.
/**
 * Where something is in a run's input: one family of position types.
 *
 * - {@linkcode LinePosition}: a line and its byte offset, carried by the
 *   errors of the line reader.
 * - {@linkcode Place}: the line (or item) a stage was at, for error messages
 *   and the summary.
 * - {@linkcode ResumePoint}: where a line source stands, recorded by a
 *   checkpoint to go on from.
 *
 * @module
 */

/** Where in the input a line starts: its path, number and byte offset. */
export interface LinePosition {
  /** The input's path, or `undefined` for streams and in-memory sources. */
  readonly path: string | undefined;
  /** The 1-based line number. */
  readonly line: number;
  /** The byte offset of the start of the line in the (decompressed) input. */
  readonly offset: number;
  /**
   * The byte offset `line` counts from, when not the input's start: a
   * shard of a URL numbers its lines from 1 at its first line (counting the
   * lines before it would mean downloading them). `offset` is true either
   * way.
   */
  readonly linesFrom?: number;
}

/**
 * The line (or item) a stage was at, and the input it came from; either may
 * be unknown.
 */
export interface Place {
  /** The 1-based line, or item number for sources that are not lines. */
  readonly line: number | undefined;
  /** The input's path, or `undefined` when the source is not a file. */
  readonly path: string | undefined;
}

/** Where a line source stands: the next byte and line of one of its inputs. */
export interface ResumePoint {
  /** The index of the input among the source's inputs. */
  readonly input: number;
  /** The byte offset of the next line in that input. */
  readonly offset: number;
  /** The number of that line. */
  readonly line: number;
}

/**
 * (Internal.) A place in words: `line 3 of "app.log"`, `line 3`, `item 3`, or the path
 * alone when the line is not known (empty when neither is).
 *
 * @param place The line and path.
 * @param unit What the number counts: lines of a line source, or items.
 * @returns The words.
 */
export function describePlace(place: Place, unit: "line" | "item"): string {
  const { line, path } = place;
  if (line === undefined) return path === undefined ? "" : `"${path}"`;
  return unit === "item"
    ? `item ${line}`
    : `line ${line}${path === undefined ? "" : ` of "${path}"`}`;
}
