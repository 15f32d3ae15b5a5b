// Copyright 2026 the sluice authors. MIT license.
// The byte-level literal line search against a plain reference: split on
// LF, search each line's bytes.
import assert from "node:assert/strict";
import fc from "fast-check";
import { LiteralSearch } from "../../lib/io/_literal_search.ts";
import { LiteralTrie } from "../../lib/core/_literal_trie.ts";
import { LITERAL_WASM_BASE64 } from "../../lib/io/_literal_wasm.ts";
import { buildWasm, LITERAL_WASM, wasmSource } from "../_build_wasm.ts";
import { encoder, withTempDir } from "../_helpers.ts";

/** The lines of `bytes` (one more after the last LF, if any bytes follow). */
function referenceLines(bytes: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  while (s < bytes.length) {
    let e = bytes.indexOf(10, s);
    if (e === -1) e = bytes.length;
    out.push([s, e]);
    s = e + 1;
  }
  return out;
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) {
      if (hay[i + k] !== needle[k]) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * The `lines` of a body put at `before` in `bytes` that hold any of `lits`,
 * as [start, end, number], the first numbered `first`.
 */
function holding(
  bytes: Uint8Array,
  lines: [number, number][],
  before: number,
  first: number,
  lits: Uint8Array[],
): number[][] {
  return lines
    .map(([s, e], i) => [s + before, e + before, first + i])
    .filter(([s, e]) =>
      lits.some((lit) => contains(bytes.subarray(s!, e), lit))
    );
}

/**
 * Checks `search` over `body`, which lies at `before` in `bytes`: the lines
 * it gives, numbered from `first`, the number after them and its count,
 * against the reference lines for which `holds` is true (false, when
 * `invert`).
 */
function checkSearch(
  search: LiteralSearch,
  bytes: Uint8Array,
  body: Uint8Array,
  before: number,
  first: number,
  invert: boolean,
  holds: (line: Uint8Array) => boolean,
): void {
  const lines = referenceLines(body);
  const expected = lines
    .map(([s, e], i) => [s + before, e + before, first + i])
    .filter(([s, e]) => holds(bytes.subarray(s, e)) !== invert);
  const got: number[][] = [];
  const end = before + body.length;
  const next = search.lines(
    bytes,
    before,
    end,
    invert,
    first,
    (s, e, i) => got.push([s, e, i]),
  );
  assert.deepEqual(got, expected);
  assert.equal(next, first + lines.length);
  assert.deepEqual(search.count(bytes, before, end, invert), {
    kept: expected.length,
    lines: lines.length,
  });
}

// Bytes that make lines, matches and near misses: ASCII, LF, CR, UTF-8 of
// two to four bytes, and bytes that are not UTF-8.
const pieces = [
  "E",
  "R",
  "O",
  "ERROR",
  "ERRO",
  "RROR",
  "x",
  "\n",
  "\n",
  "\r",
  "\r\n",
  "é",
  "€",
  "😀",
].map((t) => encoder.encode(t)).concat(
  [[0xff], [0xc3], [0x80], [0xe2, 0x82], [0xa9]].map((b) => Uint8Array.from(b)),
);
const piece = fc.constantFrom(...pieces);
const text = fc.array(piece, { maxLength: 120 }).map((ps) => {
  const out = new Uint8Array(ps.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of ps) {
    out.set(p, at);
    at += p.length;
  }
  return out;
});
const needle = fc.oneof(
  fc.constantFrom(
    "ERROR",
    "E",
    "R",
    "RR",
    "é",
    "😀",
    "\r",
    "R\r",
    "OR\n",
    "ERRORERRORERRORERROR",
  ).map((t) => encoder.encode(t)),
  fc.uint8Array({ minLength: 1, maxLength: 3, min: 0x45, max: 0x52 }),
  fc.uint8Array({ minLength: 1, maxLength: 2 }),
);

Deno.test("LiteralSearch keeps the lines a plain byte search keeps, with their indexes", () => {
  fc.assert(
    fc.property(
      text,
      needle,
      fc.nat({ max: 40 }),
      fc.nat({ max: 40 }),
      fc.nat({ max: 1000 }),
      fc.boolean(),
      (body, lit, before, after, first, invert) => {
        // The region lies inside a larger buffer, with bytes on both sides
        // that must not be seen (LFs and the literal itself).
        const bytes = new Uint8Array(before + body.length + after);
        for (let i = 0; i < bytes.length; i++) {
          bytes[i] = i % 2 === 0 ? 10 : lit[0]!;
        }
        bytes.set(body, before);
        checkSearch(
          new LiteralSearch(lit),
          bytes,
          body,
          before,
          first,
          invert,
          (line) => contains(line, lit),
        );
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("LiteralSearch in either case keeps the lines whose bytes hold the literal with its ASCII letters in either case", () => {
  const lower = (b: Uint8Array) =>
    b.map((c) => c >= 65 && c <= 90 ? c + 32 : c);
  const caseText = fc.array(
    fc.constantFrom(
      ...["e", "E", "r", "R", "o", "O", "error", "ErRoR", "x", "[", "{"],
      ...["\n", "\n", "\r\n", "é", "É", "K"],
    ),
    { maxLength: 120 },
  ).map((ps) => encoder.encode(ps.join("")));
  const caseNeedle = fc.oneof(
    fc.constantFrom("error", "ERROR", "Er", "r", "[", "x{").map((t) =>
      encoder.encode(t)
    ),
    // Letters and the bytes 32 apart from them that are not letters.
    fc.uint8Array({ minLength: 1, maxLength: 3, min: 0x40, max: 0x7e }),
  );
  fc.assert(
    fc.property(
      caseText,
      caseNeedle,
      fc.nat({ max: 40 }),
      fc.nat({ max: 1000 }),
      fc.boolean(),
      (body, lit, before, first, invert) => {
        const bytes = new Uint8Array(before + body.length);
        bytes.fill(10);
        bytes.set(body, before);
        checkSearch(
          new LiteralSearch(lit, undefined, true),
          bytes,
          body,
          before,
          first,
          invert,
          (line) => contains(lower(line), lower(lit)),
        );
      },
    ),
    { numRuns: 2000 },
  );
  assert.throws(
    () => new LiteralSearch(encoder.encode("é"), undefined, true),
    RangeError,
  );
  assert.throws(
    () =>
      new LiteralSearch(
        [encoder.encode("a"), encoder.encode("b")],
        undefined,
        true,
      ),
    RangeError,
  );
});

Deno.test("LiteralSearch.countFirst counts the lines with its first literal in either case, and hands on once each line with one of the others and not it; lines() says which hold the first", () => {
  const lower = (b: Uint8Array) =>
    b.map((c) => c >= 65 && c <= 90 ? c + 32 : c);
  const foldText = fc.array(
    fc.constantFrom(
      ...["t", "T", "i", "I", "\u0131", "s", "S", "\u017f", "meout", "tim"],
      ...["timeout", "TiMeOuT", "t\u0131meout", "x", "\n", "\n", "\r\n"],
      ...["\u00e9", "x".repeat(70), "\u0130"],
    ),
    { maxLength: 80 },
  ).map((ps) => encoder.encode(ps.join("")));
  const firsts = fc.constantFrom("timeout", "Ti", "is", "SIS", "i", "meout");
  const others = fc.subarray(["\u0131", "\u017f", "\u00e9"], {
    minLength: 0,
  });
  fc.assert(
    fc.property(
      foldText,
      firsts,
      others,
      fc.nat({ max: 40 }),
      (body, first, rest, before) => {
        const bytes = new Uint8Array(before + body.length);
        bytes.fill(10);
        bytes.set(body, before);
        const lit = encoder.encode(first);
        const more = rest.map((o) => encoder.encode(o));
        const search = new LiteralSearch(
          [lit, ...more],
          undefined,
          [true, ...more.map(() => false)],
        );
        const lines = referenceLines(body);
        const holdsFirst = (s: number, e: number) =>
          contains(lower(body.subarray(s, e)), lower(lit));
        const expected = {
          kept: lines.filter(([s, e]) => holdsFirst(s, e)).length,
          lines: lines.length,
        };
        const handed = lines
          .filter(([s, e]) =>
            !holdsFirst(s, e) &&
            more.some((o) => contains(body.subarray(s, e), o))
          )
          .map(([s, e]) => [s + before, e + before]);
        // Twice: the search is left as it was found.
        for (let round = 0; round < 2; round++) {
          const got: number[][] = [];
          const counted = search.countFirst(
            bytes,
            before,
            before + body.length,
            (s, e) => got.push([s, e]),
          );
          assert.deepEqual(counted, expected);
          assert.deepEqual(got, handed);
        }
        // Its lines hold any literal, each said to hold the first or not.
        const any: (number | boolean)[][] = [];
        search.lines(
          bytes,
          before,
          before + body.length,
          false,
          0,
          (s, e, _i, firstHeld) => any.push([s, e, firstHeld]),
        );
        assert.deepEqual(
          any,
          lines
            .filter(([s, e]) =>
              holdsFirst(s, e) ||
              more.some((o) => contains(body.subarray(s, e), o))
            )
            .map(([s, e]) => [s + before, e + before, holdsFirst(s, e)]),
        );
      },
    ),
    { numRuns: 2000 },
  );
  // Another literal that folds is looked for in either case too, also
  // where its rarest byte, a letter, is there only in the other case.
  const folds = new LiteralSearch(
    [encoder.encode("zz"), encoder.encode("ab")],
    undefined,
    [false, true],
  );
  const text = encoder.encode("xAB\nzz\nq\n");
  const found: number[] = [];
  folds.lines(text, 0, text.length, false, 0, (_s, _e, i) => found.push(i));
  assert.deepEqual(found, [0, 1]);
  const handed: number[] = [];
  assert.deepEqual(
    folds.countFirst(text, 0, text.length, (s) => handed.push(s)),
    { kept: 1, lines: 3 },
  );
  assert.deepEqual(handed, [0]);
  assert.throws(
    () =>
      new LiteralSearch(
        [encoder.encode("a"), encoder.encode("\u00e9")],
        undefined,
        [false, true],
      ),
    RangeError,
  );
  assert.throws(
    () => new LiteralSearch([encoder.encode("a")], undefined, [true, false]),
    RangeError,
  );
  assert.throws(
    () =>
      new LiteralSearch([encoder.encode("a\n"), encoder.encode("b")])
        .countFirst(encoder.encode("b\n"), 0, 2, () => {}),
    RangeError,
  );
});

Deno.test("LiteralSearch of several literals keeps the lines that hold any of them, each once", () => {
  fc.assert(
    fc.property(
      text,
      fc.array(needle, { minLength: 2, maxLength: 4 }),
      fc.nat({ max: 40 }),
      fc.nat({ max: 1000 }),
      fc.boolean(),
      (body, lits, before, first, invert) => {
        const bytes = new Uint8Array(before + body.length);
        bytes.fill(10);
        bytes.set(body, before);
        const lines = referenceLines(body);
        const expected = holding(bytes, lines, before, first, lits);
        const search = new LiteralSearch(lits);
        const got: number[][] = [];
        const next = search.lines(
          bytes,
          before,
          bytes.length,
          false,
          first,
          (s, e, i) => got.push([s, e, i]),
        );
        assert.deepEqual(got, expected);
        assert.equal(next, first + lines.length);
        // Twice: what a count marks is gone before the next.
        for (let round = 0; round < 2; round++) {
          assert.deepEqual(
            search.count(bytes, before, bytes.length, invert),
            {
              kept: invert ? lines.length - expected.length : expected.length,
              lines: lines.length,
            },
          );
        }
      },
    ),
    { numRuns: 1000 },
  );
  assert.throws(
    () => new LiteralSearch([encoder.encode("a"), encoder.encode("b")], [0, 0]),
    RangeError,
  );
  assert.throws(() => new LiteralSearch([]), RangeError);
});

Deno.test("LiteralSearch of several literals whose caller throws on a line finds the lines of the next region as ever", () => {
  const search = new LiteralSearch([
    encoder.encode("ab"),
    encoder.encode("cd"),
  ]);
  const first = encoder.encode("ab\nx\ncd\nab cd\n");
  assert.throws(
    () =>
      search.lines(first, 0, first.length, false, 0, () => {
        throw new Error("stop");
      }),
    /stop/,
  );
  // The lines the throw left unvisited are no longer marked: each of the
  // next region's lines with a literal is handed on, and counted.
  const next = encoder.encode("x\ncd\nx\nab\n");
  const got: number[] = [];
  search.lines(next, 0, next.length, false, 0, (_s, _e, i) => got.push(i));
  assert.deepEqual(got, [1, 3]);
  assert.deepEqual(search.count(next, 0, next.length, false), {
    kept: 2,
    lines: 4,
  });
});

Deno.test("LiteralTrie and LiteralSearch of many literals keep the lines that hold any of them, and see no byte outside the region", () => {
  const noLf = needle.filter((l) => !l.includes(10));
  fc.assert(
    fc.property(
      text,
      fc.array(noLf, { minLength: 1, maxLength: 30 }),
      fc.nat({ max: 40 }),
      fc.nat({ max: 40 }),
      fc.nat({ max: 1000 }),
      (body, lits, before, after, first) => {
        // Around the region, bytes that would complete a literal.
        const bytes = new Uint8Array(before + body.length + after);
        for (let i = 0; i < bytes.length; i++) {
          const l = lits[i % lits.length]!;
          bytes[i] = l[i % l.length]!;
        }
        bytes.set(body, before);
        const end = before + body.length;
        const lines = referenceLines(body);
        const expected = holding(bytes, lines, before, first, lits);
        const trie = new LiteralTrie(lits);
        // Each line on its own, as the grep stage asks of a line's UTF-8.
        for (const [s, e] of lines) {
          assert.equal(
            trie.holdsAny(bytes, s + before, e + before),
            lits.some((lit) => contains(body.subarray(s, e), lit)),
          );
        }
        const got: number[][] = [];
        const next = trie.lines(
          bytes,
          before,
          end,
          first,
          (s, e, i) => got.push([s, e, i]),
        );
        assert.deepEqual(got, expected);
        assert.equal(next, first + lines.length);
        const search = new LiteralSearch(lits);
        const again: number[][] = [];
        search.lines(bytes, before, end, false, first, (s, e, i) => {
          again.push([s, e, i]);
        });
        assert.deepEqual(again, expected);
        assert.deepEqual(search.count(bytes, before, end, false), {
          kept: expected.length,
          lines: lines.length,
        });
      },
    ),
    { numRuns: 2000 },
  );
  assert.throws(() => new LiteralTrie([]), RangeError);
  assert.throws(() => new LiteralTrie([encoder.encode("a\nb")]), RangeError);
});

// Long regions where candidates are rare: most of them is crossed 64 bytes
// at a time, LFs counted in lanes that are added up every 63 steps, and each
// match's line start is found by looking back from where the crossing
// stopped. Any two bytes of the literal may be the probes.
const filler = [
  "abcdefgh",
  "\n",
  "xy\n",
  "é",
  "\r\n",
  " ",
  "0123456789abcdefghijklmnopqrstuv",
]
  .map((t) => encoder.encode(t));
const sparse = fc.tuple(
  fc.constantFrom(
    "ERROR",
    "E",
    "RR",
    "é",
    " ERROR ",
    "ERRORERRORERRORERRORERROR",
  ),
  fc.array(
    fc.oneof(
      { weight: 40, arbitrary: fc.constantFrom(...filler) },
      { weight: 1, arbitrary: fc.constantFrom(...pieces) },
    ),
    { maxLength: 1500 },
  ),
).chain(([lit, ps]) => {
  const bytes = encoder.encode(lit);
  return fc.tuple(
    fc.constant(bytes),
    fc.constant(ps),
    fc.option(
      fc.tuple(
        fc.nat({ max: bytes.length - 1 }),
        fc.nat({ max: bytes.length - 1 }),
      ),
      { nil: undefined },
    ),
  );
});

Deno.test("LiteralSearch keeps the right lines of long regions where matches are rare, whichever bytes it probes", () => {
  fc.assert(
    fc.property(sparse, fc.boolean(), ([lit, ps, probes], invert) => {
      const body = new Uint8Array(ps.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of ps) {
        body.set(p, at);
        at += p.length;
      }
      const expected = referenceLines(body)
        .map(([s, e], i) => [s, e, i])
        .filter(([s, e]) => contains(body.subarray(s, e), lit) !== invert);
      const search = new LiteralSearch(lit, probes);
      const got: number[][] = [];
      const next = search.lines(
        body,
        0,
        body.length,
        invert,
        0,
        (s, e, i) => got.push([s, e, i]),
      );
      assert.deepEqual(got, expected);
      const lines = referenceLines(body).length;
      assert.equal(next, lines);
      assert.deepEqual(
        search.count(body, 0, body.length, invert),
        { kept: expected.length, lines },
      );
      // The same bytes kept in the search's own memory, searched in place.
      const kept = new LiteralSearch(lit, probes);
      const region = kept.region(body.length + 8);
      region.set(body, 8);
      const inPlace: number[][] = [];
      kept.lines(
        region,
        8,
        8 + body.length,
        invert,
        0,
        (s, e, i) => inPlace.push([s - 8, e - 8, i]),
      );
      assert.deepEqual(inPlace, expected);
      assert.deepEqual(
        kept.count(region, 8, 8 + body.length, invert),
        { kept: expected.length, lines },
      );
    }),
    { numRuns: 300 },
  );
});

Deno.test("LiteralSearch counts the LFs of a region that has no candidate at all", () => {
  // 100 KiB of lines without the probe bytes: hundreds of 64-byte steps,
  // the lane counts added up many times over.
  const line = encoder.encode(
    "abcdefghijklmnopqrstuvwxyz 0123456789 abcdefghijklmnopqrstuvwxyz\n",
  );
  for (const extra of [0, 1, 15, 63, 64, 65]) {
    const count = 1600;
    const bytes = new Uint8Array(line.length * count + extra).fill(0x61);
    for (let i = 0; i < count; i++) bytes.set(line, i * line.length);
    const search = new LiteralSearch(encoder.encode("ERROR"));
    const lines = count + (extra > 0 ? 1 : 0);
    assert.deepEqual(search.count(bytes, 0, bytes.length, false), {
      kept: 0,
      lines,
    });
    assert.deepEqual(search.count(bytes, 0, bytes.length, true), {
      kept: lines,
      lines,
    });
    // A match in the last whole line, after all the others; and one in
    // the bytes after the last LF, where there are enough.
    const last = (count - 1) * line.length;
    bytes.set(encoder.encode("ERROR"), last + 3);
    const expected = [[last, last + line.length - 1, count - 1]];
    if (extra >= 5) {
      bytes.set(encoder.encode("ERROR"), bytes.length - 5);
      expected.push([count * line.length, bytes.length, count]);
    }
    const got: number[][] = [];
    search.lines(
      bytes,
      0,
      bytes.length,
      false,
      0,
      (s, e, i) => got.push([s, e, i]),
    );
    assert.deepEqual(got, expected, `${extra}`);
  }
});

Deno.test("LiteralSearch counts a region of nothing but LFs", () => {
  // Each 64-byte step adds 4 to every lane: the lanes must be added up
  // before they pass 255.
  const search = new LiteralSearch(encoder.encode("ERROR"));
  for (const length of [64 * 63, 64 * 64, 64 * 1000 + 7]) {
    const bytes = new Uint8Array(length).fill(10);
    assert.deepEqual(search.count(bytes, 0, length, true), {
      kept: length,
      lines: length,
    });
  }
});

Deno.test("LiteralSearch rejects probe offsets outside the literal", () => {
  assert.throws(
    () => new LiteralSearch(encoder.encode("ERROR"), [0, 5]),
    { name: "RangeError", message: /probe offset 5 is not in 0\.\.4/ },
  );
});

Deno.test("LiteralSearch finds matches at every offset of a region, in regions of every length", () => {
  const search = new LiteralSearch(encoder.encode("ERROR"));
  for (let length = 0; length < 70; length++) {
    for (let at = 0; at + 5 <= length; at++) {
      const bytes = new Uint8Array(length).fill(0x78);
      bytes.set(encoder.encode("ERROR"), at);
      // An LF before and after the match, where there is room.
      if (at > 1) bytes[at - 2] = 10;
      if (at + 6 < length) bytes[at + 6] = 10;
      const got: number[][] = [];
      search.lines(
        bytes,
        0,
        length,
        false,
        0,
        (s, e, i) => got.push([s, e, i]),
      );
      const start = at > 1 ? at - 1 : 0;
      const end = at + 6 < length ? at + 6 : length;
      assert.deepEqual(got, [[start, end, at > 1 ? 1 : 0]], `${length} ${at}`);
    }
  }
});

Deno.test("LiteralSearch hands on more matching lines than one call stores, and grows for long regions", () => {
  const line = encoder.encode("an ERROR\n");
  const count = 10_000; // more than the spans stored per call
  const bytes = new Uint8Array(line.length * count + 3);
  for (let i = 0; i < count; i++) bytes.set(line, i * line.length);
  bytes.set(encoder.encode("ERR"), line.length * count);
  const search = new LiteralSearch(encoder.encode("ERROR"));
  for (const invert of [false, true]) {
    const got: number[] = [];
    const next = search.lines(bytes, 0, bytes.length, invert, 1, (s, e, i) => {
      assert.equal(e - s, invert ? 3 : line.length - 1);
      got.push(i);
    });
    assert.equal(next, count + 2);
    assert.deepEqual(
      got,
      invert ? [count + 1] : Array.from({ length: count }, (_, i) => i + 1),
    );
  }
  assert.deepEqual(search.count(bytes, 0, bytes.length, false), {
    kept: count,
    lines: count + 1,
  });
});

Deno.test("the committed WebAssembly module is the one _literal.wat builds", async () => {
  const built = await buildWasm(LITERAL_WASM);
  const committed = Uint8Array.from(
    atob(LITERAL_WASM_BASE64),
    (c) => c.charCodeAt(0),
  );
  assert.deepEqual(committed, built, "run `deno task wasm`");
  assert.equal(
    await Deno.readTextFile(
      new URL("../../lib/io/_literal_wasm.ts", import.meta.url),
    ),
    wasmSource(LITERAL_WASM, built),
  );
});

Deno.test("LiteralSearch decodes its module without atob, whose first call loads a script of the runtime", async () => {
  // In a process of its own: in this one, another test may have made the
  // module already.
  await withTempDir(async (dir) => {
    const script = `${dir}/no_atob.ts`;
    const search = new URL("../../lib/io/_literal_search.ts", import.meta.url);
    await Deno.writeTextFile(
      script,
      `globalThis.atob = () => {
  throw new Error("atob was called");
};
const { LiteralSearch } = await import(${JSON.stringify(search.href)});
const s = new LiteralSearch(new TextEncoder().encode("ERROR"));
console.log(s.possible);
`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-R", script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    assert.equal(new TextDecoder().decode(out.stdout), "true\n");
  });
});
