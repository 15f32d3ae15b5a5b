// Copyright 2026 the sluice authors. MIT license.
// --format NAME on the commands that read fields, time buckets, --top, and
// numbers that stay numbers (JSON integers beyond 2^53 exact), run as a
// subprocess on the shared Apache sample and on fixtures made here.
import assert from "node:assert/strict";
import { watchingJsonParse, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
// 10,000 lines of a real Apache combined log; line 8899 is cut short.
const APACHE = new URL(
  "../../../shared/data/apache_combined_10k.log",
  import.meta.url,
).pathname;
const decoder = new TextDecoder();

async function sluice(args: string[], stdin?: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

/** The JSON lines of `text`, parsed. */
function rows(text: string): Record<string, unknown>[] {
  return text.trim().split("\n").map((l) => JSON.parse(l));
}

const BIG = [
  '{"ts":1700000000000000001,"status":200,"svc":"a"}',
  '{"ts":1700000000000000000,"status":404,"svc":"a"}',
  '{"ts":1700000000123456789,"status":200,"svc":"b"}',
].join("\n") + "\n";

async function withFile(
  name: string,
  text: string,
  fn: (path: string, dir: string) => Promise<void>,
): Promise<void> {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/${name}`, text);
    await fn(`${dir}/${name}`, dir);
  });
}

Deno.test("fields --format combined reads an access log's fields, numbers as numbers", async () => {
  const r = await sluice([
    "fields",
    "--format",
    "combined",
    "-k",
    "remote_addr,remote_user,status,body_bytes_sent,path",
    "--on-error",
    "skip",
    APACHE,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = rows(r.stdout);
  assert.equal(out.length, 9999);
  assert.deepEqual(out[0], {
    remote_addr: "83.149.9.216",
    remote_user: null,
    status: 200,
    body_bytes_sent: 203023,
    path: "/presentations/logstash-monitorama-2013/images/kibana-search.png",
  });
  assert.match(r.stderr, /1 line skipped; the first: line 8899 of/);
});

Deno.test("--format fails on a line not in the format, naming its line, or skips it", async () => {
  const failed = await sluice([
    "group",
    "--format",
    "combined",
    "--by",
    "status",
    APACHE,
  ]);
  assert.equal(failed.code, 1);
  assert.match(
    failed.stderr,
    /Not a combined access log line: .* \(at line 8899 of /,
  );
  const skipped = await sluice([
    "sort",
    "--format",
    "combined",
    "-k",
    "remote_addr",
    "--on-error",
    "skip",
    APACHE,
  ]);
  assert.equal(skipped.code, 0, skipped.stderr);
  // Every other line comes out as it was read: the skipped one is passed
  // over, the rest stay paired with their records.
  const lines = (await Deno.readTextFile(APACHE)).trimEnd().split("\n");
  const out = skipped.stdout.trimEnd().split("\n");
  assert.deepEqual(
    out.toSorted(),
    lines.filter((_, i) => i !== 8898).toSorted(),
  );
  const ips = out.map((l) => l.slice(0, l.indexOf(" ")));
  assert.deepEqual(ips, ips.toSorted());
});

Deno.test("--format refuses an unknown format and a regex without a named group", async () => {
  const unknown = await sluice(["fields", "--format", "apache"], "");
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /--format must be combined, common, .* or regex:PATTERN, got "apache"/,
  );
  const unnamed = await sluice(["fields", "--format", "regex:^(\\S+) "], "");
  assert.equal(unnamed.code, 2);
  assert.match(unnamed.stderr, /needs a named group/);
  const bad = await sluice(["fields", "--format", "regex:(?<a>["], "");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /invalid regular expression/);
  const columns = await sluice(["fields", "--columns", "a,b"], "");
  assert.equal(columns.code, 2);
});

Deno.test("--format regex:PATTERN keys on the named groups", async () => {
  const r = await sluice([
    "group",
    "--format",
    'regex:^\\S+ \\S+ \\S+ \\[[^\\]]+\\] "(?<method>[A-Z]+) ',
    "--by",
    "method",
    "--on-error",
    "skip",
    APACHE,
  ]);
  // Without --format, --on-error has nothing to skip: a usage error.
  assert.equal(r.code, 0, r.stderr);
  const plain = await sluice(["group", "--by", "a", "--on-error", "skip"], "");
  assert.equal(plain.code, 2);
  assert.match(plain.stderr, /need --format/);
  const ok = await sluice([
    "group",
    "--format",
    'regex:^\\S+ \\S+ \\S+ \\[[^\\]]+\\] "(?<method>[A-Z]+) ',
    "--by",
    "method",
  ], (await Deno.readTextFile(APACHE)).split("\n").slice(0, 8898).join("\n"));
  assert.equal(ok.code, 0, ok.stderr);
  const counts = Object.fromEntries(
    rows(ok.stdout).map((g) => [g.method, g.count]),
  );
  assert.equal(
    Object.values(counts).reduce((a, b) => (a as number) + (b as number)),
    8898,
  );
  assert.ok((counts.GET as number) > 8000);
});

Deno.test("fields --format json reads nested paths; big integers stay exact, with and without --format", async () => {
  const line =
    '{"ts":1700000000123456789,"req":{"ip":"10.0.0.1"},"items":[{"id":7}]}\n';
  const nested = await sluice(
    ["fields", "--format", "json", "-k", "ts,req.ip,items[0].id"],
    line,
  );
  assert.equal(nested.code, 0, nested.stderr);
  assert.equal(
    nested.stdout,
    '{"ts":1700000000123456789,"req.ip":"10.0.0.1","items[0].id":7}\n',
  );
  const plain = await sluice(["fields"], line);
  assert.equal(plain.stdout, line);
  const picked = await sluice(["fields", "-k", "ts", "--csv"], line);
  assert.equal(picked.stdout, "ts\n1700000000123456789\n");
  const notJson = await sluice(["fields", "--format", "json"], "oops\n");
  assert.equal(notJson.code, 1);
  assert.match(notJson.stderr, /Not a JSON line/);
});

Deno.test("distinct -k tells JSON integers beyond 2^53 apart", async () => {
  const r = await sluice(["distinct", "-k", "ts"], BIG);
  assert.equal(r.stdout, BIG);
  const formatted = await sluice(
    ["distinct", "--format", "json", "-k", "ts"],
    BIG,
  );
  assert.equal(formatted.stdout, BIG);
});

Deno.test("sort -n compares digits exactly, as GNU sort -n", async () => {
  const r = await sluice(
    ["sort", "-n"],
    "1700000000000000001 a\n1700000000000000000 b\n-3 c\n0.5 d\n-0.25 e\n",
  );
  assert.equal(
    r.stdout,
    "-3 c\n-0.25 e\n0.5 d\n1700000000000000000 b\n1700000000000000001 a\n",
  );
  const keyed = await sluice(["sort", "-n", "-k", "ts"], BIG);
  assert.deepEqual(rows(keyed.stdout).map((x) => x.svc), ["a", "a", "b"]);
  assert.ok(keyed.stdout.startsWith('{"ts":1700000000000000000,'));
  const formatted = await sluice([
    "sort",
    "--format",
    "json",
    "-n",
    "-r",
    "-k",
    "ts",
  ], BIG);
  assert.equal(
    formatted.stdout.split("\n")[0],
    '{"ts":1700000000123456789,"status":200,"svc":"b"}',
  );
});

Deno.test("group keys that were numbers in JSON stay numbers; big ones exact", async () => {
  const r = await sluice(["group", "--by", "status", "--workers", "1"], BIG);
  assert.equal(
    r.stdout,
    '{"status":200,"count":2}\n{"status":404,"count":1}\n',
  );
  const big = await sluice(["group", "--by", "ts", "--workers", "1"], BIG);
  assert.equal(
    big.stdout,
    '{"ts":1700000000000000000,"count":1}\n{"ts":1700000000000000001,"count":1}\n{"ts":1700000000123456789,"count":1}\n',
  );
});

Deno.test("group --min, --max and --sum keep integers exact, in one thread and in workers", async () => {
  await withFile("big.jsonl", BIG.repeat(200), async (path) => {
    for (const workers of ["1", "2"]) {
      const r = await sluice([
        "group",
        "--by",
        "svc",
        "--min",
        "ts",
        "--max",
        "ts",
        "--sum",
        "ts,status",
        "--workers",
        workers,
        path,
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stdout,
        '{"svc":"a","min_ts":1700000000000000000,"max_ts":1700000000000000001,"sum_ts":680000000000000000200,"sum_status":120800}\n' +
          '{"svc":"b","min_ts":1700000000123456789,"max_ts":1700000000123456789,"sum_ts":340000000024691357800,"sum_status":40000}\n',
        `--workers ${workers}`,
      );
    }
  });
});

Deno.test("--word and --by-word split on runs of blanks, as awk: a padded syslog day no longer shifts words", async () => {
  const log =
    "Jul  1 10:00:00 host sshd[1]: ok\nJul 12 11:00:00 host cron[2]: ok\n";
  const r = await sluice(["group", "--by-word", "3", "--workers", "1"], log);
  assert.equal(
    r.stdout,
    '{"word3":"10:00:00","count":1}\n{"word3":"11:00:00","count":1}\n',
  );
  const sorted = await sluice(["sort", "--word", "2", "-n"], log);
  assert.equal(sorted.stdout, log);
  const words = await sluice(["distinct", "--format", "words", "-k", "5"], log);
  assert.equal(words.stdout, log);
});

Deno.test("group --by-time 1h buckets the format's time field, keys in ISO 8601 and in time order", async () => {
  const r = await sluice(
    [
      "group",
      "--format",
      "combined",
      "--by-time",
      "1d",
      "--count",
      "--sum",
      "body_bytes_sent",
    ],
    (await Deno.readTextFile(APACHE)).split("\n").filter((_, i) => i !== 8898)
      .join("\n"),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      '{"time":"2015-05-17T00:00:00.000Z","count":1632,"sum_body_bytes_sent":414259902}',
      '{"time":"2015-05-18T00:00:00.000Z","count":2893,"sum_body_bytes_sent":788636158}',
      '{"time":"2015-05-19T00:00:00.000Z","count":2896,"sum_body_bytes_sent":665827339}',
      '{"time":"2015-05-20T00:00:00.000Z","count":2578,"sum_body_bytes_sent":878559106}',
    ].join("\n") + "\n",
  );
  // Without --format, a named field of logfmt or JSON lines; 10 o'clock in
  // +02:00 is 8 in UTC.
  const lines = await sluice(
    ["group", "--by-time", "1h", "--time-field", "ts", "--workers", "1"],
    'ts=2026-11-01T10:59:59+02:00 a=1\n{"ts":1793521800000}\nts=2026-11-01T07:00:00Z\n',
  );
  assert.equal(
    lines.stdout,
    '{"time":"2026-11-01T07:00:00.000Z","count":1}\n{"time":"2026-11-01T08:00:00.000Z","count":2}\n',
  );
  const noField = await sluice(
    ["group", "--format", "json", "--by-time", "1h"],
    "{}\n",
  );
  assert.equal(noField.code, 2);
  assert.match(
    noField.stderr,
    /--by-time needs --time-field F: the json format has no time field of its own/,
  );
  const badSize = await sluice([
    "group",
    "--format",
    "combined",
    "--by-time",
    "1x",
  ], "");
  assert.equal(badSize.code, 2);
  assert.match(badSize.stderr, /--by-time must be a size such as/);
});

Deno.test("split --by-time 1d writes a part per day, named by the day", async () => {
  await withTempDir(async (dir) => {
    const r = await sluice([
      "split",
      "--format",
      "combined",
      "--by-time",
      "1d",
      "--on-error",
      "skip",
      "--prefix",
      `${dir}/day-`,
      APACHE,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const counts: Record<string, number> = {};
    for (const day of ["17", "18", "19", "20"]) {
      const text = await Deno.readTextFile(`${dir}/day-2015-05-${day}.log`);
      counts[day] = text.trimEnd().split("\n").length;
      assert.ok(text.startsWith("") && text.includes(`[${day}/May/2015:`));
    }
    assert.deepEqual(counts, { 17: 1632, 18: 2893, 19: 2896, 20: 2578 });
  });
});

Deno.test("split --by-time without --format reads a logfmt or JSON line's time field", async () => {
  await withTempDir(async (dir) => {
    const r = await sluice(
      [
        "split",
        "--by-time",
        "1d",
        "--time-field",
        "ts",
        "--prefix",
        `${dir}/d-`,
      ],
      'ts=2026-11-01T23:59:59+02:00 a=1\n{"ts":1793577600000}\nts=2026-11-02T07:00:00Z\n',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      await Deno.readTextFile(`${dir}/d-2026-11-01.log`),
      "ts=2026-11-01T23:59:59+02:00 a=1\n",
    );
    assert.equal(
      await Deno.readTextFile(`${dir}/d-2026-11-02.log`),
      '{"ts":1793577600000}\nts=2026-11-02T07:00:00Z\n',
    );
  });
});

Deno.test("sort --by-time orders syslog lines by their time, RFC 3164 and 5424 alike", async () => {
  const log = [
    "Jun 14 15:16:01 combo sshd[1]: third",
    "<34>1 2003-06-14T15:15:00Z combo app - - - second",
    "Jun  3 01:00:00 combo cron[2]: first",
  ].join("\n") + "\n";
  await withFile("syslog", log, async (path) => {
    // The year of RFC 3164 times comes from the file's modification time.
    await Deno.utime(path, new Date("2003-12-01"), new Date("2003-12-01"));
    const r = await sluice(["sort", "--format", "syslog", "--by-time", path]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      r.stdout.trimEnd().split("\n").map((l) => l.split(" ").at(-1)),
      ["first", "second", "third"],
    );
  });
});

Deno.test("group --top N --sort-by AGG prints the top groups by an aggregate, largest first", async () => {
  const r = await sluice(
    [
      "group",
      "--format",
      "combined",
      "--by",
      "remote_addr",
      "--count",
      "--top",
      "3",
    ],
    (await Deno.readTextFile(APACHE)).split("\n").filter((_, i) => i !== 8898)
      .join("\n"),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    '{"remote_addr":"66.249.73.135","count":482}\n{"remote_addr":"46.105.14.53","count":364}\n{"remote_addr":"130.237.218.86","count":357}\n',
  );
  const bytes = await sluice([
    "group",
    "--by",
    "svc",
    "--count",
    "--max",
    "ts",
    "--top",
    "1",
    "--sort-by",
    "max_ts",
    "--workers",
    "1",
  ], BIG);
  assert.equal(
    bytes.stdout,
    '{"svc":"b","count":1,"max_ts":1700000000123456789}\n',
  );
  const wrong = await sluice([
    "group",
    "--by",
    "svc",
    "--top",
    "1",
    "--sort-by",
    "p99",
  ], BIG);
  assert.equal(wrong.code, 2);
  assert.match(
    wrong.stderr,
    /--sort-by names an aggregate of the output \(count\), got "p99"/,
  );
});

Deno.test("--format auto: the choice is in --summary and in the error of a line that does not fit", async () => {
  const r = await sluice([
    "distinct",
    "--format",
    "auto",
    "-k",
    "status",
    "--summary",
    APACHE,
  ]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /auto chose combined/);
  assert.match(
    r.stderr,
    /Not a combined access log line \(the format auto chose from the first 20 lines\)/,
  );
  const csv = await sluice(
    ["sort", "--format", "auto", "-k", "n", "-n"],
    'name,n\n"b, the second",2\n"a ""first""",1\n',
  );
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout, 'name,n\n"a ""first""",1\n"b, the second",2\n');
});

Deno.test("--format csv and tsv: records over several lines, a header or --columns", async () => {
  const csv = 'id,note,ms\n2,"two\nlines",30\n1,"say ""hi""",5\n3,plain,30\n';
  const sorted = await sluice(["sort", "--format", "csv", "-k", "id"], csv);
  assert.equal(
    sorted.stdout,
    'id,note,ms\n1,"say ""hi""",5\n2,"two\nlines",30\n3,plain,30\n',
  );
  const grouped = await sluice(
    [
      "group",
      "--format",
      "tsv",
      "--columns",
      "host,ms",
      "--by",
      "host",
      "--sum",
      "ms",
    ],
    "a\t3\nb\t4\na\t5\n",
  );
  assert.equal(
    grouped.stdout,
    '{"host":"a","sum_ms":8}\n{"host":"b","sum_ms":4}\n',
  );
  const picked = await sluice(["fields", "--format", "csv", "-k", "note"], csv);
  assert.deepEqual(rows(picked.stdout).map((x) => x.note), [
    "two\nlines",
    'say "hi"',
    "plain",
  ]);
});

Deno.test("--format common and logfmt key on their fields", async () => {
  const common = [
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 2326',
    '127.0.0.2 - - [10/Oct/2000:14:55:36 -0700] "GET /b HTTP/1.0" 404 -',
  ].join("\n") + "\n";
  const r = await sluice([
    "sort",
    "--format",
    "common",
    "-k",
    "status",
    "-n",
    "-r",
  ], common);
  assert.equal(
    r.stdout,
    common.split("\n").toReversed().slice(1).join("\n") + "\n",
  );
  const logfmt = await sluice(
    ["group", "--format", "logfmt", "--by", "level"],
    "level=info a=1\nlevel=error\nlevel=info\n",
  );
  assert.equal(
    logfmt.stdout,
    '{"level":"error","count":1}\n{"level":"info","count":2}\n',
  );
});

Deno.test("--zone and --year say how --by-time reads times without an offset or a year", async () => {
  const syslog = [
    "Feb 28 23:30:00 host app: a",
    "Mar  1 00:30:00 host app: b",
    "Mar  1 01:30:00 host app: c",
  ].join("\n") + "\n";
  // 2024 is a leap year, and in +02:00 the two March times are still on
  // February 29 in UTC.
  const grouped = await sluice(
    [
      "group",
      "--format",
      "syslog",
      "--by-time",
      "1d",
      "--count",
      "--zone",
      "+02:00",
      "--year",
      "2024",
    ],
    syslog,
  );
  assert.equal(grouped.code, 0, grouped.stderr);
  assert.equal(
    grouped.stdout,
    '{"time":"2024-02-28T00:00:00.000Z","count":1}\n{"time":"2024-02-29T00:00:00.000Z","count":2}\n',
  );
  // The same times in UTC, the year 2023: two days.
  const utc = await sluice(
    [
      "group",
      "--format",
      "syslog",
      "--by-time",
      "1d",
      "--count",
      "--year",
      "2023",
    ],
    syslog,
  );
  assert.equal(
    utc.stdout,
    '{"time":"2023-02-28T00:00:00.000Z","count":1}\n{"time":"2023-03-01T00:00:00.000Z","count":2}\n',
  );
  // Without --format, sort and split read the zone too.
  const sorted = await sluice(
    ["sort", "--by-time", "--time-field", "t", "--zone", "Europe/Berlin"],
    "t=2024-06-01T12:00:00 a\nt=2024-06-01T10:30:00Z b\n",
  );
  assert.equal(
    sorted.stdout,
    "t=2024-06-01T12:00:00 a\nt=2024-06-01T10:30:00Z b\n",
  );
  for (
    const [args, message] of [
      [["group", "--by", "a", "--zone", "UTC"], /--zone needs --by-time/],
      [["sort", "--year", "2024"], /--year needs --by-time/],
      [
        [
          "group",
          "--format",
          "syslog",
          "--by-time",
          "1d",
          "--zone",
          "Mars/Base",
        ],
        /--zone must be UTC, an offset such as \+02:00 or a zone name such as Europe\/Berlin, got "Mars\/Base"/,
      ],
      [
        ["split", "--format", "syslog", "--by-time", "1d", "--year", "24"],
        /--year must be a year such as 2024, got "24"/,
      ],
    ] as const
  ) {
    const r = await sluice([...args], syslog);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, message, args.join(" "));
  }
});

Deno.test("--format json parses only the top-level keys its fields read: a path's first name and the whole path, whatever the command", async () => {
  // JSON.parse makes each string of fewer than 10 characters an internalized
  // one, kept in V8's old generation: a log's request ids each became one.
  const { main } = await import("../../lib/cli/main.ts");
  await withTempDir(async (dir) => {
    const log = `${dir}/in.jsonl`;
    await Deno.writeTextFile(
      log,
      [
        '{"req":"95d84e84","svc":"api","u":{"ip":"10.0.0.1"},"http.status":200,"ts":"2026-11-01T00:00:02Z"}',
        '{"req":"5e0d7a11","svc":"db","u":{"ip":"10.0.0.2"},"http.status":503,"ts":"2026-11-01T00:00:01Z"}',
        "",
      ].join("\n"),
    );
    const runs: [string, string[]][] = [
      ["fields", ["-k", "u.ip,http.status,svc"]],
      ["group", ["--by", "svc", "--sum", "http.status"]],
      ["sort", ["-k", "u.ip", "-r"]],
      ["sort", ["--by-time", "--time-field", "ts"]],
      ["distinct", ["-k", "svc"]],
      ["grep", ["-k", "svc", "db"]],
    ];
    const outs: string[] = [];
    const { parsed } = await watchingJsonParse(async () => {
      for (const [command, args] of runs) {
        const out = `${dir}/out-${outs.length}`;
        const code = await main([
          command,
          "--format",
          "json",
          ...args,
          "--output",
          out,
          log,
        ]);
        assert.equal(code, 0, `${command} ${args.join(" ")}`);
        outs.push(await Deno.readTextFile(out));
      }
    });
    // No line was parsed whole (the sort's own items, a key and a line's
    // text, are another matter).
    assert.deepEqual(parsed.filter((text) => text.startsWith('{"req"')), []);
    const [a, b] = (await Deno.readTextFile(log)).split("\n");
    assert.deepEqual(outs, [
      '{"u.ip":"10.0.0.1","http.status":200,"svc":"api"}\n{"u.ip":"10.0.0.2","http.status":503,"svc":"db"}\n',
      '{"svc":"api","sum_http.status":200}\n{"svc":"db","sum_http.status":503}\n',
      `${b}\n${a}\n`,
      `${b}\n${a}\n`,
      `${a}\n${b}\n`,
      `${b}\n`,
    ]);
  });
});
