// Copyright 2026 the sluice authors. MIT license.
// The worker side of a Pool: the init message loads the worker's module,
// then tasks run one after the other, so that a worker's module state
// belongs to one task at a time (a second waits while the first reads).

import { describeError } from "./_pool.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
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
        scope.postMessage({ type: "failed", error: describeError(error) });
        return false;
      });
      return;
    }
    queue = queue.then(async () => {
      if (await loaded) await work(message as M);
    });
  };
}
