// Copyright 2026 the sluice authors. MIT license.
// Inputs that change while they are read: growth without follow, and follow
// mode (`tail -F`) through appends, rotation, copytruncate and abort, on
// real temp files.
import assert from "node:assert/strict";
import { map, pipeline, readLines, writeLines } from "@sluice/sluice";
import { openFds, withTempDir } from "../_helpers.ts";

const POLL = { pollMs: 5 };

/** Pulls lines from `it` until `n` arrived. */
async function take(
  it: AsyncIterator<string>,
  n: number,
): Promise<string[]> {
  const out: string[] = [];
  while (out.length < n) {
    const r = await it.next();
    if (r.done === true) break;
    out.push(r.value);
  }
  return out;
}

Deno.test("readLines() without follow stops at a line of what it saw while a file keeps growing", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    const line = (i: number) => `line ${i} ${"z".repeat(i % 40)}`;
    let written = 2000;
    await Deno.writeTextFile(
      path,
      Array.from({ length: written }, (_, i) => line(i) + "\n").join(""),
    );
    const seen: string[] = [];
    for await (const l of readLines(path, { readBytes: 4096 })) {
      seen.push(l);
      // The writer appends one line for every ten read: the reader still
      // reaches the end, and ends there.
      if (seen.length % 10 === 0) {
        await Deno.writeTextFile(path, line(written++) + "\n", {
          append: true,
        });
      }
    }
    const final = (await Deno.readTextFile(path)).split("\n").slice(0, -1);
    assert.ok(seen.length > 2000, "lines appended before the end are read");
    assert.ok(seen.length <= final.length);
    assert.deepEqual(seen.slice(0, -1), final.slice(0, seen.length - 1));
    // The last line is whole unless a write was cut at the very moment the
    // end was reached; it is never a line that was not there.
    assert.ok(final[seen.length - 1]!.startsWith(seen.at(-1)!));
  });
});

Deno.test("readLines() with follow reads lines appended later and holds a partial line until its LF", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/a.log`;
    await Deno.writeTextFile(path, "one\ntwo\n");
    const controller = new AbortController();
    const it = readLines(path, { follow: POLL, signal: controller.signal })
      [Symbol.asyncIterator]();
    assert.deepEqual(await take(it, 2), ["one", "two"]);
    await Deno.writeTextFile(path, "thr", { append: true });
    const next = it.next();
    // The partial line is not handed on while its LF is missing.
    const early = await Promise.race([
      next,
      new Promise((r) => setTimeout(() => r("waiting"), 60)),
    ]);
    assert.equal(early, "waiting");
    await Deno.writeTextFile(path, "ee\r\nfour\n", { append: true });
    assert.deepEqual(await next, { value: "three", done: false });
    assert.deepEqual(await take(it, 1), ["four"]);
    controller.abort();
    assert.deepEqual(await it.next(), { value: undefined, done: true });
  });
});

Deno.test("readLines() with follow reads a rotated file to its end, then the new file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    await Deno.writeTextFile(path, "old 1\nold 2\n");
    const before = openFds();
    const controller = new AbortController();
    const run = pipeline(
      readLines(path, { follow: POLL, signal: controller.signal }),
      map((line, i) => `${i}:${line}`),
    );
    const it = run[Symbol.asyncIterator]();
    assert.deepEqual(await take(it, 2), ["0:old 1", "1:old 2"]);
    // logrotate's default: rename, then a new file at the path; the writer
    // still had the old one open for a last line, without its LF.
    await Deno.writeTextFile(path, "old 3", { append: true });
    await Deno.rename(path, `${path}.1`);
    await Deno.writeTextFile(`${path}.1`, " end", { append: true });
    await Deno.writeTextFile(path, "new 1\n");
    assert.deepEqual(await take(it, 2), ["2:old 3 end", "3:new 1"]);
    await Deno.writeTextFile(path, "new 2\n", { append: true });
    assert.deepEqual(await take(it, 1), ["4:new 2"]);
    // The rotated file was closed: only the new one is open.
    assert.equal(openFds(), before + 1);
    controller.abort();
    assert.equal((await it.next()).done, true);
    assert.equal(run.summary.status, "ok");
    assert.equal(openFds(), before);
  });
});

Deno.test("readLines() with follow starts again from offset 0 when the file is cut shorter (copytruncate)", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    await Deno.writeTextFile(path, "a 1\na 2\n");
    const controller = new AbortController();
    const it = readLines(path, { follow: POLL, signal: controller.signal })
      [Symbol.asyncIterator]();
    assert.deepEqual(await take(it, 2), ["a 1", "a 2"]);
    await Deno.copyFile(path, `${path}.1`);
    await Deno.truncate(path, 0);
    await Deno.writeTextFile(path, "b 1\n", { append: true });
    assert.deepEqual(await take(it, 1), ["b 1"]);
    await Deno.writeTextFile(path, "b 2\n", { append: true });
    assert.deepEqual(await take(it, 1), ["b 2"]);
    controller.abort();
    assert.equal((await it.next()).done, true);
  });
});

Deno.test("readLines() with follow ends on its signal: the partial line is the last line, the file is closed", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    const out = `${dir}/out.log`;
    await Deno.writeTextFile(path, "x 1\nx 2\nx 3 no LF yet");
    const before = openFds();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const summary = await pipeline(
      readLines(path, { follow: POLL, signal: controller.signal }),
      writeLines(out),
    );
    assert.equal(summary.status, "ok");
    assert.equal(await Deno.readTextFile(out), "x 1\nx 2\nx 3 no LF yet\n");
    assert.equal(openFds(), before);
  });
});

Deno.test("readLines() with follow in a pipeline whose signal fires rejects with the reason and closes the file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    await Deno.writeTextFile(path, "y 1\n");
    const before = openFds();
    const controller = new AbortController();
    const reason = new Error("stopped by the user");
    setTimeout(() => controller.abort(reason), 50);
    const lines: string[] = [];
    await assert.rejects(
      async () => {
        for await (
          const line of pipeline(readLines(path, { follow: true }), {
            signal: controller.signal,
          })
        ) {
          lines.push(line);
        }
      },
      (error) => error === reason,
    );
    assert.deepEqual(lines, ["y 1"]);
    assert.equal(openFds(), before);
  });
});

Deno.test("readLines() with follow lets go when the run ends early, even with a stage reading ahead", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    await Deno.writeTextFile(path, "a\nb\nc\n");
    const before = openFds();
    // A consumer that breaks: the concurrent map has already asked the
    // reader for more, which waits on a quiet file.
    for await (
      const line of pipeline(
        readLines(path, { follow: { pollMs: 60_000 } }),
        map((s: string) => Promise.resolve(s.toUpperCase()), {
          concurrency: 4,
        }),
      )
    ) {
      assert.equal(line, "A");
      break;
    }
    assert.equal(openFds(), before);
    // A stage that fails while the reader waits.
    await assert.rejects(
      async () => {
        for await (
          const _ of pipeline(
            readLines(path, { follow: { pollMs: 60_000 } }),
            map((s: string) => {
              if (s === "c") return Promise.reject(new Error("bad line"));
              return Promise.resolve(s);
            }, { concurrency: 4 }),
          )
        );
      },
      /bad line/,
    );
    assert.equal(openFds(), before);
  });
});

Deno.test("readLines() refuses follow for anything but one file path", () => {
  assert.throws(
    () => readLines(["a.log", "b.log"], { follow: true }),
    new TypeError(
      "Cannot read lines: follow needs one file path (not standard input, a stream or compressed), got 2 inputs",
    ),
  );
  assert.throws(() => readLines("-", { follow: true }), /got "-"/);
  assert.throws(
    () => readLines("a.log.gz", { follow: true }),
    /got "a\.log\.gz"/,
  );
  assert.throws(
    () => readLines(ReadableStream.from([]), { follow: true }),
    /got a stream or handle/,
  );
  assert.throws(
    () => readLines("a.log", { follow: { pollMs: 0 } }),
    new RangeError(
      "Cannot read lines: follow.pollMs must be an integer of at least 1, got 0",
    ),
  );
});
