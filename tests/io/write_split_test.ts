// Copyright 2026 the sluice authors. MIT license.
// writeSplit: every item in the part its key names, in order, against a
// reference that groups the items in memory; parts in place all or none.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  encodeLossless,
  map,
  partName,
  pipeline,
  readLines,
  StageError,
  Summary,
  UNTERMINATED,
  writeSplit,
} from "../../mod.ts";
import { listDir, openFds, withTempDir } from "../_helpers.ts";

Deno.test("writeSplit() writes each line to its key's part, in order, whatever maxOpen", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          key: fc.constantFrom("a", "b", "c/d", "", "é", "\ud83d", "x.y"),
          text: fc.string({ maxLength: 8 }).map((s) => s.replace(/\n/g, " ")),
        }),
        { maxLength: 60 },
      ),
      fc.integer({ min: 1, max: 4 }),
      async (items, maxOpen) => {
        await withTempDir(async (dir) => {
          const parts: string[] = [];
          const summary = new Summary();
          await pipeline(
            items,
            writeSplit((item) => item.key, {
              prefix: `${dir}/p-`,
              maxOpen,
              text: (item) => item.text,
              parts,
            }),
            { summary },
          );
          // The reference: the items grouped by key, in first-seen order.
          const expected = new Map<string, string[]>();
          for (const item of items) {
            const lines = expected.get(item.key) ?? [];
            lines.push(item.text);
            expected.set(item.key, lines);
          }
          assert.deepEqual(
            parts,
            [...expected.keys()].map((k) => `${dir}/p-${partName(k)}.log`),
          );
          for (const [k, lines] of expected) {
            const path = `${dir}/p-${partName(k)}.log`;
            assert.equal(
              await Deno.readTextFile(path),
              lines.map((l) => `${l}\n`).join(""),
            );
          }
          // Nothing else is left beside the parts.
          assert.deepEqual(
            await listDir(dir),
            parts.map((p) => p.slice(dir.length + 1)).sort(),
          );
          const row = summary.stages.at(-1)!;
          assert.equal(row.counters.parts ?? 0, expected.size);
          const bytes = [...expected.values()].flat().reduce(
            (n, l) => n + new TextEncoder().encode(l).length + 1,
            0,
          );
          assert.equal(row.counters.bytesWritten ?? 0, bytes);
          assert.equal(summary.bytesWritten, bytes);
        });
      },
    ),
    { numRuns: 40 },
  );
});

Deno.test("writeSplit() gives distinct keys distinct names", () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (a, b) => {
      fc.pre(a !== b);
      assert.notEqual(partName(a), partName(b));
    }),
    { numRuns: 2000 },
  );
  // Half an emoji each: two names.
  assert.notEqual(partName("a\ud83d"), partName("a\ud83c"));
  assert.equal(partName(""), "%");
  assert.equal(partName(".hidden"), "%2Ehidden");
});

Deno.test("writeSplit() moves no part into place and leaves no temporary directory when the run fails", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/p-a.log`, "old\n");
    const before = openFds();
    await assert.rejects(
      pipeline(
        ["a 1", "b 2", "a 3", "boom", "b 4"],
        map((line: string) => {
          if (line === "boom") throw new Error("bad line");
          return line;
        }),
        writeSplit((line: string) => line.split(" ")[0]!, {
          prefix: `${dir}/p-`,
        }),
      ),
      /bad line/,
    );
    assert.deepEqual(await listDir(dir), ["p-a.log"]);
    assert.equal(await Deno.readTextFile(`${dir}/p-a.log`), "old\n");
    assert.equal(openFds(), before);
  });
});

Deno.test("writeSplit() names the line whose key or text failed, not the first of its chunk", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/in.log`,
      "a 1\nb 2\na 3\nb 4\nboom\na 6\n",
    );
    for (const fail of ["key", "text"]) {
      const boom = (line: string) => {
        if (line === "boom") throw new RangeError(`bad ${fail}`);
        return line;
      };
      await assert.rejects(
        pipeline(
          readLines(`${dir}/in.log`),
          writeSplit(
            (line: string) => (fail === "key" ? boom(line) : line).slice(0, 1),
            { prefix: `${dir}/p-`, text: fail === "text" ? boom : (l) => l },
          ),
        ),
        (error) =>
          error instanceof StageError && error.line === 5 &&
          error.path === `${dir}/in.log` &&
          error.cause instanceof RangeError &&
          error.message.includes(`at line 5 of "${dir}/in.log"`),
      );
      assert.deepEqual(await listDir(dir), ["in.log"]);
    }
  });
});

Deno.test("writeSplit() stops on an abort and leaves nothing behind", async () => {
  await withTempDir(async (dir) => {
    const controller = new AbortController();
    async function* lines() {
      for (let i = 0;; i++) {
        if (i === 1000) controller.abort(new Error("stopped"));
        yield `k${i % 3} ${i}`;
        await Promise.resolve();
      }
    }
    await assert.rejects(
      pipeline(
        lines(),
        writeSplit((line: string) => line.slice(0, 2), {
          prefix: `${dir}/`,
        }),
        { signal: controller.signal },
      ),
      /stopped/,
    );
    assert.deepEqual(await listDir(dir), []);
  });
});

Deno.test("writeSplit() fails before moving anything when a part's path is a directory", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/b.log`);
    await assert.rejects(
      pipeline(["a", "b"], writeSplit((l: string) => l, { prefix: `${dir}/` })),
      (error: Error) =>
        error.message.includes(
          `Cannot write the part "${dir}/b.log": it is a directory`,
        ),
    );
    assert.deepEqual(await listDir(dir), ["b.log"]);
  });
});

Deno.test("writeSplit() starts every part with the header and keeps bytes when lossless", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    // CRLF, an invalid byte and no LF at the end.
    await Deno.writeFile(
      input,
      new Uint8Array([
        ...new TextEncoder().encode("a 1\r\nb "),
        0xff,
        0x0a,
        0x61,
        0x20,
        0xff,
        0x0a,
        ...new TextEncoder().encode("b 3"),
      ]),
    );
    const parts: string[] = [];
    await pipeline(
      readLines(input, { lossless: true, markUnterminated: true }),
      writeSplit((line: string) => line[0]!, {
        prefix: `${dir}/out/`,
        header: "h",
        lossless: true,
        parts,
      }),
    );
    assert.deepEqual(parts, [`${dir}/out/a.log`, `${dir}/out/b.log`]);
    assert.deepEqual(
      await Deno.readFile(parts[0]!),
      new Uint8Array([
        ...new TextEncoder().encode("h\na 1\r\n"),
        0x61,
        0x20,
        0xff,
        0x0a,
      ]),
    );
    // The last line had no LF, and still has none.
    assert.equal(
      new TextDecoder().decode(await Deno.readFile(parts[1]!)),
      "h\nb \ufffd\nb 3",
    );
  });
});

Deno.test("writeSplit() lossless writes each part as the encoding of its lines joined, the last one marked unterminated without its LF, whatever the lines' sizes", async () => {
  // Lines of 6 MiB take the buffers' room past its bound (three bytes a
  // character), so that every part is written and its buffer let go.
  const big = "x".repeat(6 * 1024 * 1024);
  const text = fc.oneof(
    { weight: 12, arbitrary: fc.string({ maxLength: 6 }) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        UNTERMINATED,
        `a${UNTERMINATED}`,
        `a${UNTERMINATED}b`,
        "\udcff\ud800",
        "\ud83d\ude00",
      ),
    },
    { weight: 1, arbitrary: fc.constant(big) },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({ key: fc.constantFrom("a", "b", "c"), text }),
        { maxLength: 40 },
      ),
      fc.option(fc.constantFrom("h", "h\u00e9"), { nil: undefined }),
      async (items, header) => {
        await withTempDir(async (dir) => {
          const parts: string[] = [];
          await pipeline(
            items,
            writeSplit((item) => item.key, {
              prefix: `${dir}/p-`,
              text: (item) => item.text,
              header: () => header,
              lossless: true,
              parts,
            }),
          );
          const expected = new Map<string, string[]>();
          for (const item of items) {
            const lines = expected.get(item.key) ??
              (header === undefined ? [] : [header]);
            lines.push(item.text);
            expected.set(item.key, lines);
          }
          assert.equal(parts.length, expected.size);
          for (const [k, lines] of expected) {
            const marked = lines.at(-1)!.endsWith(UNTERMINATED);
            const want = encodeLossless(
              lines.join("\n") + (marked ? "" : "\n"),
            );
            const got = await Deno.readFile(`${dir}/p-${k}.log`);
            assert.ok(
              got.length === want.length && got.every((b, i) => b === want[i]),
              `part ${k}`,
            );
          }
        });
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("writeSplit() lossless makes a part whose one line is empty and marked unterminated, an empty file", async () => {
  await withTempDir(async (dir) => {
    const parts: string[] = [];
    await pipeline(
      [UNTERMINATED, "b"],
      writeSplit((line: string) => line === "b" ? "b" : "a", {
        prefix: `${dir}/p-`,
        lossless: true,
        parts,
      }),
    );
    assert.deepEqual(parts, [`${dir}/p-a.log`, `${dir}/p-b.log`]);
    assert.equal(await Deno.readTextFile(`${dir}/p-a.log`), "");
    assert.equal(await Deno.readTextFile(`${dir}/p-b.log`), "b\n");
  });
});

Deno.test("writeSplit() refuses a non-string item without text, and a bad maxOpen", async () => {
  assert.throws(
    () => writeSplit((x: string) => x, { maxOpen: 0 }),
    /maxOpen must be an integer of at least 1, got 0/,
  );
  await withTempDir(async (dir) => {
    await assert.rejects(
      pipeline([{ a: 1 }], writeSplit(() => "k", { prefix: `${dir}/` })),
      /Cannot write an item of type object as a line: give writeSplit a text option/,
    );
    assert.deepEqual(await listDir(dir), []);
  });
});
