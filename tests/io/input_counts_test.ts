// Copyright 2026 the sluice authors. MIT license.
// The summary's per-input figures, as readLines fills them.
import { recordOf } from "../../lib/summary/_record.ts";
import assert from "node:assert/strict";
import { pipeline, readLines, Summary } from "../../mod.ts";
import { encoder, gzip, withTempDir } from "../_helpers.ts";

async function drain(items: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of items);
}

Deno.test("readLines() lists each input in the summary with its lines and bytes as stored", async () => {
  await withTempDir(async (dir) => {
    const text = "one\ntwo\nthree\n";
    const packed = await gzip("a\nb\n");
    await Deno.writeTextFile(`${dir}/a.log`, text);
    await Deno.writeFile(`${dir}/b.log.gz`, packed);
    const stream = ReadableStream.from([encoder.encode("x\ny")]);
    const summary = await pipeline(
      readLines([`${dir}/a.log`, `${dir}/b.log.gz`, stream]),
      drain,
    );
    assert.deepEqual(summary.inputs, [
      { path: `${dir}/a.log`, lines: 3, bytesRead: text.length },
      { path: `${dir}/b.log.gz`, lines: 2, bytesRead: packed.length },
      { path: undefined, lines: 2, bytesRead: 3 },
    ]);
    assert.equal(
      summary.bytesRead,
      summary.inputs.reduce((sum, i) => sum + i.bytesRead, 0),
    );
    const json = JSON.parse(JSON.stringify(summary));
    assert.deepEqual(json.inputs[1], {
      path: `${dir}/b.log.gz`,
      lines: 2,
      bytesRead: packed.length,
    });
    assert.match(
      summary.format(),
      /\ninputs:\n {2}".*a\.log": 3 lines, 14 B\n {2}".*b\.log\.gz": 2 lines, \d+ B\n {2}a stream: 2 lines, 3 B\nrun: ok/,
    );
  });
});

Deno.test("readLines() lists a single input too, but format() shows no input lines for it", async () => {
  const summary = await pipeline(
    readLines(ReadableStream.from([encoder.encode("a\nb\n")])),
    drain,
  );
  assert.deepEqual(summary.inputs, [
    { path: undefined, lines: 2, bytesRead: 4 },
  ]);
  assert.doesNotMatch(summary.format(), /inputs:/);
});

Deno.test("readLines() counts skipped and split long lines once each, and lists unread inputs at 0", async () => {
  const long = "x".repeat(100);
  const source = (text: string) => ReadableStream.from([encoder.encode(text)]);
  const skipped = await pipeline(
    readLines([source(`a\n${long}\nb\n`)], {
      maxLineBytes: 16,
      onLongLine: "skip",
    }),
    drain,
  );
  assert.equal(skipped.inputs[0]!.lines, 3);
  const split = await pipeline(
    readLines([source(`${long}\n`)], { maxLineBytes: 16, onLongLine: "split" }),
    drain,
  );
  assert.equal(split.inputs[0]!.lines, 1);
  // A run stopped early (take) still lists every input.
  const summary = new Summary();
  await pipeline(
    readLines([source("a\nb\n"), source("c\n")]),
    async (lines) => {
      for await (const _ of lines) break;
    },
    { summary },
  );
  assert.equal(summary.inputs.length, 2);
  assert.equal(summary.inputs[1]!.lines, 0);
});

Deno.test("a Summary's inputs start empty; the run adds an entry at zero and counts into it", () => {
  const summary = new Summary();
  assert.deepEqual(summary.inputs, []);
  assert.equal("addInput" in summary, false);
  const entry = recordOf(summary).addInput("app.log");
  entry.lines += 5;
  assert.deepEqual(summary.toJSON().inputs, [
    { path: "app.log", lines: 5, bytesRead: 0 },
  ]);
});
