// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  MAX_RECORD_BYTES,
  decodeRecord,
  encodeRecord
} from "./chunk-OSF6AJ4T.js";
import {
  sortStage
} from "./chunk-PCXRQEVB.js";
import {
  defaultCompare,
  isMissingKey
} from "./chunk-HIO6RDNE.js";
import {
  readLines
} from "./chunk-HVBOXFPS.js";
import {
  writeLines
} from "./chunk-NSMWYBW2.js";

// lib/shard/sort_partial.ts
function sortPartial(key, options = {}) {
  const plain = options.compare === void 0;
  return sortStage({
    ...options,
    key
  }, (keys, items) => {
    const out = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const k = keys[i];
      out[i] = [
        plain && isMissingKey(k) ? null : k,
        items[i]
      ];
    }
    return out;
  });
}
async function* mergeSorted(partials, options = {}) {
  if (options.numeric === true && options.compare !== void 0) {
    throw new TypeError("Cannot merge sorted partials with both numeric and compare: numeric compares the keys itself");
  }
  const fanIn = options.fanIn ?? 64;
  if (!Number.isSafeInteger(fanIn) || fanIn < 2) {
    throw new RangeError(`Cannot merge sorted partials: fanIn must be an integer of at least 2, got ${fanIn}`);
  }
  if (partials.length <= fanIn) {
    for await (const [, item] of merged(partials, options)) yield item;
    return;
  }
  const { SpillDir } = await import("./_sort_engine-D6YCT5TW.js");
  const spill = new SpillDir(options.tempDir);
  try {
    let level = partials;
    while (level.length > fanIn) {
      const next = [];
      for (let i = 0; i < level.length; i += fanIn) {
        const group = level.slice(i, i + fanIn);
        if (group.length === 1) {
          next.push(group[0]);
          continue;
        }
        const path = await spill.file();
        await writeLines(path)(async function* () {
          for await (const r of merged(group, options)) {
            yield encodeRecord(r);
          }
        }());
        next.push({
          async *[Symbol.asyncIterator]() {
            for await (const line of readLines(path, {
              readBytes: 65536,
              maxLineBytes: MAX_RECORD_BYTES
            })) {
              yield decodeRecord(line);
            }
          }
        });
      }
      level = next;
    }
    for await (const [, item] of merged(level, options)) yield item;
  } finally {
    await spill.remove();
  }
}
async function* merged(partials, options) {
  const numeric = options.numeric === true ? (await import("./_sort_engine-D6YCT5TW.js")).compareNumericKeys(options.reverse === true) : void 0;
  const given = numeric ?? options.compare;
  const sign = options.reverse === true && numeric === void 0 ? -1 : 1;
  const before = (a, b) => {
    let c;
    if (given !== void 0) c = sign * given(a.key, b.key);
    else if (a.key === null || b.key === null) {
      c = a.key === b.key ? 0 : a.key === null ? 1 : -1;
    } else c = sign * defaultCompare(a.key, b.key);
    return c < 0 || c === 0 && a.index < b.index;
  };
  const heap = [];
  const up = (i) => {
    while (i > 0) {
      const p = i - 1 >> 1;
      if (!before(heap[i], heap[p])) return;
      [heap[i], heap[p]] = [
        heap[p],
        heap[i]
      ];
      i = p;
    }
  };
  const down = (i) => {
    for (; ; ) {
      const l = 2 * i + 1;
      if (l >= heap.length) return;
      const r = l + 1;
      const c = r < heap.length && before(heap[r], heap[l]) ? r : l;
      if (!before(heap[c], heap[i])) return;
      [heap[i], heap[c]] = [
        heap[c],
        heap[i]
      ];
      i = c;
    }
  };
  const iterators = partials.map((p) => Symbol.asyncIterator in p ? p[Symbol.asyncIterator]() : async function* () {
    yield* p;
  }());
  try {
    for (const [index, it] of iterators.entries()) {
      const r = await it.next();
      if (r.done === true) continue;
      const [key, item] = r.value;
      heap.push({
        index,
        it,
        key,
        item
      });
      up(heap.length - 1);
    }
    while (heap.length > 0) {
      const least = heap[0];
      yield [
        least.key,
        least.item
      ];
      const r = await least.it.next();
      if (r.done === true) {
        const last = heap.pop();
        if (heap.length === 0) break;
        heap[0] = last;
      } else {
        const [key, item] = r.value;
        least.key = key;
        least.item = item;
      }
      down(0);
    }
  } finally {
    for (const it of iterators) await it.return?.();
  }
}

export {
  sortPartial,
  mergeSorted
};
