// Copyright 2026 the sluice authors. MIT license.
// A pipeline is a plan made from its arguments, then run: the named rules
// that decide how the source is read.
import assert from "node:assert/strict";
import { buildPlan } from "../../lib/core/_plan.ts";
import { countItems } from "../../lib/core/count_items.ts";
import {
  filter,
  grep,
  lineField,
  logfmtGetter,
  map,
  parallel,
  readLines,
  sort,
  writeLines,
} from "../../mod.ts";
import { withTempDir } from "../_helpers.ts";

const FN = new URL("../fixtures/parse_fn.ts", import.meta.url);

Deno.test("the plan's source rules: ranges for parallel(), a literal grep, a filter or a grep's test in the reader (on the lines with its literal), lines as bytes for a sort of lines or by a number field read on them, lines only counted, else the source alone", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.log`;
    await Deno.writeTextFile(path, "a\nb\n");
    const rule = (source: unknown, ...stages: unknown[]) =>
      buildPlan(source, stages, {}).source.rule;
    assert.equal(rule(readLines(path), parallel(FN)), "workersReadRanges");
    assert.equal(rule(readLines(path), grep("a")), "readerFiltersLiteral");
    assert.equal(
      rule(readLines(path), grep("a"), countItems({ n: 0 })),
      "readerCountsLiteral",
    );
    assert.equal(
      rule(readLines(path), grep("a", { lineNumber: true })),
      "readerFiltersLiteral",
    );
    assert.equal(
      rule(readLines(path), grep("a", { maxCount: 1 })),
      "sourceAlone",
    );
    // An inverted literal is fused only when the lines are counted.
    assert.equal(
      rule(readLines(path), grep("a", { invert: true }), countItems({ n: 0 })),
      "readerCountsLiteral",
    );
    // Otherwise the reader calls its test on each line as it cuts it out.
    assert.equal(
      rule(readLines(path), grep("a", { invert: true })),
      "readerFiltersLines",
    );
    assert.equal(
      rule(readLines(path), countItems({ n: 0 })),
      "readerCountsLines",
    );
    // Ignoring case, a literal with "i" or "s" is found on bytes, the lines
    // with a dotless i or long s tested; inverted, only when counted.
    for (const invert of [false, true]) {
      assert.equal(
        rule(
          readLines(path),
          grep("timeout", { ignoreCase: true, invert }),
          countItems({ n: 0 }),
        ),
        "readerCountsFolded",
      );
    }
    assert.equal(
      rule(readLines(path), grep("timeout", { ignoreCase: true })),
      "readerFiltersFolded",
    );
    assert.equal(
      rule(
        readLines(path),
        grep("timeout", { ignoreCase: true }),
        writeLines(`${path}.out`),
      ),
      "readerFiltersFoldedBytes",
    );
    assert.equal(
      rule(
        readLines(path),
        grep("timeout", { ignoreCase: true, invert: true }),
      ),
      "readerFiltersLines",
    );
    // A fatal reader sieves: it decodes the lines the test is called on.
    assert.equal(
      rule(
        readLines(path, { fatal: true }),
        grep("timeout", { ignoreCase: true }),
        countItems({ n: 0 }),
      ),
      "readerSievesFilteredLines",
    );
    assert.equal(
      rule(
        readLines(path),
        grep("timeout", { ignoreCase: true, maxCount: 2 }),
        countItems({ n: 0 }),
      ),
      "readerSievesLiteral",
    );
    assert.equal(rule(readLines(path), grep(/a/)), "readerFiltersLines");
    // An expression whose work grows with a line's length, no faster, is
    // matched in this thread even when asked for a worker.
    assert.equal(
      rule(readLines(path), grep(/a/, { worker: true })),
      "readerFiltersLines",
    );
    assert.equal(
      rule(readLines(path), grep(/(a|aa)+/, { worker: true })),
      "sourceAlone",
    );
    // An expression in a worker that holds a literal: the reader sieves.
    assert.equal(
      rule(readLines(path), grep(/abc(\d|x)+/, { worker: true })),
      "readerSievesLiteral",
    );
    assert.equal(
      rule(
        readLines(path),
        grep(/abc(\d|x)+/, { worker: true, invert: true }),
      ),
      "sourceAlone",
    );
    // Matched here, its test too (the reader calls it on the lines with the
    // literal), or, numbered, the stage itself.
    assert.equal(
      rule(readLines(path), grep(/abc\d+/, { worker: true })),
      "readerSievesFilteredLines",
    );
    assert.equal(
      rule(readLines(path), grep(/abc\d+/)),
      "readerSievesFilteredLines",
    );
    // One unbounded repeat: its whole lines matched here too, as a filter's
    // (a long line's answer from the worker).
    assert.equal(
      rule(readLines(path), grep(/\d+x/, { worker: true })),
      "readerFiltersLines",
    );
    assert.equal(
      rule(readLines(path), grep(/\d+x/, { worker: true, lineNumber: true })),
      "sourceAlone",
    );
    assert.equal(
      rule(readLines(path), grep(/abc\d+/, { lineNumber: true })),
      "readerSievesLiteral",
    );
    assert.equal(
      rule(readLines(path), grep(/a/, { onlyMatching: true })),
      "sourceAlone",
    );
    assert.equal(
      rule(readLines(path), filter(() => true)),
      "readerFiltersLines",
    );
    assert.equal(
      rule(readLines(path), filter(() => true, { onError: "skip" })),
      "sourceAlone",
    );
    // A sort of lines by themselves takes them as their bytes, and so does
    // a sort by a key function of their text (which decodes them itself);
    // with a compare of its own, as text.
    assert.equal(rule(readLines(path), sort()), "readerHandsLines");
    assert.equal(
      rule(readLines(path), sort({ reverse: true })),
      "readerHandsLines",
    );
    assert.equal(
      rule(readLines(path), sort((l: string) => l.length)),
      "readerHandsLines",
    );
    assert.equal(
      rule(readLines(path), sort({ numeric: true })),
      "readerHandsLines",
    );
    // A key that can be read on a line's bytes (lineField, logfmtGetter),
    // as a number or as text in the default order, takes them as bytes too,
    // as does a getter of one's own; as text with a compare.
    assert.equal(
      rule(readLines(path), sort({ key: lineField("ms"), numeric: true })),
      "readerHandsLines",
    );
    assert.equal(
      rule(
        readLines(path),
        sort({ key: logfmtGetter("ms"), numeric: true, reverse: true }),
      ),
      "readerHandsLines",
    );
    assert.equal(
      rule(readLines(path), sort({ key: lineField("ms") })),
      "readerHandsLines",
    );
    assert.equal(
      rule(
        readLines(path),
        sort(lineField("ms", { text: true }), { reverse: true }),
      ),
      "readerHandsLines",
    );
    assert.equal(
      rule(
        readLines(path),
        sort(lineField("ms"), {
          compare: (a, b) => String(a) < String(b) ? -1 : 1,
        }),
      ),
      "sourceAlone",
    );
    assert.equal(
      rule(
        readLines(path),
        sort({ key: (l: string) => lineField("ms")(l), numeric: true }),
      ),
      "readerHandsLines",
    );
    assert.equal(
      rule(
        readLines(path),
        sort({ compare: (a: string, b: string) => a < b ? -1 : 1 }),
      ),
      "sourceAlone",
    );
    assert.equal(rule(readLines(path), map((l) => l), sort()), "sourceAlone");
    assert.equal(rule(["a", "b"], grep("a")), "iterable");
    // The stage a rule takes over gets no step of its own.
    const plan = buildPlan(
      readLines(path),
      [grep("a"), filter(() => true)],
      {},
    );
    assert.deepEqual(plan.steps.map((s) => s.kind), ["fused"]);
    assert.deepEqual(
      plan.ctx.summary.stages.map((s) => s.name),
      ["readLines#1", "grep#2", "filter#3"],
    );
  });
});

Deno.test("a filter or a grep's test in the reader, before a sink that only counts, hands on an empty string for each line it keeps", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.log`;
    // "x=" on one line in 50: the grep's sieve starts after 4,096 lines.
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => i % 50 === 0 ? `x=${i}` : `y ${i}`,
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const kept = (l: string) => l.startsWith("x=") && l.endsWith("0");
    const cases = [
      { stage: filter(kept), rule: "readerFiltersLines" },
      { stage: grep(/^x=\d*0$/), rule: "readerSievesFilteredLines" },
    ];
    for (const { stage, rule } of cases) {
      for (const counted of [true, false]) {
        const stages = counted ? [stage, countItems({ n: 0 })] : [stage];
        const plan = buildPlan(readLines(path), stages, {});
        assert.equal(plan.source.rule, rule);
        const items: unknown[] = [];
        for await (const chunk of plan.source.open()) {
          items.push(...chunk.items);
        }
        const expected = lines.filter(kept);
        assert.deepEqual(
          items,
          counted ? expected.map(() => "") : expected,
          `${rule}, counted: ${counted}`,
        );
      }
    }
  });
});
