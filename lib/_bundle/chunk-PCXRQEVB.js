// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  defaultCompare,
  isMissingKey,
  isPlainKey
} from "./chunk-HIO6RDNE.js";
import {
  OUTPUT_TURN_ITEMS,
  spillSettings
} from "./chunk-7IW3YWLL.js";
import {
  firstNonAscii,
  wordsOf
} from "./chunk-R7VB6IFH.js";
import {
  TurnCounter
} from "./chunk-Z7NS7ZUO.js";
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  failAt
} from "./chunk-XSSWW4V7.js";
import {
  ChunkBuilder,
  consecutive,
  giveBackBytes
} from "./chunk-LTYBISTW.js";
import {
  keyReaderOf,
  requireFunction
} from "./chunk-RJWQ7O3S.js";
import {
  formatBytes
} from "./chunk-4W7FL7Y6.js";

// lib/spill/_sort_stage.ts
var decoder = new TextDecoder("utf-8", {
  ignoreBOM: true
});
var LF = 10;
var LINE_TEXTS_KEPT = 4096;
var narrowBytes = new Uint8Array(0);
var wideBytes = new Uint8Array(0);
var places = new Int32Array(0);
var wideEnds = new Int32Array(0);
var GATHER_KEPT = 256 * 1024;
function grown(buf, used, size) {
  if (buf.length >= size) return buf;
  const more = new Uint8Array(Math.max(size, 2 * buf.length));
  if (used > 0) more.set(buf.subarray(0, used));
  return more;
}
function linesOf(bytes, n, texts, ends) {
  const end = bytes.length;
  const words = wordsOf(bytes);
  let wide = firstNonAscii(bytes, words, 0, end);
  let narrowLen = 0;
  let wideLen = 0;
  let w = 0;
  if (wide !== -1) {
    narrowBytes = grown(narrowBytes, 0, end);
    narrowBytes.set(bytes);
    let from = 0;
    while (wide !== -1) {
      const lineStart = Math.max(from, bytes.lastIndexOf(LF, wide) + 1);
      narrowBytes.copyWithin(narrowLen, from, lineStart);
      narrowLen += lineStart - from;
      const lf = bytes.indexOf(LF, wide);
      if (lf === -1) break;
      wideBytes = grown(wideBytes, wideLen, wideLen + lf + 1 - lineStart);
      for (let j = lineStart; j <= lf; j++) wideBytes[wideLen++] = bytes[j];
      if (w === places.length) {
        places = grownInts(places);
        wideEnds = grownInts(wideEnds);
      }
      places[w] = narrowLen;
      wideEnds[w++] = lf;
      from = lf + 1;
      wide = from < end ? firstNonAscii(bytes, words, from, end) : -1;
    }
    if (wide === -1) {
      narrowBytes.copyWithin(narrowLen, from, end);
      narrowLen += end - from;
    }
  }
  const ascii = w === 0 ? decoder.decode(bytes) : decoder.decode(narrowBytes.subarray(0, narrowLen));
  const other = w === 0 ? "" : decoder.decode(wideBytes.subarray(0, wideLen));
  if (narrowBytes.length > GATHER_KEPT) narrowBytes = new Uint8Array(0);
  if (wideBytes.length > GATHER_KEPT) wideBytes = new Uint8Array(0);
  let i = 0;
  let k = 0;
  let ws = 0;
  let shift = 0;
  for (let at = 0; i < n; ) {
    while (k < w && places[k] === at && i < n) {
      const lf2 = other.indexOf("\n", ws);
      texts[i] = other.slice(ws, lf2);
      ends[i++] = wideEnds[k];
      shift = wideEnds[k++] + 1 - at;
      ws = lf2 + 1;
    }
    if (at >= ascii.length || i >= n) break;
    const lf = ascii.indexOf("\n", at);
    if (lf === -1) break;
    texts[i] = ascii.slice(at, lf);
    ends[i++] = lf + shift;
    at = lf + 1;
  }
  if (i !== n || k !== w || (n > 0 ? ends[n - 1] !== end - 1 : end > 0)) {
    throw new RangeError(`Cannot sort lines: expected ${n} lines in ${end} bytes, found ${i}`);
  }
}
function grownInts(a) {
  const b = new Int32Array(Math.max(64, 2 * a.length));
  b.set(a);
  return b;
}
function badKey(key) {
  return new TypeError(`Sort key must be a string, a number, or missing (undefined, null or NaN) without compare, got ${typeof key === "number" ? "NaN" : typeof key}`);
}
function sortStage(options, out) {
  const { budget, fanIn } = spillSettings("sort", options);
  const given = options.compare;
  const numeric = options.numeric === true;
  if (options.key !== void 0) requireFunction("sort", "key", options.key);
  if (given !== void 0) requireFunction("sort", "compare", given);
  if (numeric && given !== void 0) {
    throw new TypeError("Cannot sort with both numeric and compare: numeric compares the keys itself");
  }
  const key = options.key;
  const valueOf = options.key === void 0 ? (item) => item : options.key;
  const compare = given ?? defaultCompare;
  const plain = given === void 0;
  const keyed = key !== void 0 || numeric;
  const onBytes = plain ? keyReaderOf(key) : void 0;
  return defineStage({
    kind: "sort",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    // The sorted lines, when they are the output, go from the spill files
    // to a writer as they are (see ExternalSorter's Emitter).
    handsBytes: out === null || !keyed,
    // Lines are kept as their UTF-8, whether they are their own keys, their
    // keys are read there, or a key function reads their text (which comes
    // from the bytes: see linesOf): a reader may hand them on so (see
    // ExternalSorter.addLines and addKeyedLines).
    takesLineBytes: plain,
    async *run(input, stats, ctx, bytes = false) {
      const { SpillDir, ExternalSorter, KeylessQueue, mendTies, NumericOrder } = await import("./_sort_engine-D6YCT5TW.js");
      const order = numeric ? new NumericOrder() : void 0;
      const keyOf = order === void 0 ? key : (item) => order.key(valueOf(item));
      const spill = new SpillDir(options.tempDir);
      const sorting = {
        budgetBytes: budget,
        spill,
        fanIn,
        stats,
        keyed,
        compare,
        plain,
        reverse: options.reverse === true,
        wantKeys: keyed && out !== null,
        bytes
      };
      const sorter = new ExternalSorter(sorting);
      let reader;
      const texts = !numeric ? {
        from: new Int32Array(0),
        to: new Int32Array(0),
        strings: []
      } : void 0;
      const lineTexts = [];
      let keyScratch = new Float64Array(0);
      let endScratch = new Int32Array(0);
      const keyless = new KeylessQueue(spill);
      const numberKey = (k, i, lines, at, lf) => {
        if (!isMissingKey(k)) {
          keyScratch[i] = k;
          return false;
        }
        keyScratch[i] = NaN;
        stats.count("missingKeys");
        return keyless.addLine(lines, at, lf - at);
      };
      try {
        for await (const chunk of input) {
          const items = chunk.items;
          let keys;
          let i = 0;
          const lines = chunk.bytes;
          if (lines !== void 0 && keyed) {
            if (keyScratch.length < items.length) {
              keyScratch = new Float64Array(items.length + 256);
              endScratch = new Int32Array(items.length + 256);
              if (texts !== void 0) {
                texts.from = new Int32Array(items.length + 256);
                texts.to = new Int32Array(items.length + 256);
              }
            }
            let at = 0;
            try {
              if (onBytes === void 0) {
                linesOf(lines, items.length, lineTexts, endScratch);
                for (; i < items.length; i++) {
                  const lf = endScratch[i];
                  const k = keyOf(lineTexts[i]);
                  if (!isPlainKey(k) && !isMissingKey(k)) throw badKey(k);
                  if (texts !== void 0) {
                    texts.from[i] = -1;
                    if (typeof k === "string") {
                      texts.from[i] = -2;
                      texts.strings[i] = k;
                      at = lf + 1;
                      continue;
                    }
                  }
                  if (numberKey(k, i, lines, at, lf)) await keyless.flush();
                  at = lf + 1;
                }
                if (lineTexts.length > LINE_TEXTS_KEPT) lineTexts.length = 0;
                else lineTexts.fill("");
              }
              reader ??= onBytes?.();
              for (; reader !== void 0 && i < items.length; i++) {
                const lf = lines.indexOf(10, at);
                const from = reader.find(lines, at, lf);
                endScratch[i] = lf;
                let k;
                if (texts === void 0) {
                  k = from === -1 ? void 0 : from === -2 ? null : order.keyOfBytes(lines, from, reader.end);
                  if (k === null) {
                    k = keyOf(decoder.decode(lines.subarray(at, lf)));
                  }
                } else {
                  texts.from[i] = -1;
                  if (from >= 0 && reader.number !== true) {
                    texts.from[i] = from;
                    texts.to[i] = reader.end;
                    at = lf + 1;
                    continue;
                  }
                  k = from === -1 ? void 0 : key(decoder.decode(lines.subarray(at, lf)));
                  if (typeof k === "string") {
                    texts.from[i] = -2;
                    texts.strings[i] = k;
                    at = lf + 1;
                    continue;
                  }
                  if (!isPlainKey(k) && !isMissingKey(k)) throw badKey(k);
                }
                if (numberKey(k, i, lines, at, lf)) await keyless.flush();
                at = lf + 1;
              }
              i = 0;
              await sorter.addKeyedLines(lines, items.length, keyScratch, endScratch, texts);
              if (texts !== void 0) texts.strings.length = 0;
            } catch (error) {
              throw failAt(error, stats, ctx, chunk, i);
            }
            giveBackBytes(lines);
            stats.hold(sorter.count + keyless.heldItems, sorter.heldBytes + keyless.heldBytes);
            continue;
          }
          if (lines !== void 0) {
            try {
              await sorter.addLines(lines, items.length);
            } catch (error) {
              throw failAt(error, stats, ctx, chunk, 0);
            }
            giveBackBytes(lines);
            stats.hold(sorter.count + keyless.heldItems, sorter.heldBytes + keyless.heldBytes);
            continue;
          }
          try {
            let copy;
            if (keyed) {
              keys = new Array(items.length);
              let n = 0;
              for (; i < items.length; i++) {
                const k = keyOf(items[i]);
                if (plain && !isPlainKey(k)) {
                  if (!isMissingKey(k)) throw badKey(k);
                  if (copy === void 0) {
                    copy = new ChunkBuilder();
                    copy.keepHead(chunk, i);
                  }
                  if (keyless.add(items[i])) await keyless.flush();
                  stats.count("missingKeys");
                  continue;
                }
                copy?.keep(chunk, i);
                keys[n++] = k;
              }
              keys.length = n;
            } else if (plain) {
              for (; i < items.length; i++) {
                if (!isPlainKey(items[i])) throw badKey(items[i]);
              }
            }
            i = 0;
            const kept = copy === void 0 ? chunk : copy.build(chunk);
            await sorter.addAll(keys, kept?.items ?? [], kept?.wide);
          } catch (error) {
            throw failAt(error, stats, ctx, chunk, i);
          }
          stats.hold(sorter.count + keyless.heldItems, sorter.heldBytes + keyless.heldBytes);
        }
        let line = 1;
        const turns = new TurnCounter(OUTPUT_TURN_ITEMS);
        const mend = order?.rounded === true;
        if (mend) {
          sorting.bytes = false;
          sorting.wantKeys = true;
        }
        const sorted = mend ? mendTies(sorter.sorted(), {
          valueOf,
          reverse: options.reverse === true,
          keys: out !== null,
          sortBy: (exact) => sortStage({
            budget,
            fanIn,
            reverse: options.reverse === true,
            ...options.tempDir === void 0 ? {} : {
              tempDir: options.tempDir
            },
            key: exact
          }, null)
        }) : sorter.sorted();
        for await (const entries of sorted) {
          const plainOut2 = out === null || !keyed;
          const items = plainOut2 ? entries.items : out(entries.keys, entries.items);
          const whole = "bytes" in entries ? entries : void 0;
          yield consecutive(items, line, void 0, plainOut2 ? whole?.wide : void 0, plainOut2 ? whole?.bytes : void 0);
          line += items.length;
          const turn = turns.after(items.length);
          if (turn !== void 0) {
            await turn;
          }
        }
        const plainOut = out === null || !keyed;
        for await (const batch of keyless.items(plainOut && bytes)) {
          const { items, wide } = batch;
          const missing = plainOut ? items : out(items.map(() => null), items);
          yield consecutive(missing, line, void 0, plainOut ? wide : void 0, batch.bytes);
          line += missing.length;
          const turn = turns.after(missing.length);
          if (turn !== void 0) await turn;
        }
      } catch (error) {
        keyless.abort();
        throw error;
      } finally {
        await spill.remove();
      }
    }
  });
}

export {
  sortStage
};
