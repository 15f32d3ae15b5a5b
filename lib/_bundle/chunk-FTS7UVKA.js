// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  integer
} from "./chunk-465NUAZW.js";
import {
  lineField,
  lineWord
} from "./chunk-EKLR5R5G.js";

// lib/cli/commands/_key_option.ts
function keyGetter(ctx, keyName = "key", text = false) {
  const byName = ctx.values[keyName];
  if (byName !== void 0 && ctx.values.word !== void 0) {
    ctx.usageError(`give --${keyName} or --word, not both`);
  }
  if (typeof byName === "string") {
    if (byName === "") ctx.usageError(`--${keyName} names no field`);
    return lineField(byName, {
      text
    });
  }
  if (ctx.values.word !== void 0) {
    return lineWord(integer(ctx, "word", 1));
  }
  return void 0;
}

export {
  keyGetter
};
