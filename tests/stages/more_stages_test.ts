// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import {
  map,
  parseLogfmt,
  pipeline,
  readLines,
  sample,
  StageError,
  tail,
} from "../../mod.ts";
import { collect, gzip, withTempDir } from "../_helpers.ts";

Deno.test("readLines() reads several inputs in turn and names each in errors", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, "a1\na2\n");
    await Deno.writeTextFile(`${dir}/b.log`, "b1\nb2\nb3");
    const paths = [`${dir}/a.log`, `${dir}/b.log`];
    assert.deepEqual(await collect(readLines(paths)), [
      "a1",
      "a2",
      "b1",
      "b2",
      "b3",
    ]);
    await assert.rejects(
      collect(pipeline(
        readLines(paths),
        map((l) => {
          if (l === "b2") throw new Error("bad");
          return l;
        }),
      )),
      (e) => e instanceof StageError && e.path === paths[1] && e.line === 2,
    );
    assert.deepEqual(await collect(readLines([])), []);
  });
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

Deno.test("tail() keeps the last items in order, within its bound", async () => {
  const items = Array.from({ length: 5000 }, (_, i) => i);
  const run = pipeline(items, tail(3));
  assert.deepEqual(await collect(run), [4997, 4998, 4999]);
  // The batch in hand (1024 items from an array) plus the ring of 3.
  assert.ok(run.summary.stages[1]!.peakItems <= 1024 + 3);
  assert.deepEqual(await collect(pipeline([1, 2], tail(5))), [1, 2]);
  assert.deepEqual(await collect(pipeline([1, 2], tail(0))), []);
});

Deno.test("sample() picks each item with the same chance and keeps input order", async () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const counts = new Array(50).fill(0);
  for (let seed = 0; seed < 400; seed++) {
    const picked = await collect(pipeline(items, sample(10, { seed })));
    assert.equal(picked.length, 10);
    assert.deepEqual(picked, [...picked].sort((a, b) => a - b));
    for (const p of picked) counts[p]++;
  }
  // 400 draws of 10 from 50: each item is expected 80 times.
  for (const c of counts) assert.ok(c > 40 && c < 130, `count ${c}`);
  assert.deepEqual(await collect(pipeline([1, 2], sample(5))), [1, 2]);
});

Deno.test("parseLogfmt() reads quoted values, escapes and bare keys", () => {
  assert.deepEqual(
    parseLogfmt(
      '2026-11-01T00:00:00Z INFO api req=7f status=200 msg="say \\"hi\\"" retry',
    ),
    { req: "7f", status: "200", msg: 'say "hi"' },
  );
  assert.deepEqual(parseLogfmt(""), {});
  assert.deepEqual(parseLogfmt("a= b=1"), { a: "", b: "1" });
});
