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

/** A pattern's parts, and what they cost (undefined: unbounded). */
interface Part {
  source: string;
  cost: { unbounded: number; choices: number } | undefined;
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

const atom: fc.Arbitrary<Part> = fc.tuple(
  fc.constantFrom(
    "a",
    "x",
    "-",
    "=",
    "/",
    "\\.",
    "\\d",
    "\\w",
    "\\S",
    ".",
    "[a-c]",
    "[^x\\]]",
    "\\p{L}",
    "\\u{1F600}",
    "\\x41",
    "\\t",
    "😀",
  ),
  fc.constantFrom(...REPEATS),
).map(([a, [q, min, max]]) => ({
  source: a + q,
  cost: max === Infinity
    ? { unbounded: 1, choices: 1 }
    : { unbounded: 0, choices: max - min + 1 },
}));

const fixed = (source: string): Part => ({
  source,
  cost: { unbounded: 0, choices: 1 },
});

function sequence(parts: Part[]): Part {
  let unbounded = 0;
  let choices = 1;
  for (const p of parts) {
    if (p.cost === undefined) {
      return { source: parts.map((q) => q.source).join(""), cost: undefined };
    }
    unbounded += p.cost.unbounded;
    choices = Math.min(choices * p.cost.choices, 1 << 20);
  }
  return {
    source: parts.map((p) => p.source).join(""),
    cost: { unbounded, choices },
  };
}

function alternation(parts: Part[]): Part {
  const source = parts.map((p) => p.source).join("|");
  if (parts.some((p) => p.cost === undefined)) {
    return { source, cost: undefined };
  }
  return {
    source,
    cost: {
      unbounded: parts.reduce((n, p) => n + p.cost!.unbounded, 0),
      choices: parts.reduce((n, p) => n + p.cost!.choices, 0),
    },
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
    if (look) {
      const c = inner.cost;
      return {
        source: `${open}${inner.source})`,
        cost: c === undefined || c.unbounded > 0 ||
            c.choices > QUADRATIC_CHOICES
          ? undefined
          : { unbounded: 0, choices: 1 },
      };
    }
    const source = `${open}${inner.source})${q}`;
    if (inner.cost === undefined || q === "") {
      return { source, cost: inner.cost };
    }
    return {
      source,
      cost: min === 0 && max === 1
        ? { unbounded: inner.cost.unbounded, choices: inner.cost.choices + 1 }
        : undefined,
    };
  }),
}));

Deno.test("backtrackingOf() reads random patterns as their parts say, and every pattern compiles", () => {
  fc.assert(
    fc.property(pattern, ({ source, cost }) => {
      // One named group at most: a name may not repeat.
      const first = source.indexOf("(?<g>");
      const text = first === -1 ? source : source.slice(0, first + 5) +
        source.slice(first + 5).replaceAll("(?<g>", "(");
      new RegExp(text, "u");
      const expected = cost === undefined
        ? "unbounded"
        : cost.unbounded === 0 && cost.choices <= LINEAR_CHOICES
        ? "linear"
        : cost.unbounded === 1 && cost.choices <= QUADRATIC_CHOICES
        ? "quadratic"
        : "unbounded";
      assert.equal(backtrackingOf(text, "u"), expected, `/${text}/u`);
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
