// Copyright 2026 the sluice authors. MIT license.
// The chunk constructors: what each keeps of the chunk it is made from.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type Chunk,
  ChunkBuilder,
  consecutive,
  encodeApart,
  giveBackBytes,
  head,
  lineOf,
  numbered,
  positionOnly,
  spareBytes,
  standIns,
  withItems,
} from "../../lib/core/_chunk.ts";
import {
  filter,
  flatMap,
  map,
  pipeline,
  readLines,
  type Stage,
  take,
  tap,
} from "../../mod.ts";
import { chunkProbe, concatBytes, encoder } from "../_helpers.ts";

/** A chunk as the reader of one of several inputs makes it. */
function fromInput<T>(chunk: Chunk<T>, path: string, input: number): Chunk<T> {
  chunk.path = path;
  chunk.input = input;
  return chunk;
}

/** A chunk's note lists exactly its items that are not ASCII. */
function assertNoteTrue(chunk: Chunk<string>): void {
  const wide = new Set(chunk.wide);
  chunk.items.forEach((item, i) =>
    assert.equal(
      wide.has(i),
      [...item].some((c) => c.codePointAt(0)! > 0x7f),
      JSON.stringify(item),
    )
  );
}

const lines = (c: Chunk<unknown>) => c.items.map((_, i) => lineOf(c, i));

Deno.test("every constructor makes a chunk with the same fields in the same order", () => {
  const origin = fromInput(numbered(["a", "b"], [3, 7]), "x.log", 1);
  const made: Chunk<unknown>[] = [
    consecutive(["a"], 1),
    consecutive(["a"], 1, "x.log"),
    consecutive(["a", "é"], 1, undefined, [1]),
    consecutive([""], 1, undefined, undefined, new Uint8Array([97, 10])),
    numbered(["a"], [4]),
    withItems(origin, [1, 2]),
    head(origin, 1),
    positionOnly({ input: 0, offset: 10, line: 3 }, 3),
    (() => {
      const b = new ChunkBuilder<string>();
      b.keep(origin, 1);
      return b.build(origin)!;
    })(),
  ];
  for (const c of made) {
    assert.deepEqual(Object.keys(c), [
      "items",
      "path",
      "input",
      "firstLine",
      "lines",
      "position",
      "wide",
      "bytes",
    ]);
  }
});

Deno.test("consecutive() and numbered() number their items", () => {
  const c = consecutive(["a", "b", "c"], 5, "x.log");
  assert.deepEqual(lines(c), [5, 6, 7]);
  assert.equal(c.path, "x.log");
  assert.equal(c.input, undefined);
  const n = numbered(["a", "b"], [2, 9]);
  assert.equal(n.firstLine, 2);
  assert.deepEqual(lines(n), [2, 9]);
  assert.equal(n.path, undefined);
});

Deno.test("withItems() keeps the numbers, path and input but not the position", () => {
  const origin = fromInput(numbered(["a", "b"], [3, 7]), "x.log", 2);
  origin.position = { input: 2, offset: 40, line: 8 };
  const c = withItems(origin, [10, 20]);
  assert.deepEqual(c.items, [10, 20]);
  assert.deepEqual(lines(c), [3, 7]);
  assert.equal(c.path, "x.log");
  assert.equal(c.input, 2);
  assert.equal(c.position, undefined);
});

Deno.test("head() keeps the first items with their numbers, path and input", () => {
  const origin = fromInput(numbered(["a", "b", "c"], [3, 7, 9]), "x.log", 1);
  const c = head(origin, 2);
  assert.deepEqual(c.items, ["a", "b"]);
  assert.deepEqual(lines(c), [3, 7]);
  assert.equal(c.input, 1);
  assert.equal(c.path, "x.log");
  // A copy: the origin's arrays may be reused by whoever owns them.
  assert.deepEqual(origin.items, ["a", "b", "c"]);
  const plain = head(consecutive(["a", "b", "c"], 4), 2);
  assert.deepEqual(lines(plain), [4, 5]);
  assert.equal(plain.lines, undefined);
});

Deno.test("ChunkBuilder.build() gives undefined when empty and starts afresh after a chunk", () => {
  const origin = fromInput(consecutive(["a", "b", "c", "d"], 10), "x.log", 3);
  const b = new ChunkBuilder<string>();
  assert.equal(b.build(origin), undefined);
  b.keep(origin, 1);
  b.push("made", 99);
  b.keep(origin, 3);
  assert.equal(b.length, 3);
  const c = b.build(origin)!;
  assert.deepEqual(c.items, ["b", "made", "d"]);
  assert.equal(c.firstLine, 11);
  assert.deepEqual(lines(c), [11, 99, 13]);
  assert.equal(c.path, "x.log");
  assert.equal(c.input, 3);
  assert.equal(b.length, 0);
  assert.equal(b.build(origin), undefined);
  b.keepHead(origin, 2);
  const d = b.build({ path: undefined, input: undefined })!;
  assert.deepEqual(d.items, ["a", "b"]);
  assert.deepEqual(lines(d), [10, 11]);
  assert.equal(d.path, undefined);
  // The first chunk's arrays were handed over, not shared with the second.
  assert.deepEqual(c.items, ["b", "made", "d"]);
});

Deno.test("ChunkBuilder.truncate() drops the last items with their numbers, and never adds any", () => {
  const origin = consecutive(["a", "b", "c"], 1);
  const b = new ChunkBuilder<string>();
  b.keepHead(origin, 3);
  b.truncate(5);
  assert.equal(b.length, 3);
  b.truncate(1);
  b.push("z", 9);
  const c = b.build(origin)!;
  assert.deepEqual(c.items, ["a", "z"]);
  assert.deepEqual(lines(c), [1, 9]);
});

Deno.test("positionOnly() carries a position and no items", () => {
  const at = { input: 1, offset: 120, line: 14 };
  const c = positionOnly<string>(at, 13);
  assert.deepEqual(c.items, []);
  assert.equal(c.firstLine, 13);
  assert.equal(c.position, at);
});

/** A stage that records which input each batch came from. */
function inputsSeen(into: (number | undefined)[]) {
  return chunkProbe<string>((chunk) => void into.push(chunk.input));
}

Deno.test("take() and the per-item stages keep which input a batch came from", async () => {
  const stream = (text: string) => ReadableStream.from([encoder.encode(text)]);
  const cases: [string, () => Stage<string, string>][] = [
    ["take", () => take(5)],
    ["tap", () => tap(() => {})],
    ["map", () => map((s) => s.toUpperCase())],
    ["filter", () => filter((s) => s !== "b")],
    ["flatMap", () => flatMap((s) => [s, s])],
  ];
  for (const [kind, stage] of cases) {
    const seen: (number | undefined)[] = [];
    for await (
      const _ of pipeline(
        readLines([stream("a\nb\nc\n"), stream("d\ne\nf\n")]),
        stage(),
        inputsSeen(seen),
      )
    );
    assert.deepEqual(seen, [0, 1], kind);
  }
});

Deno.test("encodeApart() writes the UTF-8 of the items joined by LFs, whatever items its hint lists", () => {
  // The hint only decides which items are encoded together: a wrong one
  // (an ASCII item listed, a non-ASCII one left out, one listed twice)
  // changes nothing in the bytes.
  const item = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.constantFrom("", "é", "😀", "\u2026", "plain ascii"),
  );
  fc.assert(
    fc.property(
      fc.array(item, { maxLength: 40 }),
      fc.array(fc.nat({ max: 60 }), { maxLength: 10 }),
      (items, picks) => {
        const wide = picks.filter((k) => k < items.length).sort((a, b) =>
          a - b
        );
        const joined = items.join("\n");
        const want = new TextEncoder().encode(joined);
        const out = new Uint8Array(3 * joined.length + 8);
        const n = encodeApart(items, wide, out);
        assert.deepEqual(out.subarray(0, n), want);
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("encodeApart(strict) refuses a wrong hint or a line that is not well formed, and else writes what a lossless writer would", () => {
  // Lossless writing must not let a lone surrogate become U+FFFD: strict,
  // an unlisted item that is not ASCII, or a listed one that is not well
  // formed, gives -1 (the writer goes line by line instead).
  const item = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.constantFrom("", "é", "😀", "\ud800", "x\udc0a", "plain ascii"),
  );
  const notAscii = (s: string) => {
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
    return false;
  };
  let refused = 0;
  let written = 0;
  fc.assert(
    fc.property(
      fc.array(item, { maxLength: 40 }),
      fc.array(fc.nat({ max: 60 }), { maxLength: 10 }),
      fc.boolean(),
      (items, picks, exact) => {
        const wide = exact
          ? items.flatMap((s, i) => notAscii(s) ? [i] : [])
          : picks.filter((k) => k < items.length).sort((a, b) => a - b);
        const joined = items.join("\n");
        const out = new Uint8Array(3 * joined.length + 8);
        const n = encodeApart(items, wide, out, true);
        const fine = items.every((s, i) =>
          wide.includes(i) ? s.isWellFormed() : !notAscii(s)
        );
        if (!fine) {
          assert.equal(n, -1);
          refused++;
          return;
        }
        assert.deepEqual(out.subarray(0, n), new TextEncoder().encode(joined));
        written++;
      },
    ),
    { numRuns: 1000 },
  );
  assert.ok(refused > 100 && written > 100, `${refused} ${written}`);
});

Deno.test("encodeApart(strict) refuses an unlisted item that is not ASCII when the room was only for ASCII", () => {
  // The room of the external sort: a byte a code unit for the items not
  // listed. "éa" fills two bytes with "é" alone, as many as its length.
  assert.equal(encodeApart(["éa"], [], new Uint8Array(2), true), -1);
  assert.equal(
    encodeApart(["ab", "éa", "c"], [0], new Uint8Array(3 * 2 + 4), true),
    -1,
  );
  const out = new Uint8Array(3 * 2 + 4);
  const n = encodeApart(["éa", "ab", "c"], [0], out, true);
  assert.deepEqual(
    out.subarray(0, n),
    new TextEncoder().encode("éa\nab\nc"),
  );
});

Deno.test("the reader's chunks, and a filter's after it, list exactly their lines that are not ASCII, when they list any", async () => {
  const piece = fc.constantFrom(
    "ab",
    "x y",
    "\n",
    "\n",
    "\r\n",
    "é",
    "😀",
    "\u2026",
  ).map((t) => encoder.encode(t));
  const bytes = fc.array(
    fc.oneof(piece, fc.uint8Array({ minLength: 1, maxLength: 3 })),
    { maxLength: 300 },
  ).map(concatBytes);
  let listed = 0;
  let wideSeen = 0;
  await fc.assert(
    fc.asyncProperty(
      bytes,
      fc.integer({ min: 1, max: 64 }),
      fc.boolean(),
      async (data, readBytes, filtered) => {
        const probe = chunkProbe<string>((chunk) => {
          if (chunk.wide === undefined) return;
          listed++;
          wideSeen += chunk.wide.length;
          assertNoteTrue(chunk);
        });
        const stream = ReadableStream.from([data]);
        // A filter hands on some of the lines as they are: it keeps the
        // hint, renumbered.
        const source = readLines(stream, { readBytes });
        const run = filtered
          ? pipeline(source, filter((l) => l.length % 2 === 0), probe)
          : pipeline(source, probe);
        for await (const _ of run) { /* drained */ }
      },
    ),
    { numRuns: 300 },
  );
  // Enough chunks say, with enough lines listed, that the check checked.
  assert.ok(listed > 30 && wideSeen > 30, `${listed} chunks, ${wideSeen}`);
});

Deno.test("a stage of one's own that hands lines on as they are keeps the note of non-ASCII lines; one that makes or holds back items drops it", async () => {
  const piece = fc.constantFrom("ab", "x y", "\n", "\n", "é", "😀", "\u2026")
    .map((t) => encoder.encode(t));
  const bytes = fc.array(piece, { maxLength: 400 }).map(concatBytes);
  // What each stage of one's own does with the lines it reads.
  const passes = async function* (lines: AsyncIterable<string>) {
    for await (const l of lines) if (l.length % 3 !== 0) yield l;
  };
  const changes = async function* (lines: AsyncIterable<string>) {
    for await (const l of lines) yield l.length % 2 === 0 ? l : l + "é";
  };
  const holdsBack = async function* (lines: AsyncIterable<string>) {
    let last: string | undefined;
    for await (const l of lines) {
      if (last !== undefined) yield last;
      last = l;
    }
    if (last !== undefined) yield last;
  };
  // Each kind of stage gets its own runs: a kind drawn at random left the
  // count of checked chunks to chance (28 of the 30 wanted in one CI run).
  const kinds = { passes, changes, holdsBack };
  for (const [kind, own] of Object.entries(kinds)) {
    let listed = 0;
    await fc.assert(
      fc.asyncProperty(
        bytes,
        fc.integer({ min: 1, max: 64 }),
        async (data, readBytes) => {
          const probe = chunkProbe<string>((chunk) => {
            if (chunk.wide === undefined) return;
            listed++;
            assertNoteTrue(chunk);
          });
          const stream = ReadableStream.from([data]);
          const run = pipeline(readLines(stream, { readBytes }), own, probe);
          for await (const _ of run) { /* drained */ }
        },
      ),
      { numRuns: 150 },
    );
    // Lines handed on as they are keep the note: a lossless writeLines
    // after such a stage encodes ASCII lines in runs (see encodeApart).
    if (kind === "passes") assert.ok(listed > 20, `${listed} chunks listed`);
  }
});

Deno.test("map() keeps the note of non-ASCII lines of a chunk whose every line it hands back as it is", async () => {
  const text = "a\né\nb\n😀\nc\n".repeat(50);
  const notes: (number[] | undefined)[] = [];
  const probe = chunkProbe<string>((chunk) => {
    notes.push(chunk.wide);
    if (chunk.wide !== undefined) assertNoteTrue(chunk);
  });
  let seen = 0;
  const run = (fn: (l: string) => string) =>
    pipeline(
      readLines(ReadableStream.from([encoder.encode(text)])),
      map(fn),
      probe,
    );
  // As the command line's grep counts what it hands on.
  for await (const _ of run((l) => (seen++, l))) { /* drained */ }
  assert.ok(seen === 250 && notes.length > 0);
  assert.ok(notes.every((w) => w !== undefined && w.length > 0));
  // One line changed: the chunk's note is not known any more.
  notes.length = 0;
  for await (const _ of run((l) => l === "c" ? "é" : l)) { /* drained */ }
  assert.ok(notes.length > 0 && notes.every((w) => w === undefined));
});

Deno.test("ChunkBuilder renumbers its chunks' non-ASCII hint, whatever order it keeps items in", () => {
  const a = consecutive(["x", "é", "y", "😀", "z"], 1, undefined, [1, 3]);
  const b = consecutive(["€", "w"], 6, undefined, [0]);
  const built = new ChunkBuilder<string>();
  for (
    const [chunk, i] of [[a, 3], [a, 1], [a, 4], [b, 1], [b, 0], [
      a,
      3,
    ]] as const
  ) {
    built.keep(chunk, i);
  }
  const out = built.build(a)!;
  assert.deepEqual(out.items, ["😀", "é", "z", "w", "€", "😀"]);
  assert.deepEqual(out.wide, [0, 1, 4, 5]);
  // A pushed item is not known: no hint.
  built.keep(a, 0);
  built.push("new", 9);
  assert.equal(built.build(a)!.wide, undefined);
});

Deno.test("spareBytes() gives back a chunk's bytes buffer once, whole, and not one too large or shared", () => {
  while (spareBytes(0) !== undefined) {
    // Empty the spares other tests left.
  }
  const block = new Uint8Array(4096);
  giveBackBytes(block.subarray(0, 10));
  assert.equal(spareBytes(8192), undefined);
  assert.equal(spareBytes(4096)?.buffer, block.buffer);
  assert.equal(spareBytes(1), undefined);
  // A view that does not start its buffer may share it: not kept.
  giveBackBytes(new Uint8Array(4096).subarray(1));
  // Nor a buffer grown for a long line.
  giveBackBytes(new Uint8Array(1 << 20));
  assert.equal(spareBytes(0), undefined);
});

Deno.test("standIns() shares one frozen array of empty strings among chunks of as many lines, and makes a long one anew", () => {
  const a = standIns(37);
  assert.deepEqual(a, Array(37).fill(""));
  assert.equal(standIns(37), a);
  assert.ok(Object.isFrozen(a));
  assert.throws(() => a.push(""), TypeError);
  assert.notEqual(standIns(38), a);
  assert.equal(standIns(38).length, 38);
  // Past 2,048 lines, each call makes its own array, which may be written.
  const long = standIns(5000);
  assert.equal(long.length, 5000);
  assert.notEqual(standIns(5000), long);
  assert.ok(!Object.isFrozen(long));
  // Past 64 lengths, the one kept longest is let go: a length met again is
  // kept again, whatever came before.
  const many = Array.from({ length: 100 }, (_, i) => standIns(100 + i));
  assert.ok(many.every((a, i) => a.length === 100 + i && Object.isFrozen(a)));
  assert.equal(standIns(199), many[99]);
  assert.notEqual(standIns(100), many[0]);
  assert.equal(standIns(100), standIns(100));
  assert.ok(Object.isFrozen(standIns(100)));
});
