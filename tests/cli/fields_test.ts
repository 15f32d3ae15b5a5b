// Copyright 2026 the sluice authors. MIT license.
// The command line's field readers: numbers as `sort -n` reads them, words
// as awk splits them, group keys, and `sluice fields` against parseLogfmt.
import assert from "node:assert/strict";
import fc from "fast-check";
import { lineWord, parseLogfmt } from "../../mod.ts";
import { main } from "../../lib/cli/main.ts";
import { watchingJsonParse, withTempDir } from "../_helpers.ts";
import {
  asNumber,
  groupKey,
  keyValue,
  leadingNumber,
  numberOf,
} from "../../lib/cli/_fields.ts";

Deno.test("leadingNumber() reads numbers as sort -n does, with none a missing key (NaN), and words by position", () => {
  assert.equal(leadingNumber("  -12.5ms"), -12.5);
  assert.ok(Number.isNaN(leadingNumber("abc")));
  assert.ok(Number.isNaN(leadingNumber("-")));
  assert.equal(leadingNumber(".5"), 0.5);
  assert.ok(Number.isNaN(leadingNumber(undefined)));
  assert.ok(Number.isNaN(leadingNumber(Infinity)));
  assert.equal(leadingNumber(42), 42);
  assert.ok(Object.is(leadingNumber("-0"), 0));
  assert.equal(lineWord(3)("a b c d"), "c");
  assert.equal(lineWord(5)("a b c d"), undefined);
});

Deno.test("lineWord() splits on runs of blanks, as awk; a line with fewer words has no key", () => {
  assert.equal(lineWord(3)("Jul  1 10:00:00 host"), "10:00:00");
  assert.equal(lineWord(1)(" \ta\tb"), "a");
  assert.equal(lineWord(3)("a b"), undefined);
  assert.equal(lineWord(1)("  "), undefined);
});

Deno.test("lineWord() gives awk's N-th word of lines with and without tabs, against a reference", () => {
  const reference = (line: string, n: number) =>
    line.split(/[ \t]+/).filter((word) => word !== "")[n - 1];
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom("a", "bc", " ", "  ", "\t", "d\te"), {
        maxLength: 12,
      }).map((parts) => parts.join("")),
      fc.integer({ min: 1, max: 6 }),
      (line, n) => {
        assert.equal(lineWord(n)(line), reference(line, n));
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("numberOf() reads a value as Number() does, blank text and what is not finite as none", () => {
  const reference = (text: string) => {
    const v = Number(text);
    return text.trim() === "" || !Number.isFinite(v) ? undefined : v;
  };
  for (const text of ["", "-", "0", "-0", "007", "-12", "+5", " 7", "1e3"]) {
    assert.ok(Object.is(numberOf(text), reference(text)), text);
  }
  // 15 digits are read exactly; 16 and more as Number() reads them.
  assert.equal(numberOf("999999999999999"), 999999999999999);
  assert.equal(numberOf("9007199254740993"), 9007199254740992);
  for (const text of ["98765432109876543210987", "-1234567890123456789"]) {
    assert.equal(numberOf(text), Number(text));
  }
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom("0", "7", "9", "-", "+", ".", " ", "e", "x"), {
        maxLength: 18,
      }).map((parts) => parts.join("")),
      (text) => {
        assert.ok(Object.is(numberOf(text), reference(text)), text);
      },
    ),
    { numRuns: 3000 },
  );
  assert.equal(numberOf(12), 12);
  assert.equal(numberOf(12n), 12);
  assert.equal(numberOf(null), undefined);
});

Deno.test("sluice fields -k writes each line's fields as parseLogfmt or JSON.parse reads them, as JSON or CSV", async () => {
  const value = fc.oneof(
    fc.constantFrom("1", "x y", 'q"a=2', "", "a=9", "é"),
    fc.string({ maxLength: 3 }).filter((v) => !/[\s"=\\]/.test(v)),
  );
  const logfmtLine = fc.array(
    fc.tuple(fc.constantFrom("a", "b", "ab", "c"), value, fc.boolean()),
    { maxLength: 5 },
  ).map((pairs) =>
    pairs.map(([k, v, quoted]) =>
      quoted || v === "" || /[\s"=]/.test(v)
        ? `${k}=${JSON.stringify(v)}`
        : `${k}=${v}`
    ).join(" ")
  ).filter((line) => !line.startsWith("{"));
  const jsonLine = fc.dictionary(fc.constantFrom("a", "b", "c"), value)
    .map((o) => JSON.stringify(o));
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(logfmtLine, jsonLine), {
          minLength: 1,
          maxLength: 8,
        }),
        async (lines) => {
          await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
          const records = lines.map((line) =>
            line.startsWith("{") ? JSON.parse(line) : parseLogfmt(line)
          );
          const get = (r: Record<string, unknown>, k: string) =>
            Object.hasOwn(r, k) ? r[k] : undefined;
          const cell = (v: unknown) => {
            const t = v === undefined ? "" : String(v);
            return /[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
          };
          for (const csv of [false, true]) {
            const out = `${dir}/out-${csv}`;
            const code = await main([
              "fields",
              "-k",
              "a,b",
              ...(csv ? ["--csv"] : []),
              "--output",
              out,
              `${dir}/in.log`,
            ]);
            assert.equal(code, 0);
            const want = csv
              ? [
                "a,b",
                ...records.map((r) =>
                  `${cell(get(r, "a"))},${cell(get(r, "b"))}`
                ),
              ]
              : records.map((r) =>
                JSON.stringify({
                  a: get(r, "a") ?? null,
                  b: get(r, "b") ?? null,
                })
              );
            assert.deepEqual(
              (await Deno.readTextFile(out)).split("\n").slice(0, -1),
              want,
              JSON.stringify(lines),
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

Deno.test("groupKey() puts big integers after numbers and orders them as numbers; keyValue() gives them back", () => {
  fc.assert(
    fc.property(fc.bigInt(), fc.bigInt(), (a, b) => {
      const x = groupKey(a) as string;
      const y = groupKey(b) as string;
      assert.equal(x < y ? -1 : x > y ? 1 : 0, a < b ? -1 : a > b ? 1 : 0);
      assert.equal(keyValue(x), a);
    }),
    { numRuns: 2000 },
  );
  assert.equal(groupKey(42), 42);
  assert.equal(typeof groupKey(2n ** 70n), "string");
});

Deno.test("asNumber() takes a value as a number exactly where its text is the number's own", () => {
  // The reference: for a text that ends in a digit, a number when String()
  // of it gives the text back, a bigint for an integer too long for a
  // double; else the text.
  const reference = (text: string): unknown => {
    if (!/\d$/.test(text)) return text;
    const n = Number(text);
    if (String(n) === text) return n;
    return /^-?[1-9]\d{15,}$/.test(text) ? BigInt(text) : text;
  };
  const digits = fc.string({
    unit: fc.constantFrom("0", "1", "5", "9"),
    minLength: 1,
    maxLength: 22,
  });
  const text = fc.oneof(
    digits,
    digits.map((d) => `-${d}`),
    fc.tuple(digits, digits).map(([a, b]) => `${a}.${b}`),
    fc.tuple(digits, digits).map(([a, b]) => `${a}e${b}`),
    fc.string({
      unit: fc.constantFrom("0", "7", "-", ".", "e", "+", "a", " "),
    }),
    fc.constantFrom(
      "0",
      "-0",
      "007",
      "1e3",
      "1e+21",
      "1.5e-7",
      "-1e-7",
      "1E5",
      "0x12",
      "0b11",
      "1_000",
      "1e+-2",
      "1.2.3",
      "--1",
      "Infinity",
      "NaN",
      "9007199254740993",
    ),
    fc.tuple(digits, fc.constantFrom("e+", "e-", "e", "E"), digits).map((
      [a, e, b],
    ) => `${a}${e}${b}`),
  );
  fc.assert(
    fc.property(text, (t) => {
      assert.deepEqual(asNumber(t), reference(t), t);
      assert.ok(
        Object.is(asNumber(t), reference(t)) ||
          typeof reference(t) === "bigint",
        t,
      );
    }),
    { numRuns: 5000 },
  );
  assert.equal(asNumber(undefined), undefined);
  assert.equal(asNumber(12), 12);
});

Deno.test("asNumber() tells text such as 1234e5 from a number's own without String(), whose results V8 keeps alive", () => {
  const real = globalThis.String;
  let calls = 0;
  globalThis.String = Object.assign((v?: unknown) => {
    calls++;
    return real(v);
  }, real) as StringConstructor;
  try {
    for (const id of ["1234e5", "feacb770", "3e8", "1E5", "12-34", "0x12"]) {
      assert.equal(asNumber(id), id);
    }
    assert.equal(calls, 0);
    assert.equal(asNumber("1.5"), 1.5);
    assert.equal(calls, 1);
  } finally {
    globalThis.String = real;
  }
});

Deno.test("sluice fields --csv writes its header alone for no lines, and quotes a key that needs it", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/empty.log`, "");
    await Deno.writeTextFile(
      `${dir}/in.log`,
      'a=1 b=x,y\n{"q\\"t":2,"a":[1]}\nb=3\n',
    );
    const run = async (keys: string, input: string) => {
      const out = `${dir}/out`;
      const code = await main([
        "fields",
        "-k",
        keys,
        "--csv",
        "--output",
        out,
        `${dir}/${input}`,
      ]);
      assert.equal(code, 0);
      return await Deno.readTextFile(out);
    };
    assert.equal(await run("a,b", "empty.log"), "a,b\n");
    assert.equal(
      await run('a,q"t,b', "in.log"),
      'a,"q""t",b\n1,,"x,y"\n[1],2,\n,,3\n',
    );
  });
});

Deno.test("sluice fields -k, as JSON, as CSV and as a shard's CSV part, parses no JSON line whole and cuts its short strings", async () => {
  // JSON.parse makes each string of fewer than 10 characters an internalized
  // one, kept in V8's old generation: a log's request ids each became one.
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/in.log`,
      '{"req":"95d84e84","status":200,"msg":"x"}\n{"req":"5e0d7a11","status":503}\n',
    );
    const outs: string[] = [];
    const { parsed } = await watchingJsonParse(async () => {
      for (const args of [[], ["--csv"], ["--csv", "--shard", "0/1"]]) {
        const out = `${dir}/out-${outs.length}`;
        const code = await main([
          "fields",
          "-k",
          "req,status",
          ...args,
          ...(args.includes("--shard")
            ? ["--partial", out]
            : ["--output", out]),
          `${dir}/in.log`,
        ]);
        assert.equal(code, 0);
        outs.push(await Deno.readTextFile(out));
      }
    });
    assert.deepEqual(
      parsed.filter((text) => /95d84e84|5e0d7a11/.test(text)),
      [],
    );
    assert.equal(
      outs[0],
      '{"req":"95d84e84","status":200}\n{"req":"5e0d7a11","status":503}\n',
    );
    assert.equal(outs[1], "req,status\n95d84e84,200\n5e0d7a11,503\n");
    assert.deepEqual(outs[2]!.split("\n").slice(1), [
      '"req,status"',
      '"95d84e84,200"',
      '"5e0d7a11,503"',
      "",
    ]);
  });
});
