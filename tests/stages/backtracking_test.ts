// Copyright 2026 the sluice authors. MIT license.
// How the work of matching a pattern grows with a line's length, read from
// its source: common patterns, and random ones built from their parts
// against what their parts say.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  backtrackingOf,
  LINEAR_CHOICES,
  QUADRATIC_CHOICES,
} from "../../lib/stages/_backtracking.ts";

Deno.test("backtrackingOf() tells the patterns users grep logs with", () => {
  const cases: [string, string, string][] = [
    ["status=50[34]", "u", "linear"],
    ["latency_ms=[0-9]{4}", "u", "linear"],
    ["(GET|POST) /api/v[12]/", "u", "linear"],
    ["\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}", "u", "linear"],
    ["^\\[\\w{3} \\d\\d\\]", "u", "linear"],
    ["(?<![\\p{L}\\p{N}_])(?:ERROR)(?![\\p{L}\\p{N}_])", "u", "linear"],
    ["^(?:WARN|ERROR)$", "u", "linear"],
    ["user=(?<user>[a-z]{2,8}) ", "u", "linear"],
    ["ms=\\d\\d?\\d?", "", "linear"],
    ["ERROR.*timeout", "u", "quadratic"],
    ["latency_ms=\\d+", "u", "quadratic"],
    ["\\s+$", "u", "quadratic"],
    ["(?:GET|POST) \\S+ 50\\d", "u", "quadratic"],
    ["^(a|aa)+$", "u", "unbounded"],
    ["(a+)+b", "u", "unbounded"],
    ["a.*b.*c", "u", "unbounded"],
    ["(\\w+) \\1", "u", "unbounded"],
    ["\\k<w>(?<w>x)", "u", "unbounded"],
    ["(?=.*x)y", "u", "unbounded"],
    ["a{1,1000}", "u", "unbounded"],
    ["(?:ab){2}", "u", "unbounded"],
    ["x{", "", "unbounded"],
    ["[a&&b]", "v", "unbounded"],
    ["(?i:a)b", "u", "unbounded"],
    // A repeat of one character that what follows can never continue:
    // at most its length a try, once where the pattern is anchored at the
    // start, at each place of the line where it is not.
    [
      '^(?<ip>\\S+) \\S+ \\S+ \\[(?<time>[^\\]]+)\\] "(?<method>[A-Z]+) (?<path>[^ "]*)',
      "u",
      "linear",
    ],
    ['"(?<method>[A-Z]+) (?<path>[^ ]*)', "u", "quadratic"],
    ["^level=(?<level>[a-z]+) status=(?<status>\\d{3})", "u", "linear"],
    ['^[^"]*"[^"]*"', "", "linear"],
    ["^\\S+\\s\\S+$", "u", "linear"],
    ["^\\S+$", "mu", "quadratic"],
    ["\\t[^\\t]*\\t", "u", "quadratic"],
    ["^(?:\\S+ )?\\S+$", "u", "linear"],
    // What follows could continue it, or is not read: a repeat that tries
    // every length, a power of the line's length more, but a match is
    // tried once where the pattern is anchored at the start.
    ["^\\S+ \\S+", "i", "quadratic"],
    ["\\S+ \\S+x", "i", "unbounded"],
    ["^\\d+\\d+x", "u", "quadratic"],
    ["\\d+\\d+x", "u", "unbounded"],
    ["^\\w+(?:,\\w+)*$", "u", "unbounded"],
    ["^(\\w+|\\d+) ", "u", "quadratic"],
    ["^a.*b", "u", "linear"],
    ["^\\p{L}+ ", "u", "linear"],
    ["^\\S+\\b-", "u", "linear"],
    ["^\\S+ ERROR .*timeout", "u", "quadratic"],
    ["\\S+ ERROR .*timeout", "u", "unbounded"],
    ["^a.*b.*c", "u", "quadratic"],
    ["^a.*b.*c.*d", "u", "unbounded"],
    ["^a.*b|c", "u", "quadratic"],
    ["^a.*b", "mu", "quadratic"],
    // Without `u`, `\\u{41}` is five characters and `\\01` an octal escape:
    // not read as U+0041 or as U+0000 and a 1.
    ["^[\\u{41}]+u[\\u{41}]+u", "", "quadratic"],
    ["^[\\u{41}]+u[\\u{41}]+u", "u", "linear"],
    ["^[\\01]+\\x01[\\01]+\\x01", "", "quadratic"],
    ["^[\\0]+\\x01[\\0]+\\x01", "", "linear"],
    // Four ways, and a fifth where the optional group is left out.
    ["(?:a|b|c)?x+", "u", "quadratic"],
    ["(?:a|b|c|d)?x+", "u", "unbounded"],
  ];
  for (const [source, flags, expected] of cases) {
    new RegExp(source, flags);
    assert.equal(
      backtrackingOf(source, flags),
      expected,
      `/${source}/${flags}`,
    );
  }
});

/**
 * What a part costs (undefined: unbounded), as the reading's rules say:
 * its unbounded repeats; its ways; its repeats of one character that what
 * follows can never continue (`deterministic`); the atom it must start
 * with (`lead`, "$" for the end); and an unbounded repeat of a known atom
 * that ends it, not yet counted (`pending`).
 */
interface Cost {
  unbounded: number;
  choices: number;
  deterministic: number;
  lead?: string;
  pending?: string;
}

/** A part of a pattern: its source and cost, and its alternatives. */
interface Part {
  source: string;
  cost: Cost | undefined;
  alternatives?: Cost[];
}

const REPEATS: [string, number, number][] = [
  ["", 1, 1],
  ["?", 0, 1],
  ["*", 0, Infinity],
  ["+", 1, Infinity],
  ["{2}", 2, 2],
  ["{1,3}", 1, 3],
  ["{2,}", 2, Infinity],
  ["*?", 0, Infinity],
  ["{0,2}?", 0, 2],
];

const ATOMS = [
  "a",
  "x",
  " ",
  "-",
  "=",
  "/",
  "\\.",
  "\\d",
  "\\w",
  "\\s",
  "\\S",
  "\\D",
  ".",
  "[a-c]",
  "[^x\\]]",
  '[^ "]',
  "[\\d.-]",
  "[^\\s]",
  "\\p{L}",
  "\\u{1F600}",
  "\\x41",
  "\\t",
  "😀",
];
/** Atoms whose set the reading does not read. */
const UNREAD = new Set(["\\p{L}"]);

/**
 * Whether two atoms share a character, tried on every code point up to
 * U+3100 and a few beyond (the sets above differ nowhere else): the
 * reference the reading's sets are held to.
 */
const SAMPLE = [
  ...Array.from({ length: 0x3100 }, (_, i) => i),
  0xfeff,
  0x1f600,
  0x1f601,
  0x10ffff,
].map((c) => String.fromCodePoint(c));
const shares = new Map<string, boolean>();
function share(a: string, b: string): boolean {
  if (a === "$" || b === "$") return false;
  const key = `${a}\u0000${b}`;
  let known = shares.get(key);
  if (known === undefined) {
    const ra = new RegExp(`^(?:${a})$`, "u");
    const rb = new RegExp(`^(?:${b})$`, "u");
    known = SAMPLE.some((c) => ra.test(c) && rb.test(c));
    shares.set(key, known);
  }
  return known;
}

const atom: fc.Arbitrary<Part> = fc.tuple(
  fc.constantFrom(...ATOMS),
  fc.constantFrom(...REPEATS),
).map(([a, [q, min, max]]) => {
  const known = !UNREAD.has(a);
  const lead = min > 0 && known ? { lead: a } : {};
  return {
    source: a + q,
    cost: max === Infinity
      ? known
        ? { unbounded: 0, choices: 1, deterministic: 0, ...lead, pending: a }
        : { unbounded: 1, choices: 1, deterministic: 0 }
      : { unbounded: 0, choices: max - min + 1, deterministic: 0, ...lead },
  };
});

const fixed = (source: string): Part => ({
  source,
  cost: {
    unbounded: 0,
    choices: 1,
    deterministic: 0,
    ...(source === "$" ? { lead: "$" } : {}),
  },
});

function sequence(parts: Part[]): Part {
  const source = parts.map((p) => p.source).join("");
  let unbounded = 0;
  let deterministic = 0;
  let choices = 1;
  let pending: string | undefined;
  for (const p of parts) {
    if (p.cost === undefined) return { source, cost: undefined };
    if (pending !== undefined) {
      if (p.cost.lead !== undefined && !share(pending, p.cost.lead)) {
        deterministic++;
      } else unbounded++;
    }
    pending = p.cost.pending;
    unbounded += p.cost.unbounded;
    deterministic += p.cost.deterministic;
    choices = Math.min(choices * p.cost.choices, 1 << 20);
  }
  return {
    source,
    cost: {
      unbounded,
      choices,
      deterministic,
      ...(parts[0]?.cost?.lead === undefined
        ? {}
        : { lead: parts[0].cost.lead }),
      ...(pending === undefined ? {} : { pending }),
    },
  };
}

function alternation(parts: Part[]): Part {
  const source = parts.map((p) => p.source).join("|");
  if (parts.some((p) => p.cost === undefined)) {
    return { source, cost: undefined };
  }
  const costs = parts.map((p) => p.cost!);
  if (costs.length === 1) {
    return { source, cost: costs[0], alternatives: costs };
  }
  // A repeat that ends one of several alternatives: unbounded in a group.
  return {
    source,
    cost: {
      unbounded: costs.reduce(
        (n, c) => n + c.unbounded + (c.pending === undefined ? 0 : 1),
        0,
      ),
      choices: costs.reduce((n, c) => n + c.choices, 0),
      deterministic: costs.reduce((n, c) => n + c.deterministic, 0),
    },
    alternatives: costs,
  };
}

const { pattern } = fc.letrec<{ pattern: Part; term: Part; group: Part }>((
  tie,
) => ({
  pattern: fc.array(
    fc.array(tie("term"), { maxLength: 4 }).map(sequence),
    { minLength: 1, maxLength: 3 },
  ).map(alternation),
  term: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom,
    fc.constantFrom("^", "$", "\\b", "\\B").map(fixed),
    tie("group"),
  ),
  group: fc.tuple(
    fc.constantFrom("(?:", "(", "(?<g>", "(?=", "(?!", "(?<=", "(?<!"),
    tie("pattern"),
    fc.constantFrom(...REPEATS),
  ).map(([open, inner, [q, min, max]]): Part => {
    const look = open.startsWith("(?=") || open.startsWith("(?!") ||
      open.startsWith("(?<=") || open.startsWith("(?<!");
    const c = inner.cost;
    if (look) {
      return {
        source: `${open}${inner.source})`,
        cost: c === undefined || c.unbounded > 0 || c.deterministic > 0 ||
            c.pending !== undefined || c.choices > QUADRATIC_CHOICES
          ? undefined
          : { unbounded: 0, choices: 1, deterministic: 0 },
      };
    }
    const source = `${open}${inner.source})${q}`;
    if (c === undefined || q === "") return { source, cost: c };
    return {
      source,
      cost: min === 0 && max === 1
        ? {
          unbounded: c.unbounded + (c.pending === undefined ? 0 : 1),
          choices: c.choices + 1,
          deterministic: c.deterministic,
        }
        : undefined,
    };
  }),
}));

/** What the rules say of a whole pattern. */
function expected(whole: Part): string {
  if (whole.cost === undefined) return "unbounded";
  const costs = whole.alternatives!;
  // A repeat that ends the pattern ends the match: it never gives back.
  const unbounded = costs.reduce((n, c) => n + c.unbounded, 0);
  const deterministic = costs.reduce(
    (n, c) => n + c.deterministic + (c.pending === undefined ? 0 : 1),
    0,
  );
  const choices = costs.reduce((n, c) => n + c.choices, 0);
  const anchored = costs.length === 1 && whole.source.startsWith("^");
  // A match tried at every place unless anchored, times every length of
  // each repeat that gives back, times the lengths of those that never do.
  const power = (anchored ? 0 : 1) + unbounded + (deterministic > 0 ? 1 : 0);
  return power <= 1 && choices <= LINEAR_CHOICES
    ? "linear"
    : power <= 2 && choices <= QUADRATIC_CHOICES
    ? "quadratic"
    : "unbounded";
}

/** Patterns of one alternative, anchored at the start with `^`. */
const anchored: fc.Arbitrary<Part> = pattern.filter((p) =>
  p.alternatives?.length === 1
).map((p) => {
  const { lead: _, ...cost } = p.cost!;
  return { source: `^${p.source}`, cost, alternatives: [cost] };
});

Deno.test("backtrackingOf() reads random patterns as their parts say, and every pattern compiles", () => {
  fc.assert(
    fc.property(fc.oneof(pattern, anchored), (whole) => {
      const { source } = whole;
      // One named group at most: a name may not repeat.
      const first = source.indexOf("(?<g>");
      const text = first === -1 ? source : source.slice(0, first + 5) +
        source.slice(first + 5).replaceAll("(?<g>", "(");
      new RegExp(text, "u");
      assert.equal(backtrackingOf(text, "u"), expected(whole), `/${text}/u`);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("backtrackingOf() calls a pattern with a backreference or a repeated group unbounded", () => {
  for (
    const source of [
      "(a)\\1",
      "(?<n>a)\\k<n>",
      "(?:a)+",
      "(?:a){2,3}",
      "(?:a|b)*?",
      "x(?:y?)+z",
    ]
  ) {
    assert.equal(backtrackingOf(source, "u"), "unbounded", source);
  }
});
