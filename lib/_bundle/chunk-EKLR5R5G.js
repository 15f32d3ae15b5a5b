// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  fieldText,
  isDigit,
  isHex,
  memberValue,
  parseExactJson,
  stringifyExact
} from "./chunk-2T7D4BFK.js";
import {
  logfmtGetter,
  logfmtKeyReader
} from "./chunk-HME7MDZD.js";
import {
  readsLine,
  readsOnBytes
} from "./chunk-RJWQ7O3S.js";

// lib/parse/_json_bytes.ts
var TEXT = -2;
var JsonMemberReader = class {
  end = 0;
  number = false;
  #name;
  #text;
  /** Whether the string read last held an escape. */
  #escaped = false;
  /** Whether the number read last had neither a fraction nor an exponent. */
  #integer = false;
  constructor(name, text) {
    this.#name = name;
    this.#text = text;
  }
  find(b, start, end) {
    let found = -1;
    let foundEnd = 0;
    let number = false;
    let p = this.#blanks(b, start + 1, end);
    if (p < end && b[p] === 125) {
      p++;
    } else {
      while (true) {
        if (p >= end || b[p] !== 34) return TEXT;
        const keyAt = p + 1;
        const keyEnd = this.#string(b, p, end);
        if (keyEnd === -1 || this.#escaped) return TEXT;
        p = this.#blanks(b, keyEnd + 1, end);
        if (p >= end || b[p] !== 58) return TEXT;
        p = this.#blanks(b, p + 1, end);
        if (p >= end) return TEXT;
        const named = this.#named(b, keyAt, keyEnd);
        const c = b[p];
        if (c === 34) {
          const q = this.#string(b, p, end);
          if (q === -1) return TEXT;
          if (named) {
            if (this.#escaped) return TEXT;
            found = p + 1;
            foundEnd = q;
            number = false;
          }
          p = q + 1;
        } else if (c === 45 || isDigit(c)) {
          const q = this.#number(b, p, end);
          if (q === -1) return TEXT;
          if (named) {
            const minusZero = q === p + 2 && c === 45 && b[p + 1] === 48;
            if (!this.#integer || this.#text && minusZero) return TEXT;
            found = p;
            foundEnd = q;
            number = !this.#text;
          }
          p = q;
        } else {
          const q = this.#word(b, p, end);
          if (q === -1 || named) return TEXT;
          p = q;
        }
        p = this.#blanks(b, p, end);
        if (p >= end) return TEXT;
        const next = b[p++];
        if (next === 125) break;
        if (next !== 44) return TEXT;
        p = this.#blanks(b, p, end);
      }
    }
    if (this.#blanks(b, p, end) !== end) return TEXT;
    this.end = foundEnd;
    this.number = number;
    return found;
  }
  /** Whether the key at `b[from, to)` is the name. */
  #named(b, from, to) {
    const name = this.#name;
    if (to - from !== name.length) return false;
    for (let i = 0; i < name.length; i++) {
      if (b[from + i] !== name[i]) return false;
    }
    return true;
  }
  /** Past JSON's whitespace from `p`. */
  #blanks(b, p, end) {
    while (p < end) {
      const c = b[p];
      if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
      p++;
    }
    return p;
  }
  /**
   * The closing quote of the string whose opening quote is at `p`, or -1
   * when it is not one; notes in #escaped whether it holds an escape.
   */
  #string(b, p, end) {
    this.#escaped = false;
    for (let i = p + 1; i < end; i++) {
      const c = b[i];
      if (c === 34) return i;
      if (c < 32) return -1;
      if (c !== 92) continue;
      this.#escaped = true;
      const e = b[++i];
      if (e === 117) {
        if (i + 4 >= end) return -1;
        for (let k = 1; k <= 4; k++) if (!isHex(b[i + k])) return -1;
        i += 4;
      } else if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) return -1;
    }
    return -1;
  }
  /**
   * Past the number at `p`, -1 when it is not one; notes in #integer whether
   * it has neither a fraction nor an exponent.
   */
  #number(b, p, end) {
    let q = p;
    if (b[q] === 45) q++;
    if (q >= end) return -1;
    if (b[q] === 48) {
      q++;
    } else if (isDigit(b[q])) {
      while (q < end && isDigit(b[q])) q++;
    } else {
      return -1;
    }
    this.#integer = true;
    if (q < end && b[q] === 46) {
      this.#integer = false;
      q++;
      if (q >= end || !isDigit(b[q])) return -1;
      while (q < end && isDigit(b[q])) q++;
    }
    if (q < end && (b[q] === 101 || b[q] === 69)) {
      this.#integer = false;
      q++;
      if (q < end && (b[q] === 43 || b[q] === 45)) q++;
      if (q >= end || !isDigit(b[q])) return -1;
      while (q < end && isDigit(b[q])) q++;
    }
    return q;
  }
  /** Past `true`, `false` or `null` at `p`; -1 when none is there. */
  #word(b, p, end) {
    const c = b[p];
    const word = c === 116 ? TRUE : c === 102 ? FALSE : c === 110 ? NULL : null;
    if (word === null || p + word.length > end) return -1;
    for (let i = 0; i < word.length; i++) {
      if (b[p + i] !== word[i]) return -1;
    }
    return p + word.length;
  }
};
var TRUE = new TextEncoder().encode("true");
var FALSE = new TextEncoder().encode("false");
var NULL = new TextEncoder().encode("null");

// lib/parse/line_field.ts
function jsonValue(line, name) {
  const text = fieldText(line, name);
  if (text === void 0) return void 0;
  if (text !== null) return memberValue(text);
  try {
    const record = parseExactJson(line);
    return typeof record === "object" && record !== null && !Array.isArray(record) && Object.hasOwn(record, name) ? record[name] : void 0;
  } catch {
    return void 0;
  }
}
function numberIn(value) {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "string") return void 0;
  const length = value.length;
  const from = value.charCodeAt(0) === 45 ? 1 : 0;
  if (length > from && length <= 15) {
    let v = 0;
    let i = from;
    for (; i < length; i++) {
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      v = 10 * v + digit;
    }
    if (i === length) return from === 1 ? -v : v;
  }
  if (value.trim() === "") return void 0;
  const n = Number(value);
  return Number.isFinite(n) ? n : void 0;
}
function lineField(name, options = {}) {
  const logfmt = logfmtGetter(name);
  const value = (line) => line.charCodeAt(0) === 123 ? jsonValue(line, name) : logfmt(line);
  if (options.number === true) {
    if (options.text === true) {
      throw new TypeError(`Cannot read field "${name}" both as text and as a number`);
    }
    return readsLine((line) => numberIn(value(line)), {
      numberField: name
    });
  }
  const getter = options.text === true ? (line) => {
    const end = line.length - 1;
    const got = value(line.charCodeAt(end) === 13 ? line.slice(0, end) : line);
    return typeof got === "string" ? got : got === void 0 || got === null ? void 0 : stringifyExact(got);
  } : readsLine(value, {
    field: name
  });
  const logfmtReader = logfmtKeyReader(name, true);
  if (logfmtReader === void 0) return getter;
  const utf8 = new TextEncoder().encode(name);
  const text = options.text === true;
  return readsOnBytes(getter, () => {
    const inLogfmt = logfmtReader();
    const inJson = new JsonMemberReader(utf8, text);
    const reader = {
      end: 0,
      number: false,
      find(bytes, start, end) {
        const line = bytes[start] === 123 ? inJson : inLogfmt;
        const at = line.find(bytes, start, end);
        reader.end = line.end;
        if (text && at >= 0 && line.end === end && bytes[end - 1] === 13) {
          reader.end = end - 1;
        }
        reader.number = line.number === true;
        return at;
      }
    };
    return reader;
  });
}
function isBlank(c) {
  return c === 32 || c === 9;
}
function lineWord(n) {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`Cannot read word ${n} of a line: the word must be an integer from 1`);
  }
  const blanks = (line) => {
    const end = line.length;
    let at = 0;
    for (let f = 1; ; f++) {
      while (at < end && isBlank(line.charCodeAt(at))) at++;
      if (at >= end) return void 0;
      const start = at;
      while (at < end && !isBlank(line.charCodeAt(at))) at++;
      if (f === n) return line.slice(start, at);
    }
  };
  return readsLine((line) => {
    if (line.indexOf("	") !== -1) return blanks(line);
    const end = line.length;
    let at = 0;
    for (let f = 1; ; f++) {
      while (at < end && line.charCodeAt(at) === 32) at++;
      if (at >= end) return void 0;
      const space = line.indexOf(" ", at);
      const stop = space === -1 ? end : space;
      if (f === n) return line.slice(at, stop);
      at = stop;
    }
  }, {
    word: n
  });
}

export {
  lineField,
  lineWord
};
