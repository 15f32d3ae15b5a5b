// Copyright 2026 the sluice authors. MIT license.
// The command line's JSON writer: V8's fast JSON.stringify where it can, the
// bigint-writing replacer where it must, the same text either way.
import assert from "node:assert/strict";
import fc from "fast-check";
import { toJson } from "../../lib/cli/_json.ts";

const { rawJSON } = JSON as unknown as { rawJSON(text: string): unknown };

/** The text every value must get: JSON.stringify, bigints as their digits. */
function reference(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) => typeof v === "bigint" ? rawJSON(v.toString()) : v,
  );
}

/** JSON values, some of whose numbers are bigints beyond 2^53. */
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }),
    fc.bigInt({ min: -(2n ** 70n), max: -(2n ** 53n) }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
  ),
})).value;

Deno.test("toJson() writes any value as JSON.stringify does, bigints as their digits, whatever came before", () => {
  fc.assert(
    fc.property(fc.array(values, { maxLength: 40 }), (list) => {
      for (const v of list) assert.equal(toJson(v), reference(v));
    }),
    { numRuns: 500 },
  );
});

Deno.test("toJson() writes rows of bigints and rows without them alike, over many rows in turn", () => {
  // Long runs of each kind: the writer switches its way after a bigint.
  for (const run of [1, 3, 1500]) {
    for (let i = 0; i < 4000; i++) {
      const big = Math.floor(i / run) % 2 === 0;
      const row = { id: big ? 2n ** 60n + BigInt(i) : i, n: i % 7 };
      assert.equal(
        toJson(row),
        big
          ? `{"id":${2n ** 60n + BigInt(i)},"n":${i % 7}}`
          : `{"id":${i},"n":${i % 7}}`,
      );
    }
  }
  assert.equal(
    toJson({ at: new Date(Date.UTC(2026, 10, 1)) }),
    '{"at":"2026-11-01T00:00:00.000Z"}',
  );
});

Deno.test("toJson() throws a TypeError for a cycle, with or without a bigint beside it", () => {
  const cycle: Record<string, unknown> = { n: 1 };
  cycle.self = cycle;
  assert.throws(() => toJson(cycle), TypeError);
  const big: Record<string, unknown> = { id: 2n ** 60n };
  big.self = big;
  assert.throws(() => toJson(big), TypeError);
  assert.equal(toJson({ n: 1 }), '{"n":1}');
});
