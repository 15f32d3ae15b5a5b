// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  groupOutput
} from "./chunk-TSRVC6KO.js";
import "./chunk-W6INNASD.js";
import {
  countLines
} from "./chunk-CSCYN4G4.js";
import "./chunk-ZRHYO3PC.js";
import {
  SPILL_OPTIONS,
  runStages,
  spillOptions
} from "./chunk-465NUAZW.js";
import "./chunk-AJRTXXC2.js";
import {
  groupSpec
} from "./chunk-LOZ4VUR7.js";
import "./chunk-54EGYELG.js";
import {
  mergeSample
} from "./chunk-OAL4EEJT.js";
import "./chunk-DFUAQLRK.js";
import {
  mergeDistinct
} from "./chunk-WR7CDSP4.js";
import "./chunk-NH4IZYKJ.js";
import "./chunk-G2M2G3YN.js";
import "./chunk-BHVBMKKE.js";
import {
  mergeSorted
} from "./chunk-LDJ4EGE5.js";
import {
  readPartials
} from "./chunk-OSF6AJ4T.js";
import {
  mergeGroups
} from "./chunk-OE4T4327.js";
import "./chunk-EKLR5R5G.js";
import "./chunk-PCXRQEVB.js";
import "./chunk-M3KXK6WR.js";
import "./chunk-DIWDEBFX.js";
import "./chunk-OFNJ3ZGQ.js";
import "./chunk-HIO6RDNE.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-AWZEESY4.js";
import "./chunk-NAUBBTV2.js";
import {
  take
} from "./chunk-C5WS56CT.js";
import {
  tail
} from "./chunk-2YWYV5IZ.js";
import "./chunk-ZQEHRCAC.js";
import "./chunk-2T7D4BFK.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-HME7MDZD.js";
import {
  pipeline
} from "./chunk-X2CPFFEF.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-4TGYKUN4.js";
import "./chunk-HVBOXFPS.js";
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
import "./chunk-H4K2N2UV.js";
import {
  tap
} from "./chunk-AOFCDP5S.js";
import "./chunk-DBGDXXNI.js";
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

// lib/cli/commands/merge.ts
var merge = {
  name: "merge",
  synopsis: "merge PARTIAL\u2026",
  summary: "combine the --partial results of a job's shards",
  spec: {
    name: "sluice merge",
    usage: "[OPTION\u2026] PARTIAL\u2026",
    description: "Combine the partial results that the shards of one job wrote with --shard K/N --partial FILE into exactly the output of the same command run on one machine, byte for byte. The partials may be given in any order (a quoted glob too); merge refuses partials of different commands, options or inputs (names and sizes), and a shard that is missing or given twice, naming it. Sorted partials are merged as sorted runs (a k-way merge); groups and distinct keys within the memory budget, beyond it on disk.",
    examples: [
      "sluice merge parts/sort.*.partial --output sorted.log",
      "sluice merge 'parts/*.partial' > top.json"
    ],
    options: SPILL_OPTIONS,
    shard: false
  },
  async run(ctx) {
    if (ctx.inputs.includes("-")) {
      ctx.usageError("give the partial files (standard input cannot be one)");
    }
    const { header, partials, records, recordsWithHeadOnce } = await readPartials(ctx.inputs);
    const options = header.options;
    const written = {
      ...ctx.writeOptions,
      lossless: true
    };
    const out = writeLines(ctx.output, written);
    const lines = Number(options.lines ?? 10);
    switch (header.command) {
      case "count": {
        const rows = header.inputs.map((i) => [
          i.name,
          0,
          0
        ]);
        for (const p of partials) {
          let j = 0;
          for await (const record of p) {
            const [, n, bytes] = record;
            rows[j][1] += n;
            rows[j][2] += bytes;
            j++;
          }
        }
        await pipeline(countLines(rows), out, ctx.pipelineOptions);
        return;
      }
      case "sort":
        await pipeline(mergeSorted(partials, {
          numeric: options.numeric === true && options["by-time"] !== true,
          reverse: options.reverse === true,
          ...spillOptions(ctx)
        }), out, ctx.pipelineOptions);
        return;
      case "distinct":
        await pipeline(records, mergeDistinct(spillOptions(ctx)), out, ctx.pipelineOptions);
        return;
      case "group": {
        const plan = options.plan;
        const output = groupOutput(plan);
        await runStages(records, [
          mergeGroups((await groupSpec(plan.params)).reducers, spillOptions(ctx)),
          ...output.stages
        ], out, ctx.pipelineOptions);
        const rest = output.ifEmpty();
        if (rest.length > 0) {
          await pipeline(rest, writeLines(ctx.output, written));
        }
        return;
      }
      case "sample":
        await pipeline(records, mergeSample(lines), out, ctx.pipelineOptions);
        return;
      case "head":
      case "tail":
        await pipeline(records, header.command === "head" ? take(lines) : tail(lines), out, ctx.pipelineOptions);
        return;
      case "grep": {
        let n = 0;
        if (options.count === true) {
          for await (const record of records) {
            n += Number(record);
          }
          await pipeline([
            String(n)
          ], out, ctx.pipelineOptions);
        } else {
          await pipeline(records, tap(() => void n++), out, ctx.pipelineOptions);
        }
        return n > 0 ? 0 : 1;
      }
      case "fields":
        await pipeline(options.csv === true ? recordsWithHeadOnce(1) : records, out, ctx.pipelineOptions);
        return;
      default:
        throw new TypeError(`Cannot merge partials of "${header.command}": merge knows those of count, sort, group, distinct, sample, head, tail, grep and fields`);
    }
  }
};
export {
  merge
};
