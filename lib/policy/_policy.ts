// Copyright 2026 the sluice authors. MIT license.
// Per-item error policies: what a stage does with an item that fails, and
// the dead-letter writer behind deadLetter(). Stages with the default
// policy ("fail") never create any of this, so their loops stay as they are.

import type { LineTarget, OpenedOutput } from "../fs/_output.ts";
import { targetName } from "../fs/_path.ts";
import { isThenable } from "../core/_adapters.ts";
import { describePlace } from "../core/position.ts";
import {
  type RunContext,
  type RunResource,
  stageFailure,
} from "../core/_context.ts";
import type {
  DeadLetter,
  DeadLetterTarget,
  ErrorPolicyOptions,
  FailedItem,
} from "./error_policy.ts";
import { TooManyErrorsError } from "../core/errors.ts";
import type { StageStats } from "../summary/_record.ts";

/** Why a checkpointed run refuses a stage with a dead letter. */
export const DEAD_LETTER_RESUME =
  "a dead letter cannot be resumed: it would hold only the items that failed after the checkpoint";

/** Records waiting to be written are flushed at this many characters. */
const FLUSH_CHARS = 64 * 1024;

const writers = new WeakMap<object, DeadLetterWriter>();

export function registerDeadLetter(
  handle: DeadLetter,
  writer: DeadLetterWriter,
): DeadLetter {
  writers.set(handle, writer);
  return handle;
}

/** The JSON line of a failed item; items JSON cannot show become strings. */
function jsonLine(f: FailedItem): string {
  const head = {
    stage: f.stage,
    path: f.path ?? null,
    line: f.line ?? null,
    ...(f.offset === undefined ? {} : { offset: f.offset }),
    error: f.error,
  };
  let item: string | undefined;
  try {
    item = JSON.stringify(f.item);
  } catch {
    // A BigInt or a cycle.
  }
  item ??= JSON.stringify(String(f.item));
  return `${JSON.stringify(head).slice(0, -1)},"item":${item}}\n`;
}

/**
 * One dead letter's output for one run at a time: opened when a stage that
 * uses it starts, closed (committed) by the run when it ends.
 */
export class DeadLetterWriter implements RunResource {
  readonly name: string;
  /** The first stage of the run that uses it. */
  stage: string | undefined = undefined;
  readonly #target: LineTarget | undefined;
  readonly #fn: ((failed: FailedItem) => void | Promise<void>) | undefined;
  #out: OpenedOutput | undefined = undefined;
  #output: typeof import("../fs/_output.ts") | undefined = undefined;
  #opening: Promise<void> | undefined = undefined;
  #parts: string[] = [];
  #chars = 0;
  #writing: Promise<void> = Promise.resolve();

  constructor(target: DeadLetterTarget) {
    if (typeof target === "function") {
      this.#fn = target;
      this.name = "a function";
    } else {
      this.#target = target;
      this.name = targetName(target);
    }
  }

  /** Opens the output for this run, once. */
  open(): Promise<void> {
    if (this.#fn !== undefined) return Promise.resolve();
    // The writer's module is loaded with the first dead letter, not with
    // the library: a run without one never holds it (README, "Layout").
    this.#opening ??= import("../fs/_output.ts").then((output) => {
      this.#output = output;
      return output.openOutput(this.#target!, false).then(
        (out) => void (this.#out = out),
        (error) => {
          // A dead letter is always written atomically: no --in-place for it.
          throw output.annotate(
            output.withoutInPlace(error),
            `the dead letter ${this.name}`,
          );
        },
      );
    });
    return this.#opening;
  }

  /** Takes one record; a promise when the caller must wait for a write. */
  put(failed: FailedItem): Promise<void> | undefined {
    if (this.#fn !== undefined) {
      const r = this.#fn(failed);
      return isThenable(r) ? Promise.resolve(r) : undefined;
    }
    const line = jsonLine(failed);
    this.#parts.push(line);
    this.#chars += line.length;
    return this.#chars >= FLUSH_CHARS ? this.#flush() : undefined;
  }

  #flush(): Promise<void> {
    const text = this.#parts.join("");
    this.#parts = [];
    this.#chars = 0;
    this.#writing = this.#writing.then(async () => {
      await this.open();
      if (text === "") return;
      try {
        await this.#out!.write(new TextEncoder().encode(text));
      } catch (error) {
        throw this.#output!.annotate(error, `the dead letter ${this.name}`);
      }
    });
    return this.#writing;
  }

  /** Writes what is left and commits, whether the run failed or not. */
  async close(_failed: boolean): Promise<void> {
    if (this.#fn !== undefined) return;
    try {
      await this.#flush();
      try {
        await this.#out!.commit();
      } catch (error) {
        throw this.#output!.annotate(error, `the dead letter ${this.name}`);
      }
    } catch (error) {
      await this.#out?.abort(error);
      throw error;
    } finally {
      this.stage = undefined;
      this.#out = undefined;
      this.#opening = undefined;
      this.#parts = [];
      this.#chars = 0;
      this.#writing = Promise.resolve();
    }
  }
}

/** A stage's policy, checked: undefined for "fail". */
export interface Policy {
  writer: DeadLetterWriter | undefined;
  maxErrors: number;
}

/** Checks a stage's error options; `undefined` means "fail" (the default). */
export function policyOf(
  kind: string,
  options: ErrorPolicyOptions,
): Policy | undefined {
  const { onError = "fail", maxErrors = Infinity } = options;
  if (
    maxErrors !== Infinity &&
    (!Number.isSafeInteger(maxErrors) || maxErrors < 1)
  ) {
    throw new RangeError(
      `Cannot create ${kind} stage: maxErrors must be a positive integer or Infinity, got ${maxErrors}`,
    );
  }
  if (onError === "fail") return undefined;
  if (onError === "skip") return { writer: undefined, maxErrors };
  const writer = typeof onError === "object" && onError !== null
    ? writers.get(onError)
    : undefined;
  if (writer === undefined) {
    throw new TypeError(
      `Cannot create ${kind} stage: onError must be "fail", "skip" or a dead letter made by deadLetter(), got ${
        typeof onError === "string" ? `"${onError}"` : typeof onError
      }`,
    );
  }
  return { writer, maxErrors };
}

/** A stage's failed items in one run: counted, kept, or the run stopped. */
export class Failures {
  /** Set until the dead letter is open: wait for it before the first item. */
  ready: Promise<void> | undefined;
  readonly #policy: Policy;
  readonly #stats: StageStats;
  readonly #ctx: RunContext;
  #count = 0;

  constructor(policy: Policy, stats: StageStats, ctx: RunContext) {
    this.#policy = policy;
    this.#stats = stats;
    this.#ctx = ctx;
    const writer = policy.writer;
    if (writer !== undefined) {
      ctx.open(writer);
      writer.stage ??= stats.name;
      this.ready = writer.open().then(() => void (this.ready = undefined));
      // Seen by the stage's first chunk; until then it must not go unhandled.
      this.ready.catch(() => {});
    }
  }

  /**
   * Records that `item` failed with `error`. Returns a promise when the
   * caller must wait (a dead-letter write); throws (or rejects) with a
   * StageError once `maxErrors` items have failed.
   */
  add(
    error: unknown,
    item: unknown,
    line: number | undefined,
    path: string | undefined,
    offset?: number,
  ): Promise<void> | undefined {
    const ctx = this.#ctx;
    const stats = this.#stats;
    const where = path ?? ctx.path;
    const message = error instanceof Error ? error.message : String(error);
    const at = describePlace({ line, path: where }, ctx.unit);
    stats.noteError(at === "" ? message : `${at}: ${message}`);
    this.#count++;
    const wait = this.#policy.writer?.put({
      item,
      error: message,
      stage: stats.name,
      path: where,
      line,
      ...(offset === undefined ? {} : { offset }),
    });
    if (this.#count < this.#policy.maxErrors) return wait;
    const stop = stageFailure(
      new TooManyErrorsError(stats.name, this.#policy.maxErrors, error),
      stats,
      ctx,
      { line, path: where },
    );
    if (wait === undefined) throw stop;
    return wait.then(() => {
      throw stop;
    });
  }
}
