// Copyright 2026 the sluice authors. MIT license.
// The worker side of a Pool: the init message loads the worker's module,
// then tasks run one after the other, so that a worker's module state
// belongs to one task at a time (a second waits while the first reads).

/** An error as it crosses from a worker. */
export interface RemoteError {
  name: string;
  message: string;
  stack?: string;
}

/** A worker's heap as it sends it with each answer: in use, and committed. */
export interface HeapFigures {
  heapUsed: number;
  heapTotal: number;
}

/** The heap figures of the worker that calls it (once per answer, not per item). */
export function heapFigures(): HeapFigures {
  const { heapUsed, heapTotal } = Deno.memoryUsage();
  return { heapUsed, heapTotal };
}

/** What a worker answers to a task: its last word on the task `seq`. */
export type FinalReply<R> =
  | (R & { type: "result"; seq: number } & HeapFigures)
  | {
    type: "error";
    seq: number;
    /** The item's index in a chunk; -1 for an error of reading the file. */
    index: number;
    line?: number;
    error: RemoteError;
  };

/** A piece of a task's answer sent ahead of its final reply. */
export interface PartReply<P> extends HeapFigures {
  type: "part";
  seq: number;
  part: P;
}

/** An error value as it can cross to the main thread. */
export function describeError(error: unknown): RemoteError {
  return error instanceof Error
    ? {
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
    }
    : { name: "Error", message: String(error) };
}

/**
 * A worker's error reply: a reading error (a line too long, invalid UTF-8)
 * carries its own line; an error of the user's function is at `failed`.
 */
export function errorReply(
  seq: number,
  error: unknown,
  failed: { index: number; line: number } | undefined,
): FinalReply<never> {
  const own = (error as { line?: unknown }).line;
  const reading = typeof own === "number" &&
    (error instanceof RangeError || error instanceof TypeError) &&
    /Line \d+ of/.test((error as Error).message);
  const line = reading ? own : failed?.line;
  return {
    type: "error",
    seq,
    index: reading ? -1 : failed?.index ?? 0,
    ...(line === undefined ? {} : { line }),
    error: describeError(error),
  };
}

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/**
 * Posts `message` to the thread that started this worker, moving
 * `transfer`'s buffers with it. (A worker's module may not declare the
 * worker's globals for the package: JSR refuses the directive.)
 */
export function postToParent(
  message: unknown,
  transfer?: Transferable[],
): void {
  (globalThis as unknown as WorkerScope).postMessage(message, transfer);
}

/**
 * Serves a Pool from inside a worker: `load` gets the init message (its
 * failure is reported as the worker's); `work` gets each task after it.
 */
export function serveTasks<I, M>(
  load: (init: I) => Promise<void>,
  work: (message: M) => Promise<void>,
): void {
  const scope = globalThis as unknown as WorkerScope;
  // Work may arrive before the module has loaded: it waits for it.
  let loaded: Promise<boolean> = Promise.resolve(false);
  let queue: Promise<void> = Promise.resolve();
  scope.onmessage = (event: MessageEvent<{ type: string }>) => {
    const message = event.data;
    if (message.type === "init") {
      loaded = load(message as I).then(() => true, (error) => {
        postToParent({ type: "failed", error: describeError(error) });
        return false;
      });
      return;
    }
    queue = queue.then(async () => {
      if (await loaded) await work(message as M);
    });
  };
}
