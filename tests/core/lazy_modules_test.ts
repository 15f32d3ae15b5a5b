// Copyright 2026 the sluice authors. MIT license.
// Every module a process loads stays resident for the whole run, so the
// engines of stages, inputs and commands that a run may not use are loaded
// when they first run (a dynamic import), not with mod.ts or the command
// line (a process that imports mod.ts peaked 2.2 MiB lower, T1 over 1 GiB
// 1.1 MiB; README, "Layout"), and the command line's grep and fields load
// no format parser unless asked for one.
import assert from "node:assert/strict";
import { type GraphModule, moduleGraph } from "../_helpers.ts";

const ROOT = new URL("../../", import.meta.url);

/**
 * The modules of lib/ that loading `entries` loads (static imports only),
 * and those it may load later (dynamic imports too), as paths from the
 * repository's root.
 */
async function loaded(
  ...entries: string[]
): Promise<{ now: Set<string>; later: Set<string> }> {
  const modules = new Map<string, GraphModule["dependencies"]>();
  const roots: string[] = [];
  for (const entry of entries) {
    const graph = await moduleGraph(entry);
    roots.push(...graph.roots);
    for (const m of graph.modules) {
      modules.set(m.specifier, m.dependencies ?? []);
    }
  }
  const local = (specifier: string) =>
    specifier.startsWith(ROOT.href)
      ? specifier.slice(ROOT.href.length)
      : undefined;
  const now = new Set<string>();
  const walk = [...roots];
  while (walk.length > 0) {
    const specifier = walk.pop()!;
    const path = local(specifier);
    if (path === undefined || now.has(path)) continue;
    now.add(path);
    for (const d of modules.get(specifier) ?? []) {
      if (!d.isDynamic && d.code !== undefined) walk.push(d.code.specifier);
    }
  }
  const later = new Set(
    [...modules.keys()].map(local).filter((p) => p !== undefined),
  );
  return { now, later };
}

/** Asserts that `modules` are loaded later, not now. */
function assertLater(
  graph: { now: Set<string>; later: Set<string> },
  modules: string[],
): void {
  // Each is still part of the program (a renamed module fails here).
  assert.deepEqual(modules.filter((m) => !graph.later.has(m)), []);
  assert.deepEqual(modules.filter((m) => graph.now.has(m)), []);
}

const ENGINES = [
  "lib/spill/_external_sort.ts",
  "lib/spill/_group_table.ts",
  "lib/spill/_keyless.ts",
  "lib/spill/_key_index.ts",
  "lib/spill/_spill.ts",
  "lib/fs/_owned_dir.ts",
  "lib/parallel/_pool.ts",
  "lib/io/_read_range.ts",
  "lib/stages/_concurrent_map.ts",
  "lib/fs/_http.ts",
  "lib/io/_decompress.ts",
  "lib/stages/_grep_context.ts",
];

Deno.test("importing mod.ts loads no spilling, worker, HTTP or decompression engine, nor what runs a script, writes lines or expands globs", async () => {
  const graph = await loaded("mod.ts");
  assert.ok(graph.now.has("lib/spill/sort.ts") && graph.now.has("mod.ts"));
  assertLater(graph, [
    ...ENGINES,
    "lib/cli/_run_script.ts",
    "lib/cli/_args.ts",
    "lib/cli/_progress.ts",
    "lib/io/_write_engine.ts",
    "lib/fs/_output.ts",
    "lib/fs/_glob.ts",
    "lib/summary/_otel_export.ts",
    "lib/io/_literal_search.ts",
    "lib/io/_literal_wasm.ts",
  ]);
});

Deno.test("a pipeline of readLines and filter loads no output, dead-letter writer, globbing or sharding of inputs", async () => {
  const graph = await loaded(
    "lib/core/pipeline.ts",
    "lib/io/read_lines.ts",
    "lib/stages/filter.ts",
  );
  assertLater(graph, [
    "lib/fs/_http.ts",
    "lib/io/_decompress.ts",
    "lib/fs/_output.ts",
    "lib/fs/_glob.ts",
    "lib/io/shard_inputs.ts",
    "lib/io/_literal_search.ts",
  ]);
});

Deno.test("a streaming script that imports its pieces by subpath loads no sorting, parsing, sharding, workers or grep, and one that spills no more than its stages", async () => {
  // T1 so imported peaked at 62.2 MiB against 65.5 through mod.ts, T2 at
  // 63.6 against 68.1 (README, "Import only what you use").
  const graph = await loaded(
    "lib/core/pipeline.ts",
    "lib/io/read_lines.ts",
    "lib/io/write_lines.ts",
    "lib/stages/filter.ts",
    "lib/stages/map.ts",
  );
  assert.ok(graph.now.has("lib/io/_line_splitter.ts"));
  // What neither kind of script runs.
  const foreign = (now: Set<string>, others: RegExp) =>
    [...now].filter((f) =>
      others.test(f) ||
      ["lib/io/write_split.ts", "lib/stages/grep.ts"].includes(f)
    );
  assert.deepEqual(
    foreign(graph.now, /^lib\/(spill|parse|shard|parallel|cli)\//),
    [],
  );
  // The stages that spill, imported so, load their own fronts and no more.
  const spilling = await loaded(
    "lib/core/pipeline.ts",
    "lib/io/read_lines.ts",
    "lib/io/write_lines.ts",
    "lib/spill/sort.ts",
    "lib/spill/group_by.ts",
    "lib/spill/distinct.ts",
    "lib/spill/reducers.ts",
  );
  assert.deepEqual(
    foreign(spilling.now, /^lib\/(parse|shard|parallel|cli)\//),
    [],
  );
  assertLater(spilling, ENGINES.filter((f) => f.startsWith("lib/spill/")));
});

Deno.test("the command line's grep, fields, count, head, distinct, sort, group and split load no format parser, worker or partial file unless asked for; those that read no fields of lines, no field reader", async () => {
  const run = ["lib/cli/main.ts", "lib/cli/_run_script.ts"];
  const readers = ["fields", "distinct", "sort", "group", "split"];
  for (
    const command of [
      "grep",
      "fields",
      "count",
      "head",
      "distinct",
      "sort",
      "group",
      "split",
    ]
  ) {
    const graph = await loaded(...run, `lib/cli/commands/${command}.ts`);
    assertLater(graph, [
      ...ENGINES,
      "lib/cli/_format.ts",
      "lib/parse/parse.ts",
      "lib/parallel/parallel.ts",
      "lib/shard/partial_file.ts",
      ...(command === "grep" ? ["lib/cli/_grep_fields.ts"] : []),
      // What only --shard, a partial of a URL, or a compressed output runs.
      "lib/io/shard_inputs.ts",
      "lib/io/_compress.ts",
      // Fields: only the commands that read fields of lines without
      // --format (fields, distinct's and sort's -k, group's and split's
      // --by) load them without being asked; times, none unless --by-time
      // asks for them.
      ...(readers.includes(command) ? [] : ["lib/cli/_fields.ts"]),
      "lib/parse/_time.ts",
      "lib/parse/bucket.ts",
    ]);
  }
});

Deno.test("group's workers load no time parser unless the spec groups by time", async () => {
  // Each of `sluice group --workers N`'s workers loads the spec module.
  assertLater(await loaded("lib/cli/_group_spec.ts"), [
    "lib/cli/_read_time.ts",
    "lib/parse/_time.ts",
    "lib/parse/_zone.ts",
    "lib/parse/bucket.ts",
  ]);
});

Deno.test("a sort or distinct loads no table of groups, and a grouping no queue of keyless lines or numeric order", async () => {
  // Each engine module holds only what its stages run: the table of groups
  // is 21 KB of source that no sort runs (README, "Layout").
  const sorting = await loaded("lib/spill/sort.ts", "lib/spill/distinct.ts");
  assert.ok(sorting.later.has("lib/spill/_sort_engine.ts"));
  assert.deepEqual(
    ["lib/spill/_group_table.ts", "lib/spill/_group_engine.ts"].filter((m) =>
      sorting.later.has(m)
    ),
    [],
  );
  assert.ok((await loaded("lib/spill/group_by.ts")).later.has(
    "lib/spill/_group_engine.ts",
  ));
  const grouping = await loaded("lib/spill/_group_engine.ts");
  assert.deepEqual(
    ["lib/spill/_keyless.ts", "lib/spill/_numeric.ts"].filter((m) =>
      grouping.now.has(m)
    ),
    [],
  );
});

Deno.test("reading a JSON or logfmt field loads no time parser", async () => {
  // A field's reader quotes what it cannot read, and only that came from
  // the time parser (_time.ts and _zone.ts, 18 KB of source).
  const fields = await loaded(
    "lib/parse/line_field.ts",
    "lib/parse/pick_fields.ts",
    "lib/parse/logfmt.ts",
  );
  assert.deepEqual(
    ["lib/parse/_time.ts", "lib/parse/_zone.ts"].filter((m) =>
      fields.later.has(m)
    ),
    [],
  );
});

Deno.test("a writer loads no compressor until it compresses", async () => {
  assertLater(await loaded("lib/io/write_lines.ts"), [
    "lib/io/_write_engine.ts",
    "lib/io/_compress.ts",
    "lib/io/_zlib_handle.ts",
  ]);
  // And once the writer runs, still none for an output not compressed.
  assertLater(await loaded("lib/io/_write_engine.ts"), [
    "lib/io/_compress.ts",
    "lib/io/_zlib_handle.ts",
  ]);
});
