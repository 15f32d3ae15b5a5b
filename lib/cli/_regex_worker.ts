// Copyright 2026 the sluice authors. MIT license.
// What parallel() runs in its worker for `--format regex:PATTERN`: a user's
// regular expression applied to lines off the main thread, so that the main
// thread still hears Ctrl-C however long the expression backtracks (see
// _regex.ts).

import { textMatcher } from "../stages/text_matcher.ts";

/**
 * The function parallel() calls on each line for `--format regex:PATTERN`:
 * the expression's named groups (`null` for one that took no part), or the
 * line itself when the expression does not match it, for the main thread
 * to report as parse does.
 */
export function regexRecords(
  source: string,
  flags: string,
): (line: string) => Record<string, string | null> | string {
  const re = new RegExp(source, flags.replace(/[gy]/g, ""));
  return (line) => {
    const groups = re.exec(line)?.groups;
    if (groups === undefined) return line;
    const out: Record<string, string | null> = {};
    for (const name in groups) out[name] = groups[name] ?? null;
    return out;
  };
}

/**
 * The function parallel() calls on each field for `grep -E -k FIELD`:
 * whether the expression matches the field's text, by grep's rules (`-i` as
 * GNU folds case); a missing field (`null`) never matches.
 */
export function fieldTest(
  source: string,
  flags: string,
  ignoreCase: boolean,
): (text: string | null) => boolean {
  const test = textMatcher(new RegExp(source, flags), { ignoreCase });
  return (text) => text !== null && test(text);
}
