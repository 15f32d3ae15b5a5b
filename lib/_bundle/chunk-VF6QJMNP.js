// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/parse/_quote.ts
function quote(text) {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 119)}\u2026` : text);
}

export {
  quote
};
