// Copyright 2026 the sluice authors. MIT license.
// What a stage reports as held never exceeds the bound it declares: random
// inputs, budgets, read and write sizes, for the stages that state their
// bound in bytes: readLines, writeLines, groupBy, distinct, sort (number keys
// and short string keys: the code units of string keys are held beside the
// arena and count against its limit, so keys as long as their lines could
// take it up to about 1.5 times the budget), sortPartial (the same, with
// the keys it hands on) and writePartial, parallelGroupBy.
import assert from "node:assert/strict";
import {
  count,
  distinct,
  groupBy,
  map,
  parallelGroupBy,
  pipeline,
  readLines,
  sort,
  sortPartial,
  Summary,
  writeLines,
  writePartial,
} from "../../mod.ts";
import { withTempDir } from "../_helpers.ts";

/** A small deterministic generator, so that a failure can be replayed. */
function generator(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Random lines: short and long, few and many keys, some non-ASCII. */
function randomLines(random: (n: number) => number): string[] {
  const keys = 1 + random(5000);
  const lines: string[] = [];
  const n = 200 + random(3000);
  for (let i = 0; i < n; i++) {
    const width = random(10) === 0 ? random(3000) : random(120);
    const filler = random(8) === 0 ? "é" : "x";
    lines.push(`k${random(keys)} ${i} ${filler.repeat(width)}`);
  }
  return lines;
}

/** Every stage row that declares a bound in bytes, with what it held. */
function checkRows(
  summary: Summary,
  context: string,
  over: string[],
): number {
  let checked = 0;
  for (const row of summary.stages) {
    if (row.boundBytes === undefined) continue;
    checked++;
    if (row.peakBytes > row.boundBytes) {
      over.push(
        `${context}: ${row.name} held ${row.peakBytes} bytes, bound ${row.boundBytes} (${row.bound})`,
      );
    }
  }
  return checked;
}

const keyOf = (line: string) => line.slice(0, line.indexOf(" "));

Deno.test("every stage that declares a bound in bytes holds at most that, over random inputs and budgets", async () => {
  await withTempDir(async (dir) => {
    const input = `${dir}/in.log`;
    const output = `${dir}/out.log`;
    const header = {
      command: "sort",
      options: {},
      shard: { index: 0, count: 1 },
      inputs: [],
    };
    const module = `${dir}/by_key.ts`;
    await Deno.writeTextFile(
      module,
      `export default {
        key: (line) => line.slice(0, line.indexOf(" ")),
        reducers: {
          n: { init: () => 0, add: (n) => n + 1, merge: (a, b) => a + b, result: (n) => n },
        },
      };`,
    );
    let checked = 0;
    const over: string[] = [];
    for (let round = 0; round < 40; round++) {
      const random = generator(round + 1);
      const lines = randomLines(random);
      await Deno.writeTextFile(input, lines.join("\n") + "\n");
      // From 64 KiB: below it, the tables' and buffers' smallest sizes come
      // to more than the budget (the minimum budget is still 4096 bytes).
      const budget = 65536 + random(256 * 1024);
      const read = {
        readBytes: 1024 + random(256 * 1024),
        maxLineBytes: 16 * 1024 + random(64 * 1024),
      };
      const writeBytes = 65536 + random(1024 * 1024);
      const context = `round ${round} (budget ${budget}, ${
        JSON.stringify(read)
      }, writeBytes ${writeBytes})`;
      const stages = [
        () => groupBy(keyOf, { n: count() }, { budget }),
        () => distinct(keyOf, { budget }),
        () => sort(keyOf, { budget }),
        () => sort((line: string) => line.length, { budget }),
      ] as const;
      const which = round % (stages.length + 2);
      const summary = new Summary();
      if (which === stages.length + 1) {
        // A sort partial, by text or number keys, written as a partial.
        const key = Math.floor(round / 6) % 2 === 0
          ? keyOf
          : (line: string) => line.length + 0.5;
        await pipeline(
          readLines(input, read),
          sortPartial<string, string | number>(key, { budget }),
          writePartial(output, header),
          { summary },
        );
      } else if (which < stages.length) {
        await pipeline(
          readLines(input, read),
          stages[which]!() as never,
          map((x: unknown) => typeof x === "string" ? x : JSON.stringify(x)),
          writeLines(output, { writeBytes }),
          { summary },
        );
      } else {
        await pipeline(
          readLines(input, read),
          parallelGroupBy(module, { budget, workers: 2 }),
          map((g) => JSON.stringify(g)),
          writeLines(output, { writeBytes }),
          { summary },
        );
      }
      checked += checkRows(summary, context, over);
    }
    assert.deepEqual(over, []);
    // readLines, the stage and writeLines in every round.
    assert.equal(checked, 40 * 3);
  });
});
