// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  dialectProblem
} from "./chunk-3DGNYIZI.js";
import {
  referenceOf
} from "./chunk-ORZEAUA4.js";
import {
  parallel
} from "./chunk-VNGPJYIJ.js";
import {
  bucket
} from "./chunk-4ONHFX2W.js";
import {
  deadLetter
} from "./chunk-G2M2G3YN.js";
import {
  matchGrowth
} from "./chunk-3ZLT75EY.js";
import {
  PARSE_FORMATS,
  parse
} from "./chunk-ER7PIOC5.js";
import {
  parseTime
} from "./chunk-2DP43KBK.js";
import {
  field
} from "./chunk-2BHMVLWQ.js";
import {
  compose
} from "./chunk-GEHZM6I7.js";
import {
  map
} from "./chunk-H4K2N2UV.js";

// lib/cli/_regex.ts
var WORKER = new URL("./lib/cli/_regex_worker.js", import.meta.url);
function matchesInWorker(re, ignoreCase = false) {
  return matchGrowth(re, {
    ignoreCase
  }) !== "linear" && canMatchInWorker();
}
function canMatchInWorker() {
  if (WORKER.protocol !== "file:") return true;
  try {
    return Deno.permissions.querySync({
      name: "read",
      path: new URL("../../", WORKER)
    }).state === "granted";
  } catch {
    return false;
  }
}
function parseInWorker(re, policy) {
  const own = new RegExp(re.source, re.flags.replace(/[gy]/g, ""));
  const module = `data:text/javascript,${encodeURIComponent(`import { regexRecords } from ${JSON.stringify(WORKER.href)};
export default regexRecords(${JSON.stringify(own.source)}, ${JSON.stringify(own.flags)});
`)}`;
  return compose(parallel(module, {
    workers: 1,
    rangeBytes: RANGE_BYTES,
    name: "regex"
  }), map((record) => {
    if (typeof record !== "string") return record;
    throw new SyntaxError(`Line does not match ${own}: ${JSON.stringify(record.length > 120 ? `${record.slice(0, 119)}\u2026` : record)}`);
  }, {
    ...policy,
    name: "parse"
  }));
}
function fieldTestInWorker(re, ignoreCase) {
  const module = `data:text/javascript,${encodeURIComponent(`import { fieldTest } from ${JSON.stringify(WORKER.href)};
export default fieldTest(${JSON.stringify(re.source)}, ${JSON.stringify(re.flags)}, ${ignoreCase});
`)}`;
  return parallel(module, {
    workers: 1,
    name: "match"
  });
}
var RANGE_BYTES = 256 * 1024;

// lib/cli/_format.ts
function skipOptions(ctx) {
  const given = ctx.values["on-error"];
  const max = ctx.values["max-errors"];
  if (given !== void 0 && given !== "skip" && given !== "fail") {
    ctx.usageError(`--on-error must be "skip" or "fail", got "${given}"`);
  }
  if (given !== "skip") {
    if (max !== void 0) ctx.usageError("--max-errors needs --on-error skip");
    return void 0;
  }
  if (max === void 0) return {};
  const n = typeof max === "string" && /^\d+$/.test(max) ? Number(max) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    ctx.usageError(`--max-errors must be an integer of at least 1, got "${max}"`);
  }
  return {
    maxErrors: n
  };
}
async function timeReading(ctx) {
  const time = {
    reference: await referenceOf(ctx.inputs)
  };
  const zone = ctx.values.zone;
  if (typeof zone === "string") {
    try {
      parseTime("2000-01-01T00:00:00", {
        zone
      });
    } catch {
      ctx.usageError(`--zone must be UTC, an offset such as +02:00 or a zone name such as Europe/Berlin, got "${zone}"`);
    }
    time.zone = zone;
  }
  const year = ctx.values.year;
  if (typeof year === "string") {
    if (!/^\d{4}$/.test(year)) {
      ctx.usageError(`--year must be a year such as 2024, got "${year}"`);
    }
    time.year = Number(year);
  }
  return time;
}
function formatOf(ctx) {
  const text = ctx.values.format;
  const columns = ctx.values.columns;
  if (typeof text !== "string") {
    if (columns !== void 0) {
      ctx.usageError("--columns needs --format csv or tsv");
    }
    return void 0;
  }
  if (columns !== void 0 && text !== "csv" && text !== "tsv") {
    ctx.usageError(`--columns needs --format csv or tsv, got "${text}"`);
  }
  if (text.startsWith("regex:")) {
    const source = text.slice("regex:".length);
    const problem = dialectProblem(source);
    if (problem !== void 0) {
      ctx.usageError(`--format regex:PATTERN ${problem}`);
    }
    let re;
    try {
      re = new RegExp(source, "u");
    } catch (error) {
      ctx.usageError(`--format regex: invalid regular expression: ${error.message.replace(/^Invalid regular expression: /, "")}`);
    }
    if (!/\(\?<[^=!]/.test(source)) {
      ctx.usageError(`--format regex:PATTERN needs a named group, such as (?<ip>\\S+), to name the fields, got "${source}"`);
    }
    return re;
  }
  if (!PARSE_FORMATS.includes(text)) {
    ctx.usageError(`--format must be ${PARSE_FORMATS.join(", ")} or regex:PATTERN, got "${text}"`);
  }
  if ((text === "csv" || text === "tsv" || text === "auto") && (ctx.shard !== void 0 || ctx.values.partial !== void 0)) {
    ctx.usageError(`--format ${text} cannot be read in shards (--shard, --partial): its header and records span the lines of a file; give a line format (json, logfmt, combined, \u2026)`);
  }
  return text;
}
function parseStage(ctx, format, policy = {}, names) {
  const columns = typeof ctx.values.columns === "string" ? ctx.values.columns.split(",").map((c) => c.trim()) : void 0;
  if (columns !== void 0 && columns.some((c) => c === "")) {
    ctx.usageError(`--columns names an empty field: "${ctx.values.columns}"`);
  }
  const keys = format === "json" && names !== void 0 ? topLevelKeys(names) : void 0;
  const options = {
    ...policy,
    ...columns === void 0 ? {} : {
      columns
    },
    ...keys === void 0 ? {} : {
      keys
    }
  };
  return format instanceof RegExp && matchesInWorker(format) ? parseInWorker(format, policy) : format instanceof RegExp ? parse(format, options) : parse(format, options);
}
function topLevelKeys(paths) {
  const keys = [];
  for (const path of paths) {
    const end = path.search(/[.[]/);
    if (end === 0) return void 0;
    if (end === -1) {
      keys.push(path);
    } else {
      keys.push(path.slice(0, end), path);
    }
  }
  return keys;
}
function recordField(ctx, format, name) {
  if (format === "words") {
    if (!/^\d+$/.test(name) || Number(name) < 1) {
      ctx.usageError(`the fields of --format words are numbers from 1, as awk's $1, got "${name}"`);
    }
    const index = Number(name) - 1;
    return (record) => record[index];
  }
  try {
    return field(name);
  } catch (error) {
    ctx.usageError(error.message);
  }
}
function bucketSize(ctx, option) {
  const size = String(ctx.values[option]);
  try {
    bucket(0, size);
  } catch {
    ctx.usageError(`--${option} must be a size such as 500ms, 10s, 5m, 1h, 1d or 1w, got "${size}"`);
  }
  return size;
}
var OWN_TIME = {
  combined: "time_local",
  common: "time_local",
  syslog: "timestamp"
};
function timeFieldName(ctx, format, option) {
  const given = ctx.values["time-field"];
  if (typeof given === "string") {
    if (given === "") ctx.usageError("--time-field names no field");
    return given;
  }
  const own = typeof format === "string" ? OWN_TIME[format] : void 0;
  if (own === void 0) {
    ctx.usageError(`${option} needs --time-field F${format === void 0 || format === "auto" ? "" : `: the ${format instanceof RegExp ? "regex" : format} format has no time field of its own`}`);
  }
  return own;
}
var LineQueue = class {
  #lines = [];
  #head = 0;
  // Lines the parse stage skipped, oldest first, not yet passed.
  #failed = [];
  on = true;
  push(line) {
    if (this.on) this.#lines.push(line);
  }
  /** The parse stage skipped `line` (it comes before any later record's). */
  failed(line) {
    if (this.on) this.#failed.push(line);
  }
  shift() {
    while (this.#failed.length > 0 && this.#lines[this.#head] === this.#failed[0]) {
      this.#failed.shift();
      this.#lines[this.#head++] = "";
    }
    const line = this.#lines[this.#head];
    this.#lines[this.#head++] = "";
    if (this.#head > 1024 && this.#head * 2 > this.#lines.length) {
      this.#lines = this.#lines.slice(this.#head);
      this.#head = 0;
    }
    return line;
  }
  clear() {
    this.on = false;
    this.#lines = [];
    this.#failed = [];
    this.#head = 0;
  }
};
function cell(value, separator) {
  const s = value === void 0 || value === null ? "" : String(value);
  return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
function keyedRecords(ctx, format, keyOf, names) {
  const queue = new LineQueue();
  const skip = skipOptions(ctx);
  let separator = format === "csv" ? "," : format === "tsv" ? "	" : void 0;
  if (separator !== void 0) queue.clear();
  let decided = format !== "auto";
  let header;
  const tag = map((line) => {
    queue.push(line);
    return line;
  }, {
    name: "lines"
  });
  const pair = map((record) => {
    if (!decided) {
      decided = true;
      const chose = autoChoice(ctx.summary);
      if (chose === "csv" || chose === "tsv") {
        separator = chose === "csv" ? "," : "	";
        queue.clear();
      }
    }
    if (separator === void 0) return {
      k: keyOf(record),
      t: queue.shift()
    };
    const values = Object.values(record);
    header ??= Object.keys(record).map((name) => cell(name, separator)).join(separator);
    return {
      k: keyOf(record),
      t: values.map((v) => cell(v, separator)).join(separator)
    };
  }, {
    name: "keys"
  });
  return {
    stages: [
      tag,
      parseStage(ctx, format, skip && {
        ...skip,
        // The skipped lines are told to the queue, which passes them over.
        onError: deadLetter((failed) => queue.failed(failed.item))
      }, names),
      pair
    ],
    header: () => header
  };
}
function autoChoice(summary) {
  for (const stage of summary.stages) {
    for (const name of Object.keys(stage.counters)) {
      if (name.startsWith("auto chose ")) {
        return name.slice("auto chose ".length);
      }
    }
  }
  return void 0;
}
function texts(header) {
  let first = true;
  return map((item) => {
    if (!first) return item.t;
    first = false;
    const h = header();
    return h === void 0 ? item.t : [
      h,
      item.t
    ];
  }, {
    name: "text"
  });
}

export {
  matchesInWorker,
  fieldTestInWorker,
  skipOptions,
  timeReading,
  formatOf,
  parseStage,
  recordField,
  bucketSize,
  timeFieldName,
  keyedRecords,
  texts
};
