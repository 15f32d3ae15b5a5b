// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  defaultCompare,
  isPlainKey,
  jsonOf
} from "./chunk-HIO6RDNE.js";
import {
  spillSettings
} from "./chunk-7IW3YWLL.js";
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  failAt
} from "./chunk-XSSWW4V7.js";
import {
  closeEarly
} from "./chunk-FFM2QZVY.js";
import {
  ChunkBuilder,
  giveBackBytes,
  lineOf,
  numbered
} from "./chunk-LTYBISTW.js";
import {
  requireFunction
} from "./chunk-RJWQ7O3S.js";
import {
  formatBytes
} from "./chunk-4W7FL7Y6.js";

// lib/spill/distinct.ts
function defaultKey(item) {
  return typeof item === "string" || typeof item === "number" ? item : jsonOf(item);
}
function distinct(key, options = {}) {
  const { budget, fanIn } = spillSettings("distinct", options);
  if (key !== void 0) requireFunction("distinct", "key", key);
  const keyOf = key ?? defaultKey;
  const quarter = Math.floor(budget / 4);
  const logBuffer = Math.max(1024, Math.min(1 << 18, quarter >> 2));
  return defineStage({
    kind: "distinct",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    handsBytes: true,
    async *run(input, stats, ctx, bytes = false) {
      const { ExternalSorter, KeyIndex, readRun, RunWriter, SpillDir, writeNumbered } = await import("./_sort_engine-D6YCT5TW.js");
      const spill = new SpillDir(options.tempDir);
      const settings = {
        spill,
        fanIn,
        stats,
        compare: defaultCompare,
        plain: true,
        reverse: false,
        budgetBytes: quarter,
        keyed: true,
        wantKeys: true
      };
      const byKey = new ExternalSorter(settings);
      const seen = new KeyIndex(quarter);
      let window = 0;
      const newWindow = () => {
        seen.clear();
        const table = seen.bytes;
        window = table + Math.max(quarter - table, quarter / 2) / 2;
      };
      let log;
      let logPath = "";
      let logged = 0;
      let writing;
      let full = false;
      const scan = (chunk, kept, from) => {
        const items = chunk.items;
        let i = from;
        try {
          for (; i < items.length; i++) {
            const item = items[i];
            const k = keyOf(item);
            if (!isPlainKey(k)) {
              throw new TypeError(`Distinct key must be a string or a number (not NaN), got ${typeof k === "number" ? "NaN" : typeof k}`);
            }
            const n = seen.size;
            if (seen.add(k) < n) continue;
            if (log === void 0) {
              kept.keep(chunk, i);
              continue;
            }
            writing = writeNumbered(log, lineOf(chunk, i), item);
            full = byKey.add(k, logged++) || seen.bytes >= window;
            if (writing !== void 0 || full) return i + 1;
          }
        } catch (error) {
          writing?.catch(() => {
          });
          throw failAt(error, stats, ctx, chunk, i);
        }
        return i;
      };
      const it = input[Symbol.asyncIterator]();
      let open = true;
      let failure;
      try {
        while (true) {
          let r;
          try {
            r = await it.next();
          } catch (error) {
            open = false;
            throw error;
          }
          if (r.done === true) {
            open = false;
            break;
          }
          let chunk = r.value;
          r = void 0;
          let kept = new ChunkBuilder();
          let i = 0;
          while ((i = scan(chunk, kept, i)) < chunk.items.length || writing !== void 0 || full) {
            try {
              if (writing !== void 0) await writing;
              writing = void 0;
              if (full) {
                full = false;
                await byKey.spill();
                newWindow();
              }
            } catch (error) {
              throw failAt(error, stats, ctx, chunk, i - 1);
            }
          }
          stats.hold(seen.size, seen.bytes + byKey.heldBytes + (log?.buffer.length ?? 0));
          let out = kept.build(chunk);
          kept = void 0;
          if (out !== void 0) yield out;
          out = void 0;
          if (log === void 0 && seen.bytes >= quarter) {
            for (let s = 0; s < seen.size; s++) {
              if (byKey.add(seen.keyAt(s), null)) await byKey.spill();
            }
            await byKey.spill();
            newWindow();
            logPath = await spill.file();
            log = await RunWriter.create(logPath, logBuffer);
          }
          chunk = void 0;
        }
        if (log === void 0) return;
        const logBytes = await log.close();
        stats.count("runsWritten");
        stats.count("bytesSpilled", logBytes);
        const pool = seen.release();
        const firsts = firstPlaces(byKey, pool);
        const keep = Math.ceil(logged / 8) <= quarter ? await marked(firsts, logged) : await inOrder(firsts, settings);
        pool.buffer.transfer(0);
        const reading = bytes ? {
          ...settings,
          bytes: true
        } : settings;
        yield* firstsOfLog(readRun(logPath, reading), keep);
      } catch (error) {
        failure = {
          error
        };
        throw error;
      } finally {
        log?.abort();
        await spill.remove();
        if (open) {
          open = false;
          await closeEarly(it, failure);
        }
      }
    }
  });
}
async function* firstsOfLog(log, keep) {
  let at = 0;
  for await (const entries of log) {
    const out = [];
    const lines = [];
    const { items, keys } = entries;
    const raw = entries.bytes;
    if (raw !== void 0) {
      let from = 0;
      let to = 0;
      for (let j = 0; j < items.length; j++, at++) {
        const end = raw.indexOf(10, from) + 1;
        const first = keep(at);
        if (first === true || first !== false && await first) {
          if (to !== from) raw.copyWithin(to, from, end);
          to += end - from;
          out.push(items[j]);
          lines.push(keys[j]);
        }
        from = end;
      }
      if (out.length > 0) {
        yield numbered(out, lines, void 0, void 0, raw.subarray(0, to));
      } else giveBackBytes(raw);
      continue;
    }
    const wide = [];
    let w = 0;
    for (let j = 0; j < items.length; j++, at++) {
      const first = keep(at);
      if (first === false || first !== true && !await first) {
        continue;
      }
      while (w < entries.wide.length && entries.wide[w] < j) w++;
      if (entries.wide[w] === j) wide.push(out.length);
      out.push(items[j]);
      lines.push(keys[j]);
    }
    if (out.length > 0) yield numbered(out, lines, void 0, wide);
  }
}
async function* firstPlaces(byKey, pool) {
  for await (const firsts of byKey.firsts(pool)) {
    const places = [];
    for (const at of firsts) if (at !== null) places.push(at);
    if (places.length > 0) yield places;
  }
}
async function marked(places, n) {
  const bits = new Uint8Array(Math.ceil(n / 8));
  for await (const some of places) {
    for (const at of some) bits[at >>> 3] = bits[at >>> 3] | 1 << (at & 7);
  }
  return (at) => (bits[at >>> 3] >>> (at & 7) & 1) === 1;
}
async function inOrder(places, options) {
  const { ExternalSorter } = await import("./_sort_engine-D6YCT5TW.js");
  const sorter = new ExternalSorter({
    ...options,
    keyed: false,
    wantKeys: false
  });
  for await (const some of places) {
    for (const at of some) if (sorter.add(void 0, at)) await sorter.spill();
  }
  const sorted = sorter.sorted();
  let batch = [];
  let i = 0;
  let done = false;
  const keep = (at) => {
    if (i < batch.length) {
      if (batch[i] !== at) return false;
      i++;
      return true;
    }
    if (done) return false;
    return sorted.next().then((next) => {
      if (next.done) done = true;
      else batch = next.value.items;
      i = 0;
      return keep(at);
    });
  };
  return keep;
}

export {
  distinct
};
