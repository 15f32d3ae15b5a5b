// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  LiteralTrie,
  MANY_LITERALS
} from "./chunk-I5EFAMPC.js";
import {
  base64Bytes
} from "./chunk-R7VB6IFH.js";

// lib/io/_literal_wasm.ts
var LITERAL_WASM_BASE64 = "AGFzbQEAAAABLwdgBX9/f39/AGACf38Bf2ABfwF/YAF/AXtgAXsBf2AGf39/f39/AX9gA39/fwF/AxAPAAECAQMDAwEBBAECBQYABQMBAAEGfQx/AUEAC38BQQELewH9DAAAAAAAAAAAAAAAAAAAAAALewH9DAAAAAAAAAAAAAAAAAAAAAALfwFBAAt/AUEAC3sB/QwAAAAAAAAAAAAAAAAAAAAAC3sB/QwAAAAAAAAAAAAAAAAAAAAAC38BQQALfwFBAAt/AUEAC38BQQALBzIGBm1lbW9yeQIABG5leHQDCgRsaW5lAwsJc2V0TmVlZGxlAAAEc2NhbgAMBGZpbmQADQqJDg9OACAAJAAgASQBIAIkBCADJAUgBCQIIAAgAmotAAD9DyQCIAAgA2otAAD9DyQDIAQgACACai0AABAB/Q8kBiAEIAAgA2otAAAQAf0PJAcLEwBBIEEAIAAgAUHhAGtBGklxGws+AQJ/AkADQCABIwFPDQEjACABai0AACECIAAgAWotAAAjCCACEAFyIAJHBEBBAA8LIAFBAWohAQwACwtBAQt4AQF/AkADQCAAIAFNDQEgACABa0EQSQRAA0AgAEEBayEAIAAtAABBCkYEQCAAQQFqDwsgACABSw0ACwwCCyAAQRBrIQAgAP0ABAD9DAoKCgoKCgoKCgoKCgoKCgr9I/1kIQIgAgRAIABBIGogAmdrDwsMAAsLIAELEAAjCAR7IAAQBgUgABAFCwseACAAIwRq/QAEACMC/SMgACMFav0ABAAjA/0j/U4LJgAgACMEav0ABAAjBv1QIwL9IyAAIwVq/QAEACMH/VAjA/0j/U4LggICAXsCfwJAA0AgAEHAAGojAWogAUsNASAAEAUgAEEQahAF/VAgAEEgahAFIABBMGoQBf1Q/VD9Uw0BIAIgAP0ABAD9DAoKCgoKCgoKCgoKCgoKCgr9I/1xIQIgAiAA/QAEEP0MCgoKCgoKCgoKCgoKCgoKCv0j/XEhAiACIAD9AAQg/QwKCgoKCgoKCgoKCgoKCgoK/SP9cSECIAIgAP0ABDD9DAoKCgoKCgoKCgoKCgoKCgr9I/1xIQIgAEHAAGohACADQQFqIQMgA0E/RgRAIAQgAhAJaiEE/QwAAAAAAAAAAAAAAAAAAAAAIQJBACEDCwwACwsgBCACEAlqJAkgAAuCAgIBewJ/AkADQCAAQcAAaiMBaiABSw0BIAAQBiAAQRBqEAb9UCAAQSBqEAYgAEEwahAG/VD9UP1TDQEgAiAA/QAEAP0MCgoKCgoKCgoKCgoKCgoKCv0j/XEhAiACIAD9AAQQ/QwKCgoKCgoKCgoKCgoKCgoK/SP9cSECIAIgAP0ABCD9DAoKCgoKCgoKCgoKCgoKCgr9I/1xIQIgAiAA/QAEMP0MCgoKCgoKCgoKCgoKCgoKCv0j/XEhAiAAQcAAaiEAIANBAWohAyADQT9GBEAgBCACEAlqIQT9DAAAAAAAAAAAAAAAAAAAAAAhAkEAIQMLDAALCyAEIAIQCWokCSAACyEAIAD9ff1/IQAgAP0bACAA/RsBaiAA/RsCIAD9GwNqagtSAQF/AkADQCAAIAFPDQEgAP0ABAD9DAoKCgoKCgoKCgoKCgoKCgr9I/1kIQIgAgRAIAAgAmhqIQAgACABIAAgAUkbDwsgAEEQaiEADAALCyABCwoAQQEgAHRBAWsL6gQDA38Bew1/IAAhBiACIQcgACEIAkADQCAGIRYjCAR/IAYgARAIBSAGIAEQBwshBiAGIBZHBEAgByMJaiEHIAYgCBADIQgLIAYgAU8NASAG/QAEACEJIAn9DAoKCgoKCgoKCgoKCgoKCgr9I/1kIQogASAGa0EQSQRAIAogASAGaxALcSEKCyABIwFrIAZBAWtrIQxBACELIAxBAEoEQCAGEAT9ZCELIAxBEEgEQCALIAwQC3EhCwsLAkADQCALRQ0BIAtoIQ4gBiAOaiENIA0QAgRAIAogDhALcSEPIAcgD2lqIRIgBkEgaiAPZ2sgCCAPGyEQIA0jAWogARAKIREgBQRAIARFBEAgEyASIAJraiETBSAAIRQCQANAIBQgEE8NASATIARGBEAgFCQKIAIkCyATDwsgFCAQEAohFSADIBMgFCAVIAIQDiATQQFqIRMgAkEBaiECIBVBAWohFAwACwsLBSAEBEAgAyATIBAgESASEA4LIBNBAWohEwsgEkEBaiECIBFBAWogASARIAFJGyEAIAVFIARBAEcgEyAERnFxBEAgACQKIAIkCyATDwsgACEGIAIhByAAIQgMAwsgCyALQQFrcSELDAALCyAHIAppaiEHIAoEQCAGQSBqIApnayEICyAGQRBqIQYMAAsLIAcgCCABSWohByAFBEAgBEUEQCATIAcgAmtqIRMFIAAhFAJAA0AgFCABTw0BIBMgBEYEQCAUJAogAiQLIBMPCyAUIAEQCiEVIAMgEyAUIBUgAhAOIBNBAWohEyACQQFqIQIgFUEBaiEUDAALCwsLIAEkCiAHJAsgEwt9AQF7IAL9DyEDAkADQCAAQcAAaiABSw0BIAD9AAQAIAP9IyAA/QAEECAD/SP9UCAA/QAEICAD/SMgAP0ABDAgA/0j/VD9UP1TDQEgAEHAAGohAAwACwsCQANAIAAgAU8NASAALQAAIAJGBEAgAA8LIABBAWohAAwACwsgAQsjAQF/IAAgAUEMbGohBSAFIAI2AgAgBSADNgIEIAUgBDYCCAs=";

// lib/io/_literal_search.ts
var compiled;
function module() {
  compiled ??= new WebAssembly.Module(base64Bytes(LITERAL_WASM_BASE64));
  return compiled;
}
var LF = 10;
var SPAN_CAP = 4096;
var SPAN_BYTES = 12;
var NEEDLE_AT = SPAN_CAP * SPAN_BYTES;
var PAGE = 65536;
var SAMPLE = 64 * 1024;
var SLACK = 16;
var LiteralSearch = class {
  /** Whether any line can match: a literal with an LF matches none. */
  possible;
  #exports;
  /** The longest literal's length: how far the module reads past a region. */
  #needleLen;
  /** Where regions are copied to. */
  #hay;
  #out;
  /** The literals a line can hold (none with an LF), and where each is. */
  #literals;
  #at;
  /** Each literal's probe offsets, once chosen. */
  #probes = [];
  /** The literal the module is set to search for. */
  #current = -1;
  #room = 0;
  /** Whether the probe bytes are chosen (from the first region, by default). */
  #probed = false;
  /** The literals' trie, when there are many (see MANY_LITERALS). */
  #trie;
  /** Whether each literal's ASCII letters match in either case. */
  #fold;
  /** Whether the first literal given is the first of #literals (no LF). */
  #firstHeld;
  /** The lines of a region that hold any literal (see #markAny). */
  #marks = new Int32Array(0);
  #spans = new Int32Array(0);
  #found = 0;
  /** Of #found, the lines the first literal found (marked first). */
  #foundFirst = 0;
  /**
   * @param literal The literal's bytes (UTF-8), at least one; or several
   * literals, of which a line holds any.
   * @param probes The offsets in a single `literal` of the two bytes looked
   * for first; by default each literal's two rarest (different) bytes in the
   * first region searched.
   * @param fold Whether a single ASCII `literal`'s letters match in either
   * case ("error" finds "ERROR" and "Error"); the caller sees to the rest
   * of case folding (the dotless i, the long s). Or one flag per literal:
   * then some of several may fold, each of those ASCII.
   */
  constructor(literal, probes, fold = false) {
    let all = literal instanceof Uint8Array ? [
      literal
    ] : [
      ...literal
    ];
    if (all.length === 0 || all.some((l) => l.length === 0)) {
      throw new RangeError("Cannot search for an empty literal");
    }
    if (typeof fold === "boolean") {
      if (fold && all.length > 1) {
        throw new RangeError("Cannot search for several literals in either case");
      }
      fold = all.map(() => fold);
    } else if (fold.length !== all.length) {
      throw new RangeError(`Cannot search for ${all.length} literals with ${fold.length} flags of case`);
    } else if (fold.includes(true) && all.length >= MANY_LITERALS) {
      throw new RangeError(`Cannot search for ${all.length} literals with some in either case`);
    }
    const folds = [
      ...fold
    ];
    if (all.some((l, k) => folds[k] && l.some((b) => b >= 128))) {
      throw new RangeError("Cannot search in either case for a literal that is not ASCII");
    }
    all = all.map((l, k) => folds[k] ? l.map((b) => b >= 65 && b <= 90 ? b + 32 : b) : l);
    if (probes !== void 0 && all.length > 1) {
      throw new RangeError("Cannot search for several literals with the probes of one");
    }
    this.#literals = all.filter((l) => !l.includes(LF));
    this.#fold = folds.filter((_, k) => !all[k].includes(LF));
    this.#firstHeld = !all[0].includes(LF);
    this.possible = this.#literals.length > 0;
    this.#trie = this.#literals.length >= MANY_LITERALS ? new LiteralTrie(this.#literals) : void 0;
    this.#exports = new WebAssembly.Instance(module()).exports;
    this.#needleLen = Math.max(...all.map((l) => l.length));
    this.#out = 0;
    this.#at = [];
    let at = NEEDLE_AT;
    for (const l of this.#literals) {
      this.#at.push(at);
      at += l.length;
    }
    this.#hay = align(at);
    this.#reserve(64 * 1024);
    const memory = new Uint8Array(this.#exports.memory.buffer);
    this.#literals.forEach((l, k) => memory.set(l, this.#at[k]));
    if (probes !== void 0) {
      for (const o of probes) {
        if (!Number.isInteger(o) || o < 0 || o >= all[0].length) {
          throw new RangeError(`Cannot search for the literal: probe offset ${o} is not in 0..${all[0].length - 1}`);
        }
      }
      if (this.possible) this.#probes.push([
        probes[0],
        probes[1]
      ]);
      this.#probed = true;
    }
  }
  /** Sets the module to search for literal `k`. */
  #select(k) {
    if (this.#current === k) return;
    const [o1, o2] = this.#probes[k];
    this.#exports.setNeedle(this.#at[k], this.#literals[k].length, o1, o2, this.#fold[k] ? 1 : 0);
    this.#current = k;
  }
  /**
   * Picks each literal's probe bytes: its rarest byte in `sample`, and the
   * rarest of the others that differ from it (where both are rare, few
   * places are candidates, and the module crosses the rest 64 bytes at a
   * time). On the bench corpus, " ERROR " probed at its first and last
   * byte (spaces) was searched at 2.5 GB/s, at "E" and "O" at 9 GB/s.
   */
  #chooseProbes(sample) {
    const exact = new Uint32Array(256);
    for (let i = 0; i < sample.length; i++) exact[sample[i]]++;
    const folded = exact.slice();
    for (let b = 97; b <= 122; b++) folded[b] += folded[b - 32];
    for (const [j, lit] of this.#literals.entries()) {
      const seen = this.#fold[j] ? folded : exact;
      let o1 = 0;
      for (let k = 1; k < lit.length; k++) {
        if (seen[lit[k]] < seen[lit[o1]]) o1 = k;
      }
      let o2 = -1;
      for (let k = 0; k < lit.length; k++) {
        if (lit[k] === lit[o1]) continue;
        if (o2 === -1 || seen[lit[k]] < seen[lit[o2]]) o2 = k;
      }
      if (o2 === -1) o2 = o1 === 0 ? lit.length - 1 : 0;
      this.#probes.push([
        o1,
        o2
      ]);
    }
    this.#probed = true;
  }
  /**
   * A region of `length` bytes in the module's memory for the caller to
   * keep the bytes it searches in: a search of a region of it copies
   * nothing. Asking again for a longer one keeps the bytes (the memory
   * grows, and views of it made before, this one too, are detached).
   */
  region(length) {
    this.#reserve(length);
    return new Uint8Array(this.#exports.memory.buffer, this.#hay, length);
  }
  /** Bytes of WebAssembly memory the search holds. */
  get memoryBytes() {
    return this.#exports.memory.buffer.byteLength + (this.#trie?.memoryBytes ?? 0) + this.#marks.byteLength + this.#spans.byteLength;
  }
  /**
   * The lines of `bytes[start, end)` that contain the literal, or any of
   * the literals (or, when `invert`, that do not; not with several). Each
   * span's start and end are offsets in `bytes`, and its index counts the
   * region's lines from `firstIndex`; `first` says whether the line holds
   * the first literal (with many literals, searched by their trie, it is
   * always true). The spans are valid until the next call.
   */
  lines(bytes, start, end, invert, firstIndex, each) {
    const length = end - start;
    if (length === 0) return firstIndex;
    if (!this.possible) {
      return invert ? this.#complement(bytes, start, end, firstIndex, (s, e, i2) => each(s, e, i2, true)) : firstIndex + lineCount(bytes, start, end);
    }
    if (this.#trie !== void 0 && !invert) {
      return this.#trie.lines(bytes, start, end, firstIndex, (s, e, i2) => each(s, e, i2, true));
    }
    const at = this.#place(bytes, start, end);
    const shift = start - at;
    if (this.#literals.length === 1) {
      this.#select(0);
      return this.#scan(at, length, firstIndex, shift, invert, each);
    }
    if (invert) {
      throw new RangeError("Cannot search for the lines without any of several literals");
    }
    const lines = this.#markAny(at, at + length);
    const marks = this.#marks;
    const spans = this.#spans;
    const marked = Math.min(lines, marks.length);
    let i = 0;
    try {
      for (; i < marked; i++) {
        const m = marks[i];
        if (m === 0) continue;
        marks[i] = 0;
        each(spans[2 * m - 2] + shift, spans[2 * m - 1] + shift, firstIndex + i, m <= this.#foundFirst);
      }
    } finally {
      if (i < marked) marks.fill(0, i, marked);
    }
    return firstIndex + lines;
  }
  /** One literal's lines of the region of `length` bytes at `at`. */
  #scan(at, length, firstIndex, shift, invert, each) {
    const x = this.#exports;
    let p = at;
    const stop = at + length;
    let index = firstIndex;
    while (true) {
      const n = x.scan(p, stop, index, this.#out, SPAN_CAP, invert ? 1 : 0);
      const spans = new Int32Array(x.memory.buffer, this.#out, n * 3);
      for (let k = 0; k < n * 3; k += 3) {
        each(spans[k] + shift, spans[k + 1] + shift, spans[k + 2], true);
      }
      p = x.next.value;
      index = x.line.value;
      if (p >= stop) return index;
    }
  }
  /**
   * How many lines of `bytes[start, end)` contain the literal, or any of
   * the literals (or, when `invert`, do not), and how many lines the region
   * has.
   */
  count(bytes, start, end, invert) {
    if (end === start) return {
      kept: 0,
      lines: 0
    };
    if (!this.possible) {
      const lines = lineCount(bytes, start, end);
      return {
        kept: invert ? lines : 0,
        lines
      };
    }
    if (this.#literals.length > 1) {
      let kept2 = 0;
      let lines;
      if (this.#trie === void 0) {
        const at2 = this.#place(bytes, start, end);
        lines = this.#markAny(at2, at2 + end - start);
        kept2 = this.#found;
        this.#marks.fill(0, 0, lines);
      } else lines = this.lines(bytes, start, end, false, 0, () => kept2++);
      return {
        kept: invert ? lines - kept2 : kept2,
        lines
      };
    }
    const at = this.#place(bytes, start, end);
    this.#select(0);
    const x = this.#exports;
    const kept = x.scan(at, at + end - start, 0, 0, 0, invert ? 1 : 0);
    return {
      kept,
      lines: x.line.value
    };
  }
  /**
   * How many lines of `bytes[start, end)` contain the first literal, and
   * how many lines the region has; `each` gets, in order, the start and end
   * (without its LF) of every line that holds one of the other literals and
   * not the first: lines that the caller decides on itself. (`sluice grep
   * -c -i timeout` counts the lines that hold "timeout" in either case, and
   * tests those that hold a dotless i, which the folded bytes miss.)
   */
  countFirst(bytes, start, end, each) {
    if (!this.#firstHeld || this.#trie !== void 0) {
      throw new RangeError("Cannot count the lines of a first literal with a line feed, or among many");
    }
    if (end === start) return {
      kept: 0,
      lines: 0
    };
    const at = this.#place(bytes, start, end);
    const x = this.#exports;
    this.#select(0);
    const kept = x.scan(at, at + end - start, 0, 0, 0, 0);
    const lines = x.line.value;
    if (this.#literals.length === 1) return {
      kept,
      lines
    };
    const others = [];
    const stop = at + end - start;
    for (let k = 1; k < this.#literals.length; k++) {
      if (!this.#mayHold(k, at, stop)) continue;
      this.#select(k);
      this.#scan(at, end - start, 0, 0, false, (s, e, i) => {
        others.push([
          s,
          e,
          i
        ]);
      });
    }
    if (this.#literals.length > 2) others.sort((a, b) => a[2] - b[2]);
    const shift = start - at;
    this.#select(0);
    for (let k = 0; k < others.length; k++) {
      const [s, e, i] = others[k];
      if (k > 0 && others[k - 1][2] === i) continue;
      if (x.scan(s, e, 0, 0, 0, 0) === 0) each(s + shift, e + shift);
    }
    return {
      kept,
      lines
    };
  }
  /**
   * Whether literal `k` may be in the region [at, stop) of the module's
   * memory: false only where its rarest byte is not (unless that is a
   * letter it matches in either case).
   */
  #mayHold(k, at, stop) {
    const b = this.#literals[k][this.#probes[k][0]];
    if (this.#fold[k] && b >= 97 && b <= 122) return true;
    return this.#exports.find(at, stop, b) !== stop;
  }
  /**
   * Marks the lines of the region of the module's memory [at, stop) that
   * hold any of the literals, and returns how many lines it has: the first
   * time a literal finds line `i` of the region, its start and end go in
   * #spans, as its #found-th, and `#marks[i]` is set to that number. The
   * literals' spans were merged in order before (`sluice grep -c -F -e
   * ERROR -e WARN` over the 1 GiB bench corpus spent some 370 ms of its
   * profile in the merge and its calls, against 141 ms in the module).
   */
  #markAny(at, stop) {
    const x = this.#exports;
    let marks = this.#marks;
    let spans = this.#spans;
    let found = 0;
    let lines = 0;
    for (let k = 0; k < this.#literals.length; k++) {
      this.#select(k);
      let p = at;
      let index = 0;
      while (true) {
        const n = x.scan(p, stop, index, this.#out, SPAN_CAP, 0);
        const view = new Int32Array(x.memory.buffer, this.#out, n * 3);
        for (let i = 0; i < n * 3; i += 3) {
          const line = view[i + 2];
          if (line >= marks.length) {
            marks = this.#marks = grown(marks, line + 1);
          }
          if (marks[line] !== 0) continue;
          if (2 * found + 2 > spans.length) {
            spans = this.#spans = grown(spans, 2 * found + 2);
          }
          spans[2 * found] = view[i];
          spans[2 * found + 1] = view[i + 1];
          marks[line] = ++found;
        }
        p = x.next.value;
        index = x.line.value;
        if (p >= stop) break;
      }
      lines = index;
      if (k === 0) this.#foundFirst = found;
    }
    this.#found = found;
    return lines;
  }
  /**
   * Where in the module's memory `bytes[start, end)` is: in place when
   * `bytes` is a view of {@linkcode LiteralSearch.region}, else copied.
   */
  #place(bytes, start, end) {
    if (!this.#probed) {
      this.#chooseProbes(bytes.subarray(start, Math.min(end, start + SAMPLE)));
    }
    if (bytes.buffer === this.#exports.memory.buffer) {
      return bytes.byteOffset + start;
    }
    this.#reserve(end - start);
    new Uint8Array(this.#exports.memory.buffer, this.#hay, end - start).set(bytes.subarray(start, end));
    return this.#hay;
  }
  /** Makes room for a region of `length` bytes and what is read past it. */
  #reserve(length) {
    if (length <= this.#room) return;
    const memory = this.#exports.memory;
    const need = this.#hay + length + this.#needleLen + SLACK;
    if (need > memory.buffer.byteLength) {
      memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
    }
    this.#room = memory.buffer.byteLength - this.#hay - this.#needleLen - SLACK;
  }
  /** Every line, for a literal that no line can contain. */
  #complement(bytes, start, end, index, each) {
    let s = start;
    while (s < end) {
      let e = bytes.indexOf(LF, s);
      if (e === -1 || e >= end) e = end;
      each(s, e, index++);
      s = e + 1;
    }
    return index;
  }
};
function lineCount(bytes, start, end) {
  let n = 0;
  let last = start - 1;
  for (let i = bytes.indexOf(LF, start); i !== -1 && i < end; ) {
    n++;
    last = i;
    i = bytes.indexOf(LF, i + 1);
  }
  return last + 1 < end ? n + 1 : n;
}
function grown(array, length) {
  const longer = new Int32Array(Math.max(2 * array.length, length, 1024));
  longer.set(array);
  return longer;
}
function align(n) {
  return n + 15 & ~15;
}
export {
  LiteralSearch
};
