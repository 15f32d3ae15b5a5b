// Copyright 2026 the sluice authors. MIT license.
// A piece of plain text that every match of a regular expression contains,
// found by reading the pattern's top level: lines without it need not be
// tried (as GNU grep and ripgrep look for such a literal first).

/** Characters that stand for themselves when escaped with a backslash. */
export const SYNTAX: ReadonlySet<string> = new Set([..."^$\\.*+?()[]{}|/-"]);
/** Escapes of two characters that match a class or a position. */
const CLASS_ESCAPES = new Set([..."dDwWsSbB"]);

/**
 * The longest run of plain characters at the top level of the pattern
 * `source` (with `flags`) that every match contains, or undefined when
 * there is none of at least 2 code units. Conservative: anything it does
 * not read for certain (an alternation at the top level, an escape other
 * than `\d`-like classes and escaped syntax characters, the `i` or `v`
 * flag) ends the run or gives undefined, never a wrong literal.
 *
 * @param source The pattern, as `RegExp.prototype.source`.
 * @param flags The flags, as `RegExp.prototype.flags`.
 * @returns The literal, or undefined.
 */
export function requiredLiteral(
  source: string,
  flags: string,
): string | undefined {
  if (flags.includes("i") || flags.includes("v")) return undefined;
  if (topLevelAlternation(source)) return undefined;
  const unicode = flags.includes("u");
  let best = "";
  // The run being read: its text, and where its last atom starts in it (a
  // quantifier takes that atom off).
  let run = "";
  let lastAtom = -1;
  const end = () => {
    if (run.length > best.length) best = run;
    run = "";
    lastAtom = -1;
  };
  const push = (text: string) => {
    lastAtom = run.length;
    run += text;
  };
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (c === "\\") {
      const next = source[i + 1];
      if (next !== undefined && SYNTAX.has(next)) {
        push(next);
        i += 2;
      } else if (next !== undefined && CLASS_ESCAPES.has(next)) {
        end();
        i += 2;
      } else {
        // \x41, \u{...}, \p{...}, \k<name>, \1, \n ...: not read; what
        // follows is not read either.
        end();
        break;
      }
      continue;
    }
    if (c === "[") {
      end();
      i = classEnd(source, i);
      if (i === -1) break;
      continue;
    }
    if (c === "(") {
      end();
      // Whatever it holds, alternations too, stays inside it.
      i = groupEnd(source, i);
      if (i === -1) break;
      continue;
    }
    if (c === "*" || c === "+" || c === "?") {
      quantified();
      i++;
      if (source[i] === "?") i++; // lazy
      continue;
    }
    if (c === "{") {
      const q = /^\{\d+(?:,\d*)?\}/.exec(source.slice(i));
      if (q !== null) {
        quantified();
        i += q[0].length;
        if (source[i] === "?") i++;
        continue;
      }
      if (unicode) break; // not a valid pattern
      push(c); // without u, a brace that is no quantifier is itself
      i++;
      continue;
    }
    if (c === "." || c === "^" || c === "$") {
      end();
      i++;
      continue;
    }
    if ((c === ")" || c === "]" || c === "}") && unicode) break;
    const length = charLength(source, i, unicode);
    push(source.slice(i, i + length));
    i += length;
  }
  end();
  return best.length >= 2 ? best : undefined;

  /** The last atom repeats (or may not be there): the run ends before it. */
  function quantified(): void {
    if (lastAtom !== -1) run = run.slice(0, lastAtom);
    end();
  }
}

/**
 * Whether the pattern has a `|` outside every group and class (then either
 * side may match alone), or cannot be read to its end. An escape's other
 * characters are never a `|`.
 */
function topLevelAlternation(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "|") return true;
    else if (c === "[" || c === "(") {
      const e = c === "[" ? classEnd(source, i) : groupEnd(source, i);
      if (e === -1) return true;
      i = e - 1;
    }
  }
  return false;
}

/**
 * The code units of the character at `at` of a pattern's `source`: in
 * Unicode mode a surrogate pair is one character.
 */
export function charLength(
  source: string,
  at: number,
  unicode: boolean,
): 1 | 2 {
  const code = source.charCodeAt(at);
  return unicode && code >= 0xd800 && code <= 0xdbff &&
      at + 1 < source.length && source.charCodeAt(at + 1) >= 0xdc00 &&
      source.charCodeAt(at + 1) <= 0xdfff
    ? 2
    : 1;
}

/**
 * The index after the class that starts at `at`, or -1: as JavaScript reads
 * a class, the first unescaped `]` ends it (`[]` matches nothing, `[^]`
 * anything).
 */
export function classEnd(source: string, at: number): number {
  for (let i = at + 1; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "]") return i + 1;
  }
  return -1;
}

/** The index after the group that starts at `at`, or -1. */
function groupEnd(source: string, at: number): number {
  let depth = 0;
  for (let i = at; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "[") {
      const e = classEnd(source, i);
      if (e === -1) return -1;
      i = e - 1;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return -1;
}
