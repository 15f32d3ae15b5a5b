// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  encodeLossless
} from "./chunk-R3JU4EVG.js";
import {
  RunContext,
  stageFailure
} from "./chunk-XSSWW4V7.js";
import {
  chunksOf
} from "./chunk-FFM2QZVY.js";
import {
  lineOf
} from "./chunk-LTYBISTW.js";
import {
  register
} from "./chunk-RJWQ7O3S.js";
import {
  Summary,
  recordOf
} from "./chunk-NNJCSJBK.js";
import {
  formatBytes
} from "./chunk-4W7FL7Y6.js";

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
  const textOf = given ?? ((item) => {
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
            line = textOf(item);
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

export {
  partName,
  writeSplit
};
