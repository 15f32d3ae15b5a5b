// Copyright 2026 the sluice authors. MIT license.
// The command line on a real Slurm cluster: a one-node cluster on this
// machine (../_slurm.ts) runs examples/slurm/sluice_array.sh, the example
// itself, as a job array.
import assert from "node:assert/strict";
import { withTempDir } from "../_helpers.ts";
import { type SlurmCluster, slurmMissing, startSlurm } from "../_slurm.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const SCRIPT = "examples/slurm/sluice_array.sh";
const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
const decoder = new TextDecoder();
const missing = slurmMissing();

/** How long a job array may take before its sbatch is killed. */
const JOB_MS = 180_000;

/**
 * Runs `sluice COMMAND…` once in each task of a job array of `tasks` tasks
 * on `cluster`, through the example script (each "%a" of an argument becomes
 * the task's index), from the repository with this test's deno first on PATH;
 * each task's own output (standard output and error) goes to
 * `logs/INDEX.out`. Returns when every task has ended; throws with those
 * outputs when one failed.
 */
async function runArray(
  cluster: SlurmCluster,
  tasks: number,
  command: string[],
  logs: string,
): Promise<void> {
  const denoDir = Deno.execPath().replace(/\/[^/]*$/, "");
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), JOB_MS);
  try {
    const out = await new Deno.Command("sbatch", {
      args: [
        `--array=0-${tasks - 1}`,
        "--wait",
        `--chdir=${ROOT}`,
        "--export=ALL",
        `--output=${logs}/%a.out`,
        "--time=5",
        SCRIPT,
        ...command,
      ],
      cwd: ROOT,
      env: {
        ...cluster.env,
        PATH: `${denoDir}:${Deno.env.get("PATH") ?? ""}`,
      },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal: timeout.signal,
    }).output();
    if (!out.success) {
      const outputs: string[] = [];
      for (let i = 0; i < tasks; i++) {
        try {
          outputs.push(
            `task ${i}: ${await Deno.readTextFile(`${logs}/${i}.out`)}`,
          );
        } catch {
          outputs.push(`task ${i}: no output`);
        }
      }
      throw new Error(
        `sbatch ended with status ${out.code}: ${decoder.decode(out.stderr)}\n${
          outputs.join("\n")
        }`,
      );
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the command line here, outside Slurm. */
async function sluice(args: string[]): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-R", "-W", CLI, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, decoder.decode(out.stderr));
  return decoder.decode(out.stdout);
}

/** Log `k` of a set: lines of several levels, ERROR on a pattern of its own. */
function log(k: number): { text: string; errors: number } {
  const lines: string[] = [];
  let errors = 0;
  for (let i = 0; i < 300 + 100 * k; i++) {
    const level = (i * 7 + k) % (3 + k) === 0 ? "ERROR" : "INFO";
    if (level === "ERROR") errors++;
    lines.push(
      `2026-11-30T10:00:${String(i % 60).padStart(2, "0")}Z ` +
        `${level} api path=/v1/items/${i} status=${
          level === "ERROR" ? 500 : 200
        }`,
    );
  }
  return { text: lines.join("\n") + "\n", errors };
}

Deno.test({
  name:
    "a Slurm job array runs sluice once per task, and its 4 tasks' counts are one run's",
  ignore: missing !== undefined,
  async fn(t) {
    let pids: number[] = [];
    let clusterDir: string | undefined;
    {
      await using cluster = await startSlurm();
      pids = cluster?.pids ?? [];
      clusterDir = cluster?.dir;
      await t.step({
        name: "4 tasks count the ERROR lines of the log their index names",
        ignore: cluster === undefined,
        fn: () =>
          withTempDir(async (dir) => {
            const expected: number[] = [];
            for (let k = 0; k < 4; k++) {
              const { text, errors } = log(k);
              await Deno.writeTextFile(`${dir}/app.${k}.log`, text);
              expected.push(errors);
            }
            await Deno.mkdir(`${dir}/counts`);
            await Deno.mkdir(`${dir}/logs`);
            await runArray(cluster!, 4, [
              "grep",
              "-c",
              "ERROR",
              `${dir}/app.%a.log`,
              "--output",
              `${dir}/counts/%a.txt`,
            ], `${dir}/logs`);

            const counts: number[] = [];
            for (let k = 0; k < 4; k++) {
              const text = await Deno.readTextFile(`${dir}/counts/${k}.txt`);
              assert.match(text, /^\d+\n$/, `task ${k} wrote one count`);
              counts.push(Number(text));
            }
            assert.deepEqual(counts, expected);
            // One run over the four: a count per file, as GNU grep -c -h.
            const oneRun = await sluice([
              "grep",
              "-c",
              "-h",
              "ERROR",
              ...[0, 1, 2, 3].map((k) => `${dir}/app.${k}.log`),
            ]);
            assert.deepEqual(oneRun.trimEnd().split("\n").map(Number), counts);
          }),
      });
      await t.step({
        name:
          "4 shards of one log (--shard env/4), merged, are one run's output",
        ignore: cluster === undefined,
        fn: () =>
          withTempDir(async (dir) => {
            const all = [0, 1, 2, 3].map((k) => log(k).text).join("");
            await Deno.writeTextFile(`${dir}/all.log`, all);
            await Deno.mkdir(`${dir}/parts`);
            await Deno.mkdir(`${dir}/logs`);
            for (
              const job of [
                ["group", "--by-word", "2", "--count", "--max", "status"],
                ["sort", "--word", "4", "-r"],
              ]
            ) {
              await runArray(cluster!, 4, [
                ...job,
                "--shard",
                "env/4",
                "--partial",
                `${dir}/parts/${job[0]}.%a.part`,
                `${dir}/all.log`,
              ], `${dir}/logs`);
              const merged = await sluice([
                "merge",
                ...[0, 1, 2, 3].map((k) => `${dir}/parts/${job[0]}.${k}.part`),
              ]);
              assert.equal(
                merged,
                await sluice([...job, `${dir}/all.log`]),
                job.join(" "),
              );
            }
          }),
      });
    }
    // Torn down: the daemons ended and the cluster's files are gone.
    for (const pid of pids) {
      assert.throws(
        () => Deno.statSync(`/proc/${pid}`),
        Deno.errors.NotFound,
        `daemon ${pid} ended`,
      );
    }
    if (clusterDir !== undefined) {
      assert.throws(() => Deno.statSync(clusterDir!), Deno.errors.NotFound);
    }
  },
});
