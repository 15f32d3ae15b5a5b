// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { filter, pipeline, Summary } from "../../mod.ts";

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
