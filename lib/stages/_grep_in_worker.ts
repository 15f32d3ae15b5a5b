// Copyright 2026 the sluice authors. MIT license.
// The calling side of grep({ worker: true }): one worker per run, one chunk
// at it at a time, ended with the run. An abort ends the worker even in the
// middle of a match (terminate() needs no answer from it), so the run stops
// at once however long the expression backtracks.

import type { RunContext } from "../core/_context.ts";
import { packItems } from "../core/_pack.ts";
import type { MatchReply, MatchTask } from "./_grep_worker.ts";

const WORKER = new URL("./_grep_worker.ts", import.meta.url);

/**
 * Whether the worker can start: a module is read from a file only with read
 * access to it (the worker's and the one it imports, in lib/). Without, or
 * outside Deno, grep matches in the calling thread.
 */
export function canStartWorker(): boolean {
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

/** What a worker kept of a chunk's lines. */
export type Kept = Extract<MatchReply, { type: "kept" }>;

/** Where matching failed in the worker: the line's index and the error. */
export class MatchFailure {
  constructor(readonly index: number, readonly error: Error) {}
}

/**
 * A worker that matches one run's chunks, one at a time. It starts with the
 * first chunk and ends when the run ends (or `close` is called), when the
 * run's signal fires, or when the run halts (a failure elsewhere, a consumer
 * that stopped): then the match under way rejects, with the abort's reason
 * for an abort.
 */
export class RegexWorker {
  readonly #task: Omit<MatchTask, "lines" | "limit">;
  readonly #ctx: RunContext;
  #worker: Worker | undefined;
  #pending:
    | { resolve: (kept: Kept) => void; reject: (error: unknown) => void }
    | undefined;
  #stopped: { reason: unknown } | undefined;
  #unwatch: (() => void) | undefined;

  constructor(
    re: RegExp,
    options: { invert: boolean; onlyMatching: boolean },
    ctx: RunContext,
    stage: string,
  ) {
    this.#task = {
      source: re.source,
      flags: re.flags,
      invert: options.invert,
      onlyMatching: options.onlyMatching,
    };
    this.#ctx = ctx;
    ctx.open({ stage, close: () => Promise.resolve(this.close()) });
  }

  /**
   * The indices of the `lines` kept (at most `limit`), and their matches
   * when asked; rejects with a {@linkcode MatchFailure} when the expression
   * throws on a line.
   */
  match(lines: string[], limit: number): Promise<Kept> {
    if (this.#stopped === undefined && this.#worker === undefined) {
      this.#start();
    }
    // Stopped before, or by a signal that had fired before the start.
    const worker = this.#worker;
    if (this.#stopped !== undefined || worker === undefined) {
      return Promise.reject(this.#stopped?.reason);
    }
    return new Promise<Kept>((resolve, reject) => {
      this.#pending = { resolve, reject };
      // One string for the chunk: one copy, not one per line.
      const task: MatchTask = { ...this.#task, limit, lines: packItems(lines) };
      worker.postMessage(task);
    });
  }

  /** Ends the worker; a match under way rejects. */
  close(): void {
    this.#stop(new Error("Cannot match: the grep stage's run has ended"));
  }

  #start(): void {
    const worker = new Worker(WORKER, { type: "module" });
    worker.onmessage = (event: MessageEvent<MatchReply>) => {
      const reply = event.data;
      const pending = this.#pending;
      this.#pending = undefined;
      if (reply.type === "kept") pending?.resolve(reply);
      else {
        const error = new Error(reply.message);
        error.name = reply.name;
        pending?.reject(new MatchFailure(reply.index, error));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#stop(new Error(`The grep stage's worker failed: ${event.message}`));
    };
    this.#worker = worker;
    // Watched from the first chunk on, not once per chunk.
    const signals = [this.#ctx.signal, this.#ctx.halt.signal];
    const watching = signals.map((signal) => {
      const onAbort = () => this.#stop(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      return () => signal?.removeEventListener("abort", onAbort);
    });
    this.#unwatch = () => watching.forEach((unwatch) => unwatch());
    const fired = signals.find((s) => s?.aborted);
    if (fired !== undefined) this.#stop(fired.reason);
  }

  #stop(reason: unknown): void {
    this.#stopped ??= { reason };
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#unwatch?.();
    this.#unwatch = undefined;
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(reason);
  }
}
