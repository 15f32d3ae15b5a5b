// Copyright 2026 the sluice authors. MIT license.
// `sluice split`: the input into part files, by line count, field, time
// bucket or prefix.

import { readLines } from "../../io/read_lines.ts";
import { recordOf, textOf } from "../_fields.ts";
import { lineField } from "../../parse/line_field.ts";
import {
  checkTimeOptions,
  FORMAT_OPTIONS,
  SKIP_OPTIONS,
  TIME_FIELD_OPTION,
} from "../_format_options.ts";
import type { Keyed } from "../_format.ts";
import { writeSplit } from "../../io/write_split.ts";
import { pipeline } from "../../core/pipeline.ts";
import { toStdout } from "../_util.ts";
import type { Stage } from "../../core/types.ts";
import type { Command } from "./_command.ts";
import {
  formatReaders,
  integer,
  keepBytes,
  lineText,
  reportBinary,
  reportSkipped,
  runStages,
} from "./_options.ts";

/**
 * A time bucket's ISO 8601 key as a part's name, in time order and without
 * colons: `2015-05-17` for a day, `2015-05-17T1300Z` for an hour.
 */
export function timePart(iso: string): string {
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  return iso.replace(/\.000Z$/, "Z").replace(/:00Z$/, "Z").replaceAll(":", "");
}

/** `sluice split`: the input into part files, moved into place at the end. */
export const split: Command = {
  name: "split",
  synopsis: "split",
  summary: "into files by N lines or by a field's value",
  spec: {
    name: "sluice split",
    usage: "[OPTION\u2026] [FILE\u2026]",
    output: false,
    // Shards would write the same parts: split the merged output instead.
    shard: false,
    description:
      "Split the input into files: every N lines (--lines), by the value of a field (--by; of logfmt/JSON lines, or of --format's records), by time bucket (--by-time; parts named like 2015-05-17 or 2015-05-17T1300Z, in UTC) or by the first characters of a line (--by-prefix). Parts are written to a temporary directory and moved into place only when the whole run succeeded; then the path of each part is printed on standard output, a line each. A key becomes a file name one to one: characters other than letters, digits, - and _ are percent-encoded as their UTF-8 bytes (b/c gives b%2Fc, Jun 14 gives Jun%2014), a very long key is cut and given a hash of the whole. With --format csv or tsv, every part starts with the header.",
    examples: [
      "sluice split --lines 1000000 --prefix parts/app- app.log",
      "sluice split --by service --prefix by-service/ app.log",
      "sluice split --by-prefix 10 --prefix days/ app.log   # ISO dates",
      "sluice split --format combined --by-time 1d --prefix days/ access.log",
    ],
    options: {
      ...FORMAT_OPTIONS,
      lines: {
        type: "string",
        short: "l",
        description: "lines per part",
        valueName: "N",
      },
      by: {
        type: "string",
        description: "split by this field's value",
        valueName: "FIELD",
      },
      "by-time": {
        type: "string",
        description:
          "split by time buckets of SIZE (10s, 5m, 1h, 1d, 1w) of the time field",
        valueName: "SIZE",
      },
      ...TIME_FIELD_OPTION,
      "by-prefix": {
        type: "string",
        description: "split by the first N characters of each line",
        valueName: "N",
      },
      prefix: {
        type: "string",
        short: "p",
        description: "path prefix of the parts (default split-)",
        valueName: "PREFIX",
      },
      suffix: {
        type: "string",
        description: "file name suffix (default .log)",
        valueName: "SUFFIX",
      },
      "max-open": {
        type: "string",
        description: "most part files open at once (default 64)",
        valueName: "N",
      },
      ...SKIP_OPTIONS,
    },
  },
  async run(ctx) {
    const modes = ["lines", "by", "by-time", "by-prefix"].filter((k) =>
      ctx.values[k] !== undefined
    );
    if (modes.length !== 1) {
      ctx.usageError(
        "give exactly one of --lines, --by, --by-time and --by-prefix",
      );
    }
    checkTimeOptions(ctx, modes[0] === "by-time");
    ctx.values["max-open"] ??= "64";
    const maxOpen = integer(ctx, "max-open", 1);
    const formats = await formatReaders(ctx, modes[0] === "by-time");
    const format = formats?.formatOf(ctx);
    const written: string[] = [];
    const settings = {
      prefix: typeof ctx.values.prefix === "string"
        ? ctx.values.prefix
        : "split-",
      suffix: typeof ctx.values.suffix === "string"
        ? ctx.values.suffix
        : ".log",
      maxOpen,
      parts: written,
      // Lines read losslessly go back to their bytes.
      lossless: true,
    };
    const size = modes[0] === "by-time"
      ? formats!.bucketSize(ctx, "by-time")
      : undefined;
    if (format !== undefined) {
      if (size === undefined && modes[0] !== "by") {
        ctx.usageError("--format splits --by FIELD or --by-time SIZE");
      }
      const name = size === undefined
        ? String(ctx.values.by)
        : formats!.timeFieldName(ctx, format, "--by-time");
      const get = formats!.recordField(ctx, format, name);
      const time = await formats!.timeReading(ctx);
      let key = (record: unknown) => partKey(get(record));
      if (size !== undefined) {
        const { timeBucket } = await import("../_read_time.ts");
        const at = timeBucket(size, name, get, time);
        key = (record) => timePart(at(record));
      }
      const records = formats!.keyedRecords(ctx, format, key, [name]);
      await runStages(
        readLines(ctx.inputs, ctx.readOptions),
        records.stages as Stage<never, unknown>[],
        writeSplit<Keyed<string>>((item) => item.k, {
          ...settings,
          text: (item) => item.t,
          header: records.header,
        }),
        ctx.pipelineOptions,
      );
      await reportSkipped("sluice split", ctx.summary);
      await toStdout(written.map((p) => `${p}\n`).join(""));
      return;
    }
    if (ctx.values["on-error"] !== undefined) {
      ctx.usageError("--on-error needs --format");
    }
    // Lines are kept byte for byte (`cat` of the parts is the input); keys
    // read them without a CRLF's CR.
    let keyOf: (line: string, index: number) => string;
    if (size !== undefined) {
      const name = formats!.timeFieldName(ctx, undefined, "--by-time");
      const { timeBucket } = await import("../_read_time.ts");
      const at = timeBucket(
        size,
        name,
        lineField(name),
        await formats!.timeReading(ctx),
      );
      keyOf = (line) => timePart(at(lineText(line)));
    } else if (ctx.values.lines !== undefined) {
      const n = integer(ctx, "lines", 1);
      keyOf = (_, i) => String(Math.floor(i / n)).padStart(5, "0");
    } else if (ctx.values.by !== undefined) {
      // The field's value alone is parsed (see lineField): parsing each JSON
      // line whole made each of its short strings, request ids among them,
      // an internalized string kept in V8's old generation (`split --by
      // service` over 256 MiB of JSON lines: 182.8 -> 138.6 MiB, medians of
      // 3 in turns at V8's defaults). A JSON line without the field is
      // parsed whole, so that one JSON.parse refuses still fails the run.
      const get = lineField(String(ctx.values.by));
      keyOf = (whole) => {
        const line = lineText(whole);
        const value = get(line);
        if (value === undefined && line.charCodeAt(0) === 123) recordOf(line);
        return partKey(value);
      };
    } else {
      // N characters, never half of one: an emoji is two UTF-16 units.
      const n = integer(ctx, "by-prefix", 1);
      keyOf = (whole) => {
        const line = lineText(whole);
        let end = 0;
        for (let k = 0; k < n && end < line.length; k++) {
          const unit = line.charCodeAt(end);
          end += unit >= 0xd800 && unit <= 0xdbff &&
              end + 1 < line.length
            ? 2
            : 1;
        }
        return line.slice(0, end);
      };
    }
    const kept = keepBytes(ctx, true);
    await pipeline(
      readLines(ctx.inputs, kept.read),
      writeSplit(keyOf, settings),
      ctx.pipelineOptions,
    );
    await reportBinary("sluice split", kept.binary);
    await toStdout(written.map((p) => `${p}\n`).join(""));
  },
};

/** A field's value as the key of a part: none is `_none`. */
function partKey(value: unknown): string {
  return value === undefined || value === null ? "_none" : textOf(value);
}
