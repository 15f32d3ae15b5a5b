// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  annotate,
  discardPartial,
  openOutput,
  openPartialOutput
} from "./chunk-I2QBOOKM.js";
import "./chunk-4TGYKUN4.js";
import {
  encodeLossless
} from "./chunk-R3JU4EVG.js";
import "./chunk-E2F53XKZ.js";
import {
  pathOf
} from "./chunk-65U4WM43.js";
import {
  checkAborted,
  failAt,
  openUnlessAborted
} from "./chunk-XSSWW4V7.js";
import {
  encodeApart,
  giveBackBytes
} from "./chunk-LTYBISTW.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import {
  CheckpointError
} from "./chunk-LHRNZXWF.js";

// lib/io/_write_engine.ts
var READER_GONE = new Error("Standard output's reader has gone");
function badItem(item) {
  const shown = typeof item === "object" ? Object.prototype.toString.call(item) : typeof item;
  return new TypeError(`Cannot write ${shown}: writeLines takes strings or arrays of strings`);
}
async function writeAll(settings, input, stats, ctx) {
  const { target, writeBytes, append, atomic, lossless, aroundWrite, name, format, header } = settings;
  const PIECE = writeBytes >> 2;
  const cp = ctx.checkpoint;
  const resumablePath = typeof target === "string" || target instanceof URL ? pathOf(target) : void 0;
  let headerDue = header !== void 0 && !cp?.resumed?.outputBytes;
  if (headerDue && append && resumablePath !== void 0) {
    const size = await Deno.stat(resumablePath).then((info) => info.size, (error) => {
      if (error instanceof Deno.errors.NotFound) return 0;
      throw annotate(error, name);
    });
    headerDue = size === 0;
  }
  const opened = await openUnlessAborted(cp === void 0 || resumablePath === void 0 ? openOutput(target, append, atomic) : openPartialOutput(resumablePath, cp.resumed?.outputBytes, cp.resumed?.done ?? false, (reason) => new CheckpointError(cp.path, reason)), ctx.signal, (opened2) => opened2.abort(ctx.signal?.reason)).catch((error) => {
    if (ctx.signal?.aborted && error === ctx.signal.reason) throw error;
    throw error instanceof CheckpointError ? error : annotate(error, name);
  });
  let out = opened;
  if (aroundWrite !== void 0) {
    out = {
      write: (bytes) => aroundWrite(() => opened.write(bytes), bytes),
      commit: () => opened.commit(),
      abort: (reason) => opened.abort(reason)
    };
    if (opened.sync !== void 0) out.sync = () => opened.sync();
  }
  if (format !== void 0) {
    try {
      const { compressedOutput } = await import("./_compress-PBOZRFPJ.js");
      out = await compressedOutput(opened, format);
    } catch (error) {
      await opened.abort(error);
      throw annotate(error, name);
    }
  }
  const buf = new Uint8Array(writeBytes);
  const encoder = new TextEncoder();
  let used = 0;
  let outputBytes = cp?.resumed?.outputBytes ?? 0;
  let position = cp?.resumed?.position;
  let ahead = false;
  let outputFailed = false;
  const flush = async (all = false) => {
    if (used === 0) return;
    let n = used;
    if (!all && aroundWrite !== void 0 && buf[used - 1] !== 10) {
      const lf = buf.lastIndexOf(10, used - 1);
      if (lf !== -1) n = lf + 1;
    }
    try {
      await out.write(buf.subarray(0, n));
    } catch (error) {
      outputFailed = true;
      if (target === "-" && error instanceof Deno.errors.BrokenPipe) {
        throw READER_GONE;
      }
      throw annotate(error, name);
    }
    ctx.summary.bytesWritten += n;
    stats.count("bytesWritten", n);
    outputBytes += n;
    if (n < used) buf.copyWithin(0, n, used);
    used -= n;
  };
  const checkpoint = async (done) => {
    await flush(true);
    try {
      await out.sync();
    } catch (error) {
      outputFailed = true;
      throw annotate(error, name);
    }
    await cp.save(position ?? {
      input: 0,
      offset: 0,
      line: 1
    }, outputBytes, done);
  };
  const encodeText = async (text) => {
    while (text.length > 0) {
      const r = encoder.encodeInto(text, buf.subarray(used));
      used += r.written;
      if (r.read === text.length) break;
      text = text.slice(r.read);
      await flush();
    }
  };
  const encodeLine = async (text) => {
    await encodeText(text);
    if (used === buf.length) await flush();
    buf[used++] = 10;
  };
  const put = async (bytes) => {
    for (let at = 0; at < bytes.length; ) {
      if (used === buf.length) await flush();
      const n = Math.min(bytes.length - at, buf.length - used);
      buf.set(bytes.subarray(at, at + n), used);
      used += n;
      at += n;
    }
  };
  let owed = false;
  const encodeLineLossless = async (text) => {
    if (owed) {
      if (used === buf.length) await flush();
      buf[used++] = 10;
      owed = false;
    }
    const marked = text.charCodeAt(text.length - 1) === 56330;
    if (marked) text = text.slice(0, -1);
    if (text.isWellFormed()) {
      await encodeText(text);
    } else {
      await put(encodeLossless(text));
    }
    if (marked) {
      owed = true;
      return;
    }
    if (used === buf.length) await flush();
    buf[used++] = 10;
  };
  const encode = lossless ? encodeLineLossless : encodeLine;
  const putApart = (items, wide) => {
    const lf = owed ? 1 : 0;
    const n = encodeApart(items, wide, buf.subarray(used + lf), lossless);
    if (n === -1) return false;
    if (owed) buf[used] = 10;
    owed = false;
    used += lf + n;
    buf[used++] = 10;
    return true;
  };
  const writeChunk = async (chunk) => {
    const items = chunk.items;
    const bytes = chunk.bytes;
    if (bytes !== void 0) {
      stats.hold(items.length, used + bytes.length);
      if (owed && bytes.length > 0) {
        if (used === buf.length) await flush();
        buf[used++] = 10;
        owed = false;
      }
      await put(bytes);
      giveBackBytes(bytes);
      return;
    }
    let chars = 0;
    for (let i = 0; i < items.length && chars < PIECE; i++) {
      const item = items[i];
      chars = typeof item === "string" ? chars + item.length + 1 : PIECE;
    }
    if (chars < PIECE) {
      const wide = chunk.wide;
      if (wide !== void 0 && wide.length > 0) {
        stats.hold(items.length, used + chars * 2);
        if (used + 3 * chars + 1 > buf.length) await flush();
        if (used + 3 * chars + 1 <= buf.length && putApart(items, wide)) {
          return;
        }
      }
      const text = items.join("\n");
      stats.hold(items.length, used + text.length * 2);
      await encode(text);
      return;
    }
    let parts = [];
    let joined = 0;
    let held = 0;
    const encodeParts = async () => {
      if (parts.length === 0) return;
      const text = parts.join("\n");
      parts = [];
      joined = 0;
      held = Math.max(held, used + text.length * 2);
      await encode(text);
    };
    const line = async (text) => {
      if (text.length >= PIECE) {
        await encodeParts();
        held = Math.max(held, used);
        await encode(text);
        return;
      }
      parts.push(text);
      joined += text.length + 1;
      if (joined >= PIECE) await encodeParts();
    };
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item === "string") {
        await line(item);
      } else if (Array.isArray(item)) {
        for (const text of item) {
          if (typeof text !== "string") {
            throw failAt(badItem(text), stats, ctx, chunk, i);
          }
          await line(text);
        }
      } else {
        throw failAt(badItem(item), stats, ctx, chunk, i);
      }
    }
    await encodeParts();
    stats.hold(items.length, held);
  };
  const writeNow = (chunk) => {
    const items = chunk.items;
    const bytes = chunk.bytes;
    if (bytes !== void 0) {
      if (used + bytes.length + 1 > buf.length) return false;
      stats.hold(items.length, used + bytes.length);
      if (owed && bytes.length > 0) {
        buf[used++] = 10;
        owed = false;
      }
      buf.set(bytes, used);
      used += bytes.length;
      giveBackBytes(bytes);
      return true;
    }
    let chars = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== "string") return false;
      chars += item.length + 1;
      if (chars >= PIECE) return false;
    }
    if (used + 3 * chars + 1 > buf.length) return false;
    const wide = chunk.wide;
    if (wide !== void 0 && wide.length > 0) {
      stats.hold(items.length, used + chars * 2);
      return putApart(items, wide);
    }
    if (lossless) return false;
    const text = items.join("\n");
    stats.hold(items.length, used + text.length * 2);
    used += encoder.encodeInto(text, buf.subarray(used)).written;
    buf[used++] = 10;
    return true;
  };
  let lastBytes = 0;
  const settle = (chunk, before) => {
    lastBytes = outputBytes + used - before;
    if (cp === void 0) return false;
    if (chunk.position === void 0) {
      if (chunk.items.length > 0) ahead = true;
      return false;
    }
    position = chunk.position;
    ahead = false;
    return cp.due();
  };
  const writeLater = async (chunk, before) => {
    await writeChunk(chunk);
    return settle(chunk, before);
  };
  const writeInput = async (input2) => {
    const chunks = input2[Symbol.asyncIterator]();
    let step;
    let inputFailed = false;
    try {
      if (headerDue) await encodeLine(header);
      while (true) {
        try {
          step = await chunks.next();
        } catch (error) {
          inputFailed = true;
          throw error;
        }
        if (step.done) break;
        checkAborted(ctx);
        const before = outputBytes + used;
        const due = step.value.items.length === 0 || writeNow(step.value) ? settle(step.value, before) : await writeLater(step.value, before);
        step = void 0;
        if (used > 0 && used + Math.max(lastBytes, 1024) > buf.length) {
          await flush();
        }
        if (due) await checkpoint(false);
      }
    } catch (error) {
      step = void 0;
      if (inputFailed) throw error;
      try {
        await chunks.return?.();
      } catch {
      }
      throw error;
    }
    checkAborted(ctx);
    await flush(true);
    if (cp !== void 0) await checkpoint(true);
    try {
      await out.commit();
    } catch (error) {
      throw annotate(error, name);
    }
  };
  let committed = false;
  try {
    try {
      await writeInput(input);
    } catch (error) {
      if (error !== READER_GONE) throw error;
      stats.count("readerGone", 1);
      committed = true;
      return;
    }
    committed = true;
    await cp?.remove();
  } finally {
    if (!committed) {
      if (cp !== void 0 && !outputFailed && !ahead && position !== void 0) {
        await checkpoint(false).catch(() => {
        });
      }
      await out.abort(new Error("The run failed"));
      if (cp !== void 0 && resumablePath !== void 0 && cp.saves === 0 && cp.resumed === void 0) {
        await discardPartial(resumablePath);
      }
    }
  }
}
export {
  writeAll
};
