// Copyright 2026 the sluice authors. MIT license.
// grep --regex matches in a worker: a pattern that backtracks for minutes
// does not keep Ctrl-C, SIGTERM or SIGHUP from stopping the run at once.
import assert from "node:assert/strict";
import { listDir, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

async function sluice(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

for (
  const [signal, code, said] of [
    ["SIGINT", 130, "interrupted"],
    ["SIGTERM", 143, "stopped by SIGTERM"],
  ] as const
) {
  Deno.test(`${signal} stops grep --regex within a second while the expression backtracks`, async () => {
    await withTempDir(async (dir) => {
      // Each line takes ^(a|aa)+$ seconds to fail on: minutes in all.
      await Deno.writeTextFile(
        `${dir}/in.log`,
        `${"a".repeat(40)}b\n`.repeat(20),
      );
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          CLI,
          "grep",
          "--regex",
          "^(a|aa)+$",
          `${dir}/in.log`,
          "--output",
          `${dir}/out.log`,
        ],
        stdout: "null",
        stderr: "piped",
      }).spawn();
      // The temporary output beside out.log: the run is under way.
      for (let i = 0; i < 500 && (await listDir(dir)).length < 2; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 300));
      child.kill(signal);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<"late">((ok) => {
        timer = setTimeout(() => ok("late"), 1500);
      });
      const first = await Promise.race([child.status, late]);
      clearTimeout(timer);
      if (first === "late") child.kill("SIGKILL");
      const out = await child.output();
      assert.notEqual(first, "late", `${signal} went unheard for 1.5 s`);
      assert.equal(out.code, code);
      assert.match(decoder.decode(out.stderr), new RegExp(`: ${said}\\n`));
      assert.deepEqual(await listDir(dir), ["in.log"]);
    });
  });
}

Deno.test("grep --regex in its worker keeps the matching lines in order, -v and -i too", async () => {
  await withTempDir(async (dir) => {
    // Enough lines for several batches to the worker.
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `${i} ${i % 3 === 0 ? "Error" : "info"} ${"x".repeat(i % 50)}`,
    );
    await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
    const re = /^\d*5 error/iu;
    const kept = await sluice([
      "grep",
      "--regex",
      "-i",
      "^\\d*5 error",
      `${dir}/in.log`,
    ]);
    assert.equal(kept.code, 0);
    assert.equal(
      kept.stdout,
      lines.filter((l) => re.test(l)).map((l) => `${l}\n`).join(""),
    );
    const dropped = await sluice([
      "grep",
      "--regex",
      "-v",
      "-c",
      "[05] info",
      `${dir}/in.log`,
    ]);
    assert.equal(
      dropped.stdout,
      `${lines.filter((l) => !/[05] info/u.test(l)).length}\n`,
    );
    const none = await sluice([
      "grep",
      "--regex",
      "^nothing$",
      `${dir}/in.log`,
    ]);
    assert.deepEqual([none.code, none.stdout], [1, ""]);
  });
});

Deno.test("grep --regex keeps its dialect: POSIX classes and \\< are usage errors", async () => {
  const posix = await sluice(["grep", "--regex", "[[:digit:]]+", "/dev/null"]);
  assert.equal(posix.code, 2);
  assert.match(posix.stderr, /no POSIX class such as \[\[:digit:\]\]: use \\d/);
  const word = await sluice(["grep", "--regex", "\\<id", "/dev/null"]);
  assert.equal(word.code, 2);
  assert.match(word.stderr, /no \\< or \\>: use \\b/);
  const bad = await sluice(["grep", "--regex", "a{2,1}", "/dev/null"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /invalid regular expression/);
});
