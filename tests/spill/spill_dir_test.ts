// Copyright 2026 the sluice authors. MIT license.
// Spill directories: named after their process, left by a process killed
// outright, removed by the next stage that spills beside them, and never
// removed while their process runs.
import assert from "node:assert/strict";
import { count, distinct, groupBy, pipeline, sort } from "../../mod.ts";
import { ownerName } from "../../lib/fs/_owned_dir.ts";
import { collect, listDir, withTempDir } from "../_helpers.ts";

const ITEMS = Array.from({ length: 3000 }, (_, i) => `${i % 17} ${i}`);

/** A sort that spills into `tempDir` and removes what it made. */
async function spillingSort(tempDir: string): Promise<void> {
  const sorted = await collect(
    pipeline(ITEMS, sort({ budget: 4096, tempDir })),
  );
  assert.equal(sorted.length, ITEMS.length);
}

/** A process that runs until it is killed. */
function sleeper(): Deno.ChildProcess {
  return new Deno.Command("sleep", { args: ["600"] }).spawn();
}

Deno.test("a spill directory is named after the process that made it", async () => {
  await withTempDir(async (dir) => {
    // Looked at while the sort hands on its first line, when its runs are on
    // disk: a timer that looked every millisecond could miss a sort that
    // spilled and merged without waiting on one.
    const sorted = pipeline(ITEMS, sort({ budget: 4096, tempDir: dir }))
      [Symbol.asyncIterator]();
    assert.equal((await sorted.next()).done, false);
    const seen = await listDir(dir);
    let n = 1;
    while (!(await sorted.next()).done) n++;
    assert.equal(n, ITEMS.length);
    const owner = await ownerName(Deno.pid);
    assert.ok(owner !== undefined && owner.startsWith(`${Deno.pid}-`));
    assert.ok(seen.length > 0, "no spill directory seen");
    for (const name of seen) {
      assert.match(name, new RegExp(`^sluice-spill-${owner}-[0-9a-f]+$`));
    }
    assert.deepEqual(await listDir(dir), []);
  });
});

for (const signal of ["SIGKILL", "SIGINT"] as const) {
  Deno.test(`a script killed with ${signal} in the middle of a sort leaves its spill directory, and the next stage that spills there removes it`, async () => {
    await withTempDir(async (dir) => {
      const lines: string[] = [];
      for (let i = 0; i < 300_000; i++) {
        lines.push(`${(i * 7919) % 1000} ${i}`);
      }
      await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
      await Deno.mkdir(`${dir}/tmp`);
      const mod = new URL("../../mod.ts", import.meta.url).href;
      // A script of a user's own: no signal handler, no signal for the
      // pipeline. Ctrl-C ends it at once.
      await Deno.writeTextFile(
        `${dir}/own.ts`,
        `import { pipeline, readLines, sort } from "${mod}";
for await (const _ of pipeline(readLines(Deno.args[0]!), sort({ budget: "64KB", tempDir: Deno.args[1]!, key: (l: string) => -l.length }))) {
  await new Promise((r) => setTimeout(r, 1000));
}
`,
      );
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", `${dir}/own.ts`, `${dir}/in.log`, `${dir}/tmp`],
        stdout: "null",
        stderr: "null",
      }).spawn();
      // Wait until the sort has spilled.
      let left: string[] = [];
      for (let i = 0; i < 400 && left.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 25));
        for (const name of await listDir(`${dir}/tmp`)) {
          const files = await listDir(`${dir}/tmp/${name}`).catch(() => []);
          if (files.length > 1) left = [name];
        }
      }
      assert.equal(left.length, 1, "no spill files seen");
      child.kill(signal);
      const status = await child.status;
      assert.equal(status.signal, signal);
      assert.deepEqual(await listDir(`${dir}/tmp`), left);
      assert.ok(left[0]!.startsWith(`sluice-spill-${child.pid}-`), left[0]);
      // Any stage that spills there sweeps it, and removes its own.
      await spillingSort(`${dir}/tmp`);
      assert.deepEqual(await listDir(`${dir}/tmp`), []);
    });
  });
}

Deno.test("a spill directory is removed only when its process is gone or its pid runs a later process", async () => {
  await withTempDir(async (dir) => {
    const live = sleeper();
    const gone = sleeper();
    try {
      const liveOwner = await ownerName(live.pid);
      const goneOwner = await ownerName(gone.pid);
      const mine = await ownerName(Deno.pid);
      assert.ok(liveOwner && goneOwner && mine);
      gone.kill("SIGKILL");
      await gone.status;
      assert.equal(await ownerName(gone.pid), undefined);
      const [pid, start, machine] = liveOwner.split("-");
      const kept = [
        // This process's, and another running process's.
        `sluice-spill-${mine}-a1`,
        `sluice-spill-${liveOwner}-b2`,
        // Another machine's or container's: its pids are not ours to judge.
        `sluice-spill-${
          goneOwner.replace(
            /[0-9a-f]{8}$/,
            machine === "0badf00d" ? "0badf00e" : "0badf00d",
          )
        }-c3`,
        // Named without an owner (made where /proc could not be read), and
        // not a spill directory at all.
        `sluice-spill-${gone.pid}-d5`,
        `sluice-spilled-${goneOwner}-e6`,
      ];
      const swept = [
        `sluice-spill-${goneOwner}-f7`,
        // The pid runs a process started at another time.
        `sluice-spill-${pid}-${Number(start) + 1}-${machine}-f8`,
      ];
      for (const name of [...kept, ...swept]) {
        await Deno.mkdir(`${dir}/${name}`);
        await Deno.writeTextFile(`${dir}/${name}/run-0`, "x\n");
      }
      const spills: [string, (tempDir: string) => Promise<unknown[]>][] = [
        [
          "sort",
          (tempDir) =>
            collect(pipeline(ITEMS, sort({ budget: 4096, tempDir }))),
        ],
        ["groupBy", (tempDir) =>
          collect(pipeline(
            ITEMS,
            groupBy((l: string) => l, { n: count() }, {
              budget: 4096,
              tempDir,
            }),
          ))],
        [
          "distinct",
          (tempDir) =>
            collect(
              pipeline(ITEMS, distinct(undefined, { budget: 4096, tempDir })),
            ),
        ],
      ];
      for (const [stage, run] of spills) {
        assert.equal((await run(dir)).length, ITEMS.length, stage);
        // Each stage that spills sweeps.
        assert.deepEqual(await listDir(dir), [...kept].sort(), stage);
        for (const name of kept) {
          assert.equal(await Deno.readTextFile(`${dir}/${name}/run-0`), "x\n");
        }
        for (const name of swept) await Deno.mkdir(`${dir}/${name}`);
      }
    } finally {
      live.kill("SIGKILL");
      await live.status;
    }
  });
});

Deno.test("no library code outside lib/cli ends the process or listens for signals", async () => {
  const lib = new URL("../../lib/", import.meta.url);
  const found: string[] = [];
  const walk = async (dir: URL, rel: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${rel}${entry.name}`;
      if (entry.isDirectory) {
        if (path !== "cli") {
          await walk(new URL(`${entry.name}/`, dir), `${path}/`);
        }
      } else if (entry.name.endsWith(".ts")) {
        const text = await Deno.readTextFile(new URL(entry.name, dir));
        for (const call of ["Deno.exit(", "addSignalListener("]) {
          if (text.includes(call)) found.push(`lib/${path}: ${call}`);
        }
      }
    }
  };
  await walk(lib, "");
  assert.deepEqual(found, []);
});
