// Copyright 2026 the sluice authors. MIT license.
// How long a regular expression can take on a line, read from its source:
// whether grep may match it in the calling thread. V8 matches by
// backtracking; a pattern whose matches can be tried in many ways
// (`^(a|aa)+$`) takes exponential time on a line made for it, one with two
// unbounded repeats in a row (`a.*b.*c`) a power of the line's length. The
// calling thread cannot be interrupted while it matches, so only patterns
// whose work is bounded by the line's length are matched there.

import { charLength, classEnd, SYNTAX } from "./_required_literal.ts";

/** The work one line costs the matcher, by the pattern's shape. */
export type Backtracking =
  /** At most a fixed number of steps a character of the line. */
  | "linear"
  /** At most a fixed number of steps a character squared. */
  | "quadratic"
  /** More, or a pattern this reading does not know. */
  | "unbounded";

/**
 * The most ways a pattern without an unbounded repeat may try at one place
 * of a line (its alternatives and bounded repeats multiplied): then a line
 * of 1 MiB, the longest a reader passes by default, takes well under a
 * second however it is made.
 */
export const LINEAR_CHOICES = 256;
/**
 * The most ways a pattern with one unbounded repeat may try for each length
 * the repeat takes: a line of {@linkcode SHORT_LINE} characters made for
 * it, as `/a.*x/u` over `a`s, takes some 0.03 s at 4 ways (0.9 ns a step
 * here), so a chunk of such lines a second at most.
 */
export const QUADRATIC_CHOICES = 4;
/**
 * The longest line (in UTF-16 code units) that an expression of quadratic
 * work is matched on in the calling thread; longer ones go to a worker.
 */
export const SHORT_LINE = 8192;

/** What a piece of the pattern costs: its unbounded repeats, its ways. */
interface Cost {
  unbounded: number;
  choices: number;
}

/** Escapes that match a class of characters. */
const CLASS_ESCAPES = "dDwWsS";
/** Escapes of one control character. */
const CONTROL_ESCAPES = "tnrvf";

/**
 * How the work of matching `source` (with `flags`) grows with a line's
 * length. Conservative: a backreference, a repeated group (but an optional
 * one), a lookaround with a repeat inside, the `v` flag or anything else
 * not read for certain gives "unbounded".
 *
 * @param source The pattern, as `RegExp.prototype.source`.
 * @param flags Its flags.
 * @returns "linear", "quadratic" or "unbounded".
 */
export function backtrackingOf(source: string, flags: string): Backtracking {
  if (flags.includes("v")) return "unbounded";
  const cost = new Reader(source, flags.includes("u")).pattern();
  if (cost === undefined) return "unbounded";
  if (cost.unbounded === 0 && cost.choices <= LINEAR_CHOICES) return "linear";
  if (cost.unbounded === 1 && cost.choices <= QUADRATIC_CHOICES) {
    return "quadratic";
  }
  return "unbounded";
}

/** A recursive reading of a pattern; undefined wherever it is unsure. */
class Reader {
  #at = 0;
  readonly #source: string;
  readonly #unicode: boolean;

  constructor(source: string, unicode: boolean) {
    this.#source = source;
    this.#unicode = unicode;
  }

  /** The whole pattern, or undefined. */
  pattern(): Cost | undefined {
    const cost = this.#disjunction();
    return cost !== undefined && this.#at === this.#source.length
      ? cost
      : undefined;
  }

  /** Alternatives: tried one after another, so their ways add up. */
  #disjunction(): Cost | undefined {
    let unbounded = 0;
    let choices = 0;
    while (true) {
      const cost = this.#alternative();
      if (cost === undefined) return undefined;
      unbounded += cost.unbounded;
      choices += cost.choices;
      if (this.#source[this.#at] !== "|") return { unbounded, choices };
      this.#at++;
    }
  }

  /** Terms in a row: their ways multiply. */
  #alternative(): Cost | undefined {
    let unbounded = 0;
    let choices = 1;
    const source = this.#source;
    while (this.#at < source.length) {
      const c = source[this.#at]!;
      if (c === "|" || c === ")") break;
      const cost = this.#term();
      if (cost === undefined) return undefined;
      unbounded += cost.unbounded;
      // Capped: only whether it passes the limits matters.
      choices = Math.min(choices * cost.choices, 1 << 20);
    }
    return { unbounded, choices };
  }

  /** An assertion, or an atom and its repeat. */
  #term(): Cost | undefined {
    const source = this.#source;
    const c = source[this.#at]!;
    if (c === "^" || c === "$") {
      this.#at++;
      return { unbounded: 0, choices: 1 };
    }
    if (
      c === "\\" &&
      (source[this.#at + 1] === "b" || source[this.#at + 1] === "B")
    ) {
      this.#at += 2;
      return { unbounded: 0, choices: 1 };
    }
    if (c === "(") {
      const look = /^\(\?<?[=!]/.exec(source.slice(this.#at, this.#at + 4));
      if (look !== null) {
        // A lookaround: tried once at each place; without a repeat inside,
        // a fixed amount of work. It cannot be repeated.
        this.#at += look[0].length;
        const inner = this.#disjunction();
        if (
          inner === undefined || inner.unbounded > 0 ||
          inner.choices > QUADRATIC_CHOICES || source[this.#at] !== ")"
        ) return undefined;
        this.#at++;
        return this.#quantifierAt() ? undefined : { unbounded: 0, choices: 1 };
      }
      const group = this.#group();
      if (group === undefined) return undefined;
      const repeat = this.#quantifier();
      if (repeat === undefined) return undefined;
      if (repeat === "none") return group;
      // Only an optional group: any other repeat of one can try its
      // matches in many ways.
      if (repeat.min !== 0 || repeat.max !== 1) return undefined;
      return { unbounded: group.unbounded, choices: group.choices + 1 };
    }
    if (!this.#atom()) return undefined;
    const repeat = this.#quantifier();
    if (repeat === undefined) return undefined;
    if (repeat === "none") return { unbounded: 0, choices: 1 };
    if (repeat.max === Infinity) return { unbounded: 1, choices: 1 };
    return { unbounded: 0, choices: repeat.max - repeat.min + 1 };
  }

  /** A group `(...)`, `(?:...)` or `(?<name>...)`; the index after it. */
  #group(): Cost | undefined {
    const source = this.#source;
    this.#at++;
    if (source.startsWith("?:", this.#at)) this.#at += 2;
    else if (source.startsWith("?<", this.#at)) {
      const name = /^\?<[A-Za-z_$][\w$]*>/.exec(source.slice(this.#at));
      if (name === null) return undefined;
      this.#at += name[0].length;
    } else if (source[this.#at] === "?") return undefined; // modifiers
    const inner = this.#disjunction();
    if (inner === undefined || source[this.#at] !== ")") return undefined;
    this.#at++;
    return inner;
  }

  /** Whether a quantifier follows (which a lookaround must not have). */
  #quantifierAt(): boolean {
    const c = this.#source[this.#at];
    return c === "*" || c === "+" || c === "?" || c === "{";
  }

  /**
   * The repeat after an atom, "none", or undefined where a brace is no
   * quantifier (a literal brace is read as unsure).
   */
  #quantifier(): { min: number; max: number } | "none" | undefined {
    const source = this.#source;
    const c = source[this.#at];
    let repeat: { min: number; max: number };
    if (c === "*") repeat = { min: 0, max: Infinity };
    else if (c === "+") repeat = { min: 1, max: Infinity };
    else if (c === "?") repeat = { min: 0, max: 1 };
    else if (c === "{") {
      const q = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(this.#at));
      if (q === null) return undefined;
      const min = Number(q[1]);
      const max = q[2] === undefined
        ? min
        : q[3] === ""
        ? Infinity
        : Number(q[3]);
      if (!(max >= min)) return undefined;
      this.#at += q[0].length - 1;
      repeat = { min, max };
    } else return "none";
    this.#at++;
    if (source[this.#at] === "?") this.#at++; // lazy: as many ways
    return repeat;
  }

  /** One character, `.`, a class or an escape of one; false if unsure. */
  #atom(): boolean {
    const source = this.#source;
    const c = source[this.#at]!;
    if (c === "[") {
      // No `v` flag here: the first unescaped `]` ends a class.
      const end = classEnd(source, this.#at);
      if (end === -1) return false;
      this.#at = end;
      return true;
    }
    if (c === "\\") return this.#escape();
    if ("*+?{}]|)".includes(c)) return false;
    this.#at += charLength(source, this.#at, this.#unicode);
    return true;
  }

  /** An escape that matches one character or class; false for others. */
  #escape(): boolean {
    const source = this.#source;
    const next = source[this.#at + 1];
    if (next === undefined) return false;
    if (
      SYNTAX.has(next) || CLASS_ESCAPES.includes(next) ||
      CONTROL_ESCAPES.includes(next)
    ) {
      this.#at += 2;
      return true;
    }
    const rest = source.slice(this.#at);
    const long = /^\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|c[A-Za-z]|0(?![0-9]))/
      .exec(rest) ??
      (this.#unicode
        ? /^\\(?:u\{[0-9A-Fa-f]+\}|[pP]\{[\w=]+\})/.exec(rest)
        : null);
    if (long === null) return false; // backreferences among them
    this.#at += long[0].length;
    return true;
  }
}
