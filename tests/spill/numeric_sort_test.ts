// Copyright 2026 the sluice authors. MIT license.
// sort() with `numeric`, as GNU `sort -n`: keys sorted as doubles, then the
// lines whose keys a double rounds to the same number put in exact order -
// against a reference that compares the digits as big integers; and its
// partials, merged.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  bytesSink,
  collect,
  readOptionsOfLines,
  withSortFiles,
} from "../_helpers.ts";
import { checkSortOfFile, linesFile } from "./_sort_file.ts";
import {
  lineField,
  logfmtGetter,
  mergeSorted,
  pipeline,
  readLines,
  sort,
  sortPartial,
} from "../../mod.ts";
import { numericKey, NumericOrder } from "../../lib/spill/_numeric.ts";

/** The number at the start of `line` as a scaled big integer, or undefined. */
function reference(line: string): bigint | undefined {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(line)!;
  const int = m[2] ?? "";
  const frac = m[3] ?? "";
  if (int === "" && frac === "") return undefined;
  const scaled = BigInt(int + frac.padEnd(500, "0").slice(0, 500));
  return m[1] === "-" ? -scaled : scaled;
}

/** The lines as GNU `sort -s -n` orders them, missing keys last. */
function referenceSort(lines: string[], reverse: boolean): string[] {
  const keyed = lines.map((line, i) => ({ line, i, k: reference(line) }));
  keyed.sort((a, b) => {
    if (a.k === undefined || b.k === undefined) {
      return a.k === b.k ? a.i - b.i : a.k === undefined ? 1 : -1;
    }
    const c = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
    return (reverse ? -c : c) || a.i - b.i;
  });
  return keyed.map((x) => x.line);
}

async function sortN(
  lines: string[],
  reverse: boolean,
  budget = "64MiB",
): Promise<string[]> {
  return await collect(
    pipeline(lines, sort({ numeric: true, reverse, budget })),
  );
}

/** The lines sorted as `shards` partials of numeric sorts, then merged. */
async function shardedN(
  lines: string[],
  reverse: boolean,
  shards: number,
  budget = "64MiB",
): Promise<string[]> {
  const partials = [];
  const size = Math.ceil(lines.length / shards);
  for (let i = 0; i < shards; i++) {
    partials.push(
      await collect(
        pipeline(
          lines.slice(i * size, (i + 1) * size),
          sortPartial((l: string) => l, { numeric: true, reverse, budget }),
        ),
      ),
    );
  }
  return await collect(mergeSorted(partials, { numeric: true, reverse }));
}

const big = fc.tuple(
  fc.constantFrom("1700000000000000", "9007199254740", "0.1000000000000"),
  fc.integer({ min: 0, max: 99_999 }),
).map(([head, tail]) => `${head}${tail}`);
const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
    .map((d) => d.toFixed(3)),
  big,
  big.map((t) => `-${t}`),
  fc.constantFrom(
    "0",
    "-0",
    "00012",
    ".5",
    "-.5",
    "5.",
    "  7",
    "\t-2x",
    "x",
    "",
    // Beyond the range of doubles, and below it.
    "1" + "0".repeat(400),
    "2" + "0".repeat(400),
    "-1" + "0".repeat(400),
    "0." + "0".repeat(400) + "1",
    "0." + "0".repeat(320) + "5",
  ),
);
const line = fc.tuple(number, fc.constantFrom("", " a", " b", "z")).map((
  [n, rest],
) => n + rest);

Deno.test("sort() with numeric: exact order for any digits, stable, missing last, in memory and spilled", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(line, { maxLength: 60 }),
      fc.boolean(),
      fc.constantFrom("64MiB", 4096),
      async (lines, reverse, budget) => {
        assert.deepEqual(
          await sortN(lines, reverse, String(budget)),
          referenceSort(lines, reverse),
        );
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("sort() with numeric: exact order when the keys are spilled in many runs", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(line, { minLength: 400, maxLength: 800 }),
      fc.boolean(),
      async (lines, reverse) => {
        const run = pipeline(
          lines,
          sort({ numeric: true, reverse, budget: 4096 }),
        );
        assert.deepEqual(await collect(run), referenceSort(lines, reverse));
        assert.ok(run.summary.stages[1]!.counters.runsWritten! > 1);
      },
    ),
    { numRuns: 20 },
  );
});

Deno.test("sortPartial() and mergeSorted() with numeric: the shards merged give the one sort's order", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(line, { maxLength: 60 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 4 }),
      async (lines, reverse, shards) => {
        assert.deepEqual(
          await shardedN(lines, reverse, shards),
          referenceSort(lines, reverse),
        );
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("sort() with numeric: a long run of keys one double rounds goes through a sort of its own", async () => {
  // 6,000 keys within 256 of each other: one double (its spacing there is
  // 256), beyond what the stage holds in memory; a small budget spills.
  const lines: string[] = [];
  for (let i = 0; i < 6000; i++) {
    lines.push(`${1700000000000000000n + BigInt((i * 7919) % 200)} n${i}`);
  }
  for (const reverse of [false, true]) {
    assert.deepEqual(
      await sortN(lines, reverse, "4096"),
      referenceSort(lines, reverse),
    );
    assert.deepEqual(
      await shardedN(lines, reverse, 2, "1MiB"),
      referenceSort(lines, reverse),
    );
  }
});

Deno.test("NumericOrder notes a rounded key beyond 15 significant digits, 2^53 or the range of full-precision doubles", () => {
  const order = new NumericOrder();
  for (
    const text of [
      "123456789012345",
      "0.000123456789012345",
      "-1e99",
      "900719925474099",
      "0." + "0".repeat(300) + "1",
    ]
  ) {
    order.key(text);
    assert.equal(order.rounded, false, text);
  }
  order.key("1234567890123456");
  assert.equal(order.rounded, true);
  assert.equal(order.last, true);
  order.key(12);
  assert.equal(order.last, false);
  assert.equal(order.rounded, true);
  order.rounded = false;
  order.key(2n ** 60n + 1n);
  assert.equal(order.rounded, true);
  // Exact, but beyond 2^53: the double's own text is not the shortest.
  assert.equal(order.key("123000000000000000000000"), 1.23e23);
  assert.equal(order.last, true);
  // Below the least double of full precision, and beyond the largest.
  assert.equal(order.key("0." + "0".repeat(400) + "1"), 0);
  assert.equal(order.last, true);
  assert.equal(order.key("-1" + "0".repeat(400)), -Number.MAX_VALUE);
  assert.equal(order.last, true);
  assert.equal(order.key(10n ** 400n), Number.MAX_VALUE);
  assert.equal(order.last, true);
  assert.equal(order.key("-0"), 0);
  assert.equal(order.last, false);
});

Deno.test("sort() with numeric hands its lines as bytes to a writer when no key was rounded, else as text in exact order", async () => {
  // A sink that takes bytes, as writeLines does, and keeps what reaches it.
  const { sink, seen } = bytesSink();
  const decoder = new TextDecoder();
  const exact = Array.from({ length: 300 }, (_, i) => `${(i * 37) % 300} é`);
  // Three keys that are one double: only their digits order them.
  const rounded = [
    ...exact,
    "9007199254740993 b",
    "9007199254740992 a",
    "9007199254740994 c",
  ];
  for (const budget of [4096, 1 << 20]) {
    seen.length = 0;
    await pipeline(exact, sort({ numeric: true, budget }), sink);
    assert.ok(seen.every((c) => c.bytes !== undefined));
    const text = seen.map((c) => decoder.decode(c.bytes)).join("");
    assert.equal(
      text,
      referenceSort(exact, false).map((s) => s + "\n").join(""),
    );
    seen.length = 0;
    await pipeline(rounded, sort({ numeric: true, budget }), sink);
    assert.ok(seen.every((c) => c.bytes === undefined));
    assert.deepEqual(
      seen.flatMap((c) => c.items),
      referenceSort(rounded, false),
    );
  }
});

Deno.test("sort() refuses numeric with compare, and mergeSorted() too", async () => {
  assert.throws(
    () =>
      sort({
        numeric: true,
        compare: (a: string, b: string) => a < b ? -1 : 1,
      }),
    new TypeError(
      "Cannot sort with both numeric and compare: numeric compares the keys itself",
    ),
  );
  await assert.rejects(
    collect(mergeSorted([], { numeric: true, compare: () => 0 })),
    new TypeError(
      "Cannot merge sorted partials with both numeric and compare: numeric compares the keys itself",
    ),
  );
});

Deno.test("numericKey() sorts as the numbers, exactly, whatever their digits", () => {
  const decimal = fc.tuple(fc.bigInt(), fc.nat({ max: 999 })).map((
    [int, frac],
  ) => ({ int, frac }));
  // A value of `int`.`frac` (three digits), scaled to an integer to compare.
  const scaled = (d: { int: bigint; frac: number }) =>
    d.int * 1000n + (d.int < 0n ? -1n : 1n) * BigInt(d.frac);
  const text = (d: { int: bigint; frac: number }) =>
    `${d.int < 0n ? "-" : ""}${d.int < 0n ? -d.int : d.int}.${
      String(d.frac).padStart(3, "0")
    }`;
  fc.assert(
    fc.property(decimal, decimal, (a, b) => {
      // -0.5 is written with its sign even when the integer part is 0.
      fc.pre(a.int !== 0n && b.int !== 0n);
      const x = numericKey(text(a));
      const y = numericKey(text(b));
      const want = scaled(a) < scaled(b) ? -1 : scaled(a) > scaled(b) ? 1 : 0;
      assert.equal(x < y ? -1 : x > y ? 1 : 0, want, `${text(a)} ${text(b)}`);
    }),
    { numRuns: 3000 },
  );
  assert.equal(
    numericKey(1700000000000000001n),
    numericKey("1700000000000000001"),
  );
  assert.equal(numericKey(0.5), numericKey("  0.50x"));
  assert.equal(numericKey("-0"), numericKey("abc"));
  assert.ok(
    numericKey("1700000000000000000") < numericKey("1700000000000000001"),
  );
});

Deno.test("sort() with numeric: one stage run twice at once notes each run's rounded keys apart", async () => {
  const stage = sort({ numeric: true, budget: 4096 });
  // Keys that are one double, their digits in a cycle, read while the other
  // run starts and reads small keys.
  const big = Array.from(
    { length: 2000 },
    (_, i) => `${9007199254740992n + BigInt(i % 3)} ${i}`,
  );
  const small = Array.from({ length: 2000 }, (_, i) => `${(i * 7) % 100} ${i}`);
  const slowly = async function* (lines: string[]) {
    for (const [i, line] of lines.entries()) {
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 1));
      yield line;
    }
  };
  const [a, b] = await Promise.all([
    collect(pipeline(slowly(big), stage)),
    collect(pipeline(slowly(small), stage)),
  ]);
  assert.deepEqual(a, referenceSort(big, false));
  assert.deepEqual(b, referenceSort(small, false));
});

/** The number a key's value starts with, as `reference` reads text. */
function valueReference(value: unknown): bigint | undefined {
  if (typeof value === "string") return reference(value);
  if (typeof value === "number" || typeof value === "bigint") {
    return reference(String(value));
  }
  return undefined;
}

Deno.test("sort() by a number field right after readLines reads it on the lines' bytes as its getter reads their text: logfmt and JSON lines, quotes, repeated pairs, CRs, bytes that are not UTF-8, long lines, a last line without LF", async () => {
  const value = fc.constantFrom(
    "12",
    "-3",
    "0",
    "-0",
    "007",
    "1.5",
    "-.5",
    "5.",
    "12ms",
    "abc",
    "",
    "99999999999999999999",
    "99999999999999999998",
    "123456789012345",
    "1234567890123456",
    "  42",
    "\t7",
    "1e3",
    "-",
    "\u00e99",
  );
  const pair = fc.tuple(
    fc.constantFrom("ms", "ms", "xms", "a", "ms=1"),
    value,
    fc.boolean(),
  ).map(([k, v, quoted]) => `${k}=${quoted ? `"${v}"` : v}`);
  const logfmt = fc.tuple(
    fc.constantFrom("", "INFO ", 'msg="ms=5" ', "{ ", '" '),
    fc.array(pair, { maxLength: 4 }),
  ).map(([head, pairs]) => head + pairs.join(" "));
  const json = fc.constantFrom(
    '{"ms":12,"a":1}',
    '{"a":"x","ms":-4}',
    '{"ms":7,"ms":3}',
    '{"ms":"12"}',
    '{"ms":1e3}',
    '{"ms":-3.5}',
    '{"ms":"7"}',
    '{"ms":null}',
    '{"ms":123456789012345678901}',
    '{"a":{"ms":1}}',
    '{"ms":[1]}',
    '{"ms":1',
  );
  const line = fc.tuple(
    fc.oneof({ arbitrary: logfmt, weight: 4 }, json),
    // Rare: from a line that is not UTF-8, or one the line-length policy
    // takes, the reader hands on text.
    fc.oneof(
      { arbitrary: fc.constant(""), weight: 60 },
      { arbitrary: fc.constant("\r"), weight: 6 },
      { arbitrary: fc.constantFrom("\xff", " " + "p".repeat(70)), weight: 1 },
    ),
  );
  await withSortFiles(async (files) => {
    const { input, tempDir } = files;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 400 }),
        fc.boolean(),
        readOptionsOfLines,
        fc.integer({ min: 4096, max: 20000 }),
        fc.boolean(),
        fc.constantFrom("lineField", "logfmtGetter"),
        async (made, lastLf, options, budget, reverse, by) => {
          await Deno.writeFile(input, linesFile(made, lastLf));
          const key = by === "lineField" ? lineField("ms") : logfmtGetter("ms");
          // The reference: the lines as the reader makes them text, their
          // keys read by the getter, and numbers read as big integers.
          const lines = await collect(readLines(input, options));
          const keyed = lines.map((s, i) => ({
            s,
            i,
            k: valueReference(key(s)),
          }));
          keyed.sort((a, b) => {
            if (a.k === undefined || b.k === undefined) {
              return a.k === b.k ? a.i - b.i : a.k === undefined ? 1 : -1;
            }
            const c = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
            return (reverse ? -c : c) || a.i - b.i;
          });
          const stage = () =>
            sort<string, unknown>({
              key,
              numeric: true,
              reverse,
              budget,
              tempDir,
            });
          await checkSortOfFile(
            files,
            options,
            stage,
            keyed.map((x) => x.s),
            keyed.filter((x) => x.k === undefined).length,
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

Deno.test("NumericOrder.keyOfBytes reads a number on its text's UTF-8 as key() reads the text, or leaves it to the text: never a rounded key", () => {
  const text = fc.array(
    fc.constantFrom(..."0123456789-. \t+eaé9"),
    { maxLength: 24 },
  ).map((cs) => cs.join(""));
  fc.assert(
    fc.property(text, fc.string({ maxLength: 3 }), (s, after) => {
      const bytes = new TextEncoder().encode(`${after}${s} x`);
      const from = new TextEncoder().encode(after).length;
      const order = new NumericOrder();
      const got = order.keyOfBytes(bytes, from, bytes.length - 2);
      const want = new NumericOrder();
      const expected = want.key(s);
      if (got === null) return;
      assert.ok(!want.rounded, `${JSON.stringify(s)} rounds`);
      assert.ok(Object.is(got, expected), `${JSON.stringify(s)}: ${got}`);
      assert.equal(order.rounded, false);
    }),
    { numRuns: 2000 },
  );
  const order = new NumericOrder();
  const read = (s: string) => {
    const bytes = new TextEncoder().encode(s);
    return order.keyOfBytes(bytes, 0, bytes.length);
  };
  assert.ok(Object.is(read("-0"), 0));
  assert.equal(read(" \t-42ms"), -42);
  assert.equal(read("123456789012345"), 123456789012345);
  assert.equal(read("1234567890123456"), null);
  assert.equal(read("1.5"), null);
  assert.equal(read("-"), undefined);
  assert.equal(read(""), undefined);
});
