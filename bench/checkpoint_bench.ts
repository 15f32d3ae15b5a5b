// Copyright 2026 the sluice authors. MIT license.
/**
 * The cost of checkpoints: the same run with and without `checkpoint`, each
 * in a process of its own, in turns, medians reported.
 *
 * `deno run -A bench/checkpoint_bench.ts LOG [--runs 5] [--keep-all]`
 *
 * The job is the benchmark's T2 (ERROR lines to JSON, a small output), or
 * with `--keep-all` every line upper-cased (an output as large as the
 * input, where each checkpoint's fsync has the most to flush).
 *
 * @module
 */
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "5" },
    "keep-all": { type: "boolean", default: false },
    child: { type: "string" },
  },
  allowPositionals: true,
  strict: true,
});
const log = positionals[0];
if (log === undefined) {
  console.error(
    "usage: deno run -A bench/checkpoint_bench.ts LOG [--runs 5] [--keep-all]",
  );
  Deno.exit(2);
}
const dir = await Deno.makeTempDir({ prefix: "sluice-ckbench-" });

if (values.child !== undefined) {
  // One run: --child none | 1000 | 0 (everyMs).
  const { filter, map, pipeline, readLines, writeLines } = await import(
    "../mod.ts"
  );
  const keepAll = values["keep-all"];
  const t = performance.now();
  await pipeline(
    readLines(log),
    filter((line) => keepAll || line.includes(" ERROR ")),
    map((line) => keepAll ? line.toUpperCase() : JSON.stringify({ line })),
    writeLines(`${dir}/out`),
    values.child === "none"
      ? {}
      : { checkpoint: { path: `${dir}/ck`, everyMs: Number(values.child) } },
  );
  console.log((performance.now() - t).toFixed(1));
  await Deno.remove(dir, { recursive: true });
  Deno.exit(0);
}
await Deno.remove(dir);

const variants = ["none", "1000", "0"];
const times: Record<string, number[]> = { none: [], "1000": [], "0": [] };
const runs = Number(values.runs);
for (let round = -1; round < runs; round++) {
  for (const v of variants) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--v8-flags=--max-semi-space-size=4",
        new URL(import.meta.url).pathname,
        log,
        "--child",
        v,
        ...(values["keep-all"] ? ["--keep-all"] : []),
      ],
      stderr: "inherit",
    }).output();
    if (!out.success) throw new Error(`The ${v} run failed`);
    const ms = Number(new TextDecoder().decode(out.stdout).trim());
    if (round >= 0) times[v]!.push(ms); // round -1 warms the page cache
  }
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const base = median(times.none!);
for (const v of variants) {
  const label = v === "none"
    ? "no checkpoint"
    : v === "0"
    ? "checkpoint every batch"
    : `checkpoint every ${v} ms`;
  console.log(
    `${label.padEnd(26)} median ${median(times[v]!).toFixed(0)} ms  (${
      (median(times[v]!) / base).toFixed(3)
    }x)  runs ${times[v]!.map((x) => x.toFixed(0)).join(" ")}`,
  );
}
