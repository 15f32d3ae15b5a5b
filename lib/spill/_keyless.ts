// Copyright 2026 the sluice authors. MIT license.
// The items of a sort whose key is missing: they come after every sorted
// item, in input order. Kept in memory up to a small buffer, then appended
// to one spill file: no sorting, so a bounded buffer each way is enough.
//
// A record: u32 payload length, u8 flags (bit 0: the item is JSON, else a
// UTF-8 string), the payload.

import { RunReader, RunWriter, type SpillDir } from "./_spill.ts";
import { heapCost, jsonOf } from "./_external_sort.ts";

/** What the queue holds in memory before it writes to its file. */
export const KEYLESS_BUFFER = 1 << 16;

const JSON_ITEM = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Whether `key` counts as missing: `undefined`, `null` or `NaN`, which the
 * spilling stages put after every other key (and count) instead of failing.
 */
export function isMissingKey(key: unknown): key is undefined | null {
  return key === undefined || key === null ||
    (typeof key === "number" && key !== key);
}

/** Items in input order, beyond memory: a buffer, then one spill file. */
export class KeylessQueue {
  #spill: SpillDir;
  #held: unknown[] = [];
  #heldBytes = 0;
  #writer: RunWriter | undefined = undefined;
  #path: string | undefined = undefined;
  /** How many items were added. */
  count = 0;

  /** @param spill Where the file goes, once the buffer is full. */
  constructor(spill: SpillDir) {
    this.#spill = spill;
  }

  /** Estimated bytes held in memory: the items not yet written. */
  get heldBytes(): number {
    return this.#heldBytes;
  }

  /** Queues an item; true when the buffer is full: then call flush(). */
  add(item: unknown): boolean {
    if (typeof item !== "string") jsonOf(item); // refused now, not later
    this.#held.push(item);
    this.#heldBytes += heapCost(item);
    this.count++;
    return this.#heldBytes >= KEYLESS_BUFFER;
  }

  /** Writes the buffered items to the queue's file. */
  async flush(): Promise<void> {
    if (this.#writer === undefined) {
      this.#path = await this.#spill.file();
      this.#writer = await RunWriter.create(this.#path, KEYLESS_BUFFER);
    }
    const writer = this.#writer;
    for (const item of this.#held) {
      const plain = typeof item === "string" && item.isWellFormed();
      const bytes = encoder.encode(plain ? item : jsonOf(item));
      const at = await writer.reserve(5 + bytes.length);
      writer.view.setUint32(at, bytes.length, true);
      writer.buffer[at + 4] = plain ? 0 : JSON_ITEM;
      writer.buffer.set(bytes, at + 5);
    }
    this.#held = [];
    this.#heldBytes = 0;
  }

  /** The items in input order, a few at a time; closes the file first. */
  async *items(): AsyncGenerator<unknown[]> {
    if (this.#writer !== undefined) {
      await this.#writer.close();
      const reader = new RunReader(this.#path!, KEYLESS_BUFFER);
      try {
        let out: unknown[] = [];
        while (await reader.more(5)) {
          const len = reader.view.getUint32(reader.start, true);
          if (!(await reader.more(5 + len))) {
            throw new Error("A spill file of this run ends inside a record");
          }
          const at = reader.start;
          const text = decoder.decode(
            reader.buffer.subarray(at + 5, at + 5 + len),
          );
          out.push(
            reader.buffer[at + 4]! & JSON_ITEM ? JSON.parse(text) : text,
          );
          reader.start = at + 5 + len;
          if (out.length === 256) {
            yield out;
            out = [];
          }
        }
        if (out.length > 0) yield out;
      } finally {
        reader.close();
      }
    }
    const rest = this.#held;
    this.#held = [];
    this.#heldBytes = 0;
    for (let i = 0; i < rest.length; i += 256) yield rest.slice(i, i + 256);
  }

  /** Closes the file after a failure; never throws. */
  abort(): void {
    this.#writer?.abort();
  }
}
