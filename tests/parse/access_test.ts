// Copyright 2026 the sluice authors. MIT license.
// Access logs: the Common Log Format and the combined format, as Apache's
// mod_log_config documents them, and the real sample in ../shared/data.
import assert from "node:assert/strict";
import {
  type CombinedLogRecord,
  parse,
  pipeline,
  readLines,
  StageError,
} from "../../mod.ts";
import { collect, sharedData } from "../_helpers.ts";

const SAMPLE = sharedData("apache_combined_10k.log");

async function read<F extends "combined" | "common">(
  format: F,
  lines: string[],
) {
  return await collect(pipeline(lines, parse(format)));
}

Deno.test("parse('common') reads the Common Log Format, - as null", async () => {
  const [r] = await read("common", [
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
  ]);
  assert.deepEqual(r, {
    remote_addr: "127.0.0.1",
    remote_user: "frank",
    time_local: "10/Oct/2000:13:55:36 -0700",
    request: "GET /apache_pb.gif HTTP/1.0",
    method: "GET",
    path: "/apache_pb.gif",
    protocol: "HTTP/1.0",
    status: 200,
    body_bytes_sent: 2326,
  });
  const [s] = await read("common", [
    '::1 - - [10/Oct/2000:13:55:36 +0000] "-" 408 -',
  ]);
  assert.equal(s!.remote_user, null);
  assert.equal(s!.request, null);
  assert.equal(s!.method, null);
  assert.equal(s!.status, 408);
  // %b writes - for no bytes.
  assert.equal(s!.body_bytes_sent, 0);
});

Deno.test("parse('combined') reads referer and user agent, with escaped quotes inside quoted fields", async () => {
  const [r] = await read("combined", [
    String
      .raw`10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /q?x=\"1\" HTTP/1.1" 404 0 "http://a/\"b\"" "agent \\ \"quoted\" \x41"`,
  ]);
  assert.equal(r!.request, 'GET /q?x="1" HTTP/1.1');
  assert.equal(r!.path, '/q?x="1"');
  assert.equal(r!.http_referer, 'http://a/"b"');
  // \\ and \" are read; other escapes stay as written.
  assert.equal(r!.http_user_agent, String.raw`agent \ "quoted" \x41`);
  assert.equal(r!.status, 404);
  assert.equal(r!.body_bytes_sent, 0);
});

Deno.test("parse('combined') splits odd requests as far as they go", async () => {
  const line = (request: string) =>
    `1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "${request}" 400 10 "-" "-"`;
  const out = await read("combined", [
    line("GET /"),
    line("GARBAGE"),
    line("GET /a b HTTP/1.1"),
    line(""),
  ]) as CombinedLogRecord[];
  assert.deepEqual(
    out.map((r) => [r.method, r.path, r.protocol]),
    [
      ["GET", "/", null],
      [null, null, null],
      ["GET", "/a b", "HTTP/1.1"],
      [null, null, null],
    ],
  );
  assert.equal(out[0]!.http_referer, null);
  assert.equal(out[0]!.http_user_agent, null);
});

Deno.test("parse('combined') refuses lines that are not in the format, naming the line", async () => {
  const good =
    '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"';
  const bad = [
    "",
    "just some text",
    '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1', // common
    '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua', // cut
    '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 2x0 1 "-" "ua"',
    '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua" extra',
  ];
  for (const line of bad) {
    await assert.rejects(
      () => read("combined", [good, line]),
      (e) =>
        e instanceof StageError && e.line === 2 &&
        e.cause instanceof SyntaxError &&
        e.message.includes("Not a combined access log line"),
      line,
    );
  }
  // Trailing blanks are allowed.
  assert.equal((await read("combined", [`${good}  `])).length, 1);
});

Deno.test("parse('common') refuses a combined line: the rest is not blank", async () => {
  await assert.rejects(() =>
    read("common", [
      '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"',
    ])
  );
});

Deno.test({
  name:
    "parse('combined') reads the real Apache sample but for its one cut line",
  ignore: SAMPLE === undefined,
}, async () => {
  const run = pipeline(
    readLines(SAMPLE!),
    parse("combined", { onError: "skip" }),
  );
  const records = await collect(run);
  assert.equal(records.length, 9999);
  assert.deepEqual(run.summary.stages[1]!.errors, 1);
  assert.match(run.summary.stages[1]!.firstErrors[0]!, /^line 8899 of /);
  const statuses = new Map<number | null, number>();
  for (const r of records) {
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  }
  // Every status is a number; the sample is mostly 200s.
  assert.ok([...statuses.keys()].every((s) => typeof s === "number"));
  assert.equal(statuses.get(200), 9125);
  assert.equal(
    records[0]!.http_referer,
    "http://semicomplete.com/presentations/logstash-monitorama-2013/",
  );
});

Deno.test("parse('combined', { time: true }) reads time_local into a Date", async () => {
  const [r] = await collect(
    pipeline(
      ['1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"'],
      parse("combined", { time: true }),
    ),
  );
  assert.ok((r!.time_local as unknown) instanceof Date);
  assert.equal(
    (r!.time_local as unknown as Date).toISOString(),
    "2000-10-10T20:55:36.000Z",
  );
});
