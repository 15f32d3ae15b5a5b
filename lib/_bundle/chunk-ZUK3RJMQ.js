// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  LineSplitter
} from "./chunk-JEJGDMZV.js";
import {
  fileRead
} from "./chunk-XSXS6JZV.js";

// lib/io/_read_range.ts
var LF = 10;
var SPLIT_BYTES = 64 * 1024;
var spare = {
  probe: void 0
};
async function readRange(source, start, end, apply, bytes) {
  const was = source.file;
  let opened;
  try {
    opened = await Deno.open(source.path, {
      read: true
    });
  } catch (error) {
    if (was !== void 0 && error instanceof Deno.errors.NotFound) {
      throw changed(source.path, was, void 0);
    }
    throw error;
  }
  using file = opened;
  if (was !== void 0) {
    const problem = changed(source.path, was, await file.stat());
    if (problem instanceof Deno.errors.NotFound) throw problem;
  }
  const cut = (at2) => new Deno.errors.UnexpectedEof(`"${source.path}" was truncated while it was read: it ended at byte ${at2}, ${was?.size ?? end} bytes long when the run started`);
  let pos = start;
  if (start > 0) {
    const probe = spare.probe ?? new Uint8Array(64 * 1024);
    spare.probe = void 0;
    try {
      await file.seek(start - 1, Deno.SeekMode.Start);
      let base = start - 1;
      while (true) {
        const n = await file.read(probe);
        if (n === null) {
          if (base < end) throw cut(base);
          return 0;
        }
        const i = probe.subarray(0, n).indexOf(LF);
        if (i !== -1) {
          pos = base + i + 1;
          break;
        }
        base += n;
      }
    } finally {
      spare.probe = probe;
    }
    if (pos >= end) return 0;
    await file.seek(pos, Deno.SeekMode.Start);
  }
  const read = fileRead(file);
  let before = 0;
  const first = pos;
  if (bytes !== void 0) {
    const past = await readBytes(bytes, read, source, pos, end, cut);
    if (!past.rest) return past.lines;
    before = past.lines;
    pos = past.at;
    if (pos >= end) return before;
    await file.seek(pos, Deno.SeekMode.Start);
  }
  const splitter = new LineSplitter({
    maxLineBytes: source.maxLineBytes,
    onLongLine: source.onLongLine,
    fatal: source.fatal,
    path: source.path,
    readBytes: source.readBytes,
    atStart: pos === 0,
    // After lines read on bytes, numbered on from them, and its offsets
    // (in errors) from the range's first line, as without them.
    line: before + 1,
    offset: pos - first
  });
  const hand = async () => {
    const taken = splitter.take();
    if (taken.items.length > 0) {
      await apply(taken.items, taken.firstLine, taken.lines);
    }
  };
  let at = pos;
  let last = -1;
  while (at < end) {
    const space = splitter.space();
    const n = await read(space.subarray(0, Math.min(SPLIT_BYTES, end - at)));
    if (n === null) throw cut(at);
    at += n;
    last = space[n - 1];
    splitter.commit(n);
    await hand();
  }
  while (last !== LF) {
    const space = splitter.space();
    const n = await read(space.subarray(0, Math.min(space.length, 65536)));
    if (n === null) {
      if (was !== void 0 && at < was.size) throw cut(at);
      break;
    }
    at += n;
    const i = space.subarray(0, n).indexOf(LF);
    if (i !== -1) {
      splitter.commit(i + 1);
      break;
    }
    splitter.commit(n);
  }
  splitter.end();
  await hand();
  splitter.release();
  return before + splitter.linesSeen;
}
var BOM = [
  239,
  187,
  191
];
var CR = 13;
async function readBytes(bytes, read, source, pos, end, cut) {
  const buf = bytes.buffer;
  const half = buf.length >>> 1;
  const maxLine = Math.min(source.maxLineBytes, half) - 2;
  let lines = 0;
  let base = pos;
  let have = 0;
  let bom = pos === 0;
  let ended = false;
  let rest = false;
  while (true) {
    const n = await read(buf.subarray(have, have + half));
    if (n === null) {
      if (base + have < Math.max(end, source.file?.size ?? 0)) {
        throw cut(base + have);
      }
      ended = true;
      if (have === 0) return {
        at: base,
        lines,
        rest: false
      };
      if (buf[have - 1] === CR) rest = true;
      else if (buf[have - 1] !== LF) buf[have++] = LF;
    } else {
      have += n;
    }
    if (bom) {
      if (have < 3 && !ended) continue;
      bom = false;
      if (have >= 3 && BOM.every((b, i) => buf[i] === b)) {
        buf.copyWithin(0, 3, have);
        have -= 3;
        base += 3;
      }
    }
    const next = bytes.read(have, Math.max(end - base, 1), maxLine);
    lines += bytes.lines;
    const at = next === 0 && lines === 0 ? pos : base + next;
    if (bytes.done || have - next >= half) return {
      at,
      lines,
      rest: true
    };
    if (at >= end || ended) return {
      at,
      lines,
      rest
    };
    buf.copyWithin(0, next, have);
    base += next;
    have -= next;
  }
}
function changed(path, was, now) {
  if (now === void 0 || now.dev !== was.dev || (now.ino ?? 0) !== was.ino) {
    return new Deno.errors.NotFound(`"${path}" was replaced while it was read (rotated or removed): the lines read are of the file that was there when the run started`);
  }
  if (now.size < was.size) {
    return new Deno.errors.UnexpectedEof(`"${path}" was truncated while it was read: it has ${now.size} bytes now, ${was.size} when the run started`);
  }
  return void 0;
}

export {
  readRange,
  changed
};
