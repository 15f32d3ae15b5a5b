// Copyright 2026 the sluice authors. MIT license.
// A regular expression applied to a list of lines, as grep's worker does
// and as the calling thread does for the lines it matches itself: one loop,
// so both keep the same lines and report a failure the same way.

/** The kept lines' indices, or where matching failed. */
export type LinesMatched =
  | {
    type: "kept";
    kept: number[];
    matches: string[][] | undefined;
  }
  | {
    type: "error";
    index: number;
    error: Error;
    /** The lines kept before it, and their matches when asked. */
    kept: number[];
    matches: string[][] | undefined;
  };

/**
 * The indices of `lines` that `test` matches (or, with `invert`, does not),
 * at most `limit` of them; with `onlyMatching`, each kept line's non-empty
 * matches of `global` too (never with `invert`).
 *
 * @param test The expression, without the `g` or `y` flag.
 * @param global The same with `g`, for the matches.
 * @param lines The lines.
 * @param options Keep the lines that do not match; send the matches; stop
 * after this many kept lines.
 * @returns What was kept, or where it failed.
 */
export function matchLines(
  test: RegExp,
  global: RegExp,
  lines: readonly string[],
  options: { invert: boolean; onlyMatching: boolean; limit: number },
): LinesMatched {
  const { invert, limit } = options;
  const kept: number[] = [];
  const matches: string[][] | undefined = options.onlyMatching && !invert
    ? []
    : undefined;
  let i = 0;
  try {
    for (; i < lines.length && kept.length < limit; i++) {
      const line = lines[i]!;
      if (test.test(line) === invert) continue;
      kept.push(i);
      if (matches !== undefined) {
        const parts: string[] = [];
        for (const m of line.matchAll(global)) {
          if (m[0] !== "") parts.push(m[0]);
        }
        matches.push(parts);
      }
    }
    return { type: "kept", kept, matches };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { type: "error", index: i, error: e, kept, matches };
  }
}
