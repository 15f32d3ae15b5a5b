// Copyright 2026 the sluice authors. MIT license.
// Between chunks and single items: the views a user's own stage, sink or
// `for await` loop gets of the chunk stream, and the way their items are
// gathered back into chunks.

import { type Chunk, consecutive, lineOf, numbered } from "./_chunk.ts";
import type { StageStats } from "../summary/_record.ts";

/**
 * Item-level view of a chunk stream, for users' own stages and sinks and for
 * `for await` over a pipeline. Remembers the line of the last item handed out
 * and calls `onStarve` before it waits for the next chunk.
 */
export class ItemView<T> implements AsyncIterableIterator<T> {
  line: number | undefined = undefined;
  path: string | undefined = undefined;
  onStarve: (() => void) | undefined = undefined;
  #it: AsyncIterator<Chunk<T>>;
  #stats: StageStats | undefined;
  #chunk: Chunk<T> | undefined = undefined;
  #i = 0;
  #done = false;
  // Where wideOf() is in the chunk's list of non-ASCII items.
  #wideAt = 0;

  /**
   * @param source The chunks.
   * @param stats Where to count the items handed out, as a stage's items in.
   */
  constructor(source: AsyncIterable<Chunk<T>>, stats?: StageStats) {
    this.#it = source[Symbol.asyncIterator]();
    this.#stats = stats;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    const chunk = this.#chunk;
    if (chunk !== undefined && this.#i < chunk.items.length) {
      const i = this.#i++;
      this.line = lineOf(chunk, i);
      if (this.#stats !== undefined) this.#stats.itemsIn++;
      return Promise.resolve({ value: chunk.items[i]!, done: false });
    }
    return this.#pull();
  }

  // Not an async function: each awaiting level between the reader and the
  // consumer keeps a few hundred bytes alive across V8's scavenges, and what
  // survives them decides when V8 grows its young generation (see
  // bench/RESULTS.md, section G). A `then` keeps about a quarter of that.
  #pull(): Promise<IteratorResult<T>> {
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    this.#chunk = undefined;
    try {
      this.onStarve?.();
      return this.#it.next().then(this.#took);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #took = (
    r: IteratorResult<Chunk<T>>,
  ): IteratorResult<T> | Promise<IteratorResult<T>> => {
    if (r.done === true) {
      this.#done = true;
      return { value: undefined, done: true };
    }
    if (r.value.items.length === 0) return this.#pull();
    this.#chunk = r.value;
    this.path = r.value.path;
    this.#i = 1;
    this.#wideAt = 0;
    this.line = lineOf(r.value, 0);
    if (this.#stats !== undefined) this.#stats.itemsIn++;
    return { value: r.value.items[0]!, done: false };
  };

  /**
   * Whether `value`, when it is the item last handed out, is a string that
   * is not ASCII, as its chunk noted (see Chunk.wide); undefined when it is
   * another value or the chunk has no note. Asked once per item yielded by
   * the stage reading this view, in order.
   */
  wideOf(value: unknown): boolean | undefined {
    const chunk = this.#chunk;
    if (chunk === undefined) return undefined;
    const i = this.#i - 1;
    const wide = chunk.wide;
    if (wide === undefined || chunk.items[i] !== value) return undefined;
    let at = this.#wideAt;
    while (at < wide.length && wide[at]! < i) at++;
    this.#wideAt = at;
    return wide[at] === i;
  }

  async return(): Promise<IteratorResult<T>> {
    this.#chunk = undefined;
    if (!this.#done) {
      this.#done = true;
      await this.#it.return?.(undefined);
    }
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }
}

// 128: `bench/defaults.ts --only REBATCH_ITEMS` (the 256 MiB corpus, V8's
// defaults, medians of 3; RSS in MiB against 1024): a copy through a stage
// of one's own 64.4 against 63.9, the lines of a generator over readLines
// as a pipeline's source 68.1 against 82.7, records made in memory by a
// generator 57.6 against 63.6 (57.4 against 80.2 in another 5 rounds in
// turns), a stage of one's own yielding each line's words 86.6 against
// 113.9; 64 and 256 within a MiB of 128 but for the records (256: 65.6).
// Called on their own, 3 rounds in turns: filter() over such records 55.7
// against 79.0, writeLines() of a generator over readLines 69.5 against
// 88.9. In the same time, within the runs' spread. The items gathered wait
// for their chunk across turns, so they survive V8's scavenges: with 1024,
// a generator's lines kept 180 KB alive at the median scavenge, and its
// records 89 KB.
const REBATCH_ITEMS = 128;
const REBATCH_WAIT_MS = 10;
/**
 * How long a pipeline's source of its own (an async iterable of items) may
 * keep its items before they go on, when it waits: 0, the next turn of the
 * event loop. Items that come without one (from memory, by microtasks) still
 * gather up to REBATCH_ITEMS; items that wait for I/O go on as it waits, so
 * that they are written (or counted) soon after they are made and survive
 * few of V8's scavenges. The command line's grep -k over several files
 * yields each selected line so: `sluice grep -n -E -k status '^50[34]$'`
 * over the 1 GiB bench corpus and an empty file kept 88 KB alive across the
 * median scavenge with 10 ms, and V8 grew its young generation to 16 MiB
 * semi-spaces; 15 KB and 8 MiB with 0.
 */
const SOURCE_WAIT_MS = 0;
/**
 * A source's item that took this long to come, the first of its chunk, goes
 * on at once, with no timer: what comes after it will likely wait as long.
 * The next is pulled while the consumer works on it, as the timer's pull
 * was; if it comes slowly too before the consumer asks, it goes on at the
 * consumer's next call. "This long" counts from the pull's start, or from
 * the last chunk handed on while it was under way.
 * The command line's grep -c over several files yields each file's count so,
 * and its timer of 0 ms was the run's first: in Deno 2.9 that loads the
 * timers of its Node layer. `sluice grep -c ERROR` over 24 files of 6.5 MB
 * (each read ahead, with no other timer): 64.6 -> 61.9 MiB peak RSS, 0.16
 * -> 0.15 s (medians of 9 in turns, V8's defaults, each version from a
 * worktree of its own). Items from memory come within microseconds, and an
 * I/O that waits takes about 0.1 ms or more.
 */
const SLOW_SOURCE_MS = 1;

interface Waiter<T> {
  resolve(r: IteratorResult<Chunk<T>>): void;
  reject(e: unknown): void;
}

/**
 * Gathers the items a user's own stage (or source) yields back into chunks,
 * so that the stages after it still work on arrays. A chunk is handed on when
 * it holds 128 items, when the user's stage waits for more input, after 10
 * ms (a pipeline's source: at the next turn of the event loop, or at once
 * when the chunk's first item was slow to come), or at the end.
 */
export class Rechunker<T> implements AsyncIterator<Chunk<T>> {
  #it: AsyncIterator<T>;
  #input: ItemView<unknown> | undefined;
  #count = 0;
  #items: T[] = [];
  #lines: number[] = [];
  // Which of #items are not ASCII, while every one of them is an item of
  // the input handed straight on (a stage that passes or drops lines): then
  // the chunk keeps the note that a lossless writeLines encodes by.
  #wide: number[] | undefined = [];
  #path: string | undefined = undefined;
  #waiter: Waiter<T> | undefined = undefined;
  #pulling = false;
  #done = false;
  #error: { error: unknown } | undefined = undefined;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  readonly #waitMs: number;
  // When the pull for a chunk's first item began, or the last chunk went on
  // while it was under way (a source's; see SLOW_SOURCE_MS).
  #pulledAt = 0;
  // A slow source's item waits for the consumer's next call (no timer).
  #slowWaiting = false;

  /**
   * @param output The user's items.
   * @param input The user's stage's input, for line numbers and to hand on a
   * chunk when the stage waits for more input; without it items are numbered.
   */
  constructor(
    output: AsyncIterable<T>,
    input: ItemView<unknown> | undefined,
    waitMs: number = REBATCH_WAIT_MS,
  ) {
    this.#it = output[Symbol.asyncIterator]();
    this.#input = input;
    this.#waitMs = waitMs;
    if (input !== undefined) {
      input.onStarve = () => {
        if (this.#items.length > 0) this.#flush();
      };
    }
  }

  next(): Promise<IteratorResult<Chunk<T>>> {
    if (this.#error !== undefined && this.#items.length === 0) {
      return Promise.reject(this.#error.error);
    }
    if (this.#done && this.#items.length === 0) {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
      if (this.#done) {
        this.#flush();
      } else if (this.#slowWaiting) {
        this.#flush();
        this.#pump();
      } else {
        if (this.#items.length > 0) this.#armTimer();
        this.#pump();
      }
    });
  }

  // One timer at a time, left set when a chunk goes on before it fires: then
  // it hands on what waits when it fires, if anything. A timer set and
  // cleared for each chunk cost `sluice sort -k latency_ms -n -r` over the 1
  // GiB bench corpus (a stage of its own after the sort) about 0.3 s of its
  // 8.7 s of CPU time (three runs each: 8.55-8.73 s, then 8.40-8.88).
  #armTimer(): void {
    this.#timer ??= setTimeout(this.#onTimer, this.#waitMs);
  }

  #onTimer = (): void => {
    this.#timer = undefined;
    if (this.#items.length > 0) this.#flush();
  };

  #pump(): void {
    if (this.#pulling) return;
    this.#pulling = true;
    if (this.#waitMs === SOURCE_WAIT_MS && this.#items.length === 0) {
      this.#pulledAt = performance.now();
    }
    this.#it.next().then(this.#onItem, this.#onError);
  }

  #onItem = (r: IteratorResult<T>): void => {
    this.#pulling = false;
    if (r.done === true) {
      this.#done = true;
      this.#flush();
      return;
    }
    if (this.#items.length === 0) this.#path = this.#input?.path;
    if (this.#wide !== undefined) {
      const wide = this.#input?.wideOf(r.value);
      if (wide === undefined) this.#wide = undefined;
      else if (wide) this.#wide.push(this.#items.length);
    }
    this.#items.push(r.value);
    this.#count++;
    this.#lines.push(
      this.#input === undefined ? this.#count : this.#input.line ?? 0,
    );
    if (
      this.#items.length === 1 && this.#waitMs === SOURCE_WAIT_MS &&
      performance.now() - this.#pulledAt >= SLOW_SOURCE_MS
    ) {
      if (this.#waiter === undefined) {
        this.#slowWaiting = true;
      } else {
        this.#flush();
        this.#pump();
      }
    } else if (this.#items.length >= REBATCH_ITEMS) {
      this.#flush();
    } else if (this.#waiter !== undefined) {
      this.#armTimer();
      this.#pump();
    }
  };

  #onError = (error: unknown): void => {
    this.#pulling = false;
    this.#done = true;
    this.#error = { error };
    // What the stage yielded before it failed is handed on first.
    if (this.#items.length > 0) {
      this.#flush();
      return;
    }
    this.#clearTimer();
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(error);
  };

  #clearTimer(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #flush(): void {
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    if (this.#done) this.#clearTimer();
    this.#waiter = undefined;
    if (this.#items.length === 0) {
      waiter.resolve({ value: undefined, done: true });
      return;
    }
    const chunk = numbered(this.#items, this.#lines, this.#path, this.#wide);
    this.#items = [];
    this.#lines = [];
    this.#wide = [];
    this.#slowWaiting = false;
    if (this.#pulling && this.#waitMs === SOURCE_WAIT_MS) {
      this.#pulledAt = performance.now();
    }
    waiter.resolve({ value: chunk, done: false });
  }

  async return(): Promise<IteratorResult<Chunk<T>>> {
    this.#clearTimer();
    this.#items = [];
    this.#slowWaiting = false;
    if (!this.#done) {
      this.#done = true;
      await this.#it.return?.(undefined);
    }
    await this.#input?.return();
    return { value: undefined, done: true };
  }
}

/**
 * A chunk stream over any async or sync iterable of items; with `source`,
 * as a pipeline's source (see SOURCE_WAIT_MS).
 */
export function chunksOf<T>(
  items: AsyncIterable<T> | Iterable<T>,
  source = false,
): AsyncIterable<Chunk<T>> {
  if (Symbol.asyncIterator in items) {
    return {
      [Symbol.asyncIterator]: () =>
        new Rechunker(
          items,
          undefined,
          source ? SOURCE_WAIT_MS : REBATCH_WAIT_MS,
        ),
    };
  }
  return syncChunks(items);
}

// 1024: `bench/defaults.ts --only SYNC_CHUNK_ITEMS` (3 million made-up lines
// through map, V8's defaults, medians of 3): 79.7 MiB in 0.86 s; 256: 79.8
// MiB in 0.93 s, 4096: 112.1 MiB in 0.99 s.
const SYNC_CHUNK_ITEMS = 1024;

async function* syncChunks<T>(source: Iterable<T>): AsyncGenerator<Chunk<T>> {
  let items: T[] = [];
  let first = 1;
  for (const item of source) {
    items.push(item);
    if (items.length === SYNC_CHUNK_ITEMS) {
      yield consecutive(items, first);
      first += items.length;
      items = [];
    }
  }
  if (items.length > 0) yield consecutive(items, first);
}

/**
 * Calls `each` on every chunk of `input` in turn and waits for it, as a
 * `for await` loop would, but asks for the next chunk holding none of the
 * last: while V8 still interprets a loop, its frame keeps whatever its
 * variables (and `for await`'s own, the last result) last held, and the
 * chunk just done would stay alive, with the decoded piece its lines are cut
 * from, while the reader decodes the next one. `groupBy()` over the first 100
 * MB of the bench corpus kept 23-50 KB alive across each of its scavenges 5 to
 * 45 with `for await`, and 1-14 KB (now and then 30) with this
 * (`--trace-gc-nvp`); what survives decides when V8 grows its young
 * generation (see eventLoopTurn). (writeLines keeps its `for await`: a
 * writer that let go as well made a grep that keeps every line peak 7 MiB
 * higher, see bench/RESULTS.md, section AE.)
 * As with `for await`, an error of `each` closes `input` (and is the error
 * thrown); an error of `input` does not.
 */
export async function eachChunk<C>(
  input: AsyncIterable<C>,
  each: (chunk: C) => Promise<void> | void,
): Promise<void> {
  const it = input[Symbol.asyncIterator]();
  while (true) {
    let r: IteratorResult<C> | undefined = await it.next();
    if (r.done === true) return;
    let chunk: C | undefined = r.value;
    r = undefined;
    try {
      const done = each(chunk);
      chunk = undefined;
      if (done !== undefined) await done;
    } catch (error) {
      await closeEarly(it, { error });
      throw error;
    }
  }
}

/**
 * Closes `it` as `for await` does when its loop stops before the end: an
 * error of closing it is thrown only when no error (`failure`) stopped the
 * loop.
 */
export async function closeEarly(
  it: AsyncIterator<unknown>,
  failure: { error: unknown } | undefined,
): Promise<void> {
  try {
    await it.return?.();
  } catch (error) {
    if (failure === undefined) throw error;
  }
}

/** Whether `value` is a promise or other thenable that `await` would adopt. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null &&
    typeof (value as { then?: unknown }).then === "function";
}

/** The result of an iterator that is done, shared (it is frozen). */
export const DONE: IteratorResult<never> = Object.freeze({
  value: undefined,
  done: true,
}) as IteratorResult<never>;

/**
 * An iterator made when it is first pulled (`open` may wait, e.g. to list
 * files), then passed through: each later `next()` is the made iterator's
 * own promise, with no level of waiting added (see ItemView's #pull).
 */
export class Deferred<T> implements AsyncIterator<T> {
  #open: (() => Promise<AsyncIterator<T>>) | undefined;
  #opening: Promise<AsyncIterator<T>> | undefined = undefined;
  #it: AsyncIterator<T> | undefined = undefined;

  /** @param open Makes the iterator, at the first pull. */
  constructor(open: () => Promise<AsyncIterator<T>>) {
    this.#open = open;
  }

  next(): Promise<IteratorResult<T>> {
    const it = this.#it;
    if (it !== undefined) return it.next();
    if (this.#opening === undefined) {
      const open = this.#open;
      if (open === undefined) return Promise.resolve(DONE);
      this.#open = undefined;
      this.#opening = Promise.resolve().then(open);
    }
    return this.#opening.then((made) => {
      this.#it = made;
      return made.next();
    });
  }

  async return(): Promise<IteratorResult<T>> {
    this.#open = undefined;
    const opening = this.#opening;
    if (opening === undefined) return DONE;
    let it: AsyncIterator<T>;
    try {
      it = await opening;
    } catch {
      // It was never made: nothing to close.
      return DONE;
    }
    await it.return?.(undefined);
    return DONE;
  }
}

/**
 * Iterators read one after the other, each made when the one before it is
 * done. The last is passed through with no level of waiting added (see
 * ItemView's #pull).
 */
export class InTurn<T> implements AsyncIterator<T> {
  #count: number;
  #make: (k: number) => AsyncIterator<T>;
  #k = -1;
  #it: AsyncIterator<T> | undefined = undefined;

  /**
   * @param count How many iterators.
   * @param make Makes the k-th, from 0.
   */
  constructor(count: number, make: (k: number) => AsyncIterator<T>) {
    this.#count = count;
    this.#make = make;
  }

  next(): Promise<IteratorResult<T>> {
    let it = this.#it;
    if (it === undefined) {
      if (this.#k + 1 >= this.#count) return Promise.resolve(DONE);
      try {
        it = this.#it = this.#make(++this.#k);
      } catch (error) {
        this.#k = this.#count;
        return Promise.reject(error);
      }
    }
    if (this.#k === this.#count - 1) return it.next();
    return it.next().then(this.#took);
  }

  async return(): Promise<IteratorResult<T>> {
    const it = this.#it;
    this.#it = undefined;
    this.#k = this.#count;
    await it?.return?.(undefined);
    return DONE;
  }

  #took = (
    r: IteratorResult<T>,
  ): IteratorResult<T> | Promise<IteratorResult<T>> => {
    if (r.done !== true) return r;
    this.#it = undefined;
    return this.next();
  };
}
