// Copyright 2026 the sluice authors. MIT license.
// The engines of the spilling stages (sort, distinct, groupBy, their
// partials and parallelGroupBy), in one module that a stage imports when it
// first runs, not when the library is imported: every module loaded stays
// resident for the whole run (with the other engines loaded so, T1 over the
// 1 GiB bench corpus peaks 1.1 MiB lower; README, "Layout"). What a stage
// needs when it is made is in _keys.ts and _named_reducers.ts.

export { ExternalSorter, readRun, writeNumbered } from "./_external_sort.ts";
export { loadGroupSpec, SpillingGroups } from "./_group_table.ts";
export { KeyIndex } from "./_key_index.ts";
export { KeylessQueue } from "./_keyless.ts";
export { RunWriter, SpillDir } from "./_spill.ts";
export { compareNumericKeys, mendTies, NumericOrder } from "./_numeric.ts";
