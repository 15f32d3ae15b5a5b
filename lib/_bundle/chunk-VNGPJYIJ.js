// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  PER_WORKER,
  moduleHref,
  requirePositive
} from "./chunk-BHVBMKKE.js";
import {
  packItems,
  unpackItems
} from "./chunk-DCQUZAZK.js";
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  estimateBytes
} from "./chunk-SEXDPIXC.js";
import {
  stageFailure
} from "./chunk-XSSWW4V7.js";
import {
  consecutive,
  lineOf,
  numbered
} from "./chunk-LTYBISTW.js";

// lib/parallel/parallel.ts
var WORKER = new URL("./lib/parallel/_parallel_worker.js", import.meta.url);
async function* runBatches(input, stats, ctx, pool, batchSize) {
  const { remoteError } = await import("./_engine-WB6LYRJE.js");
  const it = input[Symbol.asyncIterator]();
  const meta = /* @__PURE__ */ new Map();
  let chunk;
  let at = 0;
  let sourceDone = false;
  let sent = 0;
  let nextOut = 0;
  try {
    while (true) {
      if (pool.failure !== void 0) {
        throw stageFailure(pool.failure, stats, ctx, {
          line: void 0,
          path: void 0
        });
      }
      const done = pool.take(nextOut);
      if (done !== void 0) {
        const m = meta.get(nextOut);
        meta.delete(nextOut);
        nextOut++;
        if (done.reply.type === "error") {
          throw stageFailure(remoteError(done.reply.error, done.worker), stats, ctx, {
            line: m.lines?.[done.reply.index] ?? m.firstLine + done.reply.index,
            path: m.path
          });
        }
        const items = unpackItems(done.reply);
        const positions = done.reply.lines;
        const lines = positions === void 0 ? m.lines : positions.map((p) => m.lines?.[p - 1] ?? m.firstLine + p - 1);
        if (items.length > 0) {
          yield lines === void 0 ? consecutive(items, m.firstLine, m.path) : numbered(items, lines, m.path);
        }
        continue;
      }
      if (pool.hasRoom && sent - nextOut < pool.capacity * PER_WORKER && !sourceDone) {
        if (chunk === void 0 || at >= chunk.items.length) {
          const r = await it.next();
          if (r.done === true) sourceDone = true;
          else {
            chunk = r.value;
            at = 0;
            stats.hold(chunk.items.length, estimateBytes(chunk.items));
          }
          continue;
        }
        const end = Math.min(chunk.items.length, at + batchSize);
        meta.set(sent, {
          firstLine: lineOf(chunk, at),
          ...chunk.lines ? {
            lines: chunk.lines.slice(at, end)
          } : {},
          ...chunk.path ? {
            path: chunk.path
          } : {}
        });
        pool.send({
          ...packItems(chunk.items.slice(at, end)),
          type: "chunk",
          seq: sent
        });
        at = end;
        sent++;
        continue;
      }
      if (sourceDone && nextOut === sent) return;
      await pool.wait(ctx.signal);
    }
  } finally {
    await it.return?.(void 0);
  }
}
async function* runRanges(source, sourceStats, stats, ctx, pool, rangeBytes) {
  const { rangeAnswers } = await import("./_engine-WB6LYRJE.js");
  const answers = rangeAnswers(source, sourceStats, stats, ctx, pool, rangeBytes);
  for await (const answer of answers) {
    const batch = "part" in answer ? answer.part : answer.result;
    const linesBefore = answer.linesBefore;
    const items = unpackItems(batch);
    const lines = batch.lines?.map((n) => linesBefore + n);
    stats.hold(items.length, estimateBytes(items));
    if (items.length > 0) {
      yield lines === void 0 ? consecutive(items, linesBefore + (batch.first ?? 1), source.path) : numbered(items, lines, source.path);
    }
  }
}
function parallel(module, options = {}) {
  const workers = options.workers ?? navigator.hardwareConcurrency;
  const batchSize = options.batchSize ?? 1024;
  const rangeBytes = options.rangeBytes ?? 4 * 1024 * 1024;
  requirePositive("parallel", {
    workers,
    batchSize,
    rangeBytes
  });
  const url = moduleHref(module);
  const exportName = options.export ?? "default";
  const start = async (stats) => {
    const { Pool } = await import("./_engine-WB6LYRJE.js");
    return new Pool(workers, WORKER, {
      type: "init",
      module: url,
      exportName
    }, stats);
  };
  return defineStage({
    kind: "parallel",
    name: options.name,
    bound: `${workers} workers \xD7 ${PER_WORKER} tasks + 1 chunk`,
    async *run(input, stats, ctx) {
      const pool = await start(stats);
      try {
        yield* runBatches(input, stats, ctx, pool, batchSize);
      } finally {
        pool.close();
      }
    },
    async *readsRanges(source, sourceStats, stats, ctx) {
      const pool = await start(stats);
      try {
        yield* runRanges(source, sourceStats, stats, ctx, pool, rangeBytes);
      } finally {
        pool.close();
      }
    }
  });
}

export {
  parallel
};
