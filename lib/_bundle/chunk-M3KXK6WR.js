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
  eachChunk
} from "./chunk-FFM2QZVY.js";
import {
  requireFunction
} from "./chunk-RJWQ7O3S.js";
import {
  formatBytes
} from "./chunk-4W7FL7Y6.js";

// lib/spill/group_by.ts
function groupBy(key, reducers, options = {}) {
  const { budget, fanIn } = spillSettings("groupBy", options);
  requireFunction("groupBy", "key", key);
  const named = namedReducers("groupBy", reducers);
  return defineStage({
    kind: "groupBy",
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
        await eachChunk(input, (chunk) => groups.addItems(chunk.items, key, (error, i) => failAt(error, stats, ctx, chunk, i)));
        yield* groups.results();
      } finally {
        await spill.remove();
      }
    }
  });
}

export {
  groupBy
};
