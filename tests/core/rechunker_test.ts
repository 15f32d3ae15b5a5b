// Copyright 2026 the sluice authors. MIT license.
// A pipeline's own source, gathered into chunks (Rechunker): which items go
// on together, and when the next is pulled. Its time is a clock of the
// test's (performance.now replaced), its items come when the test says.
import assert from "node:assert/strict";
import { chunksOf } from "../../lib/core/_adapters.ts";

/** performance.now at `clock.now`, for the length of `body`. */
async function withClock(
  body: (clock: { now: number }) => Promise<void>,
): Promise<void> {
  const clock = { now: 0 };
  Object.defineProperty(performance, "now", {
    value: () => clock.now,
    configurable: true,
  });
  try {
    await body(clock);
  } finally {
    delete (performance as { now?: unknown }).now;
  }
}

/** A source whose item `i` comes when `release(i)` is called. */
function heldSource(count: number) {
  const log: string[] = [];
  const gates = Array.from(
    { length: count + 1 },
    () => Promise.withResolvers<void>(),
  );
  async function* items(): AsyncGenerator<number> {
    for (let i = 1; i <= count; i++) {
      log.push(`pull ${i}`);
      await gates[i]!.promise;
      yield i;
    }
  }
  return { log, items: items(), release: (i: number) => gates[i]!.resolve() };
}

/** Turns of the event loop (real time), for timers and promises to settle. */
const settle = () => new Promise((r) => setTimeout(r, 5));

Deno.test("a source's slow item goes on at once, and the next is pulled while the consumer works on it", async () => {
  await withClock(async (clock) => {
    const source = heldSource(3);
    const chunks = chunksOf(source.items, true)[Symbol.asyncIterator]();
    const first = chunks.next();
    clock.now = 5; // item 1 took 5 ms: slow
    source.release(1);
    assert.deepEqual((await first).value?.items, [1]);
    // Pulled already, before the consumer asks again.
    assert.deepEqual(source.log, ["pull 1", "pull 2"]);
    // Item 2 comes slowly while the consumer is busy: it goes on at the
    // consumer's next call, alone.
    clock.now = 10;
    source.release(2);
    await settle();
    assert.deepEqual((await chunks.next()).value?.items, [2]);
    assert.deepEqual(source.log, ["pull 1", "pull 2", "pull 3"]);
    source.release(3);
    assert.deepEqual((await chunks.next()).value?.items, [3]);
    assert.equal((await chunks.next()).done, true);
  });
});

Deno.test("a source's item is timed from the last chunk handed on while it was pulled, not from an older pull", async () => {
  await withClock(async (clock) => {
    const source = heldSource(3);
    const chunks = chunksOf(source.items, true)[Symbol.asyncIterator]();
    const first = chunks.next();
    source.release(1); // at once: not slow, so a turn's timer hands it on
    clock.now = 50; // ... 50 ms after item 1's pull began
    await settle();
    assert.deepEqual((await first).value?.items, [1]);
    assert.deepEqual(source.log, ["pull 1", "pull 2"]);
    // Long after item 1's pull, but soon after its chunk went on: item 2
    // is not slow, and gathers item 3 with it.
    const second = chunks.next();
    clock.now = 50.2;
    source.release(2);
    source.release(3);
    assert.deepEqual((await second).value?.items, [2, 3]);
  });
});
