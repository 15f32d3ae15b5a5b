// Copyright 2026 the sluice authors. MIT license.
/**
 * sluice: process files larger than memory, above all huge logs, through
 * composable async-generator stages with bounded buffers, and see after each
 * run where the memory went.
 *
 * ```ts
 * import { filter, map, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const summary = await pipeline(
 *   ["1 ok", "2 ERROR disk", "3 ok"],
 *   filter((line) => line.includes("ERROR")),
 *   map((line) => line.toUpperCase()),
 *   async (lines) => {
 *     for await (const line of lines) assert.equal(line, "2 ERROR DISK");
 *   },
 * );
 * assert.equal(summary.stages.length, 4);
 * ```
 *
 * @module
 */
export * from "./lib/stages/batch.ts";
export * from "./lib/core/checkpoint.ts";
export * from "./lib/policy/dead_letter.ts";
export * from "./lib/spill/distinct.ts";
export * from "./lib/core/errors.ts";
export * from "./lib/stages/filter.ts";
export * from "./lib/stages/flat_map.ts";
export * from "./lib/stages/grep.ts";
export * from "./lib/spill/group_by.ts";
export * from "./lib/parse/logfmt.ts";
export * from "./lib/stages/map.ts";
export * from "./lib/parallel/parallel.ts";
export * from "./lib/parallel/parallel_group_by.ts";
export * from "./lib/core/pipeline.ts";
export * from "./lib/io/read_lines.ts";
export * from "./lib/spill/reducers.ts";
export * from "./lib/stages/sample.ts";
export * from "./lib/cli/script.ts";
export * from "./lib/spill/sort.ts";
export * from "./lib/summary/summary.ts";
export * from "./lib/stages/tail.ts";
export * from "./lib/stages/take.ts";
export * from "./lib/stages/tap.ts";
export * from "./lib/core/types.ts";
export * from "./lib/io/write_lines.ts";
