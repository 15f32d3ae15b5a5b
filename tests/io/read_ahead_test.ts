// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import fc from "fast-check";
import { bytesFrom, encoder, withTempDir } from "../_helpers.ts";
import { referenceLines } from "../_reference.ts";
import {
  LineSplitter,
  type SplitterOptions,
} from "../../lib/io/_line_splitter.ts";
import { LiteralSearch } from "../../lib/io/_literal_search.ts";
import { ReadAhead } from "../../lib/io/_read_ahead.ts";

/**
 * Lines of 0 to 40 bytes, some holding "ab", and a few of 100 to 6,000: a
 * line carried over may be longer than a gap, or reach into the other half.
 */
const POOL = [
  "",
  "x",
  "ab",
  "xxab",
  "a",
  "b",
  "ba",
  "\r",
  "\u00e9",
  "0123456789".repeat(4),
  "ab" + "y".repeat(37),
  "z".repeat(100),
  "ab".repeat(150),
  "q".repeat(4500) + "ab",
  "r".repeat(6000),
].map((s) => encoder.encode(s));

/** A splitter of `path` that reads `readBytes` at a time, lines to 1 MiB. */
function splitterOf(
  path: string | undefined,
  readBytes: number,
  more: Partial<SplitterOptions> = {},
): LineSplitter {
  return new LineSplitter({
    path,
    readBytes,
    maxLineBytes: 1 << 20,
    onLongLine: "error",
    fatal: false,
    ...more,
  });
}

/**
 * Splits the file at `path` with `splitter`, reading it through a
 * ReadAhead of `readBytes` and `gapBytes` (and in this thread once that
 * stops), as readLines does: the splitter's lines, and whether the
 * ReadAhead stopped. With `instant`, each read lands as it starts (a read
 * on an I/O thread may land at any time while the last one's lines are
 * split): a read into bytes still to be split spoils them.
 */
async function throughReadAhead(
  path: string,
  splitter: LineSplitter,
  readBytes: number,
  gapBytes: number,
  slice: number,
  instant: boolean,
): Promise<{ items: string[]; stopped: boolean }> {
  using file = await Deno.open(path);
  let offset = 0;
  const read = async (p: Uint8Array) => {
    const n = instant ? file.readSync(p) : await file.read(p);
    if (n !== null) offset += n;
    return n;
  };
  const ahead = new ReadAhead(read, () => offset, readBytes, gapBytes);
  const items: string[] = [];
  try {
    while (true) {
      if (splitter.ahead > 0) {
        splitter.commitAhead(slice);
      } else if (!ahead.stopped) {
        const bytes = await ahead.next(splitter);
        if (bytes === null) break;
        assert.ok(bytes.length > 0 && bytes.length <= readBytes);
        splitter.commitAhead(slice);
      } else {
        const space = splitter.space();
        const n = file.readSync(space);
        if (n === null) break;
        offset += n;
        splitter.commit(n);
      }
      items.push(...splitter.take().items);
    }
    splitter.end();
    items.push(...splitter.take().items);
  } finally {
    await ahead.settle();
  }
  return { items, stopped: ahead.stopped };
}

const layout = fc.record({
  parts: fc.array(fc.nat(), { maxLength: 200 }),
  readBytes: fc.integer({ min: 1, max: 9000 }),
  gapBytes: fc.integer({ min: 0, max: 400 }),
  slice: fc.integer({ min: 1, max: 9000 }),
  instant: fc.boolean(),
});

Deno.test("lines read ahead into two halves of the buffer are the file's lines, however the reads and lines fall", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/lines.log`;
    await fc.assert(
      fc.asyncProperty(
        layout,
        async ({ parts, readBytes, gapBytes, slice, instant }) => {
          const bytes = bytesFrom(parts, POOL);
          await Deno.writeFile(path, bytes);
          const splitter = splitterOf(path, readBytes);
          const { items, stopped } = await throughReadAhead(
            path,
            splitter,
            readBytes,
            gapBytes,
            slice,
            instant,
          );
          const ref = referenceLines(bytes);
          assert.ok(!("error" in ref));
          assert.deepEqual(items, ref.lines);
          // Only a line longer than a gap stops the reads ahead.
          const longest = Math.max(
            0,
            ...new TextDecoder().decode(bytes).split("\n").map((l) =>
              encoder.encode(l).length
            ),
          );
          if (longest <= gapBytes) assert.equal(stopped, false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

Deno.test("a count of the lines (that hold a literal, or all), read ahead, is the count of the file's lines (that hold it)", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/lines.log`;
    await fc.assert(
      fc.asyncProperty(
        layout,
        fc.boolean(),
        async ({ parts, readBytes, gapBytes, instant }, all) => {
          const bytes = bytesFrom(parts, POOL);
          await Deno.writeFile(path, bytes);
          const splitter = splitterOf(path, readBytes, {
            ...(all ? {} : { match: "ab", search: LiteralSearch }),
            countOnly: true,
          });
          const { items } = await throughReadAhead(
            path,
            splitter,
            readBytes,
            gapBytes,
            readBytes,
            instant,
          );
          const ref = referenceLines(bytes);
          assert.ok(!("error" in ref));
          assert.equal(
            items.length,
            ref.lines.filter((l) => all || l.includes("ab")).length,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

Deno.test("reads ahead land 2048 bytes past the file offset's place in a page, each half behind its gap", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/lines.log`;
    // Lines of 99 bytes and an LF: a line is carried over at each read.
    await Deno.writeTextFile(path, ("x".repeat(99) + "\n").repeat(2000));
    using file = await Deno.open(path);
    let offset = 0;
    const places: number[] = [];
    const readBytes = 30_000;
    const gapBytes = 5000;
    const read = async (p: Uint8Array) => {
      places.push(p.byteOffset);
      assert.equal(p.length, readBytes);
      const at = offset;
      const n = await file.read(p);
      if (n !== null) offset += n;
      // The region's place in its page: 2048 past the file offset's.
      assert.equal(((p.byteOffset - at) % 4096 + 4096) % 4096, 2048);
      return n;
    };
    const splitter = splitterOf(path, 4096);
    const ahead = new ReadAhead(read, () => offset, readBytes, gapBytes);
    let lines = 0;
    while (true) {
      const bytes = await ahead.next(splitter);
      if (bytes === null) break;
      splitter.commitAhead(bytes.length);
      lines += splitter.take().items.length;
    }
    splitter.end();
    lines += splitter.take().items.length;
    assert.equal(lines, 2000);
    assert.equal(ahead.stopped, false);
    // The two halves in turn, each at least a gap into its part.
    const base = splitter.buffer.byteOffset;
    const half = gapBytes + readBytes + 4096;
    for (const [k, place] of places.entries()) {
      const at = place - base - (k % 2) * half;
      assert.ok(at >= gapBytes && at < gapBytes + 4096, `read ${k} at ${at}`);
    }
    assert.ok(
      splitter.buffer.length >= ReadAhead.bufferBytes(readBytes, gapBytes),
    );
  });
});

Deno.test("a line carried over that outgrows the gap is never moved over a read already landed in the other half", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/lines.log`;
    // Reads of 3,080 bytes, gaps of 16: the third read, at file offset
    // 6,160, lands at the very start of the first half (16 bytes in), while
    // the second one's last 2,680 bytes, the start of a long line, are
    // split. A carried line moved to the front of the buffer would spoil
    // them.
    const long = "0123456789".repeat(900) + "!";
    const text = "x\n".repeat(1740) + long + "\nend\n";
    await Deno.writeTextFile(path, text);
    const splitter = splitterOf(path, 3080);
    const { items, stopped } = await throughReadAhead(
      path,
      splitter,
      3080,
      16,
      3080,
      true,
    );
    assert.equal(stopped, true);
    assert.equal(items.length, 1742);
    assert.equal(items[1740], long);
    assert.equal(items[1741], "end");
  });
});

/**
 * `sluice grep -c` with `args` (the files last) and `--summary-json`: what
 * it printed, and its reader's row of the summary.
 */
async function countWithSummary(
  dir: string,
  args: string[],
): Promise<{ out: string; reader: Record<string, unknown> }> {
  const json = `${dir}/summary.json`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("../../lib/cli/main.ts", import.meta.url).pathname,
      "grep",
      "-c",
      ...args,
      "--summary-json",
      json,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return {
    out: new TextDecoder().decode(out.stdout),
    reader: JSON.parse(await Deno.readTextFile(json)).stages[0],
  };
}

Deno.test("a count that reads ahead stays within the reader's bound, and its summary says what the buffer is for", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    const line = '2026-12-07T10:00:00Z ERROR api req=r1 msg="timeout"\n';
    const lines = Math.ceil(8e6 / line.length);
    await Deno.writeTextFile(path, line.repeat(lines));
    const { out, reader } = await countWithSummary(dir, ["ERROR", path]);
    assert.equal(out, `${lines}\n`);
    assert.match(
      reader.bound as string,
      /^3\.3 MiB buffer \(a count's reads ahead\)/,
    );
    // Both halves of 1.5 MiB held, within the bound.
    const peak = reader.peakBytes as number;
    assert.ok(peak > 3 * 1024 * 1024, `${peak}`);
    assert.ok(peak <= (reader.boundBytes as number));
  });
});

Deno.test("a count of several literals reads in this thread, within the reader's bound", async () => {
  await withTempDir(async (dir) => {
    // Lines as short as can be: the search of several literals marks each
    // line of a slice that holds one, in arrays as long as the slice's
    // lines.
    const path = `${dir}/a.log`;
    await Deno.writeTextFile(path, "A\n".repeat(4_000_000));
    const several = await countWithSummary(dir, [
      "-F",
      "-e",
      "A",
      "-e",
      "B",
      path,
    ]);
    assert.equal(several.out, "4000000\n");
    assert.doesNotMatch(several.reader.bound as string, /reads ahead/);
    assert.ok(
      (several.reader.peakBytes as number) <=
        (several.reader.boundBytes as number),
      `${several.reader.peakBytes} > ${several.reader.boundBytes}`,
    );
  });
});

Deno.test("a buffer grown for reads ahead is the next splitter's, not a new one", () => {
  const first = splitterOf(undefined, 4096, { countOnly: true });
  // Larger than the splitter's first buffer (4 KiB reads and 64 KiB).
  first.reserve(ReadAhead.bufferBytes(200_000, 1024));
  const grown = first.buffer;
  first.release();
  const next = splitterOf(undefined, 4096, { countOnly: true });
  assert.ok(next.buffer === grown, "a new buffer");
  // Its reserve() then grows nothing.
  next.reserve(ReadAhead.bufferBytes(200_000, 1024));
  assert.ok(next.buffer === grown, "grown again");
  next.release();
  // Not a splitter of other lines that starts as long: its reader's bound
  // may not hold it.
  const other = splitterOf(undefined, 4096, {
    countOnly: true,
    maxLineBytes: 65535,
  });
  assert.equal(
    LineSplitter.startBytes(4096, 65535),
    LineSplitter.startBytes(4096, 1 << 20),
  );
  assert.ok(other.buffer !== grown, "taken by other lines");
  assert.equal(other.buffer.length, LineSplitter.startBytes(4096, 65535));
});
