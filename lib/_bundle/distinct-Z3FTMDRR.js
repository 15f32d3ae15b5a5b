// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  keyGetter
} from "./chunk-FTS7UVKA.js";
import {
  FORMAT_OPTIONS,
  SKIP_OPTIONS
} from "./chunk-W6INNASD.js";
import {
  PARTIAL_OPTIONS,
  partialPath,
  partialSink
} from "./chunk-ZRHYO3PC.js";
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
} from "./chunk-465NUAZW.js";
import "./chunk-AJRTXXC2.js";
import {
  textOf
} from "./chunk-54EGYELG.js";
import {
  distinctPartial
} from "./chunk-WR7CDSP4.js";
import "./chunk-G2M2G3YN.js";
import "./chunk-EKLR5R5G.js";
import {
  distinct
} from "./chunk-OFNJ3ZGQ.js";
import "./chunk-HIO6RDNE.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-2T7D4BFK.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-HME7MDZD.js";
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
import {
  map
} from "./chunk-H4K2N2UV.js";
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
