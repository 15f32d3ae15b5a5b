// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  filter,
  grep,
  map,
  pipeline,
  readLines,
  StageError,
} from "../../mod.ts";
import { bytesFrom, chunked, collect, encoder } from "../_helpers.ts";

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
  .map((t) => encoder.encode(t));

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

Deno.test("grep() fused into readLines keeps the same lines as filter(includes) for any chunking", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 80 }),
      fc.array(fc.nat({ max: 300 }), { maxLength: 6 }),
      fc.integer({ min: 1, max: 40 }),
      fc.constantFrom("ERROR", "a", "b\r", "é"),
      fc.nat({ max: 10 }),
      async (parts, cuts, readBytes, pattern, k) => {
        const bytes = bytesFrom(parts, tokens);
        const fused = pipeline(
          readLines(chunked(bytes, cuts), { readBytes }),
          grep(pattern),
        );
        const plain = pipeline(
          readLines(chunked(bytes, cuts), { readBytes }),
          filter((l) => l.includes(pattern)),
        );
        assert.deepEqual(await collect(fused), await collect(plain));
        assert.equal(fused.summary.stages[1]!.name, "grep#2");
        assert.equal(
          fused.summary.stages[1]!.itemsIn,
          plain.summary.stages[1]!.itemsIn,
        );
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
          const source = readLines(chunked(bytes, cuts), { readBytes });
          const run = fuse
            ? pipeline(source, grep(pattern), fail)
            : pipeline(source, filter((l) => l.includes(pattern)), fail);
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

Deno.test("grep() fused into readLines keeps exact line numbers", async () => {
  const text = "x\nERROR 2\r\ny\n\nERROR 5 ERROR\nz\nERROR 7";
  const make = () => chunked(encoder.encode(text), [3, 9, 20]);
  assert.deepEqual(await numbersOf(make, 3), [2, 5, 7]);
  const lines = await collect(pipeline(readLines(make()), grep("ERROR")));
  assert.deepEqual(lines, ["ERROR 2", "ERROR 5 ERROR", "ERROR 7"]);
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
