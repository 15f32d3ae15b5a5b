// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  FORMAT_OPTIONS,
  SKIP_OPTIONS,
  TIME_FIELD_OPTION,
  checkTimeOptions
} from "./chunk-W6INNASD.js";
import {
  formatReaders,
  integer,
  keepBytes,
  lineText,
  reportBinary,
  reportSkipped,
  runStages
} from "./chunk-465NUAZW.js";
import {
  toStdout
} from "./chunk-AJRTXXC2.js";
import {
  recordOf,
  textOf
} from "./chunk-54EGYELG.js";
import {
  writeSplit
} from "./chunk-X5W36UVA.js";
import "./chunk-G2M2G3YN.js";
import {
  lineField
} from "./chunk-EKLR5R5G.js";
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
import "./chunk-NSMWYBW2.js";
import "./chunk-YYIHPHCX.js";
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

// lib/cli/commands/split.ts
function timePart(iso) {
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  return iso.replace(/\.000Z$/, "Z").replace(/:00Z$/, "Z").replaceAll(":", "");
}
var split = {
  name: "split",
  synopsis: "split",
  summary: "into files by N lines or by a field's value",
  spec: {
    name: "sluice split",
    usage: "[OPTION\u2026] [FILE\u2026]",
    output: false,
    // Shards would write the same parts: split the merged output instead.
    shard: false,
    description: "Split the input into files: every N lines (--lines), by the value of a field (--by; of logfmt/JSON lines, or of --format's records), by time bucket (--by-time; parts named like 2015-05-17 or 2015-05-17T1300Z, in UTC) or by the first characters of a line (--by-prefix). Parts are written to a temporary directory and moved into place only when the whole run succeeded; then the path of each part is printed on standard output, a line each. A key becomes a file name one to one: characters other than letters, digits, - and _ are percent-encoded as their UTF-8 bytes (b/c gives b%2Fc, Jun 14 gives Jun%2014), a very long key is cut and given a hash of the whole. With --format csv or tsv, every part starts with the header.",
    examples: [
      "sluice split --lines 1000000 --prefix parts/app- app.log",
      "sluice split --by service --prefix by-service/ app.log",
      "sluice split --by-prefix 10 --prefix days/ app.log   # ISO dates",
      "sluice split --format combined --by-time 1d --prefix days/ access.log"
    ],
    options: {
      ...FORMAT_OPTIONS,
      lines: {
        type: "string",
        short: "l",
        description: "lines per part",
        valueName: "N"
      },
      by: {
        type: "string",
        description: "split by this field's value",
        valueName: "FIELD"
      },
      "by-time": {
        type: "string",
        description: "split by time buckets of SIZE (10s, 5m, 1h, 1d, 1w) of the time field",
        valueName: "SIZE"
      },
      ...TIME_FIELD_OPTION,
      "by-prefix": {
        type: "string",
        description: "split by the first N characters of each line",
        valueName: "N"
      },
      prefix: {
        type: "string",
        short: "p",
        description: "path prefix of the parts (default split-)",
        valueName: "PREFIX"
      },
      suffix: {
        type: "string",
        description: "file name suffix (default .log)",
        valueName: "SUFFIX"
      },
      "max-open": {
        type: "string",
        description: "most part files open at once (default 64)",
        valueName: "N"
      },
      ...SKIP_OPTIONS
    }
  },
  async run(ctx) {
    const modes = [
      "lines",
      "by",
      "by-time",
      "by-prefix"
    ].filter((k) => ctx.values[k] !== void 0);
    if (modes.length !== 1) {
      ctx.usageError("give exactly one of --lines, --by, --by-time and --by-prefix");
    }
    checkTimeOptions(ctx, modes[0] === "by-time");
    ctx.values["max-open"] ??= "64";
    const maxOpen = integer(ctx, "max-open", 1);
    const formats = await formatReaders(ctx, modes[0] === "by-time");
    const format = formats?.formatOf(ctx);
    const written = [];
    const settings = {
      prefix: typeof ctx.values.prefix === "string" ? ctx.values.prefix : "split-",
      suffix: typeof ctx.values.suffix === "string" ? ctx.values.suffix : ".log",
      maxOpen,
      parts: written,
      // Lines read losslessly go back to their bytes.
      lossless: true
    };
    const size = modes[0] === "by-time" ? formats.bucketSize(ctx, "by-time") : void 0;
    if (format !== void 0) {
      if (size === void 0 && modes[0] !== "by") {
        ctx.usageError("--format splits --by FIELD or --by-time SIZE");
      }
      const name = size === void 0 ? String(ctx.values.by) : formats.timeFieldName(ctx, format, "--by-time");
      const get = formats.recordField(ctx, format, name);
      const time = await formats.timeReading(ctx);
      let key = (record) => partKey(get(record));
      if (size !== void 0) {
        const { timeBucket } = await import("./_read_time-YFGNYI4J.js");
        const at = timeBucket(size, name, get, time);
        key = (record) => timePart(at(record));
      }
      const records = formats.keyedRecords(ctx, format, key, [
        name
      ]);
      await runStages(readLines(ctx.inputs, ctx.readOptions), records.stages, writeSplit((item) => item.k, {
        ...settings,
        text: (item) => item.t,
        header: records.header
      }), ctx.pipelineOptions);
      await reportSkipped("sluice split", ctx.summary);
      await toStdout(written.map((p) => `${p}
`).join(""));
      return;
    }
    if (ctx.values["on-error"] !== void 0) {
      ctx.usageError("--on-error needs --format");
    }
    let keyOf;
    if (size !== void 0) {
      const name = formats.timeFieldName(ctx, void 0, "--by-time");
      const { timeBucket } = await import("./_read_time-YFGNYI4J.js");
      const at = timeBucket(size, name, lineField(name), await formats.timeReading(ctx));
      keyOf = (line) => timePart(at(lineText(line)));
    } else if (ctx.values.lines !== void 0) {
      const n = integer(ctx, "lines", 1);
      keyOf = (_, i) => String(Math.floor(i / n)).padStart(5, "0");
    } else if (ctx.values.by !== void 0) {
      const get = lineField(String(ctx.values.by));
      keyOf = (whole) => {
        const line = lineText(whole);
        const value = get(line);
        if (value === void 0 && line.charCodeAt(0) === 123) recordOf(line);
        return partKey(value);
      };
    } else {
      const n = integer(ctx, "by-prefix", 1);
      keyOf = (whole) => {
        const line = lineText(whole);
        let end = 0;
        for (let k = 0; k < n && end < line.length; k++) {
          const unit = line.charCodeAt(end);
          end += unit >= 55296 && unit <= 56319 && end + 1 < line.length ? 2 : 1;
        }
        return line.slice(0, end);
      };
    }
    const kept = keepBytes(ctx, true);
    await pipeline(readLines(ctx.inputs, kept.read), writeSplit(keyOf, settings), ctx.pipelineOptions);
    await reportBinary("sluice split", kept.binary);
    await toStdout(written.map((p) => `${p}
`).join(""));
  }
};
function partKey(value) {
  return value === void 0 || value === null ? "_none" : textOf(value);
}
export {
  split,
  timePart
};
