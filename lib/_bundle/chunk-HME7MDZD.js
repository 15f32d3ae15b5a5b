// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  readsOnBytes
} from "./chunk-RJWQ7O3S.js";

// lib/parse/_logfmt_key.ts
function isLogfmtKey(key) {
  return key !== "" && !key.includes(" ") && !key.includes("=");
}

// lib/parse/_pair_scan.ts
var encoder = new TextEncoder();
var STOPS = new Uint8Array(256);
STOPS[61] = 1;
STOPS[10] = 2;
STOPS[34] = 3;
var EQUALS = 64;
var PairScan = class {
  /** Each key and its `=`; none for a key no pair can have (isLogfmtKey). */
  needles;
  /** Where each key's last `key=` starts in the line scanned, or -1. */
  found;
  /** Each needle's byte before its `=` (-1 for none), and its length. */
  #last;
  #lengths;
  /** Where the "="s noted since the scan last looked at them are. */
  #equals = new Int32Array(EQUALS);
  #quote = -1;
  constructor(names) {
    this.needles = names.map((k) => isLogfmtKey(k) ? encoder.encode(`${k}=`) : void 0);
    this.found = new Int32Array(names.length);
    this.#last = Int32Array.from(this.needles, (n) => n === void 0 ? -1 : n[n.length - 2]);
    this.#lengths = Int32Array.from(this.needles, (n) => n?.length ?? 0);
  }
  /**
   * Scans the line that starts at `buf[start]`, and returns the index of
   * its LF. The loop over the bytes only notes where each "=" is; the keys
   * are looked for before them apart, a few dozen "="s at a time. A call of
   * the platform's search per "=" or per line took longer here (about 70 ns
   * each), and so did the keys looked for within the loop: over 64 MiB of
   * the bench corpus, two keys, 72 ms apart against 185 within (in one
   * process, medians of 7 in turns).
   */
  scan(buf, start) {
    const found = this.found;
    for (let k = 0; k < found.length; k++) found[k] = -1;
    const equals = this.#equals;
    let e = 0;
    let quote = -1;
    let i = start;
    for (; ; i++) {
      const stop = STOPS[buf[i]];
      if (stop === 0) continue;
      if (stop === 1) {
        if (e === EQUALS) {
          this.#pairs(buf, start, e);
          e = 0;
        }
        equals[e++] = i;
      } else if (stop === 2) break;
      else if (quote === -1) quote = i;
    }
    this.#quote = quote;
    this.#pairs(buf, start, e);
    return i;
  }
  /**
   * Notes each key whose `key=` ends at one of the first `e` "="s noted, in
   * their order: a key's last one stays in `found`.
   */
  #pairs(buf, start, e) {
    const { needles, found } = this;
    const last = this.#last;
    const lengths = this.#lengths;
    const equals = this.#equals;
    const keys = needles.length;
    for (let q = 0; q < e; q++) {
      const i = equals[q];
      const before = buf[i - 1];
      for (let k = 0; k < keys; k++) {
        if (last[k] !== before) continue;
        const n = lengths[k];
        const from = i + 1 - n;
        if (from < start) continue;
        const needle = needles[k];
        let j = n - 3;
        while (j >= 0 && buf[from + j] === needle[j]) j--;
        if (j < 0) found[k] = from;
      }
    }
  }
  /**
   * Where key `k`'s value starts in the line scanned from `start` (which
   * ends at `end`): -1 when the line has no such pair, -2 when the text's
   * reader would look further (a quote before the pair, a quoted value, a
   * pair not at a word's start).
   */
  valueAt(buf, start, end, k) {
    const pair = this.found[k];
    if (pair === -1) return -1;
    const from = pair + this.needles[k].length;
    const quote = this.#quote;
    if (!isPlainPair(buf, start, end, pair, from)) return -2;
    if (quote !== -1 && quote <= pair) return -2;
    return from;
  }
};
function isPlainPair(buf, start, end, pair, from) {
  return (pair === start || buf[pair - 1] === 32) && !(from < end && buf[from] === 34);
}
function logfmtKeyReader(name, json) {
  if (!name.isWellFormed() || name.includes("\uFFFD")) return void 0;
  const needle = isLogfmtKey(name) ? encoder.encode(`${name}=`) : void 0;
  return () => {
    const reader = {
      end: 0,
      find(bytes, start, end) {
        if (json && bytes[start] === 123) return -2;
        if (needle === void 0) return -1;
        const n = needle.length;
        let pair = -1;
        for (let i = end - 1; i >= start + n - 1; i--) {
          if (bytes[i] !== 61) continue;
          const from2 = i + 1 - n;
          let j = n - 2;
          while (j >= 0 && bytes[from2 + j] === needle[j]) j--;
          if (j < 0) {
            pair = from2;
            break;
          }
        }
        if (pair === -1) return -1;
        const from = pair + n;
        if (!isPlainPair(bytes, start, end, pair, from)) return -2;
        for (let q = start; q <= pair; q++) if (bytes[q] === 34) return -2;
        let to = from;
        while (to < end && bytes[to] !== 32) to++;
        reader.end = to;
        return from;
      }
    };
    return reader;
  };
}

// lib/parse/logfmt.ts
function parseLogfmt(line) {
  const out = {};
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    const start = i;
    while (i < n && line.charCodeAt(i) !== 61 && line.charCodeAt(i) !== 32) i++;
    const key = line.slice(start, i);
    if (i >= n || line.charCodeAt(i) === 32) continue;
    i++;
    let value = "";
    if (line.charCodeAt(i) === 34) {
      i++;
      let chunkStart = i;
      while (i < n && line.charCodeAt(i) !== 34) {
        if (line.charCodeAt(i) === 92 && i + 1 < n) {
          value += line.slice(chunkStart, i);
          value += line[i + 1];
          i += 2;
          chunkStart = i;
        } else {
          i++;
        }
      }
      value += line.slice(chunkStart, i);
      i++;
    } else {
      const vs = i;
      while (i < n && line.charCodeAt(i) !== 32) i++;
      value = line.slice(vs, i);
    }
    if (key !== "") out[key] = value;
  }
  return out;
}
function logfmtGetter(key) {
  const needle = `${key}=`;
  const getter = isLogfmtKey(key) ? (line) => valueOf(line, key, needle) : () => void 0;
  const onBytes = logfmtKeyReader(key, false);
  return onBytes === void 0 ? getter : readsOnBytes(getter, onBytes);
}
function valueOf(line, name, needle) {
  let at = line.indexOf(needle);
  if (at === -1) return void 0;
  for (let next = at; (next = line.indexOf(needle, next + 1)) !== -1; ) {
    at = next;
  }
  const from = at + needle.length;
  if ((at === 0 || line.charCodeAt(at - 1) === 32) && line.charCodeAt(from) !== 34) {
    const quote = line.indexOf('"');
    if (quote === -1 || quote > at) {
      const end = line.indexOf(" ", from);
      return line.slice(from, end === -1 ? line.length : end);
    }
  }
  return scanLogfmt(line, name);
}
function scanLogfmt(line, name) {
  const n = line.length;
  let found;
  let i = 0;
  while (i < n) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    const start = i;
    while (i < n && line.charCodeAt(i) !== 61 && line.charCodeAt(i) !== 32) i++;
    if (i >= n || line.charCodeAt(i) === 32) continue;
    const isName = i - start === name.length && line.startsWith(name, start);
    i++;
    if (line.charCodeAt(i) === 34) {
      const open = i;
      i++;
      while (i < n && line.charCodeAt(i) !== 34) {
        i += line.charCodeAt(i) === 92 && i + 1 < n ? 2 : 1;
      }
      i++;
      if (isName) {
        found = parseLogfmt(`x=${line.slice(open, i)}`).x ?? "";
      }
    } else {
      const vs = i;
      while (i < n && line.charCodeAt(i) !== 32) i++;
      if (isName) found = line.slice(vs, i);
    }
  }
  return found;
}

export {
  PairScan,
  logfmtKeyReader,
  parseLogfmt,
  logfmtGetter
};
