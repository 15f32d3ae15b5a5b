// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/cli/_dialect.ts
function dialectProblem(text) {
  const posix = /\[:(alnum|alpha|blank|cntrl|digit|graph|lower|print|punct|space|upper|xdigit):\]/.exec(text);
  if (posix !== null) {
    return `is JavaScript's dialect, which has no POSIX class such as [${posix[0]}]: use \\d, \\s, \\w or \\p{\u2026} (e.g. \\p{L} for letters), got "${text}"`;
  }
  if (/(^|[^\\])(\\\\)*\\[<>]/.test(text)) {
    return `is JavaScript's dialect, which has no \\< or \\>: use \\b for a word boundary, got "${text}"`;
  }
  return void 0;
}

export {
  dialectProblem
};
