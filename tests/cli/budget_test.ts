// Copyright 2026 the sluice authors. MIT license.
// --budget of the spilling commands: at least 1MiB, at most the heap's
// limit, each a usage error that names the option.
import assert from "node:assert/strict";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

async function sluice(args: string[]): Promise<{ code: number; err: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    // Only what an installed command has: the test knob cannot be read.
    args: ["run", "-R", "-W", CLI, ...args],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, err: decoder.decode(out.stderr) };
}

Deno.test("--budget below 1MiB, above the heap's limit or not a size is a usage error naming the option", async () => {
  for (const command of ["sort", "distinct", ["group", "--by", "x"]]) {
    const args = typeof command === "string" ? [command] : command;
    const small = await sluice([...args, "--budget", "4096", "/dev/null"]);
    assert.equal(small.code, 2);
    assert.match(
      small.err,
      /: --budget must be at least 1MiB \(.*\), got "4096"\n/,
    );
    const huge = await sluice([...args, "--budget", "100TB", "/dev/null"]);
    assert.equal(huge.code, 2);
    assert.match(
      huge.err,
      /: --budget must be at most [\d.]+ GiB, the JavaScript heap's limit here \(.*max-old-space-size.*\), got "100TB"\n/,
    );
    const word = await sluice([...args, "--budget", "lots", "/dev/null"]);
    assert.equal(word.code, 2);
    assert.match(word.err, /: --budget must be a size such as .*, got "lots"/);
    const enough = await sluice([...args, "--budget", "1MiB", "/dev/null"]);
    assert.deepEqual([enough.code, enough.err], [0, ""]);
  }
});
