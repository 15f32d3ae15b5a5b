// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  ExternalSorter,
  KeyIndex,
  RunReader,
  RunWriter,
  SpillDir,
  copyBytes,
  readRun,
  writeNumbered
} from "./chunk-GB27EYZX.js";
import "./chunk-I2QBOOKM.js";
import {
  jsonOf
} from "./chunk-HIO6RDNE.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-4TGYKUN4.js";
import "./chunk-R7VB6IFH.js";
import "./chunk-E2F53XKZ.js";
import "./chunk-Z7NS7ZUO.js";
import "./chunk-65U4WM43.js";
import {
  spareBytes
} from "./chunk-LTYBISTW.js";
import "./chunk-4W7FL7Y6.js";

// lib/spill/_keyless.ts
var KEYLESS_BUFFER = 1 << 16;
var JSON_ITEM = 1;
var ASCII_ITEM = 2;
var LINE_ITEM = 4;
var ENCODE_ROOM = 1 << 12;
var BYTES_BLOCK = 1 << 15;
var encoder = new TextEncoder();
var decoder = new TextDecoder("utf-8", {
  ignoreBOM: true
});
function flagsOf(plain, bytes, units, text) {
  if (!plain) return JSON_ITEM;
  return (bytes === units ? ASCII_ITEM : 0) | (text.indexOf("\n") === -1 ? LINE_ITEM : 0);
}
var KeylessQueue = class {
  #spill;
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
  #overflow = void 0;
  #writer = void 0;
  #path = void 0;
  /** How many items were added. */
  count = 0;
  /** @param spill Where the file goes, once the buffer is full. */
  constructor(spill) {
    this.#spill = spill;
  }
  /** Items held in memory (in the buffer). */
  get heldItems() {
    return this.#inBuffer;
  }
  /** Bytes held in memory: the buffer. */
  get heldBytes() {
    return this.count === 0 ? 0 : this.#room.length;
  }
  /** Queues an item; true when the buffer is full: then call flush(). */
  add(item) {
    const plain = typeof item === "string" && item.isWellFormed();
    const text = plain ? item : jsonOf(item);
    this.count++;
    const at = this.#used;
    if (at + 5 + 3 * text.length <= this.#buf.length) {
      let written;
      if (3 * text.length <= ENCODE_ROOM) {
        written = encoder.encodeInto(text, this.#encodeRoom).written;
        this.#room.copyWithin(at + 5, KEYLESS_BUFFER, KEYLESS_BUFFER + written);
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
  addLine(bytes, start, len) {
    this.count++;
    let high = 0;
    for (let i = start; i < start + len; i++) high |= bytes[i];
    const flags = LINE_ITEM | (high < 128 ? ASCII_ITEM : 0);
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
  async flush() {
    if (this.#writer === void 0) {
      this.#path = await this.#spill.file();
      this.#writer = await RunWriter.create(this.#path, 0);
    }
    await this.#writer.write(this.#buf.subarray(0, this.#used));
    this.#used = 0;
    this.#inBuffer = 0;
    const overflow = this.#overflow;
    this.#overflow = void 0;
    if (overflow !== void 0) await this.#writer.write(overflow);
  }
  /**
   * The items in input order, a few at a time, each batch with the indexes
   * of its strings that are not ASCII (see Chunk.wide); with `bytes`, lines
   * as their bytes where they can go so (see {@linkcode KeylessBatch}).
   */
  async *items(bytes = false) {
    if (this.#writer !== void 0) {
      await this.flush();
      await this.#writer.close();
      const reader2 = new RunReader(this.#path, this.#buf);
      try {
        yield* records(reader2, true, bytes);
      } finally {
        reader2.close();
      }
      return;
    }
    const reader = new RunReader("", this.#buf);
    reader.end = this.#used;
    yield* records(reader, false, bytes);
  }
  /** Closes the file after a failure; never throws. */
  abort() {
    this.#writer?.abort();
  }
};
async function* records(reader, more, asBytes) {
  const short = (n) => reader.end - reader.start < n;
  let items = [];
  let wide = [];
  let raw;
  let rawAt = 0;
  const take = () => {
    const batch = raw === void 0 ? {
      items,
      wide
    } : {
      items,
      wide,
      bytes: raw.subarray(0, rawAt)
    };
    items = [];
    wide = [];
    raw = void 0;
    rawAt = 0;
    return batch;
  };
  while (!short(5) || more && await reader.more(5)) {
    const len = reader.view.getUint32(reader.start, true);
    if (short(5 + len) && !(more && await reader.more(5 + len))) {
      throw new Error("A spill file of this run ends inside a record");
    }
    const at = reader.start;
    const flags = reader.buffer[at + 4];
    const line = asBytes && (flags & LINE_ITEM) !== 0;
    if (items.length > 0 && line !== (raw !== void 0)) yield take();
    if (line) {
      if (raw === void 0) {
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
      const text = decoder.decode(reader.buffer.subarray(at + 5, at + 5 + len));
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

// lib/spill/_numeric.ts
var EXACT_DIGITS = 15;
var TIE_ITEMS = 4096;
var EXACT_INTEGERS = 2 ** 53;
var MIN_NORMAL = 2 ** -1022;
var NumericOrder = class {
  /**
   * Whether a key so far had more significant digits than a double keeps,
   * was beyond 2^53, or outside the range of doubles of full precision
   * (beyond it, read as the largest double, so that no key is infinite).
   */
  rounded = false;
  /** Whether the last key had (see {@linkcode NumericOrder.rounded}). */
  last = false;
  /**
   * The number at the start of `value` as GNU `sort -n` reads it in the C
   * locale (blanks, an optional minus, digits, an optional fraction), or a
   * number or bigint as it is; undefined (a missing key, sorted last) where
   * there is none, and for any other value. Rounded to a double: see
   * {@linkcode NumericOrder.rounded}.
   */
  key(value) {
    this.last = false;
    if (typeof value === "string") return this.#read(value);
    if (value === void 0 || value === null) return void 0;
    if (typeof value === "number") {
      return Number.isFinite(value) ? value === 0 ? 0 : value : void 0;
    }
    if (typeof value === "bigint") {
      const d = Number(value);
      if (!Number.isFinite(d)) {
        this.rounded = this.last = true;
        return d > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
      }
      if (BigInt(d) !== value) this.rounded = this.last = true;
      return d;
    }
    return void 0;
  }
  /**
   * {@linkcode NumericOrder.key} of the text that `bytes` holds from `from`
   * to `to`, read on the bytes where the number is an integer of at most 15
   * digits (never rounded): `undefined` where there is no number, `null`
   * where only the text can tell (a fraction, more digits).
   */
  keyOfBytes(bytes, from, to) {
    let i = from;
    let c = i < to ? bytes[i] : -1;
    while (c === 32 || c === 9) c = ++i < to ? bytes[i] : -1;
    const negative = c === 45;
    if (negative) c = ++i < to ? bytes[i] : -1;
    const first = i;
    let value = 0;
    while (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      c = ++i < to ? bytes[i] : -1;
    }
    if (c === 46 || i - first > EXACT_DIGITS) return null;
    if (i === first) return void 0;
    this.last = false;
    return negative && value !== 0 ? -value : value;
  }
  #read(text) {
    const n = text.length;
    let i = 0;
    let c = text.charCodeAt(0);
    while (c === 32 || c === 9) c = text.charCodeAt(++i);
    const start = i;
    if (c === 45) c = text.charCodeAt(++i);
    let first = -1;
    let last = -1;
    let digits = 0;
    while (c >= 48 && c <= 57) {
      if (c !== 48) {
        if (first === -1) first = digits;
        last = digits;
      }
      digits++;
      c = text.charCodeAt(++i);
    }
    if (c === 46) {
      c = text.charCodeAt(++i);
      while (c >= 48 && c <= 57) {
        if (c !== 48) {
          if (first === -1) first = digits;
          last = digits;
        }
        digits++;
        c = text.charCodeAt(++i);
      }
    }
    if (digits === 0) return void 0;
    const d = Number(start === 0 && i === n ? text : text.slice(start, i));
    if (first === -1) return 0;
    const size = Math.abs(d);
    if (last - first >= EXACT_DIGITS || !(size >= MIN_NORMAL) || size >= EXACT_INTEGERS) {
      this.rounded = this.last = true;
      if (size === Infinity) {
        return d > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
      }
    }
    return d === 0 ? 0 : d;
  }
};
function decimalText(value) {
  if (Number.isInteger(value)) return BigInt(value).toString();
  const text = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e-(\d+)$/.exec(text);
  if (m === null) return text;
  return `${m[1]}0.${"0".repeat(Number(m[4]) - 1)}${m[2]}${m[3] ?? ""}`;
}
function numericKey(value) {
  const text = typeof value === "number" ? Number.isFinite(value) ? decimalText(value) : "0" : typeof value === "bigint" ? value.toString() : value;
  const n = text.length;
  let i = 0;
  while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const negative = i < n && text.charCodeAt(i) === 45;
  if (negative) i++;
  while (i < n && text.charCodeAt(i) === 48) i++;
  const intStart = i;
  while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  const int = text.slice(intStart, i);
  let frac = "";
  if (i < n && text.charCodeAt(i) === 46) {
    const fracStart = ++i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    frac = text.slice(fracStart, i).replace(/0+$/, "");
  }
  if (int === "" && frac === "") return "2";
  if (!negative) {
    return `3${String(int.length).padStart(10, "0")}${int}${frac}`;
  }
  let digits = "";
  for (const d of int + frac) digits += String(57 - d.charCodeAt(0));
  return `1${String(9999999999 - int.length).padStart(10, "0")}${digits}~`;
}
function exactOfKey(key) {
  return key === null ? void 0 : typeof key === "number" ? numericKey(key) : key[1];
}
function compareNumericKeys(reverse) {
  const sign = reverse ? -1 : 1;
  return (a, b) => {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    const x = typeof a === "number" ? a : a[0];
    const y = typeof b === "number" ? b : b[0];
    if (x !== y) return x < y ? -sign : sign;
    if (typeof a === "number" && typeof b === "number") return 0;
    const ea = exactOfKey(a);
    const eb = exactOfKey(b);
    return ea === eb ? 0 : ea < eb ? -sign : sign;
  };
}
async function* mendTies(sorted, options) {
  const { valueOf, reverse, sortBy } = options;
  const sign = reverse ? -1 : 1;
  const exactOf = (item) => numericKey(valueOf(item));
  const recheck = new NumericOrder();
  let out = {
    keys: [],
    items: []
  };
  const put = (item, d) => {
    out.items.push(item);
    if (options.keys) {
      const value = valueOf(item);
      recheck.key(value);
      out.keys.push(recheck.last ? [
        d,
        numericKey(value)
      ] : d);
    }
  };
  const pairs = async function* () {
    for await (const chunk of sorted) {
      for (let i = 0; i < chunk.items.length; i++) {
        yield [
          chunk.keys[i],
          chunk.items[i]
        ];
      }
    }
  }();
  try {
    let next = await pairs.next();
    while (next.done !== true) {
      const [d, head] = next.value;
      next = await pairs.next();
      if (next.done === true || next.value[0] !== d) {
        put(head, d);
      } else {
        const group = [
          head
        ];
        while (next.done !== true && next.value[0] === d) {
          group.push(next.value[1]);
          next = await pairs.next();
          if (group.length > TIE_ITEMS) break;
        }
        if (group.length <= TIE_ITEMS) {
          const keyed = group.map((x) => [
            exactOf(x),
            x
          ]);
          keyed.sort((a, b) => a[0] === b[0] ? 0 : (a[0] < b[0] ? -1 : 1) * sign);
          for (const [, x] of keyed) put(x, d);
        } else {
          let pending;
          const rest = async function* () {
            yield* group;
            while (next.done !== true && next.value[0] === d) {
              yield next.value[1];
              next = await pairs.next();
            }
            pending = next;
          };
          for await (const x of sortBy(exactOf)(rest())) {
            put(x, d);
            if (out.items.length >= TIE_ITEMS) {
              yield out;
              out = {
                keys: [],
                items: []
              };
            }
          }
          next = pending ?? next;
        }
      }
      if (out.items.length >= 256) {
        yield out;
        out = {
          keys: [],
          items: []
        };
      }
    }
    if (out.items.length > 0) yield out;
  } finally {
    await pairs.return(void 0);
  }
}
export {
  ExternalSorter,
  KeyIndex,
  KeylessQueue,
  NumericOrder,
  RunWriter,
  SpillDir,
  compareNumericKeys,
  mendTies,
  readRun,
  writeNumbered
};
