// Copyright 2026 the sluice authors. MIT license.
// The workers' pool of parallel() and parallelGroupBy() and the reading of
// a file's byte ranges, in one module that a stage imports when it first
// runs, not when the library is imported (a module loaded stays resident
// for the whole run).

export { Pool, rangeAnswers, remoteError } from "./_pool.ts";
export { readRange } from "../io/_read_range.ts";
