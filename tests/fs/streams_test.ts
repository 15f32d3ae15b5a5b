// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { isReadableStream, isWritableStream } from "../../lib/fs/_streams.ts";
import { withTempDir } from "../_helpers.ts";

Deno.test("isReadableStream and isWritableStream tell streams from what only looks like one", async () => {
  await withTempDir(async (dir) => {
    using file = await Deno.open(`${dir}/a.log`, { create: true, write: true });
    const { readable, writable } = new TransformStream<Uint8Array>();
    assert.equal(isReadableStream(readable), true);
    assert.equal(isWritableStream(writable), true);
    assert.equal(isReadableStream(writable), false);
    assert.equal(isWritableStream(readable), false);
    // Subclasses, also with a tag of their own.
    class Tagged extends WritableStream<Uint8Array> {
      get [Symbol.toStringTag]() {
        return "Tagged";
      }
    }
    class Mine extends ReadableStream<Uint8Array> {}
    assert.equal(isWritableStream(new Tagged()), true);
    assert.equal(isReadableStream(new Mine()), true);
    assert.equal(isReadableStream(file.readable), true);
    for (
      const other of [
        file,
        "a.log",
        null,
        undefined,
        42,
        { [Symbol.toStringTag]: "ReadableStream" },
        { [Symbol.toStringTag]: "WritableStream" },
        { getReader: () => {}, getWriter: () => {} },
      ]
    ) {
      assert.equal(isReadableStream(other), false);
      assert.equal(isWritableStream(other), false);
    }
  });
});

Deno.test("reading lines from a file handle and writing them to one loads none of the runtime's streams", async () => {
  // In a process of its own, with getters on the globals that note a use.
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, "a\nb\n");
    const mod = new URL("../../mod.ts", import.meta.url).href;
    const script = `${dir}/handles.ts`;
    await Deno.writeTextFile(
      script,
      `const used: string[] = [];
for (const name of ["ReadableStream", "WritableStream"]) {
  const real = Object.getOwnPropertyDescriptor(globalThis, name)!;
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      used.push(name);
      return real.get ? real.get.call(globalThis) : real.value;
    },
  });
}
const { pipeline, readLines, writeLines } = await import(${
        JSON.stringify(mod)
      });
const input = await Deno.open(${JSON.stringify(`${dir}/in.log`)});
const output = await Deno.open(${JSON.stringify(`${dir}/out.log`)}, {
  create: true,
  write: true,
});
await pipeline(readLines(input), writeLines(output));
input.close();
output.close();
console.log(JSON.stringify(used));
`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-R", "-W", script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), []);
    assert.equal(await Deno.readTextFile(`${dir}/out.log`), "a\nb\n");
  });
});
