// Copyright 2026 the sluice authors. MIT license.
/**
 * `grep`, the stage that keeps the lines that match a pattern. Exported by the
 * package's root and by its own subpath, `jsr:@sluice/sluice/grep`: a script
 * that imports only the pieces it runs loads less code, and so holds less
 * memory (see the README's "Import only what you use").
 *
 * @module
 */

import {
  type Chunk,
  ChunkBuilder,
  lineOf,
  namePrefix,
  numberPrefix,
} from "../core/_chunk.ts";
import { defineStage } from "../core/_define.ts";
import { LiteralTrie, MANY_LITERALS } from "../core/_literal_trie.ts";
import { escapeLiteral, foldedRegExp, foldsBytes } from "../core/_bytes.ts";
import { failAt, type RunContext } from "../core/_context.ts";
import type { StageStats } from "../summary/_record.ts";
import type { Stage, StageOptions } from "../core/types.ts";
import { caseRegExp, foldPattern, OTHER_LOWER } from "./_case_fold.ts";
import { requiredLiteral } from "./_required_literal.ts";
import {
  type Backtracking,
  backtrackingOf,
  SHORT_LINE,
} from "./_backtracking.ts";
import {
  canStartWorker,
  type Kept,
  MatchFailure,
  overlapped,
  RegexWorker,
} from "./_grep_in_worker.ts";
import type { StageImpl } from "../core/_registry.ts";
import { keepCalls } from "./_per_item.ts";

/**
 * Chunks at grep's worker at once: one matched while the next is read and
 * waits, as parallel() keeps two tasks per worker.
 */
const IN_FLIGHT = 2;
const encoder = new TextEncoder();
/**
 * Chunks at grep's worker at once when only their lines that hold the
 * pattern's literal are sent: `grep -E 'status=50[0-9]'` over the 256 MiB
 * bench corpus at V8's defaults, 8: 4.2 s, 92 MiB; 16: 3.4 s, 103 MiB; 32:
 * 2.3 s, 106 MiB; 64: 2.3 s, 141 MiB (was 3.5 s, 109 MiB, every line sent,
 * 2 chunks at once).
 */
const SIFTED_IN_FLIGHT = 32;
/** Lines sifted before sifting is judged, and the share that ends it (1/8). */
const SIFT_TRIAL = 4096;
const SIFT_SHARE = 8;

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
   * their simple upper cases are the same ("i", "I" and the dotless i U+0131
   * match; the dotted capital I U+0130, the Kelvin sign and the sharp s
   * U+00DF match only themselves). For a literal, and for a
   * RegExp with the `u` flag (its letters and classes are rewritten; `\p{...}`
   * and back references keep their case); a RegExp without `u` gets the
   * engine's own `i` flag.
   *
   * @default {false}
   */
  ignoreCase?: boolean;
  /**
   * Emit each part of a kept line that matches, one item per part, instead
   * of the line, as `grep -o` does; a match of nothing is not emitted, and
   * with `invert` nothing is. The stage's summary row counts the lines kept
   * as `linesSelected`, those of which nothing was emitted too.
   *
   * @default {false}
   */
  onlyMatching?: boolean;
  /**
   * Put the number of the line and a colon before each item emitted
   * (`42:...`), as `grep -n` does. The number is the one the source gave the
   * line: after {@linkcode readLines}, its line number in its own input
   * (also when longer lines are split or skipped); otherwise the 1-based
   * item number.
   *
   * @default {false}
   */
  lineNumber?: boolean;
  /**
   * Put the name of the line's input and a colon before each item emitted
   * (before its number, with `lineNumber`), as `grep -H` does: after
   * {@linkcode readLines}, the path it read the line from (for a glob or a
   * directory, the file's own); "(standard input)" for standard input and
   * for an input without a path (a stream, an array). Over several inputs,
   * one run names each line's own.
   *
   * @default {false}
   */
  fileName?: boolean;
  /**
   * Keep at most this many lines, then end, as `grep -m` does: after
   * {@linkcode readLines}, reading stops there. With `onlyMatching`, it
   * counts lines, not matches.
   *
   * @default {Infinity}
   */
  maxCount?: number;
  /**
   * Also emit up to this many lines before each kept line, as `grep -B`
   * does (see `after` for how they are marked and separated).
   *
   * @default {0}
   */
  before?: number;
  /**
   * Also emit up to this many lines after each kept line, as `grep -A`
   * does. With `before` or `after`, a line is emitted once however many
   * kept lines it is near; with `fileName` or `lineNumber`, a kept line's
   * name and number end with a colon and a context line's with a hyphen
   * (`7-...`), as grep marks them; and `separator` stands between two
   * groups of lines that do not touch, also from one input to the next.
   * Each input's context is its own: no line of one is context of a line
   * of the next. With `maxCount`, the lines after the last kept one are
   * context, matching or not. Given as 0, `before` or `after` still
   * separates the groups, as `grep -A 0` does. Not with `onlyMatching`.
   *
   * @default {0}
   */
  after?: number;
  /**
   * With `before` or `after`: the item emitted between groups of lines
   * that do not touch, as grep's `--group-separator`; `false` for none.
   *
   * @default {"--"}
   */
  separator?: string | false;
  /**
   * Match a `RegExp` in a worker thread, a chunk of lines at a time, where
   * its work on a line could grow faster than the line's length, so that an
   * expression that backtracks for minutes on a line (`^(a|aa)+$` on 40
   * `a`s and a `b`) does not block this thread: an abort of the run (its
   * `signal`, Ctrl-C in the command line) ends the worker mid-match and the
   * run rejects at once. The output is the same, line numbers and all. The
   * worker starts with the first chunk it gets and ends with the run.
   *
   * What goes to the worker is read from the expression's source: one with
   * a repeated group (but an optional one), a backreference, a repeat inside
   * a lookaround or several unbounded repeats (`a.*b.*c`), or that the
   * reading does not know, always. One with no unbounded repeat
   * (`/status=50[34]/u`, `/latency_ms=[0-9]{4}/u`, alternatives and bounded
   * repeats multiplying to at most 256 ways), or anchored with `^` and with
   * one unbounded repeat (`/^.*timeout/u`) or only repeats of one character
   * that what follows can never continue (`/^\S+ \S+ \[/u`), is matched in
   * this thread: a line costs it at most a fixed number of steps a
   * character. One with a single unbounded repeat (`/ERROR.*timeout/u`, at
   * most 4 ways), only repeats such as those and no `^`
   * (`/"[A-Z]+ [^ "]+"/u`), or anchored with `^` and one more repeat
   * (`/^\S+ ERROR .*timeout/u`, `/^a.*b.*c/u`), costs at most the square of
   * a line's length: it is matched in this thread on lines of up to 8,192
   * UTF-16 code units, in the worker on longer ones.
   * Where the worker's module cannot be read (no read permission for the
   * package's files), the expression is matched in this thread. A literal
   * string is always searched in this thread: it cannot backtrack.
   *
   * @default {false}
   */
  worker?: boolean;
}

/** The shortest piece of a literal that {@linkcode foldedPiece} gives. */
const FOLDED_PIECE = 3;

/**
 * What every line that holds `literal`, case ignored, holds with its ASCII
 * letters in either case: the literal itself where {@linkcode foldsBytes}
 * allows it, else its longest piece between its letters "i" and "s" (which
 * the dotless i and the long s match too; `meout` of `timeout`), when that
 * is long enough to be rare; or undefined.
 */
function foldedPiece(literal: string): string | undefined {
  if (foldsBytes(literal)) return literal;
  let longest = "";
  for (const piece of literal.split(/[isIS]/)) {
    if (piece.length > longest.length && foldsBytes(piece)) longest = piece;
  }
  return longest.length >= FOLDED_PIECE ? longest : undefined;
}

/**
 * The characters outside ASCII whose simple upper case is that of one of
 * `literal`'s letters (the dotless i for "i", the long s for "s"): those a
 * line may hold where it holds `literal`, case ignored, and not its bytes
 * with their ASCII letters in either case.
 */
function foldedOthers(literal: string): string[] {
  const upper = literal.toUpperCase();
  return [...OTHER_LOWER].filter((ch) => {
    const u = ch.toUpperCase();
    return u.length === 1 && u.charCodeAt(0) < 0x80 && upper.includes(u);
  });
}

/**
 * Keeps the lines that contain `pattern` (a literal string, or any of
 * several, as `grep -F -e A -e B`) or match it (a `RegExp`), like `grep`.
 *
 * Right after {@linkcode readLines} in a {@linkcode pipeline}, a literal,
 * case-sensitive pattern (or several), without `onlyMatching` or
 * `maxCount`, is fused into the reader: it searches the bytes it reads for
 * the pattern's UTF-8 and decodes only the lines it keeps, instead of
 * decoding, splitting and testing every line; when only their number
 * matters, none; with {@linkcode writeLines} right after the grep, none
 * either: their bytes go to the writer as they are (with `lineNumber`, after
 * their numbers), unless a line's CR must be stripped or its bytes are not
 * UTF-8. So is one literal with `ignoreCase` that is ASCII and holds no
 * "i" or "s" (which the dotless i and the long s match too): its letters
 * are searched in either case (`sluice grep -c -i error` over the 256 MiB
 * bench corpus: 0.70 -> 0.18 s, medians of 5 in turns); with `onlyMatching`
 * or `maxCount`, the reader hands on only the lines that hold it so, the
 * others never decoded. So is one with "i" or "s": the lines that hold it on
 * bytes, its letters in either case, are kept (with `invert`, only counted),
 * and only those with a dotless i or long s and not it so are decoded and
 * tested (`sluice grep -c -i timeout` over the 1 GiB bench corpus: 0.87 ->
 * 0.46 s, GNU grep 1.02 s; into a file 1.29 -> 1.01 s); with `onlyMatching`
 * or `maxCount`, or from a `fatal` reader, it gets, while few lines hold
 * it, only the lines that hold its longest piece without them (`meout` of
 * `timeout`), found so (`sluice grep -c -i failed` over the 256 MiB bench
 * corpus: 0.80 -> 0.29 s). With `invert` and one literal, a count is fused,
 * and lines that go to {@linkcode writeLines} as their bytes:
 * `sluice grep -v ERROR` over the 256 MiB bench corpus into a file took
 * 0.77 s where it took 1.18 (medians of 5 in turns). Line numbers stay
 * exact. With `fatal`, a line that is not UTF-8 is therefore
 * reported only when it is kept. The summary still shows `grep` as a stage
 * of its own. Otherwise a grep that keeps whole lines (no `onlyMatching`,
 * `lineNumber` or `maxCount`) and matches in this thread is fused as
 * `filter` is: the reader runs its test on each line as it cuts it out.
 * A `RegExp` each match of which holds a literal (`status=50` of
 * `/status=50\d/u`; not with an alternation at the top level, the `i` flag
 * or `invert`) gets from the reader, while few lines hold it, only the
 * lines that do, found on their bytes, the others never decoded; once most
 * do, every line. Where it matches in a worker, only those lines are sent.
 *
 * Memory: one chunk in flight, and with `before` that many lines read and
 * not yet emitted; with `worker`, two chunks (one matched while the next
 * is read), their copies at the worker and what it keeps of them (one
 * chunk at a time in a checkpointed run, or with `maxCount`). When every
 * match holds some plain text of the pattern (`status=50` of
 * `/status=50\d/u`) and few lines do, only those lines go to the worker,
 * up to 32 chunks' worth of them at once, several chunks' in one message
 * (with `before` or `after`, two chunks' worth).
 *
 * @param pattern A literal string, an array of them (a line is kept when it
 * holds any; with `onlyMatching`, the longest that starts leftmost is each
 * match), or a regular expression (without the `g` or `y` flag).
 * @param options `invert`, `ignoreCase`, GNU grep's `-o`, `-n`, `-H`, `-m`,
 * `-B` and `-A` (`onlyMatching`, `lineNumber`, `fileName`, `maxCount`,
 * `before`, `after`, with `separator` between groups), whether to match in
 * a `worker`, and the stage's name.
 * @returns The stage.
 * @throws {TypeError} When `pattern` is neither a string, an array of
 * strings nor a RegExp, or is a RegExp with the `g` or `y` flag; when
 * `onlyMatching` is given with `before` or `after`.
 * @throws {RangeError} When `pattern` is an empty array, or `maxCount`,
 * `before` or `after` is not an integer of at least 0.
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
 * const either: string[] = [];
 * for await (const l of pipeline(lines, grep(["INFO", "error"]))) either.push(l);
 * assert.deepEqual(either, ["a INFO", "c error"]);
 * ```
 *
 * @example The matches with their line numbers, as grep -on
 * ```ts
 * import { grep, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["id=7 ok", "none", "id=8 id=9"];
 * const out: string[] = [];
 * const stage = grep(/id=\d+/u, { onlyMatching: true, lineNumber: true });
 * for await (const l of pipeline(lines, stage)) out.push(l);
 * assert.deepEqual(out, ["1:id=7", "3:id=8", "3:id=9"]);
 * ```
 *
 * @example The lines of several files, each after its file's name, as grep -Hn
 * ```ts
 * import { grep, pipeline, readLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.log`, "ok\nERROR disk\n");
 * await Deno.writeTextFile(`${dir}/b.log`, "ERROR net\n");
 * const out: string[] = [];
 * const lines = readLines([`${dir}/a.log`, `${dir}/b.log`]);
 * const stage = grep("ERROR", { fileName: true, lineNumber: true });
 * for await (const l of pipeline(lines, stage)) out.push(l);
 * assert.deepEqual(out, [`${dir}/a.log:2:ERROR disk`, `${dir}/b.log:1:ERROR net`]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @example The lines around each error, as grep -n -B 1 -A 1
 * ```ts
 * import { grep, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const lines = ["a", "b", "ERROR 1", "c", "d", "e", "ERROR 2"];
 * const stage = grep("ERROR", { before: 1, after: 1, lineNumber: true });
 * const out: string[] = [];
 * for await (const l of pipeline(lines, stage)) out.push(l);
 * assert.deepEqual(out, ["2-b", "3:ERROR 1", "4-c", "--", "6-e", "7:ERROR 2"]);
 * ```
 *
 * @example An abort stops a backtracking expression matched in a worker
 * ```ts
 * import { grep, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * // ^(a|aa)+$ takes seconds to fail on the second line; the abort ends
 * // the worker there. (The lines are one chunk: none was handed on yet.)
 * const lines = ["aa", "a".repeat(40) + "b", "aaaa"];
 * const stage = grep(/^(a|aa)+$/u, { worker: true, lineNumber: true });
 * const signal = AbortSignal.timeout(200);
 * const out: string[] = [];
 * await assert.rejects(async () => {
 *   for await (const l of pipeline(lines, stage, { signal })) out.push(l);
 * }, { name: "TimeoutError" });
 * assert.deepEqual(out, []);
 * ```
 */
export function grep(
  pattern: string | readonly string[] | RegExp,
  options: GrepOptions = {},
): Stage<string, string> {
  if (Array.isArray(pattern)) {
    if (pattern.length === 0) {
      throw new RangeError(
        "Cannot create grep stage: pattern is an empty array of literals",
      );
    }
    for (const p of pattern) {
      if (typeof p !== "string") {
        throw new TypeError(
          `Cannot create grep stage: pattern must be an array of strings, got an array holding ${typeof p}`,
        );
      }
    }
    if (pattern.length === 1) pattern = pattern[0] as string;
  }
  let test: (line: string) => boolean;
  // What -o searches with: the pattern as a global RegExp, case folded.
  let global: RegExp;
  // The expression (case folded) when it is matched in a worker.
  let inWorker: RegExp | undefined;
  // The expression (case folded), wherever it is matched.
  let expression: RegExp | undefined;
  // How the work of matching the expression grows with a line's length.
  let backtracking: Backtracking = "unbounded";
  if (typeof pattern === "string") {
    const escaped = escapeLiteral(pattern);
    if (options.ignoreCase && foldsBytes(pattern)) {
      // Its letters have no case variants outside ASCII: no table of them
      // (built over every code point, about 1.7 MiB of RSS).
      const re = foldedRegExp(pattern, "");
      test = (line) => re.test(line);
      global = foldedRegExp(pattern, "g");
    } else if (options.ignoreCase) {
      // The pattern's letters as classes of their case variants, by the
      // same rule as folding each line (foldCase(line).includes(folded)),
      // and 9x as fast over the first 30 MB of the bench corpus.
      const folded = foldPattern(escaped);
      const re = new RegExp(folded, "u");
      test = (line) => re.test(line);
      global = new RegExp(folded, "gu");
    } else {
      test = (line) => line.includes(pattern);
      global = new RegExp(escaped, "gu");
    }
  } else if (Array.isArray(pattern)) {
    const literals = [...pattern] as string[];
    // Longest first: at the leftmost place where several start, -o takes
    // the longest, as GNU grep does.
    const escaped = [...literals].sort((a, b) => b.length - a.length)
      .map(escapeLiteral);
    if (options.ignoreCase) {
      const folded = escaped.map(foldPattern).join("|");
      const re = new RegExp(folded, "u");
      test = (line) => re.test(line);
      global = new RegExp(folded, "gu");
    } else if (
      literals.length >= MANY_LITERALS &&
      literals.every((l) => l !== "" && !l.includes("\n") && l.isWellFormed())
    ) {
      // Many: one walk of their trie over the line's UTF-8, not an includes
      // for each (`sluice grep -v -c` of 1,000 request ids over the first 16
      // MiB of the bench corpus: 3.69 -> 0.25 s; `grep -v` of them over 256
      // MiB 1.46 s, GNU grep -v -F -f 0.70).
      const trie = new LiteralTrie(literals.map((l) => encoder.encode(l)));
      let scratch = new Uint8Array(4096);
      test = (line) => {
        if (3 * line.length > scratch.length) {
          scratch = new Uint8Array(3 * line.length);
        }
        const { written } = encoder.encodeInto(line, scratch);
        return trie.holdsAny(scratch, 0, written);
      };
      global = new RegExp(escaped.join("|"), "gu");
    } else {
      test = (line) => {
        for (let k = 0; k < literals.length; k++) {
          if (line.includes(literals[k]!)) return true;
        }
        return false;
      };
      global = new RegExp(escaped.join("|"), "gu");
    }
  } else if (pattern instanceof RegExp) {
    if (pattern.global || pattern.sticky) {
      throw new TypeError(
        `Cannot create grep stage: the RegExp ${pattern} has the g or y flag, which makes test() stateful`,
      );
    }
    const re = caseRegExp(pattern, options.ignoreCase === true);
    expression = re;
    test = (line) => re.test(line);
    global = new RegExp(re.source, re.flags + "g");
    if (options.worker === true) {
      // An expression whose work grows with a line's length, no faster, is
      // matched here: as fast as an abort is heard between chunks
      // (`sluice grep -c -E 'latency_ms=[0-9]{4}'` over the 256 MiB bench
      // corpus, 2 rounds in turns: 1.72 s and 110.8 MiB in the worker, 0.58
      // s and 61.8 MiB here). One whose work grows with its square, here on
      // short lines only (see RegexWorker).
      backtracking = backtrackingOf(re.source, re.flags);
      if (backtracking !== "linear" && canStartWorker()) inWorker = re;
    }
  } else {
    throw new TypeError(
      `Cannot create grep stage: pattern must be a string, an array of strings or a RegExp, got ${typeof pattern}`,
    );
  }
  const maxCount = options.maxCount ?? Infinity;
  if (
    maxCount !== Infinity && (!Number.isSafeInteger(maxCount) || maxCount < 0)
  ) {
    throw new RangeError(
      `Cannot create grep stage: maxCount must be an integer of at least 0, got ${maxCount}`,
    );
  }
  const invert = options.invert ?? false;
  const onlyMatching = options.onlyMatching ?? false;
  const before = options.before ?? 0;
  const after = options.after ?? 0;
  for (const [what, n] of [["before", before], ["after", after]] as const) {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(
        `Cannot create grep stage: ${what} must be an integer of at least 0, got ${n}`,
      );
    }
  }
  const separator = options.separator ?? "--";
  if (separator !== false && typeof separator !== "string") {
    throw new TypeError(
      `Cannot create grep stage: separator must be a string or false, got ${typeof separator}`,
    );
  }
  // Given, even as 0 (as grep -A 0), groups are separated.
  const withContext = options.before !== undefined ||
    options.after !== undefined;
  if (withContext && onlyMatching) {
    throw new TypeError(
      "Cannot create grep stage: onlyMatching takes no context lines (before, after)",
    );
  }
  const lineNumber = options.lineNumber ?? false;
  const fileName = options.fileName ?? false;
  const plain = !onlyMatching && !lineNumber && !fileName &&
    maxCount === Infinity;
  // Its short lines matched here, when its work grows with their square.
  const short = backtracking === "quadratic";
  // Whole lines, all of them, by an expression whose work grows with the
  // square of a line's length: matched here as a filter matches, a line
  // longer than SHORT_LINE in the worker, the filter waiting for its answer
  // (`sluice grep -c -E 'latency_ms=[0-9]+[0-9]{3} '` over the 256 MiB bench
  // corpus, 3 rounds in turns: 0.71 s and 68.4 MiB with every chunk through
  // the worker's calls, 0.56 s and 62.0 MiB so).
  const longInWorker = inWorker !== undefined && short && plain &&
      !withContext
    ? inWorker
    : undefined;
  if (longInWorker !== undefined) inWorker = undefined;
  /** The test of a line a filter makes, in one run. */
  const keepOf = (stats: StageStats, ctx: RunContext) => {
    if (longInWorker === undefined) {
      return (line: string) => test(line) !== invert;
    }
    const worker = new RegexWorker(
      longInWorker,
      { invert, onlyMatching: false },
      ctx,
      stats,
    );
    return (line: string) =>
      line.length <= SHORT_LINE
        ? test(line) !== invert
        : worker.match([line], 1).then(
          (result) => result.kept.length === 1,
          (error) => {
            throw error instanceof MatchFailure ? error.error : error;
          },
        );
  };
  // Only a literal that can lie inside one line is worth fusing; the reader
  // then keeps the lines themselves (numbered as they go on, with
  // lineNumber), so only a grep that keeps whole lines, all of them.
  const fusable = (p: string) => p !== "" && !/[\r\n]/.test(p);
  const whole = !onlyMatching && maxCount === Infinity;
  // Ignoring case, one literal whose letters only ASCII letters match (see
  // foldsBytes): the reader searches its bytes in either case.
  const literal = !whole
    ? undefined
    : options.ignoreCase
    ? typeof pattern === "string" && foldsBytes(pattern) ? pattern : undefined
    : typeof pattern === "string"
    ? fusable(pattern) ? pattern : undefined
    : Array.isArray(pattern) && pattern.every(fusable)
    ? [...pattern] as string[]
    : undefined;
  // One literal matched as it is (not case folded): what -o emits of it.
  // (A well-formed one matches where the expression in Unicode mode does.)
  const plainLiteral = typeof pattern === "string" && pattern !== "" &&
      pattern.isWellFormed() && !options.ignoreCase
    ? pattern
    : undefined;
  // The name before each line of a chunk, made once per path.
  let namedPath: string | undefined;
  let name = "";
  /**
   * What goes before line `n` of `chunk`: its input's name (the chunk's
   * path, or the run's one input's), its number.
   */
  const leadOf = (chunk: Chunk<string>, ctx: RunContext, n: number) => {
    if (!fileName) return lineNumber ? numberPrefix(n) : "";
    const path = chunk.path ?? ctx.path;
    if (path !== namedPath || name === "") {
      namedPath = path;
      name = namePrefix(path);
    }
    return lineNumber ? name + numberPrefix(n) : name;
  };
  /** What a kept line becomes: itself, or its matches; numbered or not. */
  const emit = (
    kept: ChunkBuilder<string>,
    chunk: Chunk<string>,
    ctx: RunContext,
    line: string,
    n: number,
  ) => {
    const prefix = leadOf(chunk, ctx, n);
    if (!onlyMatching) {
      kept.push(prefix + line, n);
      return;
    }
    if (invert) return;
    if (plainLiteral !== undefined) {
      // Each match is the literal itself: found with indexOf, not matchAll
      // (`sluice grep -o req=` over the 256 MiB bench corpus, 1.7 million
      // matches: 1.82 -> 1.19 s, 3 rounds in turns).
      const text = prefix + plainLiteral;
      const step = plainLiteral.length;
      for (
        let at = line.indexOf(plainLiteral);
        at !== -1;
        at = line.indexOf(plainLiteral, at + step)
      ) kept.push(text, n);
      return;
    }
    for (const m of line.matchAll(global)) {
      if (m[0] !== "") kept.push(prefix + m[0], n);
    }
  };
  const matchOptions = { invert, onlyMatching, short };
  // Text every match of the worker's expression holds (not with invert,
  // which keeps the lines without it): only the lines with it are sent.
  // (Matched here, the reader needs to hand on only those too.)
  const required = expression === undefined || invert
    ? undefined
    : requiredLiteral(expression.source, expression.flags);
  // A literal that ignores case, or its longest piece whose letters only
  // ASCII letters match (see foldsBytes): a reader right before may find
  // the lines that can match on their bytes, its letters in either case,
  // and decode no other. `sluice grep -c -i error` over the 256 MiB bench
  // corpus spent 193 ms of its profile in the expression and about 300
  // decoding every line.
  const foldedSieve = typeof pattern === "string" &&
      options.ignoreCase === true && !invert
    ? foldedPiece(pattern)
    : undefined;
  const sieve = required ?? foldedSieve;
  const sieveFolds = foldedSieve !== undefined;
  // One ASCII literal with "i" or "s", case ignored: a reader before it may
  // keep the lines that hold it on bytes, and test only those with a
  // dotless i or long s and not it so (see readerFiltersLiteral in
  // core/_plan.ts).
  const others = whole && typeof pattern === "string" &&
      options.ignoreCase === true && fusable(pattern) &&
      !foldsBytes(pattern) &&
      [...pattern].every((ch) => ch.charCodeAt(0) < 0x80)
    ? foldedOthers(pattern)
    : [];
  const foldedLiteral = others.length === 0 ? undefined : {
    literal: pattern as string,
    invert,
    also: { literals: others, holds: test },
  };
  /** The lines of `chunk` that hold `required`, numbered; or undefined. */
  const sifted = (chunk: Chunk<string>): Chunk<string> | undefined => {
    const out = new ChunkBuilder<string>();
    const items = chunk.items;
    for (let i = 0; i < items.length; i++) {
      if (items[i]!.includes(required!)) out.keep(chunk, i);
    }
    return out.build(chunk);
  };
  const bound = inWorker === undefined
    ? "1 chunk"
    : `${IN_FLIGHT} chunks (or the lines of ${SIFTED_IN_FLIGHT} that hold the pattern's literal), and their copies in a worker`;
  /**
   * What `worker` keeps of `given`, at most `limit` lines, built as this
   * thread would have built it: numbered by the chunk's own line numbers.
   * With `sift`, only its lines that hold the literal are sent.
   */
  const inWorkerOf = async (
    worker: RegexWorker,
    given: Chunk<string>,
    limit: number,
    kept: ChunkBuilder<string>,
    stats: StageStats,
    ctx: RunContext,
    sift: boolean,
  ): Promise<number> => {
    const chunk = sift ? sifted(given) : given;
    if (chunk === undefined) return 0;
    let result: Kept;
    try {
      result = await worker.match(chunk.items, limit);
    } catch (error) {
      if (!(error instanceof MatchFailure)) throw error;
      throw failAt(error.error, stats, ctx, chunk, error.index);
    }
    const indices = result.kept;
    if (onlyMatching) stats.count("linesSelected", indices.length);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (plain) {
        kept.keep(chunk, i);
        continue;
      }
      const n = lineOf(chunk, i);
      const prefix = leadOf(chunk, ctx, n);
      if (!onlyMatching) kept.push(prefix + chunk.items[i]!, n);
      else {
        // None with invert: such a line is kept but nothing of it emitted.
        for (const m of result.matches?.[k] ?? []) kept.push(prefix + m, n);
      }
    }
    return indices.length;
  };
  const settings = `${
    typeof pattern === "string" || Array.isArray(pattern)
      ? JSON.stringify(pattern)
      : String(pattern)
  }${invert ? " invert" : ""}${options.ignoreCase ? " ignoreCase" : ""}${
    onlyMatching ? " onlyMatching" : ""
  }${lineNumber ? " lineNumber" : ""}${fileName ? " fileName" : ""}${
    maxCount === Infinity ? "" : ` maxCount ${maxCount}`
  }${
    withContext
      ? ` before ${before} after ${after} separator ${
        JSON.stringify(separator)
      }`
      : ""
  }`;
  if (withContext) {
    // Every line is looked at, in order (no sieve, nothing fused into the
    // reader); the module is loaded on first use.
    const worker = inWorker;
    return defineStage<string, string>({
      kind: "grep",
      name: options.name,
      bound: worker === undefined
        ? `1 chunk + ${before} lines`
        : `${IN_FLIGHT} chunks + ${before} lines, and their lines that may match in a worker`,
      settings,
      unresumable:
        "with before or after, it holds lines from one chunk to the next",
      async *run(input, stats, ctx) {
        const { contextRun } = await import("./_grep_context.ts");
        yield* contextRun(
          input,
          stats,
          ctx,
          {
            before,
            after,
            separator: separator === false ? undefined : separator,
            maxCount,
            fileName,
            lineNumber,
          },
          worker === undefined ? { test: (line) => test(line) !== invert } : {
            // Asked which lines match; -v is applied there.
            worker: () =>
              new RegexWorker(
                worker,
                { invert: false, onlyMatching: false, short },
                ctx,
                stats,
                () => IN_FLIGHT,
              ),
            required: requiredLiteral(worker.source, worker.flags),
            trial: SIFT_TRIAL,
            share: SIFT_SHARE,
            invert,
            // The next chunk read and sent while the worker matches one; all
            // its lines wait for the answer (`sluice grep -n -C2 -E
            // 'status=50[34]'` over the 256 MiB bench corpus, 3 rounds in
            // turns: 1, 2, 4 and 8 chunks 2.36, 1.65, 1.53 and 1.50 s; 88.8,
            // 88.0, 96.5 and 100.6 MiB; 5 rounds, 2 and 4 chunks: 1.59 and
            // 1.53 s, 87.6 and 89.1 MiB, and with `-C1 -E
            // 'status=[23]0[0-9]'`, most lines selected, 2.58 and 2.42 s,
            // 119.5 and 122.9 MiB).
            inFlight: IN_FLIGHT,
          },
        );
      },
    });
  }
  if (maxCount !== Infinity) {
    return defineStage<string, string>({
      kind: "grep",
      name: options.name,
      bound: inWorker === undefined
        ? "1 chunk"
        : "1 chunk, and its copy in a worker",
      settings,
      sieve,
      sieveFolds,
      async *run(input, stats, ctx) {
        let left = maxCount;
        if (left === 0) return;
        const worker = inWorker === undefined
          ? undefined
          : new RegexWorker(inWorker, matchOptions, ctx, stats);
        for await (const chunk of input) {
          const items = chunk.items;
          const kept = new ChunkBuilder<string>();
          if (worker !== undefined) {
            if (items.length === 0) continue;
            left -= await inWorkerOf(
              worker,
              chunk,
              left,
              kept,
              stats,
              ctx,
              required !== undefined,
            );
            const out = kept.build(chunk);
            if (out !== undefined) yield out;
            if (left === 0) return;
            continue;
          }
          let i = 0;
          const had = left;
          try {
            for (; i < items.length && left > 0; i++) {
              if (test(items[i]!) === invert) continue;
              emit(kept, chunk, ctx, items[i]!, lineOf(chunk, i));
              left--;
            }
          } catch (error) {
            throw failAt(error, stats, ctx, chunk, i);
          }
          if (onlyMatching) stats.count("linesSelected", had - left);
          const out = kept.build(chunk);
          if (out !== undefined) yield out;
          if (left === 0) return;
        }
      },
    });
  }
  return defineStage<string, string>({
    kind: "grep",
    name: options.name,
    bound,
    literal,
    literalFolds: literal !== undefined && options.ignoreCase === true,
    foldedLiteral,
    invert,
    numbered: lineNumber,
    named: fileName,
    settings,
    sieve,
    sieveFolds,
    // Whole lines matched in this thread: a line source may match each line
    // as it cuts it out (when it does not search for the literal itself):
    // `grep(/ERROR/)` over the 1 GiB bench corpus 1.40 -> 1.29 s, `sluice
    // grep -c -i ERROR` 1.69 -> 1.59 s (medians of 7 in turns).
    keeps: inWorker === undefined && plain
      ? (stats, ctx) => keepCalls(keepOf(stats, ctx), stats, ctx)
      : undefined,
    ...(inWorker === undefined ? {} : {
      // The next chunk is read while the worker matches one; a checkpointed
      // run takes the transformer below, one chunk at a time.
      overlaps: true,
      run(input, stats, ctx) {
        // Sifting while few lines hold the literal: then many chunks' few
        // lines may wait at once, and go to the worker together.
        let sifting = required !== undefined;
        let seen = 0;
        let held = 0;
        const inFlight = () => sifting ? SIFTED_IN_FLIGHT : IN_FLIGHT;
        const worker = new RegexWorker(
          inWorker,
          matchOptions,
          ctx,
          stats,
          inFlight,
        );
        const matched = async (sent: Chunk<string>) => {
          const kept = new ChunkBuilder<string>();
          await inWorkerOf(worker, sent, Infinity, kept, stats, ctx, false);
          return kept.build(sent);
        };
        return overlapped(input, (chunk) => {
          if (!sifting) return matched(chunk);
          // Only the lines that hold the literal wait for the worker's
          // answer; the chunk itself is let go at once.
          const sent = sifted(chunk);
          seen += chunk.items.length;
          held += sent?.items.length ?? 0;
          // Most lines hold it: sifting keeps little back, and the chunks
          // that wait would hold most lines (RSS 236 against 110 MiB).
          if (seen >= SIFT_TRIAL && held * SIFT_SHARE > seen) sifting = false;
          return sent === undefined
            ? Promise.resolve(undefined)
            : matched(sent);
        }, inFlight);
      },
    } satisfies Partial<StageImpl<string, string>>),
    transformer(stats, ctx) {
      if (longInWorker !== undefined) {
        return keepCalls(keepOf(stats, ctx), stats, ctx).transform;
      }
      if (inWorker !== undefined) {
        const worker = new RegexWorker(inWorker, matchOptions, ctx, stats);
        return async (chunk) => {
          const kept = new ChunkBuilder<string>();
          const sift = required !== undefined;
          await inWorkerOf(worker, chunk, Infinity, kept, stats, ctx, sift);
          return kept.build(chunk);
        };
      }
      return (chunk) => {
        const items = chunk.items;
        const kept = new ChunkBuilder<string>();
        let i = 0;
        try {
          if (plain) {
            for (; i < items.length; i++) {
              if (test(items[i]!) !== invert) kept.keep(chunk, i);
            }
          } else {
            let selected = 0;
            for (; i < items.length; i++) {
              if (test(items[i]!) !== invert) {
                emit(kept, chunk, ctx, items[i]!, lineOf(chunk, i));
                selected++;
              }
            }
            if (onlyMatching) stats.count("linesSelected", selected);
          }
        } catch (error) {
          throw failAt(error, stats, ctx, chunk, i);
        }
        return kept.build(chunk);
      };
    },
  });
}
