// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  moduleHref,
  requirePositive
} from "./chunk-BHVBMKKE.js";
import {
  groupBy
} from "./chunk-M3KXK6WR.js";
import {
  spillSettings
} from "./chunk-7IW3YWLL.js";
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  stageFailure
} from "./chunk-XSSWW4V7.js";
import {
  stageImpl
} from "./chunk-RJWQ7O3S.js";
import {
  formatBytes
} from "./chunk-4W7FL7Y6.js";

// lib/parallel/parallel_group_by.ts
var PART_BYTES = 1 << 20;
var SAMPLE_BYTES = 4 * 1024 * 1024;
async function denseKey(source, key) {
  const { readRange } = await import("./_engine-WB6LYRJE.js");
  const seen = /* @__PURE__ */ new Set();
  let lines = 0;
  await readRange(source, 0, SAMPLE_BYTES, (items) => {
    for (const item of items) {
      lines++;
      let k;
      try {
        k = key(item);
      } catch {
        continue;
      }
      if (k !== void 0 && k !== null && k === k) seen.add(k);
    }
  });
  return lines >= 1e3 && seen.size > lines / 2;
}
async function* inThread(source, info, spec, settings, tempDir, sourceStats, stats, ctx) {
  const file = {
    dev: info.dev,
    ino: info.ino ?? 0,
    size: info.size
  };
  const { SpillDir, SpillingGroups } = await import("./_group_engine-OM5YSPIU.js");
  const { readRange } = await import("./_engine-WB6LYRJE.js");
  const spill = new SpillDir(tempDir);
  try {
    const groups = new SpillingGroups(spec.named, {
      ...settings,
      spill,
      stats
    });
    const key = spec.key;
    let read = 0;
    await readRange({
      ...source,
      file
    }, 0, info.size, async (items, firstLine, lines) => {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      sourceStats.itemsOut += items.length;
      stats.itemsIn += items.length;
      for (const item of items) read += item.length + 1;
      await groups.addItems(items, key, (error, i) => stageFailure(error, stats, ctx, {
        line: lines?.[i] ?? firstLine + i,
        path: source.path
      }));
      ctx.summary.bytesRead = Math.min(info.size, read);
    }).catch((error) => {
      throw stageFailure(error, sourceStats, ctx, {
        line: void 0,
        path: source.path
      });
    });
    ctx.summary.bytesRead = info.size;
    yield* groups.results();
  } finally {
    await spill.remove();
  }
}
var RANGE_BYTES = 16 * 1024 * 1024;
var WORKER = new URL("./lib/parallel/_group_by_worker.js", import.meta.url);
function parallelGroupBy(module, options = {}) {
  const kind = "parallelGroupBy";
  const { budget } = spillSettings(kind, options);
  const workers = options.workers ?? navigator.hardwareConcurrency;
  const rangeBytes = options.rangeBytes ?? ((size) => Math.max(64 * 1024, Math.min(RANGE_BYTES, Math.ceil(size / 4 / workers))));
  requirePositive(kind, {
    workers,
    rangeBytes: options.rangeBytes ?? RANGE_BYTES
  });
  const url = moduleHref(module);
  const exportName = options.export ?? "default";
  const load = async () => (await import("./_group_engine-OM5YSPIU.js")).loadGroupSpec(kind, url, exportName, options.params);
  const stage = defineStage({
    kind,
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk; ${workers} workers`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      const spec = await load();
      const inThread2 = stageImpl(groupBy(spec.key, spec.reducers, options));
      yield* inThread2.run(input, stats, ctx);
    },
    async *readsRanges(source, sourceStats, stats, ctx) {
      const info = await Deno.stat(source.path);
      if (info.size >= 2 * SAMPLE_BYTES) {
        const spec = await load();
        if (await denseKey(source, spec.key)) {
          stats.count("inThread", 1);
          yield* inThread(source, info, spec, spillSettings(kind, options), options.tempDir, sourceStats, stats, ctx);
          return;
        }
      }
      const { Pool, rangeAnswers, remoteError } = await import("./_engine-WB6LYRJE.js");
      const pool = new Pool(workers, WORKER, {
        type: "init",
        module: url,
        exportName,
        params: options.params,
        capBytes: Math.max(1, Math.min(PART_BYTES, Math.floor(budget / 4 / workers)))
      }, stats);
      const { SpillDir, SpillingGroups } = await import("./_group_engine-OM5YSPIU.js");
      const spill = new SpillDir(options.tempDir);
      try {
        const spec = await load();
        const groups = new SpillingGroups(spec.named, {
          ...spillSettings(kind, options),
          spill,
          stats,
          // Half, as its doc says: more than a worker's share, so that a
          // range that outgrows a worker's table fits in this one.
          tableShare: 0.5
        });
        const table = groups.table;
        const failed = (error) => stageFailure(error, stats, ctx, {
          line: void 0,
          path: source.path
        });
        const merge = async (partial) => {
          try {
            for (let i = 0; i < partial.keys.length; i++) {
              table.mergeEncoded(partial.keys[i], partial.accs[i]);
            }
            if (partial.missing > 0) {
              stats.count("missingKeys", partial.missing);
            }
          } catch (error) {
            throw failed(error);
          }
          stats.counters.partials = (stats.counters.partials ?? 0) + 1;
          await groups.check();
        };
        const answers = rangeAnswers(source, sourceStats, stats, ctx, pool, rangeBytes);
        let kept = false;
        for await (const answer of answers) {
          const partial = "part" in answer ? answer.part : answer.result.partial;
          if (partial === void 0) kept = true;
          else await merge(partial);
        }
        if (kept) {
          pool.sendToEach((k) => ({
            type: "flush",
            seq: -1 - k
          }));
          for (let k = 0; k < pool.size; k++) {
            let done;
            while ((done = pool.take(-1 - k)) === void 0) {
              if (pool.failure !== void 0) throw failed(pool.failure);
              await pool.wait(ctx.signal);
            }
            const reply = done.reply;
            if (reply.type === "error") {
              throw failed(remoteError(reply.error, done.worker));
            }
            await merge(reply.partial);
          }
        }
        pool.close();
        yield* groups.results();
      } finally {
        pool.close();
        await spill.remove();
      }
    }
  });
  return stage;
}

export {
  parallelGroupBy
};
