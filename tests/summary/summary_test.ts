// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { collect, gzip, withTempDir } from "../_helpers.ts";
import { filter, pipeline, readLines, Summary } from "../../mod.ts";

Deno.test("a summary is read-only to its user: the run writes it, nobody else can", async () => {
  const summary = new Summary();
  for (const name of ["addStage", "start", "finish", "observeMemory"]) {
    assert.equal(name in summary, false, name);
  }
  await pipeline(["a", "bb"], filter((s) => s.length > 1), async (items) => {
    for await (const _ of items);
  }, { summary });
  assert.equal(summary.status, "ok");
  assert.deepEqual(summary.stages.map((s) => [s.name, s.itemsOut]), [
    ["source#1", 2],
    ["filter#2", 1],
    ["stage#3", 0],
  ]);
  const row = summary.stages[1]!;
  assert.deepEqual(Object.keys(row.toJSON()).sort(), [
    "bound",
    "boundBytes",
    "busyMs",
    "counters",
    "errors",
    "firstErrors",
    "itemsIn",
    "itemsOut",
    "kind",
    "name",
    "peakBytes",
    "peakItems",
  ]);
  // @ts-expect-error: the figures are read-only
  summary.stages[1]!.itemsOut = 0;
});

Deno.test("summary.bytesRead counts bytes as stored, also for gzip", async () => {
  await withTempDir(async (dir) => {
    const text = "line of text\n".repeat(10_000);
    const packed = await gzip(text);
    await Deno.writeFile(`${dir}/a.log.gz`, packed);
    await Deno.writeTextFile(`${dir}/b.log`, text);
    const run = pipeline(readLines([`${dir}/a.log.gz`, `${dir}/b.log`]));
    assert.equal((await collect(run)).length, 20_000);
    assert.equal(run.summary.bytesRead, packed.length + text.length);
    assert.equal(
      run.summary.stages[0]!.counters.textBytes,
      2 * text.length,
    );
  });
});
