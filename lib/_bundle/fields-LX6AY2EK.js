// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  FORMAT_OPTIONS
} from "./chunk-W6INNASD.js";
import {
  PARTIAL_OPTIONS,
  linesOut,
  partialPath
} from "./chunk-ZRHYO3PC.js";
import {
  ERROR_OPTIONS,
  errorOptions,
  formatReaders,
  reportSkipped,
  stageOrUsage
} from "./chunk-465NUAZW.js";
import "./chunk-AJRTXXC2.js";
import {
  csvCell,
  recordOf,
  toJson
} from "./chunk-54EGYELG.js";
import "./chunk-G2M2G3YN.js";
import {
  pickFields
} from "./chunk-ZGEBILF4.js";
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

// lib/cli/commands/fields.ts
var fields = {
  name: "fields",
  synopsis: "fields",
  summary: "named fields of any log format, as JSON lines or CSV",
  spec: {
    name: "sluice fields",
    usage: "[OPTION\u2026] [FILE\u2026]",
    description: "Pull named fields out of log lines, as JSON lines or CSV. Without --format, a line that starts with { is read as JSON and other lines as logfmt (k=v); with --format, the format's records (access logs, syslog, CSV, \u2026), nested JSON fields by path (req.ip, items[0].id). Missing fields are null (JSON) or empty (CSV). Numbers stay numbers, JSON integers beyond 2^53 exact.",
    examples: [
      "sluice fields -k path,status,latency_ms app.log",
      "sluice fields -k path,latency_ms --csv --output latency.csv app.log",
      "sluice fields --dead-letter bad.jsonl --max-errors 100 app.jsonl",
      "sluice fields --format combined -k remote_addr,status,path --csv access.log",
      "sluice fields --format json -k ts,req.ip,items[0].id app.jsonl"
    ],
    options: {
      ...FORMAT_OPTIONS,
      keys: {
        type: "string",
        short: "k",
        description: "the fields to keep, comma-separated (default: all; without --format, of JSON lines only)",
        valueName: "K1,K2"
      },
      csv: {
        type: "boolean",
        description: "write CSV with a header row instead of JSON lines"
      },
      ...ERROR_OPTIONS,
      ...PARTIAL_OPTIONS
    }
  },
  async run(ctx) {
    const keys = typeof ctx.values.keys === "string" ? ctx.values.keys.split(",").map((k) => k.trim()).filter((k) => k !== "") : void 0;
    if (keys !== void 0 && keys.length === 0) {
      ctx.usageError("--keys names no field");
    }
    if (ctx.values.csv && keys === void 0) {
      ctx.usageError("--csv needs --keys, to know the columns");
    }
    const policy = errorOptions(ctx);
    const lines = readLines(ctx.inputs, {
      ...policy,
      ...ctx.readOptions
    });
    const formats = await formatReaders(ctx);
    const format = formats?.formatOf(ctx);
    if (format !== void 0) {
      const { parseStage, recordField } = formats;
      const getters = keys?.map((k) => recordField(ctx, format, k));
      const parsing = stageOrUsage(ctx, () => parseStage(ctx, format, policy, keys));
      let header = ctx.values.csv === true;
      await pipeline(lines, parsing, map((record) => {
        if (getters === void 0) return toJson(record);
        if (!ctx.values.csv) {
          const picked = {};
          for (const [i, k] of keys.entries()) {
            picked[k] = getters[i](record) ?? null;
          }
          return toJson(picked);
        }
        const row = getters.map((get) => csvCell(get(record))).join(",");
        if (!header) return row;
        header = false;
        return [
          keys.map(csvCell).join(","),
          row
        ];
      }), await linesOut(ctx, "fields"), ctx.pipelineOptions);
      await reportSkipped("sluice fields", ctx.summary);
      if (header) {
        await pipeline([
          keys.map(csvCell).join(",")
        ], await linesOut(ctx, "fields"));
      }
      return;
    }
    if (ctx.values.csv && partialPath(ctx) === void 0) {
      await pipeline(lines, pickFields(keys, {
        ...policy,
        format: "csv"
      }), writeLines(ctx.output, {
        ...ctx.writeOptions,
        lossless: true,
        header: keys.map(csvCell).join(",")
      }), ctx.pipelineOptions);
      await reportSkipped("sluice fields", ctx.summary);
      return;
    }
    if (ctx.values.csv) {
      const cols = keys;
      let header = true;
      await pipeline(lines, pickFields(cols, {
        ...policy,
        format: "csv"
      }), map((row) => {
        if (!header) return row;
        header = false;
        return [
          cols.map(csvCell).join(","),
          row
        ];
      }), await linesOut(ctx, "fields"), ctx.pipelineOptions);
      await reportSkipped("sluice fields", ctx.summary);
      if (header) {
        await pipeline([
          cols.map(csvCell).join(",")
        ], await linesOut(ctx, "fields"));
      }
      return;
    }
    await pipeline(lines, keys === void 0 ? map((line) => toJson(recordOf(line)), policy) : pickFields(keys, policy), await linesOut(ctx, "fields"), ctx.pipelineOptions);
    await reportSkipped("sluice fields", ctx.summary);
  }
};
export {
  fields
};
