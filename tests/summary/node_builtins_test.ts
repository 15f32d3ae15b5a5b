// Copyright 2026 the sluice authors. MIT license.
// Importing a Node built-in starts Deno's Node compatibility layer, several
// MiB of RSS for the whole process: nothing of mod.ts or of the command line
// imports one statically, and the only ones loaded at all are node:v8, by the
// summary, when asked for the heap by space, and node:zlib, by the reader
// and the writer, for zstd (and the reader's gzip).
import assert from "node:assert/strict";
import { pipeline, Summary } from "../../mod.ts";
import { moduleGraph } from "../_helpers.ts";

for (const entry of ["mod.ts", "lib/cli/main.ts"]) {
  Deno.test(`${entry} imports no Node built-in statically, and node:v8 and node:zlib only dynamically`, async () => {
    const graph = await moduleGraph(entry);
    // The command line's commands are loaded on demand: dynamic imports too.
    assert.ok(
      entry === "mod.ts" ||
        graph.modules.some((m) => m.specifier.endsWith("/commands/sort.ts")),
      "the graph follows the commands",
    );
    const node = graph.modules.flatMap((m) =>
      (m.dependencies ?? [])
        .filter((d) => d.specifier.startsWith("node:"))
        .map((d) => ({ from: m.specifier, ...d }))
    );
    // Type-only imports (erased) do not show in the graph.
    const static_ = node.filter((d) => !d.isDynamic);
    assert.deepEqual(static_, []);
    // The command line also asks node:v8 for the heap's limit, to check
    // --budget against it.
    assert.deepEqual(
      node.map((d) => `${d.specifier} ${d.from.replace(/^.*\/lib\//, "lib/")}`)
        .sort(),
      [
        ...(entry === "mod.ts" ? [] : ["node:v8 lib/cli/commands/_options.ts"]),
        "node:v8 lib/summary/_sampler.ts",
        "node:zlib lib/io/_compress.ts",
        "node:zlib lib/io/_decompress.ts",
      ],
    );
  });
}

/** A run long enough for node:v8 to load: 40 items, 5 ms apart. */
async function run(summary: Summary): Promise<Summary> {
  return await pipeline(
    (async function* () {
      for (let i = 0; i < 40; i++) {
        yield "x".repeat(10_000);
        await new Promise((ok) => setTimeout(ok, 5));
      }
    })(),
    async (items) => {
      for await (const _ of items);
    },
    { summary, memorySampleMs: 5 },
  );
}

Deno.test("with heapSpaces the breakdown and the series have the heap split by space, and without it they do not", async () => {
  const split = await run(new Summary({ heapSpaces: true }));
  const s = split.memoryBreakdown!;
  assert.ok(s.youngBytes! > 0 && s.oldBytes! > 0 && s.codeBytes! > 0);
  assert.equal(
    s.youngBytes! + s.oldBytes! + s.codeBytes! + s.largeObjectBytes!,
    s.heapBytes,
  );
  assert.ok(split.memorySeries.some((p) => p.youngBytes! > 0));
  assert.match(split.format({ ascii: true }), /\(young [\d.]+ [KM]?i?B, old/);

  for (const summary of [new Summary(), new Summary({ heapSpaces: false })]) {
    const plain = (await run(summary)).memoryBreakdown!;
    assert.ok(plain.heapBytes > 0);
    for (
      const part of [
        "youngBytes",
        "oldBytes",
        "codeBytes",
        "largeObjectBytes",
      ] as const
    ) {
      assert.equal(plain[part], undefined, part);
    }
    assert.ok(summary.memorySeries.every((p) => p.youngBytes === undefined));
    assert.match(
      summary.format({ ascii: true }),
      /V8 heap [\d.]+ [KM]?i?B \(by space: new Summary\(\{ heapSpaces: true \}\)/,
    );
  }
});
