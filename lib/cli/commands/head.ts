// Copyright 2026 the sluice authors. MIT license.
// `sluice head`: the first N lines of each file; reading stops there.

import { readLines } from "../../io/read_lines.ts";
import { take } from "../../stages/take.ts";
import type { Command } from "./_command.ts";
import { lineCountCommand } from "./_line_count.ts";

/** `sluice head -n N`: the first N lines, and no more read. */
export const head: Command = lineCountCommand(
  {
    name: "head",
    synopsis: "head -n N",
    summary: "the first N lines (stops reading)",
  },
  "Print the first N lines of each file, and stop reading there.",
  [
    "sluice head -n 20 app.log",
    "zcat big.gz | sluice head -n 5",
    "sluice head -n 1 -q *.log",
  ],
  (_ctx, input, n, read) =>
    Promise.resolve({
      source: readLines(input, read),
      stage: take(n),
    }),
);
