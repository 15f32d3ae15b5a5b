// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/core/_bytes.ts
var LF = 10;
function wordsOf(buf) {
  return new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
}
function firstNonAscii(buf, words, from, to) {
  let i = from;
  const head = Math.min(to, from + 3 & ~3);
  for (; i < head; i++) if (buf[i] >= 128) return i;
  const wordEnd = to >>> 2;
  let w = i >>> 2;
  for (; w + 16 <= wordEnd; w += 16) {
    if (((words[w] | words[w + 1] | words[w + 2] | words[w + 3] | words[w + 4] | words[w + 5] | words[w + 6] | words[w + 7] | words[w + 8] | words[w + 9] | words[w + 10] | words[w + 11] | words[w + 12] | words[w + 13] | words[w + 14] | words[w + 15]) & 2155905152) !== 0) break;
  }
  for (; w + 4 <= wordEnd; w += 4) {
    if (((words[w] | words[w + 1] | words[w + 2] | words[w + 3]) & 2155905152) !== 0) break;
  }
  for (; w < wordEnd; w++) {
    if ((words[w] & 2155905152) !== 0) {
      for (let j = w * 4; ; j++) if (buf[j] >= 128) return j;
    }
  }
  for (i = Math.max(i, wordEnd * 4); i < to; i++) {
    if (buf[i] >= 128) return i;
  }
  return -1;
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
  firstNonAscii,
  lfCount,
  foldsBytes,
  foldedRegExp,
  escapeLiteral,
  base64Bytes
};
