// Copyright 2026 the sluice authors. MIT license.
// filter() right after readLines() runs inside the reader: the splitter calls
// the predicate on each line as it cuts it out and keeps only the lines it
// returns a truthy value for. These tests hold it to the plain rule (every
// line called once, in order, with its running index; the kept lines with
// their numbers) and to the stage's own behaviour once a call returns a
// promise or throws.

import assert from "node:assert/strict";
import fc from "fast-check";
import {
  countItems,
  filter,
  grep,
  pipeline,
  readLines,
  type ReadLinesOptions,
  type Stage,
  StageError,
  tap,
} from "../../mod.ts";
import { LineSplitter } from "../../lib/io/_line_splitter.ts";
import { buildPlan } from "../../lib/core/_plan.ts";
import { lineOf } from "../../lib/core/_chunk.ts";
import {
  bytesFrom,
  chunked,
  collect,
  concatBytes,
  encoder,
  feed,
  heapGrowthOf,
  linePieces,
  withTempDir,
  writeScript,
} from "../_helpers.ts";
import { referenceLines } from "../_reference.ts";

// Mostly ASCII lines, some not, CRs, bytes that are not UTF-8: the splitter
// gathers ASCII lines and the others apart, and decodes bad bytes as U+FFFD.
const pool = linePieces("GET /a 200");

/** Whether any character of `s` is not ASCII. */
const isWide = (s: string) => /[\u0080-\uffff]/.test(s);

/**
 * Feeds `bytes` to `splitter` `sizes[k]` bytes at a time in turn, then ends
 * it; the chunks it hands over, each taken after a commit.
 */
function split(
  splitter: LineSplitter,
  bytes: Uint8Array,
  sizes: readonly number[],
) {
  const taken: { items: string[]; numbers: number[]; settled?: number }[] = [];
  const take = () => {
    const settled = splitter.settled?.at;
    const chunk = splitter.take();
    // The note of non-ASCII lines, when there is one, is right.
    if (chunk.wide !== undefined) {
      assert.deepEqual(
        chunk.wide,
        chunk.items.flatMap((l, i) => isWide(l) ? [i] : []),
      );
    }
    taken.push({
      items: chunk.items,
      numbers: chunk.items.map((_, i) => lineOf(chunk, i)),
      ...(settled === undefined ? {} : { settled }),
    });
  };
  feed(splitter, bytes, sizes, take);
  return taken;
}

Deno.test("a filter fused into the splitter calls each line once, in order, and keeps the lines and numbers a plain filter keeps", () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(), { maxLength: 300 }),
      fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 6 }),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
      fc.nat({ max: 50 }),
      fc.constantFrom(
        { maxLineBytes: 1 << 20, onLongLine: "error" as const },
        { maxLineBytes: 30, onLongLine: "skip" as const },
        { maxLineBytes: 30, onLongLine: "split" as const },
      ),
      fc.constantFrom(7, 16 * 1024),
      fc.boolean(),
      (parts, sizes, pattern, firstIndex, long, readBytes, copyKept) => {
        // Split pieces are cut at characters: no bad bytes then.
        const bytes = bytesFrom(
          parts,
          long.onLongLine === "split" ? pool.slice(0, 13) : pool,
        );
        const calls: { line: string; index: number }[] = [];
        const keep = {
          fn: (line: string, index: number) => {
            calls.push({ line, index });
            return pattern[index % pattern.length];
          },
          index: firstIndex,
        };
        const splitter = new LineSplitter({
          ...long,
          fatal: false,
          path: undefined,
          readBytes,
          keep,
        });
        splitter.copyKept = copyKept;
        const taken = split(splitter, bytes, sizes.length > 0 ? sizes : [5]);
        const ref = referenceLines(bytes, long);
        assert.ok(!("error" in ref));
        // Every line called once, in order, indexes counting on.
        assert.deepEqual(calls.map((c) => c.line), ref.lines);
        assert.deepEqual(
          calls.map((c) => c.index),
          ref.lines.map((_, i) => firstIndex + i),
        );
        assert.equal(keep.index, firstIndex + ref.lines.length);
        const kept = (i: number) => pattern[(firstIndex + i) % pattern.length];
        assert.deepEqual(
          taken.flatMap((t) => t.items),
          ref.lines.filter((_, i) => kept(i)),
        );
        assert.deepEqual(
          taken.flatMap((t) => t.numbers),
          ref.numbers.filter((_, i) => kept(i)),
        );
        assert.ok(taken.every((t) => t.settled === undefined));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("a fused filter whose call returns a promise or throws leaves that line and all after it to the stage", () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(), { maxLength: 200 }),
      fc.array(fc.integer({ min: 1, max: 2000 }), { maxLength: 4 }),
      fc.nat({ max: 60 }),
      fc.boolean(),
      (parts, sizes, stopAt, throws) => {
        const bytes = bytesFrom(parts, pool);
        const ref = referenceLines(bytes);
        assert.ok(!("error" in ref));
        const boom = new Error("boom");
        const promise = Promise.resolve(true);
        let calls = 0;
        const splitter = new LineSplitter({
          maxLineBytes: 1 << 20,
          onLongLine: "error",
          fatal: false,
          path: undefined,
          readBytes: 16 * 1024,
          keep: {
            fn: (line: string, index: number) => {
              calls++;
              if (index === stopAt) {
                if (throws) throw boom;
                return promise;
              }
              return line.includes("a");
            },
            index: 0,
          },
        });
        const taken = split(splitter, bytes, sizes.length > 0 ? sizes : [9]);
        const items = taken.flatMap((t) => t.items);
        const numbers = taken.flatMap((t) => t.numbers);
        if (stopAt >= ref.lines.length) {
          assert.equal(calls, ref.lines.length);
          assert.ok(taken.every((t) => t.settled === undefined));
          return;
        }
        // Called up to the line that settled, never after it.
        assert.equal(calls, stopAt + 1);
        const head = ref.lines.slice(0, stopAt).filter((l) => l.includes("a"));
        assert.deepEqual(items, [...head, ...ref.lines.slice(stopAt)]);
        assert.deepEqual(numbers, [
          ...ref.numbers.slice(0, stopAt).filter((_, i) =>
            ref.lines[i]!.includes("a")
          ),
          ...ref.numbers.slice(stopAt),
        ]);
        // The chunk with that line says where it is in it.
        const settledIn = taken.filter((t) => t.settled !== undefined);
        assert.equal(settledIn.length, 1);
        const chunk = settledIn[0]!;
        assert.equal(chunk.numbers[chunk.settled!], ref.numbers[stopAt]);
      },
    ),
    { numRuns: 200 },
  );
});

/** Runs `fn` with two files of `a` and `b` in a temp dir, by their paths. */
function withTwoFiles(
  a: string,
  b: string,
  fn: (a: string, b: string) => Promise<void>,
): Promise<void> {
  return withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, a);
    await Deno.writeTextFile(`${dir}/b.log`, b);
    await fn(`${dir}/a.log`, `${dir}/b.log`);
  });
}

/** The filtered lines of `bytes` fused and with a stage between (not fused). */
async function bothWays(
  input: () => Parameters<typeof readLines>[0],
  predicate: (line: string, index: number) => unknown,
  options: ReadLinesOptions = {},
) {
  const fused = await collect(
    pipeline(readLines(input(), options), filter(predicate)),
  );
  const apart = await collect(
    pipeline(readLines(input(), options), tap(() => {}), filter(predicate)),
  );
  return { fused, apart };
}

Deno.test("filter() after readLines() is fused into the reader, unless it has an error policy", () => {
  const rule = (...stages: unknown[]) =>
    buildPlan(readLines("x.log"), stages, {}).source.rule;
  assert.equal(rule(filter(() => true)), "readerFiltersLines");
  assert.equal(
    rule(filter(() => true, { onError: "skip" })),
    "sourceAlone",
  );
  assert.equal(
    rule(tap(() => {}), filter(() => true)),
    "sourceAlone",
  );
  // Inputs merged by key: the merge sees every line first.
  assert.equal(
    buildPlan(readLines(["x.log", "y.log"], { mergeBy: (l) => l }), [
      filter(() => true),
    ], {})
      .source.rule,
    "sourceAlone",
  );
});

Deno.test("a fused filter keeps what the stage keeps, with predicates that return promises for some lines", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 120 }),
      fc.array(fc.nat({ max: 300 }), { maxLength: 5 }),
      fc.array(fc.constantFrom("sync", "async", "falsy-async"), {
        minLength: 1,
        maxLength: 5,
      }),
      async (parts, cuts, kinds) => {
        const bytes = bytesFrom(parts, pool);
        const seen: number[][] = [[], []];
        let way = 0;
        const predicate = (line: string, index: number) => {
          seen[way]!.push(index);
          const kind = kinds[index % kinds.length];
          const keep = line.length % 2 === 0;
          if (kind === "sync") return keep;
          return Promise.resolve(kind === "async" ? keep : undefined);
        };
        way = 0;
        const fused = await collect(
          pipeline(readLines(chunked(bytes, cuts)), filter(predicate)),
        );
        way = 1;
        const apart = await collect(
          pipeline(
            readLines(chunked(bytes, cuts)),
            tap(() => {}),
            filter(predicate),
          ),
        );
        assert.deepEqual(fused, apart);
        assert.deepEqual(seen[0], seen[1]);
        assert.deepEqual(seen[0], seen[0]!.map((_, i) => i));
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("a grep matched in this thread, fused into the reader, keeps what it keeps as a stage", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 120 }),
      fc.array(fc.nat({ max: 300 }), { maxLength: 5 }),
      fc.constantFrom<[string | RegExp, boolean]>(
        [/é|b{2}/u, false],
        // Matched on the lines that hold "GET /a" (the reader's sieve).
        [/GET \/a 2\d+$/u, false],
        [/^$/u, true],
        ["a", true],
        ["É", false],
      ),
      fc.boolean(),
      // Lines too long for maxLineBytes go the splitter's slow way.
      fc.constantFrom<ReadLinesOptions>(
        {},
        { maxLineBytes: 12, onLongLine: "skip" },
        { maxLineBytes: 12, onLongLine: "split" },
      ),
      async (parts, cuts, [pattern, invert], ignoreCase, read) => {
        const bytes = bytesFrom(parts, pool);
        const stage = () => grep(pattern, { invert, ignoreCase });
        const fused = pipeline(readLines(chunked(bytes, cuts), read), stage());
        const apart = pipeline(
          readLines(chunked(bytes, cuts), read),
          tap(() => {}),
          stage(),
        );
        assert.deepEqual(await collect(fused), await collect(apart));
        assert.match(fused.summary.stages[1]!.bound, /fused into readLines/);
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("a grep that ignores case, of a literal with i or s, keeps on bytes in the reader what the stage keeps, dotless i and long s included", async () => {
  // The dotless i and the long s match "i" and "s"; the dotted capital I
  // and the Kelvin sign match only themselves.
  const folds = linePieces(
    "timeout",
    "TIMEOUT",
    "t\u0131meout",
    "TIMEOUT \u0131",
    "se\u017f\u017fion",
    "SESSION \u017f \u0131",
    "t\u0130meout",
    "\u212a",
    "sis",
    "x".repeat(70) + "\u0131",
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 120 }),
      fc.array(fc.nat({ max: 300 }), { maxLength: 5 }),
      fc.constantFrom("timeout", "Session", "is", "sI"),
      fc.boolean(),
      fc.constantFrom<ReadLinesOptions>(
        {},
        { readBytes: 64 },
        { maxLineBytes: 12, onLongLine: "skip" },
        { maxLineBytes: 12, onLongLine: "split" },
      ),
      async (parts, cuts, literal, invert, read) => {
        const bytes = bytesFrom(parts, folds);
        const stage = () => grep(literal, { invert, ignoreCase: true });
        const fused = { n: 0 };
        const plan = buildPlan(
          readLines(chunked(bytes, cuts), read),
          [stage(), countItems({ n: 0 })],
          {},
        );
        assert.equal(plan.source.rule, "readerCountsFolded");
        await pipeline(
          readLines(chunked(bytes, cuts), read),
          stage(),
          countItems(fused),
        );
        const apart = { n: 0 };
        await pipeline(
          readLines(chunked(bytes, cuts), read),
          tap(() => {}),
          stage(),
          countItems(apart),
        );
        assert.equal(fused.n, apart.n);
        // The lines themselves, numbered (inverted, not fused).
        const numbered = () =>
          grep(literal, { invert, ignoreCase: true, lineNumber: true });
        const kept = pipeline(
          readLines(chunked(bytes, cuts), read),
          numbered(),
        );
        const lines = await collect(kept);
        assert.deepEqual(
          lines,
          await collect(
            pipeline(
              readLines(chunked(bytes, cuts), read),
              tap(() => {}),
              numbered(),
            ),
          ),
        );
        assert.equal(lines.length, apart.n);
        assert.equal(
          buildPlan(readLines(chunked(bytes, cuts), read), [numbered()], {})
            .source.rule,
          invert ? "sourceAlone" : "readerFiltersFolded",
        );
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("a splitter whose sieve starts later calls its filter on every line, and asks for the search only when few of the first 4,096 lines hold the literal", async () => {
  const { LiteralSearch } = await import("../../lib/io/_literal_search.ts");
  for (const every of [2, 5, 50]) {
    // "x=" on every other line, or on one in five (few enough), or fifty.
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => i % every === 0 ? `x=${i}` : `y ${i}`,
    );
    const bytes = encoder.encode(lines.map((l) => `${l}\n`).join(""));
    const called: string[] = [];
    const keeps = (line: string) => line.startsWith("x=") && line.endsWith("0");
    const splitter = new LineSplitter({
      maxLineBytes: 1 << 20,
      onLongLine: "error",
      fatal: false,
      path: undefined,
      readBytes: 4096,
      match: "x=",
      sieve: true,
      sieveLater: true,
      keep: {
        // As a grep's test: only a line with the literal can pass.
        fn: (line: string) => (called.push(line), keeps(line)),
        index: 0,
      },
    });
    const kept: string[] = [];
    let asked = false;
    // Taken a read at a time, the search handed over when asked, as
    // readLines does.
    for (let at = 0; at < bytes.length; at += 4096) {
      splitter.write(bytes.subarray(at, Math.min(at + 4096, bytes.length)));
      kept.push(...splitter.take().items);
      if (splitter.wantsSearch) {
        asked = true;
        splitter.startSearch(LiteralSearch);
      }
    }
    splitter.end();
    kept.push(...splitter.take().items);
    assert.equal(asked, every !== 2, `every ${every}`);
    assert.deepEqual(kept, lines.filter(keeps));
    // Once searching (from the read after the 4,096th line, about 520 lines
    // later), the filter saw only the lines with the literal.
    if (every !== 2) {
      const trial = 4096 + 600;
      assert.ok(
        called.length < trial + 6000 / every,
        `${called.length} calls`,
      );
      assert.ok(called.slice(trial).every((l) => l.startsWith("x=")));
    } else assert.equal(called.length, lines.length);
  }
});

Deno.test("a grep matched in this thread keeps what it keeps as a stage when its search starts partway through a file, for any read size and share of lines with its literal", async () => {
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 4200, max: 9000 }),
        fc.integer({ min: 2, max: 200 }),
        fc.constantFrom(512, 4096, 65536, undefined),
        fc.nat({ max: 3 }),
        async (count, every, readBytes, wide) => {
          // "x=" on one line in `every`, some lines not ASCII, some CRLF.
          const lines = Array.from(
            { length: count },
            (_, i) =>
              `${i % every === 0 ? "x=" : "y "}${i}${
                i % 7 === wide ? " é" : ""
              }${i % 11 === 0 ? "\r" : ""}`,
          );
          const path = `${dir}/in.log`;
          await Deno.writeTextFile(path, lines.join("\n") + "\n");
          const read = readBytes === undefined ? {} : { readBytes };
          const re = /x=\d*[05](?: é)?$/u;
          const fused = await collect(
            pipeline(readLines(path, read), grep(re)),
          );
          const apart = await collect(
            pipeline(readLines(path, read), tap(() => {}), grep(re)),
          );
          assert.deepEqual(fused, apart);
        },
      ),
      { numRuns: 25 },
    );
  });
});

Deno.test("a sieve's found lines, gathered and decoded together, reach its filter and the chunks in order, with their numbers, or as empty strings when only their number counts", async () => {
  const { LiteralSearch } = await import("../../lib/io/_literal_search.ts");
  // Lines with the literal "x=" among others, some not ASCII, some with a
  // CR; a long one (past the 24 KiB a gather holds) now and then.
  const pieces = linePieces("GET /a 200");
  const literals = ["x=1", "GET x=22 200", "x=é", "x=\r"].map((l) =>
    encoder.encode(l)
  );
  const long = encoder.encode("x=" + "c".repeat(30_000));
  const ascii = ["GET /a 200", "\n", "ok", "\n", "\r\n"].map((l) =>
    encoder.encode(l)
  );
  /**
   * Piece `i`: one in four holds the literal, one in eight may not be
   * ASCII, one in 200 is long.
   */
  const piece = (i: number) =>
    i === 0
      ? long
      : i % 4 === 1
      ? literals[(i >> 2) % literals.length]!
      : i % 8 === 2
      ? pieces[(i >> 3) % pieces.length]!
      : ascii[i % ascii.length]!;
  fc.assert(
    fc.property(
      fc.array(fc.nat({ max: 200 }), { minLength: 100, maxLength: 600 }),
      fc.array(fc.integer({ min: 1, max: 70_000 }), { maxLength: 5 }),
      fc.constantFrom(7, 4096, 65536),
      fc.boolean(),
      (parts, sizes, readBytes, countOnly) => {
        const bytes = concatBytes(parts.map(piece));
        const called: string[] = [];
        const keeps = (line: string) => line.length % 3 !== 0;
        const splitter = new LineSplitter({
          // Room for a line of many long pieces (fast-check shrinks to 0s).
          maxLineBytes: 1 << 26,
          onLongLine: "error",
          fatal: false,
          path: undefined,
          readBytes,
          match: "x=",
          search: LiteralSearch,
          sieve: true,
          countOnly,
          keep: {
            fn: (line: string) => (called.push(line), keeps(line)),
            index: 0,
          },
        });
        const taken = split(splitter, bytes, sizes.length > 0 ? sizes : [9]);
        const ref = referenceLines(bytes);
        assert.ok(!("error" in ref));
        // While the sieve holds, only the lines with the literal are
        // called, in order; once it stops (most hold it), every line.
        const held = ref.lines.filter((l) => l.includes("x="));
        assert.ok(
          called.length === held.length || called.length === ref.lines.length,
        );
        const expected = ref.lines.flatMap((l, i) =>
          l.includes("x=") && keeps(l) ? [{ l, n: ref.numbers[i]! }] : []
        );
        assert.deepEqual(
          taken.flatMap((t) => t.items),
          expected.map((e) => countOnly ? "" : e.l),
        );
        assert.deepEqual(
          taken.flatMap((t) => t.numbers),
          expected.map((e) => e.n),
        );
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("a grep matched in this thread over several files tries its literal on the first file's lines only: the next files are searched from their start", async () => {
  await withTempDir(async (dir) => {
    // "x=" on one line in fifty.
    const lines = Array.from(
      { length: 6000 },
      (_, i) => i % 50 === 0 ? `x=${i}` : `y ${i}`,
    );
    const paths = [`${dir}/a.log`, `${dir}/b.log`, `${dir}/c.log`];
    for (const path of paths) {
      await Deno.writeTextFile(path, lines.map((l) => `${l}\n`).join(""));
    }
    const tested: string[] = [];
    class Seen extends RegExp {
      override test(line: string): boolean {
        tested.push(line);
        return super.test(line);
      }
    }
    const out = await collect(
      pipeline(readLines(paths), grep(new Seen("x=\\d*0$", "u"))),
    );
    assert.deepEqual(
      out,
      [lines, lines, lines].flat().filter((l) => /x=\d*0$/u.test(l)),
    );
    // The first file's first 4,096 lines and the rest of their slice, then
    // only lines with "x=" (120 a file); a trial for each file would test
    // over 8,192.
    assert.ok(tested.length < 6000 + 2 * 120, `${tested.length} lines tested`);
    assert.ok(tested.slice(6000).every((l) => l.startsWith("x=")));
  });
});

Deno.test("a grep matched in this thread, its literal sought on the lines' bytes, tests a line that holds it also next to a line too long for maxLineBytes", async () => {
  // 5,000 lines without the literal: the sieve starts (after 4,096), and
  // the region with the long line is sieved.
  const text = Array.from({ length: 5000 }, (_, i) => `n ${i}\n`).join("") +
    `GET /a 200x\n${"b".repeat(40)}\nGET /a 201\nGET /a 2x\n`;
  const bytes = encoder.encode(text);
  for (const onLongLine of ["skip", "split"] as const) {
    const read = { maxLineBytes: 12, onLongLine, readBytes: 4096 };
    const run = pipeline(
      readLines(chunked(bytes, []), read),
      grep(/GET \/a 2\d+$/u),
    );
    assert.deepEqual(await collect(run), ["GET /a 201"], onLongLine);
  }
});

Deno.test("a grep matched in this thread whose literal holds U+FFFD, which the reader cannot seek on bytes, still tests each line", async () => {
  // U+FFFD also stands for bytes that are not UTF-8: its literal is matched
  // in the lines' text, and the test decides.
  const bytes = encoder.encode("\uFFFDab1\n\uFFFDabx\nab2\n");
  for (const readBytes of [4, 65536]) {
    const run = pipeline(
      readLines(chunked(bytes, []), { readBytes }),
      grep(new RegExp("\uFFFDab\\d", "u")),
    );
    assert.deepEqual(await collect(run), ["\uFFFDab1"]);
  }
});

Deno.test("a grep matched in this thread calls its test on the lines that hold its literal while few do, on every line once most do, and keeps what it keeps as a stage", async () => {
  await withTempDir(async (dir) => {
    // The first lines seldom hold "ERROR ms=", then nearly all do; one in
    // twenty is not ASCII.
    const lines = Array.from(
      { length: 30_000 },
      (_, i) =>
        (i < 6_000
          ? (i % 50 === 0 ? `ERROR ms=${i}` : `line ${i}`)
          : i % 9 === 0
          ? `INFO ${i}`
          : `ERROR ms=${i}\r`) + (i % 20 === 3 ? " é" : ""),
    );
    const path = `${dir}/in.log`;
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const re = /ERROR ms=\d*[05](?: é)?$/u;
    const decodes = async (stages: Stage<string, string>[]) => {
      const decode = TextDecoder.prototype.decode;
      let calls = 0;
      TextDecoder.prototype.decode = function (...args) {
        calls++;
        return decode.apply(this, args);
      };
      try {
        const run = pipeline(
          readLines(path, { readBytes: 65536 }),
          ...stages as [Stage<string, string>],
        );
        return { out: await collect(run), calls, summary: run.summary };
      } finally {
        TextDecoder.prototype.decode = decode;
      }
    };
    const fused = await decodes([grep(re)]);
    const apart = await decodes([tap(() => {}), grep(re)]);
    assert.deepEqual(fused.out, apart.out);
    assert.ok(fused.out.length > 1000);
    // The grep's row: every line in, the kept lines out.
    assert.equal(fused.summary.stages[1]!.itemsIn, lines.length);
    assert.equal(fused.summary.stages[1]!.itemsOut, fused.out.length);
    // Once the sieve stops, its lines are decoded as the reader's without
    // one: the ASCII lines of a piece in one go, the others in another. 440
    // decodes, most of them the lines found while it sieved (its ASCII runs
    // gathered between the others; 540 with each run decoded on its own);
    // 2,557 when each run of ASCII lines between the others was decoded on
    // its own after it stopped; 54 for the reader without a sieve.
    assert.ok(
      fused.calls < 1000,
      `${fused.calls} decodes against ${apart.calls}`,
    );
  });
});

Deno.test("a fused filter over several files counts its index on from file to file", async () => {
  await withTwoFiles("one\ntwo\nthree\n", "four\nfive\n", async (a, b) => {
    const seen: [string, number][] = [];
    const { fused, apart } = await bothWays(
      () => [a, b],
      (line, index) => {
        seen.push([line, index]);
        return index % 2 === 0;
      },
    );
    assert.deepEqual(fused, ["one", "three", "five"]);
    assert.deepEqual(apart, fused);
    assert.deepEqual(seen.slice(0, 5), [
      ["one", 0],
      ["two", 1],
      ["three", 2],
      ["four", 3],
      ["five", 4],
    ]);
  });
});

Deno.test("a fused filter that throws fails as the stage would: its name, the file and the line", async () => {
  await withTwoFiles("ok\nok\n", "ok\nbad\nok\n", async (a, b) => {
    const failure = async (...stages: unknown[]) => {
      const kept: string[] = [];
      try {
        await pipeline(
          readLines([a, b]),
          // deno-lint-ignore no-explicit-any
          ...(stages as any[]),
          async (lines: AsyncIterable<string>) => {
            for await (const l of lines) kept.push(l);
          },
        );
      } catch (error) {
        return { error, kept };
      }
      assert.fail("the run did not fail");
    };
    const keep = filter((line: string) => {
      if (line === "bad") throw new TypeError("no bad lines");
      return true;
    }, { name: "keep" });
    const fused = await failure(keep);
    const apart = await failure(tap(() => {}), keep);
    for (const { error } of [fused, apart]) {
      assert.ok(error instanceof StageError);
      assert.equal(error.stage, "keep");
      assert.equal(error.path, b);
      assert.equal(error.line, 2);
      assert.ok(error.cause instanceof TypeError);
    }
    assert.equal(
      (fused.error as Error).message,
      (apart.error as Error).message,
    );
    // Nothing after the bad line goes on.
    assert.ok(!fused.kept.some((l, i) => i >= 3 && l === "ok"));
  });
});

Deno.test("a fused filter's failure comes before the reader's at a later line of the same read", async () => {
  // The filter fails at line 2; line 3 is too long for the reader. As
  // stages, the filter sees line 2 first, and its error ends the run.
  const bytes = encoder.encode(`ok\nbad\n${"x".repeat(40)}\nok\n`);
  const keep = () =>
    filter((line: string) => {
      if (line === "bad") throw new TypeError("no bad lines");
      return true;
    }, { name: "keep" });
  const runs = [
    () => pipeline(readLines(chunked(bytes, []), { maxLineBytes: 20 }), keep()),
    () =>
      pipeline(
        readLines(chunked(bytes, []), { maxLineBytes: 20 }),
        tap(() => {}),
        keep(),
      ),
  ];
  for (const run of runs) {
    await assert.rejects(collect(run()), (error) => {
      assert.ok(error instanceof StageError);
      assert.equal(error.stage, "keep");
      assert.equal(error.line, 2);
      return true;
    });
  }
});

Deno.test("a fused filter's row counts every line in and the kept lines out", async () => {
  const bytes = encoder.encode("a\nb\nab\nc\n");
  const summary = await pipeline(
    readLines(chunked(bytes, [3])),
    filter((line) => line.includes("a")),
    async (lines) => {
      for await (const _ of lines);
    },
  );
  const [reader, kept] = summary.stages;
  assert.equal(reader!.itemsOut, 4);
  assert.equal(kept!.itemsIn, 4);
  assert.equal(kept!.itemsOut, 2);
  assert.match(kept!.bound, /fused into readLines/);
});

/**
 * A file of 100-byte lines, numbered, in which `kept(i)` lines contain
 * "KEEP" and the others "drop".
 */
async function keepFile(
  path: string,
  lines: number,
  kept: (i: number) => boolean,
): Promise<void> {
  const text: string[] = [];
  for (let i = 0; i < lines; i++) {
    text.push(
      `${String(i).padStart(8, "0")} ${kept(i) ? "KEEP" : "drop"} ${
        "x".repeat(85)
      }\n`,
    );
  }
  await Deno.writeTextFile(path, text.join(""));
}

Deno.test("a fused filter that keeps few lines takes a file 64 KiB at a time, and 16 KiB once it keeps many", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    // 2 MiB: one line in 16 kept, about 10 of a 16 KiB slice and 41 of a
    // 64 KiB one; then every line, 163 of a 16 KiB slice.
    await keepFile(path, 20_000, (i) => i % 16 === 0);
    const all = await Deno.readTextFile(path);
    const want = all.split("\n").filter((l) => l.includes("KEEP"));
    let got: string[] = [];
    const few = await pipeline(
      readLines(path),
      filter((line) => line.includes("KEEP")),
      async (lines) => {
        got = await collect(lines);
      },
    );
    assert.deepEqual(got, want);
    const fewRow = few.stages[1]!;
    assert.ok(fewRow.peakItems >= 30, `at most ${fewRow.peakItems} a chunk`);
    const many = await pipeline(
      readLines(path),
      filter((line) => line.length > 0),
      async (lines) => {
        got = await collect(lines);
      },
    );
    assert.equal(got.length, 20_000);
    const manyRow = many.stages[1]!;
    assert.ok(manyRow.peakItems <= 200, `${manyRow.peakItems} in a chunk`);
  });
});

Deno.test("a fused grep before a count takes whole reads, however many lines it keeps, and counts them all", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    // 2 MiB, every other line kept: 163 lines of a 16 KiB slice, some 5,000
    // of a whole read.
    await keepFile(path, 20_000, (i) => i % 2 === 0);
    for (
      const [stage, n] of [
        [grep("KEEP"), 10_000],
        [grep("KEEP", { invert: true }), 10_000],
        [grep("keep", { ignoreCase: true }), 10_000],
        [grep("00", { ignoreCase: true }), 20_000],
      ] as const
    ) {
      const counted = { n: 0 };
      const summary = await pipeline(
        readLines(path),
        stage,
        countItems(counted),
      );
      assert.equal(counted.n, n);
      const row = summary.stages[1]!;
      assert.ok(row.peakItems >= 1000, `${row.peakItems} in a chunk`);
    }
    // A fatal reader decodes the lines it keeps: slices of 16 KiB then.
    const counted = { n: 0 };
    const summary = await pipeline(
      readLines(path, { fatal: true }),
      grep("KEEP"),
      countItems(counted),
    );
    assert.equal(counted.n, 10_000);
    assert.ok(summary.stages[1]!.peakItems <= 200);
  });
});

Deno.test("a fused filter's kept lines do not keep the text they were cut from alive", async () => {
  // A line cut from a decoded piece keeps the whole piece alive: one line
  // in 16 of 8 MiB, held to the end, kept 9.5 MB alive through their
  // pieces; copied, 2.1 MB, of which 1.2 grew with no line kept at all
  // (code compiled on first use, the run's figures).
  let growth = NaN;
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    await keepFile(path, 80_000, (i) => i % 16 === 0);
    const script = await writeScript(
      dir,
      "kept.ts",
      "filter, pipeline, readLines",
      `const gc = (globalThis as unknown as { gc(): void }).gc;
const kept: string[] = [];
gc();
gc();
const before = Deno.memoryUsage().heapUsed;
await pipeline(
  readLines(${JSON.stringify(path)}),
  filter((line) => line.includes("KEEP")),
  async (lines) => {
    for await (const line of lines) kept.push(line);
  },
);
gc();
gc();
if (kept.length !== 5000) throw new Error(\`kept \${kept.length}\`);
console.log(Deno.memoryUsage().heapUsed - before);
`,
    );
    growth = await heapGrowthOf(script);
  });
  assert.ok(growth < 4 * 1024 * 1024, `the heap grew by ${growth} bytes`);
});
