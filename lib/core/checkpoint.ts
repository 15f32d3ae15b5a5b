// Copyright 2026 the sluice authors. MIT license.
/**
 * Resumable runs: the checkpoint option of {@linkcode pipeline} (the error it
 * refuses a changed input with, {@linkcode CheckpointError}, lives with the
 * other error classes).
 *
 * @module
 */

/**
 * Where and how often a {@linkcode pipeline} records its progress, so that
 * running the same pipeline again after a crash, `kill -9` or Ctrl-C
 * continues where it stopped (see {@linkcode PipelineOptions.checkpoint}).
 *
 * @example A run stopped midway and run again
 * ```ts
 * import { map, pipeline, readLines, writeLines } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const lines = Array.from({ length: 10000 }, (_, i) => `line ${i + 1}`);
 * await Deno.writeTextFile(`${dir}/app.log`, lines.join("\n") + "\n");
 *
 * const run = async (stopAt?: number) => {
 *   const stop = new AbortController();
 *   return await pipeline(
 *     readLines(`${dir}/app.log`, { readBytes: 4096 }),
 *     map((line) => {
 *       if (line === `line ${stopAt}`) stop.abort(new Error("Ctrl-C"));
 *       return line.toUpperCase();
 *     }),
 *     writeLines(`${dir}/out.log`),
 *     { checkpoint: { path: `${dir}/out.checkpoint`, everyMs: 0 }, signal: stop.signal },
 *   );
 * };
 * await assert.rejects(run(6000), /Ctrl-C/); // stopped: the checkpoint stays
 * const summary = await run(); // goes on from the checkpoint
 * assert.ok(summary.stages[0]!.itemsOut < 10000); // only the rest was read
 * const out = await Deno.readTextFile(`${dir}/out.log`);
 * assert.equal(out, lines.map((l) => l.toUpperCase()).join("\n") + "\n");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export interface CheckpointOptions {
  /** The checkpoint file: a small JSON file, replaced atomically. */
  path: string | URL;
  /**
   * The least time between two checkpoints, in milliseconds. Each one costs
   * an fsync of the output and an atomic replace of the checkpoint file; `0`
   * records one after every chunk. A run stopped by an abort (Ctrl-C) or a
   * failed stage records one more where it stopped.
   *
   * @default {1000}
   */
  everyMs?: number;
  /**
   * What else the run's output depends on, in words (a command line's own
   * options, say): recorded in the checkpoint, and a run with other settings
   * is refused rather than resumed. The stages' kinds, grep's pattern and
   * flags, and the inputs and output are recorded in any case.
   */
  settings?: string;
}
