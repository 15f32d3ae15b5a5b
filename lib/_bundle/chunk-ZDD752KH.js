// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/cli/script.ts
async function runScript(spec, body, options = {}) {
  const { runScriptNow } = await import("./_run_script-7LSVPAWD.js");
  return await runScriptNow(spec, body, options);
}

export {
  runScript
};
