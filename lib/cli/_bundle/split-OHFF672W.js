// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  FORMAT_OPTIONS,
  SKIP_OPTIONS,
  TIME_FIELD_OPTION,
  checkTimeOptions
} from "./chunk-W6INNASD.js";
import {
  formatReaders,
  integer,
  keepBytes,
  lineText,
  reportBinary,
  reportSkipped,
  runStages
} from "./chunk-6PUDEJMY.js";
import "./chunk-5L23PBXP.js";
import {
  readLines
} from "./chunk-7LQHHAKO.js";
import "./chunk-7W377BI5.js";
import {
  pipeline
} from "./chunk-ROVXDBDY.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-LXPVDTEI.js";
import {
  RunContext,
  stageFailure
} from "./chunk-BBHQB3UX.js";
import "./chunk-YYIHPHCX.js";
import {
  toStdout
} from "./chunk-AJRTXXC2.js";
import {
  Summary,
  recordOf
} from "./chunk-UXBWY6EI.js";
import {
  chunksOf
} from "./chunk-STV52ALK.js";
import "./chunk-RK7ET6WN.js";
import "./chunk-65U4WM43.js";
import {
  formatBytes
} from "./chunk-4W7FL7Y6.js";
import "./chunk-X54HIHCS.js";
import {
  encodeLossless
} from "./chunk-R3JU4EVG.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import {
  lineOf
} from "./chunk-3ILZAVZR.js";
import "./chunk-PUEIFZJK.js";
import "./chunk-IUDX72IL.js";
import {
  recordOf as recordOf2,
  textOf
} from "./chunk-HUUYG5NT.js";
import {
  lineField
} from "./chunk-S4ZOQICP.js";
import "./chunk-HBZSIY22.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-SEXDPIXC.js";
import {
  register
} from "./chunk-RJWQ7O3S.js";

// lib/io/write_split.ts
var PART_BUFFER_BYTES = 64 * 1024;
var TOTAL_BUFFER_BYTES = 16 * 1024 * 1024;
var FIRST_BUFFER_BYTES = 1024;
var MAX_NAME_CHARS = 200;
var utf8 = new TextEncoder();
function hash(text) {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    for (const b of [
      unit & 255,
      unit >> 8
    ]) {
      h = (h ^ BigInt(b)) * 0x100000001b3n & 0xffffffffffffffffn;
    }
  }
  return h.toString(16).padStart(16, "0");
}
function partName(key) {
  let name = "";
  for (const ch of key) {
    const unit = ch.charCodeAt(0);
    if (/^[A-Za-z0-9_-]$/.test(ch) || ch === "." && name !== "") {
      name += ch;
    } else if (ch.length === 1 && unit >= 55296 && unit <= 57343) {
      name += `%u${unit.toString(16).toUpperCase()}`;
    } else {
      for (const b of utf8.encode(ch)) {
        name += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
      }
    }
  }
  if (name === "") name = "%";
  return name.length <= MAX_NAME_CHARS ? name : `${name.slice(0, MAX_NAME_CHARS - 17)}~${hash(key)}`;
}
function writeSplit(key, options = {}) {
  if (typeof key !== "function") {
    throw new TypeError(`Cannot create writeSplit stage: key must be a function, got ${typeof key}`);
  }
  const maxOpen = options.maxOpen ?? 64;
  if (!Number.isSafeInteger(maxOpen) || maxOpen < 1) {
    throw new TypeError(`Cannot create writeSplit stage: maxOpen must be an integer of at least 1, got ${maxOpen}`);
  }
  const prefix = options.prefix ?? "split-";
  const suffix = options.suffix ?? ".log";
  const given = options.text;
  const textOf2 = given ?? ((item) => {
    if (typeof item === "string") return item;
    throw new TypeError(`Cannot write an item of type ${item === null ? "null" : typeof item} as a line: give writeSplit a text option`);
  });
  const header = options.header;
  const headerOf = typeof header === "function" ? header : () => header;
  const lossless = options.lossless === true;
  const slash = prefix.lastIndexOf("/");
  const dir = slash === -1 ? "." : prefix.slice(0, slash) || "/";
  const base = prefix.slice(slash + 1);
  async function consume(input, stats, ctx) {
    await Deno.mkdir(dir, {
      recursive: true
    });
    const temp = await Deno.makeTempDir({
      dir,
      prefix: ".sluice-split-"
    });
    const parts = /* @__PURE__ */ new Map();
    const open = /* @__PURE__ */ new Map();
    let room = 0;
    const put = (part, line) => {
      const need = part.used + 3 * line.length + 2;
      let buf = part.buf;
      if (buf === void 0 || need > buf.length) {
        let size = buf === void 0 ? FIRST_BUFFER_BYTES : 2 * buf.length;
        while (size < need) size *= 2;
        const grown = new Uint8Array(size);
        if (buf !== void 0) grown.set(buf.subarray(0, part.used));
        room += size - (buf?.length ?? 0);
        part.buf = buf = grown;
      }
      let at = part.used;
      if (part.owed) {
        buf[at++] = 10;
        part.owed = false;
      }
      const marked = lossless && line.charCodeAt(line.length - 1) === 56330;
      const text = marked ? line.slice(0, -1) : line;
      if (!lossless || text.isWellFormed()) {
        at += utf8.encodeInto(text, buf.subarray(at)).written;
      } else {
        const bytes = encodeLossless(text);
        buf.set(bytes, at);
        at += bytes.length;
      }
      if (marked) part.owed = true;
      else buf[at++] = 10;
      part.used = at;
    };
    const fileOf = async (k, part) => {
      const file = open.get(k);
      if (file !== void 0) {
        open.delete(k);
        open.set(k, file);
        return file;
      }
      if (open.size >= maxOpen) {
        const [oldest, oldFile] = open.entries().next().value;
        open.delete(oldest);
        oldFile.close();
      }
      const opened = await Deno.open(`${temp}/${part.name}`, {
        write: true,
        create: true,
        append: part.created,
        truncate: !part.created
      });
      part.created = true;
      open.set(k, opened);
      return opened;
    };
    const flush = async (k, part) => {
      if (part.used === 0 && part.created) return;
      const bytes = part.buf.subarray(0, part.used);
      const file = await fileOf(k, part);
      for (let at = 0; at < bytes.length; ) {
        const n = await file.write(bytes.subarray(at));
        if (!(n > 0)) throw new Deno.errors.WriteZero(`Write returned ${n}`);
        at += n;
      }
      part.used = 0;
      ctx.summary.bytesWritten += bytes.length;
      stats.count("bytesWritten", bytes.length);
    };
    const flushAll = async () => {
      for (const [k, p] of parts) {
        await flush(k, p);
        p.buf = void 0;
      }
      room = 0;
      stats.hold(0, 0);
    };
    try {
      let index = 0;
      for await (const chunk of input) {
        const items = chunk.items;
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          let k;
          let line;
          try {
            k = key(item, index++);
            if (typeof k !== "string") {
              throw new TypeError(`Cannot split by a key of type ${typeof k}: key must return a string`);
            }
            line = textOf2(item);
          } catch (error) {
            throw stageFailure(error, stats, ctx, {
              line: lineOf(chunk, i),
              path: chunk.path
            });
          }
          let part = parts.get(k);
          if (part === void 0) {
            part = {
              name: `${base}${partName(k)}${suffix}`,
              buf: void 0,
              used: 0,
              created: false,
              owed: false
            };
            parts.set(k, part);
            stats.count("parts", 1);
            const first = headerOf();
            if (first !== void 0) put(part, first);
          }
          put(part, line);
          if (part.used >= PART_BUFFER_BYTES) await flush(k, part);
          if (room > TOTAL_BUFFER_BYTES) await flushAll();
        }
        stats.hold(0, room);
      }
      await flushAll();
      for (const file of open.values()) file.close();
      open.clear();
      for (const part of parts.values()) {
        ctx.signal?.throwIfAborted();
        using file = await Deno.open(`${temp}/${part.name}`, {
          read: true
        });
        await file.sync();
      }
      for (const part of parts.values()) {
        const info = await Deno.lstat(`${dir}/${part.name}`).catch(() => null);
        if (info?.isDirectory) {
          throw new Deno.errors.IsADirectory(`Cannot write the part "${dir}/${part.name}": it is a directory`);
        }
      }
      ctx.signal?.throwIfAborted();
      const finals = [];
      const asides = [];
      try {
        for (const [i, part] of [
          ...parts.values()
        ].entries()) {
          const final = `${dir}/${part.name}`;
          try {
            await Deno.lstat(final);
            const aside = `${temp}/.replaced-${i}`;
            await Deno.rename(final, aside);
            asides.push([
              aside,
              final
            ]);
          } catch (error) {
            if (!(error instanceof Deno.errors.NotFound)) throw error;
          }
          await Deno.rename(`${temp}/${part.name}`, final);
          finals.push(final);
        }
      } catch (error) {
        for (const final of finals) await Deno.remove(final).catch(() => {
        });
        for (const [aside, final] of asides) {
          await Deno.rename(aside, final).catch(() => {
          });
        }
        throw error;
      }
      options.parts?.push(...finals);
    } finally {
      for (const file of open.values()) {
        try {
          file.close();
        } catch {
        }
      }
      await Deno.remove(temp, {
        recursive: true
      }).catch(() => {
      });
    }
  }
  const impl = {
    kind: "writeSplit",
    name: options.name,
    bound: `${formatBytes(TOTAL_BUFFER_BYTES)} of UTF-8 + 1 line, ${maxOpen === 1 ? "1 file" : `${maxOpen} files`} open`,
    resumable: {
      refused: "writeSplit cannot be resumed"
    },
    consume
  };
  const sink = (source) => {
    const summary = new Summary();
    const stats = recordOf(summary).addStage(options.name ?? "writeSplit", "writeSplit", impl.bound);
    return consume(chunksOf(source), stats, new RunContext({
      summary
    }));
  };
  return register(sink, impl);
}

// lib/cli/commands/split.ts
function timePart(iso) {
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  return iso.replace(/\.000Z$/, "Z").replace(/:00Z$/, "Z").replaceAll(":", "");
}
var split = {
  name: "split",
  synopsis: "split",
  summary: "into files by N lines or by a field's value",
  spec: {
    name: "sluice split",
    usage: "[OPTION\u2026] [FILE\u2026]",
    output: false,
    // Shards would write the same parts: split the merged output instead.
    shard: false,
    description: "Split the input into files: every N lines (--lines), by the value of a field (--by; of logfmt/JSON lines, or of --format's records), by time bucket (--by-time; parts named like 2015-05-17 or 2015-05-17T1300Z, in UTC) or by the first characters of a line (--by-prefix). Parts are written to a temporary directory and moved into place only when the whole run succeeded; then the path of each part is printed on standard output, a line each. A key becomes a file name one to one: characters other than letters, digits, - and _ are percent-encoded as their UTF-8 bytes (b/c gives b%2Fc, Jun 14 gives Jun%2014), a very long key is cut and given a hash of the whole. With --format csv or tsv, every part starts with the header.",
    examples: [
      "sluice split --lines 1000000 --prefix parts/app- app.log",
      "sluice split --by service --prefix by-service/ app.log",
      "sluice split --by-prefix 10 --prefix days/ app.log   # ISO dates",
      "sluice split --format combined --by-time 1d --prefix days/ access.log"
    ],
    options: {
      ...FORMAT_OPTIONS,
      lines: {
        type: "string",
        short: "l",
        description: "lines per part",
        valueName: "N"
      },
      by: {
        type: "string",
        description: "split by this field's value",
        valueName: "FIELD"
      },
      "by-time": {
        type: "string",
        description: "split by time buckets of SIZE (10s, 5m, 1h, 1d, 1w) of the time field",
        valueName: "SIZE"
      },
      ...TIME_FIELD_OPTION,
      "by-prefix": {
        type: "string",
        description: "split by the first N characters of each line",
        valueName: "N"
      },
      prefix: {
        type: "string",
        short: "p",
        description: "path prefix of the parts (default split-)",
        valueName: "PREFIX"
      },
      suffix: {
        type: "string",
        description: "file name suffix (default .log)",
        valueName: "SUFFIX"
      },
      "max-open": {
        type: "string",
        description: "most part files open at once (default 64)",
        valueName: "N"
      },
      ...SKIP_OPTIONS
    }
  },
  async run(ctx) {
    const modes = [
      "lines",
      "by",
      "by-time",
      "by-prefix"
    ].filter((k) => ctx.values[k] !== void 0);
    if (modes.length !== 1) {
      ctx.usageError("give exactly one of --lines, --by, --by-time and --by-prefix");
    }
    checkTimeOptions(ctx, modes[0] === "by-time");
    ctx.values["max-open"] ??= "64";
    const maxOpen = integer(ctx, "max-open", 1);
    const formats = await formatReaders(ctx, modes[0] === "by-time");
    const format = formats?.formatOf(ctx);
    const written = [];
    const settings = {
      prefix: typeof ctx.values.prefix === "string" ? ctx.values.prefix : "split-",
      suffix: typeof ctx.values.suffix === "string" ? ctx.values.suffix : ".log",
      maxOpen,
      parts: written,
      // Lines read losslessly go back to their bytes.
      lossless: true
    };
    const size = modes[0] === "by-time" ? formats.bucketSize(ctx, "by-time") : void 0;
    if (format !== void 0) {
      if (size === void 0 && modes[0] !== "by") {
        ctx.usageError("--format splits --by FIELD or --by-time SIZE");
      }
      const name = size === void 0 ? String(ctx.values.by) : formats.timeFieldName(ctx, format, "--by-time");
      const get = formats.recordField(ctx, format, name);
      const time = await formats.timeReading(ctx);
      let key = (record) => partKey(get(record));
      if (size !== void 0) {
        const { timeBucket } = await import("./_read_time-YFGNYI4J.js");
        const at = timeBucket(size, name, get, time);
        key = (record) => timePart(at(record));
      }
      const records = formats.keyedRecords(ctx, format, key, [
        name
      ]);
      await runStages(readLines(ctx.inputs, ctx.readOptions), records.stages, writeSplit((item) => item.k, {
        ...settings,
        text: (item) => item.t,
        header: records.header
      }), ctx.pipelineOptions);
      await reportSkipped("sluice split", ctx.summary);
      await toStdout(written.map((p) => `${p}
`).join(""));
      return;
    }
    if (ctx.values["on-error"] !== void 0) {
      ctx.usageError("--on-error needs --format");
    }
    let keyOf;
    if (size !== void 0) {
      const name = formats.timeFieldName(ctx, void 0, "--by-time");
      const { timeBucket } = await import("./_read_time-YFGNYI4J.js");
      const at = timeBucket(size, name, lineField(name), await formats.timeReading(ctx));
      keyOf = (line) => timePart(at(lineText(line)));
    } else if (ctx.values.lines !== void 0) {
      const n = integer(ctx, "lines", 1);
      keyOf = (_, i) => String(Math.floor(i / n)).padStart(5, "0");
    } else if (ctx.values.by !== void 0) {
      const get = lineField(String(ctx.values.by));
      keyOf = (whole) => {
        const line = lineText(whole);
        const value = get(line);
        if (value === void 0 && line.charCodeAt(0) === 123) recordOf2(line);
        return partKey(value);
      };
    } else {
      const n = integer(ctx, "by-prefix", 1);
      keyOf = (whole) => {
        const line = lineText(whole);
        let end = 0;
        for (let k = 0; k < n && end < line.length; k++) {
          const unit = line.charCodeAt(end);
          end += unit >= 55296 && unit <= 56319 && end + 1 < line.length ? 2 : 1;
        }
        return line.slice(0, end);
      };
    }
    const kept = keepBytes(ctx, true);
    await pipeline(readLines(ctx.inputs, kept.read), writeSplit(keyOf, settings), ctx.pipelineOptions);
    await reportBinary("sluice split", kept.binary);
    await toStdout(written.map((p) => `${p}
`).join(""));
  }
};
function partKey(value) {
  return value === void 0 || value === null ? "_none" : textOf(value);
}
export {
  split,
  timePart
};
