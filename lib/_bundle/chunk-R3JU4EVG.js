// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/io/_utf8.ts
function isContinuation(b) {
  return (b & 192) === 128;
}
function sequenceLength(b) {
  if (b < 128) return 1;
  if (b >= 194 && b <= 223) return 2;
  if (b >= 224 && b <= 239) return 3;
  if (b >= 240 && b <= 244) return 4;
  return 0;
}
function firstInvalidUtf8(bytes, start, end) {
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 128) {
      i++;
      continue;
    }
    const len = sequenceLength(b);
    if (len === 0) return i;
    let lower = 128;
    let upper = 191;
    if (b === 224) lower = 160;
    else if (b === 237) upper = 159;
    else if (b === 240) lower = 144;
    else if (b === 244) upper = 143;
    for (let k = 1; k < len; k++) {
      if (i + k >= end) return i;
      const c = bytes[i + k];
      if (k === 1 ? c < lower || c > upper : !isContinuation(c)) return i;
    }
    i += len;
  }
  return -1;
}
function cutPoint(bytes, start, limit) {
  const k = start + limit;
  if (!isContinuation(bytes[k])) return k;
  let j = k - 1;
  while (j > k - 4 && isContinuation(bytes[j])) j--;
  const len = sequenceLength(bytes[j]);
  return len > 1 && j + len > k && j > start ? j : k;
}

// lib/io/lossless.ts
var UNTERMINATED = "\uDC0A";
var fatal = new TextDecoder("utf-8", {
  fatal: true,
  ignoreBOM: true
});
var encoder = new TextEncoder();
function decodeLossless(bytes) {
  try {
    return fatal.decode(bytes);
  } catch {
    return escapeDecode(bytes);
  }
}
function escapeDecode(bytes) {
  const parts = [];
  let from = 0;
  while (from < bytes.length) {
    const bad = firstInvalidUtf8(bytes, from, bytes.length);
    if (bad === -1) {
      parts.push(fatal.decode(bytes.subarray(from)));
      break;
    }
    if (bad > from) parts.push(fatal.decode(bytes.subarray(from, bad)));
    parts.push(String.fromCharCode(56320 | bytes[bad]));
    from = bad + 1;
  }
  return parts.join("");
}
function encodeLossless(text) {
  if (text.isWellFormed()) return encoder.encode(text);
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  let from = 0;
  const put = (end) => {
    if (end > from) {
      n += encoder.encodeInto(text.slice(from, end), out.subarray(n)).written;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 55296 || c > 57343) continue;
    if (c <= 56319) {
      const next = text.charCodeAt(i + 1);
      if (next >= 56320 && next <= 57343) {
        i++;
        continue;
      }
    }
    put(i);
    if (c >= 56448 && c <= 56575) {
      out[n++] = c & 255;
    } else if (c !== 56330) {
      out[n++] = 239;
      out[n++] = 191;
      out[n++] = 189;
    }
    from = i + 1;
  }
  put(text.length);
  return out.slice(0, n);
}

export {
  firstInvalidUtf8,
  cutPoint,
  UNTERMINATED,
  decodeLossless,
  encodeLossless
};
