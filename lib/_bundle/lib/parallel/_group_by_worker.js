// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  GroupTable,
  loadGroupSpec
} from "../../chunk-H7B7X4FO.js";
import "../../chunk-GB27EYZX.js";
import "../../chunk-I2QBOOKM.js";
import {
  errorReply,
  heapFigures,
  postToParent,
  serveTasks
} from "../../chunk-3PYIGKZJ.js";
import {
  readRange
} from "../../chunk-ZUK3RJMQ.js";
import "../../chunk-DIWDEBFX.js";
import "../../chunk-HIO6RDNE.js";
import "../../chunk-7IW3YWLL.js";
import {
  mergesInAnyOrder,
  numberReadingOf
} from "../../chunk-NAUBBTV2.js";
import "../../chunk-4TGYKUN4.js";
import "../../chunk-JEJGDMZV.js";
import "../../chunk-R3JU4EVG.js";
import {
  base64Bytes
} from "../../chunk-R7VB6IFH.js";
import "../../chunk-E2F53XKZ.js";
import "../../chunk-XSXS6JZV.js";
import "../../chunk-Z7NS7ZUO.js";
import "../../chunk-65U4WM43.js";
import "../../chunk-LTYBISTW.js";
import {
  lineReadingOf
} from "../../chunk-RJWQ7O3S.js";
import "../../chunk-4W7FL7Y6.js";
import "../../chunk-LHRNZXWF.js";

// lib/parallel/_group_scan_wasm.ts
var GROUP_SCAN_WASM_BASE64 = "AGFzbQEAAAABLAZgCH9/f39/f39/AGAAAX9gAn9/AX9gAn9/AXxgA39/fwF/YAV/f39/fwF/AwoJAAEBAQIDBAQFBQMBAAEGcxZ/AUEAC38BQQALfwFBAAt/AUEBC38BQQALfwFBAAt/AUEAC38BQX8LfwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQALfwBBgCALfwBBIAt/AEEEC38AQYAQC38AQYCABAsHWQoGbWVtb3J5AgAEa2V5cwMNBGZ1bGwDDgRuZXh0Aw8EbG9uZwMQBGluaXQAAAprZXlPZmZzZXRzAAEKa2V5TGVuZ3RocwACCGtleUJ5dGVzAAMEc2NhbgAICtoNCXwBAn8gACQAIAEkASACJAIgAyQEIAQkBSADIxMjEmxqJAYgBSQHIAYkAwJAA0AgCCAETw0BIAMgCCMSbGohCSAJIAkoAhAtAAD9D/0LBAAgCEEBaiEIDAALCyAHJAggByMRQQJ0aiQJIwkjFEECdGokCiMKIxRBAnRqJAsLBAAjCQsEACMKCwQAIwsLtwIBCH9BxbvyiHghAiAAIQMCQANAIAMgAU8NASADLQAAIQQgBEGAAU8EQEF/DwsgAiAEc0GTg4AIbCECIANBAWohAwwACwsgASAAayEHIAIjEUEBa3EhBQNAIwggBUECdGooAgAhBiAGRQRAIw0jFE8jDCAHaiMVS3IEQEEBJA5Bfw8LIwsjDGogACAH/AoAACMJIw1BAnRqIww2AgAjCiMNQQJ0aiAHNgIAIwwgB2okDCMNQQFqJA0jCCAFQQJ0aiMNNgIAIw1BAWsPCyAGQQFrIQYjCiAGQQJ0aigCACAHRgRAIwsjCSAGQQJ0aigCAGohCEEAIQkCQANAIAkgB08EQCAGDwsgCCAJai0AACAAIAlqLQAARw0BIAlBAWohCQwACwsLIAVBAWojEUEBa3EhBQwAC0F/C7YBAwF/AX4DfyAAIAFJBEAgAC0AAEEtRgRAQQEhAiAAQQFqIQALCyAAIQYCQANAIAAgAU8NASAALQAAQTBrIQUgBUEJSwRAIAVBcEYNAkQAAAAAAAD4fw8LIANCCn4gBa18IQMgBEEBaiEEIABBAWohAAwACwsgBEUgBEEPS3IEQEQAAAAAAAD4fw8LIAYtAABBMEYgBEEBSyACcnEEQEQAAAAAAAD4fw8LIAIEQCADupoPCyADugs0AQF/A0AgAyACTwRAQQEPCyAAIANqLQAAIAEgA2otAABHBEBBAA8LIANBAWohAwwAC0EACyYAIAAgAUsEQCAAQQFrLQAAQSBHBEBBAA8LCyACQQBIIAIgAEpyC/4HBQJ/AXsQfwF8AX9BACQQAkADQCAFIANPDQEgACACTw0BIAAhBkF/IQpBASEMQQEhD0EAIRBBfyESQX8hE0F/IRRBACERAkADQCARIwVPDQEjBiARQQJ0akF/NgIAIBFBAWohEQwACwsCQANAIAYgAU8NAyAG/QAEACEHQf//AyELIAf9DCAgICAgICAgICAgICAgICD9Jv1kIQggCARAIAYgCGhqIQkgCSABTw0EIAktAABBCkcEQEEAIQwDQCAGIAFPDQYgBv0ABAD9DAoKCgoKCgoKCgoKCgoKCgr9I/1kIQggCARAIAYgCGhqIQogCiABTw0HDAULIAZBEGohBgwACwsgCSEKQQEgCiAGa3RBAWshCwsgE0EASCMHQQBIcQRAIAsgB/0MICAgICAgICAgICAgICAgIP0j/WRxIQ0gEkEASARAIA1B//8DcyALcSANQQF0IA9ycSEOIA5pIREgECARaiMDTwRAIwMgEGtBAWshEQJAA0AgEUUNASAOIA5BAWtxIQ4gEUEBayERDAALCyAOaCEJIAYgCWohEiANQQIgCXRBAWtBf3NxIQ0FIBAgEWohECANQQ92QQFxIQ8LCyASQQBOBEAgDQRAIAYgDWhqIRMFIApBAE4EQCAKIRMLCwsLIwUEQCAUQQBIBEAgCyAH/QwiIiIiIiIiIiIiIiIiIiIi/SP9ZHEhCCAIBEAgBiAIaGohFAsLQQAhEQNAIwQgESMSbGohFSAVKAIUIRYgCyAHIBX9AAQA/SMgBiAWav0ABAD9DD09PT09PT09PT09PT09PT39I/1O/WRxIQgCQANAIAhFDQEgBiAIaGohCSAIIAhBAWtxIQggCSAVKAIQIBYQBgRAIwYgEUECdGogCTYCAAsMAAsLIBFBAWohESARIwVJDQALCyAKQQBODQEgBkEQaiEGDAALCyAKIABrIARLBEBBASQQDAILIwIgBUECdGogCjYCAEF/IRkCQCAMRQ0AIAAtAABB+wBGDQBBACERAkADQCARIwVPDQEjBCARIxJsaiEVIwYgEUECdGooAgAhFyAXQQBOBEAgFyAAIBQQB0UNAyAXIBUoAhRqQQFqIRcLIBEjB0YEQCAXQQBIDQMgFyAKSSAXLQAAQSJGcQ0DIBchEiAXIRMCQANAIBMgCk8NASATLQAAQSBGDQEgE0EBaiETDAALCwsgFSgCGARARAAAAAAAAPh/IRggF0EATgRAIBcgChAFIRggGCAYYg0ECyMBIAUjBWwgEWpBA3RqIBg5AwALIBFBAWohEQwACwsgE0EASA0AIBIgExAEIRkLIwAgBUECdGogGTYCACAFQQFqIQUgCkEBaiEADAALCyAAJA8gBQs=";

// lib/parallel/_group_scan.ts
var SCAN_READ_BYTES = 128 * 1024;
var BUFFER_BYTES = 2 * SCAN_READ_BYTES;
var SLACK = 128;
var MAX_NAME = 64;
var MAX_NAMES = 4;
var NAME_ENTRY = 32;
var CAP = 4096;
var KEY_SLOTS = 4096;
var MAX_KEYS = 2048;
var KEY_BYTES = 65536;
var PAGE = 65536;
var compiled;
function groupScanOf(spec2) {
  const key = lineReadingOf(spec2.key);
  if (key === void 0) return void 0;
  const names = [];
  const fields = [];
  const indexOf = (name) => {
    let k = names.indexOf(name);
    if (k === -1) {
      k = names.length;
      names.push(name);
      fields.push(void 0);
    }
    return k;
  };
  let word = 0;
  let keyField = -1;
  if ("word" in key) {
    word = Math.min(key.word, 1 << 30);
  } else if ("field" in key && plainName(key.field)) {
    keyField = indexOf(key.field);
  } else return void 0;
  const list = [];
  for (const reducer of spec2.named.list) {
    const reading = numberReadingOf(reducer);
    if (reading === void 0) return void 0;
    let k = -1;
    if (reading.field !== void 0) {
      const got = lineReadingOf(reading.field);
      if (got === void 0 || !("numberField" in got)) return void 0;
      if (!plainName(got.numberField)) return void 0;
      k = indexOf(got.numberField);
      fields[k] = reading.field;
    }
    const at = k;
    list.push(reading.remake((row) => at === -1 ? void 0 : row[at]));
  }
  if (names.length > MAX_NAMES) return void 0;
  return new GroupScan(spec2.key, word, keyField, names, fields, {
    names: spec2.named.names,
    list
  });
}
function plainName(name) {
  if (name.length === 0 || name.length > MAX_NAME) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c <= 32 || c >= 127 || c === 34 || c === 61) return false;
  }
  return true;
}
var GroupScan = class {
  /** The reducers, made over each line's row. */
  named;
  buffer;
  lines = 0;
  /** Set when a range's read gives up (see start and read). */
  done = false;
  /** Set when a line read here failed: the error's line is `line`. */
  failed = false;
  #ex;
  #key;
  /** The getter of each name whose value is a number, by its index. */
  #fields;
  /** The indexes of those names. */
  #numbers;
  #ids;
  #vals;
  #ends;
  /** Each key's text, by its id, once it is decoded. */
  #texts = [];
  /** Each id's slot in the table + 1 (0 for none yet), while it holds. */
  #slots = new Int32Array(MAX_KEYS);
  #emptied = -1;
  #row;
  #decoder = new TextDecoder("utf-8", {
    ignoreBOM: true
  });
  #table;
  #over;
  #cap = Infinity;
  /** The number of the line being read, within the range, from 1. */
  line = 0;
  constructor(key, word, keyField, names, fields, named) {
    this.#key = key;
    this.#fields = fields;
    this.#numbers = [];
    for (let k = 0; k < fields.length; k++) {
      if (fields[k] !== void 0) this.#numbers.push(k);
    }
    this.#row = new Array(names.length).fill(void 0);
    this.named = named;
    compiled ??= new WebAssembly.Module(base64Bytes(GROUP_SCAN_WASM_BASE64));
    const ids = BUFFER_BYTES + SLACK;
    const vals = ids + 4 * CAP;
    const ends = vals + 8 * MAX_NAMES * CAP;
    const entries = ends + 4 * CAP;
    const bytes = entries + NAME_ENTRY * MAX_NAMES + 4 * MAX_NAMES;
    const table2 = bytes + MAX_NAME * MAX_NAMES + SLACK;
    const size = table2 + 4 * KEY_SLOTS + 8 * MAX_KEYS + KEY_BYTES + SLACK;
    this.#ex = new WebAssembly.Instance(compiled).exports;
    const grow = Math.ceil(size / PAGE) - this.#ex.memory.buffer.byteLength / PAGE;
    if (grow > 0) this.#ex.memory.grow(grow);
    const all = new Uint8Array(this.#ex.memory.buffer);
    const words = new Int32Array(all.buffer);
    this.buffer = all.subarray(0, BUFFER_BYTES);
    const encoder = new TextEncoder();
    for (let k = 0; k < names.length; k++) {
      const at = bytes + MAX_NAME * k;
      const utf8 = encoder.encode(names[k]);
      all.set(utf8, at);
      const entry = entries + NAME_ENTRY * k >>> 2;
      words[entry + 4] = at;
      words[entry + 5] = utf8.length;
      words[entry + 6] = fields[k] === void 0 ? 0 : 1;
    }
    this.#ex.init(ids, vals, ends, entries, names.length, keyField, word, table2);
    this.#ids = new Int32Array(all.buffer, ids, CAP);
    this.#vals = new Float64Array(all.buffer, vals, MAX_NAMES * CAP);
    this.#ends = new Int32Array(all.buffer, ends, CAP);
  }
  /**
   * Where the lines go: `table`, and `over` is called when it holds `cap`
   * bytes or more (it may empty the table).
   */
  into(table2, cap, over) {
    this.#table = table2;
    this.#emptied = -1;
    this.#cap = cap;
    this.#over = over;
  }
  /**
   * Whether the table of keys filled up: new keys are read as text from
   * then on, and so are the ranges after this one.
   */
  get full() {
    return this.#ex.full.value !== 0;
  }
  /** Before a range: its lines are numbered from 1. */
  start() {
    this.line = 0;
    this.done = false;
    this.failed = false;
  }
  /** Lines read as text, decoded here or given so (see addText). */
  textLines = 0;
  /** Adds a line given as text, as the getters read it. */
  addText(line) {
    this.textLines++;
    const row = this.#row;
    const fields = this.#fields;
    for (const k of this.#numbers) {
      row[k] = fields[k](line);
    }
    this.#table.add(this.#key(line), row);
    if (this.#table.held >= this.#cap) this.#hand();
  }
  /**
   * Hands the table on (see into), which empties it: the ids' slots are
   * forgotten.
   */
  #hand() {
    this.#over();
    this.#forget();
  }
  /** Forgets the ids' slots when the table was emptied since they were had. */
  #forget() {
    const emptied = this.#table.emptied;
    if (emptied !== this.#emptied) {
      this.#slots.fill(0);
      this.#emptied = emptied;
    }
  }
  read(n, limit, maxLine) {
    this.lines = 0;
    let p = 0;
    try {
      p = this.#read(n, limit, maxLine);
    } catch (error) {
      this.failed = true;
      throw error;
    }
    return p;
  }
  #read(n, limit, maxLine) {
    const ex = this.#ex;
    const ids = this.#ids;
    const vals = this.#vals;
    const ends = this.#ends;
    const buf = this.buffer;
    const table2 = this.#table;
    const row = this.#row;
    const slots = this.#slots;
    const numbers = this.#numbers;
    const width = row.length;
    this.#forget();
    let p = 0;
    while (true) {
      const count = ex.scan(p, n, limit, CAP, maxLine);
      let s = p;
      for (let i = 0; i < count; i++) {
        this.line++;
        const e = ends[i];
        const id = ids[i];
        if (id < 0) {
          this.addText(this.#decoder.decode(buf.subarray(s, e > s && buf[e - 1] === 13 ? e - 1 : e)));
          s = e + 1;
          continue;
        }
        s = e + 1;
        for (let j = 0; j < numbers.length; j++) {
          const k = numbers[j];
          const v = vals[i * width + k];
          row[k] = v === v ? v : void 0;
        }
        const slot = slots[id] - 1;
        if (slot >= 0) table2.addAt(slot, row);
        else slots[id] = table2.add(this.#keyText(id), row) + 1;
        if (table2.held >= this.#cap) this.#hand();
      }
      this.lines += count;
      p = ex.next.value;
      if (ex.long.value !== 0 || ex.full.value !== 0) {
        this.done = true;
        return p;
      }
      if (count < CAP) return p;
    }
  }
  /** The text of key `id`, decoded once. */
  #keyText(id) {
    let text = this.#texts[id];
    if (text === void 0) {
      const ex = this.#ex;
      const all = new Uint8Array(ex.memory.buffer);
      const off = new Int32Array(ex.memory.buffer, ex.keyOffsets(), MAX_KEYS);
      const len = new Int32Array(ex.memory.buffer, ex.keyLengths(), MAX_KEYS);
      const at = ex.keyBytes() + off[id];
      text = this.#decoder.decode(all.subarray(at, at + len[id]));
      this.#texts[id] = text;
    }
    return text;
  }
};

// lib/parallel/_group_by_worker.ts
var spec;
var scan;
var table;
var capBytes = Infinity;
var keeps = false;
var seq = 0;
var failedAt;
function sendPart() {
  postToParent({
    type: "part",
    seq,
    part: table.takeEncoded(),
    ...heapFigures()
  });
}
function addLines(items, firstLine, numbers) {
  const key = spec.key;
  const t = table;
  const cap = capBytes;
  let i = 0;
  try {
    if (scan !== void 0) {
      for (; i < items.length; i++) scan.addText(items[i]);
      return;
    }
    for (; i < items.length; i++) {
      const item = items[i];
      t.add(key(item), item);
      if (t.held >= cap) sendPart();
    }
  } catch (error) {
    failedAt = {
      index: i,
      line: numbers?.[i] ?? firstLine + i
    };
    throw error;
  }
}
async function load(init) {
  capBytes = init.capBytes;
  spec = await loadGroupSpec("parallelGroupBy", init.module, init.exportName, init.params);
  scan = groupScanOf(spec);
  const named = scan?.named ?? spec.named;
  table = new GroupTable(named);
  scan?.into(table, capBytes, sendPart);
  keeps = named.list.every(mergesInAnyOrder);
}
async function work(message) {
  seq = message.seq;
  failedAt = void 0;
  const flush = message.type === "flush";
  if (!flush && !keeps) table.clear();
  try {
    let count = 0;
    if (!flush) {
      const bytes = scan !== void 0 && !scan.full && !message.source.fatal ? scan : void 0;
      bytes?.start();
      try {
        count = await readRange(message.source, message.start, message.end, addLines, bytes);
      } catch (error) {
        if (failedAt === void 0 && bytes?.failed === true) {
          failedAt = {
            index: bytes.line - 1,
            line: bytes.line
          };
        }
        throw error;
      }
    }
    postToParent({
      type: "result",
      seq,
      count,
      partial: flush || !keeps ? table.takeEncoded() : void 0,
      ...heapFigures()
    });
  } catch (error) {
    const failed = failedAt;
    postToParent(errorReply(seq, error, failed));
  }
}
serveTasks(load, work);
