// Copyright 2026 the sluice authors. MIT license.
// Inputs merged by time: checked against a simple reference, the inputs
// read one after another and their records sorted stably by key.
import assert from "node:assert/strict";
import fc from "fast-check";
import { pipeline, readLines, writeLines } from "../../mod.ts";
import { lineOf } from "../../lib/core/_chunk.ts";
import {
  chunked,
  chunkProbe,
  collect,
  encoder,
  withTempDir,
} from "../_helpers.ts";

/** A record: a line with a time, and the lines without one after it. */
type Record = { time: number; more: number };

/** The text of one input's records; lines without a time start with a space. */
function textOf(records: Record[], input: number, leading: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < leading; i++) lines.push(`  orphan ${input}.${i}`);
  records.forEach((r, i) => {
    lines.push(`${String(r.time).padStart(4, "0")} input ${input} record ${i}`);
    for (let m = 0; m < r.more; m++) lines.push(`  at ${input}.${i}.${m}`);
  });
  return lines;
}

const timeOf = (line: string) =>
  line.startsWith(" ") ? undefined : Number(line.slice(0, 4));

/** The reference: concatenate, then sort the records stably by time. */
function reference(inputs: string[][]): string[] {
  const records: { time: number; lines: string[] }[] = [];
  for (const lines of inputs) {
    let current: { time: number; lines: string[] } | undefined;
    for (const line of lines) {
      const time = timeOf(line);
      if (time === undefined && current !== undefined) {
        current.lines.push(line);
        continue;
      }
      // Lines without a time at an input's start come first.
      current = { time: time ?? -Infinity, lines: [line] };
      records.push(current);
    }
  }
  return records.sort((a, b) => a.time - b.time).flatMap((r) => r.lines);
}

const recordArb = fc.record({
  time: fc.integer({ min: 0, max: 50 }),
  more: fc.integer({ min: 0, max: 3 }),
});

Deno.test("readLines() with mergeBy equals concatenating and sorting records stably, for any inputs and chunkings", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          records: fc.array(recordArb, { maxLength: 30 }),
          leading: fc.integer({ min: 0, max: 2 }),
          cuts: fc.array(fc.nat(), { maxLength: 5 }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      async (specs) => {
        const inputs = specs.map((s, k) =>
          textOf([...s.records].sort((a, b) => a.time - b.time), k, s.leading)
        );
        const streams = inputs.map((lines, k) => {
          const bytes = encoder.encode(lines.map((l) => `${l}\n`).join(""));
          return chunked(
            bytes,
            specs[k]!.cuts.map((c) => c % (bytes.length + 1)),
          );
        });
        const merged = await collect(readLines(streams, { mergeBy: timeOf }));
        assert.deepEqual(merged, reference(inputs));
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("readLines() with mergeBy gives each line of files its own input's path and number, a record of hundreds of lines too", async () => {
  const big = fc.record({
    time: fc.integer({ min: 0, max: 50 }),
    more: fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 100, max: 700 }),
    ),
  });
  await withTempDir(async (dir) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            records: fc.array(big, { maxLength: 12 }),
            leading: fc.integer({ min: 0, max: 2 }),
          }),
          { minLength: 2, maxLength: 4 },
        ),
        async (specs) => {
          const inputs = specs.map((s, k) =>
            textOf([...s.records].sort((a, b) => a.time - b.time), k, s.leading)
          );
          const paths = inputs.map((_, k) => `${dir}/${k}.log`);
          // Where each line is: its input's path and its number there.
          const where = new Map<string, string>();
          for (const [k, lines] of inputs.entries()) {
            await Deno.writeTextFile(
              paths[k]!,
              lines.map((l) => `${l}\n`).join(""),
            );
            lines.forEach((l, i) => where.set(l, `${paths[k]}:${i + 1}`));
          }
          const seen: string[] = [];
          const merged = await collect(pipeline(
            readLines(paths, { mergeBy: timeOf }),
            chunkProbe((chunk) => {
              for (let i = 0; i < chunk.items.length; i++) {
                seen.push(`${chunk.path}:${lineOf(chunk, i)}`);
              }
            }),
          ));
          assert.deepEqual(merged, reference(inputs));
          assert.deepEqual(seen, merged.map((l) => where.get(l)));
        },
      ),
      { numRuns: 40 },
    );
  });
});

Deno.test("a merged run keeps a stack trace with its line; a failing key function stops it with its error; it cannot be resumed", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/a.log`,
      "2026-01-01T10:00:01Z a started\n2026-01-01T10:00:03Z a failed\n  at f (a.ts:1)\n  at g (a.ts:2)\n2026-01-01T10:00:05Z a done\n",
    );
    await Deno.writeTextFile(
      `${dir}/b.log`,
      "2026-01-01T10:00:02Z b started\n2026-01-01T10:00:04Z b working\n2026-01-01T10:00:04Z b still\n",
    );
    const time = (line: string) =>
      /^\d{4}-/.test(line) ? line.slice(0, 20) : undefined;
    assert.deepEqual(
      await collect(readLines(`${dir}/*.log`, { mergeBy: time })),
      [
        "2026-01-01T10:00:01Z a started",
        "2026-01-01T10:00:02Z b started",
        "2026-01-01T10:00:03Z a failed",
        "  at f (a.ts:1)",
        "  at g (a.ts:2)",
        "2026-01-01T10:00:04Z b working",
        "2026-01-01T10:00:04Z b still",
        "2026-01-01T10:00:05Z a done",
      ],
    );
    const run = pipeline(
      readLines([`${dir}/a.log`, `${dir}/b.log`], {
        mergeBy: (line) => {
          if (line.includes("b still")) throw new RangeError("bad time");
          return time(line);
        },
      }),
    );
    await assert.rejects(
      () => collect(run),
      (error) => error instanceof Error && error.cause instanceof RangeError,
    );
    assert.throws(
      () =>
        pipeline(
          readLines([`${dir}/a.log`], { mergeBy: time }),
          writeLines("o"),
          {
            checkpoint: "ck",
          },
        ),
      /readLines with mergeBy cannot be resumed/,
    );
  });
});
