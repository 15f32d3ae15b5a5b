// Copyright 2026 the sluice authors. MIT license.
// The command line is built on the public API alone: what it imports from
// outside lib/cli/ is a module that mod.ts re-exports (or a subpath of
// deno.json), and only names that mod.ts exports. And lib/cli/ has no import
// circles.
import { publicNames } from "../_helpers.ts";
import assert from "node:assert/strict";
import { exportSource } from "../_build_bundle.ts";

const ROOT = new URL("../../", import.meta.url);
const CLI = new URL("lib/cli/", ROOT);

/** One import or re-export of a module. */
interface Reference {
  /** The specifier as written. */
  specifier: string;
  /** The names taken: `default`, `*` for a whole module, or export names. */
  names: string[];
  /** Whether it is loaded at run time (a worker's module), not imported. */
  loaded: boolean;
}

// `import x, { a, type B as C } from "m";`, `export * from "m";`,
// `import "m";` and the like, as deno fmt writes them.
const STATEMENT =
  /^(?:import|export)\s+(?:type\s+)?(?:([\w$]+)\s*,\s*)?(\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?|[\w$]+)?\s*(?:from\s+)?"([^"]+)";/gm;
// Modules loaded at run time: `import("m")`, workers' `new URL("m", …)`.
const LOADED =
  /\bimport\(\s*"([^"]+)"|new URL\(\s*"([^"]+\.ts)",\s*import\.meta\.url\)/g;
// A module loaded at run time for some of its names:
// `const { a, b } = await import("m");`, as deno fmt writes it.
const LOADED_NAMES =
  /\bconst\s*\{([^}]*)\}\s*=\s*await\s+import\(\s*"([^"]+)"\s*\)/g;

/** The imports and re-exports of a module's source, in order. */
function referencesOf(source: string): Reference[] {
  const found: Reference[] = [];
  const starts = new Set<number>();
  for (const m of source.matchAll(STATEMENT)) {
    starts.add(m.index);
    const [, first, clause, specifier] = m;
    const names: string[] = [];
    if (first !== undefined) names.push("default");
    if (clause === undefined) {
      // A side-effect import takes no name.
    } else if (clause.startsWith("{")) {
      for (const part of clause.slice(1, -1).split(",")) {
        const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!;
        if (name !== "") names.push(name);
      }
    } else {
      names.push(clause.startsWith("*") ? "*" : "default");
    }
    found.push({ specifier: specifier!, names, loaded: false });
  }
  // Every import statement, and every re-export, must have been understood.
  for (
    const m of source.matchAll(/^(?:import\b|export\s+(?:type\s+)?[{*])/gm)
  ) {
    const end = source.indexOf(";", m.index);
    const statement = source.slice(m.index, end === -1 ? undefined : end);
    if (statement.startsWith("import") || statement.includes(" from ")) {
      assert.ok(starts.has(m.index), `cannot read: ${statement}`);
    }
  }
  const named = new Set<number>();
  for (const m of source.matchAll(LOADED_NAMES)) {
    const names = m[1]!.split(",").map((part) => part.split(":")[0]!.trim())
      .filter((name) => name !== "");
    found.push({ specifier: m[2]!, names, loaded: true });
    named.add(m.index + m[0].indexOf("import("));
  }
  for (const m of source.matchAll(LOADED)) {
    if (named.has(m.index)) continue;
    found.push({ specifier: (m[1] ?? m[2])!, names: ["*"], loaded: true });
  }
  return found;
}

/** What mod.ts and deno.json make public: modules and names. */
interface PublicApi {
  modules: Set<string>;
  names: Set<string>;
}

async function publicApi(): Promise<PublicApi> {
  const mod = new URL("mod.ts", ROOT);
  const modules = new Set(
    referencesOf(await Deno.readTextFile(mod)).map((r) =>
      new URL(r.specifier, mod).href
    ),
  );
  const config = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", ROOT)),
  ) as { exports: Record<string, string> };
  // Each export is its source bundled (see tests/_build_bundle.ts).
  for (const path of Object.values(config.exports)) {
    modules.add(new URL(exportSource(path) ?? path, ROOT).href);
  }
  // deno doc lists every name mod.ts exports, types included.
  const names = await publicNames();
  assert.ok(names.has("pipeline") && names.has("ScriptSpec"));
  return { modules, names };
}

/** The problems of one lib/cli module's imports from outside lib/cli. */
function problemsOf(file: URL, source: string, api: PublicApi): string[] {
  const shown = file.href.slice(ROOT.href.length);
  const problems: string[] = [];
  for (const { specifier, names } of referencesOf(source)) {
    if (/^(node|jsr|npm):/.test(specifier)) continue;
    if (!specifier.startsWith(".")) {
      problems.push(`${shown} imports "${specifier}", not a relative path`);
      continue;
    }
    const target = new URL(specifier, file).href;
    if (target.startsWith(CLI.href)) continue;
    const base = target.slice(target.lastIndexOf("/") + 1);
    if (base.startsWith("_")) {
      problems.push(`${shown} imports "${specifier}", a private module`);
    } else if (!api.modules.has(target)) {
      problems.push(
        `${shown} imports "${specifier}", which mod.ts does not re-export`,
      );
    }
    for (const name of names) {
      if (!api.names.has(name)) {
        problems.push(
          `${shown} imports ${name} from "${specifier}", which mod.ts does not export`,
        );
      }
    }
  }
  return problems;
}

async function cliModules(dir = CLI): Promise<URL[]> {
  const found: URL[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) {
      found.push(...await cliModules(new URL(`${entry.name}/`, dir)));
    } else if (entry.name.endsWith(".ts")) {
      found.push(new URL(entry.name, dir));
    }
  }
  return found.sort((a, b) => a.href.localeCompare(b.href));
}

Deno.test("the command line imports only public modules and names from outside lib/cli", async () => {
  const api = await publicApi();
  const files = await cliModules();
  assert.ok(files.some((f) => f.href.endsWith("/lib/cli/main.ts")));
  const problems: string[] = [];
  for (const file of files) {
    problems.push(...problemsOf(file, await Deno.readTextFile(file), api));
  }
  assert.deepEqual(problems, []);
});

Deno.test("the public-API check names private modules, private names and unread imports", async () => {
  const api = await publicApi();
  const file = new URL("main.ts", CLI);
  assert.deepEqual(
    problemsOf(
      file,
      [
        'import { defineStage } from "../core/_stage.ts";',
        "import {",
        "  pipeline,",
        "  type PipelineOptions,",
        '} from "../core/pipeline.ts";',
        'import { type Chunk, readLines } from "../io/read_lines.ts";',
        'import * as fields from "../parse/logfmt.ts";',
        'import { toStderr } from "./_util.ts";',
        'export type { Summary } from "../summary/summary.ts";',
      ].join("\n"),
      api,
    ),
    [
      'lib/cli/main.ts imports "../core/_stage.ts", a private module',
      'lib/cli/main.ts imports defineStage from "../core/_stage.ts", which mod.ts does not export',
      'lib/cli/main.ts imports Chunk from "../io/read_lines.ts", which mod.ts does not export',
      'lib/cli/main.ts imports * from "../parse/logfmt.ts", which mod.ts does not export',
    ],
  );
  assert.throws(
    () => problemsOf(file, 'import {\n  a\n} from "./x.ts"', api),
    /cannot read/,
  );
  assert.deepEqual(
    problemsOf(
      file,
      'const w = new URL("../parallel/_pool.ts", import.meta.url);',
      api,
    ),
    [
      'lib/cli/main.ts imports "../parallel/_pool.ts", a private module',
      'lib/cli/main.ts imports * from "../parallel/_pool.ts", which mod.ts does not export',
    ],
  );
  // A module loaded at run time for some of its names takes those names.
  assert.deepEqual(
    problemsOf(
      file,
      [
        'const { writePartial } = await import("../shard/partial_file.ts");',
        'const { mergeSorted, y } = await import("../shard/sort_partial.ts");',
        'const { x } = await import("../io/_decompress.ts");',
        'const all = await import("../shard/partial_file.ts");',
      ].join("\n"),
      api,
    ),
    [
      'lib/cli/main.ts imports y from "../shard/sort_partial.ts", which mod.ts does not export',
      'lib/cli/main.ts imports "../io/_decompress.ts", a private module',
      'lib/cli/main.ts imports x from "../io/_decompress.ts", which mod.ts does not export',
      'lib/cli/main.ts imports * from "../shard/partial_file.ts", which mod.ts does not export',
    ],
  );
});

/** The import circles among `graph`'s modules, each as a path of names. */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (node: string, path: string[]) => {
    state.set(node, "open");
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") {
        const from = next === node ? path.length : path.indexOf(next);
        found.push([...path.slice(from), node, next]);
      } else if (!state.has(next)) {
        visit(next, [...path, node]);
      }
    }
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node, []);
  return found;
}

Deno.test("lib/cli has no import circles, type-only imports included", async () => {
  const graph = new Map<string, string[]>();
  for (const file of await cliModules()) {
    const source = await Deno.readTextFile(file);
    graph.set(
      file.href.slice(CLI.href.length),
      referencesOf(source)
        .filter((r) => r.specifier.startsWith(".") && !r.loaded)
        .map((r) => new URL(r.specifier, file).href)
        .filter((href) => href.startsWith(CLI.href))
        .map((href) => href.slice(CLI.href.length)),
    );
  }
  assert.ok(graph.has("main.ts") && graph.has("script.ts"));
  assert.deepEqual(circles(graph), []);
  assert.deepEqual(
    circles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["b", "c"]]])),
    [["b", "c", "b"], ["c", "c"]],
  );
});
