// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import { logfmtGetter, parseLogfmt } from "../../mod.ts";

Deno.test("parseLogfmt() reads quoted values, escapes and bare keys", () => {
  assert.deepEqual(
    parseLogfmt(
      '2026-11-01T00:00:00Z INFO api req=7f status=200 msg="say \\"hi\\"" retry',
    ),
    { req: "7f", status: "200", msg: 'say "hi"' },
  );
  assert.deepEqual(parseLogfmt(""), {});
  assert.deepEqual(parseLogfmt("a= b=1"), { a: "", b: "1" });
});

Deno.test("logfmtGetter() reads the same value as parseLogfmt() for any line", () => {
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
  const getters = ["a", "b", "ab"].map((name) =>
    [name, logfmtGetter(name)] as const
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
      const line = parts.join(" ");
      const record = parseLogfmt(line);
      for (const [name, get] of getters) {
        const want = Object.hasOwn(record, name) ? record[name] : undefined;
        assert.equal(get(line), want, JSON.stringify(line));
      }
    }),
    { numRuns: 5000 },
  );
});

Deno.test("logfmtGetter() reads nothing for a key no pair can have: one with a space or an =, or an empty one", () => {
  const cases: [string, string][] = [
    [" ", " ="],
    ["a b", "x a b=1"],
    ["a=b", "a=b=c"],
    ["=", "==1"],
    ["", "=1"],
  ];
  for (const [key, line] of cases) {
    assert.equal(parseLogfmt(line)[key], undefined, JSON.stringify(line));
    assert.equal(logfmtGetter(key)(line), undefined, JSON.stringify(line));
  }
});
