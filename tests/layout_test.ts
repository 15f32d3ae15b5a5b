// Copyright 2026 the sluice authors. MIT license.
// The shape of the house, checked: each folder of lib/ imports only what its
// README says it may, no file imports itself back through others, mod.ts is
// a list of named re-exports, and no library code ends the process.

import assert from "node:assert/strict";
import { moduleGraph } from "./_helpers.ts";

const ROOT = new URL("../", import.meta.url);
const LIB = new URL("lib/", ROOT);

/** Source text without its comments (doc examples import the package). */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
}

async function libFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const folder of Deno.readDir(LIB)) {
    if (!folder.isDirectory) continue;
    for await (const f of Deno.readDir(new URL(`${folder.name}/`, LIB))) {
      if (f.isFile && f.name.endsWith(".ts")) {
        files.push(`${folder.name}/${f.name}`);
      }
    }
  }
  return files.sort();
}

/** The lib/-relative files that `file` imports (statically or by URL). */
function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+"(\.{1,2}\/[^"]+)"/g,
    /\bimport\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g,
    /new URL\(\s*"(\.{1,2}\/[^"]+\.ts)",\s*import\.meta\.url\)/g,
  ];
  const code = codeOf(text);
  for (const re of patterns) {
    for (const m of code.matchAll(re)) {
      const url = new URL(m[1]!, new URL(file, LIB));
      if (url.href.startsWith(LIB.href)) {
        found.push(url.href.slice(LIB.href.length));
      }
    }
  }
  return found;
}

async function graph(): Promise<Map<string, string[]>> {
  const g = new Map<string, string[]>();
  for (const file of await libFiles()) {
    g.set(file, importsOf(file, await Deno.readTextFile(new URL(file, LIB))));
  }
  return g;
}

/** The folders a folder's README says it may import. */
async function allowed(folder: string): Promise<Set<string> | "public"> {
  const text = await Deno.readTextFile(new URL(`${folder}/README.md`, LIB));
  const line = text.split("\n").find((l) => l.startsWith("May import:"));
  assert.ok(line, `lib/${folder}/README.md says what it may import`);
  if (line.includes("mod.ts")) return "public";
  if (line.includes("nothing")) return new Set();
  return new Set(line.slice("May import:".length).match(/[a-z]+/g) ?? []);
}

Deno.test("every folder of lib/ imports only the folders its README allows", async () => {
  const g = await graph();
  const wrong: string[] = [];
  for (const [file, targets] of g) {
    const folder = file.split("/")[0]!;
    const may = await allowed(folder);
    for (const target of targets) {
      const to = target.split("/")[0]!;
      if (to === folder) continue;
      if (to === "cli") {
        wrong.push(`${file} -> ${target} (only mod.ts uses the command line)`);
        continue;
      }
      if (may === "public") continue; // checked by the command line's own test
      if (!may.has(to)) wrong.push(`${file} -> ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

Deno.test("no file of lib/ imports itself back through other files", async () => {
  const g = await graph();
  const circles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    path.push(file);
    for (const next of g.get(file) ?? []) {
      if (state.get(next) === "open") {
        circles.push([...path.slice(path.indexOf(next)), next].join(" -> "));
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of g.keys()) if (!state.has(file)) visit(file);
  assert.deepEqual(circles, []);
});

Deno.test("the layout check sees an import that breaks the rules", () => {
  // The checks above are only as good as the import reader.
  assert.deepEqual(
    importsOf(
      "core/x.ts",
      'import { a } from "../cli/main.ts";\nconst w = new URL("./_w.ts", import.meta.url);\n// import { b } from "../io/y.ts";',
    ),
    ["cli/main.ts", "core/_w.ts"],
  );
});

/**
 * The lib/-relative files that `file` loads as it is evaluated: static
 * imports and re-exports that bring a value (not `import type`, not a
 * dynamic import, which loads later or never).
 */
function loadsOf(file: string, text: string): string[] {
  const found: string[] = [];
  const code = codeOf(text);
  const re =
    /(?:^|;)\s*(?:(?:import|export)\s+(type\s+)?[^;"]*?\bfrom\s+|import\s+)"(\.{1,2}\/[^"]+)"/g;
  for (const m of code.matchAll(re)) {
    if (m[1] !== undefined) continue;
    const url = new URL(m[2]!, new URL(file, LIB));
    if (url.href.startsWith(LIB.href)) {
      found.push(url.href.slice(LIB.href.length));
    }
  }
  return found;
}

/** Every lib/ file that loading `entry` evaluates, itself included. */
async function loadedBy(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...loadsOf(file, await Deno.readTextFile(new URL(file, LIB))));
  }
  return seen;
}

Deno.test("a worker loads only what it runs, not the main thread's pool, run context or summary", async () => {
  // Each module a worker loads costs its memory once more (parallel()'s
  // worker loaded 161 KB of sources through the pool's error helpers, 82 KB
  // without), so the worker side keeps to what it runs.
  const workers = [
    "parallel/_parallel_worker.ts",
    "parallel/_group_by_worker.ts",
    "stages/_grep_worker.ts",
    "cli/_regex_worker.ts",
  ];
  const mainOnly = [
    "parallel/_pool.ts",
    "core/_context.ts",
    "summary/summary.ts",
    "summary/_record.ts",
  ];
  for (const worker of workers) {
    const loaded = await loadedBy(worker);
    assert.deepEqual(mainOnly.filter((f) => loaded.has(f)), [], worker);
  }
});

Deno.test("the load check follows value imports and skips type-only and dynamic ones", () => {
  assert.deepEqual(
    loadsOf(
      "core/x.ts",
      [
        'import { a, type B } from "./a.ts";',
        'import type { C } from "./c.ts";',
        'export type { D } from "../io/d.ts";',
        'export {\n  e,\n} from "../io/e.ts";',
        'import "./f.ts";',
        'const g = await import("./g.ts");',
      ].join("\n"),
    ),
    ["core/a.ts", "io/e.ts", "core/f.ts"],
  );
});

Deno.test("the library's sources are ASCII, non-ASCII text written as \\u escapes", async () => {
  // V8 holds a module's source as one string, two bytes a character when
  // one character is not Latin-1 (an ellipsis in a comment is enough). 57
  // of 143 modules had one; made ASCII, importing mod.ts peaked at 40.4
  // instead of 41.7 MiB RSS, in the main thread and in every worker that
  // imports it.
  const found: string[] = [];
  const walk = async (dir: URL, name: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${name}${entry.name}`;
      if (entry.isDirectory) {
        await walk(new URL(`${entry.name}/`, dir), `${path}/`);
      } else if (entry.name.endsWith(".ts")) {
        const lines = (await Deno.readTextFile(new URL(entry.name, dir)))
          .split("\n");
        lines.forEach((line, i) => {
          // deno-lint-ignore no-control-regex
          const at = line.search(/[^\x00-\x7f]/);
          if (at !== -1) found.push(`${path}:${i + 1}: ${line.trim()}`);
        });
      }
    }
  };
  await walk(LIB, "lib/");
  const mod = await Deno.readTextFile(new URL("mod.ts", ROOT));
  // deno-lint-ignore no-control-regex
  if (/[^\x00-\x7f]/.test(mod)) found.push("mod.ts");
  assert.deepEqual(found, []);
});

Deno.test("mod.ts is a list of named re-exports", async () => {
  const text = await Deno.readTextFile(new URL("mod.ts", ROOT));
  const code = codeOf(text);
  assert.doesNotMatch(code, /export \*/);
  const statements = code.split(";").map((s) => s.trim()).filter((s) =>
    s !== ""
  );
  for (const s of statements) {
    assert.match(s, /^export (type )?\{[^}]*\} from "\.\/lib\/[a-z_/]+\.ts"$/);
  }
});

Deno.test("no library code ends the process: only the command's entry point exits", async () => {
  const exits: string[] = [];
  for (const file of await libFiles()) {
    const text = await Deno.readTextFile(new URL(file, LIB));
    const code = codeOf(text);
    if (/Deno\.exit\(/.test(code) && file !== "cli/main.ts") exits.push(file);
  }
  assert.deepEqual(exits, []);
});

Deno.test("every error class of lib/ lives in core/errors.ts", async () => {
  const elsewhere: string[] = [];
  for (const file of await libFiles()) {
    if (file === "core/errors.ts") continue;
    const text = await Deno.readTextFile(new URL(file, LIB));
    for (const m of text.matchAll(/class (\w+) extends (\w*Error)\b/g)) {
      elsewhere.push(`${file}: ${m[1]}`);
    }
  }
  assert.deepEqual(elsewhere, []);
});

Deno.test("every module a worker runs is imported by code from the module that starts it, which deno install and deno compile follow", async () => {
  const starts: { file: string; worker: string }[] = [];
  for (const file of await libFiles()) {
    const text = await Deno.readTextFile(new URL(file, LIB));
    for (
      const m of text.matchAll(
        /new URL\("(\.\/[^"]*_worker\.ts)", import\.meta\.url\)/g,
      )
    ) starts.push({ file, worker: m[1]! });
  }
  assert.ok(starts.length >= 4, JSON.stringify(starts));
  const modules = [
    ...(await moduleGraph("mod.ts")).modules,
    ...(await moduleGraph("lib/cli/main.ts")).modules,
  ];
  for (const { file, worker } of starts) {
    const from = modules.find((m) => m.specifier === new URL(file, LIB).href);
    assert.ok(from !== undefined, `${file} is in the package's graph`);
    const dep = from.dependencies?.find((d) => d.specifier === worker);
    assert.ok(
      dep?.code !== undefined,
      `${file} imports ${worker} by code, not only its types`,
    );
  }
});
