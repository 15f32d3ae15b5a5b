// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  memberValues,
  parseExactJson,
  stringifyExact
} from "./chunk-2T7D4BFK.js";
import {
  PairScan,
  logfmtGetter
} from "./chunk-HME7MDZD.js";
import {
  perItemStage
} from "./chunk-DBGDXXNI.js";
import {
  policyOf
} from "./chunk-W7PSUR2W.js";

// lib/parse/pick_fields.ts
function pickFields(keys, options = {}) {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new RangeError("Cannot create pickFields stage: keys names no field");
  }
  for (const key of keys) {
    if (typeof key !== "string" || key === "") {
      throw new RangeError(`Cannot create pickFields stage: a key must be a non-empty string, got ${JSON.stringify(key)}`);
    }
  }
  const format = options.format ?? "json";
  if (format !== "json" && format !== "csv") {
    throw new RangeError(`Cannot create pickFields stage: format must be "json" or "csv", got ${JSON.stringify(format)}`);
  }
  const names = [
    ...keys
  ];
  const getters = names.map(logfmtGetter);
  if (format === "csv") return csvStage(names, getters, options);
  const heads = new Set(names).size === names.length && names.every((k) => k !== "__proto__" && !isArrayIndex(k)) ? names.map((k, i) => (i === 0 ? "{" : ",") + JSON.stringify(k) + ":") : void 0;
  const logfmtRow = heads === void 0 ? (line) => {
    const picked = {};
    for (let i = 0; i < names.length; i++) {
      picked[names[i]] = getters[i](line) ?? null;
    }
    return JSON.stringify(picked);
  } : (line) => {
    let out = "";
    for (let i = 0; i < names.length; i++) {
      const value = getters[i](line);
      out += heads[i] + (value === void 0 ? "null" : JSON.stringify(value));
    }
    return out + "}";
  };
  const row = (line) => {
    if (line.charCodeAt(0) !== 123) return logfmtRow(line);
    const values = jsonValues(line, names);
    const picked = {};
    for (let i = 0; i < names.length; i++) {
      picked[names[i]] = values[i] ?? null;
    }
    return stringifyExact(picked);
  };
  return pickStage(names, options, row, heads === void 0 ? void 0 : () => logfmtBytes(names, heads, logfmtRow));
}
function pickStage(names, options, row, map) {
  const onBytes = map !== void 0 && names.every((k) => k.isWellFormed() && !k.includes("\uFFFD"));
  return perItemStage({
    kind: "pickFields",
    name: options.name,
    policy: policyOf("pickFields", options),
    outcome: "replace",
    fn: row,
    mapsLineBytes: onBytes ? map : void 0
  });
}
function jsonValues(line, names) {
  const read = memberValues(line, names);
  if (read !== void 0) return read;
  const values = new Array(names.length);
  const parsed = parseExactJson(line);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return values;
  }
  const record = parsed;
  for (let i = 0; i < names.length; i++) {
    if (Object.hasOwn(record, names[i])) values[i] = record[names[i]];
  }
  return values;
}
function isArrayIndex(key) {
  if (!/^(0|[1-9][0-9]*)$/.test(key)) return false;
  return Number(key) < 2 ** 32 - 1;
}
var encoder = new TextEncoder();
function textWriter(text) {
  const decoder = new TextDecoder("utf-8", {
    ignoreBOM: true
  });
  return (buf, start, end, out, at) => at + encoder.encodeInto(text(decoder.decode(buf.subarray(start, end))), out.subarray(at)).written;
}
function copyPlain(buf, from, end, out, p, special) {
  for (let i = from; i < end; i++) {
    const c = buf[i];
    if (c === 32) break;
    if (c < 32 || c === 34 || c === special || c >= 128) return -1;
    out[p++] = c;
  }
  return p;
}
function pairsMap(pairs, room, row) {
  const map = {
    room,
    next: 0,
    line(buf, start, out, at) {
      if (buf[start] === 123) return -1;
      const i = pairs.scan(buf, start);
      map.next = i + 1;
      const end = i > start && buf[i - 1] === 13 ? i - 1 : i;
      if (out.length - at < room(end - start)) return -2;
      return row(buf, start, end, out, at);
    }
  };
  return map;
}
function logfmtBytes(names, heads, text) {
  const pairs = new PairScan(names);
  const headBytes = heads.map((h) => encoder.encode(h));
  let fixed = 2;
  for (const h of headBytes) fixed += h.length + 4;
  const keys = names.length;
  const asText = textWriter(text);
  const room = (n) => fixed + keys * 6 * n;
  return pairsMap(pairs, room, (buf, start, end, out, at) => {
    let p = at;
    for (let k = 0; k < keys; k++) {
      const head = headBytes[k];
      for (let j = 0; j < head.length; j++) out[p++] = head[j];
      const from = pairs.valueAt(buf, start, end, k);
      if (from === -1) {
        out[p++] = 110;
        out[p++] = 117;
        out[p++] = 108;
        out[p++] = 108;
        continue;
      }
      if (from === -2) return asText(buf, start, end, out, at);
      out[p++] = 34;
      p = copyPlain(buf, from, end, out, p, 92);
      if (p === -1) return asText(buf, start, end, out, at);
      out[p++] = 34;
    }
    out[p++] = 125;
    return p;
  });
}
function csvCell(value) {
  const text = value === void 0 || value === null ? "" : typeof value === "string" ? value : stringifyExact(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
function csvStage(names, getters, options) {
  const logfmtRow = (line) => {
    let out = csvCell(getters[0](line));
    for (let i = 1; i < getters.length; i++) {
      out += "," + csvCell(getters[i](line));
    }
    return out;
  };
  const row = (line) => {
    if (line.charCodeAt(0) !== 123) return logfmtRow(line);
    const values = jsonValues(line, names);
    let out = csvCell(values[0]);
    for (let i = 1; i < values.length; i++) out += "," + csvCell(values[i]);
    return out;
  };
  return pickStage(names, options, row, () => csvBytes(names, logfmtRow));
}
function csvBytes(names, text) {
  const pairs = new PairScan(names);
  const keys = names.length;
  const asText = textWriter(text);
  const room = (n) => keys * (6 * n + 3) + 1;
  return pairsMap(pairs, room, (buf, start, end, out, at) => {
    let p = at;
    for (let k = 0; k < keys; k++) {
      if (k > 0) out[p++] = 44;
      const from = pairs.valueAt(buf, start, end, k);
      if (from === -1) continue;
      if (from === -2) return asText(buf, start, end, out, at);
      p = copyPlain(buf, from, end, out, p, 44);
      if (p === -1) return asText(buf, start, end, out, at);
    }
    return p;
  });
}

export {
  pickFields
};
