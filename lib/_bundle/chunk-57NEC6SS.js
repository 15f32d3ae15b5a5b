// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/stages/_match_lines.ts
function matchLines(test, global, lines, options) {
  const { invert, limit } = options;
  const kept = [];
  const matches = options.onlyMatching && !invert ? [] : void 0;
  let i = 0;
  try {
    for (; i < lines.length && kept.length < limit; i++) {
      const line = lines[i];
      if (test.test(line) === invert) continue;
      kept.push(i);
      if (matches !== void 0) {
        const parts = [];
        for (const m of line.matchAll(global)) {
          if (m[0] !== "") parts.push(m[0]);
        }
        matches.push(parts);
      }
    }
    return {
      type: "kept",
      kept,
      matches
    };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return {
      type: "error",
      index: i,
      error: e,
      kept,
      matches
    };
  }
}

export {
  matchLines
};
