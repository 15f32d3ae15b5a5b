// Copyright 2026 the sluice authors. MIT license.
// Case-insensitive matching by GNU grep's rule: two characters match when
// their simple upper-case mappings are the same (so "i", "I" and the dotless
// i U+0131 match; the dotted capital I U+0130, the Kelvin sign and the
// sharp s U+00DF match only themselves). One rule for literal patterns and
// for regular expressions.

/** A character's simple upper case: its upper case if that is one character. */
function upperOf(ch: string): string {
  const u = ch.toUpperCase();
  return u.length === ch.length || [...u].length === 1 ? u : ch;
}

/**
 * `text` with each character replaced by its simple upper case. The common
 * case is one call of `toUpperCase()`; only where it expands a character
 * (sharp s U+00DF to "SS") is the text folded a character at a time.
 */
export function foldCase(text: string): string {
  const u = text.toUpperCase();
  if (u.length === text.length) return u;
  let out = "";
  for (const ch of text) out += upperOf(ch);
  return out;
}

/**
 * The characters whose simple upper case is another character's, and that
 * are not that character's lower case: the micro sign and the Greek
 * lowercase mu both go to capital mu, the dotless i and "i" to "I", the
 * long s and "s" to "S", and so on. With the upper and the lower case of a
 * character, they make its class of case variants, so that the class needs
 * no table of every code point: built over all of them, the table took 40
 * ms and 10 MiB of RSS at its peak (`sluice grep -i timeout` over 1 MiB:
 * 0.16 -> 0.12 s, 58.4 -> 54.1 MiB, medians of 7 in turns). A test checks
 * the list against the runtime's own case mappings.
 */
export const OTHER_LOWER = String.fromCodePoint(
  0xb5,
  0x131,
  0x17f,
  0x1c5,
  0x1c8,
  0x1cb,
  0x1f2,
  0x345,
  0x3c2,
  0x3d0,
  0x3d1,
  0x3d5,
  0x3d6,
  0x3f0,
  0x3f1,
  0x3f5,
  0x1c80,
  0x1c81,
  0x1c82,
  0x1c83,
  0x1c84,
  0x1c85,
  0x1c86,
  0x1c87,
  0x1c88,
  0x1e9b,
  0x1fbe,
);

/** Every character with the same simple upper case as `ch`, `ch` included. */
export function caseVariants(ch: string): string[] {
  const upper = upperOf(ch);
  const members = new Set<string>();
  for (const c of [ch, upper.toLowerCase(), ...OTHER_LOWER]) {
    if (c !== upper && [...c].length === 1 && upperOf(c) === upper) {
      members.add(c);
    }
  }
  if (members.size === 0) return [ch];
  // The upper case first, then the others in code point order.
  return [
    upper,
    ...[...members].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!),
  ];
}

/** A character as it may stand in a character class. */
function classChar(ch: string): string {
  return /[\\\]\[^\-]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * A regular expression source in Unicode mode (`u` flag), rewritten so that
 * matching it without the `i` flag ignores case by GNU's rule: each literal
 * letter becomes the class of its case variants, each letter or range in a
 * character class gains the variants of its members. Escapes (`\d`, `\p{...}`,
 * `\u{...}`, back references), group syntax and quantifiers are kept as they
 * are.
 *
 * @throws {SyntaxError} When `source` is not a valid pattern in Unicode mode.
 */
export function foldPattern(source: string): string {
  new RegExp(source, "u"); // the error, if any, is the engine's own
  const chars = [...source];
  let out = "";
  let i = 0;
  const escape = (): string => {
    // At a backslash: the whole escape, as it is.
    const next = chars[i + 1] ?? "";
    let end = i + 2;
    if ((next === "p" || next === "P") && chars[end] === "{") {
      while (end < chars.length && chars[end - 1] !== "}") end++;
    } else if (next === "u" && chars[end] === "{") {
      while (end < chars.length && chars[end - 1] !== "}") end++;
    } else if (next === "u") {
      end += 4;
    } else if (next === "x") {
      end += 2;
    } else if (next === "c") {
      end += 1;
    } else if (next === "k" && chars[end] === "<") {
      while (end < chars.length && chars[end - 1] !== ">") end++;
    } else if (/[1-9]/.test(next)) {
      while (end < chars.length && /[0-9]/.test(chars[end]!)) end++;
    }
    const text = chars.slice(i, end).join("");
    i = end;
    return text;
  };
  while (i < chars.length) {
    const ch = chars[i]!;
    if (ch === "\\") {
      out += escape();
    } else if (ch === "[") {
      // A character class: its members and ranges, each with its variants.
      let body = "";
      let extra = "";
      i++;
      if (chars[i] === "^") {
        body += "^";
        i++;
      }
      while (i < chars.length && chars[i] !== "]") {
        if (chars[i] === "\\") {
          body += escape();
          continue;
        }
        const first = chars[i]!;
        if (first === "-") {
          // Literal at either end of the class, else a range's dash (after
          // an escape): kept as it stands.
          body += body === "" || body === "^" || chars[i + 1] === "]"
            ? "\\-"
            : "-";
          i++;
          continue;
        }
        if (chars[i + 1] === "-" && chars[i + 2] === "\\") {
          // A range that ends in an escape: kept as it is.
          body += `${classChar(first)}-`;
          i += 2;
          continue;
        }
        if (
          chars[i + 1] === "-" && chars[i + 2] !== undefined &&
          chars[i + 2] !== "]"
        ) {
          const last = chars[i + 2]!;
          body += `${classChar(first)}-${classChar(last)}`;
          const from = first.codePointAt(0)!;
          const to = last.codePointAt(0)!;
          // Ranges of letters gain the other case (a huge range is left be).
          if (to - from <= 0x3000) {
            for (let cp = from; cp <= to; cp++) {
              for (const v of caseVariants(String.fromCodePoint(cp))) {
                const c = v.codePointAt(0)!;
                if (c < from || c > to) extra += classChar(v);
              }
            }
          }
          i += 3;
        } else {
          body += classChar(first);
          for (const v of caseVariants(first)) {
            if (v !== first) extra += classChar(v);
          }
          i++;
        }
      }
      i++; // the closing bracket
      out += body.startsWith("^")
        ? `[^${extra}${body.slice(1)}]`
        : `[${extra}${body}]`;
    } else if (ch === "(" && chars[i + 1] === "?") {
      // Group syntax: (?: (?= (?! (?<= (?<! (?<name>
      let end = i + 2;
      if (
        chars[end] === "<" && chars[end + 1] !== "=" && chars[end + 1] !== "!"
      ) {
        while (end < chars.length && chars[end - 1] !== ">") end++;
      } else {
        end += chars[end] === "<" ? 2 : 1;
      }
      out += chars.slice(i, end).join("");
      i = end;
    } else if (ch === "{") {
      // A quantifier: digits and a comma.
      let end = i + 1;
      while (end < chars.length && chars[end - 1] !== "}") end++;
      out += chars.slice(i, end).join("");
      i = end;
    } else {
      const variants = /[.*+?^$|()]/.test(ch) ? [ch] : caseVariants(ch);
      out += variants.length === 1
        ? ch
        : `[${variants.map(classChar).join("")}]`;
      i++;
    }
  }
  return out;
}

/**
 * `pattern` matching regardless of case by grep's rule when `ignoreCase`: in
 * Unicode mode by GNU's folding (the pattern rewritten), otherwise by the
 * engine's own `i`; as it is when case matters or it has `i` already.
 */
export function caseRegExp(pattern: RegExp, ignoreCase: boolean): RegExp {
  return !ignoreCase || pattern.ignoreCase
    ? pattern
    : pattern.unicode
    ? new RegExp(foldPattern(pattern.source), pattern.flags)
    : new RegExp(pattern.source, pattern.flags + "i");
}
