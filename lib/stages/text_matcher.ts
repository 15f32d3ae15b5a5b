// Copyright 2026 the sluice authors. MIT license.

import { caseRegExp, foldCase } from "./_case_fold.ts";
import { backtrackingOf } from "./_backtracking.ts";

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

/**
 * How the work of matching a regular expression against a text grows with
 * the text's length (see {@linkcode matchGrowth}): `"linear"`, at most a
 * fixed number of steps a character; `"quadratic"`, at most a fixed number
 * of steps a character squared; `"unbounded"`, more, or not known.
 */
export type MatchGrowth = "linear" | "quadratic" | "unbounded";

/**
 * How the work of {@linkcode textMatcher}`(pattern, options)` on a text
 * grows with the text's length, read from the pattern's source. JavaScript
 * matches by backtracking: an expression that can try a match in many ways,
 * such as `^(a|aa)+$`, can take minutes on one line made for it, and a
 * thread that matches cannot be interrupted meanwhile. This is the reading
 * {@linkcode grep}'s `worker` option uses to match in the calling thread
 * the expressions whose work stays bounded, for a caller who matches texts
 * of its own (a field of a record): match a `"linear"` expression where
 * you are, and one that is not where it can be stopped (a worker).
 *
 * The reading is conservative. A match is tried at every place of a text,
 * or once where the expression is anchored with `^` (one alternative, no
 * `m` flag); an unbounded repeat (`*`, `+`, `{n,}`) may try every length
 * for each way to go on; a repeat of one character that what follows can
 * never continue (`\S+ `, `[^"]*"`, one before `$` or at the end) gives
 * back at most its length, all such repeats together. Each of these is a
 * power of the text's length: at most one, and at most 256 ways to try at
 * one place, is `"linear"` (`^5\d\d$`, `^(?<ip>\S+) \S+ \S+ \[`,
 * `^.*timeout`); at most two and 4 ways, `"quadratic"` (`ERROR.*timeout`).
 * One with more, a repeated group (but an optional one), a backreference,
 * a repeat inside a lookaround, the `v` flag or a syntax the reading does
 * not know is `"unbounded"`, whatever it would take in fact.
 *
 * @param pattern The regular expression.
 * @param options Whether case is ignored, as {@linkcode textMatcher} would.
 * @returns `"linear"`, `"quadratic"` or `"unbounded"`.
 * @throws {TypeError} When the pattern is not a RegExp.
 *
 * @example Where to match a user's expression
 * ```ts
 * import { matchGrowth } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * assert.equal(matchGrowth(/^5\d\d$/u), "linear");
 * assert.equal(matchGrowth(/^(?<ip>\S+) \S+ \S+ \[/u), "linear");
 * assert.equal(matchGrowth(/time.*out/u), "quadratic");
 * assert.equal(matchGrowth(/^(a|aa)+$/u), "unbounded");
 * ```
 */
export function matchGrowth(
  pattern: RegExp,
  options: TextMatcherOptions = {},
): MatchGrowth {
  if (!(pattern instanceof RegExp)) {
    throw new TypeError(
      `Cannot read the growth of a match: pattern must be a RegExp, got ${typeof pattern}`,
    );
  }
  const re = caseRegExp(pattern, options.ignoreCase === true);
  return backtrackingOf(re.source, re.flags);
}
