// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  pipeline
} from "./chunk-X2CPFFEF.js";
import {
  readLines
} from "./chunk-HVBOXFPS.js";
import {
  writeLines
} from "./chunk-NSMWYBW2.js";
import {
  consecutive,
  lineOf,
  numbered,
  withItems
} from "./chunk-LTYBISTW.js";
import {
  register,
  sinkImpl,
  sourceImpl
} from "./chunk-RJWQ7O3S.js";

// lib/shard/partial_file.ts
var VERSION = 2;
var FORMAT = "sluice-partial";
var MAX_RECORD_BYTES = 256 * 1024 * 1024;
function encodeRecord(record) {
  return JSON.stringify(record, (_, v) => typeof v === "bigint" ? {
    $bigint: v.toString()
  } : v === Infinity || v === -Infinity ? {
    $number: String(v)
  } : v);
}
function decodeRecord(line) {
  if (!line.includes('"$') && !line.includes("\\u0024")) {
    return cutKey(line) ?? JSON.parse(line);
  }
  return JSON.parse(line, (_, v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v) || Object.keys(v).length !== 1) return v;
    if (typeof v.$bigint === "string") return BigInt(v.$bigint);
    if (typeof v.$number === "string") return Number(v.$number);
    return v;
  });
}
var BRACKET = 91;
var CLOSING_BRACKET = 93;
var COMMA = 44;
var QUOTE = 34;
var BACKSLASH = 92;
var INTERNALIZED_BELOW = 10;
function cutKey(line) {
  if (line.charCodeAt(0) !== BRACKET || line.charCodeAt(1) !== QUOTE) {
    return void 0;
  }
  const end = Math.min(line.length, 2 + INTERNALIZED_BELOW);
  let q = 2;
  for (; q < end; q++) {
    const c = line.charCodeAt(q);
    if (c === QUOTE) break;
    if (c === BACKSLASH || c < 32) return void 0;
  }
  if (q === end) return void 0;
  const key = line.slice(2, q);
  const after = line.charCodeAt(q + 1);
  if (after === CLOSING_BRACKET && q + 2 === line.length) return [
    key
  ];
  if (after !== COMMA) return void 0;
  let rest;
  try {
    rest = JSON.parse(`[${line.slice(q + 2)}`);
  } catch {
    return void 0;
  }
  if (rest.length === 0) return void 0;
  rest.unshift(key);
  return rest;
}
function writePartial(path, header) {
  const sink = writeLines(path, {
    atomic: true
  });
  const first = JSON.stringify({
    format: FORMAT,
    version: VERSION,
    ...header
  });
  const standalone = (records) => {
    async function* lines() {
      yield first;
      for await (const record of records) yield encodeRecord(record);
    }
    return sink(lines());
  };
  const inner = sinkImpl(sink);
  return register(standalone, {
    ...inner,
    name: "writePartial",
    resumable: {
      refused: "a partial result cannot be resumed"
    },
    consume: (input, stats, ctx) => inner.consume(encoded(first, input), stats, ctx)
  });
}
async function* encoded(first, input) {
  yield consecutive([
    first
  ], 1);
  for await (const chunk of input) {
    const items = chunk.items;
    const lines = new Array(items.length);
    for (let i = 0; i < items.length; i++) lines[i] = encodeRecord(items[i]);
    yield withItems(chunk, lines);
  }
}
async function readHeader(path) {
  let first;
  for await (const line of readLines(path, {
    maxLineBytes: MAX_RECORD_BYTES
  })) {
    first = line;
    break;
  }
  let header;
  try {
    header = first === void 0 ? void 0 : JSON.parse(first);
  } catch {
    header = void 0;
  }
  if (header?.format !== FORMAT) {
    throw new TypeError(`Cannot merge "${path}": it is not a partial result (written with --partial)`);
  }
  if (header.version !== VERSION) {
    throw new TypeError(`Cannot merge "${path}": it is a partial of version ${JSON.stringify(header.version)}, and this sluice reads version ${VERSION}: make the partials again with this sluice`);
  }
  const { format: _f, version: _v, ...rest } = header;
  return rest;
}
var READ = {
  maxLineBytes: MAX_RECORD_BYTES,
  readBytes: 64 * 1024
};
function recordAt(path, line, text) {
  try {
    return decodeRecord(text);
  } catch (error) {
    throw new SyntaxError(`Cannot merge "${path}": line ${line} is not a record: ${error.message}`);
  }
}
function joined(paths, head = 0) {
  const source = {
    [Symbol.asyncIterator]: () => pipeline(source)[Symbol.asyncIterator]()
  };
  return register(source, {
    kind: "readPartials",
    name: void 0,
    path: void 0,
    unit: "item",
    bound: `the lines of one read, ${RECORDS_PER_CHUNK} of its records at a time`,
    resumable: {
      refused: "partial results cannot be resumed"
    },
    chunks: (stats, ctx) => joinedChunks(paths, head, stats, ctx)
  });
}
var RECORDS_PER_CHUNK = 128;
async function* joinedChunks(paths, head, stats, ctx) {
  for (const [k, path] of paths.entries()) {
    const reader = sourceImpl(readLines(path, READ));
    const lastDropped = k === 0 ? 1 : head + 1;
    for await (const chunk of reader.chunks(stats, ctx)) {
      const lines = chunk.items;
      let records = [];
      let numbers = [];
      for (let i = 0; i < lines.length; i++) {
        const line = lineOf(chunk, i);
        if (line <= lastDropped) continue;
        records.push(recordAt(path, line, lines[i]));
        numbers.push(line);
        if (records.length === RECORDS_PER_CHUNK) {
          yield numbered(records, numbers, path);
          records = [];
          numbers = [];
        }
      }
      if (records.length > 0) yield numbered(records, numbers, path);
    }
  }
}
function difference(a, b) {
  const ta = JSON.stringify(a);
  const tb = JSON.stringify(b);
  if (ta === tb) return void 0;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [
      .../* @__PURE__ */ new Set([
        ...Object.keys(a),
        ...Object.keys(b)
      ])
    ].sort();
    for (const k of keys) {
      const va = a[k];
      const vb = b[k];
      if (JSON.stringify(va) !== JSON.stringify(vb)) {
        const show = (v) => v === void 0 ? "not given" : JSON.stringify(v);
        return `${k} ${show(vb)}, not ${show(va)}`;
      }
    }
  }
  return `${tb}, not ${ta}`;
}
async function readPartials(paths) {
  if (paths.length === 0) {
    throw new RangeError("Cannot merge: no partial results given");
  }
  const headers = [];
  for (const path of paths) headers.push(await readHeader(path));
  const first = headers[0];
  const p0 = paths[0];
  for (const [i, h] of headers.entries()) {
    const p = paths[i];
    if (h.command !== first.command) {
      throw new TypeError(`Cannot merge: "${p}" is a partial of "${h.command}", "${p0}" of "${first.command}"`);
    }
    const options = difference(first.options, h.options);
    if (options !== void 0) {
      throw new TypeError(`Cannot merge: "${p}" was made with other options than "${p0}": ${options}`);
    }
    const inputs = difference(first.inputs.map((x) => `${x.name} (${x.size ?? "?"} bytes)`), h.inputs.map((x) => `${x.name} (${x.size ?? "?"} bytes)`));
    if (inputs !== void 0) {
      throw new TypeError(`Cannot merge: "${p}" read other inputs than "${p0}": ${inputs}`);
    }
    if (h.shard.count !== first.shard.count) {
      throw new TypeError(`Cannot merge: "${p}" is shard ${h.shard.index} of ${h.shard.count}, "${p0}" one of ${first.shard.count}`);
    }
  }
  const count = first.shard.count;
  const byShard = new Array(count);
  for (const [i, h] of headers.entries()) {
    const k = h.shard.index;
    if (byShard[k] !== void 0) {
      throw new RangeError(`Cannot merge: shard ${k} of ${count} is given twice: "${byShard[k]}" and "${paths[i]}"`);
    }
    byShard[k] = paths[i];
  }
  const missing = [
    ...byShard.keys()
  ].filter((k) => byShard[k] === void 0);
  if (missing.length > 0) {
    const list = missing.length === 1 ? `shard ${missing[0]} of ${count} is` : `shards ${missing.slice(0, -1).join(", ")} and ${missing.at(-1)} of ${count} are`;
    throw new RangeError(`Cannot merge: ${list} missing`);
  }
  return {
    header: headers[paths.indexOf(byShard[0])],
    partials: byShard.map((path) => joined([
      path
    ])),
    records: joined(byShard),
    recordsWithHeadOnce: (n) => {
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new RangeError(`A head of records must be a whole number from 0, got ${n}`);
      }
      return joined(byShard, n);
    }
  };
}

export {
  MAX_RECORD_BYTES,
  encodeRecord,
  decodeRecord,
  writePartial,
  readPartials
};
