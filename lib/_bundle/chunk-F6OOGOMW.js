// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  LiteralTrie,
  MANY_LITERALS
} from "./chunk-I5EFAMPC.js";
import {
  MatchFailure,
  RegexWorker,
  canStartWorker,
  overlapped
} from "./chunk-7INCLF7L.js";
import {
  OTHER_LOWER,
  caseRegExp,
  foldPattern
} from "./chunk-YI5BI3QP.js";
import {
  SHORT_LINE,
  backtrackingOf,
  requiredLiteral
} from "./chunk-UFWFZGQU.js";
import {
  escapeLiteral,
  foldedRegExp,
  foldsBytes
} from "./chunk-R7VB6IFH.js";
import {
  keepCalls
} from "./chunk-DBGDXXNI.js";
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  failAt
} from "./chunk-XSSWW4V7.js";
import {
  ChunkBuilder,
  lineOf,
  namePrefix,
  numberPrefix
} from "./chunk-LTYBISTW.js";

// lib/stages/grep.ts
var IN_FLIGHT = 2;
var encoder = new TextEncoder();
var SIFTED_IN_FLIGHT = 32;
var SIFT_TRIAL = 4096;
var SIFT_SHARE = 8;
var FOLDED_PIECE = 3;
function foldedPiece(literal) {
  if (foldsBytes(literal)) return literal;
  let longest = "";
  for (const piece of literal.split(/[isIS]/)) {
    if (piece.length > longest.length && foldsBytes(piece)) longest = piece;
  }
  return longest.length >= FOLDED_PIECE ? longest : void 0;
}
function foldedOthers(literal) {
  const upper = literal.toUpperCase();
  return [
    ...OTHER_LOWER
  ].filter((ch) => {
    const u = ch.toUpperCase();
    return u.length === 1 && u.charCodeAt(0) < 128 && upper.includes(u);
  });
}
function grep(pattern, options = {}) {
  if (Array.isArray(pattern)) {
    if (pattern.length === 0) {
      throw new RangeError("Cannot create grep stage: pattern is an empty array of literals");
    }
    for (const p of pattern) {
      if (typeof p !== "string") {
        throw new TypeError(`Cannot create grep stage: pattern must be an array of strings, got an array holding ${typeof p}`);
      }
    }
    if (pattern.length === 1) pattern = pattern[0];
  }
  let test;
  let global;
  let inWorker;
  let expression;
  let backtracking = "unbounded";
  if (typeof pattern === "string") {
    const escaped = escapeLiteral(pattern);
    if (options.ignoreCase && foldsBytes(pattern)) {
      const re = foldedRegExp(pattern, "");
      test = (line) => re.test(line);
      global = foldedRegExp(pattern, "g");
    } else if (options.ignoreCase) {
      const folded = foldPattern(escaped);
      const re = new RegExp(folded, "u");
      test = (line) => re.test(line);
      global = new RegExp(folded, "gu");
    } else {
      test = (line) => line.includes(pattern);
      global = new RegExp(escaped, "gu");
    }
  } else if (Array.isArray(pattern)) {
    const literals = [
      ...pattern
    ];
    const escaped = [
      ...literals
    ].sort((a, b) => b.length - a.length).map(escapeLiteral);
    if (options.ignoreCase) {
      const folded = escaped.map(foldPattern).join("|");
      const re = new RegExp(folded, "u");
      test = (line) => re.test(line);
      global = new RegExp(folded, "gu");
    } else if (literals.length >= MANY_LITERALS && literals.every((l) => l !== "" && !l.includes("\n") && l.isWellFormed())) {
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
          if (line.includes(literals[k])) return true;
        }
        return false;
      };
      global = new RegExp(escaped.join("|"), "gu");
    }
  } else if (pattern instanceof RegExp) {
    if (pattern.global || pattern.sticky) {
      throw new TypeError(`Cannot create grep stage: the RegExp ${pattern} has the g or y flag, which makes test() stateful`);
    }
    const re = caseRegExp(pattern, options.ignoreCase === true);
    expression = re;
    test = (line) => re.test(line);
    global = new RegExp(re.source, re.flags + "g");
    if (options.worker === true) {
      backtracking = backtrackingOf(re.source, re.flags);
      if (backtracking !== "linear" && canStartWorker()) inWorker = re;
    }
  } else {
    throw new TypeError(`Cannot create grep stage: pattern must be a string, an array of strings or a RegExp, got ${typeof pattern}`);
  }
  const maxCount = options.maxCount ?? Infinity;
  if (maxCount !== Infinity && (!Number.isSafeInteger(maxCount) || maxCount < 0)) {
    throw new RangeError(`Cannot create grep stage: maxCount must be an integer of at least 0, got ${maxCount}`);
  }
  const invert = options.invert ?? false;
  const onlyMatching = options.onlyMatching ?? false;
  const before = options.before ?? 0;
  const after = options.after ?? 0;
  for (const [what, n] of [
    [
      "before",
      before
    ],
    [
      "after",
      after
    ]
  ]) {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`Cannot create grep stage: ${what} must be an integer of at least 0, got ${n}`);
    }
  }
  const separator = options.separator ?? "--";
  if (separator !== false && typeof separator !== "string") {
    throw new TypeError(`Cannot create grep stage: separator must be a string or false, got ${typeof separator}`);
  }
  const withContext = options.before !== void 0 || options.after !== void 0;
  if (withContext && onlyMatching) {
    throw new TypeError("Cannot create grep stage: onlyMatching takes no context lines (before, after)");
  }
  const lineNumber = options.lineNumber ?? false;
  const fileName = options.fileName ?? false;
  const plain = !onlyMatching && !lineNumber && !fileName && maxCount === Infinity;
  const short = backtracking === "quadratic";
  const longInWorker = inWorker !== void 0 && short && plain && !withContext ? inWorker : void 0;
  if (longInWorker !== void 0) inWorker = void 0;
  const keepOf = (stats, ctx) => {
    if (longInWorker === void 0) {
      return (line) => test(line) !== invert;
    }
    const worker = new RegexWorker(longInWorker, {
      invert,
      onlyMatching: false
    }, ctx, stats);
    return (line) => line.length <= SHORT_LINE ? test(line) !== invert : worker.match([
      line
    ], 1).then((result) => result.kept.length === 1, (error) => {
      throw error instanceof MatchFailure ? error.error : error;
    });
  };
  const fusable = (p) => p !== "" && !/[\r\n]/.test(p);
  const whole = !onlyMatching && maxCount === Infinity;
  const literal = !whole ? void 0 : options.ignoreCase ? typeof pattern === "string" && foldsBytes(pattern) ? pattern : void 0 : typeof pattern === "string" ? fusable(pattern) ? pattern : void 0 : Array.isArray(pattern) && pattern.every(fusable) ? [
    ...pattern
  ] : void 0;
  const plainLiteral = typeof pattern === "string" && pattern !== "" && pattern.isWellFormed() && !options.ignoreCase ? pattern : void 0;
  let namedPath;
  let name = "";
  const leadOf = (chunk, ctx, n) => {
    if (!fileName) return lineNumber ? numberPrefix(n) : "";
    const path = chunk.path ?? ctx.path;
    if (path !== namedPath || name === "") {
      namedPath = path;
      name = namePrefix(path);
    }
    return lineNumber ? name + numberPrefix(n) : name;
  };
  const emit = (kept, chunk, ctx, line, n) => {
    const prefix = leadOf(chunk, ctx, n);
    if (!onlyMatching) {
      kept.push(prefix + line, n);
      return;
    }
    if (invert) return;
    if (plainLiteral !== void 0) {
      const text = prefix + plainLiteral;
      const step = plainLiteral.length;
      for (let at = line.indexOf(plainLiteral); at !== -1; at = line.indexOf(plainLiteral, at + step)) kept.push(text, n);
      return;
    }
    for (const m of line.matchAll(global)) {
      if (m[0] !== "") kept.push(prefix + m[0], n);
    }
  };
  const matchOptions = {
    invert,
    onlyMatching,
    short
  };
  const required = expression === void 0 || invert ? void 0 : requiredLiteral(expression.source, expression.flags);
  const foldedSieve = typeof pattern === "string" && options.ignoreCase === true && !invert ? foldedPiece(pattern) : void 0;
  const sieve = required ?? foldedSieve;
  const sieveFolds = foldedSieve !== void 0;
  const others = whole && typeof pattern === "string" && options.ignoreCase === true && fusable(pattern) && !foldsBytes(pattern) && [
    ...pattern
  ].every((ch) => ch.charCodeAt(0) < 128) ? foldedOthers(pattern) : [];
  const foldedLiteral = others.length === 0 ? void 0 : {
    literal: pattern,
    invert,
    also: {
      literals: others,
      holds: test
    }
  };
  const sifted = (chunk) => {
    const out = new ChunkBuilder();
    const items = chunk.items;
    for (let i = 0; i < items.length; i++) {
      if (items[i].includes(required)) out.keep(chunk, i);
    }
    return out.build(chunk);
  };
  const bound = inWorker === void 0 ? "1 chunk" : `${IN_FLIGHT} chunks (or the lines of ${SIFTED_IN_FLIGHT} that hold the pattern's literal), and their copies in a worker`;
  const inWorkerOf = async (worker, given, limit, kept, stats, ctx, sift) => {
    const chunk = sift ? sifted(given) : given;
    if (chunk === void 0) return 0;
    let result;
    try {
      result = await worker.match(chunk.items, limit);
    } catch (error) {
      if (!(error instanceof MatchFailure)) throw error;
      throw failAt(error.error, stats, ctx, chunk, error.index);
    }
    const indices = result.kept;
    if (onlyMatching) stats.count("linesSelected", indices.length);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      if (plain) {
        kept.keep(chunk, i);
        continue;
      }
      const n = lineOf(chunk, i);
      const prefix = leadOf(chunk, ctx, n);
      if (!onlyMatching) kept.push(prefix + chunk.items[i], n);
      else {
        for (const m of result.matches?.[k] ?? []) kept.push(prefix + m, n);
      }
    }
    return indices.length;
  };
  const settings = `${typeof pattern === "string" || Array.isArray(pattern) ? JSON.stringify(pattern) : String(pattern)}${invert ? " invert" : ""}${options.ignoreCase ? " ignoreCase" : ""}${onlyMatching ? " onlyMatching" : ""}${lineNumber ? " lineNumber" : ""}${fileName ? " fileName" : ""}${maxCount === Infinity ? "" : ` maxCount ${maxCount}`}${withContext ? ` before ${before} after ${after} separator ${JSON.stringify(separator)}` : ""}`;
  if (withContext) {
    const worker = inWorker;
    return defineStage({
      kind: "grep",
      name: options.name,
      bound: worker === void 0 ? `1 chunk + ${before} lines` : `${IN_FLIGHT} chunks + ${before} lines, and their lines that may match in a worker`,
      settings,
      unresumable: "with before or after, it holds lines from one chunk to the next",
      async *run(input, stats, ctx) {
        const { contextRun } = await import("./_grep_context-MTDDVNJL.js");
        yield* contextRun(input, stats, ctx, {
          before,
          after,
          separator: separator === false ? void 0 : separator,
          maxCount,
          fileName,
          lineNumber
        }, worker === void 0 ? {
          test: (line) => test(line) !== invert
        } : {
          // Asked which lines match; -v is applied there.
          worker: () => new RegexWorker(worker, {
            invert: false,
            onlyMatching: false,
            short
          }, ctx, stats, () => IN_FLIGHT),
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
          inFlight: IN_FLIGHT
        });
      }
    });
  }
  if (maxCount !== Infinity) {
    return defineStage({
      kind: "grep",
      name: options.name,
      bound: inWorker === void 0 ? "1 chunk" : "1 chunk, and its copy in a worker",
      settings,
      sieve,
      sieveFolds,
      async *run(input, stats, ctx) {
        let left = maxCount;
        if (left === 0) return;
        const worker = inWorker === void 0 ? void 0 : new RegexWorker(inWorker, matchOptions, ctx, stats);
        for await (const chunk of input) {
          const items = chunk.items;
          const kept = new ChunkBuilder();
          if (worker !== void 0) {
            if (items.length === 0) continue;
            left -= await inWorkerOf(worker, chunk, left, kept, stats, ctx, required !== void 0);
            const out2 = kept.build(chunk);
            if (out2 !== void 0) yield out2;
            if (left === 0) return;
            continue;
          }
          let i = 0;
          const had = left;
          try {
            for (; i < items.length && left > 0; i++) {
              if (test(items[i]) === invert) continue;
              emit(kept, chunk, ctx, items[i], lineOf(chunk, i));
              left--;
            }
          } catch (error) {
            throw failAt(error, stats, ctx, chunk, i);
          }
          if (onlyMatching) stats.count("linesSelected", had - left);
          const out = kept.build(chunk);
          if (out !== void 0) yield out;
          if (left === 0) return;
        }
      }
    });
  }
  return defineStage({
    kind: "grep",
    name: options.name,
    bound,
    literal,
    literalFolds: literal !== void 0 && options.ignoreCase === true,
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
    keeps: inWorker === void 0 && plain ? (stats, ctx) => keepCalls(keepOf(stats, ctx), stats, ctx) : void 0,
    ...inWorker === void 0 ? {} : {
      // The next chunk is read while the worker matches one; a checkpointed
      // run takes the transformer below, one chunk at a time.
      overlaps: true,
      run(input, stats, ctx) {
        let sifting = required !== void 0;
        let seen = 0;
        let held = 0;
        const inFlight = () => sifting ? SIFTED_IN_FLIGHT : IN_FLIGHT;
        const worker = new RegexWorker(inWorker, matchOptions, ctx, stats, inFlight);
        const matched = async (sent) => {
          const kept = new ChunkBuilder();
          await inWorkerOf(worker, sent, Infinity, kept, stats, ctx, false);
          return kept.build(sent);
        };
        return overlapped(input, (chunk) => {
          if (!sifting) return matched(chunk);
          const sent = sifted(chunk);
          seen += chunk.items.length;
          held += sent?.items.length ?? 0;
          if (seen >= SIFT_TRIAL && held * SIFT_SHARE > seen) sifting = false;
          return sent === void 0 ? Promise.resolve(void 0) : matched(sent);
        }, inFlight);
      }
    },
    transformer(stats, ctx) {
      if (longInWorker !== void 0) {
        return keepCalls(keepOf(stats, ctx), stats, ctx).transform;
      }
      if (inWorker !== void 0) {
        const worker = new RegexWorker(inWorker, matchOptions, ctx, stats);
        return async (chunk) => {
          const kept = new ChunkBuilder();
          const sift = required !== void 0;
          await inWorkerOf(worker, chunk, Infinity, kept, stats, ctx, sift);
          return kept.build(chunk);
        };
      }
      return (chunk) => {
        const items = chunk.items;
        const kept = new ChunkBuilder();
        let i = 0;
        try {
          if (plain) {
            for (; i < items.length; i++) {
              if (test(items[i]) !== invert) kept.keep(chunk, i);
            }
          } else {
            let selected = 0;
            for (; i < items.length; i++) {
              if (test(items[i]) !== invert) {
                emit(kept, chunk, ctx, items[i], lineOf(chunk, i));
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
    }
  });
}

export {
  grep
};
