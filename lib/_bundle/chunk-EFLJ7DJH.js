// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/io/list_inputs.ts
async function listInputs(inputs, options = {}) {
  const { expandInputs } = await import("./_glob-PGEW2ZON.js");
  return await expandInputs(typeof inputs === "string" ? [
    inputs
  ] : inputs, options.recursive ?? false);
}

export {
  listInputs
};
