// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/parallel/_serve_tasks.ts
function heapFigures() {
  const { heapUsed, heapTotal } = Deno.memoryUsage();
  return {
    heapUsed,
    heapTotal
  };
}
function describeError(error) {
  return error instanceof Error ? {
    name: error.name,
    message: error.message,
    ...error.stack ? {
      stack: error.stack
    } : {}
  } : {
    name: "Error",
    message: String(error)
  };
}
function errorReply(seq, error, failed) {
  const own = error.line;
  const reading = typeof own === "number" && (error instanceof RangeError || error instanceof TypeError) && /Line \d+ of/.test(error.message);
  const line = reading ? own : failed?.line;
  return {
    type: "error",
    seq,
    index: reading ? -1 : failed?.index ?? 0,
    ...line === void 0 ? {} : {
      line
    },
    error: describeError(error)
  };
}
function postToParent(message, transfer) {
  globalThis.postMessage(message, transfer);
}
function serveTasks(load, work) {
  const scope = globalThis;
  let loaded = Promise.resolve(false);
  let queue = Promise.resolve();
  scope.onmessage = (event) => {
    const message = event.data;
    if (message.type === "init") {
      loaded = load(message).then(() => true, (error) => {
        postToParent({
          type: "failed",
          error: describeError(error)
        });
        return false;
      });
      return;
    }
    queue = queue.then(async () => {
      if (await loaded) await work(message);
    });
  };
}

export {
  heapFigures,
  errorReply,
  postToParent,
  serveTasks
};
