// Copyright 2026 the sluice authors. MIT license.
// A top-level field of a JSON line read from the line's text
// (lib/parse/_json_field.ts), against JSON.parse of the whole line: the same
// value, or none where JSON.parse refuses the line or it is not an object.
import assert from "node:assert/strict";
import fc from "fast-check";
import { fieldText } from "../../lib/parse/_json_field.ts";
import { collections, withTempDir } from "../_helpers.ts";

/** What JSON.parse of the whole line says field `name` is, as JSON text. */
function reference(line: string, name: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return undefined;
  }
  return Object.hasOwn(parsed, name)
    ? JSON.stringify((parsed as Record<string, unknown>)[name])
    : undefined;
}

/**
 * The reference of a line whose field fieldText and this process's
 * JSON.parse disagree on, from JSON.parse in a fresh process. V8 15.0's
 * JSON.parse (Deno 2.9.6) can read a key wrongly after some earlier parses
 * in the same process: in the first test below, with fast-check's seed
 * 1880032030, the key `"\u0061"` of the 2,681st line came back as a
 * backslash once the 948th had been parsed (replayed in a script that does
 * nothing else), while a fresh process (and Node) read it as "a", as
 * fieldText did.
 */
function freshReference(line: string, name: string): string | undefined {
  const out = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `const [line, name] = Deno.args;
const parsed = JSON.parse(line);
console.log(JSON.stringify(Object.hasOwn(parsed, name) ? JSON.stringify(parsed[name]) : null));`,
      "--",
      line,
      name,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).outputSync();
  assert.ok(out.success);
  return JSON.parse(new TextDecoder().decode(out.stdout)) ?? undefined;
}

/** What fieldText says, as JSON text of its value. */
function found(line: string, name: string): string | undefined {
  const text = fieldText(line, name);
  assert.notEqual(text, null, "not too deep");
  return text === undefined || text === null
    ? undefined
    : JSON.stringify(JSON.parse(text));
}

const NAMES = ["a", "b", "service", "__proto__", "\u00e9", ""];

/** JSON text of an object, keys from NAMES (repeated too), spaced at random. */
const objectText = fc.letrec((tie) => ({
  space: fc.constantFrom("", " ", "\t", "\r\n", "  \n "),
  key: fc.oneof(
    fc.constantFrom(...NAMES).map((k) => JSON.stringify(k)),
    // The same names with an escape in them.
    fc.constantFrom('"\\u0061"', '"serv\\u0069ce"', '"\\u005f_proto__"'),
    fc.string().map((k) => JSON.stringify(k)),
  ),
  leaf: fc.oneof(
    fc.string({ unit: "binary" }).map((v) => JSON.stringify(v)),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) =>
      JSON.stringify(v)
    ),
    fc.constantFrom(
      "0",
      "-0",
      "1e5",
      "-1.5E-3",
      "12345678901234567890",
      "true",
      "false",
      "null",
      '"a\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9"',
    ),
  ),
  value: fc.oneof(
    { depthSize: "small" },
    tie("leaf") as fc.Arbitrary<string>,
    tie("object") as fc.Arbitrary<string>,
    fc.array(tie("value") as fc.Arbitrary<string>, { maxLength: 3 }).map((
      items,
    ) => `[${items.join(",")}]`),
  ),
  object: fc.array(
    fc.tuple(
      tie("space") as fc.Arbitrary<string>,
      tie("key") as fc.Arbitrary<string>,
      tie("space") as fc.Arbitrary<string>,
      tie("value") as fc.Arbitrary<string>,
    ),
    { maxLength: 5 },
  ).map((members) =>
    `{${members.map(([a, k, b, v]) => `${a}${k}${b}:${a}${v}${b}`).join(",")}}`
  ),
})).object;

Deno.test("fieldText() finds a JSON line's field as JSON.parse of the whole line does, the last of a repeated key", () => {
  fc.assert(
    fc.property(
      objectText,
      fc.constantFrom(...NAMES),
      fc.constantFrom(...NAMES),
      (line, name, other) => {
        // Two fields of one line: the second from what the first read.
        for (const field of [name, other]) {
          const got = found(line, field);
          if (got === reference(line, field)) continue;
          assert.equal(got, freshReference(line, field), line);
        }
      },
    ),
    { numRuns: 3000 },
  );
});

Deno.test("fieldText() gives no field of a line that JSON.parse refuses, whatever was cut or added", () => {
  fc.assert(
    fc.property(
      objectText,
      fc.nat(),
      fc.constantFrom("", ",", "}", "{", "]", '"', "\\", ":", "x", "\u0001"),
      fc.nat({ max: 2 }),
      fc.constantFrom(...NAMES),
      (line, at, added, cut, name) => {
        const i = line.length === 0 ? 0 : at % line.length;
        const changed = line.slice(0, i) + added + line.slice(i + cut);
        const got = found(changed, name);
        if (got !== reference(changed, name)) {
          assert.equal(got, freshReference(changed, name), changed);
        }
      },
    ),
    { numRuns: 5000 },
  );
});

Deno.test("fieldText() reads what JSON.parse reads around an object, and leaves a deep one to it", () => {
  for (
    const [line, want] of [
      [' \t{"a":1}\r\n', "1"],
      ['{"a":1} x', undefined],
      ['[{"a":1}]', undefined],
      ["1", undefined],
      ["", undefined],
      ['{"a":01}', undefined],
      ['{"a":1.}', undefined],
      ['{"a":-}', undefined],
      ['{"a":tru}', undefined],
      ['{"a":"\t"}', undefined],
      ['{"a":"\\x"}', undefined],
      ['{"a":"\\u12"}', undefined],
      ['{"a":1,}', undefined],
      ['{"b":{"a":2},"a":[1,{"a":3}]}', '[1,{"a":3}]'],
      ['{"a":1,"a":2}', "2"],
    ] as const
  ) {
    assert.equal(fieldText(line, "a") ?? undefined, want, line);
  }
  const deep = `{"a":${"[".repeat(1000)}${"]".repeat(1000)}}`;
  assert.equal(fieldText(deep, "a"), null);
});

Deno.test("sluice group reads a field of JSON lines without a full collection, where their other short values are all different", async () => {
  await withTempDir(async (dir) => {
    // 64 MB of JSON lines, each with an id of 8 hex digits of its own: each
    // line parsed whole made every id an internalized string, in V8's old
    // generation until a full collection (one over these lines).
    const path = `${dir}/app.jsonl`;
    const counts = new Map<string, number>();
    const file = await Deno.open(path, { write: true, create: true });
    const encoder = new TextEncoder();
    for (let i = 0; i < 400_000;) {
      let text = "";
      for (let k = 0; k < 1000; k++, i++) {
        const service = ["api", "auth", "search", "media", "billing"][i % 5]!;
        counts.set(service, (counts.get(service) ?? 0) + 1);
        text += `${
          JSON.stringify({
            time: `2026-11-01T00:00:${String(i % 60).padStart(2, "0")}Z`,
            level: i % 50 === 0 ? "ERROR" : "INFO",
            service,
            req: (i * 2654435761 >>> 0).toString(16).padStart(8, "0"),
            status: 200,
            latency_ms: i % 997,
            msg: "user session refreshed after the cache was warmed",
          })
        }\n`;
      }
      const bytes = encoder.encode(text);
      for (let at = 0; at < bytes.length;) {
        at += await file.write(bytes.subarray(at));
      }
    }
    file.close();
    const cli = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
    const grouped = await collections([
      cli,
      "group",
      "--by",
      "service",
      "--count",
      "--output",
      `${dir}/groups.jsonl`,
      path,
    ]);
    assert.equal(grouped.full, 0, `full collections of group: ${grouped.full}`);
    const rows = (await Deno.readTextFile(`${dir}/groups.jsonl`)).trim()
      .split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(
      rows,
      [...counts].sort(([a], [b]) => a < b ? -1 : 1).map((
        [service, count],
      ) => ({
        service,
        count,
      })),
    );
  });
});
