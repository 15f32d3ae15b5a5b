// Copyright 2026 the sluice authors. MIT license.
// The command line's field readers: a logfmt field without parsing the
// whole line, and numbers as `sort -n` reads them.
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseLogfmt } from "../../mod.ts";
import {
  leadingNumber,
  logfmtValue,
  wordGetter,
} from "../../lib/cli/_fields.ts";

Deno.test("logfmtValue() reads the same value as parseLogfmt() for any line", () => {
  const piece = fc.oneof(
    fc.constantFrom(
      "a=1",
      "b=2",
      "ab=3",
      'a="x y"',
      "xa=5",
      "a=",
      '"',
      'a="q\\"a=2"',
      'b="a=9"',
      " ",
      "a",
      "=a=1",
    ),
    fc.string({ maxLength: 4 }),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
      const line = parts.join(" ");
      const record = parseLogfmt(line);
      for (const name of ["a", "b", "ab"]) {
        const want = Object.hasOwn(record, name) ? record[name] : undefined;
        assert.equal(logfmtValue(line, name), want, JSON.stringify(line));
      }
    }),
    { numRuns: 5000 },
  );
});

Deno.test("leadingNumber() reads numbers as sort -n does, with none a missing key (NaN), and words by position", () => {
  assert.equal(leadingNumber("  -12.5ms"), -12.5);
  assert.ok(Number.isNaN(leadingNumber("abc")));
  assert.ok(Number.isNaN(leadingNumber("-")));
  assert.equal(leadingNumber(".5"), 0.5);
  assert.ok(Number.isNaN(leadingNumber(undefined)));
  assert.ok(Number.isNaN(leadingNumber(Infinity)));
  assert.equal(leadingNumber(42), 42);
  assert.ok(Object.is(leadingNumber("-0"), 0));
  assert.equal(wordGetter(3)("a b c d"), "c");
  assert.equal(wordGetter(5)("a b c d"), undefined);
});
