// Copyright 2026 the sluice authors. MIT license.
// The literal that every match of a pattern contains: never one that a
// matching line lacks, and the one a reader would pick in common patterns.
import assert from "node:assert/strict";
import fc from "fast-check";
import { requiredLiteral } from "../../lib/stages/_required_literal.ts";

Deno.test("requiredLiteral() finds the longest plain run of common patterns", () => {
  const cases: [string, string, string | undefined][] = [
    ["status=50[0-9]", "u", "status=50"],
    ["latency_ms=9\\d\\d ", "u", "latency_ms=9"],
    ["\\bERROR\\b.*timeout", "u", "timeout"],
    ["GET /api/v1\\.0/users", "", "GET /api/v1.0/users"],
    ["ab+cd", "u", "cd"],
    ["abc*d", "u", "ab"],
    ["x{2}yz", "", "yz"],
    ["a{,3}", "", "a{,3}"],
    ["(?:foo|bar)baz", "u", "baz"],
    ["foo|bar", "u", undefined],
    ["error", "iu", undefined],
    ["[Ee]rror", "u", "rror"],
    ["\\x41BC", "u", undefined],
    ["ab\\x41", "u", "ab"],
    ["😀😀?", "u", "😀"],
  ];
  for (const [source, flags, expected] of cases) {
    assert.equal(
      requiredLiteral(source, flags),
      expected,
      `/${source}/${flags}`,
    );
  }
});

Deno.test("every line that a pattern matches contains its required literal", () => {
  const piece = fc.constantFrom(
    "a",
    "b",
    "ab",
    "ba",
    "a=b",
    "1=",
    "b.a",
    "aa",
    "=",
    ".",
    "\\.",
    "\\d",
    "\\b",
    "\\w",
    "[ab]",
    "[^a]",
    "[]",
    "[^]",
    "[\\]a]",
    "(a|b)",
    "(?:ab)",
    "(?=a)",
    "(?!b)",
    "(?<=a)",
    "(a)\\1",
    "*",
    "+",
    "?",
    "*?",
    "{2}",
    "{1,2}",
    "{0}",
    "{,2}",
    "{",
    "}",
    "]",
    "^",
    "$",
    "|",
    "\\x61",
    "\\u0062",
    "\\/",
    "\\-",
    "😀",
    "a|",
    "|b",
  );
  const pattern = fc.array(piece, { minLength: 1, maxLength: 8 })
    .map((p) => p.join(""));
  const line = fc.array(fc.constantFrom("a", "b", "=", ".", "1", " ", "😀"), {
    maxLength: 12,
  }).map((p) => p.join(""));
  let tried = 0;
  fc.assert(
    fc.property(
      pattern,
      fc.constantFrom("", "u", "m", "su"),
      fc.array(line, { minLength: 1, maxLength: 20 }),
      (source, flags, lines) => {
        let re: RegExp;
        try {
          re = new RegExp(source, flags);
        } catch {
          return; // not a pattern
        }
        const literal = requiredLiteral(source, flags);
        if (literal === undefined) return;
        tried++;
        for (const l of lines) {
          if (re.test(l)) {
            assert.ok(l.includes(literal), `/${source}/${flags} on ${l}`);
          }
        }
      },
    ),
    { numRuns: 5000 },
  );
  assert.ok(tried > 500, `${tried} patterns with a literal`);
});
