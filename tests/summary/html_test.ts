// Copyright 2026 the sluice authors. MIT license.
// summary.toHTML(): one self-contained page, every text from the run
// escaped, the chart's lines and every stage's bar findable.
import assert from "node:assert/strict";
import { filter, map, pipeline, Summary } from "../../mod.ts";
import { recordOf } from "../../lib/summary/_record.ts";
import { escapeHtml, niceStep } from "../../lib/summary/_html.ts";

const MiB = 1024 * 1024;

/**
 * A summary of a run with hostile names, sampled by hand, its heap split by
 * space or as one figure.
 */
function hostile(split = true): Summary {
  const summary = new Summary();
  const record = recordOf(summary);
  const input = record.addInput(`/logs/<img src=x onerror=alert(1)>.log`);
  input.lines = 3;
  record.addStage("readLines#1", "readLines", "2.0 MiB buffer", 2 * MiB)
    .hold(10, 1 * MiB);
  const own = record.addStage(
    `<script>alert("x")</script>#2`,
    "stage",
    "not declared",
  );
  own.hold(5, 3 * MiB);
  own.noteError(`line 3: bad "<b>" & 'worse'`);
  record.addStage("sort#3", "sort", "budget 16.0 MiB, then disk", 16 * MiB)
    .hold(100, 20 * MiB);
  record.start();
  for (let i = 0; i < 5; i++) {
    record.observeMemory({
      atMs: i * 100,
      rssBytes: (40 + i * 10) * MiB,
      heapUsedBytes: 5 * MiB,
      heapBytes: 14 * MiB,
      ...(split
        ? {
          youngBytes: 8 * MiB,
          oldBytes: 5 * MiB,
          codeBytes: 1 * MiB,
          largeObjectBytes: 0,
        }
        : {}),
      externalBytes: 2 * MiB,
    });
  }
  record.finish("failed");
  return summary;
}

Deno.test("toHTML() escapes every text that comes from the run", () => {
  const page = hostile().toHTML();
  assert.doesNotMatch(page, /<script|<img|<b>|onerror=alert\(1\)>/);
  assert.match(page, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;#2/);
  assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;\.log/);
  assert.match(page, /bad &quot;&lt;b&gt;&quot; &amp; &#39;worse&#39;/);
  assert.equal(
    escapeHtml(`<a href="x">'&'</a>`),
    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
  );
});

Deno.test("toHTML() is self-contained: no script, nothing from elsewhere, styles and charts inline", () => {
  const page = hostile().toHTML();
  assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
  // Escaped text may say anything; no tag or style may load a thing.
  assert.doesNotMatch(page, /<(script|link|img|iframe|object|embed)\b/i);
  assert.doesNotMatch(page, /<[^>]*\s(src|href|xlink:href)=/i);
  assert.doesNotMatch(page, /url\(|@import|https?:\/\//i);
  assert.match(page, /<style>[\s\S]+<\/style>/);
  assert.match(
    page,
    /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/,
  );
  assert.match(page, /<svg id="memory-chart"/);
});

Deno.test("toHTML() draws each figure of the series as a line, with axes in time and MiB", () => {
  const page = hostile().toHTML();
  for (const id of ["rss", "heap-used", "young", "held"]) {
    const m = new RegExp(
      `<polyline class="series series-${id}" data-series="${id}" points="([^"]+)"`,
    ).exec(page);
    assert.ok(m, id);
    assert.equal(m[1]!.split(" ").length, 5, `${id} has a point per sample`);
  }
  assert.match(page, /id="y-axis"[\s\S]*>MiB<\/text>/);
  assert.match(page, /time since the run started \(ms\)/);
  // The y axis reaches past the peak of 80 MiB with round ticks.
  assert.match(page, />80<\/text>/);
  assert.equal(niceStep(80, 6), 20);
  assert.equal(niceStep(4500, 8), 1000);
  assert.equal(niceStep(0.3, 8), 0.05);
});

Deno.test("toHTML() gives every stage a bar against its bound, or says the bound is not declared", () => {
  const page = hostile().toHTML();
  const bars = [
    ...page.matchAll(
      /<svg class="stage-bar([^"]*)" data-stage="([^"]*)" data-stage-index="(\d)" data-peak-bytes="(\d+)" data-bound-bytes="(\d*)"/g,
    ),
  ];
  assert.deepEqual(bars.map((m) => [m[1], m[3], m[4], m[5]]), [
    ["", "0", String(1 * MiB), String(2 * MiB)],
    [" undeclared", "1", String(3 * MiB), ""],
    [" over", "2", String(20 * MiB), String(16 * MiB)],
  ]);
  assert.match(
    page,
    /3\.0 MiB of bound not declared</,
  );
  assert.match(
    page,
    /20\.0 MiB of 16\.0 MiB bound \(budget 16\.0 MiB, then disk\)/,
  );
});

Deno.test("toHTML() shows the run's figures and the breakdown at the peak", () => {
  const page = hostile().toHTML();
  assert.match(page, /<dt>status<\/dt><dd>failed<\/dd>/);
  for (
    const figure of ["wall time", "bytes read", "bytes written", "peak RSS"]
  ) {
    assert.match(page, new RegExp(`<dt>${figure}</dt>`));
  }
  for (
    const part of [
      "runtime",
      "young",
      "old",
      "code",
      "large-objects",
      "external",
      "workers",
      "unexplained",
    ]
  ) {
    assert.match(page, new RegExp(`<tr data-part="${part}">`), part);
  }
  assert.match(page, /<strong>80\.0 MiB<\/strong> RSS/);
  // The paged-in part was not read: the unexplained rest says it has it.
  assert.doesNotMatch(page, /data-part="paged-in"/);
  assert.match(
    page,
    /<td>the runtime&#39;s code paged in since the start, native/,
  );
});

Deno.test("toHTML() without the heap split by space shows the heap as one part, and no young generation line", () => {
  const page = hostile(false).toHTML();
  assert.match(page, /<tr data-part="heap">/);
  assert.match(page, /new Summary\(\{ heapSpaces: true \}\)/);
  for (const part of ["young", "old", "code", "large-objects"]) {
    assert.doesNotMatch(page, new RegExp(`data-part="${part}"`), part);
  }
  assert.doesNotMatch(page, /data-series="young"/);
  assert.match(page, /data-series="heap-used"/);
  assert.match(page, /Of the V8 heap's 14\.0 MiB committed/);
});

Deno.test("toHTML() of a real run, and of one that never sampled memory", async () => {
  const summary = await pipeline(
    ["a", "bb", "ccc"],
    filter((s) => s.length > 1),
    map((s) => s.toUpperCase()),
    async (items) => {
      for await (const _ of items);
    },
  );
  const page = summary.toHTML();
  assert.equal((page.match(/class="stage-bar/g) ?? []).length, 4);
  assert.match(page, /data-series="rss"/);
  // A bound in words only, such as a chunk, has no bytes to draw against.
  assert.match(page, /of bound not declared in bytes \(1 chunk\)</);
  const empty = new Summary().toHTML();
  assert.match(empty, /No memory was sampled/);
  assert.doesNotMatch(empty, /<polyline/);
});
