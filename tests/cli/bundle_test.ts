// Copyright 2026 the sluice authors. MIT license.
// The command line as the package's "./cli" runs it, bundled: what `deno task
// bundle` builds from lib/, a module graph with nothing of lib/ outside the
// bundle (so that no module runs twice, from its source and from a chunk),
// and the same output, status and messages as the sources, workers included.
import assert from "node:assert/strict";
import { buildCli, BUNDLE_DIR, listFiles, STARTED } from "../_build_cli.ts";
import { withTempDir } from "../_helpers.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const BUNDLE = `${ROOT}${BUNDLE_DIR}`;
const SOURCE_MAIN = `${ROOT}lib/cli/main.ts`;
const BUNDLE_MAIN = `${BUNDLE}/cli/main.js`;
const decoder = new TextDecoder();

Deno.test("the command line's bundle is what deno task bundle builds from lib/", async () => {
  await withTempDir(async (dir) => {
    const built = await buildCli(`${dir}/bundle`);
    const stale =
      "lib/cli/_bundle is not what lib/ builds: run deno task bundle";
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

Deno.test("the bundle's module graph holds no module of lib/ outside it, and every module its workers run", async () => {
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", BUNDLE_MAIN],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(info.code, 0, decoder.decode(info.stderr));
  const graph = JSON.parse(decoder.decode(info.stdout)) as {
    modules: { specifier: string }[];
  };
  const inside = `file://${BUNDLE}/`;
  const files = graph.modules.map((m) => m.specifier).filter((s) =>
    s.startsWith("file:")
  );
  assert.deepEqual(files.filter((s) => !s.startsWith(inside)), []);
  for (const started of STARTED) {
    assert.ok(
      files.includes(`${inside}${started.bundled}`),
      `${started.bundled} is not in the graph that deno install caches`,
    );
  }
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
