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
export * from "./lib/batch.ts";
export * from "./lib/checkpoint.ts";
export * from "./lib/dead_letter.ts";
export * from "./lib/distinct.ts";
export * from "./lib/errors.ts";
export * from "./lib/filter.ts";
export * from "./lib/flat_map.ts";
export * from "./lib/grep.ts";
export * from "./lib/group_by.ts";
export * from "./lib/logfmt.ts";
export * from "./lib/map.ts";
export * from "./lib/parallel.ts";
export * from "./lib/parallel_group_by.ts";
export * from "./lib/pipeline.ts";
export * from "./lib/read_lines.ts";
export * from "./lib/reducers.ts";
export * from "./lib/sample.ts";
export * from "./lib/script.ts";
export * from "./lib/sort.ts";
export * from "./lib/summary.ts";
export * from "./lib/tail.ts";
export * from "./lib/take.ts";
export * from "./lib/tap.ts";
export * from "./lib/types.ts";
export * from "./lib/write_lines.ts";
