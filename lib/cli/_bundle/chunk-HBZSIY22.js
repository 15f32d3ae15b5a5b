// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  quote
} from "./chunk-VF6QJMNP.js";
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
    let quote2 = -1;
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
      else if (quote2 === -1) quote2 = i;
    }
    this.#quote = quote2;
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
    const quote2 = this.#quote;
    if (!isPlainPair(buf, start, end, pair, from)) return -2;
    if (quote2 !== -1 && quote2 <= pair) return -2;
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
    let value2 = "";
    if (line.charCodeAt(i) === 34) {
      i++;
      let chunkStart = i;
      while (i < n && line.charCodeAt(i) !== 34) {
        if (line.charCodeAt(i) === 92 && i + 1 < n) {
          value2 += line.slice(chunkStart, i);
          value2 += line[i + 1];
          i += 2;
          chunkStart = i;
        } else {
          i++;
        }
      }
      value2 += line.slice(chunkStart, i);
      i++;
    } else {
      const vs = i;
      while (i < n && line.charCodeAt(i) !== 32) i++;
      value2 = line.slice(vs, i);
    }
    if (key !== "") out[key] = value2;
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
    const quote2 = line.indexOf('"');
    if (quote2 === -1 || quote2 > at) {
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

// lib/parse/_json.ts
var INTEGER = /^-?\d+$/;
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function hasLongDigits(text) {
  const n = text.length;
  for (let i = 15; i < n; i += 16) {
    if (!isDigit(text.charCodeAt(i))) continue;
    let a = i;
    while (a > 0 && isDigit(text.charCodeAt(a - 1))) a--;
    let b = i;
    while (b + 1 < n && isDigit(text.charCodeAt(b + 1))) b++;
    if (b - a >= 15) return true;
    i = b;
  }
  return false;
}
function exact(_key, value2, context) {
  if (typeof value2 === "number" && !Number.isSafeInteger(value2) && context?.source !== void 0 && INTEGER.test(context.source)) return BigInt(context.source);
  return value2;
}
function parseExactJson(text) {
  return hasLongDigits(text) ? JSON.parse(text, exact) : JSON.parse(text);
}
var { rawJSON } = JSON;
function digits(_key, value2) {
  return typeof value2 === "bigint" ? rawJSON(value2.toString()) : value2;
}
function stringifyExact(value2) {
  try {
    return JSON.stringify(value2);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value2, digits);
  }
}
function jsonParser(note = "") {
  return (line) => {
    let value2;
    try {
      value2 = parseExactJson(line);
    } catch (error) {
      throw new SyntaxError(`Not a JSON line${note} (${error.message}): ${quote(line)}`);
    }
    if (typeof value2 !== "object" || value2 === null || Array.isArray(value2)) {
      throw new SyntaxError(`Not a JSON object${note}: ${quote(line)}`);
    }
    return value2;
  };
}

// lib/parse/_json_field.ts
var QUOTE = 34;
var SHORT_STRING_TEXT = 12;
function memberValue(text) {
  return text.length < SHORT_STRING_TEXT && text.charCodeAt(0) === QUOTE && !text.includes("\\") ? text.slice(1, -1) : parseExactJson(text);
}
function memberValues(line, names) {
  if (line !== lastLine) read(line);
  if (lastState !== OBJECT) return void 0;
  const values = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const text = fieldText(line, names[i]);
    if (text != null) values[i] = memberValue(text);
  }
  return values;
}
function jsonKeysParser(note, keys) {
  const whole = jsonParser(note);
  return (line) => {
    const record = {};
    const values = memberValues(line, keys);
    if (values !== void 0) {
      for (let i = 0; i < keys.length; i++) {
        if (values[i] !== void 0) setOwn(record, keys[i], values[i]);
      }
      return record;
    }
    const parsed = whole(line);
    for (const key of keys) {
      if (Object.hasOwn(parsed, key)) setOwn(record, key, parsed[key]);
    }
    return record;
  };
}
function setOwn(record, key, value2) {
  if (key === "__proto__") {
    Object.defineProperty(record, key, {
      value: value2,
      writable: true,
      enumerable: true,
      configurable: true
    });
  } else {
    record[key] = value2;
  }
}
var escaped = false;
var lastLine;
var lastState = 0;
var members = 0;
var spans = new Int32Array(5 * 32);
var OBJECT = 0;
var NOT_OBJECT = 1;
var DEEP = 2;
var MOST_DEPTH = 512;
var TOO_DEEP = new Error("too deep");
function fieldText(line, name) {
  if (line !== lastLine) read(line);
  if (lastState === DEEP) return null;
  if (lastState === NOT_OBJECT) return void 0;
  for (let m = members - 1; m >= 0; m--) {
    const at = 5 * m;
    const keyStart = spans[at];
    const keyEnd = spans[at + 1];
    const named = spans[at + 4] === 1 ? JSON.parse(line.slice(keyStart, keyEnd)) === name : keyEnd - keyStart - 2 === name.length && line.startsWith(name, keyStart + 1);
    if (named) return line.slice(spans[at + 2], spans[at + 3]);
  }
  return void 0;
}
function read(line) {
  lastLine = line;
  members = 0;
  try {
    lastState = topLevel(line) ? OBJECT : NOT_OBJECT;
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
    lastState = DEEP;
  }
}
function topLevel(t) {
  let p = blanks(t, 0);
  if (t.charCodeAt(p) !== 123) return false;
  p = blanks(t, p + 1);
  if (t.charCodeAt(p) === 125) {
    p++;
  } else {
    while (true) {
      if (t.charCodeAt(p) !== 34) return false;
      const keyStart = p;
      const keyEnd = string(t, p);
      if (keyEnd === -1) return false;
      const keyEscaped = escaped;
      p = blanks(t, keyEnd);
      if (t.charCodeAt(p) !== 58) return false;
      const start = blanks(t, p + 1);
      p = value(t, start, 1);
      if (p === -1) return false;
      if (5 * members + 5 > spans.length) {
        const grown = new Int32Array(spans.length * 2);
        grown.set(spans);
        spans = grown;
      }
      const at = 5 * members++;
      spans[at] = keyStart;
      spans[at + 1] = keyEnd;
      spans[at + 2] = start;
      spans[at + 3] = p;
      spans[at + 4] = keyEscaped ? 1 : 0;
      p = blanks(t, p);
      const c = t.charCodeAt(p++);
      if (c === 125) break;
      if (c !== 44) return false;
      p = blanks(t, p);
    }
  }
  return blanks(t, p) === t.length;
}
function blanks(t, p) {
  while (p < t.length) {
    const c = t.charCodeAt(p);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    p++;
  }
  return p;
}
function value(t, p, depth) {
  const c = t.charCodeAt(p);
  if (c === 34) return string(t, p);
  if (c === 123 || c === 91) return container(t, p, depth + 1, c === 123);
  if (c === 116) return word(t, p, "true");
  if (c === 102) return word(t, p, "false");
  if (c === 110) return word(t, p, "null");
  return number(t, p);
}
function container(t, p, depth, object) {
  if (depth > MOST_DEPTH) throw TOO_DEEP;
  const close = object ? 125 : 93;
  p = blanks(t, p + 1);
  if (t.charCodeAt(p) === close) return p + 1;
  while (true) {
    if (object) {
      if (t.charCodeAt(p) !== 34) return -1;
      p = string(t, p);
      if (p === -1) return -1;
      p = blanks(t, p);
      if (t.charCodeAt(p) !== 58) return -1;
      p = blanks(t, p + 1);
    }
    p = value(t, p, depth);
    if (p === -1) return -1;
    p = blanks(t, p);
    const c = t.charCodeAt(p++);
    if (c === close) return p;
    if (c !== 44) return -1;
    p = blanks(t, p);
  }
}
function string(t, p) {
  let slash = false;
  for (p++; p < t.length; ) {
    const c = t.charCodeAt(p++);
    if (c === 34) {
      escaped = slash;
      return p;
    }
    if (c < 32) return -1;
    if (c !== 92) continue;
    slash = true;
    const e = t.charCodeAt(p++);
    if (e === 117) {
      for (let k = 0; k < 4; k++) {
        if (!isHex(t.charCodeAt(p++))) return -1;
      }
    } else if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) return -1;
  }
  return -1;
}
function word(t, p, text) {
  return t.startsWith(text, p) ? p + text.length : -1;
}
function number(t, p) {
  if (t.charCodeAt(p) === 45) p++;
  const first = t.charCodeAt(p);
  if (first === 48) {
    p++;
  } else if (first >= 49 && first <= 57) {
    p = digits2(t, p + 1);
  } else {
    return -1;
  }
  if (t.charCodeAt(p) === 46) {
    const q = digits2(t, p + 1);
    if (q === p + 1) return -1;
    p = q;
  }
  const e = t.charCodeAt(p);
  if (e === 101 || e === 69) {
    p++;
    const sign = t.charCodeAt(p);
    if (sign === 43 || sign === 45) p++;
    const q = digits2(t, p);
    if (q === p) return -1;
    p = q;
  }
  return p;
}
function digits2(t, p) {
  while (p < t.length) {
    const c = t.charCodeAt(p);
    if (c < 48 || c > 57) break;
    p++;
  }
  return p;
}
function isHex(c) {
  return c >= 48 && c <= 57 || c >= 65 && c <= 70 || c >= 97 && c <= 102;
}

export {
  isDigit,
  parseExactJson,
  stringifyExact,
  jsonParser,
  memberValue,
  memberValues,
  jsonKeysParser,
  fieldText,
  isHex,
  PairScan,
  logfmtKeyReader,
  parseLogfmt,
  logfmtGetter
};
