// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  fieldTestInWorker,
  formatOf,
  matchesInWorker,
  parseStage,
  recordField,
  skipOptions
} from "./chunk-4VPT6XIL.js";
import "./chunk-3DGNYIZI.js";
import {
  readableOrSaid
} from "./chunk-74UOXEM4.js";
import {
  lineText,
  pipeStages,
  reportBinary,
  reportSkipped,
  runStages
} from "./chunk-465NUAZW.js";
import "./chunk-ORZEAUA4.js";
import "./chunk-AJRTXXC2.js";
import {
  keyText
} from "./chunk-54EGYELG.js";
import "./chunk-VNGPJYIJ.js";
import "./chunk-4ONHFX2W.js";
import {
  countItems
} from "./chunk-NH4IZYKJ.js";
import {
  deadLetter
} from "./chunk-G2M2G3YN.js";
import "./chunk-BHVBMKKE.js";
import {
  textMatcher
} from "./chunk-3ZLT75EY.js";
import {
  lineField
} from "./chunk-EKLR5R5G.js";
import {
  take
} from "./chunk-C5WS56CT.js";
import "./chunk-DCQUZAZK.js";
import "./chunk-YI5BI3QP.js";
import "./chunk-UFWFZGQU.js";
import "./chunk-ER7PIOC5.js";
import "./chunk-2DP43KBK.js";
import "./chunk-2T7D4BFK.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-HME7MDZD.js";
import "./chunk-2BHMVLWQ.js";
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
import {
  filter
} from "./chunk-HKHHBTTA.js";
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

// lib/cli/_grep_fields.ts
var MAX_RECORD_BYTES = 1 << 20;
var CsvBounds = class {
  #open = false;
  #bytes = 0;
  #sep;
  constructor(separator) {
    this.#sep = separator;
  }
  get open() {
    return this.#open;
  }
  /** Takes a line: whether a record (or a failure) ends with it. */
  line(text) {
    if (!this.#open) {
      const bytes = utf8Length(text);
      if (bytes > MAX_RECORD_BYTES || text.indexOf('"') === -1) return true;
      this.#scan(text, 0, false);
      this.#bytes = bytes;
      return !this.#open;
    }
    this.#bytes += 1 + utf8Length(text);
    if (this.#bytes > MAX_RECORD_BYTES) {
      this.#open = false;
      return true;
    }
    this.#scan(text, 0, true);
    return !this.#open;
  }
  /** Scans fields from `i`; `quoted` when inside a quoted field. */
  #scan(text, from, quoted) {
    const sep = this.#sep;
    const n = text.length;
    let i = from;
    this.#open = false;
    for (; ; ) {
      if (quoted || text.charCodeAt(i) === 34) {
        if (!quoted) i++;
        quoted = false;
        for (; ; ) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            this.#open = true;
            return;
          }
          if (text.charCodeAt(q + 1) === 34) {
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        if (i >= n || text[i] !== sep) return;
        i++;
        if (i === n) return;
        continue;
      }
      const end = text.indexOf(sep, i);
      if (end === -1) return;
      i = end + 1;
      if (i === n) return;
    }
  }
};
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 128 ? 1 : c < 2048 || c >= 55296 && c < 57344 ? 2 : 3;
  }
  return bytes;
}
var Groups = class {
  #groups = [];
  #head = 0;
  #failedLines = /* @__PURE__ */ new Set();
  #failedTexts = [];
  #failedHead = 0;
  #open;
  #csv;
  /** CSV and TSV with a header row: the header, once met. */
  #wantHeader;
  header;
  constructor(csv, header) {
    this.#csv = csv;
    this.#wantHeader = header;
  }
  /** Takes line `n`: `raw` as read, `text` as the parse stage sees it. */
  add(raw, text, n) {
    if (this.#csv === void 0) {
      this.#groups.push({
        lines: [
          raw
        ],
        n,
        text
      });
      return;
    }
    if (this.#open === void 0) {
      if (text === "") return;
      this.#open = {
        lines: [
          raw
        ],
        n,
        text
      };
    } else this.#open.lines.push(raw);
    if (this.#csv.line(text)) {
      this.#groups.push(this.#open);
      this.#open = void 0;
    }
  }
  /** The parse stage passed over `failed`. */
  fail(failed) {
    if (this.#csv === void 0) {
      this.#failedTexts.push(failed.item);
    } else if (failed.line !== void 0) this.#failedLines.add(failed.line);
  }
  /** The lines of the next record. */
  next() {
    for (; ; ) {
      const entry = this.#take();
      if (this.#failed(entry)) continue;
      if (this.#wantHeader) {
        this.#wantHeader = false;
        this.header = entry;
        continue;
      }
      return entry;
    }
  }
  /** Whether `entry` is the next that failed (and forgets it if so). */
  #failed(entry) {
    if (this.#csv !== void 0) return this.#failedLines.delete(entry.n);
    if (this.#failedTexts[this.#failedHead] !== entry.text) return false;
    this.#failedHead++;
    if (this.#failedHead === this.#failedTexts.length) {
      this.#failedTexts = [];
      this.#failedHead = 0;
    }
    return true;
  }
  #take() {
    const entry = this.#groups[this.#head];
    if (entry === void 0) {
      throw new Error("grep --format: a record came without its lines");
    }
    this.#groups[this.#head++] = void 0;
    if (this.#head > 1024 && this.#head * 2 > this.#groups.length) {
      this.#groups = this.#groups.slice(this.#head);
      this.#head = 0;
    }
    return entry;
  }
};
function checkOptions(ctx) {
  const format = formatOf(ctx);
  const key = ctx.values.key;
  if (format === void 0) {
    for (const name of [
      "on-error",
      "max-errors"
    ]) {
      if (ctx.values[name] !== void 0) {
        ctx.usageError(`--${name} needs --format NAME`);
      }
    }
  }
  if (typeof key !== "string") {
    ctx.usageError("--format needs -k FIELD: grep matches PATTERN against that field of each record");
  }
  if (key === "") ctx.usageError("-k (--key) names no field");
  if (format === "auto") {
    ctx.usageError("--format auto is not taken by grep, whose records are written as their lines: name the format (combined, json, csv, \u2026)");
  }
  if (ctx.values["only-matching"] === true) {
    ctx.usageError("-k FIELD takes no -o: it selects whole records");
  }
  if (ctx.values.checkpoint !== void 0) {
    ctx.usageError("-k FIELD takes no --checkpoint");
  }
  const long = ctx.readOptions.onLongLine;
  if (long !== void 0 && long !== "error" && (ctx.values["line-number"] === true || format === "csv" || format === "tsv")) {
    ctx.usageError(`-k FIELD takes no --long-lines ${long} with -n or --format ${format === "csv" || format === "tsv" ? format : "NAME"}: records are numbered by their lines`);
  }
  return {
    format,
    key
  };
}
async function grepFields(ctx, settings) {
  const { format, key } = checkOptions(ctx);
  const get = format === void 0 ? lineField(key) : recordField(ctx, format, key);
  const skip = skipOptions(ctx);
  const test = textMatcher(settings.pattern, {
    ignoreCase: settings.ignoreCase
  });
  const { invert, withName, quiet, files, count, lineNumber, kept } = settings;
  const inWorker = settings.pattern instanceof RegExp && matchesInWorker(settings.pattern, settings.ignoreCase);
  const selects = (record) => {
    const text = keyText(get(record));
    return (text !== void 0 && test(text)) !== invert;
  };
  const keeps = format === void 0 && !inWorker;
  const keepOf = (numbers) => filter((raw, index) => {
    let text = lineText(raw);
    if (index === 0 && text.charCodeAt(0) === 65279) text = text.slice(1);
    if (!selects(text)) return false;
    if (lineNumber) numbers.push(index + 1);
    return true;
  }, {
    name: "match"
  });
  const shown = !count && !files && !quiet;
  const limit = quiet || files ? 1 : settings.maxCount;
  const separator = format === "csv" ? "," : format === "tsv" ? "	" : "";
  const header = separator !== "" && ctx.values.columns === void 0;
  const nameOf = (input) => input === "-" ? "(standard input)" : input;
  let selected = false;
  let skipped = 0;
  const matchedBinary = [];
  let trouble = false;
  const readable = async (input) => {
    if (await readableOrSaid("sluice grep", input, ctx.values["no-messages"] === true)) return true;
    trouble = true;
    return false;
  };
  async function* results() {
    for (const input of ctx.inputs) {
      if (!await readable(input)) continue;
      const groups = new Groups(separator === "" ? void 0 : new CsvBounds(separator), header);
      let n = 0;
      let binary = false;
      const tag = map((raw) => {
        let text = lineText(raw);
        if (++n === 1 && text.charCodeAt(0) === 65279) text = text.slice(1);
        groups.add(raw, text, n);
        return text;
      }, {
        name: "lines"
      });
      const numbers = [];
      const keep = keeps ? keepOf(numbers) : void 0;
      const pick = [
        ...inWorker ? [
          map((record) => keyText(get(record)) ?? null, {
            name: "field"
          }),
          fieldTestInWorker(settings.pattern, settings.ignoreCase),
          map((hit) => {
            const entry = groups.next();
            return hit !== invert ? entry : void 0;
          }, {
            name: "select"
          })
        ] : [
          map((record) => {
            const entry = groups.next();
            return selects(record) ? entry : void 0;
          }, {
            name: "match"
          })
        ],
        filter((entry) => entry !== void 0, {
          name: "selected"
        })
      ];
      const read = () => readLines(input, {
        ...kept.read,
        onBinary: () => void (binary = true)
      });
      const name = nameOf(input);
      if (keep !== void 0 && count && limit === void 0) {
        const counted = {
          n: 0
        };
        await runStages(read(), [
          keep
        ], countItems(counted), ctx.pipelineOptions);
        if (counted.n > 0) selected = true;
        yield withName ? `${name}:${counted.n}` : String(counted.n);
        continue;
      }
      const records = pipeStages(read(), keep !== void 0 ? [
        keep,
        map((raw) => ({
          lines: [
            raw
          ],
          n: lineNumber ? numbers.shift() : 0,
          text: raw
        }), {
          name: "lines"
        })
      ] : format === void 0 ? [
        tag,
        ...pick
      ] : [
        tag,
        parseStage(ctx, format, skip && {
          // --max-errors counts over all the inputs, as one run would.
          ...skip.maxErrors === void 0 ? {} : {
            maxErrors: skip.maxErrors - skipped
          },
          onError: deadLetter((failed) => {
            skipped++;
            groups.fail(failed);
          })
        }, [
          key
        ]),
        ...pick
      ], ctx.pipelineOptions);
      let found = 0;
      let headerDone = false;
      for await (const entry of records) {
        if (entry === void 0) continue;
        found++;
        selected = true;
        if (quiet) return;
        if (files) {
          yield name;
          break;
        }
        if (shown) {
          if (!headerDone && groups.header !== void 0) {
            yield* lines(groups.header, name);
          }
          headerDone = true;
          yield* lines(entry, name, true);
        }
        if (found === limit) break;
      }
      if (count) yield withName ? `${name}:${found}` : String(found);
      if (binary && shown && found > 0) matchedBinary.push(name);
    }
  }
  function* lines(entry, name, chosen = false) {
    for (let i = 0; i < entry.lines.length; i++) {
      const mark = chosen && i === 0 ? ":" : "-";
      yield `${withName ? name + mark : ""}${lineNumber ? (entry.n + i).toFixed(0) + mark : ""}${entry.lines[i]}`;
    }
  }
  if (keeps && shown && ctx.inputs.length === 1) {
    const input = ctx.inputs[0];
    if (!await readable(input)) return 2;
    const numbers = [];
    const prefix = withName ? `${nameOf(input)}:` : "";
    let binary = false;
    const prefixed = prefix !== "" || lineNumber ? map((raw) => {
      const n = lineNumber ? numbers.shift().toFixed(0) + ":" : "";
      return prefix + n + raw;
    }, {
      name: "lines"
    }) : void 0;
    await runStages(readLines(input, {
      ...kept.read,
      onBinary: () => void (binary = true)
    }), [
      keepOf(numbers),
      prefixed,
      limit === void 0 ? void 0 : take(limit)
    ], await settings.out(), ctx.pipelineOptions);
    selected = ctx.summary.stages.at(-1).itemsIn > 0;
    if (binary && selected) {
      await reportBinary("sluice grep", [
        nameOf(input)
      ], "binary file matches");
    }
    return selected || settings.partial !== void 0 ? 0 : 1;
  }
  if (quiet) {
    for await (const _ of results()) {
    }
    return selected ? 0 : trouble ? 2 : 1;
  }
  await pipeline(results(), await settings.out(), ctx.pipelineOptions);
  await reportBinary("sluice grep", matchedBinary, "binary file matches");
  await reportSkipped("sluice grep", ctx.summary);
  return trouble ? 2 : selected || settings.partial !== void 0 ? 0 : 1;
}
export {
  CsvBounds,
  grepFields
};
