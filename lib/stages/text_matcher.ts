// Copyright 2026 the sluice authors. MIT license.

import { caseRegExp, foldCase } from "./_case_fold.ts";

/** Options for {@linkcode textMatcher}. */
export interface TextMatcherOptions {
  /**
   * Match regardless of case, by GNU grep's rule, as {@linkcode grep}'s
   * `ignoreCase`: two characters match when their simple upper cases are
   * the same. A RegExp without the `u` flag gets the engine's own `i` flag.
   *
   * @default {false}
   */
  ignoreCase?: boolean;
}

/**
 * A test of whether a text contains `pattern`, by the rules of
 * {@linkcode grep}: a string is a literal (contained anywhere), a RegExp
 * is searched for, and `ignoreCase` folds case as GNU grep does. For
 * matching something other than a whole line, such as one field of a
 * parsed record.
 *
 * @param pattern A literal string, or a RegExp without the `g` or `y` flag.
 * @param options Whether to ignore case.
 * @returns A function that tells whether a text matches.
 * @throws {TypeError} When the pattern is not a string or a RegExp, or the
 * RegExp has the `g` or `y` flag (which makes `test()` stateful).
 *
 * @example A field's text, case ignored
 * ```ts
 * import { textMatcher } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const slow = textMatcher(/^5\d\d$/u);
 * assert.equal(slow("503"), true);
 * assert.equal(slow("200"), false);
 * const agent = textMatcher("curl", { ignoreCase: true });
 * assert.equal(agent("Mozilla CURL/8.0"), true);
 * ```
 */
export function textMatcher(
  pattern: string | RegExp,
  options: TextMatcherOptions = {},
): (text: string) => boolean {
  if (typeof pattern === "string") {
    if (!options.ignoreCase) return (text) => text.includes(pattern);
    const folded = foldCase(pattern);
    return (text) => foldCase(text).includes(folded);
  }
  if (!(pattern instanceof RegExp)) {
    throw new TypeError(
      `Cannot create text matcher: pattern must be a string or a RegExp, got ${typeof pattern}`,
    );
  }
  if (pattern.global || pattern.sticky) {
    throw new TypeError(
      `Cannot create text matcher: the RegExp ${pattern} has the g or y flag, which makes test() stateful`,
    );
  }
  const re = caseRegExp(pattern, options.ignoreCase === true);
  return (text) => re.test(text);
}
