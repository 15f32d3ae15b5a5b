// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  caseRegExp,
  foldCase
} from "./chunk-YI5BI3QP.js";
import {
  backtrackingOf
} from "./chunk-UFWFZGQU.js";

// lib/stages/text_matcher.ts
function textMatcher(pattern, options = {}) {
  if (typeof pattern === "string") {
    if (!options.ignoreCase) return (text) => text.includes(pattern);
    const folded = foldCase(pattern);
    return (text) => foldCase(text).includes(folded);
  }
  if (!(pattern instanceof RegExp)) {
    throw new TypeError(`Cannot create text matcher: pattern must be a string or a RegExp, got ${typeof pattern}`);
  }
  if (pattern.global || pattern.sticky) {
    throw new TypeError(`Cannot create text matcher: the RegExp ${pattern} has the g or y flag, which makes test() stateful`);
  }
  const re = caseRegExp(pattern, options.ignoreCase === true);
  return (text) => re.test(text);
}
function matchGrowth(pattern, options = {}) {
  if (!(pattern instanceof RegExp)) {
    throw new TypeError(`Cannot read the growth of a match: pattern must be a RegExp, got ${typeof pattern}`);
  }
  const re = caseRegExp(pattern, options.ignoreCase === true);
  return backtrackingOf(re.source, re.flags);
}

export {
  textMatcher,
  matchGrowth
};
