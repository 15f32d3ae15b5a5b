// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  keyGetter
} from "./chunk-FARSZO3K.js";
import {
  distinct,
  distinctPartial
} from "./chunk-VJRAMZ5K.js";
import {
  PARTIAL_OPTIONS,
  partialPath,
  partialSink
} from "./chunk-J4V7BTMP.js";
import {
  FORMAT_OPTIONS,
  SKIP_OPTIONS
} from "./chunk-W6INNASD.js";
import {
  map
} from "./chunk-347TNIDF.js";
import {
  KEY_OPTIONS,
  SPILL_OPTIONS,
  checkBudget,
  formatReaders,
  integer,
  keepBytes,
  lineText,
  reportBinary,
  reportSkipped,
  spillOptions,
  stageOrUsage
} from "./chunk-6PUDEJMY.js";
import "./chunk-NIKK3DT6.js";
import "./chunk-HLMCZC6Z.js";
import "./chunk-5L23PBXP.js";
import {
  readLines,
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
  textOf
} from "./chunk-HUUYG5NT.js";
import "./chunk-S4ZOQICP.js";
import "./chunk-HBZSIY22.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-RJWQ7O3S.js";

// lib/cli/commands/distinct.ts
var distinct2 = {
  name: "distinct",
  synopsis: "distinct",
  summary: "the first line of each distinct line or field value",
  spec: {
    name: "sluice distinct",
    usage: "[OPTION\u2026] [FILE\u2026]",
    description: "Print the first line of each distinct line (or key), in input order, dropping later duplicates: exact, within a memory budget (beyond it the keys seen go to temporary files, and the rest of the output comes at the end). JSON integers beyond 2^53 are told apart exactly. Words are split on runs of blanks, as awk (changed: they were split on each single space).",
    examples: [
      "sluice distinct app.log",
      "sluice distinct -k req --budget 16MB app.log",
      "sluice distinct --word 3 app.log",
      "sluice distinct --format combined -k http_user_agent access.log"
    ],
    options: {
      ...FORMAT_OPTIONS,
      ...KEY_OPTIONS,
      ...SKIP_OPTIONS,
      ...SPILL_OPTIONS,
      ...PARTIAL_OPTIONS
    }
  },
  async run(ctx) {
    await checkBudget(ctx);
    const partial = partialPath(ctx);
    const formats = await formatReaders(ctx);
    const format = formats?.formatOf(ctx);
    if (format === void 0) {
      if (ctx.values["on-error"] !== void 0) {
        ctx.usageError("--on-error needs --format");
      }
      const get2 = keyGetter(ctx);
      const key = get2 === void 0 ? void 0 : (line) => textOf(get2(lineText(line)));
      const kept = keepBytes(ctx);
      if (partial !== void 0) {
        await pipeline(readLines(ctx.inputs, kept.read), stageOrUsage(ctx, () => distinctPartial(key, spillOptions(ctx))), await partialSink(ctx, partial, "distinct"), ctx.pipelineOptions);
        return;
      }
      const stage2 = stageOrUsage(ctx, () => distinct(key, spillOptions(ctx)));
      await pipeline(readLines(ctx.inputs, kept.read), stage2, writeLines(ctx.output, kept.write), ctx.pipelineOptions);
      await reportBinary("sluice distinct", kept.binary);
      return;
    }
    if (ctx.values.key !== void 0 && ctx.values.word !== void 0) {
      ctx.usageError("give --key or --word, not both");
    }
    if (ctx.values.word !== void 0 && format !== "words") {
      ctx.usageError("--word reads words of lines: with --format, give -k FIELD");
    }
    const name = typeof ctx.values.key === "string" ? ctx.values.key : ctx.values.word !== void 0 ? String(integer(ctx, "word", 1)) : void 0;
    const { keyedRecords, recordField, texts } = formats;
    const get = name === void 0 ? void 0 : recordField(ctx, format, name);
    const records = keyedRecords(ctx, format, get === void 0 ? () => "" : (record) => textOf(get(record)), name === void 0 ? [] : [
      name
    ]);
    const keyOf = get === void 0 ? (x) => x.t : (x) => x.k;
    if (partial !== void 0) {
      await pipeline(readLines(ctx.inputs, ctx.readOptions), ...records.stages, stageOrUsage(ctx, () => distinctPartial(keyOf, spillOptions(ctx))), map(([k, x]) => [
        k,
        x.t
      ]), await partialSink(ctx, partial, "distinct"), ctx.pipelineOptions);
      await reportSkipped("sluice distinct", ctx.summary);
      return;
    }
    const stage = stageOrUsage(ctx, () => distinct(keyOf, spillOptions(ctx)));
    await pipeline(readLines(ctx.inputs, ctx.readOptions), ...records.stages, stage, texts(records.header), writeLines(ctx.output, ctx.writeOptions), ctx.pipelineOptions);
    await reportSkipped("sluice distinct", ctx.summary);
  }
};
export {
  distinct2 as distinct
};
