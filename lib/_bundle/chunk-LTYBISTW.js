// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/core/_chunk.ts
var spares = [];
var SPARES = 4;
var SPARE_BYTES = 256 * 1024;
function spareBytes(min) {
  for (let i = spares.length - 1; i >= 0; i--) {
    if (spares[i].length >= min) {
      const found = spares[i];
      spares.splice(i, 1);
      return found;
    }
  }
  return void 0;
}
function giveBackBytes(bytes) {
  if (spares.length < SPARES && bytes.byteOffset === 0 && bytes.buffer.byteLength <= SPARE_BYTES) {
    spares.push(new Uint8Array(bytes.buffer));
  }
}
var standInArrays = /* @__PURE__ */ new Map();
var STAND_IN_LENGTHS = 64;
var STAND_IN_MOST = 2048;
function standIns(n) {
  const kept = standInArrays.get(n);
  if (kept !== void 0) return kept;
  const made = new Array(n).fill("");
  if (n > STAND_IN_MOST) return made;
  if (standInArrays.size >= STAND_IN_LENGTHS) {
    standInArrays.delete(standInArrays.keys().next().value);
  }
  Object.freeze(made);
  standInArrays.set(n, made);
  return made;
}
function lineOf(chunk, i) {
  return chunk.lines !== void 0 ? chunk.lines[i] ?? chunk.firstLine : chunk.firstLine + i;
}
function numberPrefix(n) {
  return n.toFixed(0) + ":";
}
function namePrefix(path) {
  return (path === void 0 || path === "-" ? "(standard input)" : path) + ":";
}
function make(items, path, input, firstLine, lines, position, wide, bytes) {
  return {
    items,
    path,
    input,
    firstLine,
    lines,
    position,
    wide,
    bytes
  };
}
function consecutive(items, firstLine, path, wide, bytes) {
  return make(items, path, void 0, firstLine, void 0, void 0, wide, bytes);
}
function numbered(items, lines, path, wide, bytes) {
  return make(items, path, void 0, lines[0] ?? 1, lines, void 0, wide, bytes);
}
function withItems(chunk, items, wide) {
  return make(items, chunk.path, chunk.input, chunk.firstLine, chunk.lines, void 0, wide);
}
function head(chunk, count) {
  return make(chunk.items.slice(0, count), chunk.path, chunk.input, chunk.firstLine, chunk.lines?.slice(0, count));
}
function tailFrom(chunk, from) {
  return make(chunk.items.slice(from), chunk.path, chunk.input, lineOf(chunk, from), chunk.lines?.slice(from));
}
function positionOnly(position, firstLine) {
  return make([], void 0, void 0, firstLine, void 0, position);
}
var ChunkBuilder = class {
  #items = [];
  #lines = [];
  // Which gathered items are not ASCII (see Chunk.wide), while every item
  // came from a chunk that said.
  #wide = [];
  #wideKnown = true;
  // Where keep() is in the chunk it keeps from: its hint is read once, in
  // step with the indexes kept (they only grow within a chunk).
  #from;
  #fromAt = 0;
  #fromI = 0;
  /** How many items are gathered. */
  get length() {
    return this.#items.length;
  }
  /** Adds `item` with the line number `line`. */
  push(item, line) {
    this.#wideKnown = false;
    this.#items.push(item);
    this.#lines.push(line);
  }
  /** Adds `chunk.items[i]` with its line number. */
  keep(chunk, i) {
    if (this.#wideKnown) {
      const wide = chunk.wide;
      if (wide === void 0) {
        this.#wideKnown = false;
      } else {
        if (chunk !== this.#from || i < this.#fromI) {
          this.#from = chunk;
          this.#fromAt = 0;
        }
        let at = this.#fromAt;
        while (at < wide.length && wide[at] < i) at++;
        if (wide[at] === i) this.#wide.push(this.#items.length);
        this.#fromAt = at;
        this.#fromI = i;
      }
    }
    this.#items.push(chunk.items[i]);
    this.#lines.push(lineOf(chunk, i));
  }
  /** Adds the first `count` items of `chunk` with their line numbers. */
  keepHead(chunk, count) {
    for (let i = 0; i < count; i++) this.keep(chunk, i);
  }
  /** Drops what was gathered after the first `length` items. */
  truncate(length) {
    if (length >= this.#items.length) return;
    this.#items.length = length;
    this.#lines.length = length;
    while (this.#wide.length > 0 && this.#wide.at(-1) >= length) {
      this.#wide.pop();
    }
  }
  /**
   * Hands over what is gathered as a chunk from `origin` (its path and input
   * are kept) and starts afresh; `undefined` when nothing is gathered.
   */
  build(origin) {
    if (this.#items.length === 0) return void 0;
    const chunk = make(this.#items, origin.path, origin.input, this.#lines[0], this.#lines, void 0, this.#wideKnown ? this.#wide : void 0);
    this.#items = [];
    this.#lines = [];
    this.#wide = [];
    this.#wideKnown = true;
    this.#from = void 0;
    return chunk;
  }
};
var encoder = new TextEncoder();
function encodeApart(items, wide, out, strict = false) {
  let p = 0;
  let from = 0;
  const last = items.length - 1;
  for (let w = 0; w <= wide.length; w++) {
    const to = w < wide.length ? wide[w] : items.length;
    if (to < from) continue;
    if (to > from) {
      const run = to - from === 1 ? items[from] : items.slice(from, to).join("\n");
      const { read, written } = encoder.encodeInto(run, out.subarray(p));
      if (strict && (read !== run.length || written !== run.length)) {
        return -1;
      }
      p += written;
      if (to - 1 < last) out[p++] = 10;
    }
    if (to < items.length) {
      if (strict && !items[to].isWellFormed()) return -1;
      p += encoder.encodeInto(items[to], out.subarray(p)).written;
      if (to < last) out[p++] = 10;
    }
    from = to + 1;
  }
  return p;
}

export {
  spareBytes,
  giveBackBytes,
  standIns,
  lineOf,
  numberPrefix,
  namePrefix,
  consecutive,
  numbered,
  withItems,
  head,
  tailFrom,
  positionOnly,
  ChunkBuilder,
  encodeApart
};
