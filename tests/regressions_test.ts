// Copyright 2026 the sluice authors. MIT license.
// Cases found in review: each test pins a bug that once was.
import assert from "node:assert/strict";
import {
  flatMap,
  InvalidUtf8Error,
  map,
  pipeline,
  readLines,
  StageError,
  Summary,
  take,
  writeLines,
} from "../mod.ts";
import {
  chunked,
  collect,
  encoder,
  gzip,
  listDir,
  withTempDir,
} from "./_helpers.ts";

Deno.test("fatal mode hands on the lines before a bad one, whatever the chunking", async () => {
  const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0xff, 0x0a]);
  for (const cuts of [[], [2], [4], [1, 3, 5]]) {
    const got: string[] = [];
    await assert.rejects(
      async () => {
        for await (
          const l of readLines(chunked(bytes, cuts), { fatal: true })
        ) got.push(l);
      },
      (e) => e instanceof InvalidUtf8Error && e.line === 3 && e.offset === 4,
    );
    assert.deepEqual(got, ["a", "b"], `cuts ${cuts}`);
  }
});

Deno.test("take() on standard input ends without waiting for more input", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `import { pipeline, readLines, take } from "${new URL(
        "../mod.ts",
        import.meta.url,
      )}";
       for await (const l of pipeline(readLines("-"), take(1))) {
         await Deno.stdout.write(new TextEncoder().encode(l));
       }`,
    ],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(encoder.encode("first\n"));
  // Standard input stays open: the child must still finish.
  const out = await child.output();
  assert.equal(new TextDecoder().decode(out.stdout), "first");
  await writer.close();
});

Deno.test("writeLines() through a symlink replaces the file it points to and keeps its mode", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/real.log`, "old\n");
    await Deno.chmod(`${dir}/real.log`, 0o666);
    await Deno.symlink(`${dir}/real.log`, `${dir}/link.log`);
    await pipeline(["new"], writeLines(`${dir}/link.log`));
    assert.ok((await Deno.lstat(`${dir}/link.log`)).isSymlink);
    assert.equal(await Deno.readTextFile(`${dir}/real.log`), "new\n");
    assert.equal((await Deno.stat(`${dir}/real.log`)).mode! & 0o777, 0o666);
    assert.deepEqual(await listDir(dir), ["link.log", "real.log"]);
  });
});

Deno.test("flatMap() stays within its bound for an item that expands without end", async () => {
  function* forever() {
    for (let i = 0;; i++) yield i;
  }
  const run = pipeline(["x"], flatMap(() => forever()), take(20_000));
  assert.equal((await collect(run)).length, 20_000);
  assert.ok(run.summary.stages[2]!.peakItems <= 8192);
});

Deno.test("gzip: true does not close a handle the caller passed in", async () => {
  await withTempDir(async (dir) => {
    const packed = await gzip("a\nb\nc\n");
    await Deno.writeFile(`${dir}/x.gz`, packed);
    using file = await Deno.open(`${dir}/x.gz`);
    for await (const line of readLines(file, { gzip: true })) {
      assert.equal(line, "a");
      break;
    }
    assert.ok((await file.stat()).isFile);
  });
});

Deno.test("a user's own stage counts the items it took, not whole batches", async () => {
  async function* first(source: AsyncIterable<number>) {
    for await (const n of source) {
      yield n;
      return;
    }
  }
  const run = pipeline(Array.from({ length: 3000 }, (_, i) => i), first);
  assert.deepEqual(await collect(run), [0]);
  assert.equal(run.summary.stages[1]!.itemsIn, 1);
});

Deno.test("an abort by AbortSignal.timeout() is 'aborted' in both modes", async () => {
  async function* slow() {
    for (let i = 0;; i++) {
      await new Promise((r) => setTimeout(r, 5));
      yield i;
    }
  }
  const iterated = pipeline(slow(), map((n) => n), {
    signal: AbortSignal.timeout(30),
  });
  await assert.rejects(collect(iterated));
  assert.equal(iterated.summary.status, "aborted");
  const summary = new Summary();
  await assert.rejects(
    pipeline(slow(), map((n) => n), async (s) => {
      for await (const _ of s);
    }, { signal: AbortSignal.timeout(30), summary }),
  );
  assert.equal(summary.status, "aborted");
});

Deno.test("a source that throws a non-object is blamed on the source", async () => {
  async function* bad(): AsyncGenerator<number> {
    yield 1;
    throw null;
  }
  await assert.rejects(
    collect(pipeline(bad(), map((n) => n))),
    (e) =>
      e instanceof StageError && e.stage === "source#1" && e.cause === null,
  );
});

Deno.test("a user's own stage that fails hands on what it yielded first", async () => {
  async function* three(source: AsyncIterable<number>) {
    for await (const n of source) {
      if (n === 3) throw new Error("third");
      yield n;
    }
  }
  const got: number[] = [];
  await assert.rejects(
    async () => {
      for await (const n of pipeline([0, 1, 2, 3, 4], three, map((n) => n))) {
        got.push(n);
      }
    },
    (e) => e instanceof StageError && e.stage === "three#2" && e.line === 4,
  );
  assert.deepEqual(got, [0, 1, 2]);
});

Deno.test("a sink placed before the end is refused without reading the source", async () => {
  let pulled = 0;
  function* source() {
    for (let i = 0; i < 10_000; i++) {
      pulled++;
      yield i;
    }
  }
  assert.throws(
    () =>
      pipeline(
        source(),
        // @ts-expect-error: a sink is not a stage
        async (s: AsyncIterable<number>) => {
          for await (const _ of s);
        },
        map((n: number) => n),
      ),
    /must return an async iterable/,
  );
  await new Promise((r) => setTimeout(r, 10));
  // At most the first batch (1024 items), not the whole source.
  assert.ok(pulled <= 1025, `pulled ${pulled}`);
});
