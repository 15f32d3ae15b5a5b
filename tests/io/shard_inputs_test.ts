// Copyright 2026 the sluice authors. MIT license.
// shardInputs and readLines' shard option: the shards of any inputs read
// every line once, in order, numbered as in the whole file.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  deadLetter,
  type FailedItem,
  InvalidUtf8Error,
  pipeline,
  readLines,
  shardInputs,
} from "../../mod.ts";
import { divideInputs } from "../../lib/io/shard_inputs.ts";
import {
  collect,
  encoder,
  gzip,
  serveFiles,
  withTempDir,
} from "../_helpers.ts";

/** A line of a generated file: short, long, empty, or invalid UTF-8. */
const lineArb = fc.oneof(
  fc.string({ maxLength: 6 }).map((s) => s.replaceAll("\n", " ")),
  fc.constant(""),
  fc.constant("x".repeat(300)), // longer than a shard of a small file
  fc.constant("\u00e9t\u00e9"),
  fc.constant("\uFFFDbad"), // written as an invalid byte
);

/** A file: its lines, whether it ends in LF, and whether it is gzipped. */
const fileArb = fc.record({
  lines: fc.array(lineArb, { maxLength: 25 }),
  trailing: fc.boolean(),
  gzipped: fc.boolean(),
});

async function writeFiles(
  dir: string,
  files: { lines: string[]; trailing: boolean; gzipped: boolean }[],
): Promise<string[]> {
  const paths: string[] = [];
  for (const [i, f] of files.entries()) {
    const text = f.lines.join("\n") +
      (f.trailing && f.lines.length ? "\n" : "");
    const bytes = encoder.encode(text);
    // U+FFFD written as 0xFF: invalid UTF-8 that fatal reading refuses.
    const raw = Uint8Array.from(
      new TextDecoder().decode(bytes).replaceAll("\uFFFD", "\u0001")
        .split("").flatMap((c) =>
          c === "\u0001" ? [0xff] : [...encoder.encode(c)]
        ),
    );
    const path = `${dir}/f${i}.log${f.gzipped ? ".gz" : ""}`;
    await Deno.writeFile(
      path,
      f.gzipped ? await gzip(new TextDecoder().decode(raw)) : raw,
    );
    paths.push(path);
  }
  return paths;
}

/** The lines read, and the bad lines' inputs, numbers and offsets. */
async function readAll(
  inputs: string[],
  shard?: { index: number; count: number },
): Promise<{ lines: string[]; failed: unknown[] }> {
  const failed: FailedItem[] = [];
  const lines = await collect(pipeline(
    readLines(inputs, {
      fatal: true,
      onError: deadLetter((f) => void failed.push(f)),
      ...(shard === undefined ? {} : { shard }),
    }),
  ));
  return {
    lines,
    failed: failed.map((f) => [f.path, f.line, f.offset]),
  };
}

Deno.test("the shards of any files, 1 to 16 of them, read every line once, in order, with the whole files' line numbers and offsets", async () => {
  await withTempDir(async (dir) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fileArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 16 }),
        async (files, count) => {
          const sub = `${dir}/${run++}`;
          await Deno.mkdir(sub);
          const paths = await writeFiles(sub, files);
          const whole = await readAll(paths);
          const lines: string[] = [];
          const failed: unknown[] = [];
          for (let index = 0; index < count; index++) {
            const part = await readAll(paths, { index, count });
            lines.push(...part.lines);
            failed.push(...part.failed);
          }
          assert.deepEqual(lines, whole.lines);
          assert.deepEqual(failed, whole.failed);
          await Deno.remove(sub, { recursive: true });
        },
      ),
      { numRuns: 60 },
    );
  });
});

Deno.test("a file of one line read in 16 shards is read by the shard where the line starts, the others empty", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/one.log`;
    await Deno.writeTextFile(path, "a single line of forty bytes or so here\n");
    const got: string[][] = [];
    for (let index = 0; index < 16; index++) {
      got.push(await collect(readLines(path, { shard: { index, count: 16 } })));
    }
    assert.deepEqual(got[0], ["a single line of forty bytes or so here"]);
    assert.ok(got.slice(1).every((lines) => lines.length === 0));
  });
});

Deno.test("divideInputs() cuts plain files by bytes and gives a compressed file whole to the shard its middle falls in", () => {
  const inputs = [
    { name: "a", size: 100, whole: false },
    { name: "b.gz", size: 50, whole: true },
    { name: "c", size: 50, whole: false },
  ];
  // Shard 0 is bytes [0, 100), shard 1 [100, 200): b.gz's middle, byte
  // 125, is shard 1's.
  assert.deepEqual(divideInputs(inputs, 0, 2), [
    { path: "a", start: 0, end: 100 },
  ]);
  assert.deepEqual(divideInputs(inputs, 1, 2), [
    "b.gz",
    { path: "c", start: 0, end: 50 },
  ]);
  assert.deepEqual(divideInputs(inputs, 0, 4), [
    { path: "a", start: 0, end: 50 },
  ]);
  assert.deepEqual(divideInputs(inputs, 1, 4), [
    { path: "a", start: 50, end: 100 },
  ]);
  assert.deepEqual(divideInputs(inputs, 2, 4), ["b.gz"]);
  assert.deepEqual(divideInputs(inputs, 3, 4), [
    { path: "c", start: 0, end: 50 },
  ]);
});

Deno.test("shardInputs() refuses standard input, a directory and a shard out of range, naming them", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(shardInputs("-", 0, 2), /Cannot shard standard input/);
    await assert.rejects(
      shardInputs(dir, 0, 2),
      (e) => e instanceof TypeError && e.message.includes(`"${dir}"`),
    );
    await Deno.writeTextFile(`${dir}/a.log`, "a\n");
    await assert.rejects(
      shardInputs(`${dir}/a.log`, 2, 2),
      /from 0 to 1, got 2/,
    );
    await assert.rejects(shardInputs(`${dir}/a.log`, 0, 0), RangeError);
    await assert.rejects(
      collect(readLines(`${dir}/a.log`, { shard: { index: 3, count: 2 } })),
      RangeError,
    );
  });
});

Deno.test("readLines() of a FileRange reads the lines that start in it, the last one past its end, and fails on a file shorter than the range", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/r.log`;
    await Deno.writeTextFile(path, "ab\ncd\nef\ngh\n");
    const read = (start: number, end: number) =>
      collect(readLines({ path, start, end }));
    assert.deepEqual(await read(3, 7), ["cd", "ef"]);
    assert.deepEqual(await read(4, 7), ["ef"]);
    assert.deepEqual(await read(0, 1), ["ab"]);
    assert.deepEqual(await read(1, 3), []);
    assert.deepEqual(await read(2, 3), []);
    assert.deepEqual(await read(3, 3), []);
    assert.deepEqual(await read(11, 12), []);
    await assert.rejects(read(6, 40), Deno.errors.UnexpectedEof);
  });
});

/** The parts without their names and what a URL's division saw. */
function spans(parts: unknown[]): unknown[] {
  return parts.map((p) =>
    typeof p === "string"
      ? p.slice(p.lastIndexOf("/") + 1)
      : [(p as { start: number }).start, (p as { end: number }).end]
  );
}

Deno.test("the shards of URLs, 1 to 16 of them, are cut as the same files' and read their lines once, in order, with true offsets", async () => {
  await withTempDir(async (dir) => {
    const server = serveFiles(dir);
    try {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fileArb, { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 1, max: 16 }),
          async (files, count) => {
            const sub = `${run++}`;
            await Deno.mkdir(`${dir}/${sub}`);
            const paths = await writeFiles(`${dir}/${sub}`, files);
            const urls = paths.map((p) =>
              `${server.base}${p.slice(dir.length)}`
            );
            const local = await readAll(paths);
            const whole = await readAll(urls);
            assert.deepEqual(whole.lines, local.lines);
            const lines: string[] = [];
            const offsets: unknown[] = [];
            for (let index = 0; index < count; index++) {
              // The division from names and sizes: the files' own.
              assert.deepEqual(
                spans(await shardInputs(urls, index, count)),
                spans(await shardInputs(paths, index, count)),
              );
              const part = await readAll(urls, { index, count });
              lines.push(...part.lines);
              offsets.push(...part.failed.map((f) => (f as unknown[])[2]));
            }
            assert.deepEqual(lines, whole.lines);
            assert.deepEqual(
              offsets,
              whole.failed.map((f) => (f as unknown[])[2]),
            );
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      await server.close();
    }
  });
});

Deno.test("a shard of a URL asks only for its byte range, a line running past it in doubling spans", async () => {
  await withTempDir(async (dir) => {
    // 1 MiB of short lines, one 300 KiB line across shards 1 and 2, more.
    const short = Array.from({ length: 20000 }, (_, i) => `line ${i}`);
    const text = [...short, "y".repeat(300 * 1024), ...short].join("\n") +
      "\n";
    await Deno.writeTextFile(`${dir}/big.log`, text);
    const server = serveFiles(dir);
    try {
      const url = `${server.base}/big.log`;
      const all: string[] = [];
      for (let index = 0; index < 4; index++) {
        const before = server.sent.bytes;
        const parts = await shardInputs(url, index, 4);
        const { start, end } = parts[0] as { start: number; end: number };
        server.asked.length = 0;
        all.push(
          ...await collect(readLines(url, { shard: { index, count: 4 } })),
        );
        // The size probe, then the range (from the byte before it, as a
        // file's) and at most 64 KiB past it, or the line's rest.
        assert.equal(server.asked[0], "/big.log bytes=0-9");
        assert.match(
          server.asked[1]!,
          new RegExp(`^/big.log bytes=${Math.max(0, start - 1)}-`),
        );
        // Past the range: its last line's rest (ASCII: bytes are
        // characters), in spans that at most double it, from 64 KiB.
        const rest = text.indexOf("\n", end - 1) + 1 - end;
        const sent = server.sent.bytes - before - 20;
        assert.ok(
          sent <= end - start + 1 + 2 * rest + 128 * 1024,
          `shard ${index}: ${sent} bytes for ${end - start}, rest ${rest}`,
        );
      }
      assert.deepEqual(all, text.slice(0, -1).split("\n"));
      // A range that starts and ends inside the long line has no line.
      const inside = await collect(
        readLines({
          path: url,
          start: text.indexOf("y") + 1000,
          end: text.indexOf("y") + 100000,
        }),
      );
      assert.deepEqual(inside, []);
    } finally {
      await server.close();
    }
  });
});

Deno.test("a URL of one line in 16 shards is read by shard 0, and an empty URL by none", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/one.log`, "x".repeat(100) + "\n");
    await Deno.writeTextFile(`${dir}/empty.log`, "");
    const server = serveFiles(dir);
    try {
      const urls = [`${server.base}/one.log`, `${server.base}/empty.log`];
      const got: string[][] = [];
      for (let index = 0; index < 16; index++) {
        got.push(
          await collect(readLines(urls, { shard: { index, count: 16 } })),
        );
      }
      assert.deepEqual(got[0], ["x".repeat(100)]);
      assert.ok(got.slice(1).every((lines) => lines.length === 0));
    } finally {
      await server.close();
    }
  });
});

Deno.test("a compressed URL goes whole to one shard, even from a server that ignores Range", async () => {
  await withTempDir(async (dir) => {
    const text = Array.from({ length: 500 }, (_, i) => `z ${i}`).join("\n");
    await Deno.writeFile(`${dir}/a.log.gz`, await gzip(text));
    // Compressed by content, not by name.
    await Deno.writeFile(`${dir}/b.data`, await gzip(text));
    const server = serveFiles(dir, { ranges: false });
    try {
      for (const name of ["a.log.gz", "b.data"]) {
        const url = `${server.base}/${name}`;
        const parts: unknown[] = [];
        const lines: string[] = [];
        for (let index = 0; index < 3; index++) {
          parts.push(...await shardInputs(url, index, 3));
          lines.push(
            ...await collect(readLines(url, { shard: { index, count: 3 } })),
          );
        }
        assert.deepEqual(parts, [url]);
        assert.deepEqual(lines, text.split("\n"));
      }
    } finally {
      await server.close();
    }
  });
});

Deno.test("a URL whose Content-Type or Content-Encoding says compressed goes whole to one shard", async () => {
  await withTempDir(async (dir) => {
    // Bytes without a signature (as brotli's): only the headers tell.
    await Deno.writeTextFile(`${dir}/c.bin`, "x\n".repeat(100));
    const cases = [
      { "content-type": "application/x-brotli" },
      { "content-encoding": "br" },
      { "content-type": "text/plain" },
    ];
    for (const headers of cases) {
      const server = serveFiles(dir, { headers });
      try {
        const url = `${server.base}/c.bin`;
        const parts = [];
        for (let index = 0; index < 4; index++) {
          parts.push(...await shardInputs(url, index, 4));
        }
        if (headers["content-type"] === "text/plain") {
          assert.equal(parts.length, 4);
        } else {
          assert.deepEqual(parts, [url], JSON.stringify(headers));
        }
      } finally {
        await server.close();
      }
    }
  });
});

Deno.test("a plain URL whose server ignores Range or gives no size cannot be sharded, and a URL changed meanwhile fails a shard, naming it", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, "one\ntwo\nthree\nfour\n");
    const noRange = serveFiles(dir, { ranges: false });
    const noLength = serveFiles(dir, { ranges: false, length: false });
    const server = serveFiles(dir);
    try {
      const a = `${noRange.base}/a.log`;
      await assert.rejects(
        shardInputs(a, 0, 2),
        (e) =>
          e instanceof TypeError &&
          e.message ===
            `Cannot shard "${a}": the server ignores Range requests (it answered 200 with the whole resource), so a shard cannot read only its byte range`,
      );
      const b = `${noLength.base}/a.log`;
      await assert.rejects(
        collect(readLines(b, { shard: { index: 0, count: 2 } })),
        (e) =>
          e instanceof TypeError &&
          e.message.startsWith(
            `Cannot shard "${b}": the server does not say its size`,
          ),
      );
      const c = `${server.base}/a.log`;
      await assert.rejects(
        shardInputs(`${server.base}/missing.log`, 0, 2),
        Deno.errors.NotFound,
      );
      // Divided, then changed (same size, other bytes), then read.
      const [part] = await shardInputs(c, 1, 2);
      await Deno.writeTextFile(`${dir}/a.log`, "ONE\nTWO\nTHREE\nFOUR\n");
      await assert.rejects(
        collect(readLines(part!)),
        (e) =>
          e instanceof Deno.errors.Http &&
          e.message ===
            `Cannot read "${c}" from byte offset 8: the resource changed since it was first read (its ETag, Last-Modified or length differ)`,
      );
      // Longer: its size differs from the division's.
      await Deno.writeTextFile(`${dir}/a.log`, "one\ntwo\nthree\nfour\nfive\n");
      await assert.rejects(collect(readLines(part!)), /the resource changed/);
    } finally {
      await Promise.all([noRange.close(), noLength.close(), server.close()]);
    }
  });
});

Deno.test("errors in a shard of a URL give the true byte offset and a line number counted within the shard, saying so", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(
      `${dir}/bad.log`,
      Uint8Array.from([...encoder.encode("ab\ncd\nef\ngh\n"), 0xff, 10]),
    );
    const server = serveFiles(dir);
    try {
      const url = `${server.base}/bad.log`;
      await assert.rejects(
        collect(readLines(url, { fatal: true, shard: { index: 1, count: 2 } })),
        (e) =>
          e instanceof InvalidUtf8Error && e.line === 2 && e.offset === 12 &&
          e.message ===
            `Line 2 of "${url}" (counted from the shard's first line, at byte offset 9) is not valid UTF-8 at byte offset 12`,
      );
      // Shard 0 starts the resource: its numbers are true, and said plainly.
      await assert.rejects(
        collect(readLines(url, { fatal: true, shard: { index: 0, count: 1 } })),
        (e) =>
          e instanceof InvalidUtf8Error &&
          e.message ===
            `Line 5 of "${url}" is not valid UTF-8 at byte offset 12`,
      );
    } finally {
      await server.close();
    }
  });
});
