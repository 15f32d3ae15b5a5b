// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { countItems, pipeline, Summary } from "../../mod.ts";
import { withTempDir, writeScript } from "../_helpers.ts";

/**
 * Lines for `ms` milliseconds, each after an awaited file system call: the
 * event loop turns, as it does for an awaited read.
 */
async function* turning(ms: number): AsyncGenerator<string> {
  const end = performance.now() + ms;
  for (let i = 0; performance.now() < end; i++) {
    await Deno.stat(".");
    yield `line ${i}`;
  }
}

Deno.test("the memory sampler keeps time without Deno's Node timers, and samples while a run goes on", async () => {
  // In Deno 2.9 a process's first setInterval, setTimeout or setImmediate
  // loads the timers of its Node layer (some 10 ms and 3-4 MiB of RSS): a
  // count of a file's lines that hold a literal needs no other timer.
  const names = ["setInterval", "setTimeout", "setImmediate"] as const;
  const saved = names.map((name) => globalThis[name]);
  const calls: string[] = [];
  for (const name of names) {
    const timer = globalThis[name] as (...args: unknown[]) => unknown;
    (globalThis as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls.push(`${name}: ${new Error().stack}`);
      return timer(...args);
    };
  }
  const summary = new Summary();
  try {
    const counted = { n: 0 };
    await pipeline(
      turning(300),
      countItems(counted),
      { summary, memorySampleMs: 20 },
    );
    assert.ok(counted.n > 0);
  } finally {
    names.forEach((name, k) => {
      (globalThis as Record<string, unknown>)[name] = saved[k];
    });
  }
  assert.deepEqual(calls.filter((c) => c.includes("_sampler.ts")), []);
  // One sample at the start, one at the end, and some every 20 ms between.
  assert.ok(
    summary.toJSON().memorySamples >= 6,
    `${summary.toJSON().memorySamples} samples`,
  );
});

Deno.test("a stopped sampler leaves nothing that keeps a script's process alive", async () => {
  const script = `import { countItems, pipeline, Summary } from "${
    new URL("../../mod.ts", import.meta.url).href
  }";
const summary = new Summary();
await pipeline(["a", "b"], countItems({ n: 0 }), { summary, memorySampleMs: 60000 });
console.log(summary.toJSON().memorySamples);
`;
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  assert.equal(new TextDecoder().decode(out.stdout).trim(), "2");
  // Exited at once, not after the sampler's minute.
  assert.ok(performance.now() - started < 20_000);
});

Deno.test("a sampler of 0 ms samples at every turn it can, as setInterval's", async () => {
  // Atomics.waitAsync's time-out of 0 is over at once, with nothing to wait
  // for and chain the next sample to.
  const summary = new Summary();
  await pipeline(
    turning(200),
    countItems({ n: 0 }),
    { summary, memorySampleMs: 0 },
  );
  assert.ok(
    summary.toJSON().memorySamples >= 6,
    `${summary.toJSON().memorySamples} samples`,
  );
});

Deno.test(
  "the sampler reads /proc/self/status only where Deno lets it: with every permission, not with -R -W",
  {
    ignore: Deno.build.os !== "linux",
  },
  async () => {
    // In processes of their own, with readTextFileSync wrapped to count the
    // tries.
    await withTempDir(async (dir) => {
      const script = await writeScript(
        dir,
        "status.ts",
        "pipeline",
        `const real = Deno.readTextFileSync;
let tries = 0;
Deno.readTextFileSync = (path: string | URL) => {
  if (String(path) === "/proc/self/status") tries++;
  return real(path);
};
await pipeline([1, 2, 3], async (items: AsyncIterable<number>) => {
  for await (const _ of items) { /* each item taken */ }
});
console.log(tries);
`,
      );
      const tries = async (...permissions: string[]) => {
        const out = await new Deno.Command(Deno.execPath(), {
          args: ["run", ...permissions, script],
          stdout: "piped",
          stderr: "piped",
        }).output();
        assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
        return Number(new TextDecoder().decode(out.stdout));
      };
      assert.equal(await tries("-R", "-W"), 0);
      assert.ok(await tries("-A") > 0);
    });
  },
);
