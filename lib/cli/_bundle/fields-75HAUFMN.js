// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  PARTIAL_OPTIONS,
  linesOut,
  partialPath
} from "./chunk-J4V7BTMP.js";
import {
  FORMAT_OPTIONS
} from "./chunk-W6INNASD.js";
import {
  map
} from "./chunk-347TNIDF.js";
import {
  ERROR_OPTIONS,
  errorOptions,
  formatReaders,
  reportSkipped,
  stageOrUsage
} from "./chunk-6PUDEJMY.js";
import {
  perItemStage
} from "./chunk-NIKK3DT6.js";
import "./chunk-HLMCZC6Z.js";
import "./chunk-5L23PBXP.js";
import {
  readLines,
  writeLines
} from "./chunk-7LQHHAKO.js";
import {
  policyOf
} from "./chunk-7W377BI5.js";
import {
  pipeline
} from "./chunk-ROVXDBDY.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-LXPVDTEI.js";
import "./chunk-BBHQB3UX.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-AJRTXXC2.js";
import "./chunk-UXBWY6EI.js";
import "./chunk-STV52ALK.js";
import "./chunk-RK7ET6WN.js";
import "./chunk-65U4WM43.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-X54HIHCS.js";
import "./chunk-R3JU4EVG.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import "./chunk-3ILZAVZR.js";
import "./chunk-PUEIFZJK.js";
import "./chunk-IUDX72IL.js";
import {
  csvCell,
  recordOf,
  toJson
} from "./chunk-HUUYG5NT.js";
import {
  PairScan,
  logfmtGetter,
  memberValues,
  parseExactJson,
  stringifyExact
} from "./chunk-HBZSIY22.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-RJWQ7O3S.js";

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
function pickStage(names, options, row, map2) {
  const onBytes = map2 !== void 0 && names.every((k) => k.isWellFormed() && !k.includes("\uFFFD"));
  return perItemStage({
    kind: "pickFields",
    name: options.name,
    policy: policyOf("pickFields", options),
    outcome: "replace",
    fn: row,
    mapsLineBytes: onBytes ? map2 : void 0
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
  const map2 = {
    room,
    next: 0,
    line(buf, start, out, at) {
      if (buf[start] === 123) return -1;
      const i = pairs.scan(buf, start);
      map2.next = i + 1;
      const end = i > start && buf[i - 1] === 13 ? i - 1 : i;
      if (out.length - at < room(end - start)) return -2;
      return row(buf, start, end, out, at);
    }
  };
  return map2;
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
function csvCell2(value) {
  const text = value === void 0 || value === null ? "" : typeof value === "string" ? value : stringifyExact(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
function csvStage(names, getters, options) {
  const logfmtRow = (line) => {
    let out = csvCell2(getters[0](line));
    for (let i = 1; i < getters.length; i++) {
      out += "," + csvCell2(getters[i](line));
    }
    return out;
  };
  const row = (line) => {
    if (line.charCodeAt(0) !== 123) return logfmtRow(line);
    const values = jsonValues(line, names);
    let out = csvCell2(values[0]);
    for (let i = 1; i < values.length; i++) out += "," + csvCell2(values[i]);
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

// lib/cli/commands/fields.ts
var fields = {
  name: "fields",
  synopsis: "fields",
  summary: "named fields of any log format, as JSON lines or CSV",
  spec: {
    name: "sluice fields",
    usage: "[OPTION\u2026] [FILE\u2026]",
    description: "Pull named fields out of log lines, as JSON lines or CSV. Without --format, a line that starts with { is read as JSON and other lines as logfmt (k=v); with --format, the format's records (access logs, syslog, CSV, \u2026), nested JSON fields by path (req.ip, items[0].id). Missing fields are null (JSON) or empty (CSV). Numbers stay numbers, JSON integers beyond 2^53 exact.",
    examples: [
      "sluice fields -k path,status,latency_ms app.log",
      "sluice fields -k path,latency_ms --csv --output latency.csv app.log",
      "sluice fields --dead-letter bad.jsonl --max-errors 100 app.jsonl",
      "sluice fields --format combined -k remote_addr,status,path --csv access.log",
      "sluice fields --format json -k ts,req.ip,items[0].id app.jsonl"
    ],
    options: {
      ...FORMAT_OPTIONS,
      keys: {
        type: "string",
        short: "k",
        description: "the fields to keep, comma-separated (default: all; without --format, of JSON lines only)",
        valueName: "K1,K2"
      },
      csv: {
        type: "boolean",
        description: "write CSV with a header row instead of JSON lines"
      },
      ...ERROR_OPTIONS,
      ...PARTIAL_OPTIONS
    }
  },
  async run(ctx) {
    const keys = typeof ctx.values.keys === "string" ? ctx.values.keys.split(",").map((k) => k.trim()).filter((k) => k !== "") : void 0;
    if (keys !== void 0 && keys.length === 0) {
      ctx.usageError("--keys names no field");
    }
    if (ctx.values.csv && keys === void 0) {
      ctx.usageError("--csv needs --keys, to know the columns");
    }
    const policy = errorOptions(ctx);
    const lines = readLines(ctx.inputs, {
      ...policy,
      ...ctx.readOptions
    });
    const formats = await formatReaders(ctx);
    const format = formats?.formatOf(ctx);
    if (format !== void 0) {
      const { parseStage, recordField } = formats;
      const getters = keys?.map((k) => recordField(ctx, format, k));
      const parsing = stageOrUsage(ctx, () => parseStage(ctx, format, policy, keys));
      let header = ctx.values.csv === true;
      await pipeline(lines, parsing, map((record) => {
        if (getters === void 0) return toJson(record);
        if (!ctx.values.csv) {
          const picked = {};
          for (const [i, k] of keys.entries()) {
            picked[k] = getters[i](record) ?? null;
          }
          return toJson(picked);
        }
        const row = getters.map((get) => csvCell(get(record))).join(",");
        if (!header) return row;
        header = false;
        return [
          keys.map(csvCell).join(","),
          row
        ];
      }), await linesOut(ctx, "fields"), ctx.pipelineOptions);
      await reportSkipped("sluice fields", ctx.summary);
      if (header) {
        await pipeline([
          keys.map(csvCell).join(",")
        ], await linesOut(ctx, "fields"));
      }
      return;
    }
    if (ctx.values.csv && partialPath(ctx) === void 0) {
      await pipeline(lines, pickFields(keys, {
        ...policy,
        format: "csv"
      }), writeLines(ctx.output, {
        ...ctx.writeOptions,
        lossless: true,
        header: keys.map(csvCell).join(",")
      }), ctx.pipelineOptions);
      await reportSkipped("sluice fields", ctx.summary);
      return;
    }
    if (ctx.values.csv) {
      const cols = keys;
      let header = true;
      await pipeline(lines, pickFields(cols, {
        ...policy,
        format: "csv"
      }), map((row) => {
        if (!header) return row;
        header = false;
        return [
          cols.map(csvCell).join(","),
          row
        ];
      }), await linesOut(ctx, "fields"), ctx.pipelineOptions);
      await reportSkipped("sluice fields", ctx.summary);
      if (header) {
        await pipeline([
          cols.map(csvCell).join(",")
        ], await linesOut(ctx, "fields"));
      }
      return;
    }
    await pipeline(lines, keys === void 0 ? map((line) => toJson(recordOf(line)), policy) : pickFields(keys, policy), await linesOut(ctx, "fields"), ctx.pipelineOptions);
    await reportSkipped("sluice fields", ctx.summary);
  }
};
export {
  fields
};
