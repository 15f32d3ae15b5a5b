// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  eventLoopTurn
} from "./chunk-Z7NS7ZUO.js";

// lib/fs/_file_read.ts
var TURN_MS = 10;
var TURN_BYTES = 128 * 1024;
function fileRead(file) {
  let turned = Date.now();
  let bytes = 0;
  const readNow = (p) => {
    try {
      const n = file.readSync(p);
      if (n !== null) bytes += n;
      return Promise.resolve(n);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return (p) => {
    const now = Date.now();
    if (bytes < TURN_BYTES && now - turned < TURN_MS) return readNow(p);
    turned = now;
    bytes = 0;
    return eventLoopTurn().then(() => readNow(p));
  };
}

export {
  TURN_BYTES,
  fileRead
};
