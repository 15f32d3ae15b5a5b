// Copyright 2026 the sluice authors. MIT license.
// The engines of the sorting stages (sort, distinct and their partials), in
// one module that a stage imports when it first runs, not when the library
// is imported: every module loaded stays resident for the whole run (with
// the other engines loaded so, T1 over the 1 GiB bench corpus peaks 1.1 MiB
// lower; README, "Layout"). The table of groups is in _group_engine.ts, for
// the stages that group. What a stage needs when it is made is in _keys.ts
// and _named_reducers.ts.

export { ExternalSorter, readRun, writeNumbered } from "./_external_sort.ts";
export { KeyIndex } from "./_key_index.ts";
export { KeylessQueue } from "./_keyless.ts";
export { RunWriter, SpillDir } from "./_spill.ts";
export { compareNumericKeys, mendTies, NumericOrder } from "./_numeric.ts";
