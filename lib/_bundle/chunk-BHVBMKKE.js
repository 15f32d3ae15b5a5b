// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/parallel/_settings.ts
var PER_WORKER = 2;
function requirePositive(kind, values) {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`Cannot create ${kind} stage: ${name} must be a positive integer, got ${value}`);
    }
  }
}
function moduleHref(module) {
  return module instanceof URL ? module.href : /^[a-z][a-z0-9+.-]*:/i.test(module) ? module : new URL(module, `file://${Deno.cwd()}/`).href;
}

export {
  PER_WORKER,
  requirePositive,
  moduleHref
};
