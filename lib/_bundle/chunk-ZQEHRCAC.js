// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  stageFailure
} from "./chunk-XSSWW4V7.js";
import {
  lineOf,
  numbered
} from "./chunk-LTYBISTW.js";
import {
  requireFunction
} from "./chunk-RJWQ7O3S.js";

// lib/stages/top.ts
function compare(a, b) {
  const ta = typeof a === "string";
  const tb = typeof b === "string";
  if (ta !== tb) return ta ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
function top(count, options = {}) {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`Cannot create top stage: count must be an integer of at least 0, got ${count}`);
  }
  const { by, reverse = false } = options;
  if (by !== void 0) requireFunction("top", "by", by);
  const keyOf = by ?? ((item) => item);
  const sign = reverse ? -1 : 1;
  return defineStage({
    kind: "top",
    name: options.name,
    bound: `${count} items + 1 chunk`,
    async *run(input, stats, ctx) {
      const items = [];
      const keys = [];
      const seqs = [];
      const lines = [];
      const worse = (i, j) => {
        const c = compare(keys[i], keys[j]) * sign;
        return c < 0 || c === 0 && seqs[i] > seqs[j];
      };
      const swap = (i, j) => {
        [items[i], items[j]] = [
          items[j],
          items[i]
        ];
        [keys[i], keys[j]] = [
          keys[j],
          keys[i]
        ];
        [seqs[i], seqs[j]] = [
          seqs[j],
          seqs[i]
        ];
        [lines[i], lines[j]] = [
          lines[j],
          lines[i]
        ];
      };
      const down = (from) => {
        const n = keys.length;
        let i = from;
        for (; ; ) {
          const l = 2 * i + 1;
          if (l >= n) return;
          const r = l + 1;
          const c = r < n && worse(r, l) ? r : l;
          if (!worse(c, i)) return;
          swap(i, c);
          i = c;
        }
      };
      let seq = 0;
      for await (const chunk of input) {
        if (count === 0) continue;
        const batch = chunk.items;
        for (let k = 0; k < batch.length; k++) {
          const item = batch[k];
          const key = keyOf(item);
          if (typeof key !== "number" && typeof key !== "bigint" && typeof key !== "string" || Number.isNaN(key)) {
            throw stageFailure(new TypeError(`The key must be a number, bigint or string, got ${typeof key === "number" ? "NaN" : key === null ? "null" : typeof key}`), stats, ctx, {
              line: lineOf(chunk, k),
              path: chunk.path
            });
          }
          if (keys.length < count) {
            items.push(item);
            keys.push(key);
            seqs.push(seq++);
            lines.push(lineOf(chunk, k));
            let i = keys.length - 1;
            while (i > 0) {
              const p = i - 1 >> 1;
              if (!worse(i, p)) break;
              swap(i, p);
              i = p;
            }
            continue;
          }
          seq++;
          if (compare(key, keys[0]) * sign > 0) {
            items[0] = item;
            keys[0] = key;
            seqs[0] = seq - 1;
            lines[0] = lineOf(chunk, k);
            down(0);
          }
        }
        stats.hold(keys.length, 0);
      }
      if (keys.length === 0) return;
      const order = [
        ...keys.keys()
      ].sort((i, j) => worse(i, j) ? 1 : worse(j, i) ? -1 : 0);
      yield numbered(order.map((i) => items[i]), order.map((i) => lines[i]));
    }
  });
}

export {
  top
};
