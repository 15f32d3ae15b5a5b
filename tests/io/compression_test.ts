// Copyright 2026 the sluice authors. MIT license.
// Compressed input, checked against the Debian tools that made it: gzip
// (every member), zstd (every frame), brotli, and the refusals and errors.
import assert from "node:assert/strict";
import fc from "fast-check";
import { DecompressionError, readLines } from "../../mod.ts";
import {
  chunked,
  collect,
  concatBytes,
  encoder,
  openFds,
  withTempDir,
} from "../_helpers.ts";

/** Runs `cmd` with `input` on standard input; its standard output. */
async function run(
  cmd: string,
  args: string[],
  input?: Uint8Array,
): Promise<Uint8Array> {
  const child = new Deno.Command(cmd, {
    args,
    stdin: input === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Read while writing: a pipe holds only 64 KiB.
  const output = child.output();
  if (input !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(input);
    await writer.close();
  }
  const out = await output;
  assert.ok(
    out.success,
    `${cmd} ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`,
  );
  return out.stdout;
}

function has(cmd: string): boolean {
  try {
    new Deno.Command(cmd, {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    })
      .outputSync();
    return true;
  } catch {
    return false;
  }
}
const missing = ["gzip", "zstd", "brotli", "bzip2", "xz"].filter((c) =>
  !has(c)
);
const tools = {
  ignore: missing.length > 0,
  name: missing.length > 0 ? ` (skipped: ${missing.join(", ")} missing)` : "",
};

/** Log lines, different enough that they compress into several blocks. */
function logText(lines: number, seed: number): string {
  let out = "";
  let x = seed;
  for (let i = 0; i < lines; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out +=
      `2026-01-0${1 + (i % 9)}T10:00:${String(i % 60).padStart(2, "0")}Z ` +
      `level=${x % 7 === 0 ? "ERROR" : "info"} id=${x.toString(36)} n=${i}\n`;
  }
  return out;
}

/** The lines readLines gives, joined back with LF. */
async function text(input: Parameters<typeof readLines>[0]): Promise<string> {
  return (await collect(readLines(input))).map((l) => `${l}\n`).join("");
}

const decoder = new TextDecoder();

Deno.test(
  `a concatenated multi-member gzip file reads as gzip -dc reads it, whatever the case of .gz${tools.name}`,
  {
    ignore: tools.ignore,
  },
  async () => {
    await withTempDir(async (dir) => {
      const a = await run("gzip", ["-c"], encoder.encode(logText(3000, 1)));
      const b = await run("gzip", ["-9", "-c"], encoder.encode(logText(20, 2)));
      const empty = await run("gzip", ["-c"], new Uint8Array(0));
      const joined = new Uint8Array([...a, ...empty, ...b, ...a]);
      const want = decoder.decode(
        await run("gzip", ["-dc"], joined),
      );
      assert.equal(want.split("\n").length - 1, 3000 + 20 + 3000);
      for (const name of ["c.log.gz", "c.log.GZ", "c.log.Gz", "c.log"]) {
        await Deno.writeFile(`${dir}/${name}`, joined);
        assert.equal(await text(`${dir}/${name}`), want, name);
      }
      // A stream, chunked finely: members still follow one another.
      const cuts = Array.from({ length: 200 }, (_, i) => i * 997);
      assert.equal(await text(chunked(joined, cuts)), want);
    });
  },
);

Deno.test(
  `zstd made by the zstd tool reads as zstd -dc reads it: several frames, a skippable frame, any chunking${tools.name}`,
  {
    ignore: tools.ignore,
  },
  async () => {
    const one = await run(
      "zstd",
      ["-q", "-c"],
      encoder.encode(logText(4000, 3)),
    );
    const two = await run(
      "zstd",
      ["-q", "-19", "--no-check", "-c"],
      encoder.encode("last\n"),
    );
    // A skippable frame (magic 0x184D2A53, 3 bytes of payload) between them.
    const skip = new Uint8Array([0x53, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9]);
    const joined = new Uint8Array([...one, ...skip, ...two]);
    const want = decoder.decode(await run("zstd", ["-dc"], joined));
    assert.ok(want.endsWith("n=3999\nlast\n"));
    await withTempDir(async (dir) => {
      for (const name of ["a.log.zst", "a.log.ZST", "a.log"]) {
        await Deno.writeFile(`${dir}/${name}`, joined);
        assert.equal(await text(`${dir}/${name}`), want, name);
      }
    });
    // Every cut of the small frames and the frame boundaries.
    const small = new Uint8Array([...skip, ...two, ...two]);
    for (let cut = 0; cut <= small.length; cut++) {
      assert.equal(
        await text(chunked(small, [cut])),
        "last\nlast\n",
        `cut ${cut}`,
      );
    }
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: joined.length - 1 }), {
          maxLength: 40,
        }),
        async (cuts) => {
          assert.equal(await text(chunked(joined, cuts)), want);
        },
      ),
      { numRuns: 30 },
    );
  },
);

Deno.test(
  `brotli made by the brotli tool reads by its .br name, any case${tools.name}`,
  {
    ignore: tools.ignore,
  },
  async () => {
    await withTempDir(async (dir) => {
      const plain = logText(5000, 4);
      const packed = await run("brotli", ["-c"], encoder.encode(plain));
      for (const name of ["a.log.br", "a.log.BR"]) {
        await Deno.writeFile(`${dir}/${name}`, packed);
        assert.equal(await text(`${dir}/${name}`), plain, name);
      }
      // Without the name, only the option says it is brotli.
      assert.equal(
        (await collect(readLines(ReadableStream.from([packed]), {
          compression: "brotli",
        }))).join("\n") + "\n",
        plain,
      );
    });
  },
);

/** Whether `error` is a DecompressionError of `format` naming `path` at `offset` (a range: [min, max]). */
function decompressionError(
  error: unknown,
  path: string,
  format: string,
  offset: [number, number],
): boolean {
  assert.ok(error instanceof DecompressionError, String(error));
  assert.equal(error.path, path);
  assert.equal(error.format, format);
  assert.ok(
    error.offset >= offset[0] && error.offset <= offset[1],
    `offset ${error.offset} in [${offset}]`,
  );
  assert.ok(
    error.message.startsWith(`Cannot decompress "${path}" (${format}): `),
  );
  assert.ok(
    error.message.includes(`compressed byte offset ${error.offset}`),
    error.message,
  );
  return true;
}

Deno.test(
  `truncated gzip, zstd and brotli files are errors naming the file and where the data ends${tools.name}`,
  {
    ignore: tools.ignore,
  },
  async () => {
    await withTempDir(async (dir) => {
      const plain = encoder.encode(logText(2000, 5));
      const gz = await run("gzip", ["-c"], plain);
      const two = new Uint8Array([...gz, ...gz]);
      const zst = await run("zstd", ["-q", "-c"], plain);
      const br = await run("brotli", ["-c"], plain);
      const cases: [string, string, Uint8Array, number][] = [
        ["a.gz", "gzip", gz, gz.length - 3], // inside the trailer
        ["b.gz", "gzip", gz, Math.floor(gz.length / 2)],
        ["c.gz", "gzip", two, gz.length + 30], // inside the second member
        ["a.zst", "zstd", zst, zst.length - 2], // inside the checksum
        ["b.zst", "zstd", zst, 7], // inside the frame header
        ["c.zst", "zstd", zst, Math.floor(zst.length / 2)],
        ["a.br", "brotli", br, br.length - 1],
      ];
      for (const [name, format, bytes, at] of cases) {
        const path = `${dir}/${name}`;
        await Deno.writeFile(path, bytes.subarray(0, at));
        await assert.rejects(
          () => collect(readLines(path)),
          (error) => decompressionError(error, path, format, [at, at]),
          name,
        );
        assert.match(
          (await collect(readLines(path)).catch((e) => e)).message,
          /truncated/,
        );
      }
    });
  },
);

Deno.test(
  `corrupt gzip, zstd and brotli data is an error naming the file and a compressed offset at or after the damage${tools.name}`,
  {
    ignore: tools.ignore,
  },
  async () => {
    await withTempDir(async (dir) => {
      const plain = encoder.encode(logText(2000, 6));
      const cases: [string, string, Uint8Array, number][] = [];
      const gz = await run("gzip", ["-c"], plain);
      const zst = await run("zstd", ["-q", "-c"], plain);
      const br = await run("brotli", ["-c"], plain);
      for (
        const [name, format, bytes] of [
          ["g", "gzip", gz],
          ["z", "zstd", zst],
          ["b", "brotli", br],
        ] as const
      ) {
        for (const at of [Math.floor(bytes.length / 3), bytes.length - 6]) {
          const damaged = bytes.slice();
          damaged[at] = damaged[at]! ^ 0x5a;
          damaged[at + 1] = damaged[at + 1]! ^ 0xa5;
          cases.push([`${name}${at}.${format}`, format, damaged, at]);
        }
      }
      for (const [name, format, bytes, at] of cases) {
        const path = `${dir}/${name}`;
        await Deno.writeFile(path, bytes);
        const options = format === "brotli"
          ? { compression: "brotli" as const }
          : {};
        await assert.rejects(
          () => collect(readLines(path, options)),
          (error) =>
            decompressionError(error, path, format, [at, bytes.length]),
          name,
        );
      }
      // Garbage after a complete gzip member is not ignored.
      const path = `${dir}/tail.gz`;
      await Deno.writeFile(
        path,
        new Uint8Array([...gz, ...encoder.encode("junk")]),
      );
      await assert.rejects(
        () => collect(readLines(path)),
        (error) =>
          decompressionError(error, path, "gzip", [gz.length, gz.length + 4]),
      );
      // Neither is garbage after a complete zstd frame: its offset is exact.
      const zpath = `${dir}/tail.zst`;
      await Deno.writeFile(
        zpath,
        new Uint8Array([...zst, ...encoder.encode("junk")]),
      );
      await assert.rejects(
        () => collect(readLines(zpath)),
        (error) =>
          decompressionError(error, zpath, "zstd", [zst.length, zst.length]) &&
          /no zstd frame starts here/.test((error as Error).message),
      );
    });
  },
);

Deno.test("a file named as compressed that is not is an error, not binary text", async () => {
  await withTempDir(async (dir) => {
    for (
      const [name, format, bytes, problem] of [
        [
          "a.log.gz",
          "gzip",
          encoder.encode("plain text\n"),
          /does not start as gzip/,
        ],
        ["b.log.gz", "gzip", new Uint8Array(0), /empty/],
        [
          "c.log.zst",
          "zstd",
          encoder.encode("plain text\n"),
          /no zstd frame starts here/,
        ],
        ["d.log.zst", "zstd", new Uint8Array(0), /empty/],
      ] as const
    ) {
      const path = `${dir}/${name}`;
      await Deno.writeFile(path, bytes);
      await assert.rejects(
        () => collect(readLines(path)),
        (error) =>
          error instanceof DecompressionError && error.format === format &&
          error.offset === 0 && error.path === path &&
          problem.test(error.message),
        name,
      );
      // compression: "none" reads it as it is.
      assert.equal(
        (await collect(readLines(path, { compression: "none" }))).length,
        bytes.length > 0 ? 1 : 0,
      );
    }
  });
});

Deno.test(
  `bzip2 and xz are refused with the command that pipes them in, by content and by name${tools.name}`,
  {
    ignore: tools.ignore,
  },
  async () => {
    await withTempDir(async (dir) => {
      const plain = encoder.encode("a\nb\n");
      for (
        const [tool, ending] of [["bzip2", ".bz2"], ["xz", ".xz"]] as const
      ) {
        const packed = await run(tool, ["-c"], plain);
        for (const name of [`a.log${ending}`, "renamed.log"]) {
          const path = `${dir}/${name}`;
          await Deno.writeFile(path, packed);
          await assert.rejects(
            () => collect(readLines(path)),
            (error) =>
              error instanceof DecompressionError && error.format === tool &&
              error.message ===
                `Cannot decompress "${path}" (${tool}): sluice has no ${tool} decoder; pipe it in decompressed instead: ${tool} -dc "${path}" | sluice … -`,
          );
        }
        // The same from a stream: no name to give.
        await assert.rejects(
          () => collect(readLines(ReadableStream.from([packed]))),
          new RegExp(
            `^DecompressionError: Cannot decompress the input \\(${tool}\\): .*${tool} -dc FILE \\|`,
          ),
        );
      }
    });
  },
);

Deno.test("text that only starts like a signature is read as text", async () => {
  // "BZh9" without bzip2's block magic, a lone 0x1f, "(" then text.
  for (const line of ["BZh91AY&SX", "\x1fhello", "(\xb5/", "P*M", "B", ""]) {
    const bytes = encoder.encode(`${line}\nnext\n`);
    assert.deepEqual(await collect(readLines(ReadableStream.from([bytes]))), [
      line,
      "next",
    ]);
    assert.deepEqual(
      await collect(readLines(chunked(bytes, [1, 2, 3]))),
      [line, "next"],
    );
  }
});

Deno.test("a stream's own error is not masked by its cancel failing at close", async () => {
  const gz = new Uint8Array(
    await new Response(
      ReadableStream.from([encoder.encode("a\n".repeat(10000))]).pipeThrough(
        new CompressionStream("gzip"),
      ),
    ).arrayBuffer(),
  );
  const damaged = gz.slice();
  damaged.fill(0xff, 20, 40);
  const source = (fail: boolean) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(fail ? gz.subarray(0, 30) : damaged);
      },
      pull() {
        if (fail) throw new URIError("the source broke");
        return new Promise(() => {}); // never ends: the decoder fails first
      },
      cancel() {
        throw new EvalError("cancel failed");
      },
    });
  await assert.rejects(
    () => collect(readLines(source(false))),
    (error) => error instanceof DecompressionError && error.offset >= 20,
  );
  await assert.rejects(() => collect(readLines(source(true))), URIError);
});

Deno.test(`stopping early closes a compressed file${tools.name}`, {
  ignore: tools.ignore,
}, async () => {
  await withTempDir(async (dir) => {
    const plain = encoder.encode(logText(50000, 7));
    for (
      const [name, tool] of [["a.gz", "gzip"], ["a.zst", "zstd"], [
        "a.br",
        "brotli",
      ]]
    ) {
      await Deno.writeFile(
        `${dir}/${name}`,
        await run(tool!, ["-5", "-c"], plain),
      );
      const before = openFds();
      let n = 0;
      for await (const _ of readLines(`${dir}/${name}`)) if (++n === 10) break;
      await new Promise((ok) => setTimeout(ok, 50));
      assert.equal(openFds(), before, name);
    }
  });
});

Deno.test("a gzip or zstd file is decoded into the same buffers, not a new one for each 64 KiB", async () => {
  // Each new buffer stayed allocated until V8 next collected, which a run
  // that counts lines on their bytes seldom does: `sluice grep -c ERROR`
  // over the 1 GiB corpus compressed with gzip peaked at 112.3 MiB, against
  // 71.0 decoded into one buffer (and 66.0 read into one too).
  const zlib = await import("node:zlib");
  const { openInput, peekHead } = await import("../../lib/fs/_input.ts");
  const { decompressed } = await import("../../lib/io/_decompress.ts");
  await withTempDir(async (dir) => {
    const bytes = encoder.encode(logText(40_000, 7));
    await Deno.writeFile(`${dir}/app.log.gz`, zlib.gzipSync(bytes));
    await Deno.writeFile(`${dir}/app.log.zst`, zlib.zstdCompressSync(bytes));
    for (
      const [name, format] of [["app.log.gz", "gzip"], [
        "app.log.zst",
        "zstd",
      ]] as const
    ) {
      const path = `${dir}/${name}`;
      const peeked = await peekHead(await openInput(path));
      const input = await decompressed(peeked.input, format, path, peeked.head);
      const buffers = new Set<ArrayBufferLike>();
      const parts: Uint8Array[] = [];
      try {
        while (true) {
          const r = await input.chunks!.next();
          if (r.done === true) break;
          buffers.add(r.value.buffer);
          parts.push(r.value.slice());
        }
      } finally {
        await input.close();
      }
      assert.ok(parts.length > 10, `${name}: ${parts.length} chunks`);
      assert.equal(buffers.size, 1, `${name}: ${buffers.size} buffers`);
      const whole = concatBytes(parts);
      assert.deepEqual(whole, bytes);
    }
  });
});
