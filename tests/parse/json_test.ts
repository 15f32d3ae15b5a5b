// Copyright 2026 the sluice authors. MIT license.
// JSON lines: objects only, nested fields by path, big integers exact.
import assert from "node:assert/strict";
import fc from "fast-check";
import { deadLetter, field, parse, pipeline, StageError } from "../../mod.ts";
import { hasLongDigits } from "../../lib/parse/_json.ts";
import { collect, jsonObjectLines, watchingJsonParse } from "../_helpers.ts";

async function read(lines: string[]): Promise<Record<string, unknown>[]> {
  return await collect(pipeline(lines, parse("json")));
}

// In the platform, not yet in TypeScript's library.
const { rawJSON } = JSON as unknown as { rawJSON(text: string): unknown };

/** JSON text of a value whose bigints are written as integers. */
function stringify(value: unknown): string {
  return JSON.stringify(
    value,
    (_, v) => typeof v === "bigint" ? rawJSON(v.toString()) : v,
  );
}

Deno.test("parse('json') reads objects, with blanks around them", async () => {
  assert.deepEqual(
    await read(['{"a":1,"b":{"c":[true,null]}}', '  \t{"s":"x"} ']),
    [
      { a: 1, b: { c: [true, null] } },
      { s: "x" },
    ],
  );
});

Deno.test("parse('json') keeps integers beyond 2^53 exact, as bigints, and leaves the rest numbers", async () => {
  const [r] = await read([
    '{"ts":1700000000123456789,"n":-9007199254740993,"safe":9007199254740991,"f":12345678901234567.5,"e":1e300,"id":"12345678901234567890","deep":[{"x":18446744073709551615}]}',
  ]);
  assert.equal(r!.ts, 1700000000123456789n);
  assert.equal(r!.n, -9007199254740993n);
  assert.equal(r!.safe, 9007199254740991);
  assert.equal(r!.f, 12345678901234567.5);
  assert.equal(r!.e, 1e300);
  assert.equal(r!.id, "12345678901234567890");
  assert.equal(field("deep[0].x")(r), 18446744073709551615n);
});

Deno.test("parse('json') refuses a line that is not JSON or not an object, naming the line", async () => {
  for (const line of ["not json", "", '{"a":1', "[1,2]", "42", "null", '"s"']) {
    await assert.rejects(
      () => read(['{"ok":true}', line]),
      (e) =>
        e instanceof StageError && e.line === 2 &&
        e.cause instanceof SyntaxError &&
        /Not a JSON (line|object)/.test(e.message),
      line,
    );
  }
});

Deno.test("parse('json') writes failing lines to a dead letter and stops at maxErrors", async () => {
  const seen: unknown[] = [];
  const run = pipeline(
    ['{"a":1}', "x", '{"a":2}', "y", "z"],
    parse("json", {
      onError: deadLetter((f) => void seen.push(f.line)),
      maxErrors: 3,
    }),
  );
  await assert.rejects(() => collect(run), StageError);
  assert.deepEqual(seen, [2, 4, 5]);
});

Deno.test("parse('json') reads back any integer exactly, and any record a JSON writer wrote", async () => {
  const value = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((n) =>
        n >= BigInt(Number.MIN_SAFE_INTEGER) &&
          n <= BigInt(Number.MAX_SAFE_INTEGER)
          ? Number(n)
          : n
      ),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) =>
        !Number.isInteger(d) || Number.isSafeInteger(d)
      ).map((d) => Object.is(d, -0) ? 0 : d),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(fc.string(), tie("value"), {
        maxKeys: 3,
        noNullPrototype: true,
      }),
    ),
  })).value;
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(fc.string(), value, { maxKeys: 5, noNullPrototype: true }),
      async (record) => {
        const [back] = await read([stringify(record)]);
        assert.deepEqual(back, record);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("hasLongDigits() agrees with /\\d{16}/ on any text", () => {
  fc.assert(
    fc.property(
      fc.string({
        unit: fc.constantFrom("1", "2", "0", "a", " ", '"'),
        maxLength: 80,
      }),
      (text) => assert.equal(hasLongDigits(text), /\d{16}/.test(text)),
    ),
    { numRuns: 3000 },
  );
});

/**
 * What parse("json") without `keys` makes of `line`, kept to `keys` in
 * their order: the record, or the first error's message.
 */
async function reference(
  keys: string[],
  lines: string[],
): Promise<{ records: unknown[]; errors: readonly string[] }> {
  const run = pipeline(lines, parse("json", { onError: "skip" }));
  const records = (await collect(run)).map((r) => {
    const kept: Record<string, unknown> = {};
    for (const k of keys) {
      if (Object.hasOwn(r, k)) {
        Object.defineProperty(kept, k, {
          value: r[k],
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
    }
    return kept;
  });
  return { records, errors: run.summary.stages[1]!.firstErrors };
}

Deno.test("parse('json', { keys }) gives what parse('json') gives, kept to those keys in their order, and refuses the same lines with the same errors", async () => {
  const key = fc.constantFrom("a", "req", "__proto__", "0", "é", "t");
  const { good, broken } = jsonObjectLines(key);
  const line = fc.oneof(
    // Blanks before the object too.
    {
      weight: 8,
      arbitrary: fc.tuple(fc.constantFrom("", " ", "\t "), good).map((
        [blank, l],
      ) => blank + l),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        broken,
        fc.constantFrom("[1]", "5", "oops", '"s"', "{} x"),
      ),
    },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(key, { minLength: 1, maxLength: 3 }),
      fc.array(line, { maxLength: 6 }),
      async (keys, lines) => {
        const want = await reference(keys, lines);
        const run = pipeline(lines, parse("json", { onError: "skip", keys }));
        const records = await collect(run);
        assert.deepEqual(records.map(stringify), want.records.map(stringify));
        assert.deepEqual(
          records.map((r) => Object.keys(r)),
          want.records.map((r) => Object.keys(r as object)),
        );
        assert.deepEqual(run.summary.stages[1]!.firstErrors, want.errors);
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("parse('json', { keys }) parses only the values of those keys, never the line, and a short string of them not at all", async () => {
  // JSON.parse makes each string of fewer than 10 characters an internalized
  // one, kept in V8's old generation: a log's request ids each became one.
  const line =
    '{"req":"95d84e84","n":1.50,"level":"INFO","ts":"2026-11-01T00:00:00Z"}';
  const { result: records, parsed } = await watchingJsonParse(() =>
    collect(
      pipeline([line], parse("json", { keys: ["n", "req"], time: "ts" })),
    )
  );
  assert.deepEqual(records, [{
    n: 1.5,
    req: "95d84e84",
    ts: new Date("2026-11-01T00:00:00Z"),
  }]);
  assert.deepEqual(parsed, ["1.50", '"2026-11-01T00:00:00Z"']);
});

Deno.test("parse() refuses keys that are not strings, and keys with a format other than json", () => {
  assert.throws(
    () => parse("json", { keys: ["a", 1 as unknown as string] }),
    TypeError,
  );
  assert.throws(
    () => parse("logfmt", { keys: ["a"] }),
    /keys are the top-level keys of JSON lines, but the format is "logfmt"/,
  );
  assert.throws(() => parse(/(?<a>.)/, { keys: ["a"] }), RangeError);
  assert.throws(() => parse("auto", { keys: ["a"] }), RangeError);
});
