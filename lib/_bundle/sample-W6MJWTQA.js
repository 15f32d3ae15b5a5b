// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  PARTIAL_OPTIONS,
  partialPath,
  partialSink
} from "./chunk-ZRHYO3PC.js";
import {
  integer,
  keepBytes,
  reportBinary,
  stageOrUsage
} from "./chunk-465NUAZW.js";
import "./chunk-AJRTXXC2.js";
import {
  sample,
  samplePartial
} from "./chunk-OAL4EEJT.js";
import "./chunk-G2M2G3YN.js";
import {
  pipeline
} from "./chunk-X2CPFFEF.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-4TGYKUN4.js";
import {
  readLines
} from "./chunk-HVBOXFPS.js";
import "./chunk-JEJGDMZV.js";
import "./chunk-R3JU4EVG.js";
import "./chunk-R7VB6IFH.js";
import "./chunk-YYVGN7B7.js";
import "./chunk-E2F53XKZ.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import {
  writeLines
} from "./chunk-NSMWYBW2.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-UQVDOQX2.js";
import "./chunk-Y6AFSVNC.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-W7PSUR2W.js";
import "./chunk-65U4WM43.js";
import "./chunk-XSSWW4V7.js";
import "./chunk-FFM2QZVY.js";
import "./chunk-LTYBISTW.js";
import "./chunk-RJWQ7O3S.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";

// lib/cli/commands/sample.ts
var sample2 = {
  name: "sample",
  synopsis: "sample -n N",
  summary: "a uniform random sample of N lines (--seed)",
  spec: {
    name: "sluice sample",
    usage: "[OPTION\u2026] [FILE\u2026]",
    description: "Print a uniform random sample of N lines, in input order. Each line's chance comes from the seed, its input's name and its line number (bottom-k sampling), so the same seed gives the same sample however the job is divided with --shard (of files: a URL's shard counts its lines from its own start, so sample refuses a URL with --shard) (changed: it was reservoir sampling, whose choice depended on the order).",
    examples: [
      "sluice sample -n 1000 --seed 42 app.log"
    ],
    options: {
      lines: {
        type: "string",
        short: "n",
        description: "sample size (default 10)",
        valueName: "N"
      },
      seed: {
        type: "string",
        description: "seed for a reproducible sample",
        valueName: "S"
      },
      ...PARTIAL_OPTIONS
    }
  },
  async run(ctx) {
    ctx.values.lines ??= "10";
    const n = integer(ctx, "lines");
    const seed = ctx.values.seed === void 0 ? void 0 : integer(ctx, "seed");
    const partial = partialPath(ctx);
    const url = ctx.inputs.find((name) => /^https?:\/\//i.test(name));
    if (ctx.shard !== void 0 && url !== void 0) {
      ctx.usageError(`with --shard, sample cannot read a URL ("${url}"): each line's chance depends on its line number, and a shard of a URL counts lines from its own start (download it first, or sample it without --shard)`);
    }
    const kept = keepBytes(ctx);
    if (partial !== void 0) {
      if (seed === void 0) {
        ctx.usageError("--partial needs --seed S, the same for every shard");
      }
      await pipeline(readLines(ctx.inputs, kept.read), stageOrUsage(ctx, () => samplePartial(n, {
        seed
      })), await partialSink(ctx, partial, "sample"), ctx.pipelineOptions);
      return;
    }
    await pipeline(readLines(ctx.inputs, kept.read), sample(n, seed === void 0 ? {} : {
      seed
    }), writeLines(ctx.output, kept.write), ctx.pipelineOptions);
    await reportBinary("sluice sample", kept.binary);
  }
};
export {
  sample2 as sample
};
