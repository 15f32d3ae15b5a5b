// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/stages/_required_literal.ts
var SYNTAX = /* @__PURE__ */ new Set([
  ..."^$\\.*+?()[]{}|/-"
]);
var CLASS_ESCAPES = /* @__PURE__ */ new Set([
  ..."dDwWsSbB"
]);
function requiredLiteral(source, flags) {
  if (flags.includes("i") || flags.includes("v")) return void 0;
  if (topLevelAlternation(source)) return void 0;
  const unicode = flags.includes("u");
  let best = "";
  let run = "";
  let lastAtom = -1;
  const end = () => {
    if (run.length > best.length) best = run;
    run = "";
    lastAtom = -1;
  };
  const push = (text) => {
    lastAtom = run.length;
    run += text;
  };
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1];
      if (next !== void 0 && SYNTAX.has(next)) {
        push(next);
        i += 2;
      } else if (next !== void 0 && CLASS_ESCAPES.has(next)) {
        end();
        i += 2;
      } else {
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
      i = groupEnd(source, i);
      if (i === -1) break;
      continue;
    }
    if (c === "*" || c === "+" || c === "?") {
      quantified();
      i++;
      if (source[i] === "?") i++;
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
      if (unicode) break;
      push(c);
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
  return best.length >= 2 ? best : void 0;
  function quantified() {
    if (lastAtom !== -1) run = run.slice(0, lastAtom);
    end();
  }
}
function topLevelAlternation(source) {
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
function charLength(source, at, unicode) {
  const code = source.charCodeAt(at);
  return unicode && code >= 55296 && code <= 56319 && at + 1 < source.length && source.charCodeAt(at + 1) >= 56320 && source.charCodeAt(at + 1) <= 57343 ? 2 : 1;
}
function classEnd(source, at) {
  for (let i = at + 1; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "]") return i + 1;
  }
  return -1;
}
function groupEnd(source, at) {
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

// lib/stages/_backtracking.ts
var LINEAR_CHOICES = 256;
var QUADRATIC_CHOICES = 4;
var SHORT_LINE = 8192;
var MAX_CODE = 1114111;
var DIGITS = [
  [
    48,
    57
  ]
];
var WORD = [
  [
    48,
    57
  ],
  [
    65,
    90
  ],
  [
    95,
    95
  ],
  [
    97,
    122
  ]
];
var SPACE = [
  [
    9,
    13
  ],
  [
    32,
    32
  ],
  [
    160,
    160
  ],
  [
    5760,
    5760
  ],
  [
    8192,
    8202
  ],
  [
    8232,
    8233
  ],
  [
    8239,
    8239
  ],
  [
    8287,
    8287
  ],
  [
    12288,
    12288
  ],
  [
    65279,
    65279
  ]
];
var TERMINATORS = [
  [
    10,
    10
  ],
  [
    13,
    13
  ],
  [
    8232,
    8233
  ]
];
var NOTHING = [];
function union(a, b) {
  const all = [
    ...a,
    ...b
  ].sort((x, y) => x[0] - y[0]);
  const out = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last !== void 0 && lo <= last[1] + 1) {
      last[1] = Math.max(last[1], hi);
    } else out.push([
      lo,
      hi
    ]);
  }
  return out;
}
function complement(a) {
  const out = [];
  let next = 0;
  for (const [lo, hi] of a) {
    if (lo > next) out.push([
      next,
      lo - 1
    ]);
    next = hi + 1;
  }
  if (next <= MAX_CODE) out.push([
    next,
    MAX_CODE
  ]);
  return out;
}
function disjoint(a, b) {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i][1] < b[j][0]) i++;
    else if (b[j][1] < a[i][0]) j++;
    else return false;
  }
  return true;
}
var MEMBER_ESCAPES = String.raw`[dDwWsS]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|c[A-Za-z]|[tnrvfb]|0(?![0-9])|[\^$\\.*+?()[\]{}|/-]`;
var MEMBER_ESCAPE = new RegExp(String.raw`^\\(?:${MEMBER_ESCAPES})`);
var MEMBER_ESCAPE_U = new RegExp(String.raw`^\\(?:u\{[0-9A-Fa-f]+\}|${MEMBER_ESCAPES})`);
var CONTROL_CODES = {
  t: 9,
  n: 10,
  r: 13,
  v: 11,
  f: 12,
  "0": 0
};
var CLASS_ESCAPES2 = "dDwWsS";
var CONTROL_ESCAPES = "tnrvf";
function backtrackingOf(source, flags) {
  if (flags.includes("v")) return "unbounded";
  const reader = new Reader(source, flags);
  const cost = reader.pattern();
  if (cost === void 0) return "unbounded";
  const power = (reader.anchored ? 0 : 1) + cost.unbounded + (cost.deterministic > 0 ? 1 : 0);
  if (power <= 1 && cost.choices <= LINEAR_CHOICES) return "linear";
  if (power <= 2 && cost.choices <= QUADRATIC_CHOICES) return "quadratic";
  return "unbounded";
}
var Reader = class {
  #at = 0;
  #source;
  #unicode;
  /** With `i`, sets of characters are not read: case widens them. */
  #sets;
  #multiline;
  #dotAll;
  /**
   * Whether every match starts at the line's start: the pattern is one
   * alternative that starts with `^`, without the `m` flag.
   */
  anchored = false;
  constructor(source, flags) {
    this.#source = source;
    this.#unicode = flags.includes("u");
    this.#sets = !flags.includes("i");
    this.#multiline = flags.includes("m");
    this.#dotAll = flags.includes("s");
  }
  /** The whole pattern, or undefined. */
  pattern() {
    const cost = this.#disjunction(true);
    return cost !== void 0 && this.#at === this.#source.length ? cost : void 0;
  }
  /**
   * Alternatives: tried one after another, so their ways add up. At the
   * top level, a repeat that ends an alternative ends the match: it never
   * gives back.
   */
  #disjunction(top = false) {
    let unbounded = 0;
    let choices = 0;
    let deterministic = 0;
    let count = 0;
    let first;
    while (true) {
      const cost = this.#alternative();
      if (cost === void 0) return void 0;
      count++;
      first ??= cost;
      unbounded += cost.unbounded;
      choices += cost.choices;
      deterministic += cost.deterministic;
      if (cost.pending !== void 0) {
        if (top) deterministic++;
        else if (this.#source[this.#at] === "|" || count > 1) unbounded++;
      }
      if (this.#source[this.#at] !== "|") break;
      this.#at++;
    }
    if (top) {
      this.anchored = count === 1 && !this.#multiline && this.#source.startsWith("^");
    }
    if (count > 1 || top) return {
      unbounded,
      choices,
      deterministic
    };
    return {
      unbounded,
      choices,
      deterministic,
      lead: first.lead,
      pending: first.pending
    };
  }
  /** Terms in a row: their ways multiply. */
  #alternative() {
    let unbounded = 0;
    let deterministic = 0;
    let choices = 1;
    let lead;
    let pending;
    let firstTerm = true;
    const source = this.#source;
    while (this.#at < source.length) {
      const c = source[this.#at];
      if (c === "|" || c === ")") break;
      const cost = this.#term();
      if (cost === void 0) return void 0;
      if (firstTerm) lead = cost.lead;
      firstTerm = false;
      if (pending !== void 0) {
        if (cost.lead !== void 0 && disjoint(pending, cost.lead)) {
          deterministic++;
        } else unbounded++;
      }
      pending = cost.pending;
      unbounded += cost.unbounded;
      deterministic += cost.deterministic;
      choices = Math.min(choices * cost.choices, 1 << 20);
    }
    return {
      unbounded,
      choices,
      deterministic,
      lead,
      pending
    };
  }
  /** An assertion, or an atom and its repeat. */
  #term() {
    const source = this.#source;
    const c = source[this.#at];
    if (c === "^" || c === "$") {
      this.#at++;
      return {
        unbounded: 0,
        choices: 1,
        deterministic: 0,
        lead: c === "$" && !this.#multiline ? NOTHING : void 0
      };
    }
    if (c === "\\" && (source[this.#at + 1] === "b" || source[this.#at + 1] === "B")) {
      this.#at += 2;
      return {
        unbounded: 0,
        choices: 1,
        deterministic: 0
      };
    }
    if (c === "(") {
      const look = /^\(\?<?[=!]/.exec(source.slice(this.#at, this.#at + 4));
      if (look !== null) {
        this.#at += look[0].length;
        const inner = this.#disjunction();
        if (inner === void 0 || inner.unbounded > 0 || inner.deterministic > 0 || inner.pending !== void 0 || inner.choices > QUADRATIC_CHOICES || source[this.#at] !== ")") return void 0;
        this.#at++;
        return this.#quantifierAt() ? void 0 : {
          unbounded: 0,
          choices: 1,
          deterministic: 0
        };
      }
      const group = this.#group();
      if (group === void 0) return void 0;
      const repeat2 = this.#quantifier();
      if (repeat2 === void 0) return void 0;
      if (repeat2 === "none") return group;
      if (repeat2.min !== 0 || repeat2.max !== 1) return void 0;
      return {
        unbounded: group.unbounded + (group.pending === void 0 ? 0 : 1),
        choices: group.choices + 1,
        deterministic: group.deterministic
      };
    }
    const set = this.#atom();
    if (set === false) return void 0;
    const repeat = this.#quantifier();
    if (repeat === void 0) return void 0;
    const known = set === true || !this.#sets ? void 0 : set;
    if (repeat === "none") {
      return {
        unbounded: 0,
        choices: 1,
        deterministic: 0,
        lead: known
      };
    }
    const lead = repeat.min > 0 ? known : void 0;
    if (repeat.max === Infinity) {
      return known === void 0 ? {
        unbounded: 1,
        choices: 1,
        deterministic: 0
      } : {
        unbounded: 0,
        choices: 1,
        deterministic: 0,
        lead,
        pending: known
      };
    }
    return {
      unbounded: 0,
      choices: repeat.max - repeat.min + 1,
      deterministic: 0,
      lead
    };
  }
  /** A group `(...)`, `(?:...)` or `(?<name>...)`; the index after it. */
  #group() {
    const source = this.#source;
    this.#at++;
    if (source.startsWith("?:", this.#at)) this.#at += 2;
    else if (source.startsWith("?<", this.#at)) {
      const name = /^\?<[A-Za-z_$][\w$]*>/.exec(source.slice(this.#at));
      if (name === null) return void 0;
      this.#at += name[0].length;
    } else if (source[this.#at] === "?") return void 0;
    const inner = this.#disjunction();
    if (inner === void 0 || source[this.#at] !== ")") return void 0;
    this.#at++;
    return inner;
  }
  /** Whether a quantifier follows (which a lookaround must not have). */
  #quantifierAt() {
    const c = this.#source[this.#at];
    return c === "*" || c === "+" || c === "?" || c === "{";
  }
  /**
   * The repeat after an atom, "none", or undefined where a brace is no
   * quantifier (a literal brace is read as unsure).
   */
  #quantifier() {
    const source = this.#source;
    const c = source[this.#at];
    let repeat;
    if (c === "*") repeat = {
      min: 0,
      max: Infinity
    };
    else if (c === "+") repeat = {
      min: 1,
      max: Infinity
    };
    else if (c === "?") repeat = {
      min: 0,
      max: 1
    };
    else if (c === "{") {
      const q = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(this.#at));
      if (q === null) return void 0;
      const min = Number(q[1]);
      const max = q[2] === void 0 ? min : q[3] === "" ? Infinity : Number(q[3]);
      if (!(max >= min)) return void 0;
      this.#at += q[0].length - 1;
      repeat = {
        min,
        max
      };
    } else return "none";
    this.#at++;
    if (source[this.#at] === "?") this.#at++;
    return repeat;
  }
  /**
   * One character, `.`, a class or an escape of one: its set of characters,
   * true where it is one but its set is not read, false if unsure.
   */
  #atom() {
    const source = this.#source;
    const c = source[this.#at];
    if (c === "[") {
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
      return this.#dotAll ? [
        [
          0,
          MAX_CODE
        ]
      ] : complement(TERMINATORS);
    }
    const code = this.#codeAt(this.#at);
    this.#at += charLength(source, this.#at, this.#unicode);
    return [
      [
        code,
        code
      ]
    ];
  }
  /** The code of the character at `at`: a code point with `u`, a unit without. */
  #codeAt(at) {
    return charLength(this.#source, at, this.#unicode) === 2 ? this.#source.codePointAt(at) : this.#source.charCodeAt(at);
  }
  /** The set of the class `source[from, to)`, or undefined if unsure. */
  #classSet(from, to) {
    const source = this.#source;
    let at = from;
    const negated = source[at] === "^";
    if (negated) at++;
    let set = [];
    const member = () => {
      if (source[at] === "\\") {
        const m = (this.#unicode ? MEMBER_ESCAPE_U : MEMBER_ESCAPE).exec(source.slice(at, to));
        if (m === null) return void 0;
        at += m[0].length;
        if (m[0] === "\\b") return 8;
        const s = escapeSet(m[0], this.#unicode);
        if (s === void 0) return void 0;
        return s.length === 1 && s[0][0] === s[0][1] ? s[0][0] : s;
      }
      const code = this.#codeAt(at);
      at += charLength(source, at, this.#unicode);
      return code;
    };
    while (at < to) {
      const lo = member();
      if (lo === void 0) return void 0;
      if (typeof lo === "number" && source[at] === "-" && at + 1 < to) {
        at++;
        const hi = member();
        if (typeof hi !== "number" || hi < lo) return void 0;
        set = union(set, [
          [
            lo,
            hi
          ]
        ]);
      } else {
        set = union(set, typeof lo === "number" ? [
          [
            lo,
            lo
          ]
        ] : lo);
      }
    }
    return negated ? complement(set) : set;
  }
  /** An escape that matches one character or class; false for others. */
  #escape() {
    const source = this.#source;
    const next = source[this.#at + 1];
    if (next === void 0) return false;
    if (SYNTAX.has(next) || CLASS_ESCAPES2.includes(next) || CONTROL_ESCAPES.includes(next)) {
      this.#at += 2;
      return true;
    }
    const rest = source.slice(this.#at);
    const long = /^\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|c[A-Za-z]|0(?![0-9]))/.exec(rest) ?? (this.#unicode ? /^\\(?:u\{[0-9A-Fa-f]+\}|[pP]\{[\w=]+\})/.exec(rest) : null);
    if (long === null) return false;
    this.#at += long[0].length;
    return true;
  }
};
function escapeSet(text, unicode) {
  const e = text[1];
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
      return [
        [
          CONTROL_CODES[e],
          CONTROL_CODES[e]
        ]
      ];
    case "c": {
      const code = text.charCodeAt(2) % 32;
      return [
        [
          code,
          code
        ]
      ];
    }
    case "x":
    case "u": {
      if (text[2] === "{") {
        const code2 = parseInt(text.slice(3, -1), 16);
        return code2 <= MAX_CODE ? [
          [
            code2,
            code2
          ]
        ] : void 0;
      }
      const code = parseInt(text.slice(2), 16);
      if (unicode && code >= 55296 && code <= 57343) return void 0;
      return [
        [
          code,
          code
        ]
      ];
    }
    case "p":
    case "P":
      return void 0;
    default: {
      const code = text.charCodeAt(1);
      return [
        [
          code,
          code
        ]
      ];
    }
  }
}

export {
  requiredLiteral,
  SHORT_LINE,
  backtrackingOf
};
