// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  outputFormatByName
} from "./chunk-YYIHPHCX.js";
import {
  pathOf,
  targetName
} from "./chunk-65U4WM43.js";
import {
  RunContext
} from "./chunk-XSSWW4V7.js";
import {
  chunksOf
} from "./chunk-FFM2QZVY.js";
import {
  register
} from "./chunk-RJWQ7O3S.js";
import {
  Summary,
  recordOf
} from "./chunk-NNJCSJBK.js";
import {
  formatBytes
} from "./chunk-4W7FL7Y6.js";

// lib/io/write_lines.ts
var MiB = 1024 * 1024;
function writeLines(target, options = {}) {
  const writeBytes = options.writeBytes ?? MiB;
  if (!Number.isSafeInteger(writeBytes) || writeBytes < 65536) {
    throw new RangeError(`Cannot create writeLines stage: writeBytes must be an integer of at least 65536, got ${writeBytes}`);
  }
  const header = options.header;
  if (header !== void 0) {
    if (typeof header !== "string") {
      throw new TypeError(`Cannot create writeLines stage: header must be a string, got ${typeof header}`);
    }
    if (/[\r\n]/.test(header) || !header.isWellFormed()) {
      throw new RangeError(`Cannot create writeLines stage: header must be one line of well-formed text, got ${JSON.stringify(header)}`);
    }
  }
  const append = options.append ?? false;
  const atomic = options.atomic ?? true;
  const lossless = options.lossless ?? false;
  const aroundWrite = options.aroundWrite;
  const name = targetName(target);
  const choice = options.compression ?? "auto";
  if (![
    "auto",
    "none",
    "gzip",
    "zstd"
  ].includes(choice)) {
    throw new RangeError(`Cannot create writeLines stage: compression must be "auto", "none", "gzip" or "zstd", got "${choice}"`);
  }
  const format = choice === "auto" ? target !== "-" && (typeof target === "string" || target instanceof URL) ? outputFormatByName(pathOf(target)) : void 0 : choice === "none" ? void 0 : choice;
  const settings = {
    target,
    writeBytes,
    append,
    atomic,
    lossless,
    aroundWrite,
    name,
    format,
    header
  };
  const consume = async (input, stats, ctx) => {
    const { writeAll } = await import("./_write_engine-IUTNRUDY.js");
    await writeAll(settings, input, stats, ctx);
  };
  const impl = {
    kind: "writeLines",
    name: options.name,
    bound: `${formatBytes(writeBytes)} buffer + as much text being encoded`,
    boundBytes: 2 * writeBytes,
    resumable: append ? {
      refused: "writeLines with append: true cannot be resumed"
    } : format !== void 0 ? {
      refused: `writeLines of ${format} output cannot be resumed`
    } : !atomic ? {
      refused: "writeLines with atomic: false cannot be resumed"
    } : target === "-" || !(typeof target === "string" || target instanceof URL) ? {
      refused: `writeLines to ${name} cannot be resumed, only to a file`
    } : {
      path: pathOf(target)
    },
    takesBytes: true,
    writesLossless: lossless,
    consume
  };
  const sink = (source) => {
    const summary = new Summary();
    const stats = recordOf(summary).addStage(options.name ?? "writeLines", "writeLines", impl.bound);
    return consume(chunksOf(source), stats, new RunContext({
      summary
    }));
  };
  return register(sink, impl);
}

export {
  writeLines
};
