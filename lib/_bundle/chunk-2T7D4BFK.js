// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  quote
} from "./chunk-VF6QJMNP.js";

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
  isHex
};
