// Copyright 2026 the sluice authors. MIT license.
// A user's regular expression, matched in a worker. A pattern such as
// ^(a|aa)+$ can backtrack for minutes on one line; run on the main thread,
// it would block the event loop, and Ctrl-C, SIGTERM and SIGHUP would go
// unheard until it returned. In a worker, the main thread stays free: the
// abort ends the run, and parallel() ends the worker mid-match.

import { compose } from "../core/compose.ts";
import type { Stage } from "../core/types.ts";
import { parallel } from "../parallel/parallel.ts";
import { flatMap } from "../stages/flat_map.ts";
import { map } from "../stages/map.ts";
import type { ErrorPolicyOptions } from "../policy/error_policy.ts";
import type { GrepBatch } from "./_regex_worker.ts";

const WORKER = new URL("./_regex_worker.ts", import.meta.url);

/**
 * What keeps `text` from meaning in JavaScript what it means to GNU grep,
 * said after the option's name (`--regex is JavaScript's dialect, …`), or
 * undefined: a POSIX class or GNU's word anchors would be read as something
 * else, silently.
 */
export function dialectProblem(text: string): string | undefined {
  const posix =
    /\[:(alnum|alpha|blank|cntrl|digit|graph|lower|print|punct|space|upper|xdigit):\]/
      .exec(text);
  if (posix !== null) {
    return `is JavaScript's dialect, which has no POSIX class such as [${
      posix[0]
    }]: use \\d, \\s, \\w or \\p{…} (e.g. \\p{L} for letters), got "${text}"`;
  }
  if (/(^|[^\\])(\\\\)*\\[<>]/.test(text)) {
    return `is JavaScript's dialect, which has no \\< or \\>: use \\b for a word boundary, got "${text}"`;
  }
  return undefined;
}

/**
 * Whether the worker can start: its module is read from a file only with
 * read access to it. Without (`deno run main.ts grep --regex P < log`, no
 * -R), the expression is matched on the main thread, as before: the run
 * works, and Ctrl-C waits for the line in hand.
 */
export function canMatchInWorker(): boolean {
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

/**
 * Characters per batch sent to the worker: large enough that a message
 * costs little per line, small enough that the two batches in flight (the
 * worker's own bound) and the one being gathered stay small.
 */
const BATCH_CHARS = 64 * 1024;
/** How long a partial batch waits for more input (a slow pipe, tail -f). */
const WAIT_MS = 10;

/**
 * A stage that gathers lines into batches of about {@linkcode BATCH_CHARS}
 * characters (a longer line alone), or what has come when no line has
 * come for {@linkcode WAIT_MS}, each made into a message by `make`.
 */
function inBatches<T>(
  make: (lines: string[]) => T,
): (lines: AsyncIterable<string>) => AsyncGenerator<T> {
  return async function* regexBatches(lines) {
    const it = lines[Symbol.asyncIterator]();
    let batch: string[] = [];
    let chars = 0;
    let pending: Promise<IteratorResult<string>> | undefined;
    // One timer per batch, not per line.
    let deadline: Promise<"wait"> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      while (true) {
        pending ??= it.next();
        const r = deadline === undefined
          ? await pending
          : await Promise.race([pending, deadline]);
        if (r === "wait") {
          deadline = undefined;
          const full = batch;
          batch = [];
          chars = 0;
          yield make(full);
          continue;
        }
        pending = undefined;
        if (r.done === true) break;
        batch.push(r.value);
        chars += r.value.length + 1;
        if (chars >= BATCH_CHARS) {
          clearTimeout(timer);
          deadline = undefined;
          const full = batch;
          batch = [];
          chars = 0;
          yield make(full);
        } else if (deadline === undefined) {
          deadline = new Promise((resolve) => {
            timer = setTimeout(() => resolve("wait"), WAIT_MS);
          });
        }
      }
      clearTimeout(timer);
      if (batch.length > 0) yield make(batch);
    } finally {
      clearTimeout(timer);
      // A pull still under way is the source's to finish; then it stops.
      if (pending === undefined) await it.return?.();
      else pending.then(() => it.return?.(), () => {}).catch(() => {});
    }
  };
}

/**
 * The stage of `grep --regex`: the lines `pattern` matches (or, with
 * `invert`, does not), matched in a worker, in order.
 *
 * Memory: the batch being gathered, two batches at the worker, and the
 * lines kept from one.
 */
export function grepInWorker(
  pattern: RegExp,
  options: { invert: boolean; ignoreCase: boolean },
): Stage<string, string> {
  return compose(
    inBatches((lines): GrepBatch => ({
      source: pattern.source,
      flags: pattern.flags,
      invert: options.invert,
      ignoreCase: options.ignoreCase,
      lines,
    })),
    parallel<GrepBatch, string[]>(WORKER, {
      export: "grepBatch",
      workers: 1,
      batchSize: 1,
      name: "grep",
    }),
    flatMap((kept: string[]) => kept, { name: "kept" }),
  );
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
            record.length > 120 ? `${record.slice(0, 119)}…` : record,
          )
        }`,
      );
    }, { ...policy, name: "parse" }),
  );
}

/** The byte ranges the worker reads of a plain file: a few reads' worth. */
const RANGE_BYTES = 256 * 1024;
