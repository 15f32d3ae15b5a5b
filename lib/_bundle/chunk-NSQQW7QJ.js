// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/io/_zlib_handle.ts
function syncHandle(stream, outBytes) {
  const transform = stream;
  const handle = transform._handle;
  const state = transform._writeState;
  const write = handle?.writeSync;
  if (handle === void 0 || typeof write !== "function" || !(state instanceof Uint32Array)) {
    transform.close();
    return void 0;
  }
  const writeSync = write;
  const writeState = state;
  let failed;
  handle.onerror = (message) => {
    failed = message;
  };
  const out = new Uint8Array(outBytes);
  return {
    *run(input, flush) {
      let at = 0;
      while (true) {
        writeSync.call(handle, flush, input, at, input.length - at, out, 0, out.length);
        if (failed !== void 0) throw new Error(failed);
        const [room, left] = [
          writeState[0],
          writeState[1]
        ];
        at = input.length - left;
        if (room < out.length) yield out.subarray(0, out.length - room);
        if (room > 0 && left === 0) return;
      }
    },
    close: () => transform.close()
  };
}

export {
  syncHandle
};
