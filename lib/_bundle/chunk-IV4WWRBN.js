// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  consecutive,
  lineOf,
  numbered
} from "./chunk-LTYBISTW.js";

// lib/stages/batch.ts
function batch(size, options = {}) {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(`Cannot create batch stage: size must be a positive integer, got ${size}`);
  }
  const maxWaitMs = options.maxWaitMs;
  if (maxWaitMs !== void 0 && !(maxWaitMs >= 0 && maxWaitMs < Infinity)) {
    throw new RangeError(`Cannot create batch stage: maxWaitMs must be a finite number of at least 0, got ${maxWaitMs}`);
  }
  return defineStage({
    kind: "batch",
    name: options.name,
    bound: `${size} items + 1 batch`,
    async *run(input, stats) {
      let current = [];
      let currentLine = 0;
      let currentPath;
      let since = 0;
      const it = input[Symbol.asyncIterator]();
      let pending;
      try {
        while (true) {
          pending ??= it.next();
          let r;
          if (maxWaitMs !== void 0 && current.length > 0) {
            const left = Math.max(0, since + maxWaitMs - performance.now());
            let timer;
            const timeout = new Promise((resolve) => {
              timer = setTimeout(() => resolve("timeout"), left);
            });
            try {
              r = await Promise.race([
                pending,
                timeout
              ]);
            } finally {
              clearTimeout(timer);
            }
          } else {
            r = await pending;
          }
          if (r === "timeout") {
            const out = current;
            current = [];
            yield consecutive([
              out
            ], currentLine, currentPath);
            continue;
          }
          pending = void 0;
          if (r.done === true) break;
          const chunk = r.value;
          const items = chunk.items;
          const full = [];
          const lines = [];
          let path;
          for (let i = 0; i < items.length; i++) {
            if (current.length === 0) {
              currentLine = lineOf(chunk, i);
              currentPath = chunk.path;
              since = performance.now();
            }
            current.push(items[i]);
            if (current.length === size) {
              full.push(current);
              if (full.length === 1) path = currentPath;
              lines.push(currentLine);
              current = [];
            }
          }
          stats.hold(current.length + items.length, 0);
          if (full.length > 0) {
            yield numbered(full, lines, path);
          }
        }
        if (current.length > 0) {
          yield consecutive([
            current
          ], currentLine, currentPath);
        }
      } finally {
        pending?.catch(() => {
        });
        await it.return?.(void 0);
      }
    }
  });
}

export {
  batch
};
