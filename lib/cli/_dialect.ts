// Copyright 2026 the sluice authors. MIT license.
// A user's regular expression: what JavaScript would read differently from
// GNU grep. Apart from _regex.ts, which loads parallel() for its worker.

/**
 * What keeps `text` from meaning in JavaScript what it means to GNU grep,
 * said after the option's name (`--regex is JavaScript's dialect, ...`), or
 * undefined: a POSIX class or GNU's word anchors would be read as something
 * else, silently.
 */
export function dialectProblem(text: string): string | undefined {
  const posix =
    /\[:(alnum|alpha|blank|cntrl|digit|graph|lower|print|punct|space|upper|xdigit):\]/
      .exec(text);
  if (posix !== null) {
    return `is JavaScript's dialect, which has no POSIX class such as [${
      posix[0]
    }]: use \\d, \\s, \\w or \\p{\u2026} (e.g. \\p{L} for letters), got "${text}"`;
  }
  if (/(^|[^\\])(\\\\)*\\[<>]/.test(text)) {
    return `is JavaScript's dialect, which has no \\< or \\>: use \\b for a word boundary, got "${text}"`;
  }
  return undefined;
}
