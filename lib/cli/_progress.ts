// Copyright 2026 the sluice authors. MIT license.
// The progress line: bytes done of total, lines, rate and ETA, redrawn in
// place on standard error.

import { formatBytes, type Summary } from "../summary/summary.ts";

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(Math.ceil(s % 60)).padStart(2, "0")}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** One redraw: carriage return, the figures, clear to the end of the line. */
export function renderProgress(
  summary: Summary,
  total: number | undefined,
): string {
  const done = summary.bytesRead;
  const seconds = summary.wallMs / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const lines = summary.stages[0]?.itemsOut ?? 0;
  const parts = total !== undefined && total > 0
    ? [
      `${formatBytes(done)} / ${formatBytes(total)}`,
      `${Math.min(100, Math.floor(done / total * 100))}%`,
      `${lines.toLocaleString("en-US")} lines`,
      `${formatBytes(rate)}/s`,
      `ETA ${rate > 0 ? formatSeconds((total - done) / rate) : "?"}`,
    ]
    : [
      formatBytes(done),
      `${lines.toLocaleString("en-US")} lines`,
      `${formatBytes(rate)}/s`,
    ];
  return `\r${parts.join("  ")}\x1b[K`;
}
