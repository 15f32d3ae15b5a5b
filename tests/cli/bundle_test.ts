// Copyright 2026 the sluice authors. MIT license.
// The package as its exports run it, bundled (lib/_bundle/): what `deno task
// bundle` builds from lib/; module graphs with nothing of lib/ outside the
// bundle (so that no module runs twice, from its source and from a chunk);
// and the same output, status and messages as the sources, workers
// included, from the command line and from a script of the library.
import assert from "node:assert/strict";
import {
  buildBundle,
  BUNDLE_DIR,
  bundled,
  exportedSources,
  listFiles,
  STARTED,
} from "../_build_bundle.ts";
import { moduleGraph, withTempDir } from "../_helpers.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const BUNDLE = `${ROOT}${BUNDLE_DIR}`;
const SOURCE_MAIN = `${ROOT}lib/cli/main.ts`;
const BUNDLE_MAIN = `${BUNDLE}/${bundled("lib/cli/main.ts")}`;
const decoder = new TextDecoder();

Deno.test("the package's bundle is what deno task bundle builds from lib/", async () => {
  await withTempDir(async (dir) => {
    const built = await buildBundle(`${dir}/bundle`);
    const stale = `${BUNDLE_DIR} is not what lib/ builds: run deno task bundle`;
    assert.deepEqual(await listFiles(BUNDLE), built, stale);
    for (const file of built) {
      assert.equal(
        await Deno.readTextFile(`${BUNDLE}/${file}`),
        await Deno.readTextFile(`${dir}/bundle/${file}`),
        `${file}: ${stale}`,
      );
    }
  });
});

Deno.test("each export's module graph holds no module of lib/ outside the bundle, and the command line's every module its workers run", async () => {
  const graphOf = async (entry: string) => {
    // What runs: the modules reached by code, not by the types that each
    // export names (its source, for type checks only).
    const graph = await moduleGraph(entry);
    const bySpecifier = new Map(graph.modules.map((m) => [m.specifier, m]));
    const runs = new Set<string>();
    const visit = (specifier: string) => {
      if (runs.has(specifier)) return;
      runs.add(specifier);
      for (const dependency of bySpecifier.get(specifier)?.dependencies ?? []) {
        if (dependency.code === undefined) continue;
        // An import Deno could not resolve has no specifier.
        assert.ok(
          dependency.code.specifier,
          `${specifier}: an import unresolved`,
        );
        visit(dependency.code.specifier);
      }
    };
    for (const root of graph.roots) visit(root);
    return [...runs].filter((s) => s.startsWith("file:"));
  };
  const inside = `file://${BUNDLE}/`;
  for (const source of await exportedSources()) {
    const files = await graphOf(`${BUNDLE}/${bundled(source)}`);
    assert.deepEqual(files.filter((s) => !s.startsWith(inside)), [], source);
  }
  const files = await graphOf(BUNDLE_MAIN);
  for (const started of STARTED) {
    assert.ok(
      files.includes(`${inside}${bundled(started.source)}`),
      `${started.source} is not in the graph that deno install caches`,
    );
  }
});

Deno.test("a starter asks for read access to the whole bundle, where its worker's chunks are, before it starts a worker", async () => {
  let checks = 0;
  for (const file of await listFiles(BUNDLE)) {
    const code = await Deno.readTextFile(`${BUNDLE}/${file}`);
    const url = new URL(file, `file://${BUNDLE}/`);
    for (
      const m of code.matchAll(/path: new URL\("([^"]+)", (WORKER\d*)\)/g)
    ) {
      const parent = m[1]!;
      const worker = m[2]!;
      const defined = new RegExp(
        `var ${worker} = new URL\\("([^"]+)", import\\.meta\\.url\\)`,
      ).exec(code);
      assert.ok(defined !== null, `${file}: ${worker}`);
      assert.equal(
        new URL(parent, new URL(defined[1]!, url)).href,
        `file://${BUNDLE}/`,
        file,
      );
      checks++;
    }
  }
  assert.equal(checks, 2);
});

Deno.test("a script of the library gives what it gives from the sources, its workers' modules bundled too", async () => {
  await withTempDir(async (dir) => {
    const log = `${dir}/app.log`;
    const lines: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      lines.push(
        `t ${i % 50 === 0 ? "ERROR" : "INFO"} ${
          ["api", "auth", "web"][i % 3]
        } latency_ms=${(i * 7919) % 1500}`,
      );
    }
    await Deno.writeTextFile(log, lines.join("\n") + "\n");
    // The same script, its spec and its worker's module, importing the
    // package from its bundle or from its sources.
    const write = async (flavour: string, mod: string) => {
      const at = `${dir}/${flavour}`;
      await Deno.mkdir(at);
      await Deno.writeTextFile(
        `${at}/spec.ts`,
        `import { count, lineField, lineWord, percentile } from "${mod}";
export default {
  key: lineWord(3),
  reducers: { n: count(), p95: percentile(95, lineField("latency_ms", { number: true })) },
};
`,
      );
      await Deno.writeTextFile(
        `${at}/match.ts`,
        `import { filter } from "${mod}";
export default filter((line: string) => line.includes("ERROR"));
`,
      );
      await Deno.writeTextFile(
        `${at}/script.ts`,
        `import { filter, parallel, parallelGroupBy, pipeline, readLines, sort, Summary, writeLines } from "${mod}";
const log = Deno.args[0]!;
const out: unknown[] = [];
let errors = 0;
await pipeline(readLines(log), filter((l: string) => l.includes("ERROR")), async (it: AsyncIterable<string>) => {
  for await (const _ of it) errors++;
});
out.push(errors);
await pipeline(readLines(log), sort((l: string) => Number(l.split("=")[1]), { budget: "1MiB" }), writeLines(Deno.args[1]!));
let matched = 0;
await pipeline(readLines(log), parallel(new URL("./match.ts", import.meta.url), { workers: 2 }), async (it: AsyncIterable<string>) => {
  for await (const _ of it) matched++;
});
out.push(matched);
const summary = new Summary();
await pipeline(readLines(log), parallelGroupBy(new URL("./spec.ts", import.meta.url), { workers: 2, rangeBytes: 200000 }), async (it: AsyncIterable<unknown>) => {
  for await (const row of it) out.push(row);
}, { summary });
out.push(Object.keys(summary.toJSON().stages[1]!.counters).sort());
console.log(JSON.stringify(out));
`,
      );
      return at;
    };
    const source = await write("source", `${ROOT}mod.ts`);
    const bundle = await write("bundle", `${BUNDLE}/${bundled("mod.ts")}`);
    const run = async (at: string) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-R", "-W", `${at}/script.ts`, log, `${at}/sorted.log`],
        cwd: dir,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(out.code, 0, decoder.decode(out.stderr));
      return {
        stdout: decoder.decode(out.stdout),
        sorted: await Deno.readTextFile(`${at}/sorted.log`),
      };
    };
    const fromSources = await run(source);
    const fromBundle = await run(bundle);
    assert.deepEqual(fromBundle, fromSources);
    // The workers ran, and read the lines on bytes as from the sources.
    assert.match(fromBundle.stdout, /worker1HeapPeak/);
  });
});

Deno.test("the bundled command line gives what the sources give: output, status and messages, workers included", async () => {
  await withTempDir(async (dir) => {
    const log = `${dir}/app.log`;
    const services = ["api", "auth", "billing", "web"];
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      const level = i % 97 === 0 ? "ERROR" : i % 13 === 0 ? "WARN" : "INFO";
      const status = [200, 200, 404, 503, 504][i % 5];
      lines.push(
        `2026-12-07T10:${String(i % 60).padStart(2, "0")}:00Z ${level} ${
          services[i % 4]
        } status=${status} latency_ms=${(i * 7919) % 1500} msg="${
          "a".repeat(i % 5)
        }b"`,
      );
    }
    await Deno.writeTextFile(log, lines.join("\n") + "\n");
    const gz = `${log}.gz`;
    await Deno.writeFile(
      gz,
      new Uint8Array(
        await new Response(
          (await Deno.open(log)).readable.pipeThrough(
            new CompressionStream("gzip"),
          ),
        ).arrayBuffer(),
      ),
    );
    // A run's summary, less its timings and memory: which stages ran, and
    // with which counters (a worker's stage counts its workers' heaps).
    const shape = async (path: string) => {
      const summary = JSON.parse(await Deno.readTextFile(path)) as {
        stages: {
          name: string;
          kind: string;
          itemsIn: number;
          itemsOut: number;
          bound: string;
          counters: Record<string, number>;
        }[];
      };
      return summary.stages.map((row) => ({
        name: row.name,
        kind: row.kind,
        itemsIn: row.itemsIn,
        itemsOut: row.itemsOut,
        bound: row.bound,
        counters: Object.keys(row.counters).sort(),
      }));
    };
    const run = async (main: string, args: string[]) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-R",
          "-W",
          "--unstable-lazy-dynamic-imports",
          main,
          ...args,
        ],
        cwd: dir,
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const made: Record<string, unknown> = {};
      for (const [i, arg] of args.entries()) {
        if (arg === "--summary-json") made.summary = await shape(args[i + 1]!);
        if (arg === "--output" || arg === "--partial") {
          made[arg] = await Deno.readTextFile(args[i + 1]!);
          await Deno.remove(args[i + 1]!);
        }
        if (arg === "--prefix") {
          const parts = [];
          for await (const entry of Deno.readDir(dir)) {
            if (!entry.name.startsWith("part-")) continue;
            parts.push([
              entry.name,
              await Deno.readTextFile(`${dir}/${entry.name}`),
            ]);
            await Deno.remove(`${dir}/${entry.name}`);
          }
          made.parts = parts.sort();
        }
      }
      return {
        code: out.code,
        stdout: decoder.decode(out.stdout),
        stderr: decoder.decode(out.stderr),
        made,
      };
    };
    const summary = `${dir}/summary.json`;
    const partial = `${dir}/p.part`;
    const cases = [
      ["grep", "-c", "ERROR", log],
      ["grep", "-n", "-m", "3", "-i", "warn", log],
      // A pattern that may backtrack: the grep stage's worker.
      ["grep", "-c", "-E", '(a|aa)+b"$', log],
      // The same for a field: the regular expression's worker.
      ["grep", "-c", "-E", "-k", "msg", "^(a|aa)+b$", log],
      ["grep", "-c", "-E", "-k", "status", "^50[34]$", log],
      ["count", log],
      ["head", "-n", "2", log],
      ["tail", "-n", "2", log],
      ["fields", "-k", "status,latency_ms", log],
      ["sort", "-k", "latency_ms", "-n", "-r", "--budget", "1MiB", log],
      ["distinct", "-k", "status", log],
      // parallelGroupBy()'s workers, with the command line's group spec.
      [
        "group",
        "--by-word",
        "3",
        "--count",
        "--p95",
        "latency_ms",
        "--workers",
        "2",
        log,
      ],
      ["group", "--by", "status", "--count", "--workers", "1", log],
      // The workers seen in the summary: no silent fall-back to this thread.
      [
        "group",
        "--by-word",
        "3",
        "--count",
        "--workers",
        "2",
        "--summary-json",
        summary,
        log,
      ],
      [
        "grep",
        "-c",
        "-E",
        "-k",
        "msg",
        "^(a|aa)+b$",
        "--summary-json",
        summary,
        log,
      ],
      ["grep", "-c", "ERROR", gz, log],
      [
        "fields",
        "--format",
        "regex:^(?<ts>\\S+) (?<level>\\S+) ",
        "-k",
        "level",
        log,
      ],
      ["sample", "-n", "3", "--seed", "5", log],
      ["split", "--lines", "15000", "--prefix", "part-", log],
      [
        "sort",
        "-k",
        "latency_ms",
        "-n",
        "--shard",
        "1/2",
        "--partial",
        partial,
        log,
      ],
      [
        "group",
        "--by",
        "status",
        "--count",
        "--shard",
        "0/2",
        "--partial",
        partial,
        log,
      ],
      ["sort", "-k", "latency_ms", "-n", "--output", `${dir}/out.log`, log],
      ["--version"],
      ["--help"],
      ["grpe", "ERROR", log],
      ["sort", "--budget", "lots", log],
      ["count", `${dir}/missing.log`],
    ];
    for (const args of cases) {
      const source = await run(SOURCE_MAIN, args);
      const bundled = await run(BUNDLE_MAIN, args);
      assert.deepEqual(bundled, source, args.join(" "));
    }
  });
});
