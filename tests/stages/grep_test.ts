// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  filter,
  grep,
  InvalidUtf8Error,
  map,
  pipeline,
  readLines,
  StageError,
  UNTERMINATED,
  writeLines,
} from "../../mod.ts";
import { countItems } from "../../lib/core/count_items.ts";
import { foldCase } from "../../lib/stages/_case_fold.ts";
import {
  bytesFrom,
  chunked,
  collect,
  concatBytes,
  encoder,
  withTempDir,
} from "../_helpers.ts";

const tokens = [
  "ab",
  "a",
  "b",
  "ERR",
  "OR",
  "ERROR",
  "\n",
  "\n",
  "\r\n",
  "\r",
  "é",
  "\uFEFF",
]
  .map((t) => encoder.encode(t))
  // Bytes that are not UTF-8: a line that holds them and the literal is
  // still found (the literal is searched on bytes).
  .concat([[0xff], [0xc3], [0xe2, 0x82]].map((b) => Uint8Array.from(b)));

/** The line numbers of the lines grep keeps, from a stage that fails on each in turn. */
async function numbersOf(
  make: () => ReadableStream<Uint8Array>,
  count: number,
): Promise<number[]> {
  const numbers: number[] = [];
  for (let k = 0; k < count; k++) {
    let seen = 0;
    const run = pipeline(
      readLines(make(), { readBytes: 7 }),
      grep("ERROR"),
      map((l) => {
        if (seen++ === k) throw new Error("stop");
        return l;
      }),
    );
    await assert.rejects(collect(run), (e) => {
      assert.ok(e instanceof StageError);
      numbers.push(e.line!);
      return true;
    });
  }
  return numbers;
}

Deno.test("grep() fused into readLines keeps the same lines as filter(includes) for any chunking, also inverted or with several literals", async () => {
  const literal = fc.constantFrom(
    "ERROR",
    "a",
    "b\r",
    "é",
    "R",
    "\uFFFD",
    "éa",
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 80 }),
      fc.array(fc.nat({ max: 300 }), { maxLength: 6 }),
      fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(256)),
      fc.oneof(literal, fc.array(literal, { minLength: 2, maxLength: 3 })),
      fc.nat({ max: 10 }),
      fc.constantFrom(
        {},
        { maxLineBytes: 12, onLongLine: "split" as const },
        { maxLineBytes: 12, onLongLine: "skip" as const },
      ),
      // As the command line reads: every byte kept, CRs and bad UTF-8 too.
      fc.constantFrom(
        {},
        {
          lossless: true,
          markUnterminated: true,
          compression: "none" as const,
        },
      ),
      fc.boolean(),
      async (parts, cuts, readBytes, pattern, k, long, lossless, invert) => {
        const options = { readBytes, ...long, ...lossless };
        const bytes = bytesFrom(parts, tokens);
        const literals = typeof pattern === "string" ? [pattern] : pattern;
        const kept = (l: string) =>
          literals.some((p) => l.includes(p)) !== invert;
        // Fused, unless a literal holds a CR (no line can hold it whole), or
        // the lines without several literals are kept.
        const fusable = !literals.some((p) => p.includes("\r")) &&
          (!invert || literals.length === 1);
        const fused = pipeline(
          readLines(chunked(bytes, cuts), options),
          grep(pattern, { invert }),
        );
        const plain = pipeline(
          readLines(chunked(bytes, cuts), options),
          filter(kept),
        );
        const lines = await collect(plain);
        assert.deepEqual(await collect(fused), lines);
        // Counted without decoding, as `grep -c` does.
        const counted = { n: 0 };
        const summary = await pipeline(
          readLines(chunked(bytes, cuts), options),
          grep(pattern, { invert }),
          countItems(counted),
        );
        assert.equal(counted.n, lines.length);
        assert.equal(summary.stages[2]!.itemsIn, lines.length);
        if (fusable) {
          assert.match(summary.stages[1]!.bound, /fused into readLines/);
        }
        // Every line counted and none decoded, as `sluice count` does.
        const all = { n: 0 };
        await pipeline(
          readLines(chunked(bytes, cuts), options),
          countItems(all),
        );
        const every = await collect(pipeline(
          readLines(chunked(bytes, cuts), options),
          filter(() => true),
        ));
        assert.equal(all.n, every.length);
        assert.equal(fused.summary.stages[1]!.name, "grep#2");
        // Only counted, the lines without one literal are found fused;
        // handed on, they are read unfused (see the plan).
        if (fusable && !invert) {
          assert.match(fused.summary.stages[1]!.bound, /fused into readLines/);
        }
        if (!("onLongLine" in long)) {
          // (With a long line split or skipped, the fused row counts the
          // lines read, the plain one the pieces or lines handed on.)
          assert.equal(
            fused.summary.stages[1]!.itemsIn,
            plain.summary.stages[1]!.itemsIn,
          );
        }
        assert.equal(
          fused.summary.stages[1]!.itemsOut,
          plain.summary.stages[1]!.itemsOut,
        );
        // And the same line number for the k-th kept line.
        const lineOfKth = async (fuse: boolean) => {
          let seen = 0;
          const fail = map((l: string) => {
            if (seen++ === k) throw new Error("stop");
            return l;
          });
          const source = readLines(chunked(bytes, cuts), options);
          const run = fuse
            ? pipeline(source, grep(pattern, { invert }), fail)
            : pipeline(source, filter(kept), fail);
          try {
            await collect(run);
            return undefined;
          } catch (e) {
            return (e as StageError).line;
          }
        };
        assert.equal(await lineOfKth(true), await lineOfKth(false));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("grep() with ignoreCase fused into readLines keeps the lines GNU's rule keeps, an ASCII literal without i or s found on bytes in either case", async () => {
  // Letters whose cases trip up simpler rules: the dotless i and the long s
  // match "i" and "s", the Kelvin sign matches only itself.
  const caseTokens = [
    ...["error", "ERROR", "eRr", "Or", "x", "ı", "I", "ſ", "S", "\u212A", "k"],
    ...["é", "É", "[", "{", "\n", "\n", "\r\n"],
  ].map((t) => encoder.encode(t)).concat([Uint8Array.from([0xff])]);
  const literal = fc.constantFrom(
    ..."error ERROR rO x k K [ é s Is fail errorS sErroR".split(" "),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 60 }),
      fc.array(fc.nat({ max: 200 }), { maxLength: 4 }),
      fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(256)),
      literal,
      fc.boolean(),
      async (parts, cuts, readBytes, pattern, invert) => {
        const bytes = bytesFrom(parts, caseTokens);
        const folded = foldCase(pattern);
        const kept = (l: string) => foldCase(l).includes(folded) !== invert;
        const options = { readBytes };
        const want = await collect(pipeline(
          readLines(chunked(bytes, cuts), options),
          filter(kept),
        ));
        const run = pipeline(
          readLines(chunked(bytes, cuts), options),
          grep(pattern, { ignoreCase: true, invert }),
        );
        assert.deepEqual(await collect(run), want);
        const counted = { n: 0 };
        const summary = await pipeline(
          readLines(chunked(bytes, cuts), options),
          grep(pattern, { ignoreCase: true, invert }),
          countItems(counted),
        );
        assert.equal(counted.n, want.length);
        assert.match(summary.stages[1]!.bound, /fused into readLines/);
      },
    ),
    { numRuns: 300 },
  );
  // Searched on bytes where the rule allows it: a fatal reader then
  // decodes only the lines that hold the literal, and a line of other bytes
  // that are not UTF-8 fails nothing.
  for (const pattern of ["error", "rO", "x", "[", "é", "s", "fail"]) {
    const onBytes = /^[ -~]+$/.test(pattern) && !/[isIS]/.test(pattern);
    const bytes = concatBytes([
      Uint8Array.from([0xff, 10]),
      encoder.encode("ERROR x [ é S FAIL\n"),
    ]);
    const counted = { n: 0 };
    const run = pipeline(
      readLines(chunked(bytes, []), { fatal: true }),
      grep(pattern, { ignoreCase: true }),
      countItems(counted),
    );
    if (onBytes) {
      await run;
      assert.equal(counted.n, 1, pattern);
    } else {
      await assert.rejects(run, StageError, pattern);
    }
  }
  // A literal with "i" or "s": its longest piece without them, in either
  // case, is looked for on bytes once the first lines show it rare; a line
  // after them that is not UTF-8 and lacks the piece is never decoded.
  // (The search starts with the reader's next read, here of 64 KiB.)
  await withTempDir(async (dir) => {
    const path = `${dir}/sieved.log`;
    await Deno.writeFile(
      path,
      concatBytes([
        encoder.encode("ok\n".repeat(50000)),
        Uint8Array.from([0xff, 10]),
        encoder.encode("ſERROR x\nERRORs\nerrors\n"),
      ]),
    );
    for (const [pattern, n] of [["sError", 1], ["errorS", 2]] as const) {
      const counted = { n: 0 };
      await pipeline(
        readLines(path, { fatal: true, readBytes: 65536 }),
        grep(pattern, { ignoreCase: true }),
        countItems(counted),
      );
      assert.equal(counted.n, n, pattern);
    }
  });
});

Deno.test("grep() with lineNumber fused into readLines numbers the lines it keeps as unfused", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 80 }),
      fc.array(fc.nat({ max: 300 }), { maxLength: 6 }),
      fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(256)),
      fc.oneof(
        fc.constantFrom("ERROR", "a", "é"),
        fc.constant(["ERROR", "b"]),
      ),
      fc.constantFrom(
        {},
        { maxLineBytes: 12, onLongLine: "split" as const },
        {
          lossless: true,
          markUnterminated: true,
          compression: "none" as const,
        },
      ),
      async (parts, cuts, readBytes, pattern, more) => {
        const options = { readBytes, ...more };
        const bytes = bytesFrom(parts, tokens);
        const fused = pipeline(
          readLines(chunked(bytes, cuts), options),
          grep(pattern, { lineNumber: true }),
        );
        // A filter first: the grep runs on its own, not fused.
        const alone = pipeline(
          readLines(chunked(bytes, cuts), options),
          filter(() => true),
          grep(pattern, { lineNumber: true }),
        );
        assert.deepEqual(await collect(fused), await collect(alone));
        assert.match(fused.summary.stages[1]!.bound, /fused into readLines/);
        assert.doesNotMatch(alone.summary.stages[2]!.bound, /fused/);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("grep() with fileName names each line's own file, as one run per file would, fused and not, in bytes and as text", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat(), { maxLength: 40 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.oneof(
          fc.constantFrom("ERROR", "a", "é"),
          fc.constant(["ERROR", "b"]),
          fc.constant(/E.?R/u),
        ),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        async (files, pattern, lineNumber, lossless, readBytes) => {
          const paths = files.map((_, k) => `${dir}/f${k}.log`);
          for (let k = 0; k < files.length; k++) {
            await Deno.writeFile(paths[k]!, bytesFrom(files[k]!, tokens));
          }
          const options = { lossless, readBytes: 65536 + readBytes };
          const lead = { fileName: true, lineNumber };
          // The reference: each file on its own, its name put before.
          const expected: string[] = [];
          for (const path of paths) {
            const run = pipeline(
              readLines(path, options),
              filter(() => true),
              grep(pattern, { lineNumber }),
            );
            for await (const l of run) expected.push(`${path}:${l}`);
          }
          const fused = pipeline(
            readLines(paths, options),
            grep(pattern, lead),
          );
          const alone = pipeline(
            readLines(paths, options),
            filter(() => true),
            grep(pattern, lead),
          );
          const worker = pipeline(
            readLines(paths, options),
            grep(pattern instanceof RegExp ? pattern : /ERROR/u, {
              ...lead,
              worker: true,
            }),
          );
          assert.deepEqual(await collect(fused), expected);
          assert.deepEqual(await collect(alone), expected);
          if (pattern instanceof RegExp) {
            assert.deepEqual(await collect(worker), expected);
          } else {
            assert.match(
              fused.summary.stages[1]!.bound,
              /fused into readLines/,
            );
          }
          // Into a writer: a literal's lines go there as their bytes.
          const out = `${dir}/out`;
          await pipeline(
            readLines(paths, options),
            grep(pattern, lead),
            writeLines(out, { lossless }),
          );
          const written = await Deno.readFile(out);
          // The reader strips a CR before LF, not a last line's.
          const text = expected.map((l) => l + "\n").join("");
          if (!lossless) {
            assert.deepEqual(new TextDecoder().decode(written), text);
          } else {
            // Lines read losslessly go back to the bytes they were read as.
            const again = await collect(
              pipeline(
                readLines(paths, { lossless: true }),
                grep(pattern, lead),
              ),
            );
            assert.deepEqual(
              written,
              await collectBytes(again.map((l) => l + "\n"), out + ".ref"),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("grep() inverted right before writeLines hands on the lines without the literal as their bytes, as the grep on its own writes them", async () => {
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { maxLength: 80 }),
        fc.constantFrom("ERROR", "a", "é", "R"),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        async (parts, pattern, lineNumber, ignoreCase, lossless, readBytes) => {
          const path = `${dir}/in.log`;
          await Deno.writeFile(path, bytesFrom(parts, tokens));
          const options = { lossless, readBytes: 65536 + readBytes };
          const how = { invert: true, lineNumber, ignoreCase };
          await pipeline(
            readLines(path, options),
            filter(() => true),
            grep(pattern, how),
            writeLines(`${dir}/alone`, { lossless }),
          );
          const fused = await pipeline(
            readLines(path, options),
            grep(pattern, how),
            writeLines(`${dir}/fused`, { lossless }),
          );
          assert.deepEqual(
            await Deno.readFile(`${dir}/fused`),
            await Deno.readFile(`${dir}/alone`),
          );
          if (!ignoreCase || pattern !== "é") {
            assert.match(fused.stages[1]!.bound, /fused into readLines/);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** The bytes writeLines writes losslessly for `lines` (each with its LF). */
async function collectBytes(
  lines: string[],
  path: string,
): Promise<Uint8Array> {
  await pipeline(
    lines.map((l) => l.slice(0, -1)),
    writeLines(path, { lossless: true }),
  );
  return await Deno.readFile(path);
}

Deno.test("grep() with fileName names an input without a path as standard input, and takes maxCount and onlyMatching", async () => {
  const lines = ["a ERROR", "b", "ERROR c ERROR"];
  assert.deepEqual(
    await collect(pipeline(lines, grep("ERROR", { fileName: true }))),
    ["(standard input):a ERROR", "(standard input):ERROR c ERROR"],
  );
  assert.deepEqual(
    await collect(
      pipeline(lines, grep("ERROR", { fileName: true, maxCount: 1 })),
    ),
    ["(standard input):a ERROR"],
  );
  assert.deepEqual(
    await collect(
      pipeline(
        lines,
        grep(/ER+OR/u, {
          fileName: true,
          onlyMatching: true,
          lineNumber: true,
        }),
      ),
    ),
    [
      "(standard input):1:ERROR",
      "(standard input):3:ERROR",
      "(standard input):3:ERROR",
    ],
  );
});

Deno.test("grep() fused into readLines keeps exact line numbers", async () => {
  const text = "x\nERROR 2\r\ny\n\nERROR 5 ERROR\nz\nERROR 7";
  const make = () => chunked(encoder.encode(text), [3, 9, 20]);
  assert.deepEqual(await numbersOf(make, 3), [2, 5, 7]);
  const lines = await collect(pipeline(readLines(make()), grep("ERROR")));
  assert.deepEqual(lines, ["ERROR 2", "ERROR 5 ERROR", "ERROR 7"]);
});

Deno.test("grep() takes several literals: any of them, case folded too, and -o takes the longest at a place", async () => {
  const lines = ["a Failed x", "b fail", "c ok", "d FAILED and ok"];
  assert.deepEqual(
    await collect(pipeline(lines, grep(["Failed", "ok"]))),
    ["a Failed x", "c ok", "d FAILED and ok"],
  );
  assert.deepEqual(
    await collect(pipeline(lines, grep(["failed", "x"], { ignoreCase: true }))),
    ["a Failed x", "d FAILED and ok"],
  );
  assert.deepEqual(
    await collect(pipeline(lines, grep(["ok"], { invert: true }))),
    await collect(pipeline(lines, grep("ok", { invert: true }))),
  );
  assert.deepEqual(
    await collect(
      pipeline(lines, grep(["Fail", "Failed", "ai"], { onlyMatching: true })),
    ),
    ["Failed", "ai"],
  );
  assert.throws(() => grep([]), RangeError);
  assert.throws(() => grep([1] as unknown as string[]), TypeError);
});

Deno.test("grep() takes a RegExp, invert and ignoreCase", async () => {
  const lines = ["GET /a 200", "GET /b 500", "post /c 503"];
  assert.deepEqual(
    await collect(pipeline(lines, grep(/ 5\d\d$/))),
    lines.slice(1),
  );
  assert.deepEqual(
    await collect(pipeline(lines, grep("GET", { invert: true }))),
    [lines[2]],
  );
  assert.deepEqual(
    await collect(pipeline(lines, grep("post", { ignoreCase: true }))),
    [lines[2]],
  );
  assert.deepEqual(
    await collect(pipeline(lines, grep(/get/, { ignoreCase: true }))),
    lines.slice(0, 2),
  );
  assert.throws(() => grep(/x/g), /g or y flag/);
});

Deno.test("grep() lineNumber gives the reader's line numbers, true to the file also when long lines are split or skipped", async () => {
  const long = "L".repeat(40);
  const text = `a ERROR\n${long} ERROR\nb\nERROR c\n`;
  const numbered = (onLongLine: "split" | "skip") =>
    collect(
      pipeline(
        readLines(chunked(encoder.encode(text), [5, 17]), {
          maxLineBytes: 16,
          onLongLine,
        }),
        grep("ERROR", { lineNumber: true }),
      ),
    );
  assert.deepEqual(await numbered("skip"), ["1:a ERROR", "4:ERROR c"]);
  // The long line's pieces carry its number; its last piece has the match.
  assert.deepEqual(await numbered("split"), [
    "1:a ERROR",
    "2:LLLLLLLL ERROR",
    "4:ERROR c",
  ]);
});

Deno.test("grep() onlyMatching emits each non-empty match, case folded as GNU grep, and nothing with invert", async () => {
  const lines = ["id=1 x id=22", "none", "ID=3"];
  const run = (
    pattern: string | RegExp,
    options: Parameters<typeof grep>[1],
  ) => collect(pipeline(lines, grep(pattern, options)));
  assert.deepEqual(await run(/id=\d+/u, { onlyMatching: true }), [
    "id=1",
    "id=22",
  ]);
  assert.deepEqual(
    await run(/id=\d+/u, { onlyMatching: true, ignoreCase: true }),
    ["id=1", "id=22", "ID=3"],
  );
  assert.deepEqual(
    await run("Id=", {
      onlyMatching: true,
      ignoreCase: true,
      lineNumber: true,
    }),
    ["1:id=", "1:id=", "3:ID="],
  );
  // A literal's metacharacters are themselves; empty matches are not emitted.
  assert.deepEqual(
    await collect(
      pipeline(["a.b a+b", "a.b"], grep("a.b", { onlyMatching: true })),
    ),
    ["a.b", "a.b"],
  );
  assert.deepEqual(await run(/x*/u, { onlyMatching: true }), ["x"]);
  assert.deepEqual(await run("id", { onlyMatching: true, invert: true }), []);
});

Deno.test("grep() maxCount keeps that many lines and stops the reader there", async () => {
  const lines = ["a 1", "b", "a 2", "a 3"];
  assert.deepEqual(
    await collect(pipeline(lines, grep("a", { maxCount: 2 }))),
    ["a 1", "a 2"],
  );
  // It counts lines, not matches.
  assert.deepEqual(
    await collect(
      pipeline(["a a", "a"], grep("a", { maxCount: 1, onlyMatching: true })),
    ),
    ["a", "a"],
  );
  assert.deepEqual(
    await collect(pipeline(lines, grep("a", { maxCount: 0 }))),
    [],
  );
  let pulled = 0;
  async function* counted() {
    for (let i = 0; i < 100_000; i++) {
      pulled++;
      yield i % 2 === 0 ? "hit" : "miss";
    }
  }
  assert.deepEqual(
    await collect(pipeline(counted(), grep("hit", { maxCount: 1 }))),
    ["hit"],
  );
  assert.ok(pulled < 100_000, `read ${pulled} items of 100000`);
  assert.throws(() => grep("a", { maxCount: -1 }), RangeError);
  assert.throws(() => grep("a", { maxCount: 1.5 }), RangeError);
});
Deno.test("grep() fused into readLines with fatal reports a matching line that is not UTF-8, and decodes no other line", async () => {
  const bytes = Uint8Array.from([
    ...encoder.encode("ok ERROR\nbad "),
    0xff,
    ...encoder.encode("\nERROR "),
    0xc3,
    ...encoder.encode("\r\nlast ERROR\n"),
  ]);
  for (const cuts of [[], [5], [12, 13], [20]]) {
    const got: string[] = [];
    await assert.rejects(
      async () => {
        const run = pipeline(
          readLines(chunked(bytes, cuts), { fatal: true }),
          grep("ERROR"),
        );
        for await (const l of run) got.push(l);
      },
      (e) => {
        assert.ok(e instanceof StageError, String(e));
        assert.ok(e.cause instanceof InvalidUtf8Error, String(e.cause));
        assert.equal(e.cause.line, 3);
        assert.equal(e.cause.offset, 21);
        return true;
      },
      `cuts ${cuts}`,
    );
    assert.deepEqual(got, ["ok ERROR"]);
    // Line 2 is not UTF-8 either, but does not match: the fused filter
    // never decodes it, so it is not reported (readLines alone would stop
    // at it).
    const ok = await collect(
      pipeline(readLines(chunked(bytes, cuts), { fatal: true }), grep("ok")),
    );
    assert.deepEqual(ok, ["ok ERROR"]);
  }
});

Deno.test("grep() fused into readLines with fatal reports the bad line of a run of matching lines", async () => {
  const bytes = Uint8Array.from([
    ...encoder.encode("x\nok ERROR\r\nERROR "),
    0xe2,
    0x82,
    ...encoder.encode("\nERROR 4\n"),
  ]);
  for (const cuts of [[], [3], [13, 14], [19]]) {
    const got: string[] = [];
    await assert.rejects(
      async () => {
        const run = pipeline(
          readLines(chunked(bytes, cuts), { fatal: true }),
          grep("ERROR"),
        );
        for await (const l of run) got.push(l);
      },
      (e) => {
        assert.ok(e instanceof StageError, String(e));
        assert.ok(e.cause instanceof InvalidUtf8Error, String(e.cause));
        assert.equal(e.cause.line, 3);
        assert.equal(e.cause.offset, 18);
        return true;
      },
      `cuts ${cuts}`,
    );
    assert.deepEqual(got, ["ok ERROR"]);
  }
});

Deno.test("grep() fused into readLines with fatal and onError skip drops a bad matching line and keeps the numbers of the lines after it", async () => {
  const bytes = Uint8Array.from([
    ...encoder.encode("x\nERROR "),
    0xff,
    ...encoder.encode("\ny\nERROR 4\n"),
  ]);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const run = pipeline(
      readLines(chunked(bytes, [cut]), { fatal: true, onError: "skip" }),
      grep("ERROR"),
      map((l: string) => {
        throw new Error(`stop at ${l}`);
      }),
    );
    await assert.rejects(collect(run), (e) => {
      assert.ok(e instanceof StageError, String(e));
      assert.equal(e.line, 4, `cut ${cut}`);
      return true;
    });
  }
});

Deno.test("grep() fused into a lossless readLines decodes only the lines it keeps", async () => {
  const miss = "INFO nothing to see here, é and all\r\n".repeat(2000);
  const bytes = encoder.encode(`${miss}a ERROR\r\n${miss}b ERROR`);
  const decode = TextDecoder.prototype.decode;
  let decoded = 0;
  TextDecoder.prototype.decode = function (input, options) {
    decoded += input === undefined ? 0 : input.byteLength;
    return decode.call(this, input, options);
  };
  let lines: string[];
  try {
    lines = await collect(pipeline(
      readLines(chunked(bytes, [1000, 50_000]), {
        lossless: true,
        markUnterminated: true,
      }),
      grep("ERROR"),
    ));
  } finally {
    TextDecoder.prototype.decode = decode;
  }
  assert.deepEqual(lines, ["a ERROR\r", `b ERROR${UNTERMINATED}`]);
  // The kept lines, not the 4,000 others (an encoding sniff may decode a
  // few bytes at the start).
  assert.ok(decoded < 200, `decoded ${decoded} of ${bytes.length} bytes`);
});

Deno.test("grep() inverted and counted in a fatal readLines counts the lines without the literal, and reports only such a line that is not UTF-8", async () => {
  const count = async (bytes: Uint8Array, cuts: number[]) => {
    const counted = { n: 0 };
    const summary = await pipeline(
      readLines(chunked(bytes, cuts), { fatal: true, readBytes: 16 }),
      grep("ERROR", { invert: true }),
      countItems(counted),
    );
    assert.match(summary.stages[1]!.bound, /fused into readLines/);
    return counted.n;
  };
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.constantFrom("ERROR", "ok", "x ERROR y", "é", "", "\r"),
        { maxLength: 30 },
      ),
      fc.array(fc.nat({ max: 200 }), { maxLength: 5 }),
      async (lines, cuts) => {
        const text = lines.join("\n");
        // A last LF ends the last line; it starts no other.
        const all = text.split("\n");
        if (text === "" || text.endsWith("\n")) all.pop();
        const expected = all.filter((l) => !l.includes("ERROR")).length;
        assert.equal(await count(encoder.encode(text), cuts), expected);
      },
    ),
  );
  // A matching line that is not UTF-8 is dropped undecoded; a kept one
  // fails the run, with its line.
  const bad = Uint8Array.from([
    ...encoder.encode("a\nERROR "),
    0xff,
    ...encoder.encode("\nb\n"),
  ]);
  assert.equal(await count(bad, []), 2);
  const worse = Uint8Array.from([...bad, 0xff, ...encoder.encode("\nc\n")]);
  await assert.rejects(count(worse, [5]), (e) => {
    assert.ok(e instanceof StageError, String(e));
    assert.ok(e.cause instanceof InvalidUtf8Error, String(e.cause));
    assert.equal(e.cause.line, 4);
    return true;
  });
});

/**
 * grep's context lines, the simple way: each file's selected lines (the
 * first `maxCount` over all files), every line within `before` and `after`
 * of one, GNU grep's marks, and the separator before a line written that
 * does not follow the last line written.
 */
function contextReference(
  files: { name: string; lines: string[] }[],
  hit: (line: string) => boolean,
  o: {
    before: number;
    after: number;
    maxCount: number;
    fileName: boolean;
    lineNumber: boolean;
    separator: string | false;
  },
): string[] {
  const out: string[] = [];
  let count = 0;
  for (const { name, lines } of files) {
    const selected = lines.map((l) =>
      hit(l) && count < o.maxCount && ++count > 0
    );
    const shown = lines.map((_, i) =>
      selected.some((s, j) => s && i >= j - o.before && i <= j + o.after)
    );
    let previous = -2;
    for (let i = 0; i < lines.length; i++) {
      if (!shown[i]) continue;
      if (out.length > 0 && previous !== i - 1 && o.separator !== false) {
        out.push(o.separator);
      }
      const mark = selected[i] ? ":" : "-";
      out.push(
        (o.fileName ? name + mark : "") +
          (o.lineNumber ? `${i + 1}${mark}` : "") +
          lines[i],
      );
      previous = i;
    }
  }
  return out;
}

Deno.test("grep() with before and after writes what a simple reference does, over several inputs and many chunks, in this thread and in a worker", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const word = fc.constantFrom("a", "b", "ab", "c", "");
    const file = fc.array(fc.array(word, { maxLength: 3 }), { maxLength: 30 })
      .map((ws) => ws.map((w) => w.join("")));
    await fc.assert(
      fc.asyncProperty(
        fc.array(file, { minLength: 1, maxLength: 3 }),
        fc.constantFrom<string | string[] | RegExp>(
          "a",
          "ab",
          ["c", "ba"],
          /b$/u,
          /^(a|c)$/u,
          // Sent to a worker only the lines that hold "ba".
          /ba$/u,
        ),
        fc.option(fc.nat(3), { nil: undefined }),
        fc.option(fc.nat(3), { nil: undefined }),
        fc.option(fc.nat(5), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<string | false>("--", false, "=="),
        fc.array(fc.nat(400), { maxLength: 12 }),
        async (
          texts,
          pattern,
          before,
          after,
          maxCount,
          invert,
          fileName,
          lineNumber,
          separator,
          cuts,
        ) => {
          if (before === undefined && after === undefined) before = 0;
          const paths = texts.map((_, k) => `${dir}/f${k}.log`);
          for (let k = 0; k < texts.length; k++) {
            await Deno.writeTextFile(
              paths[k]!,
              texts[k]!.map((l) => l + "\n").join(""),
            );
          }
          const matches = (l: string) =>
            typeof pattern === "string"
              ? l.includes(pattern)
              : Array.isArray(pattern)
              ? pattern.some((p) => l.includes(p))
              : pattern.test(l);
          const options = {
            ...(before === undefined ? {} : { before }),
            ...(after === undefined ? {} : { after }),
            ...(maxCount === undefined ? {} : { maxCount }),
            invert,
            fileName,
            lineNumber,
            separator,
          };
          const settings = {
            before: before ?? 0,
            after: after ?? 0,
            maxCount: maxCount ?? Infinity,
            fileName,
            lineNumber,
            separator,
          };
          const expected = contextReference(
            texts.map((lines, k) => ({ name: paths[k]!, lines })),
            (l) => matches(l) !== invert,
            settings,
          );
          assert.deepEqual(
            await collect(pipeline(readLines(paths), grep(pattern, options))),
            expected,
          );
          // One input in many chunks, read from a stream of pieces.
          const one = encoder.encode(texts[0]!.map((l) => l + "\n").join(""));
          assert.deepEqual(
            await collect(
              pipeline(readLines(chunked(one, cuts)), grep(pattern, options)),
            ),
            contextReference(
              [{ name: "(standard input)", lines: texts[0]! }],
              (l) => matches(l) !== invert,
              settings,
            ),
          );
          if (pattern instanceof RegExp) {
            assert.deepEqual(
              await collect(
                pipeline(
                  readLines(paths),
                  grep(pattern, { ...options, worker: true }),
                ),
              ),
              expected,
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("grep() with before or after refuses onlyMatching and counts that are not integers of at least 0, and a checkpoint", async () => {
  assert.throws(
    () => grep("a", { before: 1, onlyMatching: true }),
    new TypeError(
      "Cannot create grep stage: onlyMatching takes no context lines (before, after)",
    ),
  );
  assert.throws(
    () => grep("a", { after: -1 }),
    new RangeError(
      "Cannot create grep stage: after must be an integer of at least 0, got -1",
    ),
  );
  assert.throws(
    () => grep("a", { before: 1.5 }),
    /before must be an integer of at least 0, got 1.5/,
  );
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, "a\nb\n");
    assert.throws(
      () =>
        pipeline(
          readLines(`${dir}/in.log`),
          grep("a", { after: 1 }),
          writeLines(`${dir}/out.log`),
          { checkpoint: { path: `${dir}/c.ckpt` } },
        ),
      new TypeError(
        "Cannot checkpoint pipeline: argument 2 (grep): with before or after, it holds lines from one chunk to the next",
      ),
    );
  });
});

Deno.test("grep() with context lines and an expression in a worker gives the same lines once most lines hold its literal and every line is sent", async () => {
  // Lines 0, 7, 14, ... lack "ba": most hold it, so after 4,096 lines the
  // stage stops sending only those and sends every line.
  const lines = Array.from(
    { length: 12_000 },
    (_, i) => i % 7 === 0 ? `x${i}` : i % 3 === 0 ? `${i}ba` : `ba${i}`,
  );
  for (const invert of [false, true]) {
    const options = { before: 1, after: 2, lineNumber: true, invert };
    const expected = contextReference(
      [{ name: "", lines }],
      (l) => /ba$/u.test(l) !== invert,
      { ...options, maxCount: Infinity, fileName: false, separator: "--" },
    );
    assert.deepEqual(
      await collect(
        pipeline(lines, grep(/ba$/u, { ...options, worker: true })),
      ),
      expected,
    );
  }
});

Deno.test("grep() onlyMatching of one literal emits what the literal as an expression does, matches not overlapping", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.stringMatching(/^[ab\u00e9\u{1F600}]{0,12}$/u), {
        maxLength: 20,
      }),
      fc.constantFrom("a", "aa", "ab", "aba", "\u00e9a", "\u{1F600}"),
      fc.boolean(),
      async (lines, literal, lineNumber) => {
        const escaped = literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        const options = { onlyMatching: true, lineNumber };
        assert.deepEqual(
          await collect(pipeline(lines, grep(literal, options))),
          await collect(
            pipeline(lines, grep(new RegExp(escaped, "u"), options)),
          ),
        );
      },
    ),
    { numRuns: 300 },
  );
});
