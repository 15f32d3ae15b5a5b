// Copyright 2026 the sluice authors. MIT license.
// --merge-by-time: the time of a line in each common log format, and the
// merge of interleaved files with continuation lines on the command line.
import assert from "node:assert/strict";
import { lineTime } from "../../lib/cli/_line_time.ts";
import { watchingJsonParse, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

Deno.test("lineTime() reads the time where each common format puts it", () => {
  const reference = Date.parse("2024-03-01T00:00:00Z");
  const time = lineTime(reference);
  const iso = (line: string) => {
    const t = time(line);
    return t === undefined ? undefined : new Date(t).toISOString();
  };
  const cases: [string, string | undefined][] = [
    ["2024-02-03T04:05:06.789Z INFO api ok", "2024-02-03T04:05:06.789Z"],
    ["2024-02-03 04:05:06,250 ERROR x", "2024-02-03T04:05:06.250Z"],
    ["2024-02-03T04:05:06+01:00 x", "2024-02-03T03:05:06.000Z"],
    ["1706933106 x", "2024-02-03T04:05:06.000Z"],
    ["1706933106123 x", "2024-02-03T04:05:06.123Z"],
    ["Feb  3 04:05:06 host sshd[1]: Failed", "2024-02-03T04:05:06.000Z"],
    ["<34>Feb  3 04:05:06 host su: x", "2024-02-03T04:05:06.000Z"],
    [
      "<34>1 2024-02-03T04:05:06.5Z host app - - - x",
      "2024-02-03T04:05:06.500Z",
    ],
    ["[Sat Feb 03 04:05:06 2024] [error] x", "2024-02-03T04:05:06.000Z"],
    [
      '10.0.0.1 - - [03/Feb/2024:04:05:06 +0000] "GET / HTTP/1.1" 200 5',
      "2024-02-03T04:05:06.000Z",
    ],
    [
      '{"level":"info","ts":"2024-02-03T04:05:06Z"}',
      "2024-02-03T04:05:06.000Z",
    ],
    ['{"time":1706933106,"msg":"x"}', "2024-02-03T04:05:06.000Z"],
    ["level=info time=2024-02-03T04:05:06Z msg=x", "2024-02-03T04:05:06.000Z"],
    ["    at f (file.js:1:2)", undefined],
    ["Traceback (most recent call last):", undefined],
    ["", undefined],
    ["2024-13-45T99:99:99Z not a time", undefined],
    ['{"time":"soon"}', undefined],
  ];
  for (const [line, want] of cases) assert.equal(iso(line), want, line);
});

Deno.test("lineTime() of a JSON line takes its first time field that is text or a number, and parses nothing else of the line", async () => {
  const time = lineTime(Date.parse("2024-03-01T00:00:00Z"));
  // JSON.parse makes each string of fewer than 10 characters an internalized
  // one, kept in V8's old generation: a log's request ids each became one.
  const { result: times, parsed } = await watchingJsonParse(() =>
    [
      '{"req":"95d84e84","time":"2024-02-03T04:05:06Z","level":"INFO"}',
      '{"time":null,"timestamp":[1],"ts":1706933106,"date":"x"}',
      '{"req":"95d84e84","time":"2024-02-03T04:05:06Z"',
      '{"ts":{"s":1},"date":"2024-02-03"}',
    ].map(time)
  );
  assert.deepEqual(times, [
    Date.parse("2024-02-03T04:05:06Z"),
    Date.parse("2024-02-03T04:05:06Z"),
    undefined,
    Date.parse("2024-02-03T00:00:00Z"),
  ]);
  assert.deepEqual(parsed.filter((text) => text.includes("95d84e84")), []);
});

Deno.test("--merge-by-time merges interleaved files, continuation lines with their line", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/a.log`,
      [
        "2024-02-03T04:00:01Z ERROR a1",
        "    at a1 (x.js:1:1)",
        "2024-02-03T04:00:03Z INFO a2",
        "2024-02-03T04:00:05Z ERROR a3",
      ].join("\n") + "\n",
    );
    await Deno.writeTextFile(
      `${dir}/b.log`,
      [
        '{"ts":"2024-02-03T04:00:02Z","msg":"ERROR b1"}',
        '{"ts":"2024-02-03T04:00:03Z","msg":"INFO b2"}',
        "continued ERROR b2",
        '{"ts":"2024-02-03T04:00:04Z","msg":"ERROR b3"}',
      ].join("\n") + "\n",
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        CLI,
        "sort",
        "-k",
        "no-such-field",
        "--merge-by-time",
        `${dir}/a.log`,
        `${dir}/b.log`,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(new TextDecoder().decode(out.stderr), "");
    assert.equal(out.code, 0);
    // Every line lacks the field: sort keeps the input order, which is
    // the merge's (equal times in the order of the inputs).
    assert.deepEqual(new TextDecoder().decode(out.stdout).split("\n"), [
      "2024-02-03T04:00:01Z ERROR a1",
      "    at a1 (x.js:1:1)",
      '{"ts":"2024-02-03T04:00:02Z","msg":"ERROR b1"}',
      "2024-02-03T04:00:03Z INFO a2",
      '{"ts":"2024-02-03T04:00:03Z","msg":"INFO b2"}',
      "continued ERROR b2",
      '{"ts":"2024-02-03T04:00:04Z","msg":"ERROR b3"}',
      "2024-02-03T04:00:05Z ERROR a3",
      "",
    ]);
  });
});
