// Copyright 2026 the sluice authors. MIT license.
// Builds the command line's bundle, lib/cli/_bundle/: the modules of
// lib/cli/main.ts, of the workers it starts and of the group spec they load,
// as JavaScript in chunks that they share, so that one thread never holds two
// copies of a module. Deno turns each TypeScript module it runs into
// JavaScript with its source map inline, the TypeScript text included, and
// keeps all of it in memory; run as JavaScript, the command line starts
// sooner and holds less. `deno task bundle` runs it; a test checks that the
// committed bundle is what it builds from lib/.

import { dirname, relative } from "node:path";

const ROOT = new URL("../", import.meta.url);

/** The bundle's directory, from the repository's root. */
export const BUNDLE_DIR = "lib/cli/_bundle";

/**
 * The modules a Worker runs or loads by URL, by the URL their starter names
 * them with (`new URL(SPECIFIER, import.meta.url)`), and their place in the
 * bundle. Each is an entry of the bundle, whose chunks the command line's
 * shares.
 */
export const STARTED: ReadonlyArray<
  { source: string; specifier: string; bundled: string }
> = [
  {
    source: "lib/stages/_grep_worker.ts",
    specifier: "./_grep_worker.ts",
    bundled: "stages/_grep_worker.js",
  },
  {
    source: "lib/parallel/_parallel_worker.ts",
    specifier: "./_parallel_worker.ts",
    bundled: "parallel/_parallel_worker.js",
  },
  {
    source: "lib/parallel/_group_by_worker.ts",
    specifier: "./_group_by_worker.ts",
    bundled: "parallel/_group_by_worker.js",
  },
  {
    source: "lib/cli/_regex_worker.ts",
    specifier: "./_regex_worker.ts",
    bundled: "cli/_regex_worker.js",
  },
  {
    source: "lib/cli/_group_spec.ts",
    specifier: "../_group_spec.ts",
    bundled: "cli/_group_spec.js",
  },
];

/** The bundle's entry, from its directory. */
export const MAIN = "cli/main.js";
/** Its types and documentation, for type checks and JSR. */
const TYPES = "cli/main.d.ts";

const HEADER = "// Copyright 2026 the sluice authors. MIT license.\n" +
  "// Generated from lib/ by `deno task bundle` (Deno " + Deno.version.deno +
  "): do not edit.\n";

/** A URL of a bundled module, as the build writes it. */
const URL_OF_BUNDLED = /new URL\("\.{1,2}\/[^"]*\.js", import\.meta\.url\)/g;

/** How many times `text` holds `part`. */
function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** A URL of a module, relative to `import.meta.url`, as the sources write it. */
const URL_OF_MODULE = /new URL\("(\.{1,2}\/[^"]*\.ts)", import\.meta\.url\)/g;

/**
 * Builds the bundle into `outDir` (a path): `deno bundle` of the entries,
 * then each URL of a started module pointed at its bundled file, and the
 * entry naming every started module in an `import()` that never runs, so
 * that `deno install` caches them. Returns the files written, relative to
 * `outDir`, sorted.
 */
export async function buildCli(outDir: string): Promise<string[]> {
  await Deno.remove(outDir, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  const root = ROOT.pathname;
  const built = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform",
      "deno",
      // npm packages stay imports, resolved by the package's import map.
      ...(await npmImports()).flatMap((name) => ["--external", name]),
      "--code-splitting",
      "--outdir",
      outDir,
      `${root}lib/cli/main.ts`,
      ...STARTED.map((m) => `${root}${m.source}`),
    ],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!built.success) {
    throw new Error(
      `Cannot bundle the command line: deno bundle exited with ${built.code}\n${
        new TextDecoder().decode(built.stderr)
      }`,
    );
  }
  const files = await listFiles(outDir);
  const seen = new Set<string>();
  for (const file of files) {
    const path = `${outDir}/${file}`;
    const code = await Deno.readTextFile(path);
    const from = dirname(file);
    const unknown: string[] = [];
    let out = code.replace(URL_OF_MODULE, (whole, specifier: string) => {
      const started = STARTED.find((m) => m.specifier === specifier);
      if (started === undefined) {
        unknown.push(specifier);
        return whole;
      }
      seen.add(started.specifier);
      return `new URL(${
        JSON.stringify(toRelative(from, started.bundled))
      }, import.meta.url)`;
    });
    // Any other use of import.meta would point into lib/ from the bundle, or
    // at the bundle where the sources meant themselves.
    const left = out.replace(URL_OF_BUNDLED, "").split("import.meta")
      .length - 1 - (file === MAIN ? countOf(out, "import.meta.main") : 0);
    if (left > 0) {
      unknown.push(`import.meta (${left} uses)`);
    }
    if (unknown.length > 0) {
      throw new Error(
        `Cannot bundle the command line: ${file} names ${
          unknown.join(", ")
        }: not the URL of a module in STARTED, or a use of import.meta that the build does not rewrite`,
      );
    }
    let header = HEADER;
    if (file === MAIN) {
      const names = STARTED.map((m) =>
        `import(${JSON.stringify(toRelative(from, m.bundled))})`
      );
      out += `
// The modules the workers run and load, named for \`deno install\` and
// \`deno cache\` (a Worker's URL is not an import): never called.
const _startedModules = () => [
  ${names.join(",\n  ")},
];
`;
      header += `// @ts-self-types="./${TYPES.split("/").pop()}"\n`;
      await Deno.writeTextFile(`${outDir}/${TYPES}`, HEADER + await types());
    }
    await Deno.writeTextFile(path, header + out);
  }
  const missing = STARTED.filter((m) => !seen.has(m.specifier));
  if (missing.length > 0) {
    throw new Error(
      `Cannot bundle the command line: no module names ${
        missing.map((m) => m.specifier).join(", ")
      } by URL any more; take it out of STARTED`,
    );
  }
  return await listFiles(outDir);
}

/**
 * The declaration of the entry's one export, with main.ts's documentation
 * of the module and of `main`.
 */
async function types(): Promise<string> {
  const source = await Deno.readTextFile(new URL("lib/cli/main.ts", ROOT));
  const module = /\/\*\*(?:(?!\*\/)[\s\S])*@module\s*\*\//.exec(source);
  const main =
    /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\nexport async function main\(args: string\[\]\): Promise<number> \{/
      .exec(source);
  if (module === null || main === null) {
    throw new Error(
      "Cannot bundle the command line: lib/cli/main.ts has no module documentation, or no documented main(args: string[]): Promise<number>",
    );
  }
  return `${module[0]}

${main[1]}
export declare function main(args: string[]): Promise<number>;
`;
}

/** The names deno.json maps to npm packages. */
async function npmImports(): Promise<string[]> {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", ROOT)),
  ) as { imports?: Record<string, string> };
  return Object.entries(config.imports ?? {})
    .filter(([, target]) => target.startsWith("npm:"))
    .map(([name]) => name);
}

/** `to` (from the bundle's directory) relative to the directory `from`. */
function toRelative(from: string, to: string): string {
  const path = relative(from, to);
  return path.startsWith(".") ? path : `./${path}`;
}

/** The files under `dir`, as paths relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (sub: string) => {
    for await (const entry of Deno.readDir(`${dir}/${sub}`)) {
      const name = sub === "" ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory) await walk(name);
      else out.push(name);
    }
  };
  await walk("");
  return out.sort();
}

if (import.meta.main) {
  const files = await buildCli(`${ROOT.pathname}${BUNDLE_DIR}`);
  console.log(`${BUNDLE_DIR}: ${files.length} files`);
}
