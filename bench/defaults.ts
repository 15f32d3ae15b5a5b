/**
 * How the defaults that decide what crosses an `await` were chosen: each one
 * tried at a few values, peak RSS and time as users run a script (`deno run
 * -R -W`, no V8 flags), median of `--runs` runs, over the cached 256 MiB bench
 * corpus. Internal constants are varied in a copy of `lib/`; options by
 * passing them.
 *
 *   deno run -A bench/defaults.ts [--runs 3] [--size 256MiB] [--only NAME]
 *
 * `--only NAME` runs the trials named NAME and NAME/something (one default
 * tried by several scripts).
 *
 * The figures go beside each default in the code; run this again after a
 * change that touches one of them.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { parseSize, SAMPLE_VERSION } from "../examples/sample_log.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "3" },
    size: { type: "string", default: "256MiB" },
    only: { type: "string" },
    cache: { type: "string" },
  },
});
const runs = Number(values.runs);
const root = new URL("../", import.meta.url).pathname;
const cacheDir = values.cache ??
  `${
    Deno.env.get("XDG_CACHE_HOME") ?? `${Deno.env.get("HOME")}/.cache`
  }/sluice-bench`;
const input = `${cacheDir}/corpus-v${SAMPLE_VERSION}-${
  parseSize(values.size)
}.log`;
try {
  await Deno.stat(`${input}.done`);
} catch {
  console.error(
    `No corpus at ${input}: run \`deno task bench --size ${values.size} --tasks T1\` once to build it`,
  );
  Deno.exit(2);
}

/** One default and the values tried; `script` is run with the input path. */
interface Trial {
  name: string;
  /** Where the default lives, for the report. */
  where: string;
  /** The values tried; the first is today's default. */
  tries: (string | number)[];
  /** For an internal constant: the file and the pattern of its value. */
  constant?: { file: string; pattern: RegExp };
  /** The script, given the value (options are passed in its text). */
  script: (value: string | number) => string;
}

const KiB = 1024;

/**
 * T1 (count the ERROR lines) with readLines given `options`; with `apart`,
 * a `map` between the reader and the filter keeps the filter out of the
 * reader, so that every line goes down the pipeline.
 */
function t1(options = "{}", apart = false): string {
  return `
      import { filter, map, pipeline, readLines } from "./lib_copy/mod.ts";
      let n = 0;
      await pipeline(readLines(Deno.args[0], ${options}),
        ${apart ? "map((l) => l)," : ""}
        filter((l) => l.includes("ERROR")),
        async (xs) => { for await (const _ of xs) n++; });
      console.log(n);`;
}
/**
 * A trial of REBATCH_ITEMS (the items of a user's own source or stage
 * gathered into a chunk) with one more script: `name` is its suffix.
 */
function rebatch(name: string, where: string, script: string): Trial {
  return {
    name: `REBATCH_ITEMS${name}`,
    where,
    tries: [128, 1024, 256, 64],
    constant: {
      file: "core/_adapters.ts",
      pattern: /const REBATCH_ITEMS = [^;]+;/,
    },
    script: () => script,
  };
}
const trials: Trial[] = [
  {
    name: "readBytes",
    where: "lib/io/read_lines.ts (option)",
    tries: [512 * KiB, 128 * KiB, 256 * KiB, 1024 * KiB],
    script: (v) => t1(`{ readBytes: ${v} }`),
  },
  {
    name: "SPLIT_BYTES",
    where: "lib/io/read_lines.ts",
    tries: [16 * KiB, 8 * KiB, 32 * KiB, 64 * KiB],
    constant: {
      file: "io/read_lines.ts",
      pattern: /const SPLIT_BYTES = [^;]+;/,
    },
    script: () => t1("{}", true),
  },
  {
    name: "FILTER_SPLIT_BYTES",
    where: "lib/io/read_lines.ts (a filter fused into the reader)",
    tries: [64 * KiB, 16 * KiB, 128 * KiB, 256 * KiB, 512 * KiB],
    constant: {
      file: "io/read_lines.ts",
      pattern: /const FILTER_SPLIT_BYTES = [^;]+;/,
    },
    script: () => t1(),
  },
  {
    name: "READ_AHEAD",
    where: "lib/io/read_lines.ts",
    tries: [512 * KiB, 64 * KiB, 128 * KiB, 256 * KiB],
    constant: {
      file: "io/read_lines.ts",
      pattern: /const READ_AHEAD = [^;]+;/,
    },
    script: () => t1(),
  },
  {
    name: "writeBytes",
    where: "lib/io/write_lines.ts (option)",
    tries: [1024 * KiB, 64 * KiB, 256 * KiB, 4096 * KiB],
    script: (v) => `
      import { pipeline, readLines, writeLines } from "./lib_copy/mod.ts";
      await pipeline(readLines(Deno.args[0]),
        writeLines(Deno.args[1], { writeBytes: ${v} }));`,
  },
  rebatch(
    "",
    "lib/core/_adapters.ts (a user's own stage's output)",
    `
      import { pipeline, readLines, writeLines } from "./lib_copy/mod.ts";
      await pipeline(readLines(Deno.args[0]),
        async function* (lines) { for await (const l of lines) yield l; },
        writeLines(Deno.args[1]));`,
  ),
  rebatch(
    "/source",
    "lib/core/_adapters.ts (a source of one's own)",
    `
      import { filter, pipeline, readLines } from "./lib_copy/mod.ts";
      async function* lines() { for await (const l of readLines(Deno.args[0])) yield l; }
      let n = 0;
      for await (const _ of pipeline(lines(), filter((l) => l.includes(" ERROR ")))) n++;
      console.log(n);`,
  ),
  rebatch(
    "/records",
    "lib/core/_adapters.ts (records made in memory, one at a time)",
    `
      import { filter, pipeline } from "./lib_copy/mod.ts";
      async function* records() { for (let i = 0; i < 5_000_000; i++) yield { i, service: "svc" + (i % 97), latency: i % 1000 }; }
      let n = 0;
      for await (const _ of pipeline(records(), filter((r) => r.latency > 990))) n++;
      console.log(n);`,
  ),
  rebatch(
    "/words",
    "lib/core/_adapters.ts (a stage of one's own yielding many items for each)",
    `
      import { pipeline, readLines } from "./lib_copy/mod.ts";
      async function* words(lines) { for await (const l of lines) for (const w of l.split(" ")) yield w; }
      let n = 0;
      for await (const w of pipeline(readLines(Deno.args[0]), words)) if (w.length > 20) n++;
      console.log(n);`,
  ),
  {
    name: "SYNC_CHUNK_ITEMS",
    where: "lib/core/_adapters.ts (a sync iterable source)",
    tries: [1024, 256, 4096],
    constant: {
      file: "core/_adapters.ts",
      pattern: /const SYNC_CHUNK_ITEMS = [^;]+;/,
    },
    script: () => `
      import { map, pipeline } from "./lib_copy/mod.ts";
      function* lines() { for (let i = 0; i < 3_000_000; i++) yield "line " + i + " of a made-up log with some text"; }
      let n = 0;
      await pipeline(lines(), map((l) => l.toUpperCase()),
        async (xs) => { for await (const _ of xs) n++; });
      console.log(n);`,
  },
  {
    name: "MAX_OUT",
    where: "lib/stages/_per_item.ts (flatMap's output per chunk)",
    tries: [8192, 2048, 32768],
    constant: {
      file: "stages/_per_item.ts",
      pattern: /const MAX_OUT = [^;]+;/,
    },
    script: () => `
      import { flatMap, pipeline, readLines } from "./lib_copy/mod.ts";
      let n = 0;
      await pipeline(readLines(Deno.args[0]),
        flatMap((l) => l.split(" ")),
        async (xs) => { for await (const _ of xs) n++; });
      console.log(n);`,
  },
];

async function runOnce(
  cmd: string[],
): Promise<{ seconds: number; rssMiB: number }> {
  const out = await new Deno.Command("/usr/bin/time", {
    args: ["-f", "@@time %e %M", ...cmd],
    stdout: "null",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  const m = /@@time ([\d.]+) (\d+)/.exec(stderr);
  if (!out.success || m === null) throw new Error(stderr);
  return { seconds: Number(m[1]), rssMiB: Number(m[2]) / 1024 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const work = await Deno.makeTempDir({ prefix: "sluice-defaults-" });
try {
  console.log(
    `Corpus ${values.size}; V8 defaults; median of ${runs} runs, values in turns.\n`,
  );
  console.log("| default | value | median s | peak RSS MiB |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const t of trials) {
    if (
      values.only !== undefined && values.only !== t.name &&
      !t.name.startsWith(`${values.only}/`)
    ) continue;
    const scripts: string[] = [];
    for (const [i, v] of t.tries.entries()) {
      // Each value its own copy of the library (constants) or script (options).
      const dir = `${work}/${t.name}-${i}`;
      await Deno.mkdir(`${dir}/lib_copy`, { recursive: true });
      const cp = await new Deno.Command("cp", {
        args: ["-r", `${root}lib`, `${root}mod.ts`, `${dir}/lib_copy/`],
      }).output();
      if (!cp.success) throw new Error("cp failed");
      if (t.constant !== undefined) {
        const file = `${dir}/lib_copy/lib/${t.constant.file}`;
        const text = await Deno.readTextFile(file);
        const name = t.name.split("/")[0]!;
        if (!t.constant.pattern.test(text)) {
          throw new Error(`${name} not found in ${t.constant.file}`);
        }
        await Deno.writeTextFile(
          file,
          text.replace(t.constant.pattern, `const ${name} = ${v};`),
        );
      }
      await Deno.writeTextFile(`${dir}/run.ts`, t.script(v));
      scripts.push(`${dir}/run.ts`);
    }
    const samples = t.tries.map(() => [] as { s: number; m: number }[]);
    for (let round = 0; round <= runs; round++) {
      for (const [i, script] of scripts.entries()) {
        const r = await runOnce([
          Deno.execPath(),
          "run",
          "-R",
          "-W",
          script,
          input,
          `${work}/out`,
        ]);
        if (round > 0) samples[i]!.push({ s: r.seconds, m: r.rssMiB });
      }
    }
    for (const [i, v] of t.tries.entries()) {
      const ss = samples[i]!;
      console.log(
        `| ${t.name}${i === 0 ? " (default)" : ""} | ${v} | ${
          median(ss.map((x) => x.s)).toFixed(2)
        } | ${median(ss.map((x) => x.m)).toFixed(1)} |`,
      );
    }
  }
} finally {
  await Deno.remove(work, { recursive: true });
}
