// Copyright 2026 the sluice authors. MIT license.
// The iterators that link the reader, the stages and the consumer, written
// with `then` rather than as async generators: they make their inputs when
// first pulled, one after the other, pass errors on with the stage and line,
// and close what they read when the consumer stops or a stage fails.

import assert from "node:assert/strict";
import { filter, map, pipeline, readLines, StageError } from "../../mod.ts";
import { Deferred, eachChunk, InTurn } from "../../lib/core/_adapters.ts";
import { collect, openFds, withTempDir } from "../_helpers.ts";

/** An iterator over `items` that records what was asked of it. */
function recorded(name: string, items: number[], log: string[]) {
  let i = 0;
  return {
    next(): Promise<IteratorResult<number>> {
      log.push(`${name}.next`);
      return Promise.resolve(
        i < items.length
          ? { value: items[i++]!, done: false }
          : { value: undefined, done: true },
      );
    },
    return(): Promise<IteratorResult<number>> {
      log.push(`${name}.return`);
      i = items.length;
      return Promise.resolve({ value: undefined, done: true });
    },
  };
}

function iterable<T>(it: AsyncIterator<T>): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => it };
}

Deno.test("InTurn makes each iterator when the one before it is done, and closes the current one on return", async () => {
  const log: string[] = [];
  const inputs = [[1, 2], [], [3]];
  const all = new InTurn(inputs.length, (k) => {
    log.push(`make ${k}`);
    return recorded(`it${k}`, inputs[k]!, log);
  });
  assert.deepEqual(await collect(iterable(all)), [1, 2, 3]);
  assert.deepEqual(log.filter((l) => l.startsWith("make")), [
    "make 0",
    "make 1",
    "make 2",
  ]);
  assert.deepEqual(await all.next(), { value: undefined, done: true });

  log.length = 0;
  const some = new InTurn(3, (k) => {
    log.push(`make ${k}`);
    return recorded(`it${k}`, [k * 10, k * 10 + 1], log);
  });
  assert.deepEqual(await some.next(), { value: 0, done: false });
  assert.deepEqual(await some.next(), { value: 1, done: false });
  assert.deepEqual(await some.next(), { value: 10, done: false });
  await some.return();
  assert.deepEqual(log, [
    "make 0",
    "it0.next",
    "it0.next",
    "it0.next",
    "make 1",
    "it1.next",
    "it1.return",
  ]);
  assert.deepEqual(await some.next(), { value: undefined, done: true });
  assert.deepEqual(
    await collect(iterable(new InTurn<number>(0, () => assert.fail()))),
    [],
  );
});

Deno.test("InTurn passes on an error of making an iterator or of reading one", async () => {
  const made = new InTurn<number>(2, () => {
    throw new RangeError("cannot make");
  });
  await assert.rejects(made.next(), RangeError);
  const read = new InTurn<number>(1, () => ({
    next: () => Promise.reject(new TypeError("cannot read")),
  }));
  await assert.rejects(read.next(), TypeError);
});

Deno.test("Deferred makes its iterator at the first pull, once, and closes it on return", async () => {
  const log: string[] = [];
  let made = 0;
  const it = new Deferred(async () => {
    made++;
    await new Promise((r) => setTimeout(r, 1));
    return recorded("it", [1, 2, 3], log);
  });
  assert.equal(made, 0);
  // Two pulls before it is made: made once, each gets its item.
  const [a, b] = await Promise.all([it.next(), it.next()]);
  assert.equal(made, 1);
  assert.deepEqual([a.value, b.value], [1, 2]);
  await it.return();
  assert.deepEqual(log, ["it.next", "it.next", "it.return"]);

  let never = 0;
  const unused = new Deferred(() => {
    never++;
    return Promise.resolve(recorded("x", [], log));
  });
  assert.deepEqual(await unused.return(), { value: undefined, done: true });
  assert.deepEqual(await unused.next(), { value: undefined, done: true });
  assert.equal(never, 0);

  const failing = new Deferred<number>(() =>
    Promise.reject(new URIError("cannot open"))
  );
  await assert.rejects(failing.next(), URIError);
  assert.deepEqual(await failing.return(), { value: undefined, done: true });
});

async function twoLogs(dir: string): Promise<[string, string]> {
  const lines = (tag: string) =>
    Array.from({ length: 20_000 }, (_, i) => `${tag} ${i + 1} INFO`).join(
      "\n",
    ) + "\n";
  await Deno.writeTextFile(`${dir}/a.log`, lines("a"));
  await Deno.writeTextFile(`${dir}/b.log`, lines("b"));
  return [`${dir}/a.log`, `${dir}/b.log`];
}

Deno.test("eachChunk calls its function on each item in order, waiting for each, as for await does", async () => {
  const log: string[] = [];
  const seen: number[] = [];
  await eachChunk({
    [Symbol.asyncIterator]: () => recorded("it", [1, 2, 3], log),
  }, async (n) => {
    log.push(`each ${n}`);
    await new Promise((r) => setTimeout(r, 1));
    seen.push(n);
  });
  assert.deepEqual(seen, [1, 2, 3]);
  assert.deepEqual(log, [
    "it.next",
    "each 1",
    "it.next",
    "each 2",
    "it.next",
    "each 3",
    "it.next",
  ]);
});

Deno.test("eachChunk closes its input when the function fails, and reports the function's error", async () => {
  for (const fails of ["sync", "async"] as const) {
    const log: string[] = [];
    const it = recorded("it", [1, 2, 3], log);
    it.return = () => {
      log.push("it.return");
      return Promise.reject(new Error("return failed too"));
    };
    await assert.rejects(
      eachChunk({ [Symbol.asyncIterator]: () => it }, (n) => {
        if (n !== 2) return;
        if (fails === "sync") throw new RangeError("bad 2");
        return Promise.reject(new RangeError("bad 2"));
      }),
      { name: "RangeError", message: "bad 2" },
    );
    assert.deepEqual(log, ["it.next", "it.next", "it.return"]);
  }
});

Deno.test("eachChunk passes on an error of its input without closing it", async () => {
  const log: string[] = [];
  const it = {
    next(): Promise<IteratorResult<number>> {
      log.push("it.next");
      return Promise.reject(new TypeError("unreadable"));
    },
    return(): Promise<IteratorResult<number>> {
      log.push("it.return");
      return Promise.resolve({ value: undefined, done: true });
    },
  };
  await assert.rejects(
    eachChunk({ [Symbol.asyncIterator]: () => it }, () => {}),
    { name: "TypeError", message: "unreadable" },
  );
  assert.deepEqual(log, ["it.next"]);
});

Deno.test("readLines of several files opens each when the one before is read, and a break closes the one open", async () => {
  await withTempDir(async (dir) => {
    const [a, b] = await twoLogs(dir);
    const before = openFds();
    let n = 0;
    for await (const line of readLines([a, b], { readBytes: 4096 })) {
      n++;
      // Only the first file is open while it is read.
      if (n === 1) assert.equal(openFds(), before + 1);
      if (line === "b 5 INFO") break;
    }
    assert.equal(n, 20_005);
    assert.equal(openFds(), before);
  });
});

Deno.test("a stage that fails between the reader and a sink or a for await closes the file and names the stage and line", async () => {
  await withTempDir(async (dir) => {
    const [a] = await twoLogs(dir);
    const before = openFds();
    const failing = () =>
      map((line: string) => {
        if (line === "a 7000 INFO") throw new SyntaxError("bad line");
        return line;
      }, { name: "check" });
    // Fused with the filter before it, then a sink of one's own.
    await assert.rejects(
      pipeline(
        readLines(a, { readBytes: 4096 }),
        filter((line) => line.length > 0),
        failing(),
        async (lines) => {
          for await (const _ of lines) { /* drain */ }
        },
      ),
      (e) =>
        e instanceof StageError && e.stage === "check" && e.line === 7000 &&
        e.cause instanceof SyntaxError,
    );
    assert.equal(openFds(), before);
    // Iterated with for await.
    await assert.rejects(
      collect(pipeline(readLines(a, { readBytes: 4096 }), failing())),
      (e) => e instanceof StageError && e.line === 7000,
    );
    assert.equal(openFds(), before);
  });
});

Deno.test("fused stages that keep nothing of many chunks pull on in one promise, not a chain of them", async () => {
  // Before, each chunk a filter kept nothing of was a promise waiting on the
  // next one, all alive until a line was kept: the kept line then went up
  // the whole chain, a few microtasks a chunk, and memory grew with the
  // input (96.9 MiB peak RSS over 1 GiB against 62.2 over 256 MiB).
  await withTempDir(async (dir) => {
    const path = `${dir}/quiet.log`;
    // About 4 MiB, 256 pieces of 16 KiB, before the one line kept.
    await Deno.writeTextFile(
      path,
      `${"x".repeat(99)}\n`.repeat(42_000) + "last\n",
    );
    let ticks = 0;
    let ticking = false;
    const tick = () => {
      if (!ticking) return;
      ticks++;
      if (ticks < 100_000) queueMicrotask(tick);
    };
    // Counts the microtasks between the filter keeping the line and the
    // consumer getting it.
    const keepLast = filter((line: string) => {
      if (line !== "last") return false;
      ticks = 0;
      ticking = true;
      queueMicrotask(tick);
      return true;
    });
    const seen: number[] = [];
    await pipeline(readLines(path), keepLast, async (lines) => {
      for await (const line of lines) {
        ticking = false;
        seen.push(ticks);
        assert.equal(line, "last");
      }
    });
    for await (const line of pipeline(readLines(path), keepLast)) {
      ticking = false;
      seen.push(ticks);
      assert.equal(line, "last");
    }
    assert.equal(seen.length, 2);
    for (const n of seen) assert.ok(n < 40, `${n} microtasks`);
  });
});
