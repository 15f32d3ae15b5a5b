// Copyright 2026 the sluice authors. MIT license.
// What parallel() and parallelGroupBy() check and say when they are made.
// Their workers' pool (_pool.ts) is loaded only when a stage runs, with
// _engine.ts.

/** Tasks a worker may hold at once: one being worked on, one waiting. */
export const PER_WORKER = 2;

/** Throws a RangeError naming the stage for a value that is not >= 1. */
export function requirePositive(
  kind: string,
  values: Record<string, number>,
): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(
        `Cannot create ${kind} stage: ${name} must be a positive integer, got ${value}`,
      );
    }
  }
}

/** A module for workers to load: a URL, or a path from the working directory. */
export function moduleHref(module: string | URL): string {
  return module instanceof URL
    ? module.href
    : /^[a-z][a-z0-9+.-]*:/i.test(module)
    ? module
    : new URL(module, `file://${Deno.cwd()}/`).href;
}
