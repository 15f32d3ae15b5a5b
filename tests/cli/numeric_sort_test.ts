// Copyright 2026 the sluice authors. MIT license.
// `sort -n` on the command line: keys sorted as doubles, then the lines whose
// keys a double rounds to the same number put in exact order — against a
// reference that compares the digits as big integers.
import assert from "node:assert/strict";
import fc from "fast-check";
import { collect } from "../_helpers.ts";
import { pipeline, sort } from "../../mod.ts";
import {
  exactKey,
  exactTies,
  NumericOrder,
} from "../../lib/cli/_numeric_sort.ts";

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
  const order = new NumericOrder();
  const key = (line: string) => order.key(line);
  const out: string[] = [];
  await pipeline(
    lines,
    sort(key, { reverse, budget }),
    exactTies(order, key, exactKey, { reverse, budget }),
    async (source: AsyncIterable<string>) => {
      out.push(...await collect(source));
    },
  );
  return out;
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

Deno.test("sort -n keys: exact order for any digits, stable, missing last", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(line, { maxLength: 60 }),
      fc.boolean(),
      async (lines, reverse) => {
        assert.deepEqual(
          await sortN(lines, reverse),
          referenceSort(lines, reverse),
        );
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("sort -n keys: a long run of keys one double rounds goes through sort()", async () => {
  // 6,000 keys within 256 of each other: one double (its spacing there is
  // 256), beyond what the stage holds in memory; a small budget spills.
  const lines: string[] = [];
  for (let i = 0; i < 6000; i++) {
    lines.push(`${1700000000000000000n + BigInt((i * 7919) % 200)} n${i}`);
  }
  for (const reverse of [false, true]) {
    assert.deepEqual(
      await sortN(lines, reverse, "1MiB"),
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

Deno.test("exactTies hands on the sort's own results, without a promise of its own a line, when no key was rounded", async () => {
  const order = new NumericOrder();
  const results = ["1", "2", "3"].map((value) => ({
    value,
    done: false as const,
  }));
  const end = { value: undefined, done: true as const };
  let at = 0;
  let returned = 0;
  const source: AsyncIterable<string> = {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.resolve(at < results.length ? results[at++]! : end),
      return: () => {
        returned++;
        return Promise.resolve(end);
      },
    }),
  };
  const key = (line: string) => order.key(line);
  const stage = exactTies(order, key, exactKey, { reverse: false });
  const it = stage(source)[Symbol.asyncIterator]();
  // The very results the source gave: an async generator would make its own.
  for (const r of results) assert.equal(await it.next(), r);
  assert.equal(await it.next(), end);
  await it.return!();
  assert.equal(returned, 1);
});
