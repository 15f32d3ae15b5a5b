// Copyright 2026 the sluice authors. MIT license.
// A literal grep fused into the reader, with writeLines right after it, hands
// the lines it keeps on as their bytes (Chunk.bytes), never decoded nor
// encoded again. What it hands on must be what the lines as text would have
// been written as: CRs stripped and bad bytes as U+FFFD when read lossily,
// every byte as read when read losslessly for a lossless writer.

import assert from "node:assert/strict";
import fc from "fast-check";
import { grep, map, pipeline, readLines, writeLines } from "../../mod.ts";
import { LineSplitter } from "../../lib/io/_line_splitter.ts";
import { LiteralSearch } from "../../lib/io/_literal_search.ts";
import { encodeLossless } from "../../lib/io/lossless.ts";
import { buildPlan } from "../../lib/core/_plan.ts";
import { lineOf } from "../../lib/core/_chunk.ts";
import {
  bytesFrom,
  concatBytes,
  encoder,
  feed,
  linePieces,
  withTempDir,
} from "../_helpers.ts";

// Lines with and without the literals, CRs, text that is not ASCII and
// bytes that are not UTF-8, a BOM.
const pool = linePieces("x", "\ufeff");

interface Split {
  /** The kept lines' bytes, as the chunks hand them on (or as text encoded). */
  bytes: Uint8Array;
  numbers: number[];
  count: number;
}

/** What `splitter` hands on, fed `sizes` bytes at a time. */
function run(
  splitter: LineSplitter,
  bytes: Uint8Array,
  sizes: readonly number[],
  encode: ((line: string) => Uint8Array) | undefined,
  numbered = false,
): Split {
  const parts: Uint8Array[] = [];
  const numbers: number[] = [];
  let count = 0;
  feed(splitter, bytes, sizes, () => {
    const chunk = splitter.take();
    if (chunk.items.length === 0) return;
    count += chunk.items.length;
    for (let i = 0; i < chunk.items.length; i++) {
      numbers.push(lineOf(chunk, i));
    }
    if (encode === undefined) {
      assert.ok(chunk.bytes !== undefined, "the lines come as bytes");
      assert.ok(chunk.items.every((item) => item === ""));
      parts.push(chunk.bytes);
      return;
    }
    assert.equal(chunk.bytes, undefined);
    chunk.items.forEach((item, i) => {
      if (numbered) parts.push(encoder.encode(`${lineOf(chunk, i)}:`));
      parts.push(encode(item), LF);
    });
  });
  return { bytes: concatBytes(parts), numbers, count };
}

const LF = new Uint8Array([10]);

Deno.test("a fused grep hands on the bytes of the lines it keeps, numbered or not, as the lines as text would be written", () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(pool.length - 1), { maxLength: 120 }),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
      fc.constantFrom(["x"], ["ERROR"], ["x", "é"], ["\u00e9"], ["b"]),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom("split", "skip") as fc.Arbitrary<"split" | "skip">,
      fc.boolean(),
      (parts, sizes, literals, lossless, illFormedBytes, onLongLine, n) => {
        const bytes = bytesFrom(parts, pool);
        const options = {
          maxLineBytes: 24,
          onLongLine,
          fatal: false,
          path: "in.log",
          readBytes: 64,
          match: literals,
          search: LiteralSearch,
          lossless,
        };
        const asText = run(
          new LineSplitter(options),
          bytes,
          sizes,
          lossless && illFormedBytes
            ? encodeLossless
            : (line) => encoder.encode(line),
          n,
        );
        const asBytes = run(
          new LineSplitter({
            ...options,
            handsBytes: true,
            illFormedBytes,
            numberBytes: n,
          }),
          bytes,
          sizes,
          undefined,
        );
        assert.deepEqual(asBytes.numbers, asText.numbers);
        assert.equal(asBytes.count, asText.count);
        assert.deepEqual(asBytes.bytes, asText.bytes);
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("a fused grep hands on text, not bytes, when it counts or must report bad bytes", () => {
  const bytes = encoder.encode("x 1\nx 2\n");
  for (const extra of [{ countOnly: true }, { fatal: true }]) {
    const splitter = new LineSplitter({
      maxLineBytes: 100,
      onLongLine: "error",
      fatal: false,
      path: undefined,
      readBytes: 64,
      match: "x",
      search: LiteralSearch,
      handsBytes: true,
      ...extra,
    });
    splitter.write(bytes);
    splitter.end();
    const chunk = splitter.take();
    assert.equal(chunk.items.length, 2);
    assert.equal(chunk.bytes, undefined);
  }
});

Deno.test("grep() between readLines() and writeLines() writes what it would with a stage between them", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    let k = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(pool.length - 1), { maxLength: 300 }),
        fc.constantFrom("x", "ERROR", "é", "b"),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async (parts, literal, readLossless, writeLossless, lineNumber) => {
          await Deno.writeFile(input, bytesFrom(parts, pool));
          const read = { lossless: readLossless, readBytes: 64 };
          const write = { lossless: writeLossless };
          const direct = `${dir}/direct.${k}`;
          const through = `${dir}/through.${k++}`;
          await pipeline(
            readLines(input, read),
            grep(literal, { lineNumber }),
            writeLines(direct, write),
          );
          await pipeline(
            readLines(input, read),
            grep(literal, { lineNumber }),
            map((line: string) => line),
            writeLines(through, write),
          );
          assert.deepEqual(
            await Deno.readFile(direct),
            await Deno.readFile(through),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

Deno.test("the plan hands a literal grep's lines on as bytes only to a sink that writes bytes, right after it", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.log`;
    await Deno.writeTextFile(path, "a\nb\n");
    const rule = (...stages: unknown[]) =>
      buildPlan(readLines(path), stages, {}).source.rule;
    const out = `${dir}/out.log`;
    assert.equal(
      rule(grep("a"), writeLines(out)),
      "readerFiltersLiteralBytes",
    );
    assert.equal(
      rule(grep(["a", "b"]), writeLines(out)),
      "readerFiltersLiteralBytes",
    );
    // Numbered, each line's number goes before its bytes.
    assert.equal(
      rule(grep("a", { lineNumber: true }), writeLines(out)),
      "readerFiltersLiteralBytes",
    );
    assert.equal(
      rule(grep("a"), map((l: string) => l), writeLines(out)),
      "readerFiltersLiteral",
    );
    assert.equal(rule(grep("a")), "readerFiltersLiteral");
  });
});

Deno.test("a fused grep in either case keeps the lines whose text holds the literal so, searched on bytes or in the decoded text, handed on as text or as bytes", () => {
  const casePool = linePieces("Error", "eRRor", "X", "ı", "K");
  fc.assert(
    fc.property(
      fc.array(fc.nat(casePool.length - 1), { maxLength: 120 }),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
      fc.constantFrom("error", "ERROR x", "x", "k"),
      fc.boolean(),
      fc.boolean(),
      (parts, sizes, literal, invert, lossless) => {
        const bytes = bytesFrom(parts, casePool);
        const options = {
          maxLineBytes: 24,
          onLongLine: "split" as const,
          fatal: false,
          path: "in.log",
          readBytes: 64,
          match: literal,
          fold: true,
          invert,
          lossless,
        };
        // The reference: every line, then the ones whose ASCII letters in
        // lower case hold the literal's.
        const all: string[] = [];
        const every = new LineSplitter({
          ...options,
          match: undefined,
          fold: false,
        });
        feed(every, bytes, sizes, () => all.push(...every.take().items));
        const lower = literal.toLowerCase();
        const want = all.filter((line) =>
          line.replace(/[A-Z]/g, (c) => c.toLowerCase()).includes(lower) !==
            invert
        );
        for (const search of [undefined, LiteralSearch]) {
          const got: string[] = [];
          const splitter = new LineSplitter({ ...options, search });
          feed(
            splitter,
            bytes,
            sizes,
            () => got.push(...splitter.take().items),
          );
          assert.deepEqual(got, want);
        }
        const encode = lossless
          ? encodeLossless
          : (line: string) => encoder.encode(line);
        const asBytes = run(
          new LineSplitter({
            ...options,
            search: LiteralSearch,
            handsBytes: true,
            illFormedBytes: lossless,
          }),
          bytes,
          sizes,
          undefined,
        );
        assert.deepEqual(
          asBytes.bytes,
          concatBytes(want.flatMap((line) => [encode(line), LF])),
        );
      },
    ),
    { numRuns: 400 },
  );
  assert.throws(
    () =>
      new LineSplitter({
        maxLineBytes: 24,
        onLongLine: "split",
        fatal: false,
        path: undefined,
        readBytes: 64,
        match: "is",
        fold: true,
      }),
    RangeError,
  );
});
