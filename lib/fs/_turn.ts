// Copyright 2026 the sluice authors. MIT license.
// Turns of the event loop for loops that would otherwise run on microtasks
// alone: a reader that reads in this thread, a merge that hands on chunks.

/**
 * Matches the empty string: run on "", it makes "" the last subject V8
 * remembers for RegExp's legacy properties (`RegExp.input`, `RegExp.$1`,
 * ...). The last line a regular expression ran on stays alive through them
 * until the next match, and with it the decoded piece of up to 16 KiB it is
 * a slice of: T2 (`STATUS.exec(line)` in its map) kept 7-8 KiB alive at each
 * scavenge where T1 kept 4, and grew V8's young generation to 8 MiB
 * semi-spaces over 1 GiB; forgotten at each turn, 4 KiB, no growth, 64.8 MiB
 * peak RSS against 69.9 (medians of 5).
 */
const FORGET = /(?:)/;

/**
 * Resolves once the event loop has turned, with the last subject of regular
 * expressions forgotten first (see FORGET).
 *
 * Why a turn helps memory: V8 scavenges its young generation when an
 * allocation finds it full, wherever that falls (every scavenge of T1 and of
 * `sluice sort` over 1 GiB, traced with `--trace-gc-nvp`, had that reason),
 * and grows it once the bytes that survived its scavenges add up to its
 * size. A pipeline whose stages hand chunks on through promises alone never
 * returns to the event loop, and measured, much more survives its scavenges
 * than when it returns now and then (T1: 9 KiB at the median scavenge with
 * a turn every 10 ms, 4 KiB with one every 128 KiB; the merge of `sort()`:
 * 14.3 KiB without turns, 2.2 KiB with one every 1024 lines). What exactly
 * a turn lets go of is not pinned down; interpreted frames keep dead values
 * in their registers until they return, and a turn ends every frame.
 */
export function eventLoopTurn(): Promise<void> {
  FORGET.test("");
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Counts the items a loop hands on, and says when a turn of the event loop
 * is due: after `every` items since the last one.
 */
export class TurnCounter {
  readonly #every: number;
  #since = 0;

  /** @param every Items between two turns. */
  constructor(every: number) {
    this.#every = every;
  }

  /** After `n` more items: a turn when one is due (await it), else undefined. */
  after(n: number): Promise<void> | undefined {
    this.#since += n;
    if (this.#since < this.#every) return undefined;
    this.#since = 0;
    return eventLoopTurn();
  }
}

/**
 * Hands on `chunks` as they come, with a turn of the event loop after every
 * `every` of their items (see TurnCounter).
 */
export async function* withTurns<C extends { items: readonly unknown[] }>(
  chunks: AsyncIterable<C>,
  every: number,
): AsyncGenerator<C> {
  const turns = new TurnCounter(every);
  for await (const chunk of chunks) {
    yield chunk;
    const turn = turns.after(chunk.items.length);
    if (turn !== undefined) await turn;
  }
}
