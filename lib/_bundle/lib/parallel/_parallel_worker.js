// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  errorReply,
  heapFigures,
  postToParent,
  serveTasks
} from "../../chunk-3PYIGKZJ.js";
import {
  readRange
} from "../../chunk-ZUK3RJMQ.js";
import {
  packItems,
  transferOf,
  unpackItems
} from "../../chunk-DCQUZAZK.js";
import "../../chunk-JEJGDMZV.js";
import "../../chunk-R3JU4EVG.js";
import "../../chunk-R7VB6IFH.js";
import "../../chunk-XSXS6JZV.js";
import "../../chunk-Z7NS7ZUO.js";
import {
  isThenable
} from "../../chunk-FFM2QZVY.js";
import "../../chunk-LTYBISTW.js";
import "../../chunk-LHRNZXWF.js";

// lib/parallel/_parallel_worker.ts
var fn;
var PART_CHARS = 32 * 1024;
var PART_ITEMS = 1024;
var ENCODED_BYTES = 256 * 1024;
var encoder = new TextEncoder();
var seq = 0;
var out = [];
var positions;
var first = 1;
var inParts = false;
var chars = 0;
var failedAt;
var compacted = 0;
var asBytes = true;
var encoded = new Uint8Array(ENCODED_BYTES);
var encodedBytes = 0;
var sizes = new Uint32Array(PART_ITEMS);
function compact() {
  const n = out.length;
  if (n - compacted < 1) return;
  for (let i = compacted; i < n; i++) {
    if (typeof out[i] !== "string") {
      if (asBytes) asStrings();
      compacted = n;
      return;
    }
  }
  const text = out.slice(compacted).join("");
  chars += text.length;
  if (asBytes && inParts && text.isWellFormed()) {
    encode(text, n);
    return;
  }
  if (asBytes) asStrings();
  let at = 0;
  for (let i = compacted; i < n; i++) {
    const length = out[i].length;
    out[i] = text.slice(at, at + length);
    at += length;
  }
  compacted = n;
}
function encode(text, n) {
  if (encoded.length - encodedBytes < text.length * 3) {
    const grown = new Uint8Array(Math.max(encoded.length * 2, encodedBytes + text.length * 3));
    grown.set(encoded.subarray(0, encodedBytes));
    encoded = grown;
  }
  if (sizes.length < n) {
    const grown = new Uint32Array(Math.max(sizes.length * 2, n));
    grown.set(sizes.subarray(0, compacted));
    sizes = grown;
  }
  encodedBytes += encoder.encodeInto(text, encoded.subarray(encodedBytes)).written;
  for (let i = compacted; i < n; i++) {
    sizes[i] = out[i].length;
    out[i] = 0;
  }
  compacted = n;
}
function asStrings() {
  asBytes = false;
  if (compacted === 0) return;
  const strings = unpackItems({
    bytes: encoded.subarray(0, encodedBytes),
    lengths: sizes.subarray(0, compacted)
  });
  for (let i = 0; i < compacted; i++) out[i] = strings[i];
  encodedBytes = 0;
}
async function apply(items, firstLine, numbers) {
  const f = fn;
  for (let i = 0; i < items.length; i++) {
    let r;
    try {
      r = f(items[i]);
      if (isThenable(r)) r = await r;
    } catch (error) {
      failedAt = {
        index: i,
        line: numbers?.[i] ?? firstLine + i
      };
      throw error;
    }
    if (r === void 0) continue;
    const position = numbers?.[i] ?? firstLine + i;
    if (positions === void 0 && position !== first + out.length) {
      if (inParts && out.length === 0) first = position;
      else positions = out.map((_, k) => first + k);
    }
    out.push(r);
    positions?.push(position);
  }
  compact();
  if (inParts && (chars >= PART_CHARS || out.length >= PART_ITEMS)) {
    const part = batch();
    postToParent({
      type: "part",
      seq,
      part,
      ...heapFigures()
    }, transferOf(part));
  }
}
function batch() {
  const packed = {
    ...asBytes && compacted > 0 && compacted === out.length ? {
      bytes: encoded.slice(0, encodedBytes),
      lengths: sizes.slice(0, compacted)
    } : packItems(out, true),
    ...positions === void 0 ? {
      first
    } : {
      lines: positions
    }
  };
  fresh();
  return packed;
}
function fresh() {
  out = [];
  positions = void 0;
  first = 1;
  chars = 0;
  compacted = 0;
  asBytes = true;
  encodedBytes = 0;
  if (encoded.length > ENCODED_BYTES) encoded = new Uint8Array(ENCODED_BYTES);
  if (sizes.length > PART_ITEMS) sizes = new Uint32Array(PART_ITEMS);
}
async function load(init) {
  const mod = await import(init.module);
  const candidate = mod[init.exportName];
  if (typeof candidate !== "function") {
    throw new TypeError(`${init.module} has no function export "${init.exportName}", got ${typeof candidate}`);
  }
  fn = candidate;
}
async function work(message) {
  seq = message.seq;
  fresh();
  inParts = message.type === "range";
  failedAt = void 0;
  let count = 0;
  try {
    if (message.type === "range") {
      count = await readRange(message.source, message.start, message.end, apply);
    } else {
      await apply(unpackItems(message), 1, void 0);
    }
    const packed = batch();
    postToParent({
      ...packed,
      type: "result",
      seq,
      count,
      ...heapFigures()
    }, transferOf(packed));
  } catch (error) {
    const failed = failedAt;
    postToParent(errorReply(seq, error, failed));
  }
}
serveTasks(load, work);
