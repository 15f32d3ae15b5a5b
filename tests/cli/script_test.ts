// Copyright 2026 the sluice authors. MIT license.
// runScript(): statuses, and Ctrl-C handled without ending the process.
import assert from "node:assert/strict";
import { runScript, type ScriptContext } from "../../mod.ts";
import { listDir, withTempDir } from "../_helpers.ts";

const SPEC = { name: "t", usage: "[FILE…]", description: "A test." };
const FIXTURE =
  new URL("./fixtures/interrupted_script.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

/** Runs `fn`, returning the SIGINT listeners it left installed. */
async function sigintListenersLeft(fn: () => Promise<void>): Promise<number> {
  const { addSignalListener, removeSignalListener } = Deno;
  const installed = new Set<() => void>();
  Deno.addSignalListener = (signal, handler) => {
    if (signal === "SIGINT") installed.add(handler);
    addSignalListener(signal, handler);
  };
  Deno.removeSignalListener = (signal, handler) => {
    if (signal === "SIGINT") installed.delete(handler);
    removeSignalListener(signal, handler);
  };
  try {
    await fn();
  } finally {
    Deno.addSignalListener = addSignalListener;
    Deno.removeSignalListener = removeSignalListener;
  }
  return installed.size;
}

Deno.test("runScript() returns the body's status and removes its SIGINT listener", async () => {
  let seen: ScriptContext | undefined;
  const left = await sigintListenersLeft(async () => {
    const status = await runScript(SPEC, (ctx) => {
      seen = ctx;
      return Promise.resolve(3);
    }, { args: ["a.log", "b.log"] });
    assert.equal(status, 3);
    assert.equal(await runScript(SPEC, async () => {}, { args: [] }), 0);
    const failed = await runScript(SPEC, () => {
      throw new Error("Broken");
    }, { args: ["-q"] });
    assert.equal(failed, 1);
  });
  assert.equal(left, 0);
  assert.deepEqual(seen!.inputs, ["a.log", "b.log"]);
  assert.equal(seen!.output, "-");
  assert.equal(seen!.signal.aborted, false);
});

async function waitForFiles(dir: string, n: number): Promise<void> {
  for (let i = 0; i < 250 && (await listDir(dir)).length < n; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok((await listDir(dir)).length >= n, "the run never started");
}

Deno.test("runScript() returns 130 on Ctrl-C instead of exiting, with no temp file left", async () => {
  await withTempDir(async (dir) => {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", FIXTURE, "stop", "-o", `${dir}/out.log`],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    await waitForFiles(dir, 1);
    child.kill("SIGINT");
    const out = await child.output();
    // The script itself ended normally, after runScript returned.
    assert.equal(decoder.decode(out.stdout), "runScript returned 130\n");
    assert.equal(out.code, 0, decoder.decode(out.stderr));
    assert.deepEqual(await listDir(dir), []);
  });
});

Deno.test("a second Ctrl-C makes runScript() return 130 at once; Deno.exit then removes the temp file", async () => {
  await withTempDir(async (dir) => {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", FIXTURE, "stuck", "-o", `${dir}/out.log`],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    await waitForFiles(dir, 1);
    child.kill("SIGINT");
    // The body does not heed the first: the run stays under way.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await listDir(dir)).length, 1);
    child.kill("SIGINT");
    const out = await child.output();
    assert.equal(decoder.decode(out.stdout), "runScript returned 130\n");
    assert.equal(out.code, 130, decoder.decode(out.stderr));
    assert.deepEqual(await listDir(dir), []);
  });
});
