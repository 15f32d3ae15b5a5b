// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  mergeSorted
} from "./chunk-K47DT4EZ.js";
import "./chunk-GZGMG7HW.js";
import {
  mergeGroups
} from "./chunk-EZDNK36W.js";
import {
  groupOutput
} from "./chunk-634SPFKS.js";
import {
  mergeDistinct
} from "./chunk-VJRAMZ5K.js";
import {
  tap
} from "./chunk-OK7NSL2L.js";
import {
  countLines
} from "./chunk-6QAPUABZ.js";
import {
  tail
} from "./chunk-UGVVUSAC.js";
import {
  mergeSample
} from "./chunk-VMRPHF3Q.js";
import "./chunk-J4V7BTMP.js";
import "./chunk-W6INNASD.js";
import {
  readPartials
} from "./chunk-KF2MK53P.js";
import "./chunk-NH4IZYKJ.js";
import {
  take
} from "./chunk-GV3AIMPB.js";
import "./chunk-347TNIDF.js";
import "./chunk-BHVBMKKE.js";
import {
  SPILL_OPTIONS,
  runStages,
  spillOptions
} from "./chunk-6PUDEJMY.js";
import "./chunk-NIKK3DT6.js";
import "./chunk-HLMCZC6Z.js";
import "./chunk-5L23PBXP.js";
import {
  writeLines
} from "./chunk-7LQHHAKO.js";
import "./chunk-7W377BI5.js";
import {
  pipeline
} from "./chunk-ROVXDBDY.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-LXPVDTEI.js";
import "./chunk-BBHQB3UX.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-AJRTXXC2.js";
import "./chunk-UXBWY6EI.js";
import "./chunk-STV52ALK.js";
import "./chunk-DIWDEBFX.js";
import "./chunk-HIO6RDNE.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-RK7ET6WN.js";
import "./chunk-65U4WM43.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-X54HIHCS.js";
import "./chunk-R3JU4EVG.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import "./chunk-3ILZAVZR.js";
import "./chunk-PUEIFZJK.js";
import "./chunk-IUDX72IL.js";
import {
  groupSpec
} from "./chunk-M2YX3H6M.js";
import "./chunk-HUUYG5NT.js";
import "./chunk-S4ZOQICP.js";
import "./chunk-HBZSIY22.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-4OGPUPRP.js";
import "./chunk-RJWQ7O3S.js";

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
