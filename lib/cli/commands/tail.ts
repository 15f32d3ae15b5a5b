// Copyright 2026 the sluice authors. MIT license.
// `sluice tail`: the last N lines, holding only N.

import { tail as tailStage } from "../../stages/tail.ts";
import type { Command } from "./_command.ts";
import { lineCountCommand } from "./_line_count.ts";

/** `sluice tail -n N`: the last N lines, with only N in memory. */
export const tail: Command = lineCountCommand(
  {
    name: "tail",
    synopsis: "tail -n N",
    summary: "the last N lines (keeps only N)",
  },
  "Print the last N lines, keeping only N lines in memory.",
  ["sluice tail -n 100 app.log"],
  tailStage,
);
