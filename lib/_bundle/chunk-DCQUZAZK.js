// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/core/_pack.ts
var encoder = new TextEncoder();
var decoder = new TextDecoder("utf-8", {
  ignoreBOM: true
});
function packItems(items, asBytes = false) {
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== "string") return {
      items
    };
  }
  const lengths = new Uint32Array(items.length);
  for (let i = 0; i < items.length; i++) {
    lengths[i] = items[i].length;
  }
  const text = items.join("");
  if (asBytes && text.isWellFormed()) {
    return {
      bytes: encoder.encode(text),
      lengths
    };
  }
  return {
    text,
    lengths
  };
}
function transferOf(packed) {
  return packed.bytes === void 0 ? [] : [
    packed.bytes.buffer
  ];
}
function unpackItems(message) {
  if (message.items !== void 0) return message.items;
  const lengths = message.lengths;
  const text = message.bytes !== void 0 ? decoder.decode(message.bytes) : message.text;
  const out = new Array(lengths.length);
  let at = 0;
  for (let i = 0; i < out.length; i++) {
    const length = lengths[i];
    if (length === 0) {
      out[i] = "";
      continue;
    }
    out[i] = text.slice(at, at + length);
    at += length;
  }
  return out;
}

export {
  packItems,
  transferOf,
  unpackItems
};
