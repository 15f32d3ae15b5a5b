// Copyright 2026 the sluice authors. MIT license.
// pickFields(): the named fields of logfmt or JSON lines as JSON lines or
// CSV rows, as a simple reference writes them; and, between readLines() and
// writeLines(), the same bytes when the reader runs it on the lines' bytes.

import assert from "node:assert/strict";
import fc from "fast-check";
import {
  map,
  parseLogfmt,
  pickFields,
  pipeline,
  readLines,
  writeLines,
} from "../../mod.ts";
import { buildPlan } from "../../lib/core/_plan.ts";
import {
  bytesFrom,
  concatBytes,
  encoder,
  jsonObjectLines,
  watchingJsonParse,
  withTempDir,
} from "../_helpers.ts";

/** The rows of `lines`, through the stage over an array. */
function rowsOf(
  keys: string[],
  lines: string[],
  format: "json" | "csv" = "json",
): Promise<string[]> {
  return Array.fromAsync(pipeline(lines, pickFields(keys, { format })));
}

/** What an object of the keys gives JSON.stringify. */
function reference(keys: string[], line: string): string {
  const record: Record<string, unknown> = line.startsWith("{")
    ? JSON.parse(line)
    : parseLogfmt(line);
  const picked: Record<string, unknown> = {};
  for (const k of keys) {
    picked[k] = Object.hasOwn(record, k) ? record[k] ?? null : null;
  }
  return JSON.stringify(picked);
}

/** The CSV row of the keys: RFC 4180 cells, nothing for a missing field. */
function csvReference(keys: string[], line: string): string {
  const record: Record<string, unknown> = line.startsWith("{")
    ? JSON.parse(line)
    : parseLogfmt(line);
  return keys.map((k) => {
    const value = Object.hasOwn(record, k) ? record[k] : null;
    const text = value === null
      ? ""
      : typeof value === "string"
      ? value
      : JSON.stringify(value);
    return text.includes(",") || text.includes('"') || text.includes("\n") ||
        text.includes("\r")
      ? '"' + text.split('"').join('""') + '"'
      : text;
  }).join(",");
}

Deno.test("pickFields() writes what JSON.stringify writes of an object of the keys, or their CSV row, as parseLogfmt or JSON.parse read the line", async () => {
  const key = fc.oneof(
    fc.constantFrom("a", "b", "ab", "0", "7", "01", "4294967295", "__proto__"),
    fc.constantFrom('q"t', "back\\slash", "tab\t", "é", "constructor"),
    fc.string({ minLength: 1, maxLength: 3 }),
  );
  const piece = fc.oneof(
    fc.constantFrom(
      "a=1",
      'b="x \\"y\\" z"',
      "ab=3",
      "0=zero",
      "7=seven",
      'q"t=1',
      "a=",
      "é=ü",
      "tab\t=\u0001",
      "constructor=c",
      "a=x,y",
      'b="l1\\nl2, \\"q\\""',
    ),
    fc.string({ maxLength: 5 }),
  );
  const json = fc.dictionary(
    fc.constantFrom("a", "b", "ab", "0", "é"),
    fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.integer(),
      fc.constant(null),
      fc.constantFrom(true, [1, "a,b"], { x: "\r\n" }),
    ),
  ).map((o) => JSON.stringify(o));
  const line = fc.oneof(
    {
      weight: 4,
      // A logfmt line that would start with "{" gets a space before it.
      arbitrary: fc.array(piece, { maxLength: 8 }).map((parts) =>
        parts.join(" ").replace(/^\{/, " {")
      ),
    },
    { weight: 1, arbitrary: json },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(key, { minLength: 1, maxLength: 4 }),
      fc.array(line, { maxLength: 6 }),
      async (keys, lines) => {
        assert.deepEqual(
          await rowsOf(keys, lines),
          lines.map((l) => reference(keys, l)),
        );
        assert.deepEqual(
          await rowsOf(keys, lines, "csv"),
          lines.map((l) => csvReference(keys, l)),
        );
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("pickFields() keeps a JSON line's numbers, integers beyond 2^53 exact, and takes no inherited field", async () => {
  assert.deepEqual(
    await rowsOf(["id", "n", "toString"], [
      '{"id":12345678901234567890,"n":1.5}',
      "[1,2]",
      '{"toString":null}',
    ]),
    [
      '{"id":12345678901234567890,"n":1.5,"toString":null}',
      '{"id":null,"n":null,"toString":null}',
      '{"id":null,"n":null,"toString":null}',
    ],
  );
  await assert.rejects(
    () => rowsOf(["a"], ["a=1", "{not json"]),
    (error: Error) => /item 2/.test(error.message),
  );
  assert.deepEqual(
    await Array.fromAsync(
      pipeline(["{bad", "a=2"], pickFields(["a"], { onError: "skip" })),
    ),
    ['{"a":"2"}'],
  );
});

/** JSON.parse with integers beyond 2^53 exact, as bigints. */
function parseBig(text: string): unknown {
  return JSON.parse(
    text,
    ((_k: string, v: unknown, context: { source?: string }) =>
      typeof v === "number" && !Number.isSafeInteger(v) &&
        /^-?\d+$/.test(context.source ?? "")
        ? BigInt(context.source!)
        : v) as (key: string, value: unknown) => unknown,
  );
}

/** JSON.stringify that writes a bigint as its digits. */
function stringifyBig(value: unknown): string {
  const { rawJSON } = JSON as unknown as { rawJSON(text: string): unknown };
  return JSON.stringify(
    value,
    (_k, v) => typeof v === "bigint" ? rawJSON(String(v)) : v,
  );
}

/**
 * The JSON row and the CSV row of the keys of a JSON line, as JSON.parse of
 * the whole line gives its fields; undefined where JSON.parse refuses it.
 */
function jsonReference(
  keys: string[],
  line: string,
): [string, string] | undefined {
  let parsed: unknown;
  try {
    parsed = parseBig(line);
  } catch {
    return undefined;
  }
  const record = typeof parsed === "object" && parsed !== null &&
      !Array.isArray(parsed)
    ? parsed as Record<string, unknown>
    : {};
  const values = keys.map((k) => Object.hasOwn(record, k) ? record[k] : null);
  const picked: Record<string, unknown> = {};
  keys.forEach((k, i) => picked[k] = values[i]);
  const cells = values.map((v) => {
    const text = v === null ? "" : typeof v === "string" ? v : stringifyBig(v);
    return /[",\r\n]/.test(text)
      ? '"' + text.replaceAll('"', '""') + '"'
      : text;
  });
  return [stringifyBig(picked), cells.join(",")];
}

Deno.test("pickFields() of JSON lines writes what JSON.parse of the whole line gives, and fails at the first line it refuses", async () => {
  const key = fc.constantFrom("a", "req", "n", "__proto__", "0", "é");
  const { good, broken } = jsonObjectLines(key);
  const line = fc.oneof(
    { weight: 8, arbitrary: good },
    { weight: 1, arbitrary: broken },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(key, { minLength: 1, maxLength: 3 }),
      fc.array(line, { minLength: 1, maxLength: 6 }),
      async (keys, lines) => {
        const expected = lines.map((l) => jsonReference(keys, l));
        const bad = expected.indexOf(undefined);
        for (const [format, at] of [["json", 0], ["csv", 1]] as const) {
          if (bad === -1) {
            assert.deepEqual(
              await rowsOf(keys, lines, format),
              expected.map((e) => e![at]),
            );
          } else {
            await assert.rejects(
              () => rowsOf(keys, lines, format),
              (error: Error) =>
                error.message.includes(`item ${bad + 1}`) &&
                error.cause instanceof SyntaxError,
            );
          }
        }
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("pickFields() of a JSON line parses the fields it writes, not the line, and a short string of them not at all", async () => {
  // JSON.parse makes each string of fewer than 10 characters an internalized
  // one, kept in V8's old generation: a log's request ids each became one.
  const line = '{"req":"95d84e84","n":1.50,"msg":"a\\tb","level":"INFO"}';
  const { result: rows, parsed } = await watchingJsonParse(async () => [
    ...await rowsOf(["req", "n", "msg"], [line]),
    ...await rowsOf(["req", "n", "msg"], [line], "csv"),
  ]);
  assert.deepEqual(rows, [
    '{"req":"95d84e84","n":1.5,"msg":"a\\tb"}',
    "95d84e84,1.5,a\tb",
  ]);
  assert.deepEqual(parsed, ["1.50", '"a\\tb"', "1.50", '"a\\tb"']);
});

Deno.test("pickFields() refuses no keys, an empty key, and a format it does not write", () => {
  assert.throws(() => pickFields([]), RangeError);
  assert.throws(() => pickFields(["a", ""]), RangeError);
  assert.throws(
    () => pickFields(["a"], { format: "tsv" as "csv" }),
    RangeError,
  );
});

Deno.test("pickFields() as CSV keeps a JSON line's big integers exact, quotes what must be, and leaves a missing field empty", async () => {
  assert.deepEqual(
    await rowsOf(["id", "n", "o", "toString"], [
      '{"id":12345678901234567890,"n":1.5,"o":{"a":"x,y"}}',
      "[1,2]",
      'id="a \\"b\\"" n=c,d o=',
    ], "csv"),
    [
      '12345678901234567890,1.5,"{""a"":""x,y""}",',
      ",,,",
      '"a ""b""","c,d",,',
    ],
  );
});

// Lines of logfmt with quotes, escapes, CRs, tabs and control characters,
// text that is not ASCII and bytes that are not UTF-8, pairs whose name ends
// another's, and now and then a JSON line, good or bad.
const pool = [
  "a=1",
  "b=x",
  "ab=3",
  "xa=4",
  'a="q r"',
  'msg="a=9 b=8"',
  "a=é",
  "b=tab\there",
  "a=\u0001",
  'b=q"uote',
  "a=c,d",
  "b=,",
  "a=back\\slash",
  "a=",
  " ",
  " ",
  " ",
  "\n",
  "\n",
  "\n",
  "\n",
  "\n",
  "\r\n",
  "\r",
  "{",
  '{"a":1}\n',
  "{bad\n",
  "word",
].map((t) => encoder.encode(t)).concat([
  new Uint8Array([0xff]),
  new Uint8Array([0xe2, 0x82]),
]);

Deno.test("pickFields() between readLines() and writeLines() writes on the lines' bytes what it writes of them as text", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(pool.length - 1), { maxLength: 300 }),
        fc.constantFrom(["a"], ["a", "b"], ["b", "ab", "a"], ["é", "a"]),
        fc.constantFrom(100, 4096, 65536),
        fc.boolean(),
        fc.constantFrom("json" as const, "csv" as const),
        async (parts, keys, maxLineBytes, withJson, format) => {
          // Without JSON lines, the reader maps every line it can.
          const kept = withJson
            ? parts
            : parts.filter((p) => pool[p]![0] !== 123);
          await Deno.writeFile(input, bytesFrom(kept, pool));
          const read = {
            readBytes: 64,
            maxLineBytes,
            onLongLine: "split" as const,
          };
          const stage = () => pickFields(keys, { onError: "skip", format });
          const direct = `${dir}/direct.${n}`;
          const through = `${dir}/through.${n++}`;
          await pipeline(readLines(input, read), stage(), writeLines(direct));
          await pipeline(
            readLines(input, read),
            stage(),
            map((row: string) => row),
            writeLines(through),
          );
          assert.deepEqual(
            await Deno.readFile(direct),
            await Deno.readFile(through),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});

// One line of each kind of value, then a bad byte, a JSON line and a line
// after it (which the stage, and no longer the reader, writes).
const KINDS = [
  "t=1 a=plain b=2",
  'b=q"uote a=x',
  "a=back\\slash",
  "a=c,d b=e",
  "a=tab\there",
  "a=\u0001",
  "a=café",
  "xa=9 a=",
  'msg="a=in" a=after',
  'a=first msg="x a=in y"',
  'a="quoted, value"',
  "b=only",
  "a=crlf\r",
  "",
];
const KINDS_BYTES = concatBytes([
  encoder.encode(KINDS.join("\n") + "\n"),
  new Uint8Array([0x61, 0x3d, 0xff, 0x0a]), // a=<bad byte>
  encoder.encode('{"a":5,"b":"x\\ny"}\na=after json\n'),
]);

Deno.test("pickFields() on the lines' bytes writes each kind of value as it writes it as text, and goes on as text from a JSON line", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeFile(input, KINDS_BYTES);
    const out = `${dir}/out.log`;
    await pipeline(readLines(input), pickFields(["a", "b"]), writeLines(out));
    assert.deepEqual((await Deno.readTextFile(out)).split("\n"), [
      '{"a":"plain","b":"2"}',
      '{"a":"x","b":"q\\"uote"}',
      '{"a":"back\\\\slash","b":null}',
      '{"a":"c,d","b":"e"}',
      '{"a":"tab\\there","b":null}',
      '{"a":"\\u0001","b":null}',
      '{"a":"café","b":null}',
      '{"a":"","b":null}',
      '{"a":"after","b":null}',
      '{"a":"first","b":null}',
      '{"a":"quoted, value","b":null}',
      '{"a":null,"b":"only"}',
      '{"a":"crlf","b":null}',
      '{"a":null,"b":null}',
      '{"a":"\ufffd","b":null}',
      '{"a":5,"b":"x\\ny"}',
      '{"a":"after","b":null}',
      "",
    ]);
  });
});

Deno.test("pickFields() as CSV on the lines' bytes writes each kind of value as it writes it as text", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeFile(input, KINDS_BYTES);
    const out = `${dir}/out.csv`;
    await pipeline(
      readLines(input),
      pickFields(["a", "b"], { format: "csv" }),
      writeLines(out, { header: "a,b" }),
    );
    // The last JSON line's "b" holds an LF: its cell is quoted over two lines.
    assert.equal(
      await Deno.readTextFile(out),
      [
        "a,b",
        "plain,2",
        'x,"q""uote"',
        "back\\slash,",
        '"c,d",e',
        "tab\there,",
        "\u0001,",
        "café,",
        ",",
        "after,",
        "first,",
        '"quoted, value",',
        ",only",
        "crlf,",
        ",",
        "\ufffd,",
        '5,"x\ny"',
        "after,",
        "",
      ].join("\n"),
    );
  });
});

Deno.test("pickFields() over several inputs: once a JSON line stops the map on bytes, the later inputs go as text too", async () => {
  await withTempDir(async (dir) => {
    const inputs = [
      ["a=1", '{"a":2}', "a=3"],
      ["a=4", 'b="x" a=5'],
      ["a=6"],
    ];
    const paths = inputs.map((_, i) => `${dir}/in.${i}.log`);
    for (const [i, lines] of inputs.entries()) {
      await Deno.writeTextFile(paths[i]!, lines.join("\n") + "\n");
    }
    for (const order of [[0, 1, 2], [1, 2, 0], [2, 0, 1]]) {
      const files = order.map((i) => paths[i]!);
      const out = `${dir}/out.log`;
      await pipeline(readLines(files), pickFields(["a"]), writeLines(out));
      const want = order.flatMap((i) =>
        inputs[i]!.map((l) => reference(["a"], l))
      );
      assert.deepEqual(
        (await Deno.readTextFile(out)).split("\n").slice(0, -1),
        want,
        JSON.stringify(order),
      );
    }
  });
});

Deno.test("the plan runs pickFields() in the reader only right before a sink that writes bytes", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.log`;
    await Deno.writeTextFile(path, "a=1\n");
    const rule = (...stages: unknown[]) =>
      buildPlan(readLines(path), stages, {}).source.rule;
    const out = `${dir}/out.log`;
    assert.equal(rule(pickFields(["a"]), writeLines(out)), "readerMapsBytes");
    assert.equal(rule(pickFields(["a"])), "sourceAlone");
    assert.equal(
      rule(pickFields(["a"]), map((r: string) => r), writeLines(out)),
      "sourceAlone",
    );
    // A key twice: an object of them would not keep it so; as text only.
    assert.equal(
      rule(pickFields(["a", "a"]), writeLines(out)),
      "sourceAlone",
    );
    // A CSV row has a column for each, on the bytes too.
    const csv = { format: "csv" } as const;
    assert.equal(
      rule(pickFields(["a", "a"], csv), writeLines(out)),
      "readerMapsBytes",
    );
    assert.equal(
      rule(pickFields(["a"], csv), writeLines(out, { header: "a" })),
      "readerMapsBytes",
    );
  });
});

Deno.test("pickFields() on the lines' bytes finds no pair for a key no pair can have, as parseLogfmt finds none", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, " =\nx a b=1 a=2\na=b=c\n");
    const keys = [" ", "a b", "a=b", "a"];
    for (const format of ["json", "csv"] as const) {
      const out = `${dir}/out`;
      await pipeline(
        readLines(input),
        pickFields(keys, { format }),
        writeLines(out),
      );
      const lines = [" =", "x a b=1 a=2", "a=b=c"];
      const want = lines.map((l) =>
        format === "json" ? reference(keys, l) : csvReference(keys, l)
      );
      assert.deepEqual(
        (await Deno.readTextFile(out)).split("\n").slice(0, -1),
        want,
        format,
      );
    }
  });
});

Deno.test("pickFields() on the lines' bytes takes each key's last pair on a line of many pairs", async () => {
  // The scan notes a line's "="s a few dozen at a time: a key's pairs
  // before, across and after each batch.
  await withTempDir(async (dir) => {
    const lines: string[] = [];
    for (const n of [1, 63, 64, 65, 100, 129, 300]) {
      const pairs = Array.from({ length: n }, (_, i) => `x${i}=${i}`);
      for (const at of [0, 62, 63, 64, 65, n - 1]) {
        if (at >= n) continue;
        const line = [...pairs];
        line[at] = `a=last${at}`;
        if (at > 0) line[Math.floor(at / 2)] = `a=first${at}`;
        lines.push(line.join(" ") + ` b=${n}`);
      }
    }
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, lines.join("\n") + "\n");
    const output = `${dir}/out.jsonl`;
    const keys = ["a", "b", "x64"];
    const rule = buildPlan(readLines(input), [
      pickFields(keys),
      writeLines(output),
    ], {}).source.rule;
    assert.equal(rule, "readerMapsBytes");
    await pipeline(readLines(input), pickFields(keys), writeLines(output));
    assert.deepEqual(
      (await Deno.readTextFile(output)).split("\n").slice(0, -1),
      lines.map((line) => reference(keys, line)),
    );
  });
});
