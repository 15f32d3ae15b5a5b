// Copyright 2026 the sluice authors. MIT license.
// A run's figures as OpenTelemetry metrics, where operators look. When Deno's
// own exporter is on (OTEL_DENO=true), the exporter (_otel_export.ts) is
// loaded before any run starts and each run is handed to it. When it is off
// neither the exporter nor the API is loaded: a module once loaded stays
// resident (see bench/RESULTS.md, section Y), and the two hooks cost one
// comparison.

import type { Summary } from "./summary.ts";

/**
 * Whether Deno exports telemetry, as Deno itself reads it (`true` in any
 * case). Without the permission to read `OTEL_DENO` it counts as off: a
 * library never prompts.
 */
function exporterOn(): boolean {
  const deno = (globalThis as { Deno?: typeof Deno }).Deno;
  if (deno?.permissions?.querySync === undefined) return false;
  const env = deno.permissions.querySync({
    name: "env",
    variable: "OTEL_DENO",
  });
  return env.state === "granted" &&
    deno.env.get("OTEL_DENO")?.toLowerCase() === "true";
}

// Loaded before any run starts, so that a run's end records its figures at
// once: a script that exits right after (or dies of the run's error) still
// has them sent by Deno's flush on exit.
const exporter = exporterOn()
  ? await import("./_otel_export.ts").then(async (m) =>
    await m.load() ? m : undefined
  )
  : undefined;

/** Reads `summary` at each collection until its run ends. */
export function watchRun(summary: Summary): void {
  exporter?.watchRun(summary);
}

/** Records the figures of `summary`'s run, which has just ended. */
export function exportRun(summary: Summary): void {
  exporter?.exportRun(summary);
}
