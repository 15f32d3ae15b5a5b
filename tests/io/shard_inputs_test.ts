// Copyright 2026 the sluice authors. MIT license.
// shardInputs and readLines' shard option: the shards of any inputs read
// every line once, in order, numbered as in the whole file.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  deadLetter,
  type FailedItem,
  pipeline,
  readLines,
  shardInputs,
} from "../../mod.ts";
import { divideInputs } from "../../lib/io/shard_inputs.ts";
import { collect, encoder, gzip, withTempDir } from "../_helpers.ts";

/** A line of a generated file: short, long, empty, or invalid UTF-8. */
const lineArb = fc.oneof(
  fc.string({ maxLength: 6 }).map((s) => s.replaceAll("\n", " ")),
  fc.constant(""),
  fc.constant("x".repeat(300)), // longer than a shard of a small file
  fc.constant("\u00e9t\u00e9"),
  fc.constant("\uFFFDbad"), // written as an invalid byte
);

/** A file: its lines, whether it ends in LF, and whether it is gzipped. */
const fileArb = fc.record({
  lines: fc.array(lineArb, { maxLength: 25 }),
  trailing: fc.boolean(),
  gzipped: fc.boolean(),
});

async function writeFiles(
  dir: string,
  files: { lines: string[]; trailing: boolean; gzipped: boolean }[],
): Promise<string[]> {
  const paths: string[] = [];
  for (const [i, f] of files.entries()) {
    const text = f.lines.join("\n") +
      (f.trailing && f.lines.length ? "\n" : "");
    const bytes = encoder.encode(text);
    // U+FFFD written as 0xFF: invalid UTF-8 that fatal reading refuses.
    const raw = Uint8Array.from(
      new TextDecoder().decode(bytes).replaceAll("\uFFFD", "\u0001")
        .split("").flatMap((c) =>
          c === "\u0001" ? [0xff] : [...encoder.encode(c)]
        ),
    );
    const path = `${dir}/f${i}.log${f.gzipped ? ".gz" : ""}`;
    await Deno.writeFile(
      path,
      f.gzipped ? await gzip(new TextDecoder().decode(raw)) : raw,
    );
    paths.push(path);
  }
  return paths;
}

/** The lines read, and the bad lines' inputs, numbers and offsets. */
async function readAll(
  inputs: string[],
  shard?: { index: number; count: number },
): Promise<{ lines: string[]; failed: unknown[] }> {
  const failed: FailedItem[] = [];
  const lines = await collect(pipeline(
    readLines(inputs, {
      fatal: true,
      onError: deadLetter((f) => void failed.push(f)),
      ...(shard === undefined ? {} : { shard }),
    }),
  ));
  return {
    lines,
    failed: failed.map((f) => [f.path, f.line, f.offset]),
  };
}

Deno.test("the shards of any files, 1 to 16 of them, read every line once, in order, with the whole files' line numbers and offsets", async () => {
  await withTempDir(async (dir) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fileArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 16 }),
        async (files, count) => {
          const sub = `${dir}/${run++}`;
          await Deno.mkdir(sub);
          const paths = await writeFiles(sub, files);
          const whole = await readAll(paths);
          const lines: string[] = [];
          const failed: unknown[] = [];
          for (let index = 0; index < count; index++) {
            const part = await readAll(paths, { index, count });
            lines.push(...part.lines);
            failed.push(...part.failed);
          }
          assert.deepEqual(lines, whole.lines);
          assert.deepEqual(failed, whole.failed);
          await Deno.remove(sub, { recursive: true });
        },
      ),
      { numRuns: 60 },
    );
  });
});

Deno.test("a file of one line read in 16 shards is read by the shard where the line starts, the others empty", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/one.log`;
    await Deno.writeTextFile(path, "a single line of forty bytes or so here\n");
    const got: string[][] = [];
    for (let index = 0; index < 16; index++) {
      got.push(await collect(readLines(path, { shard: { index, count: 16 } })));
    }
    assert.deepEqual(got[0], ["a single line of forty bytes or so here"]);
    assert.ok(got.slice(1).every((lines) => lines.length === 0));
  });
});

Deno.test("divideInputs() cuts plain files by bytes and gives a compressed file whole to the shard its middle falls in", () => {
  const inputs = [
    { name: "a", size: 100, whole: false },
    { name: "b.gz", size: 50, whole: true },
    { name: "c", size: 50, whole: false },
  ];
  // Shard 0 is bytes [0, 100), shard 1 [100, 200): b.gz's middle, byte
  // 125, is shard 1's.
  assert.deepEqual(divideInputs(inputs, 0, 2), [
    { path: "a", start: 0, end: 100 },
  ]);
  assert.deepEqual(divideInputs(inputs, 1, 2), [
    "b.gz",
    { path: "c", start: 0, end: 50 },
  ]);
  assert.deepEqual(divideInputs(inputs, 0, 4), [
    { path: "a", start: 0, end: 50 },
  ]);
  assert.deepEqual(divideInputs(inputs, 1, 4), [
    { path: "a", start: 50, end: 100 },
  ]);
  assert.deepEqual(divideInputs(inputs, 2, 4), ["b.gz"]);
  assert.deepEqual(divideInputs(inputs, 3, 4), [
    { path: "c", start: 0, end: 50 },
  ]);
});

Deno.test("shardInputs() refuses standard input, a URL, a directory and a shard out of range, naming them", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(shardInputs("-", 0, 2), /Cannot shard standard input/);
    await assert.rejects(
      shardInputs("https://example.com/app.log", 0, 2),
      /Cannot shard a URL \("https:\/\/example.com\/app.log"\)/,
    );
    await assert.rejects(
      shardInputs(dir, 0, 2),
      (e) => e instanceof TypeError && e.message.includes(`"${dir}"`),
    );
    await Deno.writeTextFile(`${dir}/a.log`, "a\n");
    await assert.rejects(
      shardInputs(`${dir}/a.log`, 2, 2),
      /from 0 to 1, got 2/,
    );
    await assert.rejects(shardInputs(`${dir}/a.log`, 0, 0), RangeError);
    await assert.rejects(
      collect(readLines(`${dir}/a.log`, { shard: { index: 3, count: 2 } })),
      RangeError,
    );
  });
});

Deno.test("readLines() of a FileRange reads the lines that start in it, the last one past its end, and fails on a file shorter than the range", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/r.log`;
    await Deno.writeTextFile(path, "ab\ncd\nef\ngh\n");
    const read = (start: number, end: number) =>
      collect(readLines({ path, start, end }));
    assert.deepEqual(await read(3, 7), ["cd", "ef"]);
    assert.deepEqual(await read(4, 7), ["ef"]);
    assert.deepEqual(await read(0, 1), ["ab"]);
    assert.deepEqual(await read(1, 3), []);
    assert.deepEqual(await read(2, 3), []);
    assert.deepEqual(await read(3, 3), []);
    assert.deepEqual(await read(11, 12), []);
    await assert.rejects(read(6, 40), Deno.errors.UnexpectedEof);
  });
});
