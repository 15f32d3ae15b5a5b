// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  sortStage
} from "./chunk-PCXRQEVB.js";

// lib/spill/sort.ts
function sort(keyOrOptions, rest = {}) {
  const options = typeof keyOrOptions === "object" && keyOrOptions !== null ? keyOrOptions : keyOrOptions === void 0 ? rest : {
    ...rest,
    key: keyOrOptions
  };
  return sortStage(options, null);
}

export {
  sort
};
