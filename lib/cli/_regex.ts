// Copyright 2026 the sluice authors. MIT license.
// A user's regular expression, of `--format regex:PATTERN` or of
// `grep -E -k FIELD`, matched in a worker unless its work grows with a
// text's length, no faster (matchGrowth; its dialect is checked in
// _dialect.ts). A pattern such as ^(a|aa)+$ can backtrack for minutes on
// one line; run on the main thread, it would block the event loop, and
// Ctrl-C, SIGTERM and SIGHUP would go unheard until it returned. In a
// worker, the main thread stays free: the abort ends the run, and
// parallel() ends the worker mid-match. (grep -E of whole lines matches in
// the grep stage's own worker: its `worker` option.)

import { compose } from "../core/compose.ts";
import type { Stage } from "../core/types.ts";
import { parallel } from "../parallel/parallel.ts";
import { map } from "../stages/map.ts";
import { matchGrowth } from "../stages/text_matcher.ts";
import type { ErrorPolicyOptions } from "../policy/error_policy.ts";

const WORKER = new URL("./_regex_worker.ts", import.meta.url);

/** Names the worker's module for `deno install` (see parallel/README.md). */
export const workerImport = (): Promise<unknown> =>
  import("./_regex_worker.ts");

/**
 * Whether `re` is matched in the worker: unless its work on a text grows
 * with the text's length, no faster (see matchGrowth), and where the worker
 * can start (see canMatchInWorker).
 */
export function matchesInWorker(re: RegExp, ignoreCase = false): boolean {
  return matchGrowth(re, { ignoreCase }) !== "linear" && canMatchInWorker();
}

/**
 * Whether the worker can start: its module is read from a file only with
 * read access to it. Without (`deno run main.ts fields --format regex:P <
 * log`, no -R), the expression is matched on the main thread, as before: the
 * run works, and Ctrl-C waits for the line in hand.
 */
function canMatchInWorker(): boolean {
  if (WORKER.protocol !== "file:") return true;
  try {
    return Deno.permissions.querySync({
      name: "read",
      path: new URL("../", WORKER),
    }).state === "granted";
  } catch {
    return false;
  }
}

/** A record of `--format regex:PATTERN`: its named groups. */
export type RegexRecord = Record<string, string | null>;

/**
 * The stage of `--format regex:PATTERN`: each line becomes the expression's
 * named groups, as `parse(re)` makes them, matched in a worker. A line the
 * expression does not match fails at its own line number, as parse's, with
 * parse's message, through `policy`.
 *
 * The worker's function is made from the expression by a one-line module of
 * its own (parallel() loads a module by URL; its function takes only the
 * line). Right after the reader of one plain file, the worker reads the file
 * itself, in ranges of {@linkcode RANGE_BYTES}.
 *
 * Memory: two ranges (or chunks of lines) at the worker and their records.
 */
export function parseInWorker(
  re: RegExp,
  policy: ErrorPolicyOptions,
): Stage<string, RegexRecord> {
  const own = new RegExp(re.source, re.flags.replace(/[gy]/g, ""));
  const module = `data:text/javascript,${
    encodeURIComponent(
      `import { regexRecords } from ${JSON.stringify(WORKER.href)};\n` +
        `export default regexRecords(${JSON.stringify(own.source)}, ${
          JSON.stringify(own.flags)
        });\n`,
    )
  }`;
  return compose(
    parallel<string, RegexRecord | string>(module, {
      workers: 1,
      rangeBytes: RANGE_BYTES,
      name: "regex",
    }),
    map((record: RegexRecord | string): RegexRecord => {
      if (typeof record !== "string") return record;
      throw new SyntaxError(
        `Line does not match ${own}: ${
          JSON.stringify(
            record.length > 120 ? `${record.slice(0, 119)}\u2026` : record,
          )
        }`,
      );
    }, { ...policy, name: "parse" }),
  );
}

/**
 * The stage of `grep -E -k FIELD`: for each field's text (`null` when the
 * record has none), whether `re` matches it by grep's rules, matched in a
 * worker, one answer per field, in order.
 *
 * Memory: two chunks of fields at the worker and their answers.
 */
export function fieldTestInWorker(
  re: RegExp,
  ignoreCase: boolean,
): Stage<string | null, boolean> {
  const module = `data:text/javascript,${
    encodeURIComponent(
      `import { fieldTest } from ${JSON.stringify(WORKER.href)};\n` +
        `export default fieldTest(${JSON.stringify(re.source)}, ${
          JSON.stringify(re.flags)
        }, ${ignoreCase});\n`,
    )
  }`;
  return parallel<string | null, boolean>(module, {
    workers: 1,
    name: "match",
  });
}

/** The byte ranges the worker reads of a plain file: a few reads' worth. */
const RANGE_BYTES = 256 * 1024;
