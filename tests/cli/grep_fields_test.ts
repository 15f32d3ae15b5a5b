// Copyright 2026 the sluice authors. MIT license.
// `grep --format NAME -k FIELD PATTERN`: the records whose field matches,
// written as the lines they were read from, run as a subprocess on the
// shared Apache sample and on fixtures made here, against references the
// tests compute from the fixtures; and the CSV record bounds the command
// finds itself, against the parse stage.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  lineField,
  matchGrowth,
  parse,
  pipeline,
  textMatcher,
} from "../../mod.ts";
import { CsvBounds } from "../../lib/cli/_grep_fields.ts";
import { collect, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
// 10,000 lines of a real Apache combined log; line 8899 is cut short.
const APACHE = new URL(
  "../../../shared/data/apache_combined_10k.log",
  import.meta.url,
).pathname;
const decoder = new TextDecoder();

async function sluice(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  return {
    code: out.code,
    bytes: out.stdout,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

async function withFiles(
  files: Record<string, string | Uint8Array>,
  fn: (dir: string) => Promise<void>,
): Promise<void> {
  await withTempDir(async (dir) => {
    for (const [name, text] of Object.entries(files)) {
      if (typeof text === "string") {
        await Deno.writeTextFile(`${dir}/${name}`, text);
      } else await Deno.writeFile(`${dir}/${name}`, text);
    }
    await fn(dir);
  });
}

/** Lines as a file holds them, each with its LF. */
function text(lines: string[]): string {
  return lines.map((l) => l + "\n").join("");
}

// The status of a combined log line, as the test reads it: the number after
// the quoted request.
const STATUS = /^\S+ \S+ \S+ \[[^\]]+\] "(?:[^"\\]|\\.)*" (\d{3}) \S+ "/;

Deno.test("grep --format combined -k status selects the lines whose status matches, as an awk-like reference does", async () => {
  const lines = (await Deno.readTextFile(APACHE)).trimEnd().split("\n");
  const expected: number[] = [];
  lines.forEach((line, i) => {
    const status = STATUS.exec(line)?.[1];
    if (i !== 8898 && status !== undefined && status.startsWith("5")) {
      expected.push(i);
    }
  });
  assert.ok(expected.length > 0);
  const r = await sluice([
    "grep",
    "--format",
    "combined",
    "-k",
    "status",
    "-n",
    "-E",
    "^5",
    "--on-error",
    "skip",
    APACHE,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    r.stdout,
    text(expected.map((i) => `${i + 1}:${lines[i]}`)),
  );
  assert.match(r.stderr, /1 line skipped; the first: line 8899 of /);
  // -v -c: every other record (the skipped line is no record).
  const inverted = await sluice([
    "grep",
    "--format",
    "combined",
    "-k",
    "status",
    "-v",
    "-c",
    "-E",
    "^5",
    "--on-error",
    "skip",
    APACHE,
  ]);
  assert.equal(inverted.code, 0, inverted.stderr);
  assert.equal(inverted.stdout, `${9999 - expected.length}\n`);
  // -x: the field that is the pattern and nothing more; -w: a whole word of
  // it (of the request line: the method, not a path that holds GET).
  const ok =
    lines.filter((line, i) => i !== 8898 && STATUS.exec(line)?.[1] === "200")
      .length;
  const exact = await sluice([
    "grep",
    ...["--format", "combined", "--on-error", "skip", "-k", "status"],
    ...["-c", "-x", "20", APACHE],
  ]);
  assert.equal(exact.stdout, "0\n");
  const whole = await sluice([
    "grep",
    ...["--format", "combined", "--on-error", "skip", "-k", "status"],
    ...["-c", "-x", "-e", "200", "-e", "20", APACHE],
  ]);
  assert.equal(whole.stdout, `${ok}\n`);
  const word = await sluice([
    "grep",
    ...["--format", "combined", "--on-error", "skip", "-k", "request"],
    ...["-c", "-w", "-i", "get", APACHE],
  ]);
  const gets =
    lines.filter((line, i) =>
      i !== 8898 && /^\S+ \S+ \S+ \[[^\]]+\] "GET /.test(line)
    ).length;
  assert.equal(word.stdout, `${gets}\n`);
});

Deno.test("grep --format fails on a line not in the format, naming its file and line", async () => {
  const r = await sluice([
    "grep",
    "--format",
    "combined",
    "-k",
    "status",
    "200",
    APACHE,
  ]);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^sluice grep: Not a combined access log line: .* \(at line 8899 of ".*apache_combined_10k\.log"\)\n$/,
  );
  await withFiles({ "a.log": '{"a":1}\n{"a":2}\nnot json\n' }, async (dir) => {
    const bad = await sluice([
      "grep",
      "--format",
      "json",
      "-k",
      "a",
      "2",
      `${dir}/a.log`,
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\(at line 3 of ".*a\.log"\)/);
  });
});

Deno.test("grep --format json -k reads nested paths and big integers exactly, and writes lines byte for byte", async () => {
  const bytes = new Uint8Array([
    ...new TextEncoder().encode(
      '{"req":{"ip":"10.0.0.1"},"id":1700000000000000001,"items":[{"id":7}]}\r\n' +
        '{"req":{"ip":"10.0.0.2"},"id":1700000000000000000,"items":[]}\n' +
        '{"req":null,"id":5,"note":"',
    ),
    0xff, // invalid UTF-8, written back as it was read
    ...new TextEncoder().encode('"}\n'),
  ]);
  await withFiles({ "a.log": bytes }, async (dir) => {
    const file = `${dir}/a.log`;
    const grep = (...args: string[]) =>
      sluice(["grep", "--format", "json", ...args, file]);
    // A double would read both ids as 1700000000000000000.
    const exact = await grep("-k", "id", "-E", "^1700000000000000000$");
    assert.equal(exact.code, 0, exact.stderr);
    assert.equal(
      exact.stdout,
      '{"req":{"ip":"10.0.0.2"},"id":1700000000000000000,"items":[]}\n',
    );
    const nested = await grep("-k", "req.ip", "-F", "10.0.0.1");
    assert.deepEqual(
      nested.bytes,
      bytes.slice(0, bytes.indexOf(0x0a) + 1),
      "the CRLF line as read",
    );
    const item = await grep("-k", "items[0].id", "7");
    assert.equal(item.stdout.split("\n").length, 2);
    // The third line: req is null, so req.ip is missing, and -v selects it.
    const missing = await grep("-v", "-n", "-k", "req.ip", "10.0.0");
    assert.equal(missing.code, 0, missing.stderr);
    assert.deepEqual(
      missing.bytes,
      new Uint8Array([
        ...new TextEncoder().encode("3:"),
        ...bytes.slice(bytes.lastIndexOf(0x0a, bytes.length - 2) + 1),
      ]),
    );
    // Missing never matches, even a pattern that matches everything.
    const all = await grep("-c", "-k", "req.ip", "");
    assert.equal(all.stdout, "2\n");
  });
});

Deno.test("grep --format csv matches one column, not a quoted field of another, writes the header first and a record over lines whole", async () => {
  const csv = [
    "id,note,user",
    '1,"says bob, twice",alice',
    "",
    "2,plain,bob",
    '3,"two',
    'lines bob",carol',
    '4,"quoted ""bob""",bobby',
  ];
  await withFiles({ "a.csv": text(csv) }, async (dir) => {
    const file = `${dir}/a.csv`;
    const user = await sluice([
      "grep",
      "--format",
      "csv",
      "-k",
      "user",
      "-E",
      "^bob$",
      file,
    ]);
    assert.equal(user.code, 0, user.stderr);
    assert.equal(user.stdout, text([csv[0]!, csv[3]!]));
    const note = await sluice([
      "grep",
      "--format",
      "csv",
      "-k",
      "note",
      "-n",
      "-H",
      "bob",
      file,
    ]);
    assert.equal(
      note.stdout,
      text([
        `${file}-1-${csv[0]}`,
        `${file}:2:${csv[1]}`,
        `${file}:5:${csv[4]}`,
        `${file}-6-${csv[5]}`,
        `${file}:7:${csv[6]}`,
      ]),
    );
    const counted = await sluice([
      "grep",
      "--format",
      "csv",
      "-k",
      "note",
      "-v",
      "-c",
      "bob",
      file,
    ]);
    assert.equal(counted.stdout, "1\n");
    // Nothing selected: no header either, and exit status 1.
    const none = await sluice([
      "grep",
      "--format",
      "csv",
      "-k",
      "user",
      "dave",
      file,
    ]);
    assert.equal(none.code, 1);
    assert.equal(none.stdout, "");
  });
});

Deno.test("grep --format tsv with --columns writes no header", async () => {
  await withFiles({ "a.tsv": "a\t1\nb\t2\n" }, async (dir) => {
    const r = await sluice([
      "grep",
      "--format",
      "tsv",
      "--columns",
      "name,n",
      "-k",
      "n",
      "2",
      `${dir}/a.tsv`,
    ]);
    assert.equal(r.stdout, "b\t2\n");
  });
});

Deno.test("grep --format syslog and logfmt match the field, not the line", async () => {
  const syslog = [
    "<34>Oct 11 22:14:15 mymachine su[230]: 'su root' failed for lonvick",
    "Jun 14 15:16:01 host sshd[99]: Accepted key for su",
  ];
  const logfmt = [
    'level=info msg="user bob logged in" user=alice',
    "level=warn msg=ok user=bob",
    "level=error user=bobby",
    "level=debug msg=anonymous",
  ];
  await withFiles(
    { "sys.log": text(syslog), "app.log": text(logfmt) },
    async (dir) => {
      const app = await sluice([
        "grep",
        "--format",
        "syslog",
        "-k",
        "app",
        "su",
        `${dir}/sys.log`,
      ]);
      assert.equal(app.stdout, text([syslog[0]!]));
      const user = await sluice([
        "grep",
        "--format",
        "logfmt",
        "-k",
        "user",
        "-E",
        "^bob$",
        `${dir}/app.log`,
      ]);
      assert.equal(user.stdout, text([logfmt[1]!]));
      // A line without user= does not match: -v selects it.
      const inverted = await sluice([
        "grep",
        "--format",
        "logfmt",
        "-k",
        "user",
        "-v",
        "-i",
        "BOB",
        `${dir}/app.log`,
      ]);
      assert.equal(inverted.stdout, text([logfmt[0]!, logfmt[3]!]));
      // Without --format: JSON or logfmt lines, as sort and group read them.
      const plain = await sluice([
        "grep",
        "-k",
        "user",
        "bob",
        `${dir}/app.log`,
      ]);
      assert.equal(plain.stdout, text([logfmt[1]!, logfmt[2]!]));
    },
  );
});

Deno.test("grep --format regex: matches a named group; skipped lines keep the others paired with their records", async () => {
  const lines = ["PUT /c", "GET /a 200", "bad", "POST /b 500", "GET /d 500"];
  await withFiles({ "a.log": text(lines) }, async (dir) => {
    const r = await sluice([
      "grep",
      "--format",
      "regex:^(?<m>\\S+) (?<p>\\S+) (?<s>\\d+)$",
      "-k",
      "s",
      "-n",
      "500",
      "--on-error",
      "skip",
      `${dir}/a.log`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, text(["4:POST /b 500", "5:GET /d 500"]));
    assert.match(r.stderr, /2 lines skipped; the first: line 1 of /);
    // A group that took no part is null: missing, so -v selects it.
    const optional = await sluice([
      "grep",
      "--format",
      "regex:^(?<m>\\S+) (?<p>\\S+)(?: (?<s>\\d+))?$",
      "-k",
      "s",
      "-v",
      "200",
      "--on-error",
      "skip",
      `${dir}/a.log`,
    ]);
    assert.equal(optional.code, 0, optional.stderr);
    assert.equal(
      optional.stdout,
      text(["PUT /c", "POST /b 500", "GET /d 500"]),
    );
  });
});

Deno.test("grep --format in shards, merged, gives the one run's lines, a skipped line in a shard too", async () => {
  await withTempDir(async (dir) => {
    const args = ["--format", "combined", "-k", "status", "-E", "^4"];
    const skip = ["--on-error", "skip", "-h"];
    const whole = await sluice(["grep", ...args, ...skip, APACHE]);
    assert.equal(whole.code, 0, whole.stderr);
    const parts: string[] = [];
    for (let k = 0; k < 3; k++) {
      parts.push(`${dir}/${k}.part`);
      const r = await sluice([
        "grep",
        ...args,
        ...skip,
        "--shard",
        `${k}/3`,
        "--partial",
        parts[k]!,
        APACHE,
      ]);
      assert.equal(r.code, 0, r.stderr);
    }
    const merged = await sluice(["merge", ...parts]);
    assert.equal(merged.code, 0, merged.stderr);
    assert.equal(merged.stdout, whole.stdout);
    const lines = (await Deno.readTextFile(APACHE)).trimEnd().split("\n");
    assert.equal(
      whole.stdout,
      text(
        lines.filter((l, i) =>
          i !== 8898 && STATUS.exec(l)?.[1]?.startsWith("4")
        ),
      ),
    );
  });
});

Deno.test("grep --format takes -H, -l, -q and -m per file", async () => {
  await withFiles(
    { "a.log": "x=1\nx=2\nx=1\n", "b.log": "x=2\n" },
    async (dir) => {
      const a = `${dir}/a.log`;
      const b = `${dir}/b.log`;
      const grep = (...args: string[]) =>
        sluice(["grep", "--format", "logfmt", "-k", "x", ...args]);
      assert.equal((await grep("1", a, b)).stdout, `${a}:x=1\n${a}:x=1\n`);
      assert.equal((await grep("-c", "1", a, b)).stdout, `${a}:2\n${b}:0\n`);
      assert.equal((await grep("-l", "2", a, b)).stdout, `${a}\n${b}\n`);
      assert.equal((await grep("-m", "1", "1", a)).stdout, "x=1\n");
      const quiet = await grep("-q", "3", a, b);
      assert.deepEqual([quiet.code, quiet.stdout], [1, ""]);
    },
  );
});

Deno.test("grep -k FIELD without --format selects JSON and logfmt lines by the field lineField reads, numbered and written as read, over files of many reads", async () => {
  // Lines of either kind, with the field or without, some not ASCII; CRLF
  // or LF; a BOM before the first line, which the field is read without.
  const value = fc.constantFrom("200", "404", "503", "504", "2xx", "\u00e9");
  const line = fc.tuple(
    fc.oneof(
      value.map((v) => `level=info status=${v} path=/a`),
      value.map((v) => `status=1 msg=x status=${v}`),
      value.map((v) => `{"level":"info","status":"${v}"}`),
      fc.constantFrom(503, 200, 404).map((v) => `{"status":${v},"n":1}`),
      fc.constantFrom('{"status":null}', "level=info path=/b", "no pairs"),
    ),
    fc.string({
      unit: fc.constantFrom("a", "b", "\u00e9", " "),
      maxLength: 200,
    }),
    fc.boolean(),
  ).map(([l, pad, crlf]) =>
    (l.startsWith("{") ? l : `${l} pad="${pad.replaceAll(" ", "_")}"`) +
    (crlf ? "\r\n" : "\n")
  );
  const file = fc.tuple(
    fc.array(line, { minLength: 1, maxLength: 4000 }),
    fc.boolean(),
  ).map(([lines, bom]) => (bom ? "\ufeff" : "") + lines.join(""));
  const status = lineField("status");
  await fc.assert(
    fc.asyncProperty(
      fc.array(file, { minLength: 1, maxLength: 2 }),
      fc.constantFrom("^50[34]$", "^2", "0$", "\u00e9", "^(?:200|404)$"),
      fc.record({
        n: fc.boolean(),
        v: fc.boolean(),
        c: fc.boolean(),
        m: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      }),
      async (files, pattern, flags) => {
        await withTempDir(async (dir) => {
          const paths = files.map((_, i) => `${dir}/${i}.log`);
          const re = new RegExp(pattern, "u");
          let expected = "";
          for (let f = 0; f < files.length; f++) {
            await Deno.writeTextFile(paths[f]!, files[f]!);
            const lines = files[f]!.split("\n").slice(0, -1);
            const name = files.length > 1 ? `${paths[f]}:` : "";
            let count = 0;
            lines.forEach((raw, i) => {
              let text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
              if (i === 0 && text.startsWith("\ufeff")) text = text.slice(1);
              const v = status(text);
              const hit = v !== undefined && v !== null &&
                re.test(typeof v === "string" ? v : JSON.stringify(v));
              if (hit === flags.v || count === flags.m) return;
              count++;
              if (!flags.c) {
                expected += `${name}${flags.n ? `${i + 1}:` : ""}${raw}\n`;
              }
            });
            if (flags.c) expected += `${name}${count}\n`;
          }
          const r = await sluice([
            "grep",
            ...(flags.n ? ["-n"] : []),
            ...(flags.v ? ["-v"] : []),
            ...(flags.c ? ["-c"] : []),
            ...(flags.m === undefined ? [] : ["-m", String(flags.m)]),
            ...["-E", "-k", "status", pattern, ...paths],
          ]);
          assert.ok(r.code === 0 || r.code === 1, r.stderr);
          // (The BOM of a first line selected kept: r.stdout drops it.)
          const out = new TextDecoder("utf-8", { ignoreBOM: true });
          assert.equal(out.decode(r.bytes), expected);
        });
      },
    ),
    {
      numRuns: 15,
      // A JSON line after a BOM, which is not read as logfmt; a count
      // that -m stops.
      examples: [[
        ['\ufeff{"status":404,"n":1}\r\nstatus=404\n'],
        "^(?:200|404)$",
        { n: true, v: false, c: false, m: undefined },
      ], [
        ["status=503\nstatus=200\nstatus=504\nstatus=503\n"],
        "^50[34]$",
        { n: false, v: false, c: true, m: 2 },
      ]],
    },
  );
});

Deno.test("grep -k FIELD without --format runs the reader's filter into the count, or of one file into the output; only -c -m and several files go through a loop", async () => {
  await withFiles(
    {
      "a.log": 'status=503\nstatus=200\n{"status":504}\nstatus=503\n',
      "b.log": "status=504\n",
    },
    async (dir) => {
      const summary = `${dir}/summary.json`;
      const run = async (...args: string[]) => {
        const r = await sluice([
          "grep",
          ...args.slice(0, -1),
          ...["-E", "-k", "status", "^50[34]$", "--summary-json", summary],
          ...args.at(-1)!.split(" ").map((name) => `${dir}/${name}`),
        ]);
        assert.equal(r.code, 0, r.stderr);
        const stages = JSON.parse(await Deno.readTextFile(summary))
          .stages as { kind: string }[];
        return { out: r.stdout, kinds: stages.map((s) => s.kind) };
      };
      // Counted: the reader, the filter it runs, the count; then the count
      // written (a run of its own, from a source).
      assert.deepEqual(await run("-c", "a.log"), {
        out: "3\n",
        kinds: ["source", "writeLines", "readLines", "filter", "count"],
      });
      assert.deepEqual((await run("-c", "-m", "2", "a.log")).kinds, [
        "source",
        "writeLines",
        "readLines",
        "filter",
        "map",
      ]);
      // Written: from the reader to the writer, numbered by a map.
      assert.deepEqual(await run("-n", "a.log"), {
        out: '1:status=503\n3:{"status":504}\n4:status=503\n',
        kinds: ["readLines", "filter", "map", "writeLines"],
      });
      assert.deepEqual(await run("-m", "1", "a.log"), {
        out: "status=503\n",
        kinds: ["readLines", "filter", "take", "writeLines"],
      });
      const two = await run("a.log b.log");
      assert.equal(
        two.out,
        ["a.log:status=503", 'a.log:{"status":504}', "a.log:status=503"]
          .concat("b.log:status=504").map((l) => `${dir}/${l}\n`).join(""),
      );
      assert.deepEqual(two.kinds.slice(0, 2), ["source", "writeLines"]);
    },
  );
});

Deno.test("grep --format --max-errors counts the lines skipped over all the files, as one run", async () => {
  await withFiles(
    { "a.log": '{"a":1}\nbad\n', "b.log": '{"a":1}\nbad\n' },
    async (dir) => {
      const grep = (n: string) =>
        sluice([
          "grep",
          "--format",
          "json",
          "-k",
          "a",
          "--on-error",
          "skip",
          "--max-errors",
          n,
          "-h",
          "1",
          `${dir}/a.log`,
          `${dir}/b.log`,
        ]);
      const three = await grep("3");
      assert.deepEqual([three.code, three.stdout], [0, '{"a":1}\n{"a":1}\n']);
      const two = await grep("2");
      assert.equal(two.code, 2);
      assert.match(
        two.stderr,
        /the limit set by maxErrors.*at line 2 of .*b\.log/,
      );
    },
  );
});

Deno.test("grep refuses --format without -k, -o and --format auto, naming the option", async () => {
  await withFiles({ "a.log": "x=1\n" }, async (dir) => {
    const file = `${dir}/a.log`;
    for (
      const [args, message] of [
        [["--format", "logfmt", "1"], /--format needs -k FIELD/],
        [["--format", "logfmt", "-k", "x", "-o", "1"], /takes no -o/],
        [["--format", "auto", "-k", "x", "1"], /--format auto is not taken/],
        [["--on-error", "skip", "-k", "x", "1"], /--on-error needs --format/],
      ] as const
    ) {
      const r = await sluice(["grep", ...args, file]);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, message);
    }
  });
});

/** A CSV field: plain, or quoted with what quoting allows. */
const cell = fc.oneof(
  fc.stringMatching(/^[ab"]{0,3}$/),
  fc.stringMatching(/^[ab,"\n]{0,4}$/).map((s) =>
    `"${s.replaceAll('"', '""')}"`
  ),
  // A quoted field followed by other text: an error.
  fc.constant('"a"b'),
);

Deno.test("CsvBounds groups lines into the records the parse stage reads", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), {
        maxLength: 8,
      }),
      async (records) => {
        const lines = records.map((r) => r.join(",")).join("\n").split("\n");
        // Each group of lines, parsed alone, gives what the whole run gave
        // for it: the groups are the records' bounds.
        const bounds = new CsvBounds(",");
        const groups: string[][] = [];
        let open: string[] = [];
        for (const line of lines) {
          if (open.length === 0 && line === "") continue;
          open.push(line);
          if (bounds.line(line)) {
            groups.push(open);
            open = [];
          }
        }
        if (open.length > 0) groups.push(open);
        const read = (ls: string[]) =>
          collect(
            pipeline(ls, parse("csv", { header: false, onError: "skip" })),
          );
        const whole = await read(lines);
        const each = (await Promise.all(groups.map(read))).flat();
        assert.deepEqual(each, whole);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("textMatcher matches by grep's rules", () => {
  assert.equal(textMatcher("ı", { ignoreCase: true })("I"), true);
  assert.equal(textMatcher(/^\d+$/u)("503"), true);
  assert.equal(textMatcher(/x/u, { ignoreCase: true })("X"), true);
  assert.throws(() => textMatcher(/x/g), TypeError);
});

Deno.test("matchGrowth reads how an expression's work on a text grows, case folded as textMatcher folds it", () => {
  for (
    const [re, growth] of [
      [/^50[34]$/u, "linear"],
      [/status=50\d/, "linear"],
      [/^(?:GET|POST) \/api\/v[12]\b/u, "linear"],
      [/a{2,5}b?/u, "linear"],
      [/ERROR.*timeout/u, "quadratic"],
      [/^\S+ /u, "linear"],
      [/\S+ \S+/u, "quadratic"],
      [/a.*b.*c/u, "unbounded"],
      [/^(a|aa)+$/u, "unbounded"],
      [/(\w)\1/u, "unbounded"],
      [/x/v, "unbounded"],
    ] as const
  ) {
    assert.equal(matchGrowth(re), growth, String(re));
    // Folding case makes classes of letters, not repeats.
    assert.equal(matchGrowth(re, { ignoreCase: true }), growth, `${re} -i`);
  }
  // Folded by GNU grep's rule, a letter is a class: still linear.
  assert.equal(matchGrowth(/^ı{3}$/u, { ignoreCase: true }), "linear");
  assert.throws(
    () => matchGrowth("ERROR" as unknown as RegExp),
    TypeError,
  );
});
