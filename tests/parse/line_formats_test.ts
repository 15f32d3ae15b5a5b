// Copyright 2026 the sluice authors. MIT license.
// The small per-line formats: words, logfmt and named groups; field paths;
// what parse() refuses when it is made.
import assert from "node:assert/strict";
import { field, parse, pipeline, StageError } from "../../mod.ts";
import { collect } from "../_helpers.ts";

Deno.test("parse('words') splits on runs of blanks as awk does", async () => {
  assert.deepEqual(
    await collect(
      pipeline(
        ["Jul  1 09:00:55 host", "\t a\t\tb  ", "", "   "],
        parse("words"),
      ),
    ),
    [["Jul", "1", "09:00:55", "host"], ["a", "b"], [], []],
  );
});

Deno.test("parse('logfmt') reads pairs and refuses a line without any", async () => {
  assert.deepEqual(
    await collect(
      pipeline(['ts=1 level=info msg="a b"'], parse("logfmt")),
    ),
    [{ ts: "1", level: "info", msg: "a b" }],
  );
  await assert.rejects(
    () => collect(pipeline(["a=1", "no pairs here"], parse("logfmt"))),
    (e) =>
      e instanceof StageError && e.line === 2 &&
      /Not a logfmt line: no key=value pair in "no pairs here"/.test(
        e.message,
      ),
  );
});

Deno.test("parse(RegExp) gives the named groups, null for one that took no part", async () => {
  const re = /^(?<ip>\S+) (?:(?<user>[a-z]+) )?(?<rest>.*)$/g; // g is ignored
  assert.deepEqual(
    await collect(pipeline(["1.2.3.4 bob hi", "5.6.7.8 HI"], parse(re))),
    [
      { ip: "1.2.3.4", user: "bob", rest: "hi" },
      { ip: "5.6.7.8", user: null, rest: "HI" },
    ],
  );
  await assert.rejects(
    () =>
      collect(
        pipeline(["1.2.3.4 a", "nospace"], parse(/^(?<a>\S+) (?<b>.+)$/)),
      ),
    (e) =>
      e instanceof StageError && e.line === 2 &&
      /Line does not match \/\^\(\?<a>/.test(e.message),
  );
});

Deno.test("parse() refuses an unknown format, a RegExp without named groups, and bad options", () => {
  assert.throws(() => parse("apache" as "combined"), TypeError);
  assert.throws(() => parse(/^(\S+)/), TypeError);
  assert.throws(() => parse("csv", { maxRecordBytes: 0 }), RangeError);
  assert.throws(() => parse("json", { maxErrors: 0 }), RangeError);
  assert.throws(() => parse("json", { time: true }), RangeError);
  assert.throws(() => parse("csv", { time: true }), RangeError);
  assert.throws(
    () => parse("json", { time: "ts", zone: "Mars/Base" }),
    RangeError,
  );
  assert.throws(
    () => parse("csv", { columns: [1] as unknown as string[] }),
    TypeError,
  );
});

Deno.test("parse() refuses items that are not lines", async () => {
  await assert.rejects(
    () => collect(pipeline([1, 2] as unknown as string[], parse("json"))),
    (e) =>
      e instanceof StageError && e.line === 1 && e.cause instanceof TypeError,
  );
});

Deno.test("parse(format, { time: 'ts' }) reads a named field of any format into a Date", async () => {
  const [a, b, c] = await collect(
    pipeline(
      [
        '{"ts":"2024-05-01T10:00:00+02:00"}',
        '{"ts":1714550400123}',
        '{"ts":null}',
      ],
      parse("json", { time: "ts" }),
    ),
  );
  assert.equal((a!.ts as Date).toISOString(), "2024-05-01T08:00:00.000Z");
  assert.equal((b!.ts as Date).toISOString(), "2024-05-01T08:00:00.123Z");
  assert.equal(c!.ts, null);
  await assert.rejects(
    () => collect(pipeline(['{"x":1}'], parse("json", { time: "ts" }))),
    /No time field "ts"/,
  );
  const [d] = await collect(
    pipeline(
      ["ts,n", "2024-05-01 10:00,1"],
      parse("csv", { time: "ts", zone: "+02:00" }),
    ),
  );
  assert.equal(
    (d!.ts as unknown as Date).toISOString(),
    "2024-05-01T08:00:00.000Z",
  );
});

Deno.test("field() reads nested paths, brackets, own properties only", () => {
  const record = {
    req: { ip: "10.0.0.1", "a.b": 1 },
    items: [{ id: 7 }, { id: 8 }],
    "http.status": 200,
    "": { x: 1 },
  };
  assert.equal(field("req.ip")(record), "10.0.0.1");
  assert.equal(field("items[1].id")(record), 8);
  assert.equal(field('req["a.b"]')(record), 1);
  assert.equal(field('[""].x')(record), 1);
  assert.equal(field("items.0.id")(record), 7);
  assert.equal(field("http.status")(record), 200);
  assert.equal(field("req.constructor")(record), undefined);
  assert.equal(field("toString")(record), undefined);
  assert.equal(field("items[5].id")(record), undefined);
  assert.equal(field("req.ip.x")(record), undefined);
  assert.equal(field("x")(null), undefined);
  assert.equal(field("[0]")(["a", "b"]), "a");
  for (const bad of ["", ".a", "a.", "a..b", "a[x]", "a[1", '["a']) {
    assert.throws(() => field(bad), SyntaxError, bad);
  }
});
