// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  InvalidUtf8Error,
  readLines,
  type ReadLinesOptions,
} from "../../mod.ts";
import {
  bytesFrom,
  chunked,
  collect,
  encoder,
  feed,
  readInto,
} from "../_helpers.ts";
import { referenceLines } from "../_reference.ts";
import { LineSplitter } from "../../lib/io/_line_splitter.ts";
import { LiteralSearch } from "../../lib/io/_literal_search.ts";
import { firstNonAscii, lfCount } from "../../lib/core/_bytes.ts";
import { lineOf, standIns } from "../../lib/core/_chunk.ts";

async function linesOf(
  input: Uint8Array | string,
  cuts: number[] = [],
  options: ReadLinesOptions = {},
): Promise<string[]> {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  return await collect(readLines(chunked(bytes, cuts), options));
}

/** Checks `input` at every single split point and every pair of split points. */
async function atEverySplit(input: Uint8Array | string, expected: string[]) {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  assert.deepEqual(await linesOf(bytes), expected, "unsplit");
  for (let i = 0; i <= bytes.length; i++) {
    for (let j = i; j <= bytes.length; j++) {
      assert.deepEqual(
        await linesOf(bytes, [i, j]),
        expected,
        `cut at ${i},${j}`,
      );
    }
  }
  // And one byte at a time, through the read buffer too.
  assert.deepEqual(
    await linesOf(bytes, [...bytes.keys()], { readBytes: 1 }),
    expected,
    "one byte at a time",
  );
}

Deno.test("readLines() gives no lines for empty input", async () => {
  await atEverySplit("", []);
});

Deno.test("readLines() gives one empty line for a lone LF", async () => {
  await atEverySplit("\n", [""]);
  await atEverySplit("\n\n", ["", ""]);
});

Deno.test("readLines() strips CR only right before LF, also when CRLF is split", async () => {
  await atEverySplit("a\r\nb\r\n", ["a", "b"]);
  await atEverySplit("\r\n", [""]);
  await atEverySplit("a\r\r\nb", ["a\r", "b"]);
});

Deno.test("readLines() keeps a lone CR inside a line", async () => {
  await atEverySplit("a\rb\nc", ["a\rb", "c"]);
});

Deno.test("readLines() keeps a CR at the end of the input", async () => {
  await atEverySplit("a\nb\r", ["a", "b\r"]);
  await atEverySplit("\r", ["\r"]);
});

Deno.test("readLines() strips one BOM at offset 0, also when split", async () => {
  await atEverySplit("\uFEFFa\nb", ["a", "b"]);
  await atEverySplit("\uFEFF\uFEFFa", ["\uFEFFa"]);
  await atEverySplit("\uFEFF", []);
  await atEverySplit("a\n\uFEFFb", ["a", "\uFEFFb"]);
  // A partial BOM is not a BOM.
  await atEverySplit(new Uint8Array([0xef, 0xbb, 0x0a]), ["\uFFFD"]);
});

Deno.test("readLines() decodes multi-byte characters split at every position", async () => {
  await atEverySplit("é€😀\nñ", ["é€😀", "ñ"]);
  await atEverySplit("x😀😀y", ["x😀😀y"]);
});

Deno.test("readLines() replaces invalid and truncated UTF-8 like TextDecoder", async () => {
  const bad = new Uint8Array([
    0x61,
    0xff,
    0x62,
    0x0a,
    0xe2,
    0x82,
    0x0a,
    0xf0,
    0x9f,
  ]);
  await atEverySplit(bad, ["a\uFFFDb", "\uFFFD", "\uFFFD"]);
  await atEverySplit(new Uint8Array([0xc3]), ["\uFFFD"]);
});

Deno.test("readLines() keeps NUL bytes", async () => {
  await atEverySplit("a\0b\n\0", ["a\0b", "\0"]);
});

Deno.test("readLines() treats a last line without LF as a line", async () => {
  await atEverySplit("a\nb", ["a", "b"]);
  await atEverySplit("a\nb\n", ["a", "b"]);
});

Deno.test("readLines() gives 100,000 empty lines for 100,000 LFs", async () => {
  const bytes = new Uint8Array(100_000).fill(10);
  const lines = await linesOf(bytes, [1, 4096, 65536, 99_999]);
  assert.equal(lines.length, 100_000);
  assert.ok(lines.every((l) => l === ""));
});

Deno.test("readLines() with fatal: true names the line and offset of the first bad byte", async () => {
  const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0x63, 0xc3, 0x28, 0x0a]);
  for (let cut = 0; cut <= bytes.length; cut++) {
    await assert.rejects(
      linesOf(bytes, [cut], { fatal: true }),
      (e) => e instanceof InvalidUtf8Error && e.line === 2 && e.offset === 4,
    );
  }
  // A truncated character at the end of the input is invalid too.
  await assert.rejects(
    linesOf(new Uint8Array([0x61, 0x0a, 0xe2, 0x82]), [3], { fatal: true }),
    (e) => e instanceof InvalidUtf8Error && e.line === 2 && e.offset === 2,
  );
  assert.deepEqual(await linesOf("é\nok", [1], { fatal: true }), ["é", "ok"]);
});

// Tokens that exercise every rule: line ends, CRs, multi-byte characters,
// invalid bytes, a BOM, NUL.
const tokens = [
  "a",
  "b",
  " ",
  "\n",
  "\n",
  "\r",
  "\r\n",
  "é",
  "€",
  "😀",
  "\uFEFF",
  "\0",
].map((t) => encoder.encode(t)).concat([
  new Uint8Array([0xff]),
  new Uint8Array([0xe2, 0x82]),
  new Uint8Array([0x80]),
  new Uint8Array([0xf0, 0x9f, 0x98]),
]);
const validTokens = tokens.slice(0, 12);

/** The lines of `input`, or the line and offset of the error that ends it. */
async function linesOrError(
  input: Parameters<typeof readLines>[0],
  options: ReadLinesOptions,
) {
  const lines: string[] = [];
  try {
    for await (const l of readLines(input, options)) lines.push(l);
  } catch (error) {
    const e = error as { line: number; offset: number };
    return { error: { line: e.line, offset: e.offset } };
  }
  return { lines };
}

function readAll(bytes: Uint8Array, cuts: number[], options: ReadLinesOptions) {
  return linesOrError(chunked(bytes, cuts), options);
}

function withoutNumbers(r: ReturnType<typeof referenceLines>) {
  return "error" in r ? r : { lines: r.lines };
}

Deno.test("readLines() matches the reference splitter for random inputs and chunkings", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 60 }),
      fc.array(fc.nat({ max: 200 }), { maxLength: 8 }),
      fc.integer({ min: 1, max: 9 }),
      async (parts, cuts, readBytes) => {
        const bytes = bytesFrom(parts, tokens);
        const got = await readAll(bytes, cuts, { readBytes });
        assert.deepEqual(got, withoutNumbers(referenceLines(bytes)));
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("readLines() matches the reference for long lines under every policy", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 60 }),
      fc.array(fc.nat({ max: 200 }), { maxLength: 8 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 4, max: 12 }),
      fc.constantFrom("error" as const, "split" as const, "skip" as const),
      async (parts, cuts, readBytes, maxLineBytes, onLongLine) => {
        // Split pieces are defined on characters, so split runs get valid UTF-8.
        const pool = onLongLine === "split" ? validTokens : tokens;
        const bytes = bytesFrom(parts, pool);
        const got = await readAll(bytes, cuts, {
          readBytes,
          maxLineBytes,
          onLongLine,
        });
        const want = referenceLines(bytes, { maxLineBytes, onLongLine });
        assert.deepEqual(got, withoutNumbers(want));
      },
    ),
    { numRuns: 600 },
  );
});

Deno.test("readLines() matches the reference on long ASCII runs with a few other lines, at larger reads", async () => {
  // The splitter decodes ASCII runs and the lines that hold other bytes
  // apart; mostly-ASCII inputs and reads of hundreds of bytes reach the
  // word-at-a-time scan.
  const ascii = ["a", "b", "c", " ", "\n", "\r\n"].map((t) =>
    encoder.encode(t)
  );
  const pool = [...ascii, ...ascii, ...ascii, ...ascii, ...tokens];
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(), { maxLength: 600 }),
      fc.array(fc.nat({ max: 900 }), { maxLength: 6 }),
      fc.integer({ min: 1, max: 400 }),
      fc.boolean(),
      async (parts, cuts, readBytes, fatal) => {
        const bytes = bytesFrom(parts, pool);
        if (!fatal) {
          const got = await readAll(bytes, cuts, { readBytes });
          assert.deepEqual(got, withoutNumbers(referenceLines(bytes)));
          return;
        }
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          return; // invalid input under the fatal rule has its own tests
        }
        const want = referenceLines(bytes);
        const got = await readAll(bytes, cuts, { readBytes, fatal });
        assert.deepEqual(got, withoutNumbers(want));
      },
    ),
    { numRuns: 300 },
  );
});

/** A splitter's options for lines of up to 1 MiB, read 16 KiB at a time. */
const plainOptions = {
  maxLineBytes: 1 << 20,
  onLongLine: "error",
  fatal: false,
  path: undefined,
  readBytes: 16 * 1024,
} as const;

/** A splitter of 16 KiB reads, lines up to 1 MiB, no match or filter. */
function plainSplitter(): LineSplitter {
  return new LineSplitter(plainOptions);
}

Deno.test("the splitter puts ASCII lines and the others back in order, and notes which are not ASCII", () => {
  // Lines of a mostly ASCII log: the ASCII ones are decoded together, the
  // others together, in pieces of at most 32 KiB; then interleaved again.
  const kinds = [
    "GET /a 200",
    "",
    "\r",
    "café ☕ ok",
    "x\ry",
    "ünïcödé",
    "a".repeat(300),
    "é".repeat(200),
    "日本\r",
  ];
  fc.assert(
    fc.property(
      fc.array(fc.nat(kinds.length - 1), { maxLength: 400 }),
      fc.array(fc.integer({ min: 1, max: 70000 }), { maxLength: 8 }),
      fc.boolean(),
      (picks, commits, lastLf) => {
        const lines = picks.map((k) => kinds[k]!);
        const text = lines.join("\n") +
          (lastLf && lines.length > 0 ? "\n" : "");
        const bytes = encoder.encode(text);
        const splitter = plainSplitter();
        const got: string[] = [];
        const wide: number[] = [];
        const takeAll = () => {
          const chunk = splitter.take();
          if (chunk.wide !== undefined) {
            for (const i of chunk.wide) wide.push(got.length + i);
          } else {
            // No note: every line counts as possibly wide.
            for (let i = 0; i < chunk.items.length; i++) {
              if (/[\u0080-\uffff]/.test(chunk.items[i]!)) {
                wide.push(got.length + i);
              }
            }
          }
          got.push(...chunk.items);
        };
        feed(
          splitter,
          bytes,
          commits.length > 0 ? commits : [16384],
          takeAll,
        );
        const ref = referenceLines(bytes);
        assert.ok(!("error" in ref));
        const want = ref.lines;
        assert.deepEqual(got, want);
        const wantWide = want.flatMap((l, i) =>
          /[\u0080-\uffff]/.test(l) ? [i] : []
        );
        assert.deepEqual(wide, wantWide);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("splitters share the buffers they gather a piece's lines in", () => {
  // A pair of 32 KiB buffers for each splitter was a pair for each byte
  // range a worker read: promoted with their splitter, they stayed counted
  // as V8's external memory until a full collection, which then grew the
  // worker's young generation.
  const splitters: LineSplitter[] = [];
  const bytes = encoder.encode("GET /a 200\ncaf\u00e9 ok\nGET /b 404\n");
  const before = Deno.memoryUsage().external;
  for (let k = 0; k < 64; k++) {
    // Kept alive, as a range's splitter is while it is read.
    const splitter = plainSplitter();
    splitters.push(splitter);
    const got: string[] = [];
    feed(splitter, bytes, [bytes.length], () => {
      got.push(...splitter.take().items);
    });
    assert.deepEqual(got, ["GET /a 200", "caf\u00e9 ok", "GET /b 404"]);
    // Its line buffer goes on to the next (see LineSplitter.release).
    splitter.release();
  }
  const grown = Deno.memoryUsage().external - before;
  assert.ok(
    grown < 1024 * 1024,
    `64 splitters added ${grown} bytes of external memory`,
  );
});

Deno.test("splitters used in turn each put their own lines back in order", () => {
  // They share the buffers a piece's lines are gathered in: whatever one
  // leaves there is not another's.
  const kinds = [
    "GET /a 200",
    "",
    "caf\u00e9 \u2615 ok",
    "\u65e5\u672c\r",
    "x".repeat(90),
  ];
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.nat(kinds.length - 1), { maxLength: 300 }), {
        minLength: 2,
        maxLength: 4,
      }),
      fc.array(fc.integer({ min: 1, max: 9000 }), {
        minLength: 1,
        maxLength: 6,
      }),
      (picks, sizes) => {
        const runs = picks.map((p) => {
          const bytes = encoder.encode(p.map((k) => kinds[k]! + "\n").join(""));
          const splitter = plainSplitter();
          return { bytes, splitter, at: 0, got: [] as string[] };
        });
        // A read for each in turn, split at once, until all are read.
        for (let k = 0; runs.some((r) => r.at < r.bytes.length); k++) {
          for (const run of runs) {
            if (run.at >= run.bytes.length) continue;
            const size = sizes[k % sizes.length]!;
            const n = readInto(run.splitter, run.bytes, run.at, size);
            run.at += n;
            run.splitter.commit(n);
            run.got.push(...run.splitter.take().items);
          }
        }
        for (const run of runs) {
          run.splitter.end();
          run.got.push(...run.splitter.take().items);
          const ref = referenceLines(run.bytes);
          assert.ok(!("error" in ref));
          assert.deepEqual(run.got, ref.lines);
        }
      },
    ),
    { numRuns: 100 },
  );
});

/**
 * The bytes of `values`, viewed four at a time, and a range in them chosen
 * by `a` and `b`.
 */
function byteRange(values: number[], a: number, b: number) {
  const buf = new Uint8Array(values);
  const from = values.length === 0 ? 0 : a % (values.length + 1);
  const to = from + (b % (values.length - from + 1));
  const words = new Uint32Array(buf.buffer, 0, buf.length >>> 2);
  return { buf, words, from, to };
}

/** The index of the first byte of `buf[from, to)` at or above 0x80, or -1. */
function plainFirstNonAscii(buf: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (buf[i]! >= 0x80) return i;
  return -1;
}

Deno.test("firstNonAscii() finds the first byte at or above 0x80, as a plain loop does", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constant(0x61), fc.constant(0x0a), fc.nat(255)), {
        maxLength: 200,
      }),
      fc.nat(),
      fc.nat(),
      (values, a, b) => {
        const { buf, words, from, to } = byteRange(values, a, b);
        assert.equal(
          firstNonAscii(buf, words, from, to),
          plainFirstNonAscii(buf, from, to),
        );
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("firstNonAscii() finds a byte at or above 0x80 after long runs of ASCII", () => {
  // Runs long enough for the 64- and 16-byte steps, a high byte anywhere in
  // them (or none), the range starting and ending at any offset.
  fc.assert(
    fc.property(
      fc.nat(300),
      fc.array(fc.nat(300), { maxLength: 3 }),
      fc.nat(),
      fc.nat(),
      (length, highs, a, b) => {
        const values = new Array<number>(length).fill(0x61);
        for (const h of highs) if (h < length) values[h] = 0x80 + (h & 0x7f);
        const { buf, words, from, to } = byteRange(values, a, b);
        assert.equal(
          firstNonAscii(buf, words, from, to),
          plainFirstNonAscii(buf, from, to),
        );
      },
    ),
    { numRuns: 3000 },
  );
});

/** The LFs of `buf[from, to)`, counted a byte at a time. */
function plainLfCount(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (buf[i] === 0x0a) n++;
  return n;
}

/** Checks lfCount() over a range of `values` (see byteRange). */
function lfCountAgrees(values: number[], a: number, b: number): void {
  const { buf, words, from, to } = byteRange(values, a, b);
  assert.equal(lfCount(buf, words, from, to), plainLfCount(buf, from, to));
}

Deno.test("lfCount() counts the LFs of any byte range, as a plain loop does", () => {
  fc.assert(
    fc.property(
      // LFs, bytes one bit away from an LF (0x0b, 0x08, 0x8a, 0x0e...), the
      // bytes around zero and any byte.
      fc.array(
        fc.oneof(
          fc.constant(0x0a),
          fc.constantFrom(0x0b, 0x08, 0x8a, 0x0e, 0x1a, 0x2a, 0x4a, 0x02),
          fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0xff),
          fc.nat(255),
        ),
        { maxLength: 200 },
      ),
      fc.nat(),
      fc.nat(),
      lfCountAgrees,
    ),
    { numRuns: 3000 },
  );
});

Deno.test("lfCount() adds up the LFs of ranges longer than a lane can count alone", () => {
  // Each byte lane adds the LFs of up to 255 words: ranges of all LFs and of
  // LFs among other bytes, thousands of bytes long, at every alignment.
  for (const length of [1019, 1020, 1021, 1024, 2040, 2044, 4099, 9000]) {
    for (const every of [1, 2, 7]) {
      const buf = new Uint8Array(length + 8);
      for (let i = 0; i < buf.length; i += every) buf[i] = 0x0a;
      const words = new Uint32Array(buf.buffer, 0, buf.length >>> 2);
      for (let from = 0; from < 4; from++) {
        const to = from + length;
        assert.equal(
          lfCount(buf, words, from, to),
          plainLfCount(buf, from, to),
          `${length} ${every}`,
        );
      }
    }
  }
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(fc.constant(0x0a), fc.constant(0x0a), fc.nat(255)),
        { minLength: 1000, maxLength: 5000 },
      ),
      fc.nat(),
      fc.nat(),
      lfCountAgrees,
    ),
    { numRuns: 200 },
  );
});

Deno.test("a read's region lies 2048 bytes past its file offset's place in a page, after the line carried over", () => {
  // Where the region started at the file offset's place in its page, the
  // kernel's copy of a read ran 4x as slowly (see ALIAS_GAP).
  for (const literal of [false, true]) {
    const splitter = new LineSplitter({
      ...plainOptions,
      ...(literal ? { match: "b", search: LiteralSearch } : {}),
    });
    const got: string[] = [];
    let readAt = 4093;
    for (const piece of ["a1\na2\nb", "3 tail\nb4\n", "a5\nb6"]) {
      const bytes = encoder.encode(piece);
      const region = splitter.space(readAt);
      assert.equal(((region.byteOffset - readAt) % 4096 + 4096) % 4096, 2048);
      region.set(bytes);
      splitter.commit(bytes.length);
      readAt += bytes.length;
      got.push(...splitter.take().items);
    }
    splitter.end();
    got.push(...splitter.take().items);
    assert.deepEqual(
      got,
      literal
        ? ["b3 tail", "b4", "b6"]
        : ["a1", "a2", "b3 tail", "b4", "a5", "b6"],
    );
  }
});

Deno.test("lines read into regions placed by their file offset are the reference's", () => {
  // Read sizes and a buffer large enough for the region to move by up to
  // 4 KiB, the line carried over with it.
  fc.assert(
    fc.property(
      fc.array(fc.nat(), { minLength: 3000, maxLength: 8000 }),
      fc.array(fc.integer({ min: 1, max: 9000 }), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.integer({ min: 1, max: 12000 }),
      fc.nat({ max: 1 << 20 }),
      fc.boolean(),
      (parts, reads, readBytes, readFrom, literal) => {
        const bytes = bytesFrom(parts, validTokens);
        const splitter = new LineSplitter({
          ...plainOptions,
          maxLineBytes: bytes.length + 4,
          readBytes,
          ...(literal ? { match: "a", search: LiteralSearch } : {}),
        });
        const got: string[] = [];
        feed(
          splitter,
          bytes,
          reads,
          () => got.push(...splitter.take().items),
          readFrom,
        );
        const want = referenceLines(bytes);
        assert.ok(!("error" in want));
        assert.deepEqual(
          got,
          literal ? want.lines.filter((l) => l.includes("a")) : want.lines,
        );
      },
    ),
    { numRuns: 150 },
  );
});

// What the splitter's property tests below draw: the input's tokens (see
// bytesFrom), the sizes of its reads, and the splitter's read size and
// longest line.
const tokenIndexes = fc.array(fc.nat(), { maxLength: 120 });
const readSizes = fc.array(fc.integer({ min: 1, max: 40 }), {
  minLength: 1,
  maxLength: 6,
});
const splitterReadBytes = fc.integer({ min: 1, max: 48 });
const splitterMaxLine = fc.integer({ min: 4, max: 30 });

Deno.test("a counting splitter stands in for each line (numbered as the lines are), or for each that holds its literal", () => {
  // Stand-ins made all at once at the start of a chunk, or pushed after
  // the lines it holds (a long line's pieces among them).
  fc.assert(
    fc.property(
      tokenIndexes,
      readSizes,
      splitterReadBytes,
      splitterMaxLine,
      fc.constantFrom("split" as const, "skip" as const),
      fc.boolean(),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      (parts, reads, readBytes, maxLineBytes, onLongLine, literal, takes) => {
        const bytes = bytesFrom(parts, validTokens);
        // With a literal, no line is too long: a long line's pieces that
        // hold it are another matter (see the fused grep's own tests).
        const max = literal ? bytes.length + 4 : maxLineBytes;
        const splitter = new LineSplitter({
          maxLineBytes: max,
          onLongLine,
          fatal: false,
          path: undefined,
          readBytes,
          countOnly: true,
          ...(literal ? { match: "a", search: LiteralSearch } : {}),
        });
        const numbers: number[] = [];
        const take = () => {
          const chunk = splitter.take();
          for (let i = 0; i < chunk.items.length; i++) {
            numbers.push(lineOf(chunk, i));
          }
        };
        // Now and then the next lines join a chunk that holds some.
        let k = 0;
        feed(splitter, bytes, reads, () => {
          if (takes[k++ % takes.length]!) take();
        });
        take();
        const want = referenceLines(bytes, { maxLineBytes: max, onLongLine });
        assert.ok(!("error" in want));
        if (literal) {
          // Only how many matters: the stand-ins of a region's kept lines
          // are numbered from its first line.
          const kept = want.lines.filter((l) => l.includes("a"));
          assert.equal(numbers.length, kept.length);
        } else {
          assert.deepEqual(numbers, want.numbers);
        }
      },
    ),
    { numRuns: 600 },
  );
});

Deno.test("a region of short lines longer than maxLineBytes goes the fast way: counted lines decoded not at all", () => {
  // 300 lines of 9 bytes, a region of 3,000 bytes, split with maxLineBytes
  // 16: each line only counted (an empty string), none decoded; so too
  // with a long line among them, up to it.
  for (const long of [false, true]) {
    const splitter = new LineSplitter({
      maxLineBytes: 16,
      onLongLine: "skip",
      fatal: false,
      path: undefined,
      readBytes: 4096,
      countOnly: true,
    });
    const text = "line abc\n".repeat(300) + (long ? "x".repeat(40) + "\n" : "");
    const items: string[] = [];
    feed(splitter, encoder.encode(text), [4096], () => {
      items.push(...splitter.take().items);
    });
    splitter.end();
    items.push(...splitter.take().items);
    assert.equal(items.length, 300);
    if (!long) assert.ok(items.every((l) => l === ""), items[0]);
  }
});

Deno.test("the splitter gives the same lines when reads are split a part at a time (readAhead, commitAhead)", () => {
  // A read of many bytes, split a slice at a time: the bytes not yet split
  // stay where they are until a read needs the room, and then move to the
  // front with the partial line, under every long-line policy, across BOMs,
  // CRLFs and split characters.
  fc.assert(
    fc.property(
      tokenIndexes,
      readSizes,
      fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
      splitterReadBytes,
      splitterMaxLine,
      fc.constantFrom("error" as const, "split" as const, "skip" as const),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      (parts, reads, slices, readBytes, maxLineBytes, onLongLine, more) => {
        const pool = onLongLine === "split" ? validTokens : tokens;
        const bytes = bytesFrom(parts, pool);
        const splitter = new LineSplitter({
          maxLineBytes,
          onLongLine,
          fatal: false,
          path: undefined,
          readBytes,
        });
        const got: string[] = [];
        let result:
          | { lines: string[] }
          | { error: { line: number; offset: number } };
        try {
          let at = 0;
          let k = 0;
          while (at < bytes.length || splitter.ahead > 0) {
            // Now and then another read before the last is all split.
            const readMore = at < bytes.length && more[k % more.length]!;
            if (splitter.ahead > 0 && !readMore) {
              splitter.commitAhead(slices[k++ % slices.length]!);
            } else {
              const size = reads[k++ % reads.length]!;
              const n = readInto(splitter, bytes, at, size);
              at += n;
              splitter.readAhead(n);
              splitter.commitAhead(slices[k % slices.length]!);
            }
            got.push(...splitter.take().items);
          }
          splitter.end();
          got.push(...splitter.take().items);
          result = { lines: got };
        } catch (error) {
          const e = error as { line: number; offset: number };
          result = { error: { line: e.line, offset: e.offset } };
        }
        const want = referenceLines(bytes, { maxLineBytes, onLongLine });
        assert.deepEqual(result, withoutNumbers(want));
      },
    ),
    { numRuns: 600 },
  );
});

Deno.test("the splitter leaves a read's bytes in place while it splits them a slice at a time", () => {
  // Moving the bytes not yet split to the front after each slice copied
  // half as much again as was read (T1 over 1 GiB: 137 ms of a 1.8 s CPU
  // profile); a later read makes room when it needs it.
  const splitter = new LineSplitter({
    maxLineBytes: 100,
    onLongLine: "error",
    fatal: false,
    path: undefined,
    readBytes: 4096,
  });
  const lines = Array.from({ length: 300 }, (_, i) => `line ${i}`);
  const bytes = encoder.encode(lines.join("\n") + "\n");
  const space = splitter.space();
  space.set(bytes);
  splitter.readAhead(bytes.length);
  const got: string[] = [];
  while (splitter.ahead > 0) {
    splitter.commitAhead(500);
    assert.deepEqual(splitter.buffer.subarray(0, bytes.length), bytes);
    got.push(...splitter.take().items);
  }
  assert.deepEqual(got, lines);
  // The next read goes to the front: nothing was left over.
  assert.equal(splitter.space().byteOffset, splitter.buffer.byteOffset);
});

Deno.test("readLines() of a file read ahead and split in slices matches the reference", async () => {
  // Reads of a file in this thread take 64 KiB and are split 16 KiB at a
  // time: files of a few hundred KiB, with long lines, multi-byte characters
  // and CRLFs at every kind of offset, read with several buffer sizes.
  const path = await Deno.makeTempFile({ suffix: ".log" });
  const words = ["GET /a 200", "é€😀", "\r\n", "\n", "x".repeat(700)];
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(4096, 20000, 65536, 100000, 512 * 1024),
        fc.constantFrom("error" as const, "split" as const, "skip" as const),
        async (parts, seed, readBytes, onLongLine) => {
          const pieces: string[] = [];
          let s = seed;
          for (let i = 0; i < 3000; i++) {
            s = (s * 1103515245 + 12345) % 2147483648;
            pieces.push(words[(parts[i % parts.length]! + s) % words.length]!);
          }
          const bytes = encoder.encode(pieces.join(""));
          await Deno.writeFile(path, bytes);
          const maxLineBytes = 2048;
          const got = await linesOrError(path, {
            readBytes,
            maxLineBytes,
            onLongLine,
          });
          const want = referenceLines(bytes, { maxLineBytes, onLongLine });
          assert.deepEqual(got, withoutNumbers(want));
        },
      ),
      { numRuns: 40 },
    );
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("a splitter that takes over a done splitter's buffer gives the same lines", () => {
  // The bytes the buffer still holds from the splitter before must never
  // show: the lines are the reference's, under every long-line policy.
  const split = (
    bytes: Uint8Array,
    reads: number[],
    options: {
      readBytes: number;
      maxLineBytes: number;
      onLongLine: "error" | "split" | "skip";
    },
  ) => {
    const splitter = new LineSplitter({
      ...options,
      fatal: false,
      path: undefined,
    });
    const lines: string[] = [];
    let result: { lines: string[] } | {
      error: { line: number; offset: number };
    };
    try {
      feed(splitter, bytes, reads, () => {
        lines.push(...splitter.take().items);
      });
      result = { lines };
    } catch (error) {
      const e = error as { line: number; offset: number };
      result = { error: { line: e.line, offset: e.offset } };
    }
    return { splitter, result };
  };
  fc.assert(
    fc.property(
      fc.array(fc.nat(), { maxLength: 80 }),
      fc.array(fc.nat(), { maxLength: 80 }),
      readSizes,
      splitterReadBytes,
      splitterMaxLine,
      fc.constantFrom("error" as const, "split" as const, "skip" as const),
      (first, second, reads, readBytes, maxLineBytes, onLongLine) => {
        const pool = onLongLine === "split" ? validTokens : tokens;
        const options = { readBytes, maxLineBytes, onLongLine };
        const before = split(bytesFrom(first, pool), reads, options);
        const grown = before.splitter.buffer.length !==
          LineSplitter.startBytes(readBytes, maxLineBytes);
        before.splitter.release();
        const bytes = bytesFrom(second, pool);
        const after = split(bytes, reads, options);
        // Taken over, unless it grew for a long line.
        assert.equal(
          after.splitter.buffer === before.splitter.buffer,
          !grown,
        );
        const want = referenceLines(bytes, { maxLineBytes, onLongLine });
        assert.deepEqual(after.result, withoutNumbers(want));
      },
    ),
    { numRuns: 400 },
  );
  // A buffer of another length is not taken; it waits for one that fits.
  const options = {
    readBytes: 64,
    maxLineBytes: 16,
    onLongLine: "error",
  } as const;
  const done = split(encoder.encode("a\nb\n"), [3], options);
  done.splitter.release();
  const other = split(encoder.encode("c\n"), [2], {
    ...options,
    readBytes: 32,
  });
  assert.notEqual(other.splitter.buffer, done.splitter.buffer);
  assert.deepEqual(other.result, { lines: ["c"] });
  const same = split(encoder.encode("d\n"), [2], options);
  assert.equal(same.splitter.buffer, done.splitter.buffer);
  assert.deepEqual(same.result, { lines: ["d"] });
});

Deno.test("a fused grep's splitter takes over a done one's byte search for the same literals only", () => {
  const split = (text: string, match: string[]) => {
    const splitter = new LineSplitter({
      readBytes: 256,
      maxLineBytes: 64,
      onLongLine: "error",
      fatal: false,
      path: undefined,
      match,
      search: LiteralSearch,
    });
    const lines: string[] = [];
    feed(splitter, encoder.encode(text), [100], () => {
      lines.push(...splitter.take().items);
    });
    return { splitter, lines };
  };
  const memory = (s: LineSplitter) => s.buffer.buffer;
  const first = split("GET ERROR a\nGET ok\nERROR b\n", ["ERROR"]);
  assert.deepEqual(first.lines, ["GET ERROR a", "ERROR b"]);
  first.splitter.release();
  // Another literal: a search of its own; the done one waits.
  const other = split("x ok\ny WARN\n", ["WARN"]);
  assert.notEqual(memory(other.splitter), memory(first.splitter));
  assert.deepEqual(other.lines, ["y WARN"]);
  // The same literal: the done search, and nothing of its bytes before.
  const again = split("ERROR c\nok\n", ["ERROR"]);
  assert.equal(memory(again.splitter), memory(first.splitter));
  assert.deepEqual(again.lines, ["ERROR c"]);
});

Deno.test("a splitter that hands lines on as bytes shares one frozen array of stand-ins among chunks of as many lines, and copies it before a line that goes on as text", () => {
  const splitter = new LineSplitter({
    maxLineBytes: 1024,
    onLongLine: "split",
    fatal: false,
    path: undefined,
    readBytes: 4096,
    handsLines: true,
  });
  const encoder = new TextEncoder();
  const take = (text: string) => {
    const bytes = encoder.encode(text);
    feedOnce(splitter, bytes);
    return splitter.take();
  };
  const lines = Array.from({ length: 40 }, (_, i) => `line ${i % 10}`);
  const first = take(lines.map((l) => l + "\n").join(""));
  const second = take(lines.map((l) => l.toUpperCase() + "\n").join(""));
  assert.ok(first.bytes !== undefined && second.bytes !== undefined);
  assert.equal(first.items.length, 40);
  assert.equal(second.items, first.items);
  assert.ok(Object.isFrozen(first.items));
  // A CR stops the bytes: the lines from there on are text, in a copy,
  // ASCII or not (gathered apart and put back in order).
  const shared = standIns(39);
  const mixed = take(
    lines.slice(0, 39).map((l) => l + "\n").join("") +
      "last\r\nafter\néclair\nend\n",
  );
  assert.equal(mixed.items.length, 43);
  assert.deepEqual(mixed.items.slice(0, 39), Array(39).fill(""));
  assert.deepEqual(mixed.items.slice(39), ["last", "after", "éclair", "end"]);
  assert.ok(!Object.isFrozen(mixed.items));
  assert.equal(standIns(39), shared);
  assert.deepEqual(shared, Array(39).fill(""));
});

/** Hands `bytes` to `splitter` in one read, not as its last. */
function feedOnce(splitter: LineSplitter, bytes: Uint8Array): void {
  splitter.space().set(bytes);
  splitter.commit(bytes.length);
}
