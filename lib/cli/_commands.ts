// Copyright 2026 the sluice authors. MIT license.
// The commands of `sluice`, one module each under commands/, in the order
// `sluice --help` lists them. The help and "did you mean" come from here.
// Like all of lib/cli/, the commands take from other folders only modules
// and names that mod.ts exports (tests/cli/public_api_test.ts checks).

import type { Command } from "./commands/_command.ts";
import { count } from "./commands/count.ts";
import { distinct } from "./commands/distinct.ts";
import { fields } from "./commands/fields.ts";
import { grep } from "./commands/grep.ts";
import { group } from "./commands/group.ts";
import { head } from "./commands/head.ts";
import { sample } from "./commands/sample.ts";
import { sort } from "./commands/sort.ts";
import { split } from "./commands/split.ts";
import { tail } from "./commands/tail.ts";

export type { Command } from "./commands/_command.ts";

/** Every command, in the order of the help. */
export const COMMANDS: readonly Command[] = [
  grep,
  count,
  head,
  tail,
  sample,
  fields,
  split,
  sort,
  group,
  distinct,
];
