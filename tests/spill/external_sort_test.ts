// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  bufferBytes,
  ExternalSorter,
  mergeAll,
  parseJsonBytes,
  RunList,
  textPrefix,
  utf8Prefix,
  writeKeyedRun,
} from "../../lib/spill/_external_sort.ts";
import {
  compareUtf8,
  putUtf8,
  utf8Length,
} from "../../lib/spill/_key_index.ts";
import { defaultCompare } from "../../lib/spill/_keys.ts";
import { spillSettings } from "../../lib/spill/_budget.ts";
import { RunWriter, SpillDir } from "../../lib/spill/_spill.ts";
import { StageStats } from "../../lib/summary/_record.ts";
import type { Chunk } from "../../lib/core/_chunk.ts";
import { pipeline, readLines, sort } from "../../mod.ts";
import { chunkProbe, collect, EDGE_CHARS, withTempDir } from "../_helpers.ts";

/**
 * A sorter with `budgetBytes`, spilling into `spill`, as sort() makes one:
 * keyed, or (`keyed` false) of items that are their own keys.
 */
function keyedSorter(
  spill: SpillDir,
  budgetBytes: number,
  keyed = true,
): ExternalSorter {
  return new ExternalSorter({
    budgetBytes,
    spill,
    fanIn: 64,
    stats: new StageStats("sort", "sort", ""),
    keyed,
    compare: defaultCompare,
    plain: true,
    reverse: false,
    wantKeys: false,
  });
}

/** Every item `sorter` gives back, in order. */
async function sortedItems(sorter: ExternalSorter): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const entries of sorter.sorted()) out.push(...entries.items);
  return out;
}

Deno.test("ExternalSorter frees its buffer before it merges runs", async () => {
  await withTempDir(async (dir) => {
    const spill = new SpillDir(dir);
    const sorter = keyedSorter(spill, 1 << 20);
    const items = Array.from({ length: 40_000 }, (_, i) => `line ${i} é`);
    const keys = items.map((_, i) => (i * 7919) % 1000);
    await sorter.addAll(keys, items);
    assert.ok(sorter.runs.length > 1, `${sorter.runs.length} runs`);
    // The arena is in use while reading.
    assert.ok(sorter.allocatedBytes > 1 << 19, `${sorter.allocatedBytes}`);
    assert.ok(sorter.heldBytes > 1 << 18, `${sorter.heldBytes}`);
    let n = 0;
    for await (const entries of sorter.sorted()) {
      // The merge's blocks are its own; the arena is gone.
      assert.equal(sorter.allocatedBytes, 0);
      assert.equal(sorter.heldBytes, 0);
      n += entries.items.length;
    }
    assert.equal(n, items.length);
    await spill.remove();
  });
});

Deno.test("ExternalSorter starts in less than 128 KiB, whatever its budget, and spills from there", async () => {
  // glibc's malloc maps a block of 128 KiB or more on its own; freed, such
  // a block raises the size from which it maps blocks, and smaller blocks
  // freed later stay resident. The first buffer is let go once the arena
  // grows, so it stays under that size.
  await withTempDir(async (dir) => {
    const spill = new SpillDir(dir);
    for (const budget of [1 << 20, 16 << 20, 64 << 20, 1 << 30]) {
      const sorter = keyedSorter(spill, budget);
      await sorter.addAll([3, 1, 2], ["c", "a", "b"]);
      assert.ok(
        sorter.allocatedBytes < 128 * 1024,
        `${budget}: ${sorter.allocatedBytes}`,
      );
    }
    // A run written before the arena grew: its staging area comes then.
    const sorter = keyedSorter(spill, 16 << 20);
    const items = Array.from({ length: 300 }, (_, i) => `line ${i} é`);
    const keys = items.map((_, i) => (i * 37) % 300);
    await sorter.addAll(keys.slice(0, 150), items.slice(0, 150));
    await sorter.spill();
    await sorter.addAll(keys.slice(150), items.slice(150));
    assert.equal(sorter.runs.length, 1);
    const want = items.map((item, i) => [keys[i]!, item] as const)
      .sort((a, b) => a[0] - b[0]).map(([, item]) => item);
    assert.deepEqual(await sortedItems(sorter), want);
    await spill.remove();
  });
});

Deno.test("ExternalSorter without keys holds string items as their UTF-8 only, not as strings on V8's heap", async () => {
  // Kept as strings until a spill, the items survived V8's scavenges and
  // grew its young generation: `sluice sort` of whole lines.
  await withTempDir(async (dir) => {
    const spill = new SpillDir(dir);
    const sorter = keyedSorter(spill, 64 << 20, false);
    const items = Array.from(
      { length: 5000 },
      (_, i) => `${(i * 7919) % 5000} ${"x".repeat(90)} ${i % 7 ? "" : "é"}`,
    );
    // In chunks (encoded together) and one by one.
    await sorter.addAll(undefined, items.slice(0, 4000));
    for (const item of items.slice(4000)) assert.ok(!sorter.add(0, item));
    let utf8 = 0;
    for (const item of items) utf8 += new TextEncoder().encode(item).length;
    // Per entry: its offset, length, flags and key slots, and a prefix.
    const perEntry = (sorter.bytes - utf8) / items.length;
    assert.ok(perEntry <= 40, `${perEntry} bytes an entry besides its UTF-8`);
    assert.deepEqual(await sortedItems(sorter), [...items].sort());
    await spill.remove();
  });
});

Deno.test("RunWriter.close() frees a buffer it made and leaves one it was given", async () => {
  await withTempDir(async (dir) => {
    const spill = new SpillDir(dir);
    const own = await RunWriter.create(await spill.file(), 1 << 16);
    await own.write(new Uint8Array(100));
    assert.equal(own.buffer.length, 1 << 16);
    assert.equal(await own.close(), 100);
    assert.equal(own.buffer.length, 0);
    const given = new Uint8Array(1 << 12);
    const path = await spill.file();
    const lent = await RunWriter.create(path, given);
    const at = await lent.reserve(3);
    lent.buffer.set([1, 2, 3], at);
    assert.equal(await lent.close(), 3);
    assert.equal(given.length, 1 << 12);
    assert.deepEqual(await Deno.readFile(path), new Uint8Array([1, 2, 3]));
    // A record larger than the buffer given grew one of the writer's own.
    const grown = await RunWriter.create(await spill.file(), given);
    await grown.reserve(1 << 13);
    await grown.close();
    assert.equal(grown.buffer.length, 0);
    assert.equal(given.length, 1 << 12);
    await spill.remove();
  });
});

Deno.test("RunWriter.putText() writes a text's UTF-8 as TextEncoder does, short or long, in a buffer of its own or one given, and nothing else", async () => {
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    // Over the room beside the buffer (a third of 4 KiB in code units).
    fc.string({ unit: "binary", minLength: 1300, maxLength: 2000 }),
    fc.constantFrom("", "a", "\ud800", "x\udc00y", "é😀"),
  );
  const encoder = new TextEncoder();
  await withTempDir(async (dir) => {
    const spill = new SpillDir(dir);
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (texts, own) => {
          const size = 6 * 2000 + 64;
          const given = new Uint8Array(size).fill(0xaa);
          const writer = await RunWriter.create(
            await spill.file(),
            own ? size : given,
          );
          const buf = writer.buffer;
          buf.fill(0xaa);
          const expected = new Uint8Array(size).fill(0xaa);
          let at = 7;
          for (const t of texts) {
            const bytes = encoder.encode(t);
            assert.equal(writer.putText(t, at), bytes.length);
            expected.set(bytes, at);
            at += 3 * t.length + 1;
            if (at + 3 * 2000 > size) at = 7;
          }
          assert.deepEqual(writer.buffer, expected);
          await writer.close();
        },
      ),
      { numRuns: 200 },
    );
    await spill.remove();
  });
});

Deno.test("a merge's read blocks take at most 4 MiB together, however many runs and whatever the budget", async () => {
  // A third of a 64 MiB budget over the runs of 4 GiB (89 runs, 188 KiB
  // blocks) peaked at 130.5 MiB RSS in groupBy(); the same merge in blocks
  // of 4 MiB in all, 116.7, and as fast.
  await withTempDir(async (dir) => {
    const spill = new SpillDir(dir);
    for (const [k, budget] of [[2, 1 << 30], [64, 1 << 30], [64, 1 << 24]]) {
      const paths: string[] = [];
      for (let r = 0; r < k!; r++) {
        const path = await spill.file();
        const writer = await RunWriter.create(path, 4096);
        await writeKeyedRun(writer, 3, (i) => `k${i * k! + r}`, (i) => `${i}`);
        await writer.close();
        paths.push(path);
      }
      const stats = new StageStats("groupBy", "groupBy", "");
      let n = 0;
      for await (
        const entries of mergeAll(paths, {
          budgetBytes: budget!,
          spill,
          fanIn: 256,
          stats,
          keyed: true,
          compare: defaultCompare,
          reverse: false,
          wantKeys: true,
        })
      ) n += entries.items.length;
      assert.equal(n, 3 * k!);
      // Each run's block is counted three times (its bytes and what its
      // records decode to): 2 runs take 256 KiB blocks, 64 runs 64 KiB
      // (else 256 KiB), and with 16 MiB of budget 85 KiB.
      const block = Math.min(256 * 1024, (4 << 20) / k!, budget! / (3 * k!));
      assert.equal(stats.peakBytes, 3 * k! * Math.floor(block), `${k} runs`);
      assert.ok(stats.peakBytes <= 3 * (4 << 20));
    }
    await spill.remove();
  });
});

Deno.test("the runs of a spilling stage are merged early only beyond 256 of them, by default", async () => {
  // Each run beyond the fan-in is written and read once more: with 64,
  // sort() over 4 GiB with a 64 MiB budget spilled twice as much, 20% slower.
  await withTempDir(async (dir) => {
    const spill = new SpillDir(dir);
    const stats = new StageStats("sort", "sort", "");
    const { budget, fanIn } = spillSettings("sort", {});
    const runs = new RunList({
      budgetBytes: budget,
      spill,
      fanIn,
      stats,
      keyed: false,
      compare: defaultCompare,
      reverse: false,
      wantKeys: false,
    });
    const add = async () => {
      const path = await spill.file();
      await (await RunWriter.create(path, 4096)).close();
      await runs.add(path);
    };
    for (let i = 0; i < 255; i++) await add();
    assert.equal(runs.length, 255);
    assert.equal(stats.counters.earlyMerges, undefined);
    await add();
    assert.equal(runs.length, 1);
    assert.equal(stats.counters.earlyMerges, 1);
    await spill.remove();
  });
});

Deno.test("sort() merges number and string keys spilled to many runs, either way round, stably", async () => {
  const key = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.double({ noNaN: true, min: -3, max: 3 }),
    fc.constantFrom(-0, 0, 2 ** 40, -(2 ** 40)),
    fc.string({ maxLength: 3 }),
  );
  const text = fc.string({ unit: "binary", maxLength: 30 });
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(key, text), { maxLength: 500, size: "max" }),
      fc.boolean(),
      async (rows, reverse) => {
        const items = rows.map(([k, t], i) => ({ k, t, i }));
        const out = await collect(
          pipeline(items, sort((r) => r.k, { budget: 4096, reverse })),
        );
        const cmp = (a: string | number, b: string | number) =>
          defaultCompare(a, b);
        const want = [...items].sort((a, b) =>
          (reverse ? cmp(b.k, a.k) : cmp(a.k, b.k)) || a.i - b.i
        );
        // Objects come back through JSON: -0 as 0.
        assert.deepEqual(out, JSON.parse(JSON.stringify(want)));
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("sort() gives back ASCII and non-ASCII lines exactly when it merges them", async () => {
  const words = [
    "plain",
    "café ☕",
    "запрос",
    "🎉",
    "x".repeat(600),
    "é".repeat(300),
    "",
  ];
  const lines = Array.from(
    { length: 5000 },
    (_, i) => `${(i * 7919) % 97} ${words[i % words.length]} ${i}`,
  );
  const key = (l: string) => Number(l.split(" ")[0]);
  const out = await collect(pipeline(lines, sort(key, { budget: 16384 })));
  const want = lines.map((l, i) => ({ l, i, k: key(l) }))
    .sort((a, b) => a.k - b.k || a.i - b.i).map((e) => e.l);
  assert.deepEqual(out, want);
});

Deno.test("bufferBytes() keeps room for V8's young generation beside a large buffer", () => {
  const MiB = 1024 * 1024;
  // Small budgets: 0.7 for the buffer, as always.
  assert.equal(bufferBytes(4096), Math.floor(4096 * 0.7));
  assert.equal(bufferBytes(16 * MiB), Math.floor(16 * MiB * 0.7));
  // Large ones: at most half, and never less than 32 MiB left over.
  assert.equal(bufferBytes(64 * MiB), 32 * MiB);
  assert.equal(bufferBytes(1024 * MiB), 512 * MiB);
  for (let b = 4096; b < 4096 * MiB; b = Math.ceil(b * 1.37)) {
    const n = bufferBytes(b);
    assert.ok(n >= b / 2 - 1 && n <= b * 0.7 + 1, `${b}: ${n}`);
    assert.ok(bufferBytes(b + 4096) >= n, `grows with the budget at ${b}`);
  }
});

Deno.test("ExternalSorter with a 64 MiB budget buffers in half of it, three quarters with its index", async () => {
  await withTempDir(async (dir) => {
    const sorter = keyedSorter(new SpillDir(dir), 64 << 20, false);
    await sorter.addAll(
      undefined,
      Array.from({ length: 20_000 }, (_, i) => `line ${i}`),
    );
    // 32 MiB of text, its staging area and the index of entries.
    assert.ok(sorter.allocatedBytes <= 48 << 20, `${sorter.allocatedBytes}`);
    assert.ok(sorter.allocatedBytes >= 32 << 20, `${sorter.allocatedBytes}`);
  });
});

Deno.test("ExternalSorter counts as held what its entries filled, not the arena it allocated", async () => {
  // Of an array buffer only the pages written to are resident: a sort of
  // 1 MiB of lines in a 64 MiB budget said it held its whole 32 MiB arena.
  await withTempDir(async (dir) => {
    const spill = new SpillDir(dir);
    const sorter = keyedSorter(spill, 64 << 20, false);
    const items = Array.from(
      { length: 8_000 },
      (_, i) => `line ${i} `.repeat(12),
    );
    const text = items.reduce((n, item) => n + item.length, 0);
    await sorter.addAll(undefined, items);
    assert.ok(sorter.allocatedBytes >= 32 << 20, `${sorter.allocatedBytes}`);
    assert.ok(sorter.heldBytes >= text, `${sorter.heldBytes} < ${text}`);
    assert.ok(sorter.heldBytes < 4 * text, `${sorter.heldBytes}`);
    // A spill empties the arena; its pages, and the staging area's, stay.
    const before = sorter.heldBytes;
    await sorter.spill();
    assert.ok(sorter.heldBytes >= before, `${sorter.heldBytes} < ${before}`);
    assert.ok(sorter.heldBytes < 4 * text, `${sorter.heldBytes}`);
    await spill.remove();
  });
});

const codeUnits = (s: string) => {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};

Deno.test("utf8Length() and putUtf8() give TextEncoder's bytes for well-formed code units, and -1 for a lone surrogate", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.constantFrom(
        "",
        "\ud800",
        "\udfff",
        "x\ud83d",
        "\ude00y",
        "\udbff\ue000",
        "\ud7ff\udc00",
      ),
      fc.nat({ max: 5 }),
      (text, odd, at) => {
        for (const s of [text, text + odd, odd + text]) {
          // The units sit at an offset, as keys do in the sorter's block.
          const chars = new Uint16Array(at + s.length + 3);
          chars.set(codeUnits(s), at);
          const n = utf8Length(chars, at, s.length);
          if (!s.isWellFormed()) {
            assert.equal(n, -1, JSON.stringify(s));
            continue;
          }
          const want = new TextEncoder().encode(s);
          assert.equal(n, want.length, JSON.stringify(s));
          const out = new Uint8Array(n + 4).fill(0xee);
          putUtf8(chars, at, s.length, out, 2);
          assert.deepEqual(out.subarray(2, 2 + n), want);
          assert.deepEqual([...out.subarray(0, 2), ...out.subarray(2 + n)], [
            0xee,
            0xee,
            0xee,
            0xee,
          ]);
        }
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("textPrefix() orders two strings as < does wherever their prefixes differ", () => {
  const unit = fc.oneof(
    fc.constantFrom(0, 1, 0x1ffe, 0x1fff, 0x2000, 0xd800, 0xffff),
    fc.integer({ min: 0, max: 0xffff }),
    fc.integer({ min: 0x30, max: 0x39 }),
  );
  const text = fc.array(unit, { maxLength: 7 }).map((u) =>
    String.fromCharCode(...u)
  );
  let differed = 0;
  fc.assert(
    fc.property(text, text, (a, b) => {
      const pa = textPrefix(codeUnits(a), 0, a.length);
      const pb = textPrefix(codeUnits(b), 0, b.length);
      assert.ok(Number.isSafeInteger(pa) && pa >= 0);
      if (pa === pb) return;
      differed++;
      assert.equal(pa < pb, a < b, `${JSON.stringify(a)} ${JSON.stringify(b)}`);
    }),
    { numRuns: 5000 },
  );
  assert.ok(differed > 1000, `${differed} pairs differed`);
  // A string and its continuation: the shorter first.
  const p = (s: string) => textPrefix(codeUnits(s), 0, s.length);
  assert.ok(p("ab") < p("abc"));
  assert.ok(p("\u2000a") === p("\u3000b"), "after a high unit, nothing counts");
});

Deno.test("utf8Prefix() orders two texts as compareUtf8() does wherever their prefixes differ", () => {
  const encoder = new TextEncoder();
  const char = fc.constantFrom(...EDGE_CHARS);
  const text = fc.array(char, { maxLength: 8 }).map((cs) =>
    encoder.encode(cs.join(""))
  );
  let differed = 0;
  fc.assert(
    fc.property(text, text, (a, b) => {
      // At an offset, as a key lies in a run's block.
      const x = new Uint8Array([7, ...a]);
      const pa = utf8Prefix(x, 1, a.length);
      const pb = utf8Prefix(b, 0, b.length);
      assert.ok(Number.isSafeInteger(pa) && pa >= 0);
      if (pa === pb) return;
      differed++;
      const c = compareUtf8(x, 1, a.length, b, 0, b.length);
      assert.equal(pa < pb, c < 0, `${a} against ${b}`);
    }),
    { numRuns: 5000 },
  );
  assert.ok(differed > 1000, `${differed} pairs differed`);
  const p = (s: string) => {
    const bytes = encoder.encode(s);
    return utf8Prefix(bytes, 0, bytes.length);
  };
  assert.ok(p("ab") < p("abc"));
  assert.ok(
    p("\ue000a") === p("😀b"),
    "after a byte from 0xEE, nothing counts",
  );
  assert.ok(p("abcdefX") === p("abcdefY"), "six bytes, no more");
});

Deno.test("sort() hands on chunks that list exactly their non-ASCII lines, spilled or not, read from a file or given as strings, with lines that have no key", async () => {
  const words = ["plain words here", "café ☕ on the long side", "😀", "ok"];
  const lines = Array.from(
    { length: 3000 },
    (_, i) => `${(i * 7919) % 89} ${words[(i * 31) % 7 % words.length]} ${i}`,
  );
  const notAscii = (s: string) => {
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
    return false;
  };
  // Some lines have no key: sorted last, apart (their queue notes which are
  // ASCII too), and the chunk's note of non-ASCII lines is renumbered for
  // the rest.
  const key = (l: string) => {
    const k = Number(l.split(" ")[0]);
    return k % 13 === 5 ? undefined : k;
  };
  await withTempDir(async (dir) => {
    const path = `${dir}/in.log`;
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    for (const budget of [8192, 1 << 20]) {
      for (const source of [() => readLines(path), () => lines]) {
        let checked = 0;
        const see = (chunk: Chunk<string>) => {
          // Every chunk has a note, the keyless lines' too.
          assert.ok(chunk.wide !== undefined, `${budget}: a chunk without`);
          const wide = new Set(chunk.wide);
          chunk.items.forEach((s, i) => {
            assert.equal(wide.has(i), notAscii(s), `${budget}: ${s}`);
            checked++;
          });
        };
        const run = pipeline(
          source(),
          sort(key, { budget, tempDir: dir }),
          chunkProbe(see),
        );
        await collect(run);
        assert.equal(checked, lines.length);
        assert.equal(
          (run.summary.stages[1]!.counters.runsWritten ?? 0) > 0,
          budget === 8192,
        );
      }
    }
  });
});

Deno.test("parseJsonBytes() gives what JSON.parse gives, and throws where it throws", () => {
  const encoder = new TextEncoder();
  // Integers, arrays of them and null (read from the bytes), JSON of any
  // kind, and near misses: leading zeros, signs, commas, decimals,
  // exponents, blanks, long numbers, words that are not null.
  const text = fc.oneof(
    fc.array(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constant(-0)))
      .map((a) => JSON.stringify(a).replace("0,", "-0,")),
    fc.oneof(fc.integer(), fc.maxSafeInteger()).map(String),
    fc.json(),
    fc.array(
      fc.constantFrom(
        "[",
        "]",
        "-",
        "0",
        "1",
        "9",
        ",",
        ".",
        "e",
        " ",
        "n",
        "u",
        "l",
      ),
      {
        maxLength: 12,
      },
    ).map((cs) => cs.join("")),
    fc.constantFrom(
      "[1234567890123456]",
      "[000]",
      "[-]",
      "[1,]",
      "[,1]",
      "[]",
      "null",
      "nul",
      "nulL",
      "null ",
      "-0",
      "00",
      "-",
      "1234567890123456",
      "123456789012345",
      "-123456789012345",
    ),
  );
  fc.assert(
    fc.property(text, (t) => {
      const bytes = encoder.encode(`xx${t}yy`);
      let expected: unknown;
      try {
        expected = JSON.parse(t);
      } catch {
        assert.throws(() => parseJsonBytes(bytes, 2, bytes.length - 4));
        return;
      }
      const got = parseJsonBytes(bytes, 2, bytes.length - 4);
      assert.deepEqual(got, expected);
      // -0 stays -0, as JSON.parse reads it.
      assert.equal(
        JSON.stringify(got, (_, v) => Object.is(v, -0) ? "-0" : v),
        JSON.stringify(expected, (_, v) => Object.is(v, -0) ? "-0" : v),
      );
    }),
    { numRuns: 3000 },
  );
});

Deno.test("ExternalSorter keeps a lone surrogate that its chunk's hint did not list as non-ASCII", async () => {
  await withTempDir(async (dir) => {
    for (const budgetBytes of [4096, 1 << 20]) {
      const spill = new SpillDir(dir);
      const sorter = keyedSorter(spill, budgetBytes);
      // The hint lists "é" but neither "\ud800" nor "ü": wrong, which may
      // cost speed and nothing else.
      const items = ["ab", "\ud800", "c", "é", "ü"];
      await sorter.addAll(items.map(() => 0), items, [3]);
      const out = await sortedItems(sorter);
      await spill.remove();
      assert.deepEqual(out, items, `budget ${budgetBytes}`);
    }
  });
});

Deno.test("ExternalSorter gives back every line as it was added, whatever the chunk said of its non-ASCII lines and whatever the lines hold", async () => {
  const line = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.constantFrom("é", "😀", "a\nb", "\n", "", "\r\n", "\ud800", "x\u0800y"),
  );
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), line), {
          maxLength: 700,
        }),
        fc.constantFrom("none", "right", "wrong", "all"),
        fc.boolean(),
        fc.integer(),
        async (rows, hint, spills, seed) => {
          const items = rows.map(([, l]) => l);
          const keys = rows.map(([k]) => k);
          const notAscii = (s: string) => [...s].some((c) => c > "\x7f");
          // The hint: absent, exact, a pseudo-random subset (wrong either
          // way), or every line.
          const wide = hint === "none"
            ? undefined
            : items.flatMap((s, i) =>
              hint === "all" ||
                (hint === "right"
                  ? notAscii(s)
                  : ((i * 2654435761 + seed) >>> 0) % 3 === 0)
                ? [i]
                : []
            );
          const spill = new SpillDir(dir);
          const sorter = keyedSorter(spill, spills ? 4096 : 1 << 20);
          await sorter.addAll(keys, items, wide);
          const out = await sortedItems(sorter);
          await spill.remove();
          const want = rows.map(([k, l], i) => ({ k, l, i }))
            .sort((a, b) => a.k - b.k || a.i - b.i).map((e) => e.l);
          assert.deepEqual(out, want);
        },
      ),
      { numRuns: 150 },
    );
  });
});

Deno.test("an early merge turns the event loop as it writes: timers and signals do not wait for the whole merge", async () => {
  await withTempDir(async (dir) => {
    const spill = new SpillDir(dir);
    const stats = new StageStats("sort", "sort", "");
    const runs = new RunList({
      budgetBytes: 1 << 24,
      spill,
      fanIn: 2,
      stats,
      keyed: true,
      compare: defaultCompare,
      reverse: false,
      wantKeys: false,
    });
    // Two runs of 1.2 MiB each, merged into one of 2.4 MiB.
    const run = async (r: number) => {
      const path = await spill.file();
      const writer = await RunWriter.create(path, 65536);
      await writeKeyedRun(
        writer,
        40000,
        (i) => `k${String(2 * i + r).padStart(8, "0")}`,
        () => JSON.stringify("x".repeat(40)),
      );
      await writer.close();
      return path;
    };
    await runs.add(await run(0));
    const second = await run(1);
    const real = globalThis.setImmediate;
    let turns = 0;
    globalThis.setImmediate = ((f: () => void) => {
      turns++;
      return real(f);
    }) as typeof setImmediate;
    try {
      await runs.add(second);
    } finally {
      globalThis.setImmediate = real;
    }
    assert.equal(stats.counters.earlyMerges, 1);
    assert.equal(runs.length, 1);
    const merged = (await Deno.stat(runs.paths[0]!)).size;
    assert.ok(merged > 2 << 20, `${merged} bytes merged`);
    // One after each write of the writer's buffer of 1 MiB.
    assert.equal(turns, Math.floor(merged / (1 << 20)));
    await spill.remove();
  });
});
