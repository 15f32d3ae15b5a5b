// Copyright 2026 the sluice authors. MIT license.
// The engine of the grouping stages (groupBy, parallelGroupBy and the
// group partials): the table of groups and its spill files, imported when a
// stage first runs. Apart from the sorting engines (_sort_engine.ts), so
// that a sort does not load the table (21 KB of source) nor a group the
// queue of keyless lines and the numeric order it never runs.

export { loadGroupSpec, SpillingGroups } from "./_group_table.ts";
export { SpillDir } from "./_spill.ts";
