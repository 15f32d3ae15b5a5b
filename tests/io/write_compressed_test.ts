// Copyright 2026 the sluice authors. MIT license.
// Output compressed by its name, checked with the Debian tools, and still
// atomic.
import assert from "node:assert/strict";
import { pipeline, readLines, writeLines } from "../../mod.ts";
import {
  concatBytes,
  heapGrowthOf,
  listDir,
  withTempDir,
  writeScript,
} from "../_helpers.ts";

const decoder = new TextDecoder();

function has(cmd: string): boolean {
  try {
    new Deno.Command(cmd, {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return true;
  } catch {
    return false;
  }
}
const missing = ["gzip", "zstd"].filter((c) => !has(c));
const skip = {
  ignore: missing.length > 0,
  name: missing.length > 0 ? ` (skipped: ${missing.join(", ")} missing)` : "",
};

/** `tool -dc path`, as text. */
async function decompress(tool: string, path: string): Promise<string> {
  const out = await new Deno.Command(tool, {
    args: ["-dc", path],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, decoder.decode(out.stderr));
  return decoder.decode(out.stdout);
}

const LINES = Array.from(
  { length: 30000 },
  (_, i) => `{"n":${i},"msg":"${"é".repeat(i % 40)}"}`,
);
const TEXT = LINES.map((l) => `${l}\n`).join("");

async function* failing() {
  yield* LINES;
  throw new URIError("the source broke");
}

Deno.test(
  `writeLines() compresses .gz and .zst targets, any case, as gzip -dc and zstd -dc read them${skip.name}`,
  {
    ignore: skip.ignore,
  },
  async () => {
    await withTempDir(async (dir) => {
      for (
        const [name, tool] of [
          ["out.jsonl.gz", "gzip"],
          ["out.jsonl.GZ", "gzip"],
          ["out.jsonl.zst", "zstd"],
          ["out.jsonl.Zst", "zstd"],
        ]
      ) {
        await pipeline(LINES, writeLines(`${dir}/${name}`));
        assert.equal(await decompress(tool!, `${dir}/${name}`), TEXT, name);
        assert.ok((await Deno.stat(`${dir}/${name}`)).size < TEXT.length / 4);
      }
      // No temporary file left beside them.
      assert.deepEqual(await listDir(dir), [
        "out.jsonl.GZ",
        "out.jsonl.Zst",
        "out.jsonl.gz",
        "out.jsonl.zst",
      ]);
      // compression: "none" writes the text as it is, whatever the name.
      await pipeline(
        ["a"],
        writeLines(`${dir}/plain.gz`, { compression: "none" }),
      );
      assert.equal(await Deno.readTextFile(`${dir}/plain.gz`), "a\n");
      // And "gzip" compresses whatever the name.
      await pipeline(
        ["a"],
        writeLines(`${dir}/packed`, { compression: "gzip" }),
      );
      assert.equal(await decompress("gzip", `${dir}/packed`), "a\n");
    });
  },
);

Deno.test(
  `a compressed output is still atomic: a failed run leaves the old file as it was and no temporary file${skip.name}`,
  {
    ignore: skip.ignore,
  },
  async () => {
    await withTempDir(async (dir) => {
      for (const name of ["out.gz", "out.zst"]) {
        const path = `${dir}/${name}`;
        await Deno.writeTextFile(path, "old\n");
        await assert.rejects(
          () => pipeline(failing(), writeLines(path)),
          (error) => error instanceof Error && error.cause instanceof URIError,
        );
        assert.equal(await Deno.readTextFile(path), "old\n");
      }
      assert.deepEqual(await listDir(dir), ["out.gz", "out.zst"]);
    });
  },
);

Deno.test(
  `appending to a compressed file adds a member (gzip) or a frame (zstd) that both readers read on${skip.name}`,
  {
    ignore: skip.ignore,
  },
  async () => {
    await withTempDir(async (dir) => {
      for (const [name, tool] of [["a.gz", "gzip"], ["a.zst", "zstd"]]) {
        const path = `${dir}/${name}`;
        await pipeline(["one", "two"], writeLines(path));
        await pipeline(["three"], writeLines(path, { append: true }));
        assert.equal(await decompress(tool!, path), "one\ntwo\nthree\n");
        const back: string[] = [];
        for await (const line of readLines(path)) back.push(line);
        assert.deepEqual(back, ["one", "two", "three"]);
      }
    });
  },
);

Deno.test("a compressed output's failing write is the run's error, not a hang", async () => {
  for (const compression of ["gzip", "zstd"] as const) {
    await assert.rejects(
      () => pipeline(LINES, writeLines("/dev/full", { compression })),
      (error) =>
        error instanceof Error &&
        /Cannot write "\/dev\/full": .*(No space|space left)/i.test(
          error.message,
        ),
      compression,
    );
  }
});

Deno.test("a compressed output cannot be resumed, and an unknown compression is refused", () => {
  assert.throws(
    () =>
      pipeline(readLines("in.log"), writeLines("out.gz"), { checkpoint: "ck" }),
    /writeLines of gzip output cannot be resumed/,
  );
  assert.throws(
    // @ts-expect-error: not a format writeLines knows
    () => writeLines("out.bz2", { compression: "bzip2" }),
    /compression must be "auto", "none", "gzip" or "zstd", got "bzip2"/,
  );
});

Deno.test(
  `the command line's --output gets compression from its name${skip.name}`,
  {
    ignore: skip.ignore,
  },
  async () => {
    await withTempDir(async (dir) => {
      await Deno.writeTextFile(`${dir}/in.log`, TEXT);
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-R",
          "-W",
          "--allow-env",
          new URL("../../lib/cli/main.ts", import.meta.url).pathname,
          "grep",
          '"n":1',
          `${dir}/in.log`,
          "--output",
          `${dir}/ones.log.gz`,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.ok(out.success, decoder.decode(out.stderr));
      const want = LINES.filter((l) => l.includes('"n":1')).map((l) => `${l}\n`)
        .join("");
      assert.equal(await decompress("gzip", `${dir}/ones.log.gz`), want);
    });
  },
);

Deno.test("a compressed output keeps nothing per write alive", async () => {
  // 4096 writes of 64 KiB to a .zst: each raced against one promise of a
  // failed write kept a reaction on it until the run ended, about 1 MiB
  // more alive by the end. Measured in a subprocess after full collections.
  await withTempDir(async (dir) => {
    const script = await writeScript(
      dir,
      "heap.ts",
      "pipeline, writeLines",
      `const gc = (globalThis as unknown as { gc(): void }).gc;
const writes = 4096;
let early = 0;
let late = 0;
const line = "y".repeat(64 * 1024 - 1);
async function* lines() {
  for (let i = 0; i < writes; i++) {
    if (i === writes / 8 || i === writes - 8) {
      gc();
      gc();
      if (i === writes / 8) early = Deno.memoryUsage().heapUsed;
      else late = Deno.memoryUsage().heapUsed;
    }
    yield line;
  }
}
await pipeline(
  lines(),
  writeLines(${
        JSON.stringify(`${dir}/out.log.zst`)
      }, { writeBytes: 64 * 1024 }),
);
console.log(late - early);
`,
    );
    // 1.4-1.6 MB with the race; 0.5-0.7 MB remain without it, alike with
    // gzip, from elsewhere (not yet found). The smaller of two runs: one run
    // of the whole suite on a fresh clone measured 1.09 MB once, where six
    // runs of this test alone gave 0.66 MB each; a leak per write shows in
    // both.
    const growth = Math.min(
      await heapGrowthOf(script),
      await heapGrowthOf(script),
    );
    assert.ok(growth < 1024 * 1024, `the heap grew by ${growth} bytes`);
  });
});

Deno.test("a compressed output hands the file its bytes from one buffer, not a new one for each piece", async () => {
  // Each new buffer stayed allocated until V8 next collected:
  // `pipeline(readLines, writeLines("out.gz"))` over the 256 MiB bench
  // corpus peaked at 75.2 MiB, 67.0 from one buffer (medians of 3).
  const zlib = await import("node:zlib");
  const { compressedOutput } = await import("../../lib/io/_compress.ts");
  let seed = 11;
  const text = Array.from({ length: 60_000 }, (_, i) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return `${i} level=info id=${seed.toString(36)} msg="request served"\n`;
  }).join("");
  const bytes = new TextEncoder().encode(text);
  for (const format of ["gzip", "zstd"] as const) {
    const buffers = new Set<ArrayBufferLike>();
    const parts: Uint8Array[] = [];
    let committed = false;
    const out = await compressedOutput({
      write(piece) {
        buffers.add(piece.buffer);
        parts.push(piece.slice());
        return Promise.resolve();
      },
      commit() {
        committed = true;
        return Promise.resolve();
      },
      abort: () => Promise.resolve(),
    }, format);
    // In pieces of 1 MiB, as the writer hands them on, its buffer reused.
    const piece = new Uint8Array(1 << 20);
    for (let at = 0; at < bytes.length; at += piece.length) {
      const n = Math.min(piece.length, bytes.length - at);
      piece.set(bytes.subarray(at, at + n));
      await out.write(piece.subarray(0, n));
    }
    await out.commit();
    assert.ok(committed);
    assert.ok(parts.length > 1, `${format}: ${parts.length} pieces`);
    assert.equal(buffers.size, 1, `${format}: ${buffers.size} buffers`);
    const whole = concatBytes(parts);
    const back = format === "gzip"
      ? zlib.gunzipSync(whole)
      : zlib.zstdDecompressSync(whole);
    assert.deepEqual(new Uint8Array(back), bytes);
  }
});
