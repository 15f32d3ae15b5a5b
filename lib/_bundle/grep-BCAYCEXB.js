// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  FIELD_GREP_OPTIONS,
  matchesFields
} from "./chunk-W6INNASD.js";
import {
  dialectProblem
} from "./chunk-3DGNYIZI.js";
import {
  readableOrSaid,
  unreadable
} from "./chunk-74UOXEM4.js";
import {
  PARTIAL_OPTIONS,
  linesOut,
  partialPath
} from "./chunk-ZRHYO3PC.js";
import {
  integer,
  keepBytes,
  pipeStages,
  reportBinary,
  runStages,
  writeShort
} from "./chunk-465NUAZW.js";
import "./chunk-AJRTXXC2.js";
import {
  countItems
} from "./chunk-NH4IZYKJ.js";
import "./chunk-G2M2G3YN.js";
import {
  take
} from "./chunk-C5WS56CT.js";
import {
  grep
} from "./chunk-F6OOGOMW.js";
import "./chunk-I5EFAMPC.js";
import "./chunk-7INCLF7L.js";
import "./chunk-57NEC6SS.js";
import "./chunk-DCQUZAZK.js";
import "./chunk-YI5BI3QP.js";
import "./chunk-UFWFZGQU.js";
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
  filter
} from "./chunk-HKHHBTTA.js";
import {
  map
} from "./chunk-H4K2N2UV.js";
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

// lib/cli/commands/grep.ts
var grep2 = {
  name: "grep",
  synopsis: "grep PATTERN",
  summary: "lines that contain PATTERN, with GNU grep's flags (-E, -o, -n, -c, \u2026)",
  // With -e or -f, every operand is a file.
  positionals: (values) => Array.isArray(values.regexp) && values.regexp.length > 0 || Array.isArray(values.file) && values.file.length > 0 ? 0 : 1,
  failureStatus: 2,
  spec: {
    name: "sluice grep",
    usage: "[OPTION\u2026] PATTERN [FILE\u2026]  or  [OPTION\u2026] -e PATTERN\u2026 [FILE\u2026]",
    description: "Print the lines that contain PATTERN: a literal string, or with -E (--regex) a JavaScript regular expression in Unicode mode (\\d, \\w, \\b, \\p{L}, (?:\u2026), lookarounds; not POSIX ERE: no [[:digit:]] classes, no \\< or \\>). The flags are GNU grep's: with several files each line starts with its file's name, -n adds its line number, -c counts per file. Exit status 0 when a line was selected, 1 when none was, 2 on an error (a file that cannot be read is reported, the others are searched). With -k FIELD, PATTERN is matched against that field of each record instead of the line: of the records of --format NAME (nested JSON paths such as req.ip, a number its text, JSON integers beyond 2^53 exact), or without --format of JSON or logfmt lines; a record without the field (or where it is null) never matches, so -v selects it. Each selected record is written as the lines it was read from, byte for byte: a CSV record over several lines whole, and a CSV or TSV file's header line first, before its first selected record (not counted by -c). -n numbers a record by its first line; its other lines and the header are marked as GNU marks context lines (N-, FILE-). --format takes -c, -l, -q, -m, -n, -H/-h, -v, -i, -F/-E/-e, --output, --shard and --partial, not -o or --checkpoint; a line not in the format fails the run with its file and line (exit 2), or with --on-error skip is passed over. Changed: -o is GNU's only-matching, and the output file is --output FILE; -h is --no-filename (help is --help); -q is GNU's quiet (no progress is --no-progress).",
    examples: [
      "sluice grep ' ERROR ' app.log",
      "sluice grep -c -i timeout app.log app.log.1.gz",
      "sluice grep -on -E 'user=\\w+' auth.log",
      "sluice grep -n -C 3 -w Exception app.log",
      "sluice grep -l -e Failed -e Invalid *.log",
      "sluice grep -v -f known-ips.txt access.log",
      "sluice grep -E 'status=5\\d\\d' --output errors.log app.log",
      "sluice grep ERROR --checkpoint errors.ckpt --output errors.log huge.log",
      "sluice grep --format combined -k status -E '^5' access.log",
      "sluice grep --format json -k req.ip -F 10.0.0.7 app.log"
    ],
    options: {
      regexp: {
        type: "string",
        short: "e",
        multiple: true,
        description: "PATTERN to search for (repeatable: a line is selected when it matches any); then every operand is a FILE",
        valueName: "PATTERN"
      },
      file: {
        type: "string",
        short: "f",
        multiple: true,
        description: "take PATTERNs from FILE, one a line (repeatable, and with -e; - is standard input); a FILE with none selects nothing, an empty line every line",
        valueName: "FILE"
      },
      "fixed-strings": {
        type: "boolean",
        short: "F",
        description: "PATTERN is a literal string (the default)"
      },
      "extended-regexp": {
        type: "boolean",
        short: "E",
        description: "PATTERN is a regular expression, in JavaScript's dialect (Unicode mode), not POSIX ERE"
      },
      regex: {
        type: "boolean",
        description: "the same as -E"
      },
      invert: {
        type: "boolean",
        short: "v",
        description: "select the lines that do not match"
      },
      "invert-match": {
        type: "boolean",
        description: "the same as -v (GNU grep's name)"
      },
      "ignore-case": {
        type: "boolean",
        short: "i",
        description: "ignore case"
      },
      "word-regexp": {
        type: "boolean",
        short: "w",
        description: "select a line only where PATTERN matches whole words: neither before nor after the match a letter, digit or _"
      },
      "line-regexp": {
        type: "boolean",
        short: "x",
        description: "select a line only where PATTERN matches all of it (over -w)"
      },
      "only-matching": {
        type: "boolean",
        short: "o",
        description: "print only the matched parts, each on its own line (changed: -o was the output file; use --output FILE)"
      },
      "line-number": {
        type: "boolean",
        short: "n",
        description: "put each line's number in its file before it"
      },
      "after-context": {
        type: "string",
        short: "A",
        description: 'also print the N lines after each selected line ("--" between groups apart)',
        valueName: "N"
      },
      "before-context": {
        type: "string",
        short: "B",
        description: "also print the N lines before each selected line",
        valueName: "N"
      },
      context: {
        type: "string",
        short: "C",
        description: "-A N and -B N (each given on its own wins; -N is -C N)",
        valueName: "N",
        digits: true
      },
      "group-separator": {
        type: "string",
        description: 'with -A, -B or -C, print SEP between groups apart instead of "--"',
        valueName: "SEP"
      },
      "no-group-separator": {
        type: "boolean",
        description: "with -A, -B or -C, print nothing between groups apart"
      },
      "max-count": {
        type: "string",
        short: "m",
        description: "stop reading a file after N selected lines",
        valueName: "N"
      },
      "with-filename": {
        type: "boolean",
        short: "H",
        description: "put the file name before each line (the default with several files, or -r)"
      },
      "no-filename": {
        type: "boolean",
        short: "h",
        description: "put no file name before the lines (changed: -h was --help)"
      },
      count: {
        type: "boolean",
        short: "c",
        description: "print only how many lines were selected, per file (FILE:N with several files)"
      },
      "files-without-match": {
        type: "boolean",
        short: "L",
        description: "print only the names of the files without a selected line (-l or -L: the last given)"
      },
      "no-messages": {
        type: "boolean",
        short: "s",
        description: "say nothing of files that cannot be read (the exit status still tells)"
      },
      "files-with-matches": {
        type: "boolean",
        short: "l",
        description: "print only the names of the files with a selected line (each read up to it)"
      },
      quiet: {
        type: "boolean",
        short: "q",
        description: "print nothing; exit 0 at the first selected line, even after an error (changed: -q was no progress, now --no-progress)"
      },
      silent: {
        type: "boolean",
        description: "the same as -q"
      },
      checkpoint: {
        type: "string",
        description: "record progress in FILE (needs --output); the same command again resumes",
        valueName: "FILE"
      },
      ...FIELD_GREP_OPTIONS,
      ...PARTIAL_OPTIONS
    }
  },
  async run(ctx) {
    const values = ctx.values;
    const given = Array.isArray(values.regexp) ? values.regexp : [];
    const patternFiles = Array.isArray(values.file) ? values.file : [];
    const texts = given.length > 0 || patternFiles.length > 0 ? given : [
      ctx.positionals[0]
    ];
    const alternatives = texts.flatMap((t) => t.split("\n"));
    for (const file of patternFiles) {
      if (!await readableOrSaid("sluice grep", file)) return 2;
      const text = file === "-" ? await new Response(Deno.stdin.readable).text() : await Deno.readTextFile(file);
      if (text === "") continue;
      alternatives.push(...text.replace(/\n$/, "").split("\n"));
    }
    const none = alternatives.length === 0;
    const regex = values.regex === true || values["extended-regexp"] === true;
    if (regex && values["fixed-strings"] === true) {
      ctx.usageError("conflicting matchers: give -F or -E (--regex), not both");
    }
    const extent = values["line-regexp"] === true ? "line" : values["word-regexp"] === true ? "word" : void 0;
    const literals = !none && regex && values["only-matching"] !== true && extent === void 0 ? literalAlternatives(alternatives) : void 0;
    const expression = none ? /(?!)/u : regex ? regExpOf(ctx, alternatives) : void 0;
    const asRegex = !none && expression !== void 0 && literals === void 0;
    const searched = literals ?? alternatives;
    const pattern = extent !== void 0 ? wholeOf(expression?.source ?? searched.map(escaped).join("|"), extent) : asRegex || none ? expression : literalOf(searched);
    const linePattern = extent !== void 0 || asRegex || none || searched.length === 1 ? pattern : searched;
    const invert = values.invert === true || values["invert-match"] === true;
    const ignoreCase = values["ignore-case"] === true;
    const order = ctx.optionOrder;
    const withName = order.lastIndexOf("with-filename") > order.lastIndexOf("no-filename") || values["no-filename"] !== true && (ctx.inputs.length > 1 || values.recursive === true);
    const maxCount = values["max-count"] === void 0 ? void 0 : integer(ctx, "max-count");
    const quiet = values.quiet === true || values.silent === true;
    const withoutMatch = values["files-without-match"] === true && order.lastIndexOf("files-without-match") > order.lastIndexOf("files-with-matches");
    const files = values["files-with-matches"] === true && !withoutMatch;
    const names = files || withoutMatch;
    const count = values.count === true && !withoutMatch;
    const silent = values["no-messages"] === true;
    const binaryMatches = (paths) => reportBinary("sluice grep", paths, "binary file matches");
    const onlyMatching = values["only-matching"] === true;
    const lineNumber = values["line-number"] === true;
    const partial = partialPath(ctx);
    if (ctx.shard !== void 0 || partial !== void 0) {
      if (quiet || names || onlyMatching || lineNumber || maxCount !== void 0) {
        ctx.usageError("with --shard or --partial, grep takes none of -l, -L, -q, -o, -n, -m");
      }
      if (withName) {
        ctx.usageError("with --shard or --partial, grep writes no file names: give -h");
      }
      if (count && ctx.inputs.length > 1) {
        ctx.usageError("with --shard or --partial, grep -c counts one file");
      }
    }
    if ((maxCount === 0 || none && !invert) && !withoutMatch && ctx.shard === void 0 && partial === void 0 && values.checkpoint === void 0) return 1;
    const out = async () => partial === void 0 ? writeLines(ctx.output, kept.write) : await linesOut(ctx, "grep");
    const kept = keepBytes(ctx);
    const around = contextOf(ctx);
    if (around !== void 0 && !count && !names && !quiet) {
      if (onlyMatching) {
        ctx.usageError("-o takes no context lines (-A, -B, -C)");
      }
      if (matchesFields(ctx)) {
        ctx.usageError("-k and --format take no context lines (-A, -B, -C)");
      }
      if (values.checkpoint !== void 0) {
        ctx.usageError("--checkpoint takes no context lines (-A, -B, -C)");
      }
      if (ctx.shard !== void 0 || partial !== void 0) {
        ctx.usageError("with --shard or --partial, grep takes no context lines (-A, -B, -C)");
      }
      if (ctx.readOptions.onLongLine === "split") {
        ctx.usageError("--long-lines split takes no context lines (-A, -B, -C): a piece is no line");
      }
      const { grepContext } = await import("./_grep_context-CAURE5ZD.js");
      return await grepContext(ctx, {
        pattern: linePattern,
        userRegex: asRegex,
        invert,
        ignoreCase,
        ...around,
        maxCount,
        withName,
        lineNumber,
        kept,
        anyMatch: (path) => anyMatch(path, [
          grep(linePattern, {
            invert,
            ignoreCase,
            worker: asRegex
          })
        ], kept)
      });
    }
    if (matchesFields(ctx)) {
      if (withoutMatch) ctx.usageError("-k and --format take no -L");
      const { grepFields } = await import("./_grep_fields-HGMUWSFT.js");
      return await grepFields(ctx, {
        pattern,
        invert,
        ignoreCase,
        withName,
        maxCount,
        quiet,
        files,
        count,
        lineNumber,
        partial,
        out,
        kept
      });
    }
    const checkpoint = values.checkpoint;
    const sift = () => extent === void 0 || invert || asRegex || none ? [] : [
      grep(searched.length === 1 ? searched[0] : searched, {
        ignoreCase
      })
    ];
    const select = (lead = {}) => [
      ...sift(),
      grep(linePattern, {
        invert,
        ignoreCase,
        worker: asRegex,
        ...lead
      })
    ];
    if (typeof checkpoint === "string") {
      if (count || quiet || names || onlyMatching || lineNumber) {
        ctx.usageError("--checkpoint writes whole lines: it takes none of -c, -l, -L, -q, -o, -n");
      }
      if (maxCount !== void 0) ctx.usageError("--checkpoint takes no -m");
      if (ctx.output === "-") {
        ctx.usageError("--checkpoint needs --output FILE");
      }
      if (withName) {
        ctx.usageError("--checkpoint writes no file names: with several files give -h");
      }
      await runStages(readLines(ctx.inputs, kept.read), select(), writeLines(ctx.output, kept.write), {
        ...ctx.pipelineOptions,
        // The pattern and -v/-i are grep's own settings; these the rest.
        checkpoint: {
          path: checkpoint,
          settings: `sluice grep${regex ? " --regex" : ""}${ctx.readOptions.maxLineBytes === void 0 ? "" : ` --max-line-bytes ${ctx.readOptions.maxLineBytes}`}${ctx.readOptions.onLongLine === void 0 ? "" : ` --long-lines ${ctx.readOptions.onLongLine}`}`
        }
      });
      return (await Deno.stat(ctx.output)).size > 0 ? 0 : 1;
    }
    let trouble = false;
    let selected = false;
    const readable = async (input) => {
      if (await readableOrSaid("sluice grep", input, silent)) return true;
      trouble = true;
      return false;
    };
    if (!count && !names && !quiet && !(onlyMatching && invert) && maxCount === void 0) {
      const inputs = [];
      for (const input of ctx.inputs) {
        if (await readable(input)) inputs.push(input);
      }
      if (inputs.length === 0) return 2;
      if (onlyMatching) {
        const apart = grep(linePattern, {
          ignoreCase,
          onlyMatching: true,
          lineNumber,
          fileName: withName,
          worker: asRegex
        });
        await runStages(readLines(inputs, kept.read), asRegex ? [
          apart
        ] : [
          ...select(),
          tap(() => void (selected = true)),
          apart
        ], await out(), ctx.pipelineOptions);
        if (asRegex) {
          const row = ctx.summary.stages.findLast((r) => r.kind === "grep");
          selected = (row?.counters.linesSelected ?? 0) > 0;
        }
      } else if (partial === void 0) {
        await runStages(readLines(inputs, kept.read), select({
          fileName: withName,
          lineNumber
        }), await out(), ctx.pipelineOptions);
        selected = ctx.summary.stages.at(-1).itemsIn > 0;
      } else {
        await runStages(readLines(inputs, kept.read), [
          ...select(),
          map((line) => {
            selected = true;
            return line;
          })
        ], await out(), ctx.pipelineOptions);
      }
      const matching = [];
      for (const path of new Set(kept.binary)) {
        if (selected && (inputs.length === 1 || path === "(standard input)" || await anyMatch(path, select(), kept))) matching.push(path);
      }
      await binaryMatches(matching);
      return trouble ? 2 : selected || partial !== void 0 ? 0 : 1;
    }
    const shown = !count && !names && !quiet && !(onlyMatching && invert);
    const expand = shown && onlyMatching;
    const limit = maxCount === 0 ? 0 : quiet || names ? 1 : maxCount;
    const mark = () => {
      selected = true;
    };
    const stages = () => {
      const numbered = shown && lineNumber && !expand;
      const chosen = [
        ...sift(),
        grep(linePattern, {
          invert,
          ignoreCase,
          lineNumber: numbered,
          ...limit === void 0 ? {} : {
            maxCount: limit
          },
          worker: asRegex
        }),
        tap(mark)
      ];
      if (expand) {
        chosen.push(grep(linePattern, {
          ignoreCase,
          onlyMatching: true,
          lineNumber,
          worker: asRegex
        }));
      }
      return chosen;
    };
    const nameOf = (input) => input === "-" ? "(standard input)" : input;
    const countOf = async (input) => {
      const counted = {
        n: 0
      };
      await runStages(readLines(input, kept.read), select(), countItems(counted), ctx.pipelineOptions);
      if (counted.n > 0) selected = true;
      return counted.n;
    };
    if (ctx.inputs.length === 1 && !quiet && !names) {
      const input = ctx.inputs[0];
      if (!await readable(input)) return 2;
      const prefix = withName ? `${nameOf(input)}:` : "";
      let n = 0;
      if (count && limit === void 0) {
        n = await countOf(input);
      } else if (shown && !expand && prefix === "" && limit === void 0) {
        await runStages(readLines(input, kept.read), [
          ...sift(),
          grep(linePattern, {
            invert,
            ignoreCase,
            lineNumber,
            worker: asRegex
          })
        ], writeLines(ctx.output, kept.write), ctx.pipelineOptions);
        selected = ctx.summary.stages.at(-1).itemsIn > 0;
      } else {
        await runStages(readLines(input, kept.read), [
          ...stages(),
          shown ? map((line) => prefix + line) : filter(() => (n++, false))
        ], writeLines(ctx.output, kept.write), ctx.pipelineOptions);
      }
      if (shown && selected) {
        await binaryMatches(kept.binary);
      }
      if (count && partial === void 0) {
        await writeShort(ctx, [
          `${prefix}${n}`
        ], kept.write);
      } else if (count) {
        await pipeline([
          `${prefix}${n}`
        ], await out());
      }
      return selected || partial !== void 0 ? 0 : 1;
    }
    const matchedBinary = [];
    async function* results() {
      for (const input of ctx.inputs) {
        if (!await readable(input)) {
          if (withoutMatch && unreadable(input) === "Is a directory") {
            yield nameOf(input);
          }
          continue;
        }
        if (count && !files && !quiet && limit === void 0) {
          yield `${withName ? `${nameOf(input)}:` : ""}${await countOf(input)}`;
          continue;
        }
        let binary = false;
        const lines = pipeStages(readLines(input, {
          ...kept.read,
          onBinary: () => void (binary = true)
        }), stages(), ctx.pipelineOptions);
        const prefix = withName ? `${nameOf(input)}:` : "";
        let n = 0;
        for await (const line of lines) {
          n++;
          if (quiet) return;
          if (files) yield nameOf(input);
          else if (shown) yield prefix + line;
        }
        if (count && !files) yield `${prefix}${n}`;
        if (withoutMatch && n === 0) yield nameOf(input);
        if (binary && shown && n > 0) matchedBinary.push(nameOf(input));
      }
    }
    if (quiet) {
      for await (const _ of results()) {
      }
      return selected ? 0 : trouble ? 2 : 1;
    }
    await pipeline(results(), writeLines(ctx.output, kept.write), ctx.pipelineOptions);
    await binaryMatches(matchedBinary);
    return trouble ? 2 : selected ? 0 : 1;
  }
};
async function anyMatch(path, stages, kept) {
  let found = false;
  const { onBinary: _, ...read } = kept.read;
  await runStages(readLines(path, read), [
    ...stages,
    take(1)
  ], async (lines) => {
    for await (const _2 of lines) found = true;
  }, {});
  return found;
}
function contextOf(ctx) {
  const given = (name) => ctx.values[name] === void 0 ? void 0 : integer(ctx, name);
  const both = given("context");
  const before = given("before-context") ?? both;
  const after = given("after-context") ?? both;
  if (before === void 0 && after === void 0) return void 0;
  const order = ctx.optionOrder;
  const separator = order.lastIndexOf("no-group-separator") > order.lastIndexOf("group-separator") ? false : typeof ctx.values["group-separator"] === "string" ? ctx.values["group-separator"] : "--";
  return {
    before: before ?? 0,
    after: after ?? 0,
    separator
  };
}
function escaped(literal) {
  return literal.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}
function literalOf(alternatives) {
  if (alternatives.length === 1) return alternatives[0];
  return new RegExp(alternatives.map(escaped).join("|"), "u");
}
var WORD = "[\\p{L}\\p{Nd}_]";
function wholeOf(source, extent) {
  return new RegExp(extent === "line" ? `^(?:${source})$` : `(?<!${WORD})(?:${source})(?!${WORD})`, "u");
}
function literalAlternatives(alternatives) {
  const literals = [];
  for (const source of alternatives) {
    let literal = "";
    for (let i = 0; i < source.length; i++) {
      const ch = source[i];
      if (ch === "\\") {
        const next = source[++i];
        if (next === void 0 || !SYNTAX.includes(next)) return void 0;
        literal += next;
      } else if (ch === "|") {
        if (literal === "") return void 0;
        literals.push(literal);
        literal = "";
      } else if (SYNTAX.includes(ch)) {
        return void 0;
      } else {
        literal += ch;
      }
    }
    if (literal === "") return void 0;
    literals.push(literal);
  }
  return literals;
}
var SYNTAX = "^$\\.*+?()[]{}|/";
function regExpOf(ctx, alternatives) {
  for (const text of alternatives) {
    const problem = dialectProblem(text);
    if (problem !== void 0) ctx.usageError(`-E (--regex) ${problem}`);
  }
  try {
    return new RegExp(alternatives.length === 1 ? alternatives[0] : alternatives.map((p) => `(?:${p})`).join("|"), "u");
  } catch (error) {
    ctx.usageError(`invalid regular expression: ${error.message.replace(/^Invalid regular expression: /, "")}`);
  }
}
export {
  grep2 as grep
};
