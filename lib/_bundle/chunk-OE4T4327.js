// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  namedReducers
} from "./chunk-DIWDEBFX.js";
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
  requireFunction
} from "./chunk-RJWQ7O3S.js";
import {
  formatBytes
} from "./chunk-4W7FL7Y6.js";

// lib/shard/group_partial.ts
function groupByPartial(key, reducers, options = {}) {
  const { budget, fanIn } = spillSettings("groupByPartial", options);
  requireFunction("groupByPartial", "key", key);
  const named = namedReducers("groupByPartial", reducers);
  return defineStage({
    kind: "groupByPartial",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      const { SpillDir, SpillingGroups } = await import("./_group_engine-OM5YSPIU.js");
      const spill = new SpillDir(options.tempDir);
      const groups = new SpillingGroups(named, {
        budget,
        fanIn,
        spill,
        stats
      });
      try {
        for await (const chunk of input) {
          await groups.addItems(chunk.items, key, (error, i) => failAt(error, stats, ctx, chunk, i));
        }
        yield* groups.results(true);
      } finally {
        await spill.remove();
      }
    }
  });
}
function mergeGroups(reducers, options = {}) {
  const { budget, fanIn } = spillSettings("mergeGroups", options);
  const named = namedReducers("mergeGroups", reducers);
  return defineStage({
    kind: "mergeGroups",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    async *run(input, stats, ctx) {
      const { SpillDir, SpillingGroups } = await import("./_group_engine-OM5YSPIU.js");
      const spill = new SpillDir(options.tempDir);
      const groups = new SpillingGroups(named, {
        budget,
        fanIn,
        spill,
        stats
      });
      const table = groups.table;
      try {
        for await (const chunk of input) {
          const items = chunk.items;
          let i = 0;
          while (i < items.length) {
            try {
              for (; i < items.length && !groups.full; i++) {
                const [k, accs] = items[i];
                if (!Array.isArray(accs) || accs.length !== named.list.length) {
                  throw new TypeError(`A group record must be [key, accumulators] with ${named.list.length} accumulators, got ${JSON.stringify(items[i])?.slice(0, 80)}`);
                }
                table.mergeEncoded(k, accs);
              }
            } catch (error) {
              throw failAt(error, stats, ctx, chunk, i);
            }
            await groups.check();
          }
        }
        yield* groups.results();
      } finally {
        await spill.remove();
      }
    }
  });
}

export {
  groupByPartial,
  mergeGroups
};
