// Copyright 2026 the sluice authors. MIT license.
// lineField(), against a reference that parses each line whole: a JSON line
// by JSON.parse (integers beyond 2^53 exact), any other by parseLogfmt.
import assert from "node:assert/strict";
import fc from "fast-check";
import { lineField, lineWord, parseLogfmt } from "../../mod.ts";
import { numberOf } from "../../lib/cli/_fields.ts";
import { parseExactJson, stringifyExact } from "../../lib/parse/_json.ts";
import { NumericOrder } from "../../lib/spill/_numeric.ts";
import { keyReaderOf } from "../../lib/core/_registry.ts";
import { withNatives } from "../_helpers.ts";

/** Field `name` of `line`, each line parsed whole. */
function reference(line: string, name: string): unknown {
  let record: unknown;
  if (line.startsWith("{")) {
    try {
      record = parseExactJson(line);
    } catch {
      return undefined;
    }
  } else {
    record = parseLogfmt(line);
  }
  return typeof record === "object" && record !== null &&
      !Array.isArray(record) && Object.hasOwn(record, name)
    ? (record as Record<string, unknown>)[name]
    : undefined;
}

const value = fc.oneof(
  fc.constantFrom("12", "-3.5", "", "a b", 'q"x', "12345678901234567890"),
  fc.string({ maxLength: 6 }),
);
const logfmtLine = fc.array(
  fc.tuple(fc.constantFrom("ms", "a", "xms", "m s"), value, fc.boolean()),
  { maxLength: 4 },
).map((pairs) =>
  pairs.map(([k, v, quoted]) =>
    quoted ? `${k}=${JSON.stringify(v)}` : `${k}=${v.replaceAll(" ", "")}`
  ).join(" ")
);
const jsonLine = fc.oneof(
  fc.dictionary(
    fc.constantFrom("ms", "a", "__proto__", "constructor"),
    fc.oneof(
      value,
      fc.integer(),
      fc.constant(null),
      fc.constant({ ms: 1 }),
      fc.constant(123456789012345678901n),
    ),
  ).map((o) => stringifyExact(o)),
  fc.constantFrom('{"ms":1', "{ms=2}", '[{"ms":3}]', '{"ms":4} x'),
);
const line = fc.oneof(logfmtLine, jsonLine);

Deno.test("lineField() reads a JSON line's own member and a logfmt line's last pair, as parsing the line whole does", () => {
  fc.assert(
    fc.property(line, fc.constantFrom("ms", "a", "constructor"), (l, name) => {
      assert.deepEqual(lineField(name)(l), reference(l, name));
    }),
    { numRuns: 2000 },
  );
});

Deno.test("lineField() of a line with the CR of a CRLF line reads the same number: sluice sort -n gives its getter lines read byte for byte", () => {
  fc.assert(
    fc.property(line, (l) => {
      const order = new NumericOrder();
      const get = lineField("ms");
      assert.ok(Object.is(order.key(get(`${l}\r`)), order.key(get(l))));
    }),
    { numRuns: 2000 },
  );
});

Deno.test("lineField() with text gives each value as text, the CR that ends a line left out, as the command line's sort -k compares fields", () => {
  fc.assert(
    fc.property(
      line,
      fc.constantFrom("ms", "a", "constructor"),
      fc.boolean(),
      (l, name, cr) => {
        const want = reference(l, name);
        const text = want === undefined || want === null
          ? undefined
          : typeof want === "string"
          ? want
          : stringifyExact(want);
        assert.equal(lineField(name, { text: true })(cr ? `${l}\r` : l), text);
      },
    ),
    { numRuns: 2000 },
  );
  const status = lineField("status", { text: true });
  assert.equal(status('{"status":503}'), "503");
  assert.equal(status("status=503\r"), "503");
  assert.equal(status('{"status":null}'), undefined);
  assert.equal(status('{"status":{"a":[1,2]}}'), '{"a":[1,2]}');
  assert.equal(lineField("status")("status=503\r"), "503\r");
});

Deno.test("lineField() with a name no logfmt pair can have reads only JSON lines' members, and a JSON line that ends in a CR still parses", () => {
  assert.equal(lineField("")("=1 a=2"), undefined);
  assert.equal(lineField("m s")('{"m s":1}'), 1);
  assert.equal(lineField("m s")("m s=1"), undefined);
  assert.equal(lineField("a")('{"a":"x"}\r'), "x");
});

Deno.test("lineField() of a JSON line gives a short string value that V8 has not internalized", async () => {
  // V8 keeps internalized strings in its string table and old generation:
  // a log's request ids, nearly all different, each became one.
  const mod = new URL("../../mod.ts", import.meta.url);
  assert.deepEqual(
    await withNatives(
      `import { lineField } from ${JSON.stringify(mod.href)};`,
      `const line = '{"req":"95d84e84","msg":"a\\\\tb"}';
console.log(JSON.stringify([
  interned(JSON.parse(line).req),
  interned(lineField("req")(line)),
  lineField("msg")(line),
]));`,
    ),
    [true, false, "a\tb"],
  );
});

/**
 * Checks that the reader of `lineField(name, { text })` finds in `line`'s
 * UTF-8 what its getter reads in the text, or leaves the line to the text.
 */
function readsAsGetter(line: string, name: string, text: boolean): void {
  const get = lineField(name, { text });
  const reader = keyReaderOf(get)!();
  const bytes = new TextEncoder().encode(`${line}\n`);
  const at = reader.find(bytes, 0, bytes.length - 1);
  const want = get(line);
  if (at === -2) return;
  if (at === -1) {
    assert.equal(want, undefined);
    return;
  }
  const found = new TextDecoder().decode(bytes.subarray(at, reader.end));
  if (reader.number === true) {
    // An integer, as a number (or a bigint beyond 2^53).
    assert.ok(!text);
    assert.equal(BigInt(want as number | bigint), BigInt(found));
  } else {
    assert.equal(want, found);
  }
}

Deno.test("lineField()'s reader of a JSON line's bytes finds what its getter reads in the text, or leaves the line to the text", () => {
  const value = fc.constantFrom(
    '"b"',
    '""',
    '"\u00e9t\u00e9"',
    '"\\u00e9"',
    '"a\\"b"',
    '"a\\\\"',
    '"x\\q"',
    "12",
    "0",
    "-0",
    "-7",
    "007",
    "123456789012345678901",
    "1.5",
    "1e3",
    "-",
    "true",
    "null",
    "nul",
    '{"k":"c"}',
    "[1]",
  );
  const member = fc.tuple(
    fc.constantFrom('"k"', '"a"', '"\\u006b"', '"k "', '"\u00e9"'),
    fc.constantFrom("", " ", "\t"),
    value,
  ).map(([key, blank, v]) => `${key}:${blank}${v}`);
  const line = fc.tuple(
    fc.array(member, { maxLength: 4 }),
    fc.constantFrom("", "", " ", "\r", "x", "}", ","),
  ).map(([members, tail]) => `{${members.join(",")}}${tail}`);
  fc.assert(
    fc.property(
      line,
      fc.constantFrom("k", "\u00e9"),
      fc.boolean(),
      readsAsGetter,
    ),
    { numRuns: 3000 },
  );
});

Deno.test("lineField()'s reader of a logfmt line's bytes finds the value its getter reads, or leaves the line to the text", () => {
  // Pieces that make the last pair so named easy to miss: keys that end or
  // start like the name or repeat its letters, the name and "=" in values,
  // quotes, text that is not ASCII.
  const piece = fc.constantFrom(
    "key=v",
    "key=",
    "akey=x",
    "keys=y",
    "ey=k",
    "k=key",
    "kkey=z",
    "y=ke",
    "key==",
    'key="q v"',
    'msg="key=w"',
    "ke",
    "=",
    "\u00e9=key",
    "k\u00e9y=1",
    "key=\u00e9t\u00e9",
    "abab=1",
    "ababab=2",
    "bab=3",
    "abab",
    "aba=b",
  );
  const line = fc.tuple(
    fc.array(piece, { maxLength: 6 }),
    fc.constantFrom(" ", "  ", "\t"),
  ).map(([pieces, gap]) => pieces.join(gap));
  fc.assert(
    fc.property(
      line,
      fc.constantFrom("key", "ke", "y", "k", "abab", "ab"),
      fc.boolean(),
      readsAsGetter,
    ),
    { numRuns: 5000 },
  );
});

Deno.test("lineField() with number reads a value as the command line's numbers are read, and not with text", () => {
  const number = lineField("v", { number: true });
  const text = lineField("v");
  const reference = (line: string) => numberOf(text(line));
  fc.assert(
    fc.property(
      fc.oneof(
        fc.integer().map(String),
        fc.double().map(String),
        fc.constantFrom("007", "-0", " 12 ", "1e3", "", "x", "5ms", '"7"'),
        fc.string({ maxLength: 6 }).filter((s) => !/[ "=\\]/.test(s)),
      ),
      fc.boolean(),
      (value, json) => {
        const line = json
          ? JSON.stringify({ v: /^-?\d+$/.test(value) ? Number(value) : value })
          : `a=1 v=${value} b=2`;
        assert.ok(Object.is(number(line), reference(line)), line);
      },
    ),
  );
  assert.equal(number("a=1"), undefined);
  assert.equal(number('{"v":[1]}'), undefined);
  assert.throws(
    () => lineField("v", { number: true, text: true }),
    new TypeError('Cannot read field "v" both as text and as a number'),
  );
});

Deno.test("lineWord() takes a word's number from 1", () => {
  for (const n of [0, -1, 1.5, NaN]) {
    assert.throws(
      () => lineWord(n),
      new RangeError(
        `Cannot read word ${n} of a line: the word must be an integer from 1`,
      ),
    );
  }
});
