// Copyright 2026 the sluice authors. MIT license.
// parse("auto") on every format: the choice, what it reads, and the error of
// a later line that does not fit.
import assert from "node:assert/strict";
import { parse, pipeline, readLines, StageError } from "../../mod.ts";
import { collect, encoder, sharedData } from "../_helpers.ts";

const INPUTS: Record<string, [string[], unknown]> = {
  json: [['{"a":1}', ' {"a":2}'], { a: 1 }],
  combined: [
    [
      '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"',
    ],
    { remote_addr: "1.2.3.4", http_user_agent: "ua" },
  ],
  common: [
    ['1.2.3.4 - bob [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1'],
    { remote_addr: "1.2.3.4", remote_user: "bob" },
  ],
  syslog: [
    [
      "<34>Oct 11 22:14:15 mymachine su: 'su root' failed",
      "<34>1 2003-10-11T22:14:15.003Z host su - - - hi",
    ],
    { hostname: "mymachine", app: "su" },
  ],
  logfmt: [
    [
      '2026-11-01T10:00:00Z INFO api path=/v1 status=200 msg="ok then"',
      "a=1",
    ],
    { path: "/v1", status: "200", msg: "ok then" },
  ],
  tsv: [["a\tb", "1\t2"], { a: "1", b: "2" }],
  csv: [["a,b", '1,"x, y"'], { a: "1", b: "x, y" }],
  words: [["hello there world", "x"], ["hello", "there", "world"]],
};

for (const [format, [lines, first]] of Object.entries(INPUTS)) {
  Deno.test(`parse('auto') chooses ${format}, counts the choice and reads as it does`, async () => {
    const run = pipeline(lines, parse("auto"));
    const out = await collect(run);
    assert.deepEqual(run.summary.stages[1]!.counters, {
      [`auto chose ${format}`]: 1,
    });
    const own = await collect(
      pipeline(lines, parse(format as "json")),
    );
    assert.deepEqual(out, own);
    if (Array.isArray(first)) assert.deepEqual(out[0], first);
    else {
      assert.deepEqual(
        Object.fromEntries(
          Object.keys(first as object).map((k) => [
            k,
            (out[0] as Record<string, unknown>)[k],
          ]),
        ),
        first,
      );
    }
  });
}

Deno.test("parse('auto') names its choice in the error of a later line that does not fit", async () => {
  const lines = [
    '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"',
    '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"',
  ];
  // The first chunk decides: a later chunk brings the odd line.
  const bytes = encoder.encode(lines.join("\n") + "\n");
  const later = encoder.encode("not an access log line\n");
  await assert.rejects(
    () =>
      collect(
        pipeline(
          readLines(ReadableStream.from([bytes, later]), { readBytes: 64 }),
          parse("auto"),
        ),
      ),
    (e) =>
      e instanceof StageError && e.line === 3 &&
      e.message.includes(
        "Not a combined access log line (the format auto chose from the first 2 lines)",
      ),
  );
});

Deno.test("parse('auto') decides on the first non-blank lines, a bad one among them too", async () => {
  const run = pipeline(
    ["", "  ", '{"a":1}', "oops", '{"a":2}'],
    parse("auto", { onError: "skip" }),
  );
  // "oops" is among the first lines: JSON reads two in three, too few.
  assert.equal(run.summary.stages.length, 2);
  const out = await collect(run);
  assert.deepEqual(run.summary.stages[1]!.counters, { "auto chose words": 1 });
  assert.equal(out.length, 5);
  const run2 = pipeline(
    ["", '{"a":1}'],
    parse("auto", { onError: "skip" }),
  );
  const out2 = await collect(run2);
  assert.deepEqual(run2.summary.stages[1]!.counters, { "auto chose json": 1 });
  // The blank line does not fit JSON: skipped, counted.
  assert.deepEqual(out2, [{ a: 1 }]);
  assert.equal(run2.summary.stages[1]!.errors, 1);
});

Deno.test("parse('auto') is not tipped by a first line cut in the middle", async () => {
  const line =
    '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"';
  const run = pipeline(
    [line.slice(20), line, line, line],
    parse("auto", { onError: "skip" }),
  );
  assert.equal((await collect(run)).length, 3);
  assert.deepEqual(run.summary.stages[1]!.counters, {
    "auto chose combined": 1,
  });
  assert.match(
    run.summary.stages[1]!.firstErrors[0]!,
    /^item 1: Not a combined access log line \(the format auto chose from the first 4 lines\)/,
  );
});

Deno.test("parse('auto') of no input yields nothing, and of blank lines no words", async () => {
  assert.deepEqual(await collect(pipeline([], parse("auto"))), []);
  assert.deepEqual(await collect(pipeline(["", ""], parse("auto"))), [[], []]);
});

const SAMPLE = sharedData("apache_combined_10k.log");

Deno.test({
  name: "parse('auto') chooses combined on the real Apache sample",
  ignore: SAMPLE === undefined,
}, async () => {
  const run = pipeline(
    readLines(SAMPLE!),
    parse("auto", { onError: "skip" }),
  );
  assert.equal((await collect(run)).length, 9999);
  assert.deepEqual(run.summary.stages[1]!.counters, {
    "auto chose combined": 1,
  });
});
