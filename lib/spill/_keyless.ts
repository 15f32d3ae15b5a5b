// Copyright 2026 the sluice authors. MIT license.
// The items of a sort whose key is missing: they come after every sorted
// item, in input order, so they need no sorting, only a queue beyond memory.
// Each item is encoded into a small buffer at once (a line kept as a string
// would keep alive the 16 KiB piece of text it was cut from, and V8 would
// grow its young generation for them), and the buffer goes to one spill
// file whenever it is full.
//
// A record: u32 payload length, u8 flags (bit 0: the item is JSON, else a
// UTF-8 string; bit 1: the string is ASCII; bit 2: the string has no LF, so
// that it may go to a writer as its bytes), the payload.

import { copyBytes, RunReader, RunWriter, type SpillDir } from "./_spill.ts";
import { jsonOf } from "./_keys.ts";
import { spareBytes } from "../core/_chunk.ts";

/** The queue's buffer: what it holds in memory, and its file's blocks. */
export const KEYLESS_BUFFER = 1 << 16;

const JSON_ITEM = 1;
const ASCII_ITEM = 2;
const LINE_ITEM = 4;
/** Room to encode an item of up to a third as many code units into. */
const ENCODE_ROOM = 1 << 12;
/** The buffer a batch of items as bytes starts in (it grows for long ones). */
const BYTES_BLOCK = 1 << 15;
const encoder = new TextEncoder();
// A U+FEFF that starts an item is a character of it, not a byte order mark.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * A record's flags: JSON, or a string, ASCII when its UTF-8 is as long, and
 * a line when it holds no LF.
 */
function flagsOf(
  plain: boolean,
  bytes: number,
  units: number,
  text: string,
): number {
  if (!plain) return JSON_ITEM;
  return (bytes === units ? ASCII_ITEM : 0) |
    (text.indexOf("\n") === -1 ? LINE_ITEM : 0);
}

/** A batch of the queue's items, as {@linkcode KeylessQueue.items} gives. */
export interface KeylessBatch {
  items: unknown[];
  /** The indexes of the strings that are not ASCII (see Chunk.wide). */
  wide: number[];
  /**
   * Asked for, and where every item of the batch is a well-formed string
   * without an LF: their UTF-8, each followed by an LF, `items` holding
   * empty strings in their place (see Chunk.bytes).
   */
  bytes?: Uint8Array;
}

/** Items in input order, beyond memory: a buffer, then one spill file. */
export class KeylessQueue {
  #spill: SpillDir;
  // The buffer, and after it room to encode one item into: a view of that
  // room, made once, takes each item's UTF-8 from TextEncoder, and the bytes
  // move down into the buffer. A view of the buffer made per item, only to
  // encode into, was young garbage as large as a line (`sluice sort -n` of
  // the bench corpus, whose lines without the key are one in eight).
  #room = new Uint8Array(KEYLESS_BUFFER + ENCODE_ROOM);
  #buf = this.#room.subarray(0, KEYLESS_BUFFER);
  #encodeRoom = this.#room.subarray(KEYLESS_BUFFER);
  #view = new DataView(this.#room.buffer);
  #used = 0;
  #inBuffer = 0;
  // An item that did not fit, encoded: it goes once the buffer is written.
  #overflow: Uint8Array | undefined = undefined;
  #writer: RunWriter | undefined = undefined;
  #path: string | undefined = undefined;
  /** How many items were added. */
  count = 0;

  /** @param spill Where the file goes, once the buffer is full. */
  constructor(spill: SpillDir) {
    this.#spill = spill;
  }

  /** Items held in memory (in the buffer). */
  get heldItems(): number {
    return this.#inBuffer;
  }

  /** Bytes held in memory: the buffer. */
  get heldBytes(): number {
    return this.count === 0 ? 0 : this.#room.length;
  }

  /** Queues an item; true when the buffer is full: then call flush(). */
  add(item: unknown): boolean {
    const plain = typeof item === "string" && item.isWellFormed();
    const text = plain ? item as string : jsonOf(item);
    this.count++;
    const at = this.#used;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (at + 5 + 3 * text.length <= this.#buf.length) {
      let written: number;
      if (3 * text.length <= ENCODE_ROOM) {
        written = encoder.encodeInto(text, this.#encodeRoom).written;
        this.#room.copyWithin(
          at + 5,
          KEYLESS_BUFFER,
          KEYLESS_BUFFER + written,
        );
      } else {
        written = encoder.encodeInto(text, this.#buf.subarray(at + 5)).written;
      }
      this.#view.setUint32(at, written, true);
      this.#buf[at + 4] = flagsOf(plain, written, text.length, text);
      this.#used = at + 5 + written;
      this.#inBuffer++;
      return false;
    }
    const bytes = encoder.encode(text);
    const record = new Uint8Array(5 + bytes.length);
    new DataView(record.buffer).setUint32(0, bytes.length, true);
    record[4] = flagsOf(plain, bytes.length, text.length, text);
    record.set(bytes, 5);
    this.#overflow = record;
    return true;
  }

  /**
   * Queues a line from its UTF-8: `len` bytes of `bytes` from `start`, well
   * formed and without an LF. True when the buffer is full: then call
   * flush().
   */
  addLine(bytes: Uint8Array, start: number, len: number): boolean {
    this.count++;
    let high = 0;
    for (let i = start; i < start + len; i++) high |= bytes[i]!;
    const flags = LINE_ITEM | (high < 0x80 ? ASCII_ITEM : 0);
    const at = this.#used;
    if (at + 5 + len <= this.#buf.length) {
      copyBytes(bytes, start, len, this.#buf, at + 5);
      this.#view.setUint32(at, len, true);
      this.#buf[at + 4] = flags;
      this.#used = at + 5 + len;
      this.#inBuffer++;
      return false;
    }
    const record = new Uint8Array(5 + len);
    new DataView(record.buffer).setUint32(0, len, true);
    record[4] = flags;
    record.set(bytes.subarray(start, start + len), 5);
    this.#overflow = record;
    return true;
  }

  /** Writes the buffer, and an item that did not fit, to the queue's file. */
  async flush(): Promise<void> {
    if (this.#writer === undefined) {
      this.#path = await this.#spill.file();
      this.#writer = await RunWriter.create(this.#path, 0);
    }
    await this.#writer.write(this.#buf.subarray(0, this.#used));
    this.#used = 0;
    this.#inBuffer = 0;
    const overflow = this.#overflow;
    this.#overflow = undefined;
    if (overflow !== undefined) await this.#writer.write(overflow);
  }

  /**
   * The items in input order, a few at a time, each batch with the indexes
   * of its strings that are not ASCII (see Chunk.wide); with `bytes`, lines
   * as their bytes where they can go so (see {@linkcode KeylessBatch}).
   */
  async *items(bytes = false): AsyncGenerator<KeylessBatch> {
    if (this.#writer !== undefined) {
      await this.flush();
      await this.#writer.close();
      const reader = new RunReader(this.#path!, this.#buf);
      try {
        yield* records(reader, true, bytes);
      } finally {
        reader.close();
      }
      return;
    }
    const reader = new RunReader("", this.#buf);
    reader.end = this.#used;
    yield* records(reader, false, bytes);
  }

  /** Closes the file after a failure; never throws. */
  abort(): void {
    this.#writer?.abort();
  }
}

/**
 * The records of a reader, in batches; `more` is false for a buffer alone.
 * With `asBytes`, a run of lines goes as their bytes, copied from the
 * reader's buffer: each line decoded was a string that lived through the
 * batch (`sluice sort -k latency_ms -n --budget 16MiB`, whose bench corpus
 * has 950,433 lines without the key: 24.6 KB alive at each scavenge while
 * they were handed on, and the young generation grew to 16 MiB).
 */
async function* records(
  reader: RunReader,
  more: boolean,
  asBytes: boolean,
): AsyncGenerator<KeylessBatch> {
  // Whether n bytes are in the buffer: awaited only when a read is due (an
  // async call per record was two promises of young garbage).
  const short = (n: number) => reader.end - reader.start < n;
  let items: unknown[] = [];
  let wide: number[] = [];
  let raw: Uint8Array | undefined;
  let rawAt = 0;
  const take = (): KeylessBatch => {
    const batch: KeylessBatch = raw === undefined
      ? { items, wide }
      : { items, wide, bytes: raw.subarray(0, rawAt) };
    items = [];
    wide = [];
    raw = undefined;
    rawAt = 0;
    return batch;
  };
  while (!short(5) || (more && await reader.more(5))) {
    const len = reader.view.getUint32(reader.start, true);
    if (short(5 + len) && !(more && await reader.more(5 + len))) {
      throw new Error("A spill file of this run ends inside a record");
    }
    const at = reader.start;
    const flags = reader.buffer[at + 4]!;
    const line = asBytes && (flags & LINE_ITEM) !== 0;
    // A batch is all bytes or all items.
    if (items.length > 0 && line !== (raw !== undefined)) yield take();
    if (line) {
      if (raw === undefined) {
        raw = spareBytes(BYTES_BLOCK) ?? new Uint8Array(BYTES_BLOCK);
      }
      if (rawAt + len + 1 > raw.length) {
        if (items.length > 0) yield take();
        raw ??= new Uint8Array(Math.max(BYTES_BLOCK, len + 1));
        if (len + 1 > raw.length) raw = new Uint8Array(len + 1);
      }
      copyBytes(reader.buffer, at + 5, len, raw, rawAt);
      rawAt += len;
      raw[rawAt++] = 10;
      items.push("");
    } else {
      const text = decoder.decode(
        reader.buffer.subarray(at + 5, at + 5 + len),
      );
      if (flags & JSON_ITEM) items.push(JSON.parse(text));
      else {
        if ((flags & ASCII_ITEM) === 0) wide.push(items.length);
        items.push(text);
      }
    }
    reader.start = at + 5 + len;
    if (items.length === 256) yield take();
  }
  if (items.length > 0) yield take();
}
