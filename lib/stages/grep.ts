// Copyright 2026 the sluice authors. MIT license.

import { ChunkBuilder } from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import { failAt } from "../core/_context.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { foldCase, foldPattern } from "./_case_fold.ts";

/** Options for {@linkcode grep}. */
export interface GrepOptions extends StageOptions {
  /**
   * Keep the lines that do *not* match.
   *
   * @default {false}
   */
  invert?: boolean;
  /**
   * Match regardless of case, by GNU grep's rule: two characters match when
   * their simple upper cases are the same ("i", "I" and "ı" match; "İ", the
   * Kelvin sign and "ß" match only themselves). For a literal, and for a
   * RegExp with the `u` flag (its letters and classes are rewritten; `\p{…}`
   * and back references keep their case); a RegExp without `u` gets the
   * engine's own `i` flag.
   *
   * @default {false}
   */
  ignoreCase?: boolean;
}

/**
 * Keeps the lines that contain `pattern` (a literal string) or match it (a
 * `RegExp`), like `grep`.
 *
 * Right after {@linkcode readLines} in a {@linkcode pipeline}, a literal,
 * case-sensitive, non-inverted pattern is fused into the reader: it searches
 * the bytes it reads for the pattern's UTF-8 and decodes only the lines that
 * contain it, instead of decoding, splitting and testing every line. Line
 * numbers stay exact. With `fatal`, a line that is not UTF-8 is therefore
 * reported only when it contains the pattern. The summary still shows `grep`
 * as a stage of its own.
 *
 * Memory: one chunk in flight.
 *
 * @param pattern A literal string, or a regular expression (without the `g`
 * or `y` flag).
 * @param options `invert`, `ignoreCase` and the stage's name.
 * @returns The stage.
 * @throws {TypeError} When `pattern` is neither a string nor a RegExp, or is
 * a RegExp with the `g` or `y` flag.
 *
 * @example Keeping error lines
 * ```ts
 * import { grep, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["a INFO", "b ERROR", "c error"];
 * const out: string[] = [];
 * for await (const l of pipeline(lines, grep("ERROR"))) out.push(l);
 * assert.deepEqual(out, ["b ERROR"]);
 * const any: string[] = [];
 * for await (const l of pipeline(lines, grep("error", { ignoreCase: true }))) any.push(l);
 * assert.deepEqual(any, ["b ERROR", "c error"]);
 * ```
 */
export function grep(
  pattern: string | RegExp,
  options: GrepOptions = {},
): Stage<string, string> {
  let test: (line: string) => boolean;
  if (typeof pattern === "string") {
    if (options.ignoreCase) {
      const folded = foldCase(pattern);
      test = (line) => foldCase(line).includes(folded);
    } else {
      test = (line) => line.includes(pattern);
    }
  } else if (pattern instanceof RegExp) {
    if (pattern.global || pattern.sticky) {
      throw new TypeError(
        `Cannot create grep stage: the RegExp ${pattern} has the g or y flag, which makes test() stateful`,
      );
    }
    // In Unicode mode, GNU's rule by rewriting the pattern; otherwise the
    // engine's own `i`.
    const re = !options.ignoreCase || pattern.ignoreCase
      ? pattern
      : pattern.unicode
      ? new RegExp(foldPattern(pattern.source), pattern.flags)
      : new RegExp(pattern.source, pattern.flags + "i");
    test = (line) => re.test(line);
  } else {
    throw new TypeError(
      `Cannot create grep stage: pattern must be a string or a RegExp, got ${typeof pattern}`,
    );
  }
  const invert = options.invert ?? false;
  // Only a literal that can lie inside one line is worth fusing.
  const literal = typeof pattern === "string" && !invert &&
      !options.ignoreCase && pattern !== "" && !/[\r\n]/.test(pattern)
    ? pattern
    : undefined;
  return defineStage<string, string>({
    kind: "grep",
    name: options.name,
    bound: "1 chunk",
    literal,
    settings: `${
      typeof pattern === "string" ? JSON.stringify(pattern) : String(pattern)
    }${invert ? " invert" : ""}${options.ignoreCase ? " ignoreCase" : ""}`,
    transformer(stats, ctx) {
      return (chunk) => {
        const items = chunk.items;
        const kept = new ChunkBuilder<string>();
        let i = 0;
        try {
          for (; i < items.length; i++) {
            if (test(items[i]!) !== invert) kept.keep(chunk, i);
          }
        } catch (error) {
          throw failAt(error, stats, ctx, chunk, i);
        }
        return kept.build(chunk);
      };
    },
  });
}
