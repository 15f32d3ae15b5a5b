// Copyright 2026 the sluice authors. MIT license.
// `sluice grep`: the lines that contain a pattern, or how many; resumable
// with --checkpoint.

import { grep as grepStage } from "../../stages/grep.ts";
import { filter } from "../../stages/filter.ts";
import { map } from "../../stages/map.ts";
import { take } from "../../stages/take.ts";
import { tap } from "../../stages/tap.ts";
import type { Stage } from "../../core/types.ts";
import { pipeline } from "../../core/pipeline.ts";
import { countItems } from "../../core/count_items.ts";
import { readLines } from "../../io/read_lines.ts";
import { writeLines } from "../../io/write_lines.ts";
import { dialectProblem } from "../_dialect.ts";
import type { ScriptContext } from "../script.ts";
import type { Command } from "./_command.ts";
import {
  integer,
  keepBytes,
  type KeptBytes,
  pipeStages,
  reportBinary,
  runStages,
  writeShort,
} from "./_options.ts";
import { readableOrSaid, unreadable } from "./_unreadable.ts";
import { linesOut, PARTIAL_OPTIONS, partialPath } from "./_partial.ts";
import { FIELD_GREP_OPTIONS, matchesFields } from "../_format_options.ts";

/** `sluice grep PATTERN`: the lines that contain PATTERN, with GNU's flags. */
export const grep: Command = {
  name: "grep",
  synopsis: "grep PATTERN",
  summary:
    "lines that contain PATTERN, with GNU grep's flags (-E, -o, -n, -c, \u2026)",
  // With -e or -f, every operand is a file.
  positionals: (values) =>
    (Array.isArray(values.regexp) && values.regexp.length > 0) ||
      (Array.isArray(values.file) && values.file.length > 0)
      ? 0
      : 1,
  failureStatus: 2,
  spec: {
    name: "sluice grep",
    usage:
      "[OPTION\u2026] PATTERN [FILE\u2026]  or  [OPTION\u2026] -e PATTERN\u2026 [FILE\u2026]",
    description:
      "Print the lines that contain PATTERN: a literal string, or with -E (--regex) a JavaScript regular expression in Unicode mode (\\d, \\w, \\b, \\p{L}, (?:\u2026), lookarounds; not POSIX ERE: no [[:digit:]] classes, no \\< or \\>). The flags are GNU grep's: with several files each line starts with its file's name, -n adds its line number, -c counts per file. Exit status 0 when a line was selected, 1 when none was, 2 on an error (a file that cannot be read is reported, the others are searched). With -k FIELD, PATTERN is matched against that field of each record instead of the line: of the records of --format NAME (nested JSON paths such as req.ip, a number its text, JSON integers beyond 2^53 exact), or without --format of JSON or logfmt lines; a record without the field (or where it is null) never matches, so -v selects it. Each selected record is written as the lines it was read from, byte for byte: a CSV record over several lines whole, and a CSV or TSV file's header line first, before its first selected record (not counted by -c). -n numbers a record by its first line; its other lines and the header are marked as GNU marks context lines (N-, FILE-). --format takes -c, -l, -q, -m, -n, -H/-h, -v, -i, -F/-E/-e, --output, --shard and --partial, not -o or --checkpoint; a line not in the format fails the run with its file and line (exit 2), or with --on-error skip is passed over. Changed: -o is GNU's only-matching, and the output file is --output FILE; -h is --no-filename (help is --help); -q is GNU's quiet (no progress is --no-progress).",
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
      "sluice grep --format json -k req.ip -F 10.0.0.7 app.log",
    ],
    options: {
      regexp: {
        type: "string",
        short: "e",
        multiple: true,
        description:
          "PATTERN to search for (repeatable: a line is selected when it matches any); then every operand is a FILE",
        valueName: "PATTERN",
      },
      file: {
        type: "string",
        short: "f",
        multiple: true,
        description:
          "take PATTERNs from FILE, one a line (repeatable, and with -e; - is standard input); a FILE with none selects nothing, an empty line every line",
        valueName: "FILE",
      },
      "fixed-strings": {
        type: "boolean",
        short: "F",
        description: "PATTERN is a literal string (the default)",
      },
      "extended-regexp": {
        type: "boolean",
        short: "E",
        description:
          "PATTERN is a regular expression, in JavaScript's dialect (Unicode mode), not POSIX ERE",
      },
      regex: {
        type: "boolean",
        description: "the same as -E",
      },
      invert: {
        type: "boolean",
        short: "v",
        description: "select the lines that do not match",
      },
      "invert-match": {
        type: "boolean",
        description: "the same as -v (GNU grep's name)",
      },
      "ignore-case": {
        type: "boolean",
        short: "i",
        description: "ignore case",
      },
      "word-regexp": {
        type: "boolean",
        short: "w",
        description:
          "select a line only where PATTERN matches whole words: neither before nor after the match a letter, digit or _",
      },
      "line-regexp": {
        type: "boolean",
        short: "x",
        description:
          "select a line only where PATTERN matches all of it (over -w)",
      },
      "only-matching": {
        type: "boolean",
        short: "o",
        description:
          "print only the matched parts, each on its own line (changed: -o was the output file; use --output FILE)",
      },
      "line-number": {
        type: "boolean",
        short: "n",
        description: "put each line's number in its file before it",
      },
      "after-context": {
        type: "string",
        short: "A",
        description:
          'also print the N lines after each selected line ("--" between groups apart)',
        valueName: "N",
      },
      "before-context": {
        type: "string",
        short: "B",
        description: "also print the N lines before each selected line",
        valueName: "N",
      },
      context: {
        type: "string",
        short: "C",
        description: "-A N and -B N (each given on its own wins; -N is -C N)",
        valueName: "N",
        digits: true,
      },
      "group-separator": {
        type: "string",
        description:
          'with -A, -B or -C, print SEP between groups apart instead of "--"',
        valueName: "SEP",
      },
      "no-group-separator": {
        type: "boolean",
        description: "with -A, -B or -C, print nothing between groups apart",
      },
      "max-count": {
        type: "string",
        short: "m",
        description: "stop reading a file after N selected lines",
        valueName: "N",
      },
      "with-filename": {
        type: "boolean",
        short: "H",
        description:
          "put the file name before each line (the default with several files, or -r)",
      },
      "no-filename": {
        type: "boolean",
        short: "h",
        description:
          "put no file name before the lines (changed: -h was --help)",
      },
      count: {
        type: "boolean",
        short: "c",
        description:
          "print only how many lines were selected, per file (FILE:N with several files)",
      },
      "files-without-match": {
        type: "boolean",
        short: "L",
        description:
          "print only the names of the files without a selected line (-l or -L: the last given)",
      },
      "no-messages": {
        type: "boolean",
        short: "s",
        description:
          "say nothing of files that cannot be read (the exit status still tells)",
      },
      "files-with-matches": {
        type: "boolean",
        short: "l",
        description:
          "print only the names of the files with a selected line (each read up to it)",
      },
      quiet: {
        type: "boolean",
        short: "q",
        description:
          "print nothing; exit 0 at the first selected line, even after an error (changed: -q was no progress, now --no-progress)",
      },
      silent: {
        type: "boolean",
        description: "the same as -q",
      },
      checkpoint: {
        type: "string",
        description:
          "record progress in FILE (needs --output); the same command again resumes",
        valueName: "FILE",
      },
      ...FIELD_GREP_OPTIONS,
      ...PARTIAL_OPTIONS,
    },
  },
  async run(ctx) {
    const values = ctx.values;
    const given = Array.isArray(values.regexp) ? values.regexp : [];
    const patternFiles = Array.isArray(values.file) ? values.file : [];
    const texts = given.length > 0 || patternFiles.length > 0
      ? given
      : [ctx.positionals[0]!];
    // Lines of a PATTERN are alternatives, as in GNU grep.
    const alternatives = texts.flatMap((t) => t.split("\n"));
    // -f FILE: its lines, each a PATTERN (none in an empty FILE).
    for (const file of patternFiles) {
      if (!await readableOrSaid("sluice grep", file)) return 2;
      const text = file === "-"
        ? await new Response(Deno.stdin.readable).text()
        : await Deno.readTextFile(file);
      if (text === "") continue;
      alternatives.push(...text.replace(/\n$/, "").split("\n"));
    }
    // No PATTERN at all (-f of an empty file): no line is selected.
    const none = alternatives.length === 0;
    const regex = values.regex === true || values["extended-regexp"] === true;
    if (regex && values["fixed-strings"] === true) {
      ctx.usageError("conflicting matchers: give -F or -E (--regex), not both");
    }
    // -x and -w: where the pattern matches all of the line, or whole words.
    const extent = values["line-regexp"] === true
      ? "line"
      : values["word-regexp"] === true
      ? "word"
      : undefined;
    // An expression of literals only, in alternation (ERROR|WARN), selects
    // the lines that a list of them does: searched as literals, on bytes
    // and in this thread, not matched in a worker (`grep -E 'ERROR|WARN'`
    // over the 256 MiB bench corpus: 1.83 -> 0.43 s, 109.2 -> 67.4 MiB, one
    // run each, as `-e ERROR -e WARN`). Not for -o: at one place an
    // expression takes the first alternative that matches, and literals the
    // longest, as GNU grep. Nor under -w or -x, whose expression is built
    // whole (wholeOf).
    const literals = !none && regex && values["only-matching"] !== true &&
        extent === undefined
      ? literalAlternatives(alternatives)
      : undefined;
    // Compiled either way, for its usage errors.
    const expression = none
      ? /(?!)/u
      : regex
      ? regExpOf(ctx, alternatives)
      : undefined;
    // A user's expression that could backtrack for long is matched in a
    // worker (see select below).
    const asRegex = !none && expression !== undefined && literals === undefined;
    const searched = literals ?? alternatives;
    const pattern = extent !== undefined
      ? wholeOf(expression?.source ?? searched.map(escaped).join("|"), extent)
      : asRegex || none
      ? expression!
      : literalOf(searched);
    // Several literals stay literals for the grep stage: searched on bytes.
    const linePattern =
      extent !== undefined || asRegex || none || searched.length === 1
        ? pattern
        : searched;
    const invert = values.invert === true || values["invert-match"] === true;
    const ignoreCase = values["ignore-case"] === true;
    const order = ctx.optionOrder;
    const withName = order.lastIndexOf("with-filename") >
        order.lastIndexOf("no-filename") ||
      (values["no-filename"] !== true &&
        (ctx.inputs.length > 1 || values.recursive === true));
    const maxCount = values["max-count"] === undefined
      ? undefined
      : integer(ctx, "max-count");
    const quiet = values.quiet === true || values.silent === true;
    // -l and -L: the last given wins, and either over -c, as in GNU grep.
    const withoutMatch = values["files-without-match"] === true &&
      order.lastIndexOf("files-without-match") >
        order.lastIndexOf("files-with-matches");
    const files = values["files-with-matches"] === true && !withoutMatch;
    const names = files || withoutMatch;
    const count = values.count === true && !withoutMatch;
    const silent = values["no-messages"] === true;
    const binaryMatches = (paths: string[]) =>
      reportBinary("sluice grep", paths, "binary file matches");
    const onlyMatching = values["only-matching"] === true;
    const lineNumber = values["line-number"] === true;
    // A shard's lines (or its count) go to the output or a partial, for
    // merge to join (or add up): one stream of lines, no names.
    const partial = partialPath(ctx);
    if (ctx.shard !== undefined || partial !== undefined) {
      if (
        quiet || names || onlyMatching || lineNumber || maxCount !== undefined
      ) {
        ctx.usageError(
          "with --shard or --partial, grep takes none of -l, -L, -q, -o, -n, -m",
        );
      }
      if (withName) {
        ctx.usageError(
          "with --shard or --partial, grep writes no file names: give -h",
        );
      }
      if (count && ctx.inputs.length > 1) {
        ctx.usageError("with --shard or --partial, grep -c counts one file");
      }
    }
    // As GNU grep: when no line can be selected (-m 0, or no PATTERN at
    // all, from -f of an empty file, without -v), nothing is read, printed
    // or said (not even of a file that cannot be read), and the status is 1;
    // but -L names every file. A shard still writes its empty part.
    if (
      (maxCount === 0 || (none && !invert)) && !withoutMatch &&
      ctx.shard === undefined && partial === undefined &&
      values.checkpoint === undefined
    ) return 1;
    const out = async () =>
      partial === undefined
        ? writeLines(ctx.output, kept.write)
        : await linesOut(ctx, "grep");

    // Selected lines are written byte for byte (CRLF, invalid UTF-8); each
    // ends with LF, as GNU grep writes them.
    const kept = keepBytes(ctx);
    // -A, -B, -C: the lines around each selected one, as GNU grep; with -c,
    // -l or -q they change nothing, as in GNU grep.
    const around = contextOf(ctx);
    if (around !== undefined && !count && !names && !quiet) {
      if (onlyMatching) {
        ctx.usageError("-o takes no context lines (-A, -B, -C)");
      }
      if (matchesFields(ctx)) {
        ctx.usageError("-k and --format take no context lines (-A, -B, -C)");
      }
      if (values.checkpoint !== undefined) {
        ctx.usageError("--checkpoint takes no context lines (-A, -B, -C)");
      }
      if (ctx.shard !== undefined || partial !== undefined) {
        ctx.usageError(
          "with --shard or --partial, grep takes no context lines (-A, -B, -C)",
        );
      }
      if (ctx.readOptions.onLongLine === "split") {
        ctx.usageError(
          "--long-lines split takes no context lines (-A, -B, -C): a piece is no line",
        );
      }
      // Loaded only then.
      const { grepContext } = await import("../_grep_context.ts");
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
        anyMatch: (path) =>
          anyMatch(
            path,
            [grepStage(linePattern, { invert, ignoreCase, worker: asRegex })],
            kept,
          ),
      });
    }
    // --format NAME -k FIELD: records whose field matches, on their own path.
    if (matchesFields(ctx)) {
      if (withoutMatch) ctx.usageError("-k and --format take no -L");
      // Records and their fields: loaded only when asked for.
      const { grepFields } = await import("../_grep_fields.ts");
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
        kept,
      });
    }
    const checkpoint = values.checkpoint;
    // A user's expression is given to a worker, so that Ctrl-C stops even
    // one that backtracks for minutes (the stage keeps on the main thread
    // one whose work grows with a line's length, see _backtracking.ts); a
    // literal stays on the main thread (the reader's fast search).
    // With -w or -x, literals are first searched as such, on bytes in the
    // reader, and only the lines that hold one are matched whole
    // (`sluice grep -cw ERROR` over the 256 MiB bench corpus: 0.45 s as one
    // expression, 0.37 so, against 0.26 for `grep -c ERROR`; 3 rounds in
    // turns); not with -v, which keeps the lines without a whole match.
    const sift = (): Stage<string, string>[] =>
      extent === undefined || invert || asRegex || none
        ? []
        : [grepStage(searched.length === 1 ? searched[0]! : searched, {
          ignoreCase,
        })];
    const select = (
      lead: { fileName?: boolean; lineNumber?: boolean } = {},
    ): Stage<string, string>[] => [
      ...sift(),
      grepStage(linePattern, { invert, ignoreCase, worker: asRegex, ...lead }),
    ];
    if (typeof checkpoint === "string") {
      if (count || quiet || names || onlyMatching || lineNumber) {
        ctx.usageError(
          "--checkpoint writes whole lines: it takes none of -c, -l, -L, -q, -o, -n",
        );
      }
      if (maxCount !== undefined) ctx.usageError("--checkpoint takes no -m");
      if (ctx.output === "-") {
        ctx.usageError("--checkpoint needs --output FILE");
      }
      if (withName) {
        ctx.usageError(
          "--checkpoint writes no file names: with several files give -h",
        );
      }
      await runStages(
        readLines(ctx.inputs, kept.read),
        select(),
        writeLines(ctx.output, kept.write),
        {
          ...ctx.pipelineOptions,
          // The pattern and -v/-i are grep's own settings; these the rest.
          checkpoint: {
            path: checkpoint,
            settings: `sluice grep${regex ? " --regex" : ""}${
              ctx.readOptions.maxLineBytes === undefined
                ? ""
                : ` --max-line-bytes ${ctx.readOptions.maxLineBytes}`
            }${
              ctx.readOptions.onLongLine === undefined
                ? ""
                : ` --long-lines ${ctx.readOptions.onLongLine}`
            }`,
          },
        },
      );
      // A resumed run matched lines in earlier runs too: the output says.
      return (await Deno.stat(ctx.output)).size > 0 ? 0 : 1;
    }

    // As GNU grep: an input that cannot be read is reported and skipped, the
    // others are searched, and the exit status is 2 at the end.
    let trouble = false;
    let selected = false;
    const readable = async (input: string) => {
      if (await readableOrSaid("sluice grep", input, silent)) return true;
      trouble = true;
      return false;
    };

    if (
      !count && !names && !quiet && !(onlyMatching && invert) &&
      maxCount === undefined
    ) {
      // The lines themselves, from all files as one run: the reader finds a
      // literal itself, and puts each line's file name and number before it
      // (`sluice grep -n req= a b`, two halves of the 256 MiB bench corpus,
      // nearly every line selected: 2.04 s and 133.2 MiB file by file, 0.64
      // s and 65.6 MiB so; GNU grep 0.58 s; 3 rounds in turns).
      const inputs: string[] = [];
      for (const input of ctx.inputs) {
        if (await readable(input)) inputs.push(input);
      }
      if (inputs.length === 0) return 2;
      if (onlyMatching) {
        // -o: each selected line's matches after its file's name and number
        // (`sluice grep -o req= a b`, two halves of the 256 MiB bench corpus:
        // 2.13 s and 91.5 MiB file by file, 1.29 s and 67.7 MiB so, with the
        // grep stage's matches of one literal found by indexOf; GNU grep
        // 0.70 s; 3 rounds in turns). A line is marked selected before -o
        // takes it apart, as below; a user's expression is matched once, by
        // the grep that takes the lines apart, which counts the lines it
        // selected. Selected by a grep of its own first, in a worker of its
        // own, `sluice grep -o -E 'req=[0-9a-f]+'` over the 256 MiB bench
        // corpus held two workers' heaps: 4.84 s and 155.5 MiB, against 3.10
        // s and 122.9 MiB so (medians of 3 in turns).
        const apart = grepStage(linePattern, {
          ignoreCase,
          onlyMatching: true,
          lineNumber,
          fileName: withName,
          worker: asRegex,
        });
        await runStages(
          readLines(inputs, kept.read),
          asRegex ? [apart] : [
            ...select(),
            tap<string>(() => void (selected = true)),
            apart,
          ],
          await out(),
          ctx.pipelineOptions,
        );
        if (asRegex) {
          const row = ctx.summary.stages.findLast((r) => r.kind === "grep");
          selected = (row?.counters.linesSelected ?? 0) > 0;
        }
      } else if (partial === undefined) {
        // Whether a line was selected, from the lines the writer took in
        // (its row, the run's last): with the writer right after the grep,
        // a literal's lines go from the reader to the output as bytes,
        // never decoded.
        await runStages(
          readLines(inputs, kept.read),
          select({ fileName: withName, lineNumber }),
          await out(),
          ctx.pipelineOptions,
        );
        selected = ctx.summary.stages.at(-1)!.itemsIn > 0;
      } else {
        await runStages(
          readLines(inputs, kept.read),
          [
            ...select(),
            map((line: string) => {
              selected = true;
              return line;
            }),
          ],
          await out(),
          ctx.pipelineOptions,
        );
      }
      // As GNU grep 3.x: once for each binary input that matched.
      const matching: string[] = [];
      for (const path of new Set(kept.binary)) {
        if (
          selected &&
          (inputs.length === 1 || path === "(standard input)" ||
            await anyMatch(path, select(), kept))
        ) matching.push(path);
      }
      await binaryMatches(matching);
      // A shard without a match has not failed: merge tells of the whole.
      return trouble ? 2 : selected || partial !== undefined ? 0 : 1;
    }

    // File by file: names, counts, -l, -q and -m are per file. A line is
    // marked selected before -o takes it apart, since a line whose matches
    // are all empty is selected though nothing of it is printed (as GNU
    // grep); so is a line of -o -v.
    const shown = !count && !names && !quiet && !(onlyMatching && invert);
    const expand = shown && onlyMatching;
    const limit = maxCount === 0 ? 0 : quiet || names ? 1 : maxCount;
    const mark = () => {
      selected = true;
    };
    const stages = (): Stage<string, string>[] => {
      const numbered = shown && lineNumber && !expand;
      const chosen = [
        ...sift(),
        grepStage(linePattern, {
          invert,
          ignoreCase,
          lineNumber: numbered,
          ...(limit === undefined ? {} : { maxCount: limit }),
          worker: asRegex,
        }),
        tap<string>(mark),
      ];
      if (expand) {
        chosen.push(
          grepStage(linePattern, {
            ignoreCase,
            onlyMatching: true,
            lineNumber,
            worker: asRegex,
          }),
        );
      }
      return chosen;
    };
    const nameOf = (input: string) =>
      input === "-" ? "(standard input)" : input;
    // Only counted: right after the reader, a literal is counted on the
    // bytes, and no line is decoded. `sluice grep -c ERROR` over the 256 MiB
    // bench corpus in 136 files, each decoded to be counted before: 0.40 ->
    // 0.31 s, 68.0 -> 61.8 MiB (medians of 5 in turns, V8's defaults).
    const countOf = async (input: string): Promise<number> => {
      const counted = { n: 0 };
      await runStages(
        readLines(input, kept.read),
        select() as Stage<never, unknown>[],
        countItems(counted),
        ctx.pipelineOptions,
      );
      if (counted.n > 0) selected = true;
      return counted.n;
    };
    if (ctx.inputs.length === 1 && !quiet && !names) {
      // One file: one run, from the reader to the output.
      const input = ctx.inputs[0]!;
      if (!await readable(input)) return 2;
      const prefix = withName ? `${nameOf(input)}:` : "";
      let n = 0;
      if (count && limit === undefined) {
        n = await countOf(input);
      } else if (shown && !expand && prefix === "" && limit === undefined) {
        // The lines (numbered with -n), with the writer right after the
        // grep: a literal's go from the reader to the output as bytes.
        // Whether one was selected, from the lines the writer took in (its
        // row, the run's last).
        await runStages(
          readLines(input, kept.read),
          [
            ...sift(),
            grepStage(linePattern, {
              invert,
              ignoreCase,
              lineNumber,
              worker: asRegex,
            }),
          ],
          writeLines(ctx.output, kept.write),
          ctx.pipelineOptions,
        );
        selected = ctx.summary.stages.at(-1)!.itemsIn > 0;
      } else {
        await runStages(
          readLines(input, kept.read),
          [
            ...stages(),
            shown
              ? map((line: string) => prefix + line)
              : filter(() => (n++, false)),
          ] as Stage<never, unknown>[],
          writeLines(ctx.output, kept.write),
          ctx.pipelineOptions,
        );
      }
      if (shown && selected) {
        await binaryMatches(kept.binary);
      }
      if (count && partial === undefined) {
        await writeShort(ctx, [`${prefix}${n}`], kept.write);
      } else if (count) {
        await pipeline([`${prefix}${n}`], await out());
      }
      return selected || partial !== undefined ? 0 : 1;
    }
    const matchedBinary: string[] = [];
    async function* results(): AsyncGenerator<string> {
      for (const input of ctx.inputs) {
        if (!await readable(input)) {
          // As GNU grep, -L names a directory: read, nothing selected.
          if (withoutMatch && unreadable(input) === "Is a directory") {
            yield nameOf(input);
          }
          continue;
        }
        if (count && !files && !quiet && limit === undefined) {
          yield `${withName ? `${nameOf(input)}:` : ""}${await countOf(input)}`;
          continue;
        }
        let binary = false;
        const lines = pipeStages(
          readLines(input, {
            ...kept.read,
            onBinary: () => void (binary = true),
          }),
          stages() as Stage<never, unknown>[],
          ctx.pipelineOptions,
        ) as AsyncIterable<string>;
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
      for await (const _ of results()) { /* nothing is printed */ }
      return selected ? 0 : trouble ? 2 : 1;
    }
    await pipeline(
      results(),
      writeLines(ctx.output, kept.write),
      ctx.pipelineOptions,
    );
    await binaryMatches(matchedBinary);
    return trouble ? 2 : selected ? 0 : 1;
  },
};

/**
 * Whether `path` has a line that `stage` keeps: for a binary input among
 * several read as one run, whose matches the run's count does not tell
 * apart.
 */
async function anyMatch(
  path: string,
  stages: Stage<string, string>[],
  kept: KeptBytes,
): Promise<boolean> {
  let found = false;
  const { onBinary: _, ...read } = kept.read;
  await runStages(
    readLines(path, read),
    [...stages, take(1)],
    async (lines: AsyncIterable<string>) => {
      for await (const _ of lines) found = true;
    },
    {},
  );
  return found;
}

/**
 * The lines of -B and -A, each given on its own over -C (in any order, as in
 * GNU grep); undefined when none of the three is given.
 */
function contextOf(
  ctx: ScriptContext,
): { before: number; after: number; separator: string | false } | undefined {
  const given = (name: string) =>
    ctx.values[name] === undefined ? undefined : integer(ctx, name);
  const both = given("context");
  const before = given("before-context") ?? both;
  const after = given("after-context") ?? both;
  if (before === undefined && after === undefined) return undefined;
  // The last of --group-separator and --no-group-separator wins, as in GNU
  // grep.
  const order = ctx.optionOrder;
  const separator = order.lastIndexOf("no-group-separator") >
      order.lastIndexOf("group-separator")
    ? false
    : typeof ctx.values["group-separator"] === "string"
    ? ctx.values["group-separator"]
    : "--";
  return { before: before ?? 0, after: after ?? 0, separator };
}

/** A literal as a regular expression that matches it. */
function escaped(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** The literal patterns: one string, or a RegExp of the alternatives. */
function literalOf(alternatives: string[]): string | RegExp {
  if (alternatives.length === 1) return alternatives[0]!;
  return new RegExp(alternatives.map(escaped).join("|"), "u");
}

/** A letter, a decimal digit or "_": what GNU grep's -w calls a word's. */
const WORD = "[\\p{L}\\p{Nd}_]";

/**
 * The expression `source` (in Unicode mode) where it matches a whole line
 * (-x), or where neither the character before its match nor the one after
 * is a word's (-w), as GNU grep tests a match: a line where the first match
 * is part of a word is selected if a later (or shorter) one is whole.
 */
function wholeOf(source: string, extent: "line" | "word"): RegExp {
  return new RegExp(
    extent === "line"
      ? `^(?:${source})$`
      : `(?<!${WORD})(?:${source})(?!${WORD})`,
    "u",
  );
}

/**
 * The literals that regular expressions `alternatives` stand for, when each
 * is only literal characters (a syntax character escaped) in alternation,
 * none of them empty: `ERROR|WARN` stands for "ERROR" and "WARN", `a\.b` for
 * "a.b". Otherwise undefined.
 */
function literalAlternatives(
  alternatives: readonly string[],
): string[] | undefined {
  const literals: string[] = [];
  for (const source of alternatives) {
    let literal = "";
    for (let i = 0; i < source.length; i++) {
      const ch = source[i]!;
      if (ch === "\\") {
        const next = source[++i];
        if (next === undefined || !SYNTAX.includes(next)) return undefined;
        literal += next;
      } else if (ch === "|") {
        if (literal === "") return undefined;
        literals.push(literal);
        literal = "";
      } else if (SYNTAX.includes(ch)) {
        return undefined;
      } else {
        literal += ch;
      }
    }
    if (literal === "") return undefined;
    literals.push(literal);
  }
  return literals;
}

/** The characters with a meaning in a pattern, and "/": each escapes itself. */
const SYNTAX = "^$\\.*+?()[]{}|/";

/**
 * The regular expressions as one, in Unicode mode: "." is a character, not
 * half of one, and a stray escape is an error rather than a letter.
 */
function regExpOf(ctx: ScriptContext, alternatives: string[]): RegExp {
  for (const text of alternatives) {
    const problem = dialectProblem(text);
    if (problem !== undefined) ctx.usageError(`-E (--regex) ${problem}`);
  }
  try {
    return new RegExp(
      alternatives.length === 1
        ? alternatives[0]!
        : alternatives.map((p) => `(?:${p})`).join("|"),
      "u",
    );
  } catch (error) {
    ctx.usageError(
      `invalid regular expression: ${
        (error as Error).message.replace(/^Invalid regular expression: /, "")
      }`,
    );
  }
}
