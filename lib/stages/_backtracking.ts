// Copyright 2026 the sluice authors. MIT license.
// How long a regular expression can take on a line, read from its source:
// whether grep may match it in the calling thread. V8 matches by
// backtracking; a pattern whose matches can be tried in many ways
// (`^(a|aa)+$`) takes exponential time on a line made for it, one with two
// unbounded repeats in a row (`a.*b.*c`) a power of the line's length. The
// calling thread cannot be interrupted while it matches, so only patterns
// whose work is bounded by the line's length are matched there. A repeat of
// one character that what follows can never continue (`\S+ `, `[^"]*"`) is
// read apart: it gives back what it took one character a try, each failing
// at once, so it costs at most its length wherever a match is tried (log
// formats such as `^(?<ip>\S+) \S+ \S+ \[(?<time>[^\]]+)\]` are made of
// them).

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

/**
 * What a piece of the pattern costs: its unbounded repeats, its ways, and
 * its repeats that cannot give back what they took (see `pending`).
 */
interface Cost {
  unbounded: number;
  choices: number;
  /** Unbounded repeats whose next character can never be one of theirs. */
  deterministic: number;
  /** The characters the piece must start with, when known. */
  lead?: Ranges | undefined;
  /**
   * The characters of an unbounded repeat of one character that ends the
   * piece, not yet counted: a repeat followed by a character outside its
   * set (`\S+ `, `[^"]*"`), or by the pattern's end, gives back what it
   * took one character a try, each try failing at once, so it costs at
   * most its length a try, not its length for each way to go on.
   */
  pending?: Ranges | undefined;
}

/**
 * A set of code points (or, without the `u` flag, code units): sorted,
 * disjoint, inclusive ranges.
 */
type Ranges = readonly (readonly [number, number])[];

const MAX_CODE = 0x10ffff;
const DIGITS: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
/** `\s`: JavaScript's white space and line terminators. */
const SPACE: Ranges = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
/** What `.` leaves out without the `s` flag: the line terminators. */
const TERMINATORS: Ranges = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];
/** The set `$` stands for as what follows a repeat: it matches no character. */
const NOTHING: Ranges = [];

function union(a: Ranges, b: Ranges): Ranges {
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) {
      last[1] = Math.max(last[1], hi);
    } else out.push([lo, hi]);
  }
  return out;
}

function complement(a: Ranges): Ranges {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of a) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE) out.push([next, MAX_CODE]);
  return out;
}

function disjoint(a: Ranges, b: Ranges): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]![1] < b[j]![0]) i++;
    else if (b[j]![1] < a[i]![0]) j++;
    else return false;
  }
  return true;
}

/**
 * The escapes a class's members are read from, without and with `u`:
 * `\u{...}` only in `u` mode, and `\0` before a digit (an octal escape
 * outside it) in neither.
 */
const MEMBER_ESCAPES = String
  .raw`[dDwWsS]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|c[A-Za-z]|[tnrvfb]|0(?![0-9])|[\^$\\.*+?()[\]{}|/-]`;
const MEMBER_ESCAPE = new RegExp(String.raw`^\\(?:${MEMBER_ESCAPES})`);
const MEMBER_ESCAPE_U = new RegExp(
  String.raw`^\\(?:u\{[0-9A-Fa-f]+\}|${MEMBER_ESCAPES})`,
);

/** The code of the character an escape `\t`, `\n`, ... stands for. */
const CONTROL_CODES: Readonly<Record<string, number>> = {
  t: 0x09,
  n: 0x0a,
  r: 0x0d,
  v: 0x0b,
  f: 0x0c,
  "0": 0,
};

/** Escapes that match a class of characters. */
const CLASS_ESCAPES = "dDwWsS";
/** Escapes of one control character. */
const CONTROL_ESCAPES = "tnrvf";

/**
 * How the work of matching `source` (with `flags`) grows with a line's
 * length. Conservative: a backreference, a repeated group (but an optional
 * one), a lookaround with a repeat inside, the `v` flag or anything else
 * not read for certain gives "unbounded". Otherwise the work grows with
 * a power of the line's length: one for the places a match is tried (none
 * where the pattern is one alternative anchored with `^`, without `m`),
 * one for each unbounded repeat that can give back into a match, and one
 * for all the repeats of one character that what follows can never
 * continue (a character outside their set, `$` without the `m` flag, or
 * the pattern's end; not read with the `i` flag, which widens the sets).
 * At most the first power and 256 ways is "linear", at most the second
 * and 4 ways "quadratic".
 *
 * @param source The pattern, as `RegExp.prototype.source`.
 * @param flags Its flags.
 * @returns "linear", "quadratic" or "unbounded".
 */
export function backtrackingOf(source: string, flags: string): Backtracking {
  if (flags.includes("v")) return "unbounded";
  const reader = new Reader(source, flags);
  const cost = reader.pattern();
  if (cost === undefined) return "unbounded";
  // The power of the line's length the work grows with: a match is tried
  // at every place of the line, unless the pattern is anchored at its
  // start; each unbounded repeat tries every length for each way to go
  // on; the repeats that never give back cost their lengths once a try,
  // all of them together.
  const power = (reader.anchored ? 0 : 1) + cost.unbounded +
    (cost.deterministic > 0 ? 1 : 0);
  if (power <= 1 && cost.choices <= LINEAR_CHOICES) return "linear";
  if (power <= 2 && cost.choices <= QUADRATIC_CHOICES) return "quadratic";
  return "unbounded";
}

/** A recursive reading of a pattern; undefined wherever it is unsure. */
class Reader {
  #at = 0;
  readonly #source: string;
  readonly #unicode: boolean;
  /** With `i`, sets of characters are not read: case widens them. */
  readonly #sets: boolean;
  readonly #multiline: boolean;
  readonly #dotAll: boolean;
  /**
   * Whether every match starts at the line's start: the pattern is one
   * alternative that starts with `^`, without the `m` flag.
   */
  anchored = false;

  constructor(source: string, flags: string) {
    this.#source = source;
    this.#unicode = flags.includes("u");
    this.#sets = !flags.includes("i");
    this.#multiline = flags.includes("m");
    this.#dotAll = flags.includes("s");
  }

  /** The whole pattern, or undefined. */
  pattern(): Cost | undefined {
    const cost = this.#disjunction(true);
    return cost !== undefined && this.#at === this.#source.length
      ? cost
      : undefined;
  }

  /**
   * Alternatives: tried one after another, so their ways add up. At the
   * top level, a repeat that ends an alternative ends the match: it never
   * gives back.
   */
  #disjunction(top = false): Cost | undefined {
    let unbounded = 0;
    let choices = 0;
    let deterministic = 0;
    let count = 0;
    let first: Cost | undefined;
    while (true) {
      const cost = this.#alternative();
      if (cost === undefined) return undefined;
      count++;
      first ??= cost;
      unbounded += cost.unbounded;
      choices += cost.choices;
      deterministic += cost.deterministic;
      if (cost.pending !== undefined) {
        // Outside the group, what follows decides, but only for a group of
        // one alternative; the pattern's end ends the match.
        if (top) deterministic++;
        else if (this.#source[this.#at] === "|" || count > 1) unbounded++;
      }
      if (this.#source[this.#at] !== "|") break;
      this.#at++;
    }
    if (top) {
      this.anchored = count === 1 && !this.#multiline &&
        this.#source.startsWith("^");
    }
    if (count > 1 || top) return { unbounded, choices, deterministic };
    return {
      unbounded,
      choices,
      deterministic,
      lead: first!.lead,
      pending: first!.pending,
    };
  }

  /** Terms in a row: their ways multiply. */
  #alternative(): Cost | undefined {
    let unbounded = 0;
    let deterministic = 0;
    let choices = 1;
    let lead: Ranges | undefined;
    let pending: Ranges | undefined;
    let firstTerm = true;
    const source = this.#source;
    while (this.#at < source.length) {
      const c = source[this.#at]!;
      if (c === "|" || c === ")") break;
      const cost = this.#term();
      if (cost === undefined) return undefined;
      if (firstTerm) lead = cost.lead;
      firstTerm = false;
      if (pending !== undefined) {
        // The repeat before gives back only where what follows could match
        // one of its characters.
        if (cost.lead !== undefined && disjoint(pending, cost.lead)) {
          deterministic++;
        } else unbounded++;
      }
      pending = cost.pending;
      unbounded += cost.unbounded;
      deterministic += cost.deterministic;
      // Capped: only whether it passes the limits matters.
      choices = Math.min(choices * cost.choices, 1 << 20);
    }
    return { unbounded, choices, deterministic, lead, pending };
  }

  /** An assertion, or an atom and its repeat. */
  #term(): Cost | undefined {
    const source = this.#source;
    const c = source[this.#at]!;
    if (c === "^" || c === "$") {
      this.#at++;
      // `$` matches no character, and without `m` only at the end: a
      // repeat before it gives back one character a try, no more.
      return {
        unbounded: 0,
        choices: 1,
        deterministic: 0,
        lead: c === "$" && !this.#multiline ? NOTHING : undefined,
      };
    }
    if (
      c === "\\" &&
      (source[this.#at + 1] === "b" || source[this.#at + 1] === "B")
    ) {
      this.#at += 2;
      return { unbounded: 0, choices: 1, deterministic: 0 };
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
          inner.deterministic > 0 || inner.pending !== undefined ||
          inner.choices > QUADRATIC_CHOICES || source[this.#at] !== ")"
        ) return undefined;
        this.#at++;
        return this.#quantifierAt()
          ? undefined
          : { unbounded: 0, choices: 1, deterministic: 0 };
      }
      const group = this.#group();
      if (group === undefined) return undefined;
      const repeat = this.#quantifier();
      if (repeat === undefined) return undefined;
      if (repeat === "none") return group;
      // Only an optional group: any other repeat of one can try its
      // matches in many ways.
      if (repeat.min !== 0 || repeat.max !== 1) return undefined;
      return {
        unbounded: group.unbounded + (group.pending === undefined ? 0 : 1),
        choices: group.choices + 1,
        deterministic: group.deterministic,
      };
    }
    const set = this.#atom();
    if (set === false) return undefined;
    const repeat = this.#quantifier();
    if (repeat === undefined) return undefined;
    const known = set === true || !this.#sets ? undefined : set;
    if (repeat === "none") {
      return { unbounded: 0, choices: 1, deterministic: 0, lead: known };
    }
    const lead = repeat.min > 0 ? known : undefined;
    if (repeat.max === Infinity) {
      // Counted by what follows it (see Cost.pending), when its set is known.
      return known === undefined
        ? { unbounded: 1, choices: 1, deterministic: 0 }
        : { unbounded: 0, choices: 1, deterministic: 0, lead, pending: known };
    }
    return {
      unbounded: 0,
      choices: repeat.max - repeat.min + 1,
      deterministic: 0,
      lead,
    };
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

  /**
   * One character, `.`, a class or an escape of one: its set of characters,
   * true where it is one but its set is not read, false if unsure.
   */
  #atom(): Ranges | boolean {
    const source = this.#source;
    const c = source[this.#at]!;
    if (c === "[") {
      // No `v` flag here: the first unescaped `]` ends a class.
      const end = classEnd(source, this.#at);
      if (end === -1) return false;
      const set = this.#classSet(this.#at + 1, end - 1);
      this.#at = end;
      return set ?? true;
    }
    if (c === "\\") {
      const start = this.#at;
      if (!this.#escape()) return false;
      return escapeSet(source.slice(start, this.#at), this.#unicode) ?? true;
    }
    if ("*+?{}]|)".includes(c)) return false;
    if (c === ".") {
      this.#at++;
      return this.#dotAll ? [[0, MAX_CODE]] : complement(TERMINATORS);
    }
    const code = this.#codeAt(this.#at);
    this.#at += charLength(source, this.#at, this.#unicode);
    return [[code, code]];
  }

  /** The code of the character at `at`: a code point with `u`, a unit without. */
  #codeAt(at: number): number {
    return charLength(this.#source, at, this.#unicode) === 2
      ? this.#source.codePointAt(at)!
      : this.#source.charCodeAt(at);
  }

  /** The set of the class `source[from, to)`, or undefined if unsure. */
  #classSet(from: number, to: number): Ranges | undefined {
    const source = this.#source;
    let at = from;
    const negated = source[at] === "^";
    if (negated) at++;
    let set: Ranges = [];
    // One member: a character's code, or a set (an escape of a class).
    const member = (): number | Ranges | undefined => {
      if (source[at] === "\\") {
        const m = (this.#unicode ? MEMBER_ESCAPE_U : MEMBER_ESCAPE).exec(
          source.slice(at, to),
        );
        if (m === null) return undefined;
        at += m[0].length;
        if (m[0] === "\\b") return 0x08; // a backspace in a class
        const s = escapeSet(m[0], this.#unicode);
        if (s === undefined) return undefined;
        // One character may start or end a range; a class escape's set
        // is never one.
        return s.length === 1 && s[0]![0] === s[0]![1] ? s[0]![0] : s;
      }
      const code = this.#codeAt(at);
      at += charLength(source, at, this.#unicode);
      return code;
    };
    while (at < to) {
      const lo = member();
      if (lo === undefined) return undefined;
      if (typeof lo === "number" && source[at] === "-" && at + 1 < to) {
        at++;
        const hi = member();
        if (typeof hi !== "number" || hi < lo) return undefined;
        set = union(set, [[lo, hi]]);
      } else {
        set = union(set, typeof lo === "number" ? [[lo, lo]] : lo);
      }
    }
    return negated ? complement(set) : set;
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

/**
 * The set of characters of the escape `text` (one read by the reader), or
 * undefined where it is not read (`\p{...}`, a surrogate pair in `\u`).
 */
function escapeSet(text: string, unicode: boolean): Ranges | undefined {
  const e = text[1]!;
  switch (e) {
    case "d":
      return DIGITS;
    case "D":
      return complement(DIGITS);
    case "w":
      return WORD;
    case "W":
      return complement(WORD);
    case "s":
      return SPACE;
    case "S":
      return complement(SPACE);
    case "t":
    case "n":
    case "r":
    case "v":
    case "f":
    case "0":
      return [[CONTROL_CODES[e]!, CONTROL_CODES[e]!]];
    case "c": {
      const code = text.charCodeAt(2) % 32;
      return [[code, code]];
    }
    case "x":
    case "u": {
      if (text[2] === "{") {
        const code = parseInt(text.slice(3, -1), 16);
        return code <= MAX_CODE ? [[code, code]] : undefined;
      }
      const code = parseInt(text.slice(2), 16);
      // A lead surrogate may pair with the next escape in `u` mode.
      if (unicode && code >= 0xd800 && code <= 0xdfff) return undefined;
      return [[code, code]];
    }
    case "p":
    case "P":
      return undefined;
    default: {
      const code = text.charCodeAt(1);
      return [[code, code]];
    }
  }
}
