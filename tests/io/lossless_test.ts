// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeLossless,
  distinct,
  encodeLossless,
  grep,
  pipeline,
  readLines,
  type ReadLinesOptions,
  sort,
  UNTERMINATED,
  writeLines,
} from "../../mod.ts";
import { bytesFrom, chunked, collect, encoder } from "../_helpers.ts";

/** Pieces that make the bytes interesting: line ends, bad and good UTF-8. */
const POOL: Uint8Array[] = [
  [0x0a],
  [0x0d],
  [0x0d, 0x0a],
  [0x61],
  [0x20, 0x62, 0x63],
  [0x00],
  [0xff],
  [0xfe],
  [0x80],
  [0xc3], // a lead without its continuation
  [0xc3, 0xa9], // é
  [0xe2, 0x82], // a truncated €
  [0xe2, 0x82, 0xac], // €
  [0xed, 0xa0, 0x80], // an encoded surrogate: invalid
  [0xf0, 0x9f, 0x98, 0x80], // 😀
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF: invalid
  [0xc0, 0xaf], // an overlong "/"
  [0xef, 0xbb, 0xbf], // a BOM
  [0xef, 0xbf, 0xbd], // a real U+FFFD
].map((b) => new Uint8Array(b));

const arbBytes = fc.oneof(
  fc.array(fc.nat(), { maxLength: 60 }).map((parts) => bytesFrom(parts, POOL)),
  fc.uint8Array({ maxLength: 200 }),
);

/** The lines of `bytes` by the plain rule: split on LF, each decoded losslessly. */
function referenceLines(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    const lf = bytes.indexOf(0x0a, start);
    if (lf === -1) {
      lines.push(decodeLossless(bytes.subarray(start)) + UNTERMINATED);
      break;
    }
    lines.push(decodeLossless(bytes.subarray(start, lf)));
    start = lf + 1;
  }
  return lines;
}

// Any bytes: no sniffing for compression (random bytes may start as gzip's
// 1f 8b, which "auto" would decompress).
const LOSSLESS: ReadLinesOptions = {
  lossless: true,
  markUnterminated: true,
  compression: "none",
};

/** Writes `lines` with writeLines({ lossless: true }); returns the bytes. */
async function written(
  source: AsyncIterable<string> | Iterable<string>,
): Promise<Uint8Array> {
  const out: number[] = [];
  await pipeline(
    source,
    writeLines(new WritableStream({ write: (c) => void out.push(...c) }), {
      lossless: true,
    }),
  );
  return new Uint8Array(out);
}

Deno.test("encodeLossless(decodeLossless(bytes)) gives back any bytes", () => {
  fc.assert(
    fc.property(arbBytes, (bytes) => {
      assert.deepEqual(encodeLossless(decodeLossless(bytes)), bytes);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("decodeLossless() decodes valid UTF-8 as TextDecoder does", () => {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (text) => {
      const bytes = encoder.encode(text);
      assert.equal(decodeLossless(bytes), decoder.decode(bytes));
    }),
  );
});

Deno.test("decodeLossless() turns each invalid byte into one lone surrogate", () => {
  assert.equal(decodeLossless(new Uint8Array([0xe2, 0x82])), "\uDCE2\uDC82");
  assert.equal(
    decodeLossless(new Uint8Array([0x61, 0xed, 0xa0, 0x80, 0x62])),
    "a\uDCED\uDCA0\uDC80b",
  );
  // A pair whose low half lies in U+DC80–U+DCFF is a character, not bytes.
  assert.deepEqual(
    encodeLossless("\uD83D\uDC80"),
    new Uint8Array([0xf0, 0x9f, 0x92, 0x80]),
  );
  // Other lone surrogates are written as TextEncoder writes them.
  assert.deepEqual(encodeLossless("\uD800"), encoder.encode("\uFFFD"));
  assert.deepEqual(encodeLossless(`a${UNTERMINATED}`), encoder.encode("a"));
});

Deno.test("readLines({ lossless }) gives the plain rule's lines for any bytes and any chunking", async () => {
  await fc.assert(
    fc.asyncProperty(
      arbBytes,
      fc.array(fc.nat({ max: 250 }), { maxLength: 8 }),
      fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
      async (bytes, cuts, readBytes) => {
        const options = readBytes === undefined
          ? LOSSLESS
          : { ...LOSSLESS, readBytes };
        const lines = await collect(readLines(chunked(bytes, cuts), options));
        assert.deepEqual(lines, referenceLines(bytes));
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("readLines({ lossless }) then writeLines({ lossless }) writes back the same bytes, for any chunking", async () => {
  await fc.assert(
    fc.asyncProperty(
      arbBytes,
      fc.array(fc.nat({ max: 250 }), { maxLength: 8 }),
      async (bytes, cuts) => {
        const out = await written(readLines(chunked(bytes, cuts), LOSSLESS));
        assert.deepEqual(out, bytes);
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("readLines({ lossless }) keeps every CR and the BOM; without lossless both go", async () => {
  const bytes = encoder.encode("\uFEFFa\r\nb\r\r\nc\r");
  assert.deepEqual(
    await collect(readLines(ReadableStream.from([bytes]), LOSSLESS)),
    ["\uFEFFa\r", "b\r\r", `c\r${UNTERMINATED}`],
  );
  assert.deepEqual(
    await collect(readLines(ReadableStream.from([bytes]))),
    ["a", "b\r", "c\r"],
  );
});

Deno.test("readLines({ lossless }) fused with a literal grep keeps the CR and the bytes", async () => {
  const bytes = new Uint8Array([
    ...encoder.encode("x a\r\nb\r\na"),
    0xff,
    ...encoder.encode("\r\nnone\n"),
  ]);
  const lines = await collect(
    pipeline(readLines(ReadableStream.from([bytes]), LOSSLESS), grep("a")),
  );
  assert.deepEqual(lines, ["x a\r", "a\uDCFF\r"]);
});

Deno.test("writeLines({ lossless }) writes the LF of a marked line that is not the last one", async () => {
  const out = await written(["b" + UNTERMINATED, "a", "c" + UNTERMINATED]);
  assert.deepEqual(out, encoder.encode("b\na\nc"));
  // An array item, and a chunk that ends with a marked line, then more.
  const more = await written(
    (async function* () {
      yield "x" + UNTERMINATED;
      yield "y";
    })(),
  );
  assert.deepEqual(more, encoder.encode("x\ny\n"));
});

Deno.test("readLines({ lossless, markUnterminated }) needs lossless; lossless refuses fatal", () => {
  assert.throws(
    () => readLines("x", { markUnterminated: true }),
    TypeError,
  );
  assert.throws(() => readLines("x", { lossless: true, fatal: true }), {
    name: "TypeError",
    message: /lossless and fatal/,
  });
});

Deno.test("readLines() reports an input whose first block holds a NUL byte, once", async () => {
  const seen: [string | undefined, number][] = [];
  const onBinary = (path: string | undefined, index: number) =>
    void seen.push([path, index]);
  const text = ReadableStream.from([encoder.encode("a\nb\n")]);
  const binary = ReadableStream.from([
    new Uint8Array([0x61, 0x00, 0x0a]),
    new Uint8Array([0x00, 0x0a]),
  ]);
  const lines = await collect(readLines([text, binary], { onBinary }));
  assert.deepEqual(lines, ["a", "b", "a\0", "\0"]);
  assert.deepEqual(seen, [[undefined, 1]]);
  // A NUL byte only after the first block is not a binary file.
  seen.length = 0;
  const late = ReadableStream.from([
    encoder.encode("a\n"),
    new Uint8Array([0x00, 0x0a]),
  ]);
  await collect(readLines(late, { onBinary }));
  assert.deepEqual(seen, []);
});

/** Lines with invalid bytes and CRs, many and long enough to spill. */
function spillLines(n: number): string[] {
  const bytes: number[] = [];
  for (let i = 0; i < n; i++) {
    bytes.push(...encoder.encode(`k${(i * 7919) % 997} line ${i} `));
    bytes.push(0x80 + (i % 128), 0xe2, 0x82, i % 3 === 0 ? 0x0d : 0x41, 0x0a);
  }
  const input = new Uint8Array(bytes);
  return referenceLines(input);
}

Deno.test("sort() spilled keeps lone surrogates: the bytes come back sorted and whole", async () => {
  const lines = spillLines(3000);
  const dir = await Deno.makeTempDir();
  try {
    const run = pipeline(lines, sort({ budget: 8192, tempDir: dir }));
    const out = await collect(run);
    assert.ok(
      (run.summary.stages.find((s) => s.kind === "sort")?.counters
        .bytesSpilled ?? 0) > 0,
      "it spilled",
    );
    const expected = [...lines].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
    assert.deepEqual(out, expected);
    assert.deepEqual(
      await written(out),
      await written(expected),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("distinct() spilled keeps lone surrogates in items and keys", async () => {
  const lines = spillLines(1000);
  const twice = [...lines, ...lines];
  const dir = await Deno.makeTempDir();
  try {
    const run = pipeline(
      twice,
      distinct(undefined, { budget: 32768, tempDir: dir }),
    );
    const out = await collect(run);
    assert.ok(
      (run.summary.stages.find((s) => s.kind === "distinct")?.counters
        .bytesSpilled ?? 0) > 0,
      "it spilled",
    );
    assert.deepEqual(out, lines);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
