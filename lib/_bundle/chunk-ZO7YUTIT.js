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
  TurnCounter
} from "./chunk-Z7NS7ZUO.js";
import {
  defineStage
} from "./chunk-26CEWXRP.js";
import {
  failAt
} from "./chunk-O7X6YPEY.js";
import {
  ChunkBuilder,
  consecutive,
  giveBackBytes
} from "./chunk-3ILZAVZR.js";
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
    // Lines that are their own keys are kept as their UTF-8, and so are
    // lines whose key is read there: a reader may hand them on so (see
    // ExternalSorter.addLines and addKeyedLines).
    takesLineBytes: !keyed && plain || onBytes !== void 0,
    async *run(input, stats, ctx, bytes = false) {
      const { SpillDir, ExternalSorter, KeylessQueue, mendTies, NumericOrder } = await import("./_sort_engine-P5ZQ7HJW.js");
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
      const texts = onBytes !== void 0 && !numeric ? {
        from: new Int32Array(0),
        to: new Int32Array(0),
        strings: []
      } : void 0;
      let keyScratch = new Float64Array(0);
      let endScratch = new Int32Array(0);
      const keyless = new KeylessQueue(spill);
      try {
        for await (const chunk of input) {
          const items = chunk.items;
          let keys;
          let i = 0;
          const lines = chunk.bytes;
          if (lines !== void 0 && keyed) {
            reader ??= onBytes();
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
              for (; i < items.length; i++) {
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
                if (isMissingKey(k)) {
                  keyScratch[i] = NaN;
                  if (keyless.addLine(lines, at, lf - at)) {
                    await keyless.flush();
                  }
                  stats.count("missingKeys");
                } else {
                  keyScratch[i] = k;
                }
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
