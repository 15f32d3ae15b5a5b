// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  parseLogfmt
} from "./chunk-HME7MDZD.js";

// lib/cli/_json.ts
var LONG_DIGITS = /\d{16}/;
var INTEGER = /^-?\d+$/;
function exact(_key, value, context) {
  return typeof value === "number" && !Number.isSafeInteger(value) && context?.source !== void 0 && INTEGER.test(context.source) ? BigInt(context.source) : value;
}
function parseJson(text) {
  return LONG_DIGITS.test(text) ? JSON.parse(text, exact) : JSON.parse(text);
}
var { rawJSON } = JSON;
function digits(_key, value) {
  return typeof value === "bigint" ? rawJSON(value.toString()) : value;
}
var withReplacer = 0;
var REPLACER_RUN = 1024;
function toJson(value) {
  if (withReplacer > 0) {
    withReplacer--;
    return JSON.stringify(value, digits);
  }
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    withReplacer = REPLACER_RUN;
    return JSON.stringify(value, digits);
  }
}

// lib/cli/_fields.ts
function textOf(value) {
  if (value === void 0 || value === null) return "";
  return typeof value === "string" ? value : toJson(value);
}
function groupKey(value) {
  if (value === void 0 || value === null) return void 0;
  if (typeof value === "number" && Number.isFinite(value)) {
    return value === 0 ? 0 : value;
  }
  if (typeof value === "bigint") {
    return `\0${bigintOrder(value)}\0${value}`;
  }
  return textOf(value);
}
function asNumber(value) {
  if (typeof value !== "string" || value === "") return value;
  const c = value.charCodeAt(value.length - 1);
  if (c < 48 || c > 57) return value;
  const first = value.charCodeAt(0) === 45 ? 1 : 0;
  let i = first;
  for (let d = value.charCodeAt(i); d >= 48 && d <= 57; ) {
    d = value.charCodeAt(++i);
  }
  const digits2 = i - first;
  if (i === value.length && digits2 > 0 && digits2 <= 15) {
    if (value.charCodeAt(first) !== 48) return Number(value);
    return digits2 === 1 && first === 0 ? 0 : value;
  }
  for (let j = first; j < value.length; j++) {
    const c2 = value.charCodeAt(j);
    if (c2 >= 48 && c2 <= 57 || c2 === 46) continue;
    const sign = value.charCodeAt(j + 1);
    if (c2 === 101 && (sign === 43 || sign === 45)) j++;
    else return value;
  }
  const n = Number(value);
  if (String(n) === value) return n;
  return /^-?[1-9]\d{15,}$/.test(value) ? BigInt(value) : value;
}
function keyValue(key) {
  return typeof key === "string" && key.startsWith("\0") ? BigInt(key.slice(key.lastIndexOf("\0") + 1)) : key;
}
function bigintOrder(value) {
  if (value === 0n) return "2";
  const digits2 = (value < 0n ? -value : value).toString();
  if (value > 0n) return `3${String(digits2.length).padStart(10, "0")}${digits2}`;
  let turned = "";
  for (const d of digits2) turned += String(57 - d.charCodeAt(0));
  const count = String(9999999999 - digits2.length).padStart(10, "0");
  return `1${count}${turned}~`;
}
function keyText(value) {
  return value === void 0 || value === null ? void 0 : textOf(value);
}
function numberOf(value) {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "string") return void 0;
  const length = value.length;
  if (length <= 15) {
    const minus = value.charCodeAt(0) === 45 ? 1 : 0;
    let v2 = 0;
    let i = minus;
    for (; i < length; i++) {
      const d = value.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v2 = v2 * 10 + d;
    }
    if (i === length && length > minus) return minus === 1 ? -v2 : v2;
  }
  if (value.trim() === "") return void 0;
  const v = Number(value);
  return Number.isFinite(v) ? v : void 0;
}
var INTEGER2 = /^\s*-?\d+\s*$/;
function exactNumberOf(value) {
  if (typeof value === "bigint") return value;
  const v = numberOf(value);
  return v !== void 0 && !Number.isSafeInteger(v) && typeof value === "string" && INTEGER2.test(value) ? BigInt(value.trim()) : v;
}
function recordOf(line) {
  if (line.startsWith("{")) {
    const value = parseJson(line);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
  }
  return parseLogfmt(line);
}
function csvCell(value) {
  const s = textOf(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export {
  toJson,
  textOf,
  groupKey,
  asNumber,
  keyValue,
  keyText,
  numberOf,
  exactNumberOf,
  recordOf,
  csvCell
};
