// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/core/_bytes.ts
var LF = 10;
function wordsOf(buf) {
  return new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
}
var LANE_WORDS = 255;
function lfCount(buf, words, from, to) {
  let n = 0;
  let i = from;
  for (; i < to && (i & 3) !== 0; i++) if (buf[i] === LF) n++;
  const last = (to & ~3) >>> 2;
  let w = i >>> 2;
  while (w < last) {
    const stop = Math.min(last, w + LANE_WORDS);
    let lanes = 0;
    for (; w < stop; w++) {
      const x = words[w] ^ 168430090;
      lanes += ~((x & 2139062143) + 2139062143 | x | 2139062143) >>> 7;
    }
    lanes = (lanes & 16711935) + (lanes >>> 8 & 16711935);
    n += (lanes & 65535) + (lanes >>> 16);
  }
  for (i = Math.max(i, last << 2); i < to; i++) if (buf[i] === LF) n++;
  return n;
}
function foldsBytes(literal) {
  if (literal === "" || /[\r\nisIS]/.test(literal)) return false;
  for (let i = 0; i < literal.length; i++) {
    if (literal.charCodeAt(i) > 127) return false;
  }
  return true;
}
function foldedRegExp(literal, flags) {
  return new RegExp(escapeLiteral(literal), flags + "i");
}
function escapeLiteral(text) {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}
function base64Bytes(base64) {
  if (typeof Uint8Array.fromBase64 === "function") {
    return Uint8Array.fromBase64(base64);
  }
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export {
  wordsOf,
  lfCount,
  foldsBytes,
  foldedRegExp,
  escapeLiteral,
  base64Bytes
};
