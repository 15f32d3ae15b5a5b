// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  trackTemp,
  untrackTemp,
  writeAllSync
} from "./chunk-I2QBOOKM.js";
import {
  defaultCompare,
  jsonOf,
  numberJson
} from "./chunk-HIO6RDNE.js";
import {
  OUTPUT_TURN_ITEMS
} from "./chunk-7IW3YWLL.js";
import {
  isNotCapable,
  needsGrant,
  parentDir
} from "./chunk-4TGYKUN4.js";
import {
  lfCount,
  wordsOf
} from "./chunk-R7VB6IFH.js";
import {
  closeQuietly
} from "./chunk-E2F53XKZ.js";
import {
  TurnCounter,
  eventLoopTurn
} from "./chunk-Z7NS7ZUO.js";
import {
  encodeApart,
  spareBytes,
  standIns
} from "./chunk-LTYBISTW.js";

// lib/fs/_owned_dir.ts
var self;
function thisProcess() {
  self ??= (async () => {
    try {
      if (!await granted({
        name: "read",
        path: "/proc"
      })) return void 0;
      const start = await startOf(Deno.pid);
      if (start === void 0) return void 0;
      return {
        pid: Deno.pid,
        start,
        machine: await machine()
      };
    } catch {
      return void 0;
    }
  })();
  return self;
}
async function granted(descriptor) {
  return (await Deno.permissions.query(descriptor)).state === "granted";
}
async function machine() {
  const boot = await Deno.readTextFile("/proc/sys/kernel/random/boot_id");
  const namespace = await Deno.readLink("/proc/self/ns/pid");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${boot.trim()} ${namespace}`));
  return Array.from(new Uint8Array(digest, 0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
}
async function startOf(pid) {
  let stat;
  try {
    stat = await Deno.readTextFile(`/proc/${pid}/stat`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return void 0;
    throw error;
  }
  const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[22 - 3];
  if (start === void 0 || !/^\d+$/.test(start)) {
    throw new SyntaxError(`Cannot read the start time of process ${pid}: unexpected /proc/${pid}/stat "${stat}"`);
  }
  return start;
}
async function ownerName(pid) {
  const me = await thisProcess();
  if (me === void 0) return void 0;
  const start = pid === me.pid ? me.start : await startOf(pid);
  return start === void 0 ? void 0 : `${pid}-${start}-${me.machine}`;
}
async function makeOwnedDir(parent, prefix) {
  const owner = await ownerName(Deno.pid) ?? String(Deno.pid);
  return await Deno.makeTempDir({
    ...parent === void 0 ? {} : {
      dir: parent
    },
    prefix: `${prefix}${owner}-`
  });
}
async function sweepOrphans(made, prefix) {
  const removed = [];
  const parent = parentDir(made);
  const me = await thisProcess();
  try {
    if (me === void 0 || !await granted({
      name: "read",
      path: parent
    }) || !await granted({
      name: "write",
      path: parent
    })) {
      return removed;
    }
    const uid = (await Deno.stat(made)).uid;
    const names = [];
    for await (const entry of Deno.readDir(parent)) {
      if (entry.isDirectory && entry.name.startsWith(prefix)) {
        names.push(entry.name);
      }
    }
    const pattern = /^(\d+)-(\d+)-([0-9a-f]{8})-[0-9A-Za-z]+$/;
    for (const name of names) {
      const m = pattern.exec(name.slice(prefix.length));
      if (m === null) continue;
      const owner = {
        pid: Number(m[1]),
        start: m[2],
        machine: m[3]
      };
      if (owner.machine !== me.machine || owner.pid === me.pid) continue;
      const path = `${parent}/${name}`;
      try {
        const start = await startOf(owner.pid);
        if (start === owner.start) continue;
        if (uid === null || (await Deno.lstat(path)).uid !== uid) continue;
        await Deno.remove(path, {
          recursive: true
        });
        removed.push(path);
      } catch {
      }
    }
  } catch {
  }
  return removed;
}

// lib/spill/_spill.ts
var SPILL_PREFIX = "sluice-spill-";
var COPY_BY_SET = 64;
var LITTLE_ENDIAN = new Uint8Array(new Uint32Array([
  1
]).buffer)[0] === 1;
var fromBuffer;
var fromWords = new Uint32Array(0);
var toBuffer;
var toWords = new Uint32Array(0);
function wordsOf2(buffer) {
  return new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
}
function copyBytes(from, start, len, to, at) {
  if (len < COPY_BY_SET) {
    for (let i = 0; i < len; i++) to[at + i] = from[start + i];
    return;
  }
  if (!LITTLE_ENDIAN) {
    to.set(from.subarray(start, start + len), at);
    return;
  }
  const fb = from.buffer;
  if (fb !== fromBuffer) {
    fromBuffer = fb;
    fromWords = wordsOf2(fb);
  }
  const tb = to.buffer;
  if (tb !== toBuffer) {
    toBuffer = tb;
    toWords = wordsOf2(tb);
  }
  const fw = fromWords;
  const tw = toWords;
  const head = 4 - (to.byteOffset + at & 3) & 3;
  for (let i = 0; i < head; i++) to[at + i] = from[start + i];
  const s = from.byteOffset + start + head;
  const d = to.byteOffset + at + head >>> 2;
  const shift = (s & 3) * 8;
  const w = s >>> 2;
  let n = len - head >>> 2;
  if (shift !== 0 && w + n >= fw.length) n--;
  if (shift === 0) {
    for (let k = 0; k < n; k++) tw[d + k] = fw[w + k];
  } else {
    const back = 32 - shift;
    let word = fw[w];
    for (let k = 0; k < n; k++) {
      const next = fw[w + k + 1];
      tw[d + k] = word >>> shift | next << back;
      word = next;
    }
  }
  for (let i = head + 4 * Math.max(n, 0); i < len; i++) {
    to[at + i] = from[start + i];
  }
}
var SpillDir = class {
  #parent;
  #dir = void 0;
  #n = 0;
  /**
   * @param parent Where to make the directory (default: the system's temp
   * directory).
   */
  constructor(parent) {
    this.#parent = parent;
  }
  /** The directory, if it was made. */
  get path() {
    return this.#dir;
  }
  /** A new file name in the directory (the directory is made if needed). */
  async file() {
    if (this.#dir === void 0) {
      try {
        this.#dir = await makeOwnedDir(this.#parent, SPILL_PREFIX);
      } catch (error) {
        const where = this.#parent === void 0 ? `the temp directory ("${tempDirectory()}")` : `"${this.#parent}"`;
        if (isNotCapable(error)) {
          throw needsGrant(error, `Cannot make a spill directory in ${where}: it needs write access there`, {
            flag: "--allow-write",
            path: this.#parent ?? tempDirectory(),
            otherwise: this.#parent === void 0 ? "choose another directory (tempDir, or -T DIR on the command line; $TMPDIR is read only with --allow-env=TMPDIR)" : "choose another directory (tempDir, or -T DIR on the command line)"
          });
        }
        throw new (error instanceof Error ? error.constructor : Error)(`Cannot make a spill directory in ${where}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error
        });
      }
      trackTemp(this.#dir);
      await sweepOrphans(this.#dir, SPILL_PREFIX);
    }
    return `${this.#dir}/run-${this.#n++}`;
  }
  /** Removes a file of the directory that is no longer needed. */
  async discard(path) {
    await Deno.remove(path);
  }
  /** Removes the directory and everything in it; never throws. */
  async remove() {
    const dir = this.#dir;
    if (dir === void 0) return;
    this.#dir = void 0;
    try {
      await Deno.remove(dir, {
        recursive: true
      });
    } catch {
    }
    untrackTemp(dir);
  }
};
var TEXT_ROOM = 1 << 12;
var encoder = new TextEncoder();
var RunWriter = class _RunWriter {
  #file;
  #buf;
  #view;
  #at = 0;
  #closed = false;
  /** Whether the buffer is this writer's own (made, not given). */
  #owned;
  /**
   * A writer's own buffer and, after it, TEXT_ROOM bytes to encode into (in
   * one ArrayBuffer, so that the text is moved with copyWithin); else
   * undefined.
   */
  #whole;
  #room;
  /** Bytes written so far (flushed). */
  bytes = 0;
  /**
   * @param file The file.
   * @param buffer The write buffer, or its size: a buffer given is reused,
   * so that writing many runs frees no buffers.
   */
  #path;
  constructor(file, buffer, path) {
    this.#file = file;
    this.#path = path;
    this.#owned = typeof buffer === "number";
    this.#buf = this.#owned ? this.#ownBuffer(buffer) : buffer;
    this.#view = new DataView(this.#buf.buffer);
  }
  /** A buffer of the writer's own of `size` bytes, with its text room. */
  #ownBuffer(size) {
    const whole = new Uint8Array(size + TEXT_ROOM);
    this.#whole = whole;
    this.#room = whole.subarray(size);
    return whole.subarray(0, size);
  }
  /** Creates the file `path` (which must not exist). */
  static async create(path, buffer = 1 << 20) {
    return new _RunWriter(await Deno.open(path, {
      write: true,
      createNew: true
    }), buffer, path);
  }
  /**
   * Makes room for `n` more bytes (flushing, or growing the buffer for a
   * record larger than it) and returns where to write them.
   */
  async reserve(n) {
    if (this.#at + n > this.#buf.length) {
      await this.flush();
      if (n > this.#buf.length) {
        if (this.#owned) this.#whole.buffer.transfer(0);
        this.#buf = this.#ownBuffer(n);
        this.#view = new DataView(this.#buf.buffer);
        this.#owned = true;
      }
    }
    const at = this.#at;
    this.#at += n;
    return at;
  }
  /**
   * Writes `text` as UTF-8 at `at` of {@linkcode RunWriter.buffer}, where
   * there must be room for 3 bytes per code unit; returns the bytes
   * written. A short text is encoded into room beside a buffer of the
   * writer's own and moved in place: no view is made per text (a view a
   * line was 166 of the 1,208 MB `distinct()` by req allocated over the 256
   * MiB bench corpus).
   */
  putText(text, at) {
    const room = this.#room;
    if (room !== void 0 && 3 * text.length <= TEXT_ROOM) {
      const { written } = encoder.encodeInto(text, room);
      const from = this.#buf.length;
      this.#whole.copyWithin(at, from, from + written);
      return written;
    }
    return encoder.encodeInto(text, this.#buf.subarray(at, at + 3 * text.length)).written;
  }
  /** Whether `n` more bytes fit without a flush. */
  fits(n) {
    return this.#at + n <= this.#buf.length;
  }
  /** Takes `n` bytes that {@linkcode RunWriter.fits}; returns where. */
  take(n) {
    const at = this.#at;
    this.#at += n;
    return at;
  }
  /** Gives back the last `n` bytes taken or reserved, unwritten. */
  unreserve(n) {
    this.#at -= n;
  }
  /** The buffer to write reserved bytes into (valid until the next call). */
  get buffer() {
    return this.#buf;
  }
  /** A DataView of {@linkcode RunWriter.buffer}. */
  get view() {
    return this.#view;
  }
  /** Writes the buffered bytes, then `bytes`. */
  async write(bytes) {
    await this.flush();
    this.#writeAll(bytes);
    this.bytes += bytes.length;
  }
  /** Writes the buffered bytes. */
  // Async though it writes in this thread: a failed write rejects.
  // deno-lint-ignore require-await
  async flush() {
    if (this.#at === 0) return;
    this.#writeAll(this.#buf.subarray(0, this.#at));
    this.bytes += this.#at;
    this.#at = 0;
  }
  /**
   * Writes all of `bytes`; a full disk is said in words that help.
   *
   * In this thread (`writeSync`), as {@linkcode RunReader} reads: a spill
   * file is written to the page cache, a copy that an async write only
   * moved to another thread. Over the 1 GiB bench corpus with a 16 MiB
   * budget, V8's defaults, six runs each in turns: `distinct()` by request
   * id 17.54-19.03 s against 18.40-20.80 s with async writes, `groupBy()`
   * 12.88-14.39 s against 13.19-17.27 s; peak RSS the same.
   */
  #writeAll(bytes) {
    try {
      writeAllSync(this.#file, bytes);
    } catch (error) {
      if (error instanceof Error && /os error 28\b/.test(error.message)) {
        const dir = this.#path?.slice(0, this.#path.lastIndexOf("/"));
        throw new error.constructor(`Cannot spill to "${dir}": no space left on the device; give spill files a place with more room with tempDir (-T DIR on the command line), or a larger budget`, {
          cause: error
        });
      }
      throw error;
    }
  }
  /**
   * Flushes and closes; returns the bytes written. A buffer of the writer's
   * own is freed now (detached), not at V8's next full collection: the
   * closed log of `distinct()` kept its 256 KiB resident through the whole
   * read-back.
   */
  async close() {
    await this.flush();
    this.#closed = true;
    this.#file.close();
    if (this.#owned) {
      this.#buf.buffer.transfer(0);
      this.#buf = new Uint8Array(0);
      this.#view = new DataView(this.#buf.buffer);
      this.#whole = this.#room = void 0;
    }
    return this.bytes;
  }
  /** Closes after a failure; never throws. */
  abort() {
    if (this.#closed) return;
    this.#closed = true;
    closeQuietly(this.#file);
  }
};
var RunReader = class {
  buffer;
  view;
  start = 0;
  end = 0;
  #path;
  #file = void 0;
  #eof = false;
  #closed = false;
  /**
   * @param path The file.
   * @param block The read buffer, or its size.
   */
  constructor(path, block) {
    this.#path = path;
    this.buffer = typeof block === "number" ? new Uint8Array(block) : block;
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
  }
  /**
   * Reads more, keeping the unread bytes, so that at least `need` unread
   * bytes are there; false when the file ends first.
   */
  async more(need) {
    this.#file ??= await Deno.open(this.#path, {
      read: true
    });
    const left = this.end - this.start;
    if (need > this.buffer.length) {
      const grown = new Uint8Array(need);
      grown.set(this.buffer.subarray(this.start, this.end));
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    } else if (this.start > 0) {
      this.buffer.copyWithin(0, this.start, this.end);
    }
    this.start = 0;
    this.end = left;
    while (this.end < need) {
      if (this.#eof) return false;
      const n = this.#file.readSync(this.buffer.subarray(this.end));
      if (n === null) {
        this.#eof = true;
        this.close();
      } else {
        this.end += n;
      }
    }
    return true;
  }
  /** Closes the file; never throws. */
  close() {
    const file = this.#file;
    this.#eof = true;
    if (file === void 0 || this.#closed) return;
    this.#closed = true;
    closeQuietly(file);
  }
};
function tempDirectory() {
  try {
    const env = Deno.permissions.querySync({
      name: "env",
      variable: "TMPDIR"
    });
    if (env.state === "granted") return Deno.env.get("TMPDIR") || "/tmp";
  } catch {
  }
  return "/tmp";
}

// lib/spill/_sort_indices.ts
var RUN = 16;
function sortIndices(order, compare, scratch2) {
  const n = order.length;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i];
      let j = i - 1;
      while (j >= lo && compare(order[j], x) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
  }
  let from = order;
  let to = scratch2;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      if (mid >= hi || compare(from[mid - 1], from[mid]) <= 0) {
        for (let k2 = lo; k2 < hi; k2++) to[k2] = from[k2];
        continue;
      }
      while (i < mid && j < hi) {
        to[k++] = compare(from[j], from[i]) < 0 ? from[j++] : from[i++];
      }
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from !== order) order.set(from.subarray(0, n));
}

// lib/spill/_key_index.ts
var FIRST_SLOTS = 16;
var FIRST_CHARS = 256;
var SMALL_SLOTS = 1024;
var CHARS_PER_CALL = 4096;
var scratch = new Float64Array(1);
var scratchWords = new Int32Array(scratch.buffer);
function mix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  return h ^ h >>> 16;
}
function hashString(s) {
  let h = 2166136261 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  }
  return mix(h);
}
function hashNumber(n) {
  scratch[0] = n;
  return mix(scratchWords[0] ^ Math.imul(scratchWords[1], 2654435761));
}
var KeyIndex = class {
  #buckets;
  #mask;
  #hash;
  // Strings: offset into #chars and length; numbers: length -1 and the
  // index into #nums.
  #off;
  #len;
  #chars;
  #charsUsed = 0;
  #nums = void 0;
  #numsUsed = 0;
  #n = 0;
  /** The slot of the key null (a missing key), or -1. */
  #nullSlot = -1;
  #order;
  #scratch;
  /** The slots `bytes` allows: the arrays' size once past SMALL_SLOTS. */
  #fullSlots;
  /**
   * @param bytes What the index may grow to before it is cleared: past a
   * few keys, its arrays grow straight to about that size (the kernel maps
   * their pages as they are first written; see SMALL_SLOTS), and are reused
   * after {@linkcode KeyIndex.clear}, so that a table that fills and spills
   * again and again frees no buffers.
   */
  constructor(bytes = 0) {
    let slots = FIRST_SLOTS;
    while (slots * 40 < bytes) slots *= 2;
    this.#fullSlots = slots;
    this.#allocate(Math.min(slots, SMALL_SLOTS));
  }
  /** The slots to grow to from `slots`: straight to #fullSlots, or twice. */
  #grown(slots) {
    return slots < this.#fullSlots ? this.#fullSlots : 2 * slots;
  }
  /** New, empty arrays for `slots` keys. */
  #allocate(slots) {
    this.#buckets = new Int32Array(2 * slots);
    this.#mask = 2 * slots - 1;
    this.#hash = new Int32Array(slots);
    this.#off = new Uint32Array(slots);
    this.#len = new Int32Array(slots);
    this.#chars = new Uint16Array(Math.max(FIRST_CHARS, slots * 10));
    this.#nums = void 0;
    this.#order = new Uint32Array(0);
    this.#scratch = new Uint32Array(0);
  }
  /** Forgets every key, keeping the arrays. */
  clear() {
    this.#buckets.fill(0);
    this.#charsUsed = 0;
    this.#numsUsed = 0;
    this.#n = 0;
    this.#nullSlot = -1;
  }
  /**
   * The memory of the characters, for a merge's read blocks once the index
   * is no longer needed: the caller owns it from then on. The index is left
   * empty, as new, and its other arrays are freed now (detached), not at
   * V8's next full collection: their pages stayed resident through the
   * merge and whatever came after it (`distinct()` with a 16 MiB budget: 2.5
   * MiB of table beside the 2.6 MiB of characters).
   */
  release() {
    const chars = this.#chars;
    const freed = [
      this.#buckets,
      this.#hash,
      this.#off,
      this.#len,
      this.#nums,
      this.#order,
      this.#scratch
    ];
    this.#allocate(FIRST_SLOTS);
    this.clear();
    for (const a of freed) a?.buffer?.transfer(0);
    return new Uint8Array(chars.buffer);
  }
  /** Keys the index holds before its arrays grow. */
  get capacity() {
    return this.#hash.length;
  }
  /** How many keys. */
  get size() {
    return this.#n;
  }
  /**
   * Bytes the index holds: its buckets (written all over), and of the rest
   * what its keys use.
   */
  get bytes() {
    return this.#buckets.byteLength + 12 * this.#n + 2 * this.#charsUsed + 8 * this.#numsUsed;
  }
  /**
   * The slot of `key`, or -1. `key` must be a string, a number or null.
   */
  find(key) {
    return this.#lookup(key, false);
  }
  /**
   * The slot of `key`, added as slot {@linkcode KeyIndex.size} when new.
   * `key` must be a string, a number (not NaN) or null.
   */
  add(key) {
    return this.#lookup(key, true);
  }
  #lookup(key, insert) {
    if (key === null && (this.#nullSlot >= 0 || !insert)) return this.#nullSlot;
    const str = typeof key === "string" ? key : void 0;
    const num = typeof key === "number" && key !== 0 ? key : 0;
    const h = str !== void 0 ? hashString(str) : hashNumber(num);
    const buckets = this.#buckets;
    const mask = this.#mask;
    let b = h & mask;
    while (true) {
      const s2 = buckets[b] - 1;
      if (s2 < 0) break;
      if (this.#hash[s2] === h && this.#equals(s2, str, num)) return s2;
      b = b + 1 & mask;
    }
    if (!insert) return -1;
    const s = this.#n;
    if (s === this.#hash.length) this.#growSlots();
    this.#hash[s] = h;
    if (key === null) {
      this.#nullSlot = s;
      this.#off[s] = 0;
      this.#len[s] = -2;
    } else if (str !== void 0) {
      const len = str.length;
      if (this.#charsUsed + len > this.#chars.length) this.#growChars(len);
      const chars = this.#chars;
      const at = this.#charsUsed;
      for (let i = 0; i < len; i++) chars[at + i] = str.charCodeAt(i);
      this.#off[s] = at;
      this.#len[s] = len;
      this.#charsUsed = at + len;
    } else {
      if (this.#nums === void 0) this.#nums = new Float64Array(FIRST_SLOTS);
      if (this.#numsUsed === this.#nums.length) {
        const grown = new Float64Array(Math.max(this.#nums.length * 2, this.#hash.length));
        grown.set(this.#nums);
        this.#nums = grown;
      }
      this.#nums[this.#numsUsed] = num;
      this.#off[s] = this.#numsUsed++;
      this.#len[s] = -1;
    }
    this.#n = s + 1;
    if (2 * this.#n > this.#buckets.length) this.#rehash();
    else buckets[b] = s + 1;
    return s;
  }
  #equals(s, k, num) {
    const len = this.#len[s];
    if (k === void 0) {
      return len === -1 && this.#nums[this.#off[s]] === num;
    }
    if (len !== k.length) return false;
    const chars = this.#chars;
    const at = this.#off[s];
    for (let i = 0; i < len; i++) {
      if (chars[at + i] !== k.charCodeAt(i)) return false;
    }
    return true;
  }
  #growSlots() {
    const size = this.#grown(this.#hash.length);
    const hash = new Int32Array(size);
    hash.set(this.#hash);
    this.#hash = hash;
    const off = new Uint32Array(size);
    off.set(this.#off);
    this.#off = off;
    const len = new Int32Array(size);
    len.set(this.#len);
    this.#len = len;
  }
  #growChars(need) {
    const grown = new Uint16Array(Math.max(10 * this.#grown(Math.ceil(this.#chars.length / 10)), this.#charsUsed + need));
    grown.set(this.#chars.subarray(0, this.#charsUsed));
    this.#chars = grown;
  }
  #rehash() {
    const size = Math.max(this.#buckets.length * 2, 2 * this.#hash.length);
    const buckets = new Int32Array(size);
    const mask = size - 1;
    const hash = this.#hash;
    for (let s = 0; s < this.#n; s++) {
      let b = hash[s] & mask;
      while (buckets[b] !== 0) b = b + 1 & mask;
      buckets[b] = s + 1;
    }
    this.#buckets = buckets;
    this.#mask = mask;
  }
  /** The key in slot `s`. */
  keyAt(s) {
    const len = this.#len[s];
    const at = this.#off[s];
    if (len === -1) return this.#nums[at];
    if (len === -2) return null;
    return unitsText(this.#chars, at, len);
  }
  /**
   * The length in UTF-16 code units of the key in slot `s` when it is a
   * string, else -1 (a number or null).
   */
  textLength(s) {
    const len = this.#len[s];
    return len < 0 ? -1 : len;
  }
  /**
   * Writes the string key of slot `s` as UTF-8 into `buf` at `p`, without
   * making it a string first; the bytes
   * written, or -1 when the key holds a lone surrogate (nothing is then
   * meant to be read from `buf`). `buf` must have room for three bytes per
   * code unit.
   */
  textInto(s, buf, p) {
    const chars = this.#chars;
    const at = this.#off[s];
    const len = this.#len[s];
    const bytes = utf8Length(chars, at, len);
    if (bytes >= 0) putUtf8(chars, at, len, buf, p);
    return bytes;
  }
  /**
   * Compares the keys of slots `a` and `b` as defaultCompare does: numbers
   * before strings, numbers by value, strings by UTF-16 code units, null
   * last.
   */
  compare(a, b) {
    const la = this.#len[a];
    const lb = this.#len[b];
    if (la === -2 || lb === -2) return la === lb ? 0 : la === -2 ? 1 : -1;
    if (la === -1 || lb === -1) {
      if (la !== -1) return 1;
      if (lb !== -1) return -1;
      const x = this.#nums[this.#off[a]];
      const y = this.#nums[this.#off[b]];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return compareUnits(this.#chars, this.#off[a], la, this.#off[b], lb);
  }
  /**
   * The slots in key order, in an array the index reuses: valid until the
   * next call.
   */
  sorted() {
    const n = this.#n;
    if (this.#order.length < n) {
      this.#order = new Uint32Array(this.#hash.length);
      this.#scratch = new Uint32Array(this.#hash.length);
    }
    const order = this.#order.subarray(0, n);
    for (let i = 0; i < n; i++) order[i] = i;
    sortIndices(order, (a, b) => this.compare(a, b), this.#scratch);
    return order;
  }
};
function unitsText(chars, at, len) {
  if (len <= CHARS_PER_CALL) {
    return String.fromCharCode.apply(null, chars.subarray(at, at + len));
  }
  let out = "";
  for (let i = 0; i < len; i += CHARS_PER_CALL) {
    out += String.fromCharCode.apply(null, chars.subarray(at + i, at + Math.min(len, i + CHARS_PER_CALL)));
  }
  return out;
}
function utf8Length(chars, at, len) {
  let n = len;
  for (let i = at, end = at + len; i < end; i++) {
    const c = chars[i];
    if (c < 128) continue;
    if (c < 2048) {
      n += 1;
    } else if (c < 55296 || c >= 57344) {
      n += 2;
    } else {
      const d = i + 1 < end ? chars[i + 1] : 0;
      if (c >= 56320 || d < 56320 || d >= 57344) return -1;
      n += 2;
      i++;
    }
  }
  return n;
}
function putUtf8(chars, at, len, out, p) {
  for (let i = at, end = at + len; i < end; i++) {
    const c = chars[i];
    if (c < 128) {
      out[p++] = c;
    } else if (c < 2048) {
      out[p++] = 192 | c >> 6;
      out[p++] = 128 | c & 63;
    } else if (c < 55296 || c >= 57344) {
      out[p++] = 224 | c >> 12;
      out[p++] = 128 | c >> 6 & 63;
      out[p++] = 128 | c & 63;
    } else {
      const u = 65536 + (c - 55296 << 10) + (chars[++i] - 56320);
      out[p++] = 240 | u >> 18;
      out[p++] = 128 | u >> 12 & 63;
      out[p++] = 128 | u >> 6 & 63;
      out[p++] = 128 | u & 63;
    }
  }
}
function compareUnits(chars, pa, la, pb, lb) {
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const d = chars[pa + i] - chars[pb + i];
    if (d !== 0) return d;
  }
  return la - lb;
}
function compareUtf8(a, pa, la, b, pb, lb) {
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const x = a[pa + i];
    const y = b[pb + i];
    if (x === y) continue;
    if (x >= 238 && y >= 238 && x >= 240 !== y >= 240) {
      return x >= 240 ? -1 : 1;
    }
    return x - y;
  }
  return la - lb;
}

// lib/spill/_external_sort.ts
function textPrefix(chars, at, len) {
  let prefix = 0;
  let open = true;
  for (let i = 0; i < 4; i++) {
    let unit = 0;
    if (open && i < len) {
      unit = chars[at + i];
      if (unit >= 8191) {
        unit = 8191;
        open = false;
      }
    }
    prefix = prefix * 8192 + unit;
  }
  return prefix;
}
var STRING_OVERHEAD = 40;
var OBJECT_OVERHEAD = 64;
function heapCost(value) {
  switch (typeof value) {
    case "string":
      return value.length * 2 + STRING_OVERHEAD;
    case "object":
      return value === null ? 8 : OBJECT_OVERHEAD + 2 * (JSON.stringify(value)?.length ?? 0);
    default:
      return 16;
  }
}
var MIN_BLOCK = 4096;
var MERGE_BLOCK = 256 * 1024;
var MERGE_BYTES = 4 * 1024 * 1024;
var OUT_BATCH = 64;
var JSON_ITEM = 1;
var KEY_NONE = 0;
var KEY_NUMBER = 1 << 1;
var KEY_JSON = 2 << 1;
var KEY_ITEM = 3 << 1;
var KEY_MASK = 3 << 1;
var KEY_TEXT = 1 << 3;
var ASCII_ITEM = 1 << 4;
var SELF_TEXT = 1 << 5;
var DECODED = 0;
var NUMBER = 1;
var TEXT = 2;
var COPY_BYTES = 32;
var ENTRY_BYTES = 8 + 4 + 4 + 1 + 4 + 8;
var ENTRY_SLOT_BYTES = 8 + 4 + 4 + 1 + 4;
var SLOT_BYTES = 96;
var TWO_32 = 4294967296;
function bufferBytes(budget) {
  const MiB = 1024 * 1024;
  const rest = Math.min(0.5 * budget, Math.max(0.3 * budget, budget - 32 * MiB));
  return Math.floor(budget - rest);
}
var JOIN_ITEMS = 256;
var WARM_AHEAD = 16;
var DECODE_BYTES = 1 << 15;
var BYTES_BLOCK = 1 << 15;
var BYTES_BATCH = 256;
var BYTES_FULL = BYTES_BLOCK - 4096;
var SMALL_INT = 2 ** 20;
var encoder2 = new TextEncoder();
var decoder = new TextDecoder("utf-8", {
  ignoreBOM: true
});
var SHORT_TEXT = 64;
var shortBytes = new Uint8Array(SHORT_TEXT);
var shortViews = Array.from({
  length: SHORT_TEXT + 1
}, (_, n) => shortBytes.subarray(0, n));
function decodeAt(buf, start, len) {
  if (len > SHORT_TEXT) return decoder.decode(buf.subarray(start, start + len));
  for (let i = 0; i < len; i++) shortBytes[i] = buf[start + i];
  return decoder.decode(shortViews[len]);
}
var Emitter = class {
  #wantKeys;
  #wantBytes;
  /** Whether this chunk goes as bytes. */
  #bytes;
  #raw;
  #rawAt = 0;
  #rawCount = 0;
  out = {
    keys: [],
    items: [],
    wide: [],
    bytes: void 0
  };
  count = 0;
  constructor(wantKeys, bytes = false) {
    this.#wantKeys = wantKeys;
    this.#wantBytes = bytes;
    this.#bytes = bytes;
    this.#raw = bytes ? spareBytes(BYTES_BLOCK) ?? new Uint8Array(BYTES_BLOCK) : new Uint8Array(1 << 18);
  }
  /** Makes room for `n` more bytes in `#raw`. */
  #room(n) {
    if (this.#rawAt + n <= this.#raw.length) return;
    const grown = new Uint8Array(Math.max(this.#raw.length * 2, this.#rawAt + n));
    grown.set(this.#raw.subarray(0, this.#rawAt));
    this.#raw = grown;
  }
  /**
   * As bytes: the next item's UTF-8 is in `#raw` up to `#rawAt`; adds its LF.
   * The items that stand for them are made at once, by `take()`: pushed one
   * by one, their arrays grew three times a chunk, half the young garbage
   * of a merge into a writer after the lines' copies.
   */
  #endItem() {
    this.#raw[this.#rawAt++] = 10;
    this.count++;
  }
  /**
   * Turns this chunk's items so far from bytes into strings, for an item
   * that cannot go as bytes; the rest of the chunk then goes as strings.
   */
  #toStrings() {
    this.#bytes = false;
    const items = this.out.items;
    const lines = decoder.decode(this.#raw.subarray(0, this.#rawAt)).split("\n");
    for (let i = 0; i < this.count; i++) {
      items.push(lines[i]);
      this.out.wide.push(i);
    }
    this.#rawAt = 0;
  }
  key(key) {
    if (this.#wantKeys) this.out.keys.push(key);
  }
  /**
   * A UTF-8 string item, from `bytes[start, start + len)`. ASCII lines are
   * decoded together; any other line on its own, so that it alone becomes a
   * two-byte string: one in twenty lines of the bench corpus is not ASCII,
   * which made nearly every decoded block two-byte, twice the young garbage.
   */
  raw(bytes, start, len, ascii) {
    this.#room(len + 1);
    if (this.#bytes) {
      copyBytes(bytes, start, len, this.#raw, this.#rawAt);
      this.#rawAt += len;
      this.#endItem();
      return;
    }
    const raw = this.#raw;
    const at = this.#rawAt;
    let high = 0;
    if (ascii && len >= COPY_BYTES) {
      raw.set(bytes.subarray(start, start + len), at);
    } else {
      for (let i = 0; i < len; i++) high |= raw[at + i] = bytes[start + i];
    }
    this.count++;
    if (high >= 128) {
      this.#flushRaw();
      this.out.wide.push(this.out.items.length);
      this.out.items.push(decoder.decode(raw.subarray(at, at + len)));
      return;
    }
    this.#rawAt = at + len;
    raw[this.#rawAt++] = 10;
    this.#rawCount++;
    if (this.#rawAt >= DECODE_BYTES) this.#flushRaw();
  }
  /** An item already decoded. */
  value(item) {
    if (this.#bytes) {
      if (typeof item === "string" && item.indexOf("\n") === -1 && item.isWellFormed()) {
        this.#room(3 * item.length + 1);
        this.#rawAt += encoder2.encodeInto(item, this.#raw.subarray(this.#rawAt)).written;
        this.#endItem();
        return;
      }
      this.#toStrings();
    }
    this.#flushRaw();
    this.out.wide.push(this.out.items.length);
    this.out.items.push(item);
    this.count++;
  }
  #flushRaw() {
    if (this.#rawCount === 0) return;
    const lines = decoder.decode(this.#raw.subarray(0, this.#rawAt - 1)).split("\n");
    const items = this.out.items;
    for (let i = 0; i < lines.length; i++) items.push(lines[i]);
    this.#rawAt = 0;
    this.#rawCount = 0;
  }
  /**
   * Whether the chunk so far is due: OUT_BATCH entries, or as bytes
   * BYTES_BATCH of them or BYTES_FULL of their bytes.
   */
  get full() {
    return this.#bytes ? this.count >= BYTES_BATCH || this.#rawAt >= BYTES_FULL : this.count >= OUT_BATCH;
  }
  /** The chunk so far (and a fresh one started). */
  take() {
    const out = this.out;
    if (this.#bytes) {
      out.bytes = this.#raw.subarray(0, this.#rawAt);
      out.items = standIns(this.count);
      this.#raw = spareBytes(BYTES_BLOCK) ?? new Uint8Array(BYTES_BLOCK);
      this.#rawAt = 0;
    } else {
      this.#flushRaw();
    }
    this.out = {
      keys: [],
      items: [],
      wide: [],
      bytes: void 0
    };
    this.#bytes = this.#wantBytes;
    this.count = 0;
    return out;
  }
};
var ExternalSorter = class {
  #o;
  // Entries' bytes from 0; a staging area for run records after `#cap`
  // (once the arena has grown, or a spill needs it), so that spilling copies
  // with copyWithin (no view per record).
  #cap;
  #stage;
  #limit;
  #headroom;
  #arena;
  #view;
  #used = 0;
  #n = 0;
  #num = new Float64Array(256);
  #off = new Uint32Array(256);
  #len = new Uint32Array(256);
  #flags = new Uint8Array(256);
  // String keys of a plain keyed sort: their UTF-16 code units, at #num[i],
  // #keyLen[i] long. As JS strings they were small objects that lived until
  // the spill, survived scavenges and grew both of V8's generations (distinct()
  // by req, 16 MiB budget: young generation 64 MiB).
  #keyLen = new Uint32Array(256);
  // A string key's first code units as one number that orders as they do
  // (see textPrefix): most comparisons end there. Made at the first string
  // key.
  #prefix = new Float64Array(0);
  #keyChars = new Uint16Array(1024);
  #keyCharsUsed = 0;
  #objKeys = [];
  #anyObj = false;
  // The order of a spill, reused (see sortIndices).
  #sortOrder = new Uint32Array(0);
  #sortScratch = new Uint32Array(0);
  #objBytes = 0;
  /** The most the entries filled of the buffers before a spill emptied them. */
  #filled = 0;
  /** Whether a spill has written to the staging area. */
  #staged = false;
  #allNum = true;
  #smallInts = true;
  /** What #warm read for the last run written, kept for its reads' sake. */
  #warmth = 0;
  /** The run files written so far, in input order. */
  runs;
  constructor(options) {
    this.#o = options;
    this.runs = new RunList(options);
    this.#stage = Math.max(1024, Math.min(1 << 20, options.budgetBytes >> 4));
    this.#headroom = Math.max(1024, Math.min(1 << 18, options.budgetBytes >> 3));
    this.#limit = Math.max(1024, Math.floor((bufferBytes(options.budgetBytes) - this.#stage - 2048) / (1 + ENTRY_SLOT_BYTES / SLOT_BYTES)) - this.#headroom);
    this.#cap = Math.min(1 << 16, this.#limit);
    this.#arena = new Uint8Array(this.#cap);
    this.#view = new DataView(this.#arena.buffer);
  }
  /** Makes sure the staging area follows the entries' bytes. */
  #withStage() {
    if (this.#arena.length >= this.#cap + this.#stage) return;
    const grown = new Uint8Array(this.#cap + this.#stage);
    grown.set(this.#arena.subarray(0, this.#used));
    this.#arena = grown;
    this.#view = new DataView(grown.buffer);
  }
  /** Buffered entries. */
  get count() {
    return this.#n;
  }
  /** Bytes the buffered entries hold. */
  get bytes() {
    return this.#used + this.#n * ENTRY_BYTES + this.#objBytes + 2 * this.#keyCharsUsed + (this.#prefix.length > 0 ? 8 * this.#n : 0);
  }
  /**
   * Bytes the sorter holds: the most its entries have filled of its
   * buffers, and the staging area once a spill has written to it. Not the
   * buffers' length: the arena goes from 64 KiB straight to its limit (see
   * #room), and of an array buffer only the pages written to are resident.
   * A sort of 1 MiB of lines with the default budget of 64 MiB allocates a
   * 32 MiB arena and fills 1.2 MiB of it and its index; counting the arena
   * whole, the stage's row said it held 32.1 MiB.
   */
  get heldBytes() {
    return Math.max(this.#filled, this.bytes) + (this.#staged ? this.#stage : 0);
  }
  /** Bytes of the sorter's buffers as allocated, and of its keys. */
  get allocatedBytes() {
    return this.#arena.length + this.#num.length * ENTRY_SLOT_BYTES + this.#prefix.byteLength + this.#objBytes + this.#keyChars.byteLength;
  }
  #room(bytes, entries = 1) {
    if (this.#used + bytes > this.#cap) {
      const cap = Math.max(this.#used + bytes, this.#limit + this.#headroom);
      const grown = new Uint8Array(cap + this.#stage);
      grown.set(this.#arena.subarray(0, this.#used));
      this.#arena = grown;
      this.#view = new DataView(grown.buffer);
      this.#cap = cap;
      this.#grow(Math.ceil(cap / SLOT_BYTES));
    }
    if (this.#n + entries > this.#num.length) {
      this.#grow(Math.max(2 * this.#num.length, this.#n + entries));
    }
  }
  /** The entries' arrays, `size` slots long (when that is more). */
  #grow(size) {
    if (size <= this.#num.length) return;
    const num = new Float64Array(size);
    num.set(this.#num);
    this.#num = num;
    const off = new Uint32Array(size);
    off.set(this.#off);
    this.#off = off;
    const len = new Uint32Array(size);
    len.set(this.#len);
    this.#len = len;
    const flags = new Uint8Array(size);
    flags.set(this.#flags);
    this.#flags = flags;
    const keyLen = new Uint32Array(size);
    keyLen.set(this.#keyLen);
    this.#keyLen = keyLen;
    if (this.#prefix.length > 0) this.#growPrefix();
  }
  #growPrefix() {
    const prefix = new Float64Array(this.#num.length);
    prefix.set(this.#prefix);
    this.#prefix = prefix;
  }
  /**
   * Where `len` more code units of string keys go: #keyChars grown when they
   * would not fit, and the old buffer freed at once (detached), not left to
   * V8's next full collection.
   */
  #keyRoom(len) {
    const at = this.#keyCharsUsed;
    const old = this.#keyChars;
    if (at + len <= old.length) return old;
    const grown = new Uint16Array(Math.max(2 * old.length, at + len));
    grown.set(old.subarray(0, at));
    this.#keyChars = grown;
    old.buffer.transfer(0);
    return grown;
  }
  /** Notes entry `i`'s string key, the `len` code units put at the end. */
  #keptText(i, len) {
    const at = this.#keyCharsUsed;
    if (this.#prefix.length < this.#num.length) this.#growPrefix();
    this.#prefix[i] = textPrefix(this.#keyChars, at, len);
    this.#num[i] = at;
    this.#keyLen[i] = len;
    this.#keyCharsUsed = at + len;
  }
  /** Keeps the string key of entry `i` as code units. */
  #putText(i, key) {
    const len = key.length;
    const at = this.#keyCharsUsed;
    const chars = this.#keyRoom(len);
    for (let c = 0; c < len; c++) chars[at + c] = key.charCodeAt(c);
    this.#keptText(i, len);
  }
  /**
   * Keeps the string key of entry `i` from its UTF-8, `bytes[from, to)`,
   * well formed: ASCII goes to code units as it is, with no string made.
   */
  #putTextBytes(i, bytes, from, to) {
    for (let b = from; b < to; b++) {
      if (bytes[b] >= 128) {
        this.#putText(i, decoder.decode(bytes.subarray(from, to)));
        return;
      }
    }
    const len = to - from;
    const at = this.#keyCharsUsed;
    const chars = this.#keyRoom(len);
    for (let b = 0; b < len; b++) chars[at + b] = bytes[from + b];
    this.#keptText(i, len);
  }
  /** The string key of entry `i`, from its code units. */
  #textAt(i) {
    return unitsText(this.#keyChars, this.#num[i], this.#keyLen[i]);
  }
  /** Compares entries with plain keys as defaultCompare does. */
  #comparePlain(a, b) {
    const ta = this.#flags[a] & (KEY_TEXT | SELF_TEXT);
    const tb = this.#flags[b] & (KEY_TEXT | SELF_TEXT);
    if (ta === 0 || tb === 0) {
      if (ta !== 0) return 1;
      if (tb !== 0) return -1;
      const x2 = this.#num[a];
      const y2 = this.#num[b];
      return x2 < y2 ? -1 : x2 > y2 ? 1 : 0;
    }
    const x = this.#prefix[a];
    const y = this.#prefix[b];
    if (x !== y) return x < y ? -1 : 1;
    if (ta === SELF_TEXT) {
      const arena = this.#arena;
      return compareUtf8(arena, this.#off[a], this.#len[a], arena, this.#off[b], this.#len[b]);
    }
    return compareUnits(this.#keyChars, this.#num[a], this.#keyLen[a], this.#num[b], this.#keyLen[b]);
  }
  /**
   * Buffers entries: `items` with their `keys` (ignored without `keyed`),
   * spilling whenever the buffer is full. Strings are encoded a chunk at a
   * time.
   */
  async addAll(keys, items, wide) {
    let w = 0;
    for (let at = 0; at < items.length; at += JOIN_ITEMS) {
      const end = Math.min(items.length, at + JOIN_ITEMS);
      const part = items.slice(at, end);
      let partWide;
      if (wide !== void 0) {
        partWide = [];
        for (; w < wide.length && wide[w] < end; w++) {
          partWide.push(wide[w] - at);
        }
      }
      const partKeys = keys?.slice(at, end);
      let fast = part.length > 1;
      let length = part.length - 1;
      for (let i = 0; i < part.length && fast; i++) {
        const item = part[i];
        if (typeof item !== "string") fast = false;
        else length += item.length;
      }
      if (fast && this.#n > 0 && this.bytes + length + part.length * ENTRY_BYTES >= this.#limit) await this.spill();
      const known = partWide !== void 0 && partWide.length > 0;
      const joined = fast && !known ? part.join("\n") : "";
      if (fast && (known || joined.isWellFormed())) {
        if (this.#addJoined(partKeys, part, length, joined, partWide)) {
          continue;
        }
      }
      for (let i = 0; i < part.length; i++) {
        if (this.add(partKeys?.[i], part[i])) await this.spill();
      }
    }
  }
  /**
   * Buffers `n` lines that are their own keys (without `keyed`, in the
   * default order) from their UTF-8: `bytes` holds each line, well formed,
   * followed by an LF, and is copied as it is, with no string made for any
   * line (see SELF_TEXT). Made from strings, the lines survived V8's
   * scavenges on their way here and grew its young generation: `sluice sort
   * --budget 16MiB` over the 256 MiB bench corpus peaked at 82.1 MiB RSS so,
   * at 72.6 from the reader's bytes (3 rounds in turns, medians).
   */
  async addLines(bytes, n) {
    if (n === 0) return;
    if (this.#n > 0 && this.bytes + bytes.length + n * (ENTRY_BYTES + 8) >= this.#limit) await this.spill();
    this.#room(bytes.length, n);
    if (this.#prefix.length < this.#num.length) this.#growPrefix();
    this.#allNum = false;
    const arena = this.#arena;
    const off = this.#off;
    const len = this.#len;
    const flags = this.#flags;
    const prefix = this.#prefix;
    const end = this.#used + bytes.length;
    arena.set(bytes, this.#used);
    let j = this.#n;
    for (let at = this.#used; at < end; j++) {
      const nl = arena.indexOf(10, at);
      if (nl === -1 || nl >= end) break;
      off[j] = at;
      len[j] = nl - at;
      flags[j] = KEY_ITEM | SELF_TEXT;
      prefix[j] = utf8Prefix(arena, at, nl - at);
      at = nl + 1;
    }
    if (j !== this.#n + n) {
      throw new RangeError(`Cannot sort lines: expected ${n} lines in ${bytes.length} bytes, found ${j - this.#n}`);
    }
    this.#used = end;
    this.#n = j;
  }
  /**
   * Buffers the lines of `bytes` that have a key, from their UTF-8: line `i`
   * ends at `ends[i]`, its LF, and has number key `keys[i]`, NaN for none
   * (such a line is left out). With `text`, a line whose `text.from[i]` is
   * not -1 has a string key instead: its UTF-8 is `bytes[from[i], to[i])`,
   * or it is `text.strings[i]` where `from[i]` is -2. The lines are well
   * formed and copied as they are, all at once; the bytes of a line left
   * out are squeezed out, a run of kept lines at a time. A copy per line
   * (copyBytes) took 14% of `sluice sort -k latency_ms -n` over the 256 MiB
   * bench corpus.
   */
  async addKeyedLines(bytes, n, keys, ends, text) {
    if (n === 0) return;
    let keyBytes = 0;
    if (text !== void 0) {
      const { from, to, strings } = text;
      for (let i = 0; i < n; i++) {
        const f = from[i];
        if (f >= 0) keyBytes += 2 * (to[i] - f) + 8;
        else if (f === -2) keyBytes += 2 * strings[i].length + 8;
      }
    }
    if (this.#n > 0 && this.bytes + bytes.length + n * ENTRY_BYTES + keyBytes >= this.#limit) await this.spill();
    this.#room(bytes.length, n);
    const arena = this.#arena;
    const off = this.#off;
    const len = this.#len;
    const flags = this.#flags;
    const num = this.#num;
    const base = this.#used;
    arena.set(bytes, base);
    let shift = 0;
    let run = 0;
    let start = 0;
    let j = this.#n;
    let smallInts = this.#smallInts;
    for (let i = 0; i < n; i++) {
      const end = ends[i];
      const from = text === void 0 ? -1 : text.from[i];
      const key = keys[i];
      if (from === -1 && key !== key) {
        if (shift > 0 && start > run) {
          arena.copyWithin(base + run - shift, base + run, base + start);
        }
        shift += end + 1 - start;
        run = end + 1;
        start = end + 1;
        continue;
      }
      off[j] = base + start - shift;
      len[j] = end - start;
      if (from === -1) {
        flags[j] = KEY_NUMBER;
        num[j] = key;
        if (smallInts && !(Number.isInteger(key) && key < SMALL_INT && key > -SMALL_INT)) smallInts = false;
      } else {
        flags[j] = KEY_JSON | KEY_TEXT;
        if (from === -2) this.#putText(j, text.strings[i]);
        else this.#putTextBytes(j, bytes, from, text.to[i]);
        this.#allNum = false;
      }
      j++;
      start = end + 1;
    }
    if (shift > 0 && bytes.length > run) {
      arena.copyWithin(base + run - shift, base + run, base + bytes.length);
    }
    this.#smallInts = smallInts;
    this.#used = base + bytes.length - shift;
    this.#n = j;
  }
  /**
   * Adds strings joined by line breaks; false when one holds a break.
   * `length` is the joined text's. `wide`, when known, lists the items that
   * are not ASCII; else `joined` is the text.
   */
  #addJoined(keys, items, length, joined, wide) {
    const n = items.length;
    let written;
    if (wide !== void 0 && wide.length > 0) {
      let extra = 0;
      for (const k of wide) extra += 2 * items[k].length;
      this.#room(length + extra, n);
      written = encodeApart(items, wide, this.#arena.subarray(this.#used, this.#cap), true);
      if (written === -1) return false;
    } else {
      this.#room(joined.length, n);
      let read;
      ({ read, written } = encoder2.encodeInto(joined, this.#arena.subarray(this.#used, this.#cap)));
      if (read < joined.length) {
        this.#room(joined.length * 3, n);
        ({ written } = encoder2.encodeInto(joined, this.#arena.subarray(this.#used, this.#cap)));
      }
    }
    const base = this.#used;
    const arena = this.#arena;
    const off = this.#off;
    const len = this.#len;
    const at0 = this.#n;
    const end = base + written;
    if (lfCount(arena, wordsOf(arena), base, end) !== n - 1) return false;
    const text = arena.subarray(0, end);
    let at = base;
    for (let i = 0; i < n - 1; i++) {
      const guess = at + items[i].length;
      const nl = guess < end && arena[guess] === 10 ? guess : text.indexOf(10, at);
      if (nl === -1) return false;
      off[at0 + i] = at;
      len[at0 + i] = nl - at;
      at = nl + 1;
    }
    off[at0 + n - 1] = at;
    len[at0 + n - 1] = end - at;
    const keyed = this.#o.keyed;
    const flags = this.#flags;
    const num = this.#num;
    const self2 = !keyed && this.#o.plain;
    if (self2) {
      if (this.#prefix.length < num.length) this.#growPrefix();
      this.#allNum = false;
    }
    const prefix = this.#prefix;
    for (let i = 0; i < n; i++) {
      const j = at0 + i;
      if (self2) {
        flags[j] = KEY_ITEM | SELF_TEXT;
        prefix[j] = utf8Prefix(arena, off[j], len[j]);
        continue;
      }
      const value = keyed ? keys[i] : items[i];
      if (typeof value === "number") {
        flags[j] = KEY_NUMBER;
        num[j] = value;
        if (this.#smallInts && !(Number.isInteger(value) && value < SMALL_INT && value > -SMALL_INT)) this.#smallInts = false;
      } else if (keyed && this.#o.plain && typeof value === "string") {
        flags[j] = KEY_JSON | KEY_TEXT;
        this.#putText(j, value);
        this.#allNum = false;
      } else {
        flags[j] = keyed ? KEY_JSON : KEY_ITEM;
        this.#objKeys[j] = value;
        this.#objBytes += heapCost(value);
        this.#allNum = false;
        this.#anyObj = true;
      }
    }
    if (written === joined.length) {
      for (let i = 0; i < n; i++) flags[at0 + i] = flags[at0 + i] | ASCII_ITEM;
    } else if (wide !== void 0) {
      let w = 0;
      for (let i = 0; i < n; i++) {
        if (w < wide.length && wide[w] === i) {
          w++;
        } else {
          flags[at0 + i] = flags[at0 + i] | ASCII_ITEM;
        }
      }
    }
    this.#used = base + written;
    this.#n = at0 + n;
    return true;
  }
  /**
   * Buffers an entry; returns true when the buffer is full and
   * {@linkcode ExternalSorter.spill} is due. Without `keyed`, `key` is
   * ignored and the item is its own compare value.
   */
  add(key, item) {
    let flags;
    let text;
    if (typeof item === "string" && item.indexOf("\n") === -1 && item.isWellFormed()) {
      flags = 0;
      text = item;
    } else if (typeof item === "number") {
      flags = JSON_ITEM;
    } else {
      flags = JSON_ITEM;
      text = jsonOf(item);
    }
    this.#room(text === void 0 ? 25 : text.length * 3);
    const n = this.#n;
    const value = this.#o.keyed ? key : item;
    const self2 = flags === 0 && !this.#o.keyed && this.#o.plain;
    if (self2) {
      flags = KEY_ITEM | SELF_TEXT;
      this.#allNum = false;
    } else if (typeof value === "number") {
      flags |= KEY_NUMBER;
      this.#num[n] = value;
      if (!(Number.isInteger(value) && value < SMALL_INT && value > -SMALL_INT)) this.#smallInts = false;
    } else if (this.#o.keyed && this.#o.plain && typeof value === "string") {
      flags |= KEY_JSON | KEY_TEXT;
      this.#putText(n, value);
      this.#allNum = false;
    } else {
      flags |= this.#o.keyed ? KEY_JSON : KEY_ITEM;
      this.#objKeys[n] = value;
      this.#objBytes += heapCost(value);
      this.#allNum = false;
      this.#anyObj = true;
    }
    let written;
    if (text === void 0) {
      written = numberJson(item, this.#arena, this.#used);
    } else {
      written = encoder2.encodeInto(text, this.#arena.subarray(this.#used, this.#cap)).written;
      if ((flags & JSON_ITEM) === 0 && written === text.length) {
        flags |= ASCII_ITEM;
      }
    }
    this.#off[n] = this.#used;
    this.#len[n] = written;
    this.#flags[n] = flags;
    if (self2) {
      if (this.#prefix.length < this.#num.length) this.#growPrefix();
      this.#prefix[n] = utf8Prefix(this.#arena, this.#used, written);
    }
    this.#used += written;
    this.#n = n + 1;
    return this.bytes >= this.#limit;
  }
  #valueOf(i) {
    const flags = this.#flags[i];
    return (flags & KEY_MASK) === KEY_NUMBER ? this.#num[i] : flags & KEY_TEXT ? this.#textAt(i) : flags & SELF_TEXT ? decodeAt(this.#arena, this.#off[i], this.#len[i]) : this.#objKeys[i];
  }
  /** The buffered entries' indices in sorted order (stable). */
  #order() {
    const n = this.#n;
    const num = this.#num;
    const { compare, reverse, plain } = this.#o;
    if (plain && this.#allNum && this.#smallInts) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = num[i];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min + 1 < n) return this.#countingOrder(n, min, max, reverse);
      const packed = new Float64Array(n);
      const sign = reverse ? -1 : 1;
      for (let i = 0; i < n; i++) packed[i] = sign * num[i] * TWO_32 + i;
      packed.sort();
      const order2 = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        order2[i] = (packed[i] % TWO_32 + TWO_32) % TWO_32;
      }
      return order2;
    }
    if (plain && (this.#allNum || !this.#anyObj)) {
      if (this.#sortOrder.length < n) {
        this.#sortOrder = new Uint32Array(this.#num.length);
        this.#sortScratch = new Uint32Array(this.#num.length);
      }
      const order2 = this.#sortOrder.subarray(0, n);
      for (let i = 0; i < n; i++) order2[i] = i;
      sortIndices(order2, this.#allNum ? reverse ? (a, b) => num[b] - num[a] : (a, b) => num[a] - num[b] : reverse ? (a, b) => this.#comparePlain(b, a) : (a, b) => this.#comparePlain(a, b), this.#sortScratch);
      return order2;
    }
    const order = new Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const values = new Array(n);
    for (let i = 0; i < n; i++) values[i] = this.#valueOf(i);
    order.sort(reverse ? (a, b) => compare(values[b], values[a]) || a - b : (a, b) => compare(values[a], values[b]) || a - b);
    return order;
  }
  /**
   * The order of `n` integer keys between `min` and `max`, fewer distinct
   * values than entries, by counting (stable). A run of the SORT task's
   * 160,480 latencies took 1.0-1.5 ms so and 19-24 ms packed into doubles
   * and sorted natively, 50 runs over the 1 GiB bench corpus.
   */
  #countingOrder(n, min, max, reverse) {
    const num = this.#num;
    if (this.#sortOrder.length < n) {
      this.#sortOrder = new Uint32Array(num.length);
      this.#sortScratch = new Uint32Array(num.length);
    }
    const starts = this.#sortScratch;
    const values = max - min + 1;
    starts.fill(0, 0, values + 1);
    for (let i = 0; i < n; i++) {
      starts[(reverse ? max - num[i] : num[i] - min) + 1]++;
    }
    for (let k = 1; k <= values; k++) starts[k] += starts[k - 1];
    const order = this.#sortOrder.subarray(0, n);
    for (let i = 0; i < n; i++) {
      order[starts[reverse ? max - num[i] : num[i] - min]++] = i;
    }
    return order;
  }
  #clear() {
    this.#filled = Math.max(this.#filled, this.bytes);
    this.#used = 0;
    this.#n = 0;
    this.#objKeys = [];
    this.#objBytes = 0;
    this.#keyCharsUsed = 0;
    this.#anyObj = false;
    this.#allNum = true;
    this.#smallInts = true;
  }
  /**
   * Frees the buffer before a merge. The merge's blocks take at most a
   * third of the budget (and 4 MiB, see MERGE_BYTES); the arena's pages
   * (touched to its limit while reading) would stay resident until V8's
   * next full collection, under a young generation that grows while
   * merging. Measured at V8's defaults on the 256 MiB bench corpus: sort
   * 64MiB peak 121-126 MiB, was 141 (the merge used the arena for its
   * blocks); same speed.
   */
  #release() {
    const buffers = [
      this.#arena,
      this.#num,
      this.#off,
      this.#len,
      this.#flags,
      this.#keyLen,
      this.#prefix,
      this.#keyChars,
      this.#sortOrder,
      this.#sortScratch
    ].map((a) => a.buffer);
    this.#arena = new Uint8Array(0);
    this.#view = new DataView(this.#arena.buffer);
    this.#cap = 0;
    this.#num = new Float64Array(0);
    this.#off = new Uint32Array(0);
    this.#len = new Uint32Array(0);
    this.#flags = new Uint8Array(0);
    this.#keyLen = new Uint32Array(0);
    this.#prefix = new Float64Array(0);
    this.#keyChars = new Uint16Array(0);
    this.#sortOrder = new Uint32Array(0);
    this.#sortScratch = new Uint32Array(0);
    this.#objKeys = [];
    this.#filled = 0;
    this.#staged = false;
    for (const b of buffers) b.transfer(0);
  }
  /**
   * Reads the fields of the entries `order[from, to)` and the bytes at
   * either end of their lines, and gives back a number made of them (kept,
   * so that the reads are not left out). A run is written in sorted order, each entry from a
   * place of its own in the arena: one cache miss after another, each waited
   * for after the copy before it. Read first by a loop that does nothing
   * else, they are waited for together: `sort()` of the 1 GiB bench corpus
   * in a 64 MiB budget spent 21% of its time writing runs instead of 26%.
   * A sort held whole hands its entries on in the same order, so it reads
   * them so too: over 256 MiB in a 1 GiB budget, 3.88 s became 3.19
   * (medians of 5 in turns).
   */
  #warm(order, from, to) {
    const arena = this.#arena;
    const flags = this.#flags;
    const len = this.#len;
    const off = this.#off;
    const num = this.#num;
    let x = 0;
    for (let j = from; j < to; j++) {
      const i = order[j];
      x ^= flags[i] ^ len[i] ^ num[i];
    }
    for (let j = from; j < to; j++) {
      const i = order[j];
      const o = off[i];
      x ^= arena[o] ^ arena[o + len[i]];
    }
    return x;
  }
  /** Writes the buffered entries as a sorted run. */
  async spill() {
    const n = this.#n;
    if (n === 0) return;
    const order = this.#order();
    const path = await this.#o.spill.file();
    const writer = await RunWriter.create(path, 0);
    this.#withStage();
    this.#staged = true;
    const arena = this.#arena;
    const view = this.#view;
    const stage = this.#stage;
    const base = this.#cap;
    const limit = base + stage;
    let p = base;
    const writeStaged = async () => {
      await writer.write(arena.subarray(base, p));
      p = base;
    };
    let warm = 0;
    try {
      for (let j = 0; j < n; j++) {
        if ((j & WARM_AHEAD - 1) === 0) {
          warm ^= this.#warm(order, j, Math.min(n, j + WARM_AHEAD));
        }
        const i = order[j];
        let flags = this.#flags[i];
        const len = this.#len[i];
        const kind = flags & KEY_MASK;
        let keyBytes;
        let keyUtf8 = -1;
        let size = 5 + len;
        if (kind === KEY_NUMBER) {
          size += 8;
        } else if (flags & KEY_TEXT && (keyUtf8 = utf8Length(this.#keyChars, this.#num[i], this.#keyLen[i])) !== -1 && 9 + keyUtf8 + len <= stage) {
          size += 4 + keyUtf8;
        } else if (kind === KEY_JSON) {
          keyUtf8 = -1;
          const key = this.#valueOf(i);
          if (typeof key === "string" && key.isWellFormed()) {
            keyBytes = encoder2.encode(key);
            flags |= KEY_TEXT;
          } else {
            keyBytes = encoder2.encode(jsonOf(key, "a key"));
            flags &= ~KEY_TEXT;
          }
          size += 4 + keyBytes.length;
        }
        if (p + size > limit) {
          await writeStaged();
          if (size > stage) {
            const big = new Uint8Array(size);
            const bigView = new DataView(big.buffer);
            bigView.setUint32(0, len, true);
            big[4] = flags;
            let q = 5;
            if (kind === KEY_NUMBER) {
              bigView.setFloat64(q, this.#num[i], true);
              q += 8;
            } else if (keyBytes !== void 0) {
              bigView.setUint32(q, keyBytes.length, true);
              big.set(keyBytes, q + 4);
              q += 4 + keyBytes.length;
            }
            const off2 = this.#off[i];
            big.set(arena.subarray(off2, off2 + len), q);
            await writer.write(big);
            continue;
          }
        }
        view.setUint32(p, len, true);
        arena[p + 4] = flags;
        p += 5;
        if (kind === KEY_NUMBER) {
          view.setFloat64(p, this.#num[i], true);
          p += 8;
        } else if (keyUtf8 !== -1) {
          view.setUint32(p, keyUtf8, true);
          putUtf8(this.#keyChars, this.#num[i], this.#keyLen[i], arena, p + 4);
          p += 4 + keyUtf8;
        } else if (keyBytes !== void 0) {
          view.setUint32(p, keyBytes.length, true);
          arena.set(keyBytes, p + 4);
          p += 4 + keyBytes.length;
        }
        const off = this.#off[i];
        arena.copyWithin(p, off, off + len);
        p += len;
      }
      await writeStaged();
      this.#warmth = warm;
      const bytes = await writer.close();
      this.#o.stats.count("runsWritten");
      this.#o.stats.count("bytesSpilled", bytes);
    } catch (error) {
      writer.abort();
      throw error;
    }
    this.#clear();
    await this.runs.add(path, this.#arena);
  }
  /**
   * All entries in sorted order, in chunks: straight from memory when
   * nothing was spilled, else merged from the runs, read into `pool` when
   * given (and large enough), else into the arena's memory.
   */
  async *sorted(pool) {
    if (this.runs.length > 0) {
      await this.spill();
      this.#release();
      yield* mergeAll(this.runs.paths, this.#o, pool);
      return;
    }
    const order = this.#order();
    const wantKeys = this.#o.wantKeys;
    const emit = new Emitter(wantKeys, this.#o.bytes);
    const arena = this.#arena;
    let warm = 0;
    for (let j = 0; j < order.length; j++) {
      if ((j & WARM_AHEAD - 1) === 0) {
        warm ^= this.#warm(order, j, Math.min(order.length, j + WARM_AHEAD));
      }
      const i = order[j];
      const flags = this.#flags[i];
      if (wantKeys) emit.key(this.#valueOf(i));
      if ((flags & (KEY_MASK | SELF_TEXT)) === KEY_ITEM) {
        emit.value(this.#objKeys[i]);
      } else if (flags & JSON_ITEM) {
        const off = this.#off[i];
        emit.value(parseJsonBytes(arena, off, this.#len[i]));
      } else {
        emit.raw(arena, this.#off[i], this.#len[i], (flags & ASCII_ITEM) !== 0);
      }
      if (emit.full) yield emit.take();
    }
    this.#warmth = warm;
    this.#clear();
    if (emit.count > 0) yield emit.take();
  }
  /**
   * Of the entries sorted, the item of each key's first, in batches: keys
   * the same as `===` says. Spilled, the keys are never decoded (see
   * Merger.firsts); `pool` as for {@linkcode sorted}.
   */
  async *firsts(pool) {
    if (this.runs.length > 0) {
      await this.spill();
      this.#release();
      yield* firstsAll(this.runs.paths, this.#o, pool);
      return;
    }
    let last;
    let any = false;
    for await (const { keys, items } of this.sorted(pool)) {
      const out = [];
      for (let j = 0; j < keys.length; j++) {
        if (any && keys[j] === last) continue;
        any = true;
        last = keys[j];
        out.push(items[j]);
      }
      if (out.length > 0) yield out;
    }
  }
};
function parseJsonBytes(buf, start, len) {
  if (buf[start] === 91) {
    const ints = intArray(buf, start, len);
    if (ints !== void 0) return ints;
  } else if (buf[start] === 110) {
    if (len === 4 && buf[start + 1] === 117 && buf[start + 2] === 108 && buf[start + 3] === 108) return null;
  } else {
    const n = intAt(buf, start, start + len);
    if (n === n) return n;
  }
  return JSON.parse(decoder.decode(buf.subarray(start, start + len)));
}
function intAt(buf, start, end) {
  const negative = buf[start] === 45;
  const first = negative ? start + 1 : start;
  const digits = end - first;
  if (digits < 1 || digits > 15 || digits > 1 && buf[first] === 48) {
    return NaN;
  }
  let v = 0;
  for (let i = first; i < end; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return NaN;
    v = 10 * v + d;
  }
  return negative ? -v : v;
}
var intsRead = [];
function intArray(buf, start, len) {
  const end = start + len - 1;
  if (len < 2 || buf[start] !== 91 || buf[end] !== 93) return void 0;
  let i = start + 1;
  if (i === end) return [];
  let n = 0;
  while (true) {
    const negative = buf[i] === 45;
    if (negative) i++;
    const first = i;
    let v = 0;
    while (i < end) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9) break;
      v = 10 * v + d;
      i++;
    }
    const digits = i - first;
    if (digits === 0 || digits > 15 || digits > 1 && buf[first] === 48) {
      return void 0;
    }
    intsRead[n++] = negative ? -v : v;
    if (i === end) break;
    if (buf[i] !== 44) return void 0;
    i++;
  }
  if (n === 1) return [
    intsRead[0]
  ];
  const out = new Array(n);
  for (let j = 0; j < n; j++) out[j] = intsRead[j];
  return out;
}
async function writeKeyedRun(writer, n, keyAt, jsonAt, direct) {
  for (let i = 0; i < n; i++) {
    let json;
    const units = direct === void 0 ? -1 : direct.keyLength(i);
    if (units >= 0) {
      const d = direct;
      if (d.jsonBytes < 0) json = jsonAt(i);
      const worst2 = 13 + 3 * units + (json === void 0 ? d.jsonBytes : 3 * json.length);
      const at2 = writer.fits(worst2) ? writer.take(worst2) : await writer.reserve(worst2);
      const buf2 = writer.buffer;
      const p2 = at2 + 5;
      const keyBytes = d.keyInto(i, buf2, p2 + 4);
      if (keyBytes >= 0) {
        buf2[at2 + 4] = JSON_ITEM | KEY_JSON | KEY_TEXT;
        writer.view.setUint32(p2, keyBytes, true);
        const q = p2 + 4 + keyBytes;
        const written2 = json === void 0 ? d.jsonInto(i, buf2, q) : encoder2.encodeInto(json, buf2.subarray(q, at2 + worst2)).written;
        writer.view.setUint32(at2, written2, true);
        writer.unreserve(at2 + worst2 - (q + written2));
        continue;
      }
      writer.unreserve(worst2);
    }
    json ??= jsonAt(i);
    const key = keyAt(i);
    const text = typeof key === "string" && key.isWellFormed();
    const keyText = typeof key === "number" ? "" : text ? key : jsonOf(key, "a key");
    const worst = 13 + 3 * keyText.length + 3 * json.length;
    const at = writer.fits(worst) ? writer.take(worst) : await writer.reserve(worst);
    const buf = writer.buffer;
    const view = writer.view;
    let p = at + 5;
    if (typeof key === "number") {
      buf[at + 4] = JSON_ITEM | KEY_NUMBER;
      view.setFloat64(p, key, true);
      p += 8;
    } else {
      buf[at + 4] = JSON_ITEM | KEY_JSON | (text ? KEY_TEXT : 0);
      const { written: written2 } = encoder2.encodeInto(keyText, buf.subarray(p + 4, at + worst));
      view.setUint32(p, written2, true);
      p += 4 + written2;
    }
    const { written } = encoder2.encodeInto(json, buf.subarray(p, at + worst));
    view.setUint32(at, written, true);
    writer.unreserve(at + worst - (p + written));
  }
}
function writeNumbered(writer, key, item) {
  let flags = KEY_NUMBER;
  let text;
  if (typeof item === "string" && item.indexOf("\n") === -1 && item.isWellFormed()) {
    text = item;
  } else {
    flags |= JSON_ITEM;
    text = jsonOf(item);
  }
  const worst = 13 + 3 * text.length;
  if (writer.fits(worst)) {
    putNumbered(writer, writer.take(worst), worst, flags, key, text);
    return void 0;
  }
  return writer.reserve(worst).then((at) => putNumbered(writer, at, worst, flags, key, text));
}
function putNumbered(writer, at, worst, flags, key, text) {
  const buf = writer.buffer;
  const view = writer.view;
  buf[at + 4] = flags;
  view.setFloat64(at + 5, key, true);
  const written = writer.putText(text, at + 13);
  if ((flags & JSON_ITEM) === 0 && written === text.length) {
    buf[at + 4] = flags | ASCII_ITEM;
  }
  view.setUint32(at, written, true);
  writer.unreserve(worst - 13 - written);
}
function readRun(path, o, pool) {
  return new Merger([
    path
  ], o, pool).entries();
}
function mergeFanIn(o) {
  return Math.max(2, Math.min(o.fanIn, Math.floor(o.budgetBytes / (3 * MIN_BLOCK))));
}
var RunList = class {
  /** The run files, in input order. */
  paths = [];
  #levels = [];
  #o;
  /** @param o How runs are merged (and where their files go). */
  constructor(o) {
    this.#o = o;
  }
  /** The number of runs. */
  get length() {
    return this.paths.length;
  }
  /**
   * Adds a spilled run; merges the last ones when they fill a level. `pool`
   * is memory the merge may read into.
   */
  async add(path, pool) {
    this.paths.push(path);
    this.#levels.push(0);
    const fanIn = mergeFanIn(this.#o);
    while (this.paths.length >= fanIn) {
      const n = this.paths.length;
      const level = this.#levels[n - 1];
      let same = 1;
      while (same < fanIn && this.#levels[n - 1 - same] === level) same++;
      if (same < fanIn) return;
      const group = this.paths.slice(n - fanIn);
      const merged = await mergeInto(group, this.#o, pool);
      this.paths.splice(n - fanIn, fanIn, merged);
      this.#levels.splice(n - fanIn, fanIn, level + 1);
      this.#o.stats.count("earlyMerges");
    }
  }
};
async function mergeInto(group, o, pool) {
  const path = await o.spill.file();
  const writer = await RunWriter.create(path);
  try {
    await new Merger(group, o, pool).copyTo(writer);
    const bytes = await writer.close();
    o.stats.count("runsWritten");
    o.stats.count("bytesSpilled", bytes);
  } catch (error) {
    writer.abort();
    throw error;
  }
  for (const r of group) await o.spill.discard(r);
  return path;
}
async function* mergeAll(runs, o, pool) {
  yield* new Merger(await mergeDown(runs, o, pool), o, pool).entries();
}
async function* firstsAll(runs, o, pool) {
  yield* new Merger(await mergeDown(runs, o, pool), o, pool).firsts();
}
async function mergeDown(runs, o, pool) {
  const fanIn = mergeFanIn(o);
  let current = runs;
  while (current.length > fanIn) {
    const next = [];
    for (let at = 0; at < current.length; at += fanIn) {
      const group = current.slice(at, at + fanIn);
      if (group.length === 1) {
        next.push(group[0]);
        continue;
      }
      next.push(await mergeInto(group, o, pool));
    }
    o.stats.count("mergePasses");
    current = next;
  }
  o.stats.count("mergePasses");
  return current;
}
function utf8Prefix(buf, at, len) {
  let prefix = 0;
  let open = true;
  for (let i = 0; i < 6; i++) {
    let byte = 0;
    if (open && i < len) {
      byte = buf[at + i];
      if (byte >= 238) {
        byte = 238;
        open = false;
      }
    }
    prefix = prefix * 256 + byte;
  }
  return prefix;
}
var Merger = class {
  #o;
  #readers;
  /**
   * Run r's key: by `#kind[r]`, `#keys[r]` (DECODED), `#num[r]` (NUMBER) or
   * the UTF-8 in its reader's buffer at `#keyAt[r]`, `#keyLen[r]` long (TEXT).
   */
  #keys;
  // Number keys stay unboxed: a double passed to `compare` is a new heap
  // number per comparison, young garbage that makes V8 collect (and grow
  // its young generation) sooner. With this, the byte loop and the ASCII
  // runs of the Emitter: the merge's own garbage per 256 lines of the bench
  // corpus measured 50 KiB, was about 105 KiB (sort, budget 16MiB).
  #num;
  #kind;
  // A string key of a merge in the default order stays bytes, compared as
  // such, and a merge that hands on its keys decodes each as it goes out.
  // Decoded as it was read, each run's current key was a string alive until
  // its record went out: with many runs, at every scavenge, so V8 grew its
  // young generation sooner (groupBy() by req, 16 MiB budget, 93 runs, over
  // 1 GiB: about 4.9 KB alive at each scavenge of the merge, not 2.5, and
  // semi-spaces of 8 MiB, not 4, for the last quarter of the run). Compared
  // byte by byte, such keys took 7% longer to merge than as strings; with
  // #pre, two keys whose first bytes differ compare as two numbers.
  #keyAt;
  #keyLen;
  /** A TEXT key's first bytes, as {@linkcode utf8Prefix} gives them. */
  #pre;
  #plain;
  #items;
  #decoded;
  #recStart;
  #payStart;
  #payLen;
  #flags;
  #heap = [];
  /**
   * @param runs The run files, in input order.
   * @param o How to merge.
   * @param pool Memory to cut the runs' blocks from, if there is any.
   */
  constructor(runs, o, pool) {
    this.#o = o;
    const k = runs.length;
    const block = Math.max(MIN_BLOCK, Math.min(MERGE_BLOCK, Math.floor(o.budgetBytes / (3 * k)), Math.floor(MERGE_BYTES / k)));
    const blocks = pool !== void 0 && pool.length >= block * k ? pool : new Uint8Array(block * k);
    this.#readers = runs.map((r, i) => new RunReader(r, blocks.subarray(i * block, (i + 1) * block)));
    this.#keys = new Array(k);
    this.#num = new Float64Array(k);
    this.#kind = new Uint8Array(k);
    this.#keyAt = new Int32Array(k);
    this.#keyLen = new Int32Array(k);
    this.#pre = new Float64Array(k);
    this.#plain = o.compare === defaultCompare;
    this.#items = new Array(k);
    this.#decoded = new Array(k).fill(false);
    this.#recStart = new Array(k).fill(0);
    this.#payStart = new Array(k).fill(0);
    this.#payLen = new Array(k).fill(0);
    this.#flags = new Array(k).fill(0);
  }
  /** Parses run r's next record; 0 when done, else the bytes it needs. */
  #parse(r) {
    const rd = this.#readers[r];
    const avail = rd.end - rd.start;
    if (avail < 5) return 5;
    const p = rd.start;
    const view = rd.view;
    const len = view.getUint32(p, true);
    const flags = rd.buffer[p + 4];
    const kind = flags & KEY_MASK;
    let at = p + 5;
    this.#kind[r] = DECODED;
    if (kind === KEY_NUMBER) {
      if (avail < 13 + len) return 13 + len;
      this.#num[r] = view.getFloat64(at, true);
      this.#kind[r] = NUMBER;
      at += 8;
    } else if (kind === KEY_JSON) {
      if (avail < 9) return 9;
      const kl = view.getUint32(at, true);
      if (avail < 9 + kl + len) return 9 + kl + len;
      if (flags & KEY_TEXT && this.#plain) {
        this.#kind[r] = TEXT;
        this.#keyAt[r] = at + 4;
        this.#keyLen[r] = kl;
        this.#pre[r] = utf8Prefix(rd.buffer, at + 4, kl);
        this.#keys[r] = void 0;
      } else {
        const text = decodeAt(rd.buffer, at + 4, kl);
        this.#keys[r] = flags & KEY_TEXT ? text : JSON.parse(text);
      }
      at += 4 + kl;
    } else if (avail < 5 + len) {
      return 5 + len;
    }
    this.#recStart[r] = p;
    this.#payStart[r] = at;
    this.#payLen[r] = len;
    this.#flags[r] = flags;
    rd.start = at + len;
    if (flags & SELF_TEXT && this.#plain) {
      this.#kind[r] = TEXT;
      this.#keyAt[r] = at;
      this.#keyLen[r] = len;
      this.#pre[r] = utf8Prefix(rd.buffer, at, len);
      this.#keys[r] = void 0;
      this.#decoded[r] = false;
    } else if (kind === KEY_ITEM || kind === KEY_NONE) {
      const text = decodeAt(rd.buffer, at, len);
      const item = flags & JSON_ITEM ? JSON.parse(text) : text;
      this.#items[r] = item;
      this.#keys[r] = item;
      this.#decoded[r] = true;
    } else {
      this.#decoded[r] = false;
    }
    return 0;
  }
  /** Moves run r to its next record; false when the run is used up. */
  async #advance(r) {
    while (true) {
      const need = this.#parse(r);
      if (need === 0) return true;
      const rd = this.#readers[r];
      const had = rd.end - rd.start;
      if (!await rd.more(need)) {
        if (rd.end - rd.start === 0 && had === 0) return false;
        throw new Error("A spill file of this run ends inside a record");
      }
    }
  }
  /** Run r's current key (a string kept as bytes decoded now). */
  #key(r) {
    const kind = this.#kind[r];
    if (kind === NUMBER) return this.#num[r];
    if (kind === TEXT) {
      const at = this.#keyAt[r];
      return decodeAt(this.#readers[r].buffer, at, this.#keyLen[r]);
    }
    return this.#keys[r];
  }
  #before(a, b) {
    const o = this.#o;
    if (this.#plain) {
      const ka = this.#kind[a];
      const kb = this.#kind[b];
      if (ka === NUMBER && kb === NUMBER) {
        const x = this.#num[a];
        const y = this.#num[b];
        if (x !== y) return o.reverse ? y < x : x < y;
        return a < b;
      }
      if (ka === TEXT && kb === TEXT) {
        const x = this.#pre[a];
        const y = this.#pre[b];
        if (x !== y) return o.reverse ? y < x : x < y;
        const c2 = compareUtf8(this.#readers[a].buffer, this.#keyAt[a], this.#keyLen[a], this.#readers[b].buffer, this.#keyAt[b], this.#keyLen[b]);
        if (c2 !== 0) return o.reverse ? c2 > 0 : c2 < 0;
        return a < b;
      }
      if (ka + kb === NUMBER + TEXT) {
        return o.reverse ? kb === NUMBER : ka === NUMBER;
      }
    }
    const c = o.reverse ? o.compare(this.#key(b), this.#key(a)) : o.compare(this.#key(a), this.#key(b));
    return c !== 0 ? c < 0 : a < b;
  }
  #down(at) {
    const heap = this.#heap;
    const n = heap.length;
    const r = heap[at];
    while (true) {
      let child = 2 * at + 1;
      if (child >= n) break;
      if (child + 1 < n && this.#before(heap[child + 1], heap[child])) {
        child++;
      }
      if (!this.#before(heap[child], r)) break;
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = r;
  }
  async #start() {
    const k = this.#readers.length;
    for (let r = 0; r < k; r++) if (await this.#advance(r)) this.#heap.push(r);
    for (let at = (this.#heap.length >> 1) - 1; at >= 0; at--) this.#down(at);
    this.#o.stats.hold(k, this.#readers.reduce((n, rd) => n + 3 * rd.buffer.length, 0));
  }
  /** Takes the top run r off the heap, or puts its next record in place. */
  #settle(more) {
    const heap = this.#heap;
    if (more) {
      this.#down(0);
      return;
    }
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      this.#down(0);
    }
  }
  /**
   * The merged entries, in chunks. Its reads never turn the event loop
   * (see RunReader): it turns it itself between chunks, after every
   * OUTPUT_TURN_ITEMS entries, so that timers and signals are not held up
   * by a long merge whatever reads it.
   */
  async *entries() {
    const wantKeys = this.#o.wantKeys;
    const emit = new Emitter(wantKeys, this.#o.bytes);
    const turns = new TurnCounter(OUTPUT_TURN_ITEMS);
    try {
      await this.#start();
      const heap = this.#heap;
      while (heap.length > 0) {
        const r = heap[0];
        if (wantKeys) emit.key(this.#key(r));
        if (this.#decoded[r]) {
          emit.value(this.#items[r]);
        } else {
          const rd = this.#readers[r];
          const start = this.#payStart[r];
          const len = this.#payLen[r];
          if (this.#flags[r] & JSON_ITEM) {
            emit.value(parseJsonBytes(rd.buffer, start, len));
          } else {
            emit.raw(rd.buffer, start, len, (this.#flags[r] & ASCII_ITEM) !== 0);
          }
        }
        if (this.#parse(r) === 0) this.#down(0);
        else this.#settle(await this.#advance(r));
        if (emit.full) {
          const n = emit.count;
          yield emit.take();
          const turn = turns.after(n);
          if (turn !== void 0) await turn;
        }
      }
      if (emit.count > 0) yield emit.take();
    } finally {
      for (const rd of this.#readers) rd.close();
    }
  }
  /**
   * Of the merged entries, the item of each key's first, in batches: keys
   * the same as `===` says, a string key told from the one before by its
   * bytes, never decoded.
   */
  async *firsts() {
    const turns = new TurnCounter(OUTPUT_TURN_ITEMS);
    let kind = -1;
    let num = 0;
    let value;
    let text = new Uint8Array(256);
    let textLen = 0;
    let out = [];
    let seen = 0;
    try {
      await this.#start();
      const heap = this.#heap;
      while (heap.length > 0) {
        const r = heap[0];
        const rd = this.#readers[r];
        const k = this.#kind[r];
        let same = k === kind;
        if (k === NUMBER) {
          same &&= this.#num[r] === num;
          num = this.#num[r];
        } else if (k === TEXT) {
          const at = this.#keyAt[r];
          const len = this.#keyLen[r];
          same &&= compareUtf8(rd.buffer, at, len, text, 0, textLen) === 0;
          if (!same) {
            if (len > text.length) text = new Uint8Array(2 * len);
            copyBytes(rd.buffer, at, len, text, 0);
            textLen = len;
          }
        } else {
          same &&= this.#keys[r] === value;
          value = this.#keys[r];
        }
        kind = k;
        if (!same) {
          if (this.#decoded[r]) {
            out.push(this.#items[r]);
          } else {
            const start = this.#payStart[r];
            const len = this.#payLen[r];
            out.push(this.#flags[r] & JSON_ITEM ? parseJsonBytes(rd.buffer, start, len) : decodeAt(rd.buffer, start, len));
          }
        }
        if (this.#parse(r) === 0) this.#down(0);
        else this.#settle(await this.#advance(r));
        if (++seen === OUT_BATCH) {
          seen = 0;
          if (out.length > 0) {
            const n = out.length;
            yield out;
            out = [];
            const turn = turns.after(n);
            if (turn !== void 0) await turn;
          }
        }
      }
      if (out.length > 0) yield out;
    } finally {
      for (const rd of this.#readers) rd.close();
    }
  }
  /** Writes the merged records to `writer` as they are. */
  async copyTo(writer) {
    try {
      await this.#start();
      const heap = this.#heap;
      while (heap.length > 0) {
        const r = heap[0];
        const rd = this.#readers[r];
        const start = this.#recStart[r];
        const size = this.#payStart[r] + this.#payLen[r] - start;
        let at;
        if (writer.fits(size)) at = writer.take(size);
        else {
          at = await writer.reserve(size);
          await eventLoopTurn();
        }
        copyBytes(rd.buffer, start, size, writer.buffer, at);
        if (this.#parse(r) === 0) this.#down(0);
        else this.#settle(await this.#advance(r));
      }
    } finally {
      for (const rd of this.#readers) rd.close();
    }
  }
};

export {
  copyBytes,
  SpillDir,
  RunWriter,
  RunReader,
  KeyIndex,
  ExternalSorter,
  writeKeyedRun,
  writeNumbered,
  readRun,
  RunList,
  mergeAll
};
