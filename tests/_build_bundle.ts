// Copyright 2026 the sluice authors. MIT license.
// Builds the package's bundle, lib/_bundle/: every module the package
// exports (mod.ts, its subpaths and the command line), the workers they
// start and the group spec the command line's workers load, as JavaScript in
// chunks that they share, so that one thread never holds two copies of a
// module. Deno turns each TypeScript module it runs into JavaScript with its
// source map inline, the TypeScript text included, and keeps all of it in
// memory; run as JavaScript, a program starts sooner and holds less. Each
// exported file names the TypeScript module it was built from as its types
// (`@ts-self-types`), so that type checks and documentation read the
// sources. `deno task bundle` runs it; a test checks that the committed
// bundle is what it builds from lib/.

import { dirname, relative } from "node:path";

const ROOT = new URL("../", import.meta.url);

/** The bundle's directory, from the repository's root. */
export const BUNDLE_DIR = "lib/_bundle";

/**
 * The modules a Worker runs or loads by URL, by the URL their starter names
 * them with (`new URL(SPECIFIER, import.meta.url)`), with their sources. Each
 * is an entry of the bundle, whose chunks the exported modules share.
 */
export const STARTED: ReadonlyArray<{ source: string; specifier: string }> = [
  { source: "lib/stages/_grep_worker.ts", specifier: "./_grep_worker.ts" },
  {
    source: "lib/parallel/_parallel_worker.ts",
    specifier: "./_parallel_worker.ts",
  },
  {
    source: "lib/parallel/_group_by_worker.ts",
    specifier: "./_group_by_worker.ts",
  },
  { source: "lib/cli/_regex_worker.ts", specifier: "./_regex_worker.ts" },
  { source: "lib/cli/_group_spec.ts", specifier: "../_group_spec.ts" },
];

/** A module's file in the bundle (from its directory), by its source's path. */
export function bundled(source: string): string {
  return source.replace(/\.ts$/, ".js");
}

/** A bundled file's source, by its path from the bundle's directory. */
export function sourceOf(file: string): string {
  return file.replace(/\.js$/, ".ts");
}

/**
 * The source, from the repository's root, of a target of deno.json's
 * "exports" (`./lib/_bundle/X.js`), or undefined for one outside the bundle.
 */
export function exportSource(target: string): string | undefined {
  const prefix = `./${BUNDLE_DIR}/`;
  return target.startsWith(prefix)
    ? sourceOf(target.slice(prefix.length))
    : undefined;
}

/** The sources of the modules the package exports (deno.json's "exports"). */
export async function exportedSources(): Promise<string[]> {
  const config = await denoJson();
  return Object.values(config.exports ?? {}).map((target) => {
    const source = exportSource(target);
    if (source === undefined) {
      throw new Error(
        `Cannot bundle the package: export ${target} is not in ${BUNDLE_DIR}`,
      );
    }
    return source;
  });
}

const HEADER = "// Copyright 2026 the sluice authors. MIT license.\n" +
  "// Generated from lib/ by `deno task bundle` (Deno " + Deno.version.deno +
  "): do not edit.\n";

/** The folder above a started worker's module, as its starter names it. */
const PARENT_OF_WORKER = /new URL\("\.\.\/", (WORKER\d*)\)/g;

/** A URL of a bundled module, as the build writes it. */
const URL_OF_BUNDLED = /new URL\("\.{1,2}\/[^"]*\.js", import\.meta\.url\)/g;

/** A URL of a module, relative to `import.meta.url`, as the sources write it. */
const URL_OF_MODULE = /new URL\("(\.{1,2}\/[^"]*\.ts)", import\.meta\.url\)/g;

/**
 * Builds the bundle into `outDir` (a path): `deno bundle` of the entries,
 * then each URL of a started module pointed at its bundled file, and each
 * exported file given its types and an `import()` that never runs of every
 * started module its sources reach, so that `deno install` and `deno cache`
 * cache them. Returns the files written, relative to `outDir`, sorted.
 */
export async function buildBundle(outDir: string): Promise<string[]> {
  await Deno.remove(outDir, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  const root = ROOT.pathname;
  const exported = await exportedSources();
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
      ...exported.map((source) => `${root}${source}`),
      ...STARTED.map((m) => `${root}${m.source}`),
    ],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!built.success) {
    throw new Error(
      `Cannot bundle the package: deno bundle exited with ${built.code}\n${
        new TextDecoder().decode(built.stderr)
      }`,
    );
  }
  const files = await listFiles(outDir);
  for (const source of [...exported, ...STARTED.map((m) => m.source)]) {
    if (!files.includes(bundled(source))) {
      throw new Error(
        `Cannot bundle the package: deno bundle wrote no ${bundled(source)}`,
      );
    }
  }
  const seen = new Set<string>();
  let readChecks = 0;
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
        JSON.stringify(toRelative(from, bundled(started.source)))
      }, import.meta.url)`;
    });
    // A worker's modules are read from the folder above the worker's own in
    // the sources (lib/), where the starter asks for read access before it
    // starts one; in the bundle, the chunks sit two folders above it.
    out = out.replace(PARENT_OF_WORKER, (_, worker: string) => {
      readChecks++;
      return `new URL("../../", ${worker})`;
    });
    // Any other use of import.meta would point into lib/ from the bundle, or
    // at the bundle where the sources meant themselves.
    const mains = countOf(out, "import.meta.main");
    const left = countOf(out.replace(URL_OF_BUNDLED, ""), "import.meta") -
      mains;
    if (left > 0) unknown.push(`import.meta (${left} uses)`);
    if (mains > 0 && file !== bundled("lib/cli/main.ts")) {
      unknown.push("import.meta.main");
    }
    if (unknown.length > 0) {
      throw new Error(
        `Cannot bundle the package: ${file} names ${
          unknown.join(", ")
        }: not the URL of a module in STARTED, or a use of import.meta that the build does not rewrite`,
      );
    }
    let header = HEADER;
    const source = sourceOf(file);
    if (exported.includes(source)) {
      const types = toRelative(from, relative(BUNDLE_DIR, source));
      header += `// @ts-self-types="${types}"\n`;
      const reached = await startedFrom(source);
      if (reached.length > 0) {
        out += `
// The modules the workers run and load, named for \`deno install\` and
// \`deno cache\` (a Worker's URL is not an import): never called.
const _startedModules = () => [
${
          reached.map((m) =>
            `  import(${
              JSON.stringify(toRelative(from, bundled(m.source)))
            }),\n`
          ).join("")
        }];
`;
      }
    }
    await Deno.writeTextFile(path, header + out);
  }
  if (readChecks === 0) {
    throw new Error(
      'Cannot bundle the package: no starter asks for read access to new URL("../", WORKER) any more; take the rewrite out',
    );
  }
  const missing = STARTED.filter((m) => !seen.has(m.specifier));
  if (missing.length > 0) {
    throw new Error(
      `Cannot bundle the package: no module names ${
        missing.map((m) => m.specifier).join(", ")
      } by URL any more; take it out of STARTED`,
    );
  }
  return await listFiles(outDir);
}

/** The started modules that the sources of `source` reach, as Deno sees them. */
async function startedFrom(source: string): Promise<typeof STARTED[number][]> {
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", source],
    cwd: ROOT.pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!info.success) {
    throw new Error(
      `Cannot bundle the package: deno info ${source} failed\n${
        new TextDecoder().decode(info.stderr)
      }`,
    );
  }
  const graph = JSON.parse(new TextDecoder().decode(info.stdout)) as {
    modules: { specifier: string }[];
  };
  const specifiers = new Set(graph.modules.map((m) => m.specifier));
  return STARTED.filter((m) =>
    specifiers.has(new URL(m.source, ROOT).href) && m.source !== source
  );
}

/** How many times `text` holds `part`. */
function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}

async function denoJson(): Promise<
  { exports?: Record<string, string>; imports?: Record<string, string> }
> {
  return JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
}

/** The names deno.json maps to npm packages. */
async function npmImports(): Promise<string[]> {
  return Object.entries((await denoJson()).imports ?? {})
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
  const files = await buildBundle(`${ROOT.pathname}${BUNDLE_DIR}`);
  console.log(`${BUNDLE_DIR}: ${files.length} files`);
}
